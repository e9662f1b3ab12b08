/* ilv-timeline-view.c: the timeline widget: runs drawn live, explored by zoom, pan and selection
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-time-format.h"
#include "ilv-timeline.h"
#include "ilv-timeline-tooltip.h"
#include "ilv-timeline-view-private.h"

G_DEFINE_FINAL_TYPE (IlvTimelineView, ilv_timeline_view, GTK_TYPE_WIDGET)

static void
invalidate (IlvTimelineView *self)
{
  g_clear_pointer (&self->cached, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gint64
traces_duration (IlvTimelineView *self)
{
  gint64 duration = 0;

  for (guint i = 0; i < self->traces->len; i++)
    {
      IlvTrace *trace = g_ptr_array_index (self->traces, i);

      duration = MAX (duration, ilv_trace_get_end (trace) - ilv_trace_get_start (trace));
    }

  return duration;
}

static gboolean
serials_changed (IlvTimelineView *self)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < self->traces->len; i++)
    {
      guint64 serial = ilv_trace_get_serial (g_ptr_array_index (self->traces, i));

      changed |= serial != self->serials[i];
      self->serials[i] = serial;
    }

  return changed;
}

static gboolean
options_equal (const IlvRenderOptions *a,
               const IlvRenderOptions *b)
{
  return a->width == b->width && a->height == b->height && a->scale == b->scale &&
         a->theme == b->theme && a->show_title == b->show_title &&
         a->show_summary == b->show_summary && a->show_legend == b->show_legend &&
         a->t0 == b->t0 && a->t1 == b->t1 && a->highlight_resource == b->highlight_resource &&
         a->highlight_trace == b->highlight_trace;
}

/* The options of this frame; TRUE when they differ from the last. */
static gboolean
update_options (IlvTimelineView *self)
{
  IlvRenderOptions next = self->options;
  gint64 start;
  gint64 end;
  gint64 origin = 0;

  ilv_timeline_model_get_visible (self->model, &start, &end);
  if (self->traces->len > 0)
    origin = ilv_trace_get_start (g_ptr_array_index (self->traces, 0));
  next.width = gtk_widget_get_width (GTK_WIDGET (self));
  next.height = gtk_widget_get_height (GTK_WIDGET (self));
  next.t0 = origin + start;
  next.t1 = origin + end;
  next.highlight_resource = ilv_timeline_model_get_highlight (self->model);
  next.highlight_trace = ilv_timeline_model_get_highlight_trace (self->model);
  if (options_equal (&next, &self->options))
    return FALSE;

  self->options = next;
  return TRUE;
}

static void
ensure_layout (IlvTimelineView *self)
{
  gboolean options_changed = update_options (self);
  gboolean grew = serials_changed (self);

  if (self->traces->len == 0)
    return;

  if (self->layout == NULL)
    self->layout = ilv_timeline_layout_new ((IlvTrace * const *) self->traces->pdata,
                                            self->traces->len, &self->options);
  else if (options_changed || grew)
    ilv_timeline_layout_update (self->layout, &self->options);
  else
    return;

  g_clear_pointer (&self->cached, gsk_render_node_unref);
}

static GskRenderNode *
draw_runs (IlvTimelineView *self)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  graphene_rect_t bounds;
  cairo_t *cr;

  graphene_rect_init (&bounds, 0, 0, self->options.width, self->options.height);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  ilv_timeline_layout_draw (self->layout, cr);
  cairo_destroy (cr);

  return gtk_snapshot_free_to_node (snapshot);
}

static void
snapshot_selection (IlvTimelineView *self,
                    GtkSnapshot     *snapshot)
{
  static const GdkRGBA shade = { 0.21, 0.52, 0.89, 0.18 };
  static const GdkRGBA edge = { 0.21, 0.52, 0.89, 0.9 };
  gint64 start;
  gint64 end;
  IlvRect plot;
  double x0;
  double x1;

  if (!ilv_timeline_model_get_selection (self->model, &start, &end))
    return;

  ilv_timeline_layout_get_plot_area (self->layout, &plot);
  x0 = CLAMP (ilv_timeline_layout_time_to_x (self->layout, start), plot.x, plot.x + plot.width);
  x1 = CLAMP (ilv_timeline_layout_time_to_x (self->layout, end), plot.x, plot.x + plot.width);
  gtk_snapshot_append_color (snapshot, &shade,
                             &GRAPHENE_RECT_INIT (x0, 0, MAX (x1 - x0, 1), self->options.height));
  gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x0, 0, 1, self->options.height));
  gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x1 - 1, 0, 1, self->options.height));
}

static void
snapshot_focus_lane (IlvTimelineView *self,
                     GtkSnapshot     *snapshot)
{
  static const GdkRGBA ring = { 0.21, 0.52, 0.89, 1.0 };
  const IlvTimelineRow *row;
  GskRoundedRect outline;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colors[4] = { ring, ring, ring, ring };

  if (!gtk_widget_has_focus (GTK_WIDGET (self)) || self->focus_row < 0 ||
      (guint) self->focus_row >= ilv_timeline_layout_get_n_rows (self->layout))
    return;

  row = ilv_timeline_layout_get_row (self->layout, self->focus_row);
  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (row->rect.x + 1, row->rect.y,
                                                        row->rect.width - 2, row->rect.height),
                                   3);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
ilv_timeline_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  IlvTimelineView *self = ILV_TIMELINE_VIEW (widget);

  ensure_layout (self);
  if (self->layout == NULL)
    return;

  if (self->cached == NULL)
    self->cached = draw_runs (self);
  gtk_snapshot_append_node (snapshot, self->cached);
  snapshot_selection (self, snapshot);
  snapshot_focus_lane (self, snapshot);
}

/* The accessible description says what is shown: runs, range, selection
 * and the focused lane; kept current as they change. */
static void
update_description (IlvTimelineView *self)
{
  g_autofree char *text = ilv_timeline_view_describe (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
model_changed_cb (IlvTimelineView *self)
{
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
model_selection_cb (IlvTimelineView *self)
{
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
ilv_timeline_view_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  IlvTimelineView *self = ILV_TIMELINE_VIEW (widget);
  g_autofree char *markup = NULL;

  if (keyboard_mode)
    {
      g_autofree char *text = ilv_timeline_view_describe (self);

      markup = g_markup_escape_text (text, -1);
    }
  else
    {
      markup = ilv_timeline_view_describe_at (self, x, y);
    }
  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
ilv_timeline_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  IlvTimelineView *self = ILV_TIMELINE_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 960;
    }
  else
    {
      *minimum = 160;
      *natural = self->layout != NULL
        ? MAX (160, (int) ilv_timeline_layout_get_natural_height (self->layout))
        : 400;
    }
}

static void
ilv_timeline_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  g_clear_pointer (&ILV_TIMELINE_VIEW (widget)->cached, gsk_render_node_unref);
}

static void
ilv_timeline_view_dispose (GObject *object)
{
  IlvTimelineView *self = ILV_TIMELINE_VIEW (object);

  g_clear_pointer (&self->cached, gsk_render_node_unref);
  g_clear_pointer (&self->layout, ilv_timeline_layout_free);
  if (self->traces != NULL)
    g_ptr_array_set_size (self->traces, 0);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ilv_timeline_view_parent_class)->dispose (object);
}

static void
ilv_timeline_view_finalize (GObject *object)
{
  IlvTimelineView *self = ILV_TIMELINE_VIEW (object);

  g_clear_pointer (&self->traces, g_ptr_array_unref);

  G_OBJECT_CLASS (ilv_timeline_view_parent_class)->finalize (object);
}

static void
ilv_timeline_view_class_init (IlvTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ilv_timeline_view_dispose;
  object_class->finalize = ilv_timeline_view_finalize;

  widget_class->snapshot = ilv_timeline_view_snapshot;
  widget_class->measure = ilv_timeline_view_measure;
  widget_class->size_allocate = ilv_timeline_view_size_allocate;
  widget_class->query_tooltip = ilv_timeline_view_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ilv_timeline_view_init (IlvTimelineView *self)
{
  self->traces = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_trace_unref);
  self->model = ilv_timeline_model_new ();
  self->focus_row = -1;
  ilv_render_options_init (&self->options);
  self->options.show_title = FALSE;
  self->options.width = 0;
  self->options.height = 0;

  g_signal_connect_object (self->model, "notify::visible-start", G_CALLBACK (model_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::visible-end", G_CALLBACK (model_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::highlight", G_CALLBACK (model_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::selection-end", G_CALLBACK (model_selection_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No run yet"),
                                  -1);
  ilv_timeline_view_add_controllers (self);
}

GtkWidget *
ilv_timeline_view_new (void)
{
  return g_object_new (ILV_TYPE_TIMELINE_VIEW, NULL);
}

IlvTimelineModel *
ilv_timeline_view_get_model (IlvTimelineView *self)
{
  g_return_val_if_fail (ILV_IS_TIMELINE_VIEW (self), NULL);

  return self->model;
}

void
ilv_timeline_view_set_traces (IlvTimelineView  *self,
                              IlvTrace * const *traces,
                              guint             n_traces)
{
  g_return_if_fail (ILV_IS_TIMELINE_VIEW (self));
  g_return_if_fail (n_traces <= ILV_TIMELINE_VIEW_MAX_TRACES);
  g_return_if_fail (n_traces == 0 || traces != NULL);

  g_ptr_array_set_size (self->traces, 0);
  for (guint i = 0; i < n_traces; i++)
    g_ptr_array_add (self->traces, ilv_trace_ref (traces[i]));
  for (guint i = 0; i < ILV_TIMELINE_VIEW_MAX_TRACES; i++)
    self->serials[i] = 0;
  g_clear_pointer (&self->layout, ilv_timeline_layout_free);
  self->focus_row = -1;

  ilv_timeline_model_reset (self->model, traces_duration (self));
  model_selection_cb (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  invalidate (self);
}

void
ilv_timeline_view_traces_changed (IlvTimelineView *self)
{
  g_return_if_fail (ILV_IS_TIMELINE_VIEW (self));

  ilv_timeline_model_set_duration (self->model, traces_duration (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ilv_timeline_view_set_theme (IlvTimelineView *self,
                             IlvTheme         theme)
{
  g_return_if_fail (ILV_IS_TIMELINE_VIEW (self));

  if (self->options.theme == theme)
    return;

  self->options.theme = theme;
  invalidate (self);
}

IlvTheme
ilv_timeline_view_get_theme (IlvTimelineView *self)
{
  g_return_val_if_fail (ILV_IS_TIMELINE_VIEW (self), ILV_THEME_LIGHT);

  return self->options.theme;
}

void
ilv_timeline_view_set_scale (IlvTimelineView *self,
                             double           scale)
{
  g_return_if_fail (ILV_IS_TIMELINE_VIEW (self));
  g_return_if_fail (scale > 0);

  if (self->options.scale == scale)
    return;

  self->options.scale = scale;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  invalidate (self);
}

void
ilv_timeline_view_set_show_summary (IlvTimelineView *self,
                                    gboolean         show_summary)
{
  g_return_if_fail (ILV_IS_TIMELINE_VIEW (self));

  show_summary = !!show_summary;
  if (self->options.show_summary == show_summary)
    return;

  self->options.show_summary = show_summary;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  invalidate (self);
}

void
ilv_timeline_view_get_options (IlvTimelineView  *self,
                               IlvRenderOptions *options)
{
  g_return_if_fail (ILV_IS_TIMELINE_VIEW (self));
  g_return_if_fail (options != NULL);

  update_options (self);
  *options = self->options;
}

IlvTimelineLayout *
ilv_timeline_view_get_layout (IlvTimelineView *self)
{
  g_return_val_if_fail (ILV_IS_TIMELINE_VIEW (self), NULL);

  return self->layout;
}

guint
ilv_timeline_view_get_n_lanes (IlvTimelineView *self)
{
  guint n = 0;

  g_return_val_if_fail (ILV_IS_TIMELINE_VIEW (self), 0);

  if (self->layout == NULL)
    return 0;

  for (guint i = 0; i < ilv_timeline_layout_get_n_rows (self->layout); i++)
    if (ilv_timeline_layout_get_row (self->layout, i)->kind == ILV_ROW_LANE)
      n++;

  return n;
}

void
ilv_timeline_view_move_focus_lane (IlvTimelineView *self,
                                   int              delta)
{
  guint n_rows;
  gint row;

  g_return_if_fail (ILV_IS_TIMELINE_VIEW (self));

  if (self->layout == NULL || delta == 0)
    return;

  n_rows = ilv_timeline_layout_get_n_rows (self->layout);
  row = self->focus_row;
  for (int step = ABS (delta); step > 0;)
    {
      row += delta > 0 ? 1 : -1;
      if (row < 0 || (guint) row >= n_rows)
        return;
      if (ilv_timeline_layout_get_row (self->layout, row)->kind == ILV_ROW_LANE)
        {
          self->focus_row = row;
          step--;
        }
    }

  model_selection_cb (self);
}

/**
 * ilv_timeline_view_click_at:
 *
 * What a click at (x, y) does: a lock or queue (its hold bar, arrow,
 * counter track or a wait for it) is highlighted everywhere, or no longer
 * when it already was; a lane gets the keyboard focus.
 */
void
ilv_timeline_view_click_at (IlvTimelineView *self,
                            double           x,
                            double           y)
{
  IlvTimelineHit hit;
  gint resource = -1;
  guint trace = 0;

  g_return_if_fail (ILV_IS_TIMELINE_VIEW (self));

  if (self->layout == NULL)
    return;

  if (ilv_timeline_layout_hit (self->layout, x, y, &hit))
    {
      resource = ilv_timeline_hit_resource (self->layout, &hit);
      trace = hit.trace;
      if (hit.row >= 0 && ilv_timeline_layout_get_row (self->layout, hit.row)->kind == ILV_ROW_LANE)
        self->focus_row = hit.row;
    }
  if (hit.kind == ILV_HIT_RULER)
    return;

  /* Clicking the highlighted lock or queue again, or empty space, turns
   * the highlight off. */
  if (resource == ilv_timeline_layout_get_highlight (self->layout, trace))
    resource = -1;
  ilv_timeline_model_set_highlight (self->model, trace, resource);
  model_selection_cb (self);
}

static void
describe_lane (IlvTimelineView *self,
               GString         *out)
{
  const IlvTimelineRow *row = ilv_timeline_layout_get_row (self->layout, self->focus_row);
  IlvTrace *trace = ilv_timeline_layout_get_trace (self->layout, row->trace);
  gint64 times[ILV_N_STATES];
  gint64 start;
  gint64 end;
  gint64 origin = ilv_trace_get_start (trace);

  if (!ilv_timeline_model_get_selection (self->model, &start, &end))
    ilv_timeline_model_get_visible (self->model, &start, &end);
  ilv_trace_lane_state_times (trace, row->index, origin + start, origin + end, times);

  g_string_append_printf (out, _("Lane %s:"), row->label);
  for (guint s = 0; s < ILV_N_STATES; s++)
    {
      g_autofree char *t = NULL;

      if (times[s] <= 0 || s == ILV_STATE_NOT_STARTED || s == ILV_STATE_DONE)
        continue;
      t = ilv_time_format (times[s]);
      g_string_append_printf (out, " %s %s;", ilv_state_describe (s), t);
    }
}

char *
ilv_timeline_view_describe (IlvTimelineView *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *visible = NULL;
  gint64 start;
  gint64 end;

  g_return_val_if_fail (ILV_IS_TIMELINE_VIEW (self), NULL);

  if (self->traces->len == 0)
    return g_strdup (_("No run yet"));

  ilv_timeline_model_get_visible (self->model, &start, &end);
  visible = ilv_time_format (end - start);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u run, %s shown.",
                                            "%u runs, %s shown.", self->traces->len),
                          self->traces->len, visible);
  if (ilv_timeline_model_get_selection (self->model, &start, &end))
    {
      g_autofree char *a = ilv_time_format (start);
      g_autofree char *b = ilv_time_format (end);

      g_string_append_c (out, ' ');
      g_string_append_printf (out, _("Selected from %s to %s."), a, b);
    }
  if (self->layout != NULL && self->focus_row >= 0 &&
      (guint) self->focus_row < ilv_timeline_layout_get_n_rows (self->layout))
    {
      g_string_append_c (out, ' ');
      describe_lane (self, out);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
ilv_timeline_view_describe_at (IlvTimelineView *self,
                               double           x,
                               double           y)
{
  IlvTimelineHit hit;

  g_return_val_if_fail (ILV_IS_TIMELINE_VIEW (self), NULL);

  if (self->layout == NULL || !ilv_timeline_layout_hit (self->layout, x, y, &hit))
    return NULL;

  return ilv_timeline_tooltip_markup (self->layout, &hit);
}
