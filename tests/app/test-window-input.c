/* test-window-input.c: the timeline explored with a real pointer and
 * keyboard: X input events made by xdotool (XTest) on a private server
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "ilv-app-test.h"
#include "ilv-export-dialog.h"
#include "ilv-lane-table.h"
#include "ilv-test-display.h"
#include "ilv-timeline-view.h"
#include "ilv-window.h"

/* How long one step (a gesture and what it should do) may take. */
#define STEP_TIMEOUT_S 15

typedef gboolean (*Condition) (gpointer data);

static IlvTimelineView *
get_view (IlvWindow *window)
{
  GtkWidget *view = ilv_app_test_find_type (GTK_WIDGET (window), ILV_TYPE_TIMELINE_VIEW);

  g_assert_nonnull (view);
  return ILV_TIMELINE_VIEW (view);
}

static IlvTimelineModel *
get_model (IlvWindow *window)
{
  return ilv_timeline_view_get_model (get_view (window));
}

/* Iterates the main loop until `done`, failing with `what` after a while. */
static void
wait_until (Condition   done,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + STEP_TIMEOUT_S * G_TIME_SPAN_SECOND;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited %d s in vain for: %s", STEP_TIMEOUT_S, what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2 * G_TIME_SPAN_MILLISECOND);
    }
}

/* Drawing happens on the frame clock: wait for frames after a change. */
static void
wait_frames (IlvWindow *window,
             guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gint64 target = gdk_frame_clock_get_frame_counter (clock) + n;

  while (gdk_frame_clock_get_frame_counter (clock) < target)
    {
      gtk_widget_queue_draw (GTK_WIDGET (window));
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
is_finished (gpointer window)
{
  return ilv_app_test_is_finished (window);
}

static gboolean
frame_drawn (gpointer data)
{
  IlvWindow *window = data;
  IlvTimelineView *view = get_view (window);
  IlvTimelineLayout *layout = ilv_timeline_view_get_layout (view);
  guint n_traces = 0;

  ilv_window_get_current_traces (window, &n_traces);
  return layout != NULL && ilv_timeline_layout_get_n_traces (layout) == n_traces &&
         ilv_timeline_view_get_n_lanes (view) > 0;
}

static void
run_builtin (IlvWindow  *window,
             const char *id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  wait_until (is_finished, window, "the run to finish");
  wait_until (frame_drawn, window, "the run to be drawn");
  wait_frames (window, 2);
}

/* xdotool: real input */

static gboolean xdotool_done;
static int xdotool_status;

static void
xdotool_exited_cb (GPid     pid,
                   int      status,
                   gpointer user_data)
{
  xdotool_status = status;
  xdotool_done = TRUE;
  g_spawn_close_pid (pid);
}

static gboolean
xdotool_exited (gpointer data)
{
  return xdotool_done;
}

/* Runs `xdotool ARGS…` (a command line, printf style) while the main
 * loop goes on, then lets GTK handle every event it caused: the X
 * server has them all once a round trip after the command is done. */
G_GNUC_PRINTF (2, 3)
static void
xdo (IlvWindow  *window,
     const char *format,
     ...)
{
  g_autofree char *args = NULL;
  g_autofree char *command = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;
  GPid pid;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);
  command = g_strconcat ("xdotool ", args, NULL);
  g_test_message ("%s", command);
  g_assert_true (g_shell_parse_argv (command, NULL, &argv, &error));
  g_assert_no_error (error);

  xdotool_done = FALSE;
  g_assert_true (g_spawn_async (NULL, argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, xdotool_exited_cb, NULL);
  wait_until (xdotool_exited, NULL, command);
  g_assert_true (g_spawn_check_wait_status (xdotool_status, NULL));

  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  wait_frames (window, 2);
}

static gulong
window_xid (IlvWindow *window)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  if (GDK_IS_X11_SURFACE (surface))
    return (gulong) gdk_x11_surface_get_xid (surface);
#endif
  g_assert_not_reached ();
}

/* Where (x, y) of the timeline is on the window's X surface, for
 * `xdotool mousemove --window`. */
static void
view_to_surface (IlvWindow *window,
                 double     x,
                 double     y,
                 int       *surface_x,
                 int       *surface_y)
{
  graphene_point_t point;
  double dx;
  double dy;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (get_view (window)), GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  *surface_x = (int) round (point.x + dx);
  *surface_y = (int) round (point.y + dy);
}

/* The pointer to (x, y) of the timeline; a small move first, so that the
 * last event is a motion inside the view wherever the pointer was. */
static void
move_to (IlvWindow *window,
         double     x,
         double     y)
{
  int sx;
  int sy;

  view_to_surface (window, x, y, &sx, &sy);
  xdo (window, "mousemove --window %lu %d %d mousemove --window %lu %d %d",
       window_xid (window), sx - 3, sy, window_xid (window), sx, sy);
}

/* The pointer to the middle of the window. */
static void
move_to_middle (IlvWindow *window)
{
  double dx;
  double dy;

  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  xdo (window, "mousemove --window %lu %d %d", window_xid (window),
       (int) (dx + gtk_widget_get_width (GTK_WIDGET (window)) / 2),
       (int) (dy + gtk_widget_get_height (GTK_WIDGET (window)) / 2));
}

/* Button 1 pressed at x0, moved in steps to x1, released; at height y. */
static void
drag (IlvWindow *window,
      double     x0,
      double     x1,
      double     y)
{
  g_autoptr(GString) steps = g_string_new (NULL);
  gulong xid = window_xid (window);
  int sx;
  int sy;

  for (int i = 1; i <= 8; i++)
    {
      view_to_surface (window, x0 + (x1 - x0) * i / 8, y, &sx, &sy);
      g_string_append_printf (steps, " mousemove --window %lu %d %d sleep 0.02", xid, sx, sy);
    }
  move_to (window, x0, y);
  xdo (window, "mousedown 1 sleep 0.05%s mouseup 1", steps->str);
}

/* The timeline's geometry */

static void
plot_area (IlvWindow *window,
           IlvRect   *plot)
{
  ilv_timeline_layout_get_plot_area (ilv_timeline_view_get_layout (get_view (window)), plot);
}

static gint
find_lane (IlvWindow  *window,
           const char *label)
{
  IlvTimelineLayout *layout = ilv_timeline_view_get_layout (get_view (window));

  for (guint i = 0; i < ilv_timeline_layout_get_n_rows (layout); i++)
    {
      const IlvTimelineRow *row = ilv_timeline_layout_get_row (layout, i);

      if (row->kind == ILV_ROW_LANE && g_strcmp0 (row->label, label) == 0)
        return i;
    }

  g_error ("No lane %s on the timeline", label);
}

/* The middle height of a lane's state bar. */
static double
lane_y (IlvWindow  *window,
        const char *label)
{
  IlvRect bar;

  ilv_timeline_layout_get_bar_rect (ilv_timeline_view_get_layout (get_view (window)),
                                    find_lane (window, label), &bar);
  return bar.y + bar.height / 2;
}

static double
ns_per_px (IlvWindow *window)
{
  gint64 start;
  gint64 end;
  IlvRect plot;

  ilv_timeline_model_get_visible (get_model (window), &start, &end);
  plot_area (window, &plot);
  return (double) (end - start) / plot.width;
}

static gint64
visible_width (IlvWindow *window)
{
  gint64 start;
  gint64 end;

  ilv_timeline_model_get_visible (get_model (window), &start, &end);
  return end - start;
}

static gint64
visible_start (IlvWindow *window)
{
  gint64 start;
  gint64 end;

  ilv_timeline_model_get_visible (get_model (window), &start, &end);
  return start;
}

/* The tests */

static gboolean
has_selection (gpointer window)
{
  return ilv_timeline_model_get_selection (get_model (window), NULL, NULL);
}

static IlvLaneTable *
get_table (IlvWindow *window)
{
  GtkWidget *table = ilv_app_test_find_type (GTK_WIDGET (window), ILV_TYPE_LANE_TABLE);

  g_assert_nonnull (table);
  return ILV_LANE_TABLE (table);
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

/* A drag along the ruler selects that range; the table below gives the
 * time of each lane in each state there. A click on the ruler clears it. */
static void
ruler_select_body (IlvWindow *window)
{
  IlvTimelineLayout *layout;
  IlvRect ruler;
  IlvRect plot;
  double x0, x1, tolerance;
  gint64 t0, t1, start, end;

  run_builtin (window, "queue-fast-producers");
  layout = ilv_timeline_view_get_layout (get_view (window));
  ilv_timeline_layout_get_ruler_area (layout, &ruler);
  plot_area (window, &plot);
  x0 = plot.x + 0.25 * plot.width;
  x1 = plot.x + 0.6 * plot.width;
  t0 = ilv_timeline_layout_x_to_time (layout, x0);
  t1 = ilv_timeline_layout_x_to_time (layout, x1);
  tolerance = 2 * ns_per_px (window);

  drag (window, x0, x1, ruler.y + ruler.height / 2);
  wait_until (has_selection, window, "a selection after a drag along the ruler");
  g_assert_true (ilv_timeline_model_get_selection (get_model (window), &start, &end));
  g_assert_cmpfloat (fabs ((double) (start - t0)), <=, tolerance);
  g_assert_cmpfloat (fabs ((double) (end - t1)), <=, tolerance);
  /* Selecting does not move what is shown. */
  g_assert_true (ilv_timeline_model_is_whole (get_model (window)));

  wait_until (table_shows_selection, window, "the table to give the selection's times");
  g_assert_true (ilv_lane_table_get_range (get_table (window), &t0, &t1));
  g_assert_cmpint (t0, ==, start);
  g_assert_cmpint (t1, ==, end);
  g_assert_cmpuint (ilv_lane_table_get_n_rows (get_table (window)), >=, 2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (get_table (window))));

  xdo (window, "click 1");
  wait_until (no_selection, window, "a click on the ruler to clear the selection");

  /* Leftwards, past the start of the run: from its start to where the
   * drag began. */
  drag (window, x1, plot.x - 100, ruler.y + ruler.height / 2);
  wait_until (has_selection, window, "a selection after a drag to the left");
  g_assert_true (ilv_timeline_model_get_selection (get_model (window), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpfloat (fabs ((double) (end - t1)), <=, tolerance);
}

static void
test_ruler_select (void)
{
  ilv_app_test_run (ruler_select_body);
}

typedef struct
{
  IlvWindow *window;
  gint64     width;
} Visible;

static gboolean
width_changed (gpointer data)
{
  Visible *v = data;

  return visible_width (v->window) != v->width;
}

static gboolean
start_changed (gpointer data)
{
  Visible *v = data;

  return visible_start (v->window) != v->width;
}

/* Ctrl+wheel zooms around the pointer: the time under it stays there. */
static void
ctrl_scroll_zoom_body (IlvWindow *window)
{
  IlvTimelineLayout *layout;
  IlvRect plot;
  Visible before = { window, 0 };
  double x;
  double y;
  gint64 anchor;

  run_builtin (window, "race-condition");
  plot_area (window, &plot);
  x = plot.x + 0.7 * plot.width;
  y = lane_y (window, "increase#1");
  move_to (window, x, y);
  layout = ilv_timeline_view_get_layout (get_view (window));
  anchor = ilv_timeline_layout_x_to_time (layout, x);
  before.width = visible_width (window);

  /* Button 4 is a wheel notch up: in. */
  xdo (window, "keydown ctrl click 4 keyup ctrl");
  wait_until (width_changed, &before, "Ctrl+wheel to zoom");
  g_assert_cmpfloat ((double) before.width / visible_width (window), >, 1.3);
  g_assert_cmpfloat ((double) before.width / visible_width (window), <, 1.7);
  layout = ilv_timeline_view_get_layout (get_view (window));
  g_assert_cmpfloat (fabs (ilv_timeline_layout_time_to_x (layout, anchor) - x), <=, 2);

  /* Once more, then out again: still around the same point. */
  before.width = visible_width (window);
  xdo (window, "keydown ctrl click 4 keyup ctrl");
  wait_until (width_changed, &before, "a second Ctrl+wheel to zoom");
  before.width = visible_width (window);
  xdo (window, "keydown ctrl click 5 keyup ctrl");
  wait_until (width_changed, &before, "Ctrl+wheel down to zoom out");
  g_assert_cmpint (visible_width (window), >, before.width);
  layout = ilv_timeline_view_get_layout (get_view (window));
  g_assert_cmpfloat (fabs (ilv_timeline_layout_time_to_x (layout, anchor) - x), <=, 2);
  g_assert_false (ilv_timeline_model_is_whole (get_model (window)));
}

static void
test_ctrl_scroll_zoom (void)
{
  ilv_app_test_run (ctrl_scroll_zoom_body);
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
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (window), GTK_WIDGET (get_view (window)),
                                           &GRAPHENE_POINT_INIT (sx - dx, sy - dy), &point));
  *x = point.x;
  *y = point.y;
}

static gboolean
panel_hidden (gpointer data)
{
  Visible *v = data;
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (GTK_WIDGET (get_view (v->window)), GTK_WIDGET (v->window), &bounds) &&
         bounds.origin.x < v->width;
}

/* The timeline moves under a pointer that stays put (F9 hides the side
 * panel): Ctrl+wheel still zooms around the time under the pointer. */
static void
zoom_after_move_body (IlvWindow *window)
{
  IlvTimelineLayout *layout;
  IlvRect plot;
  Visible before = { window, 0 };
  graphene_rect_t bounds;
  double x;
  double y;
  gint64 anchor;

  run_builtin (window, "race-condition");
  plot_area (window, &plot);
  move_to (window, plot.x + 0.7 * plot.width, lane_y (window, "increase#1"));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (get_view (window)), GTK_WIDGET (window), &bounds));
  before.width = (gint64) bounds.origin.x;

  xdo (window, "key F9");
  wait_until (panel_hidden, &before, "F9 to hide the side panel");
  wait_frames (window, 3);
  pointer_in_view (window, &x, &y);
  layout = ilv_timeline_view_get_layout (get_view (window));
  plot_area (window, &plot);
  g_assert_cmpfloat (x, >, plot.x);
  g_assert_cmpfloat (x, <, plot.x + plot.width);
  anchor = ilv_timeline_layout_x_to_time (layout, x);

  before.width = visible_width (window);
  xdo (window, "keydown ctrl click 4 keyup ctrl");
  wait_until (width_changed, &before, "Ctrl+wheel to zoom");
  layout = ilv_timeline_view_get_layout (get_view (window));
  g_assert_cmpfloat (fabs (ilv_timeline_layout_time_to_x (layout, anchor) - x), <=, 2);
}

static void
test_zoom_after_move (void)
{
  ilv_app_test_run (zoom_after_move_body);
}

/* Zoomed in, the wheel without Ctrl pans a tenth of the view a notch,
 * and a drag on the lanes moves the run with the pointer. */
static void
pan_body (IlvWindow *window)
{
  IlvRect plot;
  Visible before = { window, 0 };
  gint64 width;
  gint64 start;
  double px;
  double y;

  run_builtin (window, "race-condition");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "timeline.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "timeline.zoom-in", NULL));
  wait_frames (window, 2);
  plot_area (window, &plot);
  y = lane_y (window, "increase#1");
  move_to (window, plot.x + plot.width / 2, y);
  width = visible_width (window);
  start = visible_start (window);

  /* Wheel down: later. */
  before.width = start;
  xdo (window, "click 5");
  wait_until (start_changed, &before, "the wheel to pan");
  g_assert_cmpint (visible_width (window), ==, width);
  g_assert_cmpfloat (fabs ((double) (visible_start (window) - start) - 0.1 * width), <=, 0.01 * width);
  before.width = visible_start (window);
  xdo (window, "click 4");
  wait_until (start_changed, &before, "the wheel up to pan back");
  g_assert_cmpfloat (fabs ((double) (visible_start (window) - start)), <=, 0.01 * width);
  g_assert_cmpint (visible_width (window), ==, width);

  /* Drag the lanes 200 px to the left: 200 px later in the run. */
  start = visible_start (window);
  px = ns_per_px (window);
  before.width = start;
  drag (window, plot.x + 0.7 * plot.width, plot.x + 0.7 * plot.width - 200, y);
  wait_until (start_changed, &before, "a drag on the lanes to pan");
  g_assert_cmpfloat (fabs ((double) (visible_start (window) - start) - 200 * px), <=, 3 * px);
  g_assert_cmpint (visible_width (window), ==, width);
  /* A drag on the lanes is no selection. */
  g_assert_false (ilv_timeline_model_get_selection (get_model (window), NULL, NULL));
}

static void
test_pan (void)
{
  ilv_app_test_run (pan_body);
}

/* The tooltip window is a child of the toplevel while it shows. */
static GtkWidget *
shown_tooltip_label (IlvWindow *window)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (window));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_NATIVE (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (G_OBJECT_TYPE_NAME (child), "GtkTooltipWindow") == 0)
        return ilv_app_test_find_type (child, GTK_TYPE_LABEL);
    }

  return NULL;
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

  run_builtin (window, "race-condition");
  view = get_view (window);
  plot_area (window, &plot);
  y = lane_y (window, "increase#1");
  /* Where increase#1 sleeps between its read and its write. */
  for (double at = plot.x + 1; at < plot.x + plot.width && x < 0; at += 2)
    {
      g_autofree char *markup = ilv_timeline_view_describe_at (view, at, y);

      if (markup != NULL && strstr (markup, "Sleeping") != NULL)
        x = at + 10;
    }
  g_assert_cmpfloat (x, >, 0);

  move_to (window, x, y);
  wait_until (tooltip_shown, window, "a tooltip over the sleeping worker");
  label = shown_tooltip_label (window);
  text = gtk_label_get_text (GTK_LABEL (label));
  g_assert_nonnull (strstr (text, "increase#1"));
  g_assert_nonnull (strstr (text, "Duration:"));
}

static void
test_hover (void)
{
  ilv_app_test_run (hover_body);
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

  return ilv_timeline_model_get_highlight (get_model (h->window)) == h->resource;
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
  double x;
  gint row_index = -1;

  run_builtin (window, "race-condition-locked");
  view = get_view (window);
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

  g_assert_cmpint (ilv_timeline_model_get_highlight (get_model (window)), ==, -1);
  move_to (window, x, rect.y + rect.height / 2);
  xdo (window, "click 1");
  highlight.resource = hold->resource;
  wait_until (highlight_is, &highlight, "a click on a hold bar to highlight its lock");
  g_assert_cmpstr (ilv_trace_get_resource (trace, hold->resource)->name, ==, "db_lock");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));

  /* The lane clicked has the keyboard focus: Down goes to the next one. */
  description = ilv_timeline_view_describe (view);
  g_assert_nonnull (strstr (description, row->label));
  g_clear_pointer (&description, g_free);
  xdo (window, "key Down");
  description = ilv_timeline_view_describe (view);
  g_assert_null (strstr (description, row->label));
  g_assert_nonnull (strstr (description, "Lane "));
  g_clear_pointer (&description, g_free);
  xdo (window, "key Up");
  description = ilv_timeline_view_describe (view);
  g_assert_nonnull (strstr (description, row->label));

  /* Sleep a double-click's time away, then click again: the highlight goes. */
  xdo (window, "sleep 0.6 click 1");
  highlight.resource = -1;
  wait_until (highlight_is, &highlight, "a second click to turn the highlight off");
}

static void
test_click_lock (void)
{
  ilv_app_test_run (click_lock_body);
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

  run_builtin (window, "race-condition-locked");
  view = get_view (window);
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

  move_to (window, x, y);
  xdo (window, "click --repeat 2 --delay 80 1");
  wait_frames (window, 3);
  g_assert_true (highlight_is (&highlight));
}

static void
test_double_click (void)
{
  ilv_app_test_run (double_click_body);
}

/* With the timeline focused, Ctrl+plus, Ctrl+minus and Ctrl+0 zoom, and
 * Left and Right pan. */
static void
zoom_keys_body (IlvWindow *window)
{
  IlvRect plot;
  Visible before = { window, 0 };
  gint64 width;

  run_builtin (window, "race-condition");
  plot_area (window, &plot);
  move_to (window, plot.x + plot.width / 2, lane_y (window, "increase#1"));
  xdo (window, "click 1");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (get_view (window))));

  width = visible_width (window);
  before.width = width;
  xdo (window, "key ctrl+plus");
  wait_until (width_changed, &before, "Ctrl+plus to zoom in");
  g_assert_cmpfloat ((double) width / visible_width (window), >, 1.3);
  before.width = visible_width (window);
  xdo (window, "key ctrl+equal");
  wait_until (width_changed, &before, "Ctrl+= to zoom in");
  before.width = visible_width (window);
  xdo (window, "key ctrl+minus");
  wait_until (width_changed, &before, "Ctrl+minus to zoom out");
  g_assert_cmpint (visible_width (window), >, before.width);

  before.width = visible_start (window);
  xdo (window, "key Right");
  wait_until (start_changed, &before, "Right to pan");
  g_assert_cmpint (visible_start (window), >, before.width);
  before.width = visible_start (window);
  xdo (window, "key Left");
  wait_until (start_changed, &before, "Left to pan back");
  g_assert_cmpint (visible_start (window), <, before.width);

  xdo (window, "key ctrl+0");
  g_assert_true (ilv_timeline_model_is_whole (get_model (window)));
}

static void
test_zoom_keys (void)
{
  ilv_app_test_run (zoom_keys_body);
}

static gboolean
has_grown (gpointer data)
{
  Visible *v = data;

  return ilv_timeline_model_get_duration (get_model (v->window)) > v->width;
}

/* While a run goes on, the view grows with it; Ctrl+wheel stops that
 * where the lecturer zoomed in, and Ctrl+0 follows the run again. */
static void
live_zoom_body (IlvWindow *window)
{
  static const char endless[] =
    "[Scenario]\nName=Endless\n\n"
    "[Workers ticker]\nKind=thread\nCount=2\nProgram=forever { compute 1ms; sleep 2ms }\n";
  g_autoptr(IlvScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  IlvTimelineModel *model;
  Visible grown = { window, 200 * G_GINT64_CONSTANT (1000000) };
  Visible before = { window, 0 };
  IlvRect plot;
  gint64 start;
  gint64 end;
  gint64 start2;
  gint64 end2;

  scenario = ilv_scenario_new_from_data (endless, sizeof endless - 1, "endless", NULL, &error);
  g_assert_no_error (error);
  ilv_window_set_scenario (window, scenario);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  wait_until (has_grown, &grown, "the run to go on for 200 ms");
  wait_until (frame_drawn, window, "the live run to be drawn");
  model = get_model (window);
  g_assert_true (ilv_timeline_model_get_following (model));

  plot_area (window, &plot);
  move_to (window, plot.x + 0.5 * plot.width, lane_y (window, "ticker#1"));
  before.width = visible_width (window);
  xdo (window, "keydown ctrl click 4 keyup ctrl");
  wait_until (width_changed, &before, "Ctrl+wheel to zoom into a live run");
  g_assert_false (ilv_timeline_model_get_following (model));
  ilv_timeline_model_get_visible (model, &start, &end);
  grown.width = ilv_timeline_model_get_duration (model) + 100 * G_GINT64_CONSTANT (1000000);
  wait_until (has_grown, &grown, "the run to go on for 100 ms more");
  ilv_timeline_model_get_visible (model, &start2, &end2);
  g_assert_cmpint (start2, ==, start);
  g_assert_cmpint (end2, ==, end);

  xdo (window, "key ctrl+0");
  g_assert_true (ilv_timeline_model_get_following (model));
  grown.width = ilv_timeline_model_get_duration (model) + 100 * G_GINT64_CONSTANT (1000000);
  wait_until (has_grown, &grown, "the run to go on for 100 ms more");
  wait_frames (window, 2);
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, ilv_timeline_model_get_duration (model));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-run", NULL));
  wait_until (is_finished, window, "the run to stop");
}

static void
test_live_zoom (void)
{
  ilv_app_test_run (live_zoom_body);
}

/* Presentation mode */

static gboolean
is_presenting (gpointer window)
{
  return gtk_widget_has_css_class (GTK_WIDGET (window), "presentation");
}

static gboolean
is_not_presenting (gpointer window)
{
  return !is_presenting (window);
}

static gboolean
is_running (gpointer window)
{
  IlvTrace *trace = ilv_window_get_current_trace (window);

  return trace != NULL && !ilv_trace_is_finished (trace);
}

static gboolean
is_finished_and_drawn (gpointer window)
{
  return is_finished (window) && frame_drawn (window);
}

static gboolean
export_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ILV_IS_EXPORT_DIALOG (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return TRUE;
    }

  return FALSE;
}

static void
close_export_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (ILV_IS_EXPORT_DIALOG (toplevel))
        gtk_window_destroy (toplevel);
    }
}

typedef struct
{
  IlvWindow   *window;
  IlvScenario *scenario;
} Scenario;

static gboolean
scenario_changed (gpointer data)
{
  Scenario *s = data;

  return ilv_window_get_scenario (s->window) != s->scenario;
}

static guint
n_runs (IlvWindow *window)
{
  guint n = 0;

  ilv_window_get_current_traces (window, &n);
  return n;
}

static gboolean
two_runs_shown (gpointer window)
{
  return n_runs (window) == 2 && is_finished_and_drawn (window);
}

/* The lecture driven by single keys: F11, Space, K, Right, +, 0, E. */
static void
presentation_keys_body (IlvWindow *window)
{
  IlvTimelineView *view = get_view (window);
  IlvRenderOptions options;
  Visible before = { window, 0 };
  Scenario shown = { window, NULL };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", "race-condition"));
  wait_frames (window, 2);
  /* Keys go where the pointer is when no window manager gives the focus:
   * on the timeline, with its tooltips off (GTK 4.8 now and then warns
   * when a window with a tooltip up leaves full screen). */
  gtk_widget_set_has_tooltip (GTK_WIDGET (view), FALSE);
  move_to_middle (window);

  xdo (window, "key F11");
  wait_until (is_presenting, window, "F11 to start presentation mode");
  ilv_timeline_view_get_options (view, &options);
  g_assert_cmpfloat (options.scale, >, 1.2);

  xdo (window, "key space");
  wait_until (is_finished_and_drawn, window, "Space to run the scenario");
  g_assert_cmpuint (n_runs (window), ==, 1);

  /* Kept: the next run is drawn beneath it (checked below). */
  xdo (window, "key k");

  before.width = visible_width (window);
  xdo (window, "key plus");
  wait_until (width_changed, &before, "+ to zoom in");
  g_assert_cmpint (visible_width (window), <, before.width);
  g_assert_false (ilv_timeline_model_is_whole (get_model (window)));
  before.width = visible_width (window);
  xdo (window, "key minus");
  wait_until (width_changed, &before, "- to zoom out");
  g_assert_cmpint (visible_width (window), >, before.width);
  xdo (window, "key plus key 0");
  g_assert_true (ilv_timeline_model_is_whole (get_model (window)));

  shown.scenario = ilv_window_get_scenario (window);
  xdo (window, "key Right");
  wait_until (scenario_changed, &shown, "Right to load the next scenario");
  g_assert_cmpstr (ilv_window_get_scenario (window)->name, !=, "Race condition: db_val += 1");

  /* The kept run stays; the next one is drawn beneath it. */
  xdo (window, "key space");
  wait_until (two_runs_shown, window, "Space to run the next scenario beneath the kept one");

  xdo (window, "key e");
  wait_until (export_dialog_shown, NULL, "E to open the export dialog");
  close_export_dialogs ();
  wait_frames (window, 2);

  /* Escape leaves presentation mode, as F11 would. */
  move_to_middle (window);
  xdo (window, "key Escape");
  wait_until (is_not_presenting, window, "Escape to leave presentation mode");
  ilv_timeline_view_get_options (view, &options);
  g_assert_cmpfloat (options.scale, ==, 1.0);

  /* Outside presentation mode, the single keys are the view's again. */
  xdo (window, "key F11");
  wait_until (is_presenting, window, "F11 to start presentation mode again");
  xdo (window, "key F11");
  wait_until (is_not_presenting, window, "F11 to leave presentation mode");
  g_assert_false (is_running (window));
}

static void
test_presentation_keys (void)
{
  ilv_app_test_run (presentation_keys_body);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *skip_reason = NULL;
  int status;

  if (xdotool == NULL)
    {
      g_print ("1..0 # SKIP xdotool is not installed\n");
      return 0;
    }
  /* The pointer moves and keys are pressed on a server of our own, under
   * a window manager where there is one, never on the user's desktop. */
  if (!ilv_test_display_start (TRUE, &skip_reason))
    {
      /* Without a window manager, keys go where the pointer is. */
      g_clear_pointer (&skip_reason, g_free);
      if (!ilv_test_display_start (FALSE, &skip_reason))
        {
          g_print ("1..0 # SKIP %s\n", skip_reason);
          return 0;
        }
    }

  gtk_test_init (&argc, &argv, NULL);
#ifdef GDK_WINDOWING_X11
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
#endif
    {
      g_print ("1..0 # SKIP the display is not X11\n");
      ilv_test_display_stop ();
      return 0;
    }

  g_test_add_func ("/app/input/ruler-select", test_ruler_select);
  g_test_add_func ("/app/input/ctrl-scroll-zoom", test_ctrl_scroll_zoom);
  g_test_add_func ("/app/input/zoom-after-move", test_zoom_after_move);
  g_test_add_func ("/app/input/pan", test_pan);
  g_test_add_func ("/app/input/hover", test_hover);
  g_test_add_func ("/app/input/click-lock", test_click_lock);
  g_test_add_func ("/app/input/double-click", test_double_click);
  g_test_add_func ("/app/input/zoom-keys", test_zoom_keys);
  g_test_add_func ("/app/input/live-zoom", test_live_zoom);
  g_test_add_func ("/app/input/presentation-keys", test_presentation_keys);

  status = g_test_run ();
  ilv_test_display_stop ();
  return status;
}
