/* ilv-timeline-view-input.c: zoom, pan, select and click on the timeline, by pointer, touch and keys
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ilv-timeline-view-private.h"

static gboolean
over_ruler (IlvTimelineView *self,
            double           x,
            double           y)
{
  IlvTimelineHit hit;

  return self->layout != NULL &&
         ilv_timeline_layout_hit (self->layout, x, y, &hit) &&
         hit.kind == ILV_HIT_RULER;
}

static gint64
time_at (IlvTimelineView *self,
         double           x)
{
  IlvRect plot;

  ilv_timeline_layout_get_plot_area (self->layout, &plot);
  return ilv_timeline_layout_x_to_time (self->layout, CLAMP (x, plot.x, plot.x + plot.width));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           IlvTimelineView          *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  IlvRect plot;
  double notches_x = dx;
  double notches_y = dy;

  if (self->layout == NULL)
    return FALSE;

  /* A touchpad scrolls in pixels, a wheel in notches: make a pixel of
   * touchpad pan a pixel of the plot. */
  ilv_timeline_layout_get_plot_area (self->layout, &plot);
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    {
      notches_x = dx / (0.1 * MAX (plot.width, 1));
      notches_y = dy / (0.1 * MAX (plot.width, 1));
    }

  if (state & GDK_CONTROL_MASK)
    {
      double factor = pow (ILV_TIMELINE_ZOOM_STEP, -notches_y);

      ilv_timeline_model_zoom (self->model, factor, time_at (self, self->pointer_x));
      return TRUE;
    }

  /* A wheel's vertical notches pan too: a timeline has nothing else to
   * scroll vertically. */
  ilv_timeline_model_pan (self->model, 0.1 * (notches_x != 0 ? notches_x : notches_y));
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           IlvTimelineView          *self)
{
  self->pointer_x = x;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               IlvTimelineView  *self)
{
  self->zoom_scale = 1.0;
}

static void
zoom_scale_cb (GtkGestureZoom  *gesture,
               double           scale,
               IlvTimelineView *self)
{
  double x;
  double y;

  if (self->layout == NULL || scale <= 0)
    return;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  ilv_timeline_model_zoom (self->model, scale / self->zoom_scale, time_at (self, x));
  self->zoom_scale = scale;
}

static void
drag_begin_cb (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               IlvTimelineView *self)
{
  if (self->layout == NULL)
    {
      self->drag = DRAG_NONE;
      return;
    }

  self->drag = over_ruler (self, x, y) ? DRAG_SELECT : DRAG_PAN;
  self->drag_start = time_at (self, x);
  ilv_timeline_model_get_visible (self->model, &self->drag_visible_start, &self->drag_visible_end);
}

static void
drag_update_cb (GtkGestureDrag  *gesture,
                double           offset_x,
                double           offset_y,
                IlvTimelineView *self)
{
  double x;
  double y;
  IlvRect plot;
  double ns_per_px;
  gint64 delta;

  if (self->drag == DRAG_NONE)
    return;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (self->drag == DRAG_SELECT)
    {
      ilv_timeline_model_set_selection (self->model, self->drag_start, time_at (self, x + offset_x));
      return;
    }

  ilv_timeline_layout_get_plot_area (self->layout, &plot);
  ns_per_px = (double) (self->drag_visible_end - self->drag_visible_start) / MAX (plot.width, 1);
  delta = (gint64) (-offset_x * ns_per_px);
  if (delta != 0)
    ilv_timeline_model_set_visible (self->model, self->drag_visible_start + delta,
                                    self->drag_visible_end + delta);
}

static void
drag_end_cb (GtkGestureDrag  *gesture,
             double           offset_x,
             double           offset_y,
             IlvTimelineView *self)
{
  /* A click on the ruler without a drag clears the selection. */
  if (self->drag == DRAG_SELECT && ABS (offset_x) < 3)
    ilv_timeline_model_clear_selection (self->model);
  self->drag = DRAG_NONE;
}

static void
click_cb (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          IlvTimelineView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* A double-click is one click: its second release would turn off the
   * highlight that the first turned on. */
  if (n_press > 1)
    return;
  ilv_timeline_view_click_at (self, x, y);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                IlvTimelineView       *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      ilv_timeline_view_move_focus_lane (self, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      ilv_timeline_view_move_focus_lane (self, 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      ilv_timeline_model_pan (self->model, -0.1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      ilv_timeline_model_pan (self->model, 0.1);
      return TRUE;
    default:
      return FALSE;
    }
}

void
ilv_timeline_view_add_controllers (IlvTimelineView *self)
{
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkEventController *key;
  GtkGesture *zoom;
  GtkGesture *drag;
  GtkGesture *click;

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

