/* test-window-input.c: the timeline explored with a real pointer:
 * X input events made by xdotool (XTest) on a private server
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "ilv-app-test.h"
#include "ilv-lane-table.h"
#include "ilv-summary-strip.h"
#include "ilv-test-display.h"
#include "ilv-test-input.h"
#include "ilv-time-format.h"

static gboolean
has_selection (gpointer window)
{
  return ilv_timeline_model_get_selection (ilv_input_get_model (window), NULL, NULL);
}

static IlvLaneTable *
get_table (IlvWindow *window)
{
  return ILV_LANE_TABLE (ilv_app_test_get_child (window, ILV_TYPE_LANE_TABLE));
}

static gboolean
table_shows_selection (gpointer window)
{
  return ilv_lane_table_get_range (get_table (window), NULL, NULL);
}

static gboolean
no_selection (gpointer window)
{
  return !has_selection (window);
}

/* The middle height of the ruler. */
static double
ruler_y (IlvWindow *window)
{
  IlvRect ruler;

  ilv_timeline_layout_get_ruler_area (ilv_timeline_view_get_layout (ilv_app_test_get_view (window)), &ruler);
  return ruler.y + ruler.height / 2;
}

/* A drag along the ruler from `from` to `to` (shares of the plot's
 * width) selects the times under the pointer, give or take 2 px. */
static void
drag_select (IlvWindow  *window,
             double      from,
             double      to,
             const char *what)
{
  IlvTimelineLayout *layout = ilv_timeline_view_get_layout (ilv_app_test_get_view (window));
  double tolerance = 2 * ilv_input_ns_per_px (window);
  IlvRect plot;
  gint64 t0, t1, start, end;

  ilv_input_plot_area (window, &plot);
  t0 = ilv_timeline_layout_x_to_time (layout, plot.x + from * plot.width);
  t1 = ilv_timeline_layout_x_to_time (layout, plot.x + to * plot.width);
  ilv_input_drag (window, plot.x + from * plot.width, plot.x + to * plot.width, ruler_y (window));
  ilv_app_test_wait_until (has_selection, window, what);
  g_assert_true (ilv_timeline_model_get_selection (ilv_input_get_model (window), &start, &end));
  g_assert_cmpfloat (fabs ((double) (start - t0)), <=, tolerance);
  g_assert_cmpfloat (fabs ((double) (end - t1)), <=, tolerance);
}

/* A drag along the ruler selects that range; the table below gives the
 * time of each lane in each state there. A click on the ruler clears it. */
static void
ruler_select_body (IlvWindow *window)
{
  IlvRect plot;
  gint64 t0, t1, start, end;

  ilv_app_test_run_builtin (window, "queue-fast-producers");
  drag_select (window, 0.25, 0.6, "a selection after a drag along the ruler");
  g_assert_true (ilv_timeline_model_get_selection (ilv_input_get_model (window), &start, &end));
  /* Selecting does not move what is shown. */
  g_assert_true (ilv_timeline_model_is_whole (ilv_input_get_model (window)));

  ilv_app_test_wait_until (table_shows_selection, window, "the table to give the selection's times");
  g_assert_true (ilv_lane_table_get_range (get_table (window), &t0, &t1));
  g_assert_cmpint (t0, ==, start);
  g_assert_cmpint (t1, ==, end);
  g_assert_cmpuint (ilv_lane_table_get_n_rows (get_table (window)), >=, 2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (get_table (window))));

  ilv_input_xdo (window, "click 1");
  ilv_app_test_wait_until (no_selection, window, "a click on the ruler to clear the selection");

  /* Leftwards, past the start of the run: from its start to where the
   * drag began. */
  ilv_input_plot_area (window, &plot);
  ilv_input_drag (window, plot.x + 0.6 * plot.width, plot.x - 100, ruler_y (window));
  ilv_app_test_wait_until (has_selection, window, "a selection after a drag to the left");
  g_assert_true (ilv_timeline_model_get_selection (ilv_input_get_model (window), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpfloat (fabs ((double) (end - t1)), <=, 2 * ilv_input_ns_per_px (window));
}

/* Ctrl and the wheel's `button` (4 up, in; 5 down, out) with the pointer
 * at `x` of the timeline: the time that was under the pointer stays
 * there, give or take 2 px. Returns the visible width before. */
static gint64
ctrl_wheel_at (IlvWindow  *window,
               double      x,
               int         button,
               const char *what)
{
  IlvTimelineLayout *layout = ilv_timeline_view_get_layout (ilv_app_test_get_view (window));
  gint64 anchor = ilv_timeline_layout_x_to_time (layout, x);
  IlvInputVisible before = { window, ilv_input_visible_width (window) };

  ilv_input_xdo (window, "keydown ctrl click %d keyup ctrl", button);
  ilv_app_test_wait_until (ilv_input_width_changed, &before, what);
  layout = ilv_timeline_view_get_layout (ilv_app_test_get_view (window));
  g_assert_cmpfloat (fabs (ilv_timeline_layout_time_to_x (layout, anchor) - x), <=, 2);
  return before.width;
}

/* Ctrl+wheel zooms around the pointer: the time under it stays there. */
static void
ctrl_scroll_zoom_body (IlvWindow *window)
{
  IlvTimelineLayout *layout;
  IlvRect plot;
  IlvInputVisible before = { window, 0 };
  double x;
  double y;
  gint64 anchor;
  gint64 width;

  ilv_app_test_run_builtin (window, "race-condition");
  ilv_input_plot_area (window, &plot);
  x = plot.x + 0.7 * plot.width;
  y = ilv_input_lane_y (window, "increase#1");
  ilv_input_move_to (window, x, y);
  layout = ilv_timeline_view_get_layout (ilv_app_test_get_view (window));
  anchor = ilv_timeline_layout_x_to_time (layout, x);

  /* Button 4 is a wheel notch up: in. */
  width = ctrl_wheel_at (window, x, 4, "Ctrl+wheel to zoom");
  g_assert_cmpfloat ((double) width / ilv_input_visible_width (window), >, 1.3);
  g_assert_cmpfloat ((double) width / ilv_input_visible_width (window), <, 1.7);

  /* Once more, then out again: still around the same point. */
  before.width = ilv_input_visible_width (window);
  ilv_input_xdo (window, "keydown ctrl click 4 keyup ctrl");
  ilv_app_test_wait_until (ilv_input_width_changed, &before, "a second Ctrl+wheel to zoom");
  before.width = ilv_input_visible_width (window);
  ilv_input_xdo (window, "keydown ctrl click 5 keyup ctrl");
  ilv_app_test_wait_until (ilv_input_width_changed, &before, "Ctrl+wheel down to zoom out");
  g_assert_cmpint (ilv_input_visible_width (window), >, before.width);
  layout = ilv_timeline_view_get_layout (ilv_app_test_get_view (window));
  g_assert_cmpfloat (fabs (ilv_timeline_layout_time_to_x (layout, anchor) - x), <=, 2);
  g_assert_false (ilv_timeline_model_is_whole (ilv_input_get_model (window)));
}

/* Where the pointer is on the timeline, asked of the X server. */
static void
pointer_in_view (IlvWindow *window,
                 double    *x,
                 double    *y)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (GTK_WIDGET (window)));
  graphene_point_t point;
  double sx;
  double sy;
  double dx;
  double dy;

  g_assert_true (gdk_surface_get_device_position (surface, gdk_seat_get_pointer (seat), &sx, &sy, NULL));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (window), GTK_WIDGET (ilv_app_test_get_view (window)),
                                           &GRAPHENE_POINT_INIT (sx - dx, sy - dy), &point));
  *x = point.x;
  *y = point.y;
}

static gboolean
panel_hidden (gpointer data)
{
  IlvInputVisible *v = data;
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (GTK_WIDGET (ilv_app_test_get_view (v->window)), GTK_WIDGET (v->window), &bounds) &&
         bounds.origin.x < v->width;
}

/* The timeline moves under a pointer that stays put (F9 hides the side
 * panel): Ctrl+wheel still zooms around the time under the pointer. */
static void
zoom_after_move_body (IlvWindow *window)
{
  IlvRect plot;
  IlvInputVisible before = { window, 0 };
  graphene_rect_t bounds;
  double x;
  double y;

  ilv_app_test_run_builtin (window, "race-condition");
  ilv_input_plot_area (window, &plot);
  ilv_input_move_to (window, plot.x + 0.7 * plot.width, ilv_input_lane_y (window, "increase#1"));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (ilv_app_test_get_view (window)), GTK_WIDGET (window), &bounds));
  before.width = (gint64) bounds.origin.x;

  ilv_input_xdo (window, "key F9");
  ilv_app_test_wait_until (panel_hidden, &before, "F9 to hide the side panel");
  ilv_app_test_wait_frames (window, 3);
  pointer_in_view (window, &x, &y);
  ilv_input_plot_area (window, &plot);
  g_assert_cmpfloat (x, >, plot.x);
  g_assert_cmpfloat (x, <, plot.x + plot.width);
  ctrl_wheel_at (window, x, 4, "Ctrl+wheel to zoom");
}

/* Zoomed in, the wheel without Ctrl pans a tenth of the view a notch,
 * and a drag on the lanes moves the run with the pointer. */
static void
pan_body (IlvWindow *window)
{
  IlvRect plot;
  IlvInputVisible before = { window, 0 };
  gint64 width;
  gint64 start;
  double px;
  double y;

  ilv_app_test_run_builtin (window, "race-condition");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "timeline.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "timeline.zoom-in", NULL));
  ilv_app_test_wait_frames (window, 2);
  ilv_input_plot_area (window, &plot);
  y = ilv_input_lane_y (window, "increase#1");
  ilv_input_move_to (window, plot.x + plot.width / 2, y);
  width = ilv_input_visible_width (window);
  start = ilv_input_visible_start (window);

  /* Wheel down: later. */
  before.width = start;
  ilv_input_xdo (window, "click 5");
  ilv_app_test_wait_until (ilv_input_start_changed, &before, "the wheel to pan");
  g_assert_cmpint (ilv_input_visible_width (window), ==, width);
  g_assert_cmpfloat (fabs ((double) (ilv_input_visible_start (window) - start) - 0.1 * width), <=, 0.01 * width);
  before.width = ilv_input_visible_start (window);
  ilv_input_xdo (window, "click 4");
  ilv_app_test_wait_until (ilv_input_start_changed, &before, "the wheel up to pan back");
  g_assert_cmpfloat (fabs ((double) (ilv_input_visible_start (window) - start)), <=, 0.01 * width);
  g_assert_cmpint (ilv_input_visible_width (window), ==, width);

  /* Drag the lanes 200 px to the left: 200 px later in the run. */
  start = ilv_input_visible_start (window);
  px = ilv_input_ns_per_px (window);
  before.width = start;
  ilv_input_drag (window, plot.x + 0.7 * plot.width, plot.x + 0.7 * plot.width - 200, y);
  ilv_app_test_wait_until (ilv_input_start_changed, &before, "a drag on the lanes to pan");
  g_assert_cmpfloat (fabs ((double) (ilv_input_visible_start (window) - start) - 200 * px), <=, 3 * px);
  g_assert_cmpint (ilv_input_visible_width (window), ==, width);
  /* A drag on the lanes is no selection. */
  g_assert_false (ilv_timeline_model_get_selection (ilv_input_get_model (window), NULL, NULL));
}

static GtkWidget *
shown_tooltip_label (IlvWindow *window)
{
  GtkWidget *tooltip = ilv_app_test_find_tooltip (window);

  return tooltip != NULL ? ilv_app_test_find_type (tooltip, GTK_TYPE_LABEL) : NULL;
}

static gboolean
tooltip_shown (gpointer window)
{
  GtkWidget *label = shown_tooltip_label (window);

  return label != NULL && strstr (gtk_label_get_text (GTK_LABEL (label)), "Sleeping") != NULL;
}

/* The pointer resting on a worker's bar shows its lane, state and times. */
static void
hover_body (IlvWindow *window)
{
  IlvTimelineView *view;
  IlvRect plot;
  GtkWidget *label;
  const char *text;
  double x = -1;
  double y;

  ilv_app_test_run_builtin (window, "race-condition");
  view = ilv_app_test_get_view (window);
  ilv_input_plot_area (window, &plot);
  y = ilv_input_lane_y (window, "increase#1");
  /* Where increase#1 sleeps between its read and its write. */
  for (double at = plot.x + 1; at < plot.x + plot.width && x < 0; at += 2)
    {
      g_autofree char *markup = ilv_timeline_view_describe_at (view, at, y);

      if (markup != NULL && strstr (markup, "Sleeping") != NULL)
        x = at + 10;
    }
  g_assert_cmpfloat (x, >, 0);

  ilv_input_move_to (window, x, y);
  ilv_app_test_wait_until (tooltip_shown, window, "a tooltip over the sleeping worker");
  label = shown_tooltip_label (window);
  text = gtk_label_get_text (GTK_LABEL (label));
  g_assert_nonnull (strstr (text, "increase#1"));
  g_assert_nonnull (strstr (text, "Duration:"));
}

typedef struct
{
  IlvWindow *window;
  gint       resource;
} Highlight;

static gboolean
highlight_is (gpointer data)
{
  Highlight *h = data;

  return ilv_timeline_model_get_highlight (ilv_input_get_model (h->window)) == h->resource;
}

/* A click on a lock's hold bar highlights the lock everywhere; another
 * click turns it off. Up and Down then move between lanes. */
static void
click_lock_body (IlvWindow *window)
{
  IlvTimelineView *view;
  IlvTimelineLayout *layout;
  IlvTrace *trace;
  const IlvTimelineRow *row;
  const IlvHold *hold = NULL;
  Highlight highlight = { window, -1 };
  IlvRect rect;
  g_autofree char *description = NULL;
  g_autofree char *lane = NULL;
  gboolean lane_below = FALSE;
  double x;
  gint row_index = -1;

  ilv_app_test_run_builtin (window, "race-condition-locked");
  view = ilv_app_test_get_view (window);
  layout = ilv_timeline_view_get_layout (view);
  trace = ilv_window_get_current_trace (window);
  /* The longest hold of a worker, so that the pointer finds it easily. */
  for (guint i = 0; i < ilv_timeline_layout_get_n_rows (layout); i++)
    {
      const IlvTimelineRow *r = ilv_timeline_layout_get_row (layout, i);

      if (r->kind != ILV_ROW_LANE || ilv_trace_get_lane (trace, r->index)->kind != ILV_LANE_WORKER)
        continue;
      for (guint h = 0; h < ilv_trace_lane_get_n_holds (trace, r->index); h++)
        {
          const IlvHold *candidate = ilv_trace_lane_get_holds (trace, r->index) + h;

          if (hold == NULL || candidate->end - candidate->start > hold->end - hold->start)
            {
              hold = candidate;
              row_index = i;
            }
        }
    }
  g_assert_nonnull (hold);
  row = ilv_timeline_layout_get_row (layout, row_index);
  ilv_timeline_layout_get_hold_rect (layout, row_index, &rect);
  x = ilv_timeline_layout_time_to_x (layout, (hold->start + hold->end) / 2 - ilv_trace_get_start (trace));

  g_assert_cmpint (ilv_timeline_model_get_highlight (ilv_input_get_model (window)), ==, -1);
  ilv_input_move_to (window, x, rect.y + rect.height / 2);
  ilv_input_xdo (window, "click 1");
  highlight.resource = hold->resource;
  ilv_app_test_wait_until (highlight_is, &highlight, "a click on a hold bar to highlight its lock");
  g_assert_cmpstr (ilv_trace_get_resource (trace, hold->resource)->name, ==, "db_lock");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));

  /* The lane clicked has the keyboard focus: Down goes to the next one
   * (Up to the one before, from the last lane), and back. ("Lane
   * increase#1:", so that increase#10 is another lane.) */
  for (guint i = row_index + 1; i < ilv_timeline_layout_get_n_rows (layout) && !lane_below; i++)
    lane_below = ilv_timeline_layout_get_row (layout, i)->kind == ILV_ROW_LANE;
  lane = g_strdup_printf ("Lane %s:", row->label);
  description = ilv_timeline_view_describe (view);
  g_assert_nonnull (strstr (description, lane));
  g_clear_pointer (&description, g_free);
  ilv_input_xdo (window, lane_below ? "key Down" : "key Up");
  description = ilv_timeline_view_describe (view);
  g_assert_null (strstr (description, lane));
  g_assert_nonnull (strstr (description, "Lane "));
  g_clear_pointer (&description, g_free);
  ilv_input_xdo (window, lane_below ? "key Up" : "key Down");
  description = ilv_timeline_view_describe (view);
  g_assert_nonnull (strstr (description, lane));

  /* Sleep a double-click's time away, then click again: the highlight goes. */
  ilv_input_xdo (window, "sleep 0.6 click 1");
  highlight.resource = -1;
  ilv_app_test_wait_until (highlight_is, &highlight, "a second click to turn the highlight off");
}

/* A double-click on a hold bar is a click, not two: the lock stays
 * highlighted. */
static void
double_click_body (IlvWindow *window)
{
  IlvTimelineView *view;
  IlvTimelineLayout *layout;
  IlvTrace *trace;
  Highlight highlight = { window, -1 };
  IlvRect rect;
  double x = -1;
  double y = 0;

  ilv_app_test_run_builtin (window, "race-condition-locked");
  view = ilv_app_test_get_view (window);
  layout = ilv_timeline_view_get_layout (view);
  trace = ilv_window_get_current_trace (window);
  for (guint i = 0; i < ilv_timeline_layout_get_n_rows (layout) && x < 0; i++)
    {
      const IlvTimelineRow *r = ilv_timeline_layout_get_row (layout, i);
      const IlvHold *hold;

      if (r->kind != ILV_ROW_LANE || ilv_trace_get_lane (trace, r->index)->kind != ILV_LANE_WORKER ||
          ilv_trace_lane_get_n_holds (trace, r->index) == 0)
        continue;
      hold = ilv_trace_lane_get_holds (trace, r->index);
      ilv_timeline_layout_get_hold_rect (layout, i, &rect);
      x = ilv_timeline_layout_time_to_x (layout, (hold->start + hold->end) / 2 - ilv_trace_get_start (trace));
      y = rect.y + rect.height / 2;
      highlight.resource = hold->resource;
    }
  g_assert_cmpfloat (x, >, 0);

  ilv_input_move_to (window, x, y);
  ilv_input_xdo (window, "click --repeat 2 --delay 80 1");
  ilv_app_test_wait_frames (window, 3);
  g_assert_true (highlight_is (&highlight));
}

static gboolean
has_grown (gpointer data)
{
  IlvInputVisible *v = data;

  return ilv_timeline_model_get_duration (ilv_input_get_model (v->window)) > v->width;
}

/* While a run goes on, the view grows with it; Ctrl+wheel stops that
 * where the lecturer zoomed in, and Ctrl+0 follows the run again. */
static void
live_zoom_body (IlvWindow *window)
{
  static const char endless[] =
    "[Scenario]\nName=Endless\n\n"
    "[Workers ticker]\nKind=thread\nCount=2\nProgram=forever { compute 1ms; sleep 2ms }\n";
  IlvTimelineModel *model;
  IlvInputVisible grown = { window, 200 * G_GINT64_CONSTANT (1000000) };
  IlvInputVisible before = { window, 0 };
  IlvRect plot;
  gint64 start;
  gint64 end;
  gint64 start2;
  gint64 end2;

  ilv_app_test_set_scenario (window, "endless", endless);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  ilv_app_test_wait_until (has_grown, &grown, "the run to go on for 200 ms");
  ilv_app_test_wait_until (ilv_app_test_frame_drawn, window, "the live run to be drawn");
  model = ilv_input_get_model (window);
  g_assert_true (ilv_timeline_model_get_following (model));

  ilv_input_plot_area (window, &plot);
  ilv_input_move_to (window, plot.x + 0.5 * plot.width, ilv_input_lane_y (window, "ticker#1"));
  before.width = ilv_input_visible_width (window);
  ilv_input_xdo (window, "keydown ctrl click 4 keyup ctrl");
  ilv_app_test_wait_until (ilv_input_width_changed, &before, "Ctrl+wheel to zoom into a live run");
  g_assert_false (ilv_timeline_model_get_following (model));
  ilv_timeline_model_get_visible (model, &start, &end);
  grown.width = ilv_timeline_model_get_duration (model) + 100 * G_GINT64_CONSTANT (1000000);
  ilv_app_test_wait_until (has_grown, &grown, "the run to go on for 100 ms more");
  ilv_timeline_model_get_visible (model, &start2, &end2);
  g_assert_cmpint (start2, ==, start);
  g_assert_cmpint (end2, ==, end);

  ilv_input_xdo (window, "key ctrl+0");
  g_assert_true (ilv_timeline_model_get_following (model));
  grown.width = ilv_timeline_model_get_duration (model) + 100 * G_GINT64_CONSTANT (1000000);
  ilv_app_test_wait_until (has_grown, &grown, "the run to go on for 100 ms more");
  ilv_app_test_wait_frames (window, 2);
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, ilv_timeline_model_get_duration (model));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-run", NULL));
  ilv_app_test_wait_until (ilv_app_test_is_finished, window, "the run to stop");
}

static IlvSummaryStrip *
get_strip (IlvWindow *window)
{
  return ILV_SUMMARY_STRIP (ilv_app_test_get_child (window, ILV_TYPE_SUMMARY_STRIP));
}

static gboolean
strip_shows_selection (gpointer window)
{
  return ilv_summary_strip_get_selection (get_strip (window)) != NULL;
}

/* In presentation mode the table is hidden; the strip says what the
 * workers did in the selection, in the table's numbers: here both
 * workers sleep (I/O) nearly all the time. */
static void
assert_selection_shown (IlvWindow *window)
{
  IlvTrace *trace = ilv_window_get_current_trace (window);
  gint64 origin = ilv_trace_get_start (trace);
  gint64 sleep = 0;
  gint64 alive = 0;
  gint64 start, end;
  g_autofree char *range = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *io = NULL;
  const char *text;
  const char *last_line;

  ilv_app_test_wait_until (strip_shows_selection, window, "the strip to show the selection");
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (get_strip (window))));
  g_assert_true (ilv_timeline_model_get_selection (ilv_input_get_model (window), &start, &end));
  for (guint lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    {
      gint64 times[ILV_N_STATES];

      if (ilv_trace_get_lane (trace, lane)->kind != ILV_LANE_WORKER)
        continue;
      ilv_trace_lane_state_times (trace, lane, origin + start, origin + end, times);
      for (guint i = 0; i < ilv_lane_table_n_states; i++)
        alive += times[ilv_lane_table_states[i]];
      sleep += times[ILV_STATE_SLEEP];
    }
  g_assert_cmpint (alive, >, 0);

  text = ilv_summary_strip_get_selection (get_strip (window));
  a = ilv_time_format (start);
  b = ilv_time_format (end);
  range = g_strdup_printf ("Selection %s – %s", a, b);
  g_assert_true (g_str_has_prefix (text, range));
  io = g_strdup_printf ("I/O %.0f %%", 100.0 * sleep / alive);
  last_line = strrchr (text, '\n') != NULL ? strrchr (text, '\n') + 1 : text;
  g_assert_nonnull (strstr (last_line, io));
  g_assert_nonnull (strstr (last_line, "running "));
  g_assert_cmpfloat ((double) sleep / alive, >, 0.9);
}

/* In presentation mode, type and lanes are larger: a drag along the
 * ruler still selects what is under the pointer, and Ctrl+wheel still
 * zooms around it. */
static void
presentation_pointer_body (IlvWindow *window)
{
  IlvRect plot;

  ilv_app_test_run_builtin (window, "race-condition");
  ilv_input_move_to_middle (window);
  ilv_input_xdo (window, "key F11");
  ilv_app_test_wait_until (ilv_app_test_is_presenting, window, "F11 to start presentation mode");
  ilv_app_test_wait_frames (window, 3);

  drag_select (window, 0.2, 0.45, "a drag along the larger ruler to select");
  assert_selection_shown (window);

  ilv_input_plot_area (window, &plot);
  ilv_input_move_to (window, plot.x + 0.45 * plot.width, ilv_input_lane_y (window, "increase#2"));
  ctrl_wheel_at (window, plot.x + 0.45 * plot.width, 4, "Ctrl+wheel to zoom in presentation mode");

  /* Out of presentation mode the table says it; the strip no longer. */
  ilv_input_xdo (window, "key F11");
  ilv_app_test_wait_until (ilv_app_test_is_not_presenting, window, "F11 to leave presentation mode");
  g_assert_null (ilv_summary_strip_get_selection (get_strip (window)));
  ilv_input_xdo (window, "key F11");
  ilv_app_test_wait_until (ilv_app_test_is_presenting, window, "F11 to start presentation mode again");
  assert_selection_shown (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!ilv_input_init (&argc, &argv))
    return 0;

  ilv_app_test_add ("/app/input/ruler-select", ruler_select_body);
  ilv_app_test_add ("/app/input/ctrl-scroll-zoom", ctrl_scroll_zoom_body);
  ilv_app_test_add ("/app/input/zoom-after-move", zoom_after_move_body);
  ilv_app_test_add ("/app/input/pan", pan_body);
  ilv_app_test_add ("/app/input/hover", hover_body);
  ilv_app_test_add ("/app/input/click-lock", click_lock_body);
  ilv_app_test_add ("/app/input/double-click", double_click_body);
  ilv_app_test_add ("/app/input/live-zoom", live_zoom_body);
  ilv_app_test_add ("/app/input/presentation-pointer", presentation_pointer_body);

  return ilv_test_display_run_tests ();
}
