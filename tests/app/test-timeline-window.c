/* test-timeline-window.c: the timeline, comparison, export and presentation mode in a real window
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ilv-app-test.h"
#include "ilv-export.h"
#include "ilv-export-dialog.h"
#include "ilv-lane-table.h"
#include "ilv-summary-strip.h"
#include "ilv-timeline-view.h"
#include "ilv-window.h"

static IlvTimelineView *
get_view (IlvWindow *window)
{
  GtkWidget *view = ilv_app_test_find_type (GTK_WIDGET (window), ILV_TYPE_TIMELINE_VIEW);

  g_assert_nonnull (view);
  return ILV_TIMELINE_VIEW (view);
}

/* Iterates the main loop until `done` or the test's timeout. */
static void
wait_for (gboolean (*done) (IlvWindow *window),
          IlvWindow *window)
{
  while (!done (window))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
frame_drawn (IlvWindow *window)
{
  IlvTimelineView *view = get_view (window);
  IlvTimelineLayout *layout = ilv_timeline_view_get_layout (view);
  guint n_traces = 0;

  ilv_window_get_current_traces (window, &n_traces);
  return layout != NULL && ilv_timeline_layout_get_n_traces (layout) == n_traces &&
         ilv_timeline_view_get_n_lanes (view) > 0;
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

/* With ILV_SCREENSHOT_DIR set, the display is captured (ImageMagick's
 * import): the pictures of the README are taken by this test. */
static void
save_screenshot (IlvWindow  *window,
                 const char *name)
{
  const char *dir = g_getenv ("ILV_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL)
    return;

  wait_frames (window, 15);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  argv[3] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
run_builtin (IlvWindow  *window,
             const char *id)
{
  if (id != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  g_assert_false (ilv_app_test_is_finished (window));
  wait_for (ilv_app_test_is_finished, window);
  wait_for (frame_drawn, window);
}

static IlvSummaryStrip *
get_strip (IlvWindow *window)
{
  GtkWidget *strip = ilv_app_test_find_type (GTK_WIDGET (window), ILV_TYPE_SUMMARY_STRIP);

  g_assert_nonnull (strip);
  return ILV_SUMMARY_STRIP (strip);
}

/* A newcomer picks "Race condition", presses Run, and sees the lost
 * update on the timeline and in the summary. */
static void
race_body (IlvWindow *window)
{
  IlvTimelineView *view;
  IlvSummaryStrip *strip;

  save_screenshot (window, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", "race-condition"));
  save_screenshot (window, "normal");
  run_builtin (window, NULL);

  view = get_view (window);
  strip = get_strip (window);
  /* The two workers; the GIL (held a few µs in all) and cores the sampler
   * never saw used are left out rather than drawn empty. */
  g_assert_cmpuint (ilv_timeline_view_get_n_lanes (view), >=, 2);
  g_assert_cmpstr (ilv_summary_strip_get_value (strip, ILV_FIGURE_LOST_UPDATES), ==, "1");
  g_assert_cmpstr (ilv_summary_strip_get_value (strip, ILV_FIGURE_WALL), !=, "–");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (view)));
  save_screenshot (window, "finished");
}

static void
test_race (void)
{
  ilv_app_test_run (race_body);
}

static gboolean
table_shows_selection (IlvWindow *window)
{
  IlvLaneTable *table = ILV_LANE_TABLE (ilv_app_test_find_type (GTK_WIDGET (window), ILV_TYPE_LANE_TABLE));

  return ilv_lane_table_get_range (table, NULL, NULL);
}

static gint64
sum_times (IlvLaneTable *table,
           guint         row)
{
  gint64 sum = 0;

  for (guint i = 0; i < ilv_lane_table_n_states; i++)
    sum += ilv_lane_table_get_time (table, row, ilv_lane_table_states[i]);

  return sum;
}

/* Zoom in and out with the actions, select the first half and read the
 * time each lane spent in each state there. */
static void
zoom_select_body (IlvWindow *window)
{
  IlvTimelineView *view;
  IlvTimelineModel *model;
  IlvLaneTable *table;
  gint64 duration, start, end, half;

  run_builtin (window, "queue-fast-producers");
  view = get_view (window);
  model = ilv_timeline_view_get_model (view);
  duration = ilv_timeline_model_get_duration (model);
  g_assert_cmpint (duration, >, 0);
  g_assert_true (ilv_timeline_model_is_whole (model));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "timeline.zoom-in", NULL));
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpfloat ((double) (end - start), <, 0.75 * duration);
  g_assert_cmpfloat ((double) (end - start), >, 0.6 * duration);
  g_assert_false (ilv_timeline_model_is_whole (model));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "timeline.zoom-whole", NULL));
  g_assert_true (ilv_timeline_model_is_whole (model));

  half = duration / 2;
  ilv_timeline_model_set_selection (model, 0, half);
  table = ILV_LANE_TABLE (ilv_app_test_find_type (GTK_WIDGET (window), ILV_TYPE_LANE_TABLE));
  wait_for (table_shows_selection, window);
  g_assert_true (ilv_lane_table_get_range (table, &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, half);
  g_assert_cmpuint (ilv_lane_table_get_n_rows (table), >=, 2);
  /* No lane spends more than the selection in all its states. */
  for (guint r = 0; r < ilv_lane_table_get_n_rows (table); r++)
    g_assert_cmpint (sum_times (table, r), <=, half);
  g_assert_nonnull (strstr (ilv_lane_table_get_resource_text (table), "Queue"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "timeline.zoom-selection", NULL));
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, half);
  wait_frames (window, 2);
  g_assert_nonnull (ilv_timeline_view_describe (view));
  save_screenshot (window, "selection");
}

static void
test_zoom_select (void)
{
  ilv_app_test_run (zoom_select_body);
}

/* What a hover over a worker's bar says: its lane, state and times. */
static void
tooltip_body (IlvWindow *window)
{
  IlvTimelineView *view;
  IlvTimelineLayout *layout;
  g_autofree char *text = NULL;
  IlvRect bar;
  gint row;

  run_builtin (window, "race-condition");
  view = get_view (window);
  wait_frames (window, 2);
  layout = ilv_timeline_view_get_layout (view);
  row = -1;
  for (guint i = 0; i < ilv_timeline_layout_get_n_rows (layout); i++)
    {
      const IlvTimelineRow *r = ilv_timeline_layout_get_row (layout, i);

      if (r->kind == ILV_ROW_LANE && g_strcmp0 (r->label, "increase#1") == 0)
        row = i;
    }
  g_assert_cmpint (row, >=, 0);
  ilv_timeline_layout_get_bar_rect (layout, row, &bar);
  /* The workers sleep between read and write: early in the run. */
  for (double x = bar.x + 1; x < bar.x + bar.width && text == NULL; x += 2)
    {
      g_autofree char *at = ilv_timeline_view_describe_at (view, x, bar.y + bar.height / 2);

      if (at != NULL && strstr (at, "Sleeping") != NULL)
        text = g_steal_pointer (&at);
    }
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "increase#1"));
  g_assert_nonnull (strstr (text, "Duration:"));

  /* A click on the lane focuses it; Down moves to the next lane, and the
   * accessible description says which lane and what it did. */
  ilv_timeline_view_click_at (view, bar.x + bar.width / 2, bar.y + bar.height / 2);
  g_clear_pointer (&text, g_free);
  text = ilv_timeline_view_describe (view);
  g_assert_nonnull (strstr (text, "Lane increase#1:"));
  ilv_timeline_view_move_focus_lane (view, 1);
  g_clear_pointer (&text, g_free);
  text = ilv_timeline_view_describe (view);
  g_assert_nonnull (strstr (text, "Lane increase#2:"));
}

static gint
find_hold_row (IlvTimelineLayout *layout)
{
  for (guint i = 0; i < ilv_timeline_layout_get_n_rows (layout); i++)
    {
      const IlvTimelineRow *r = ilv_timeline_layout_get_row (layout, i);
      IlvTrace *trace = ilv_timeline_layout_get_trace (layout, r->trace);

      if (r->kind == ILV_ROW_LANE && ilv_trace_get_lane (trace, r->index)->kind == ILV_LANE_WORKER &&
          ilv_trace_lane_get_n_holds (trace, r->index) > 0)
        return i;
    }

  return -1;
}

/* Clicking a lock's hold bar highlights that lock everywhere; clicking it
 * again turns the highlight off. */
static void
highlight_body (IlvWindow *window)
{
  IlvTimelineView *view;
  IlvTimelineLayout *layout;
  IlvTimelineModel *model;
  IlvTrace *trace;
  const IlvTimelineRow *row;
  const IlvHold *hold;
  IlvRect rect;
  double x;
  gint row_index;

  run_builtin (window, "race-condition-locked");
  view = get_view (window);
  model = ilv_timeline_view_get_model (view);
  wait_frames (window, 2);
  layout = ilv_timeline_view_get_layout (view);
  row_index = find_hold_row (layout);
  g_assert_cmpint (row_index, >=, 0);
  row = ilv_timeline_layout_get_row (layout, row_index);
  trace = ilv_timeline_layout_get_trace (layout, row->trace);
  hold = ilv_trace_lane_get_holds (trace, row->index);
  ilv_timeline_layout_get_hold_rect (layout, row_index, &rect);
  x = ilv_timeline_layout_time_to_x (layout, (hold->start + MIN (hold->end, ilv_trace_get_end (trace))) / 2 -
                                             ilv_trace_get_start (trace));

  g_assert_cmpint (ilv_timeline_model_get_highlight (model), ==, -1);
  ilv_timeline_view_click_at (view, x, rect.y + rect.height / 2);
  g_assert_cmpint (ilv_timeline_model_get_highlight (model), ==, hold->resource);
  g_assert_cmpstr (ilv_trace_get_resource (trace, hold->resource)->name, ==, "db_lock");
  wait_frames (window, 2);
  ilv_timeline_view_click_at (view, x, rect.y + rect.height / 2);
  g_assert_cmpint (ilv_timeline_model_get_highlight (model), ==, -1);
}

static void
test_highlight (void)
{
  ilv_app_test_run (highlight_body);
}

static void
test_tooltip (void)
{
  ilv_app_test_run (tooltip_body);
}

/* Keep a run, switch on the lock, run again: both are drawn, one under
 * the other, and export as one slide. */
static void
compare_export_body (IlvWindow *window)
{
  g_autofree char *dir = g_dir_make_tmp ("ilv-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "comparison", NULL);
  g_autofree char *png = g_build_filename (dir, "comparison.png", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  IlvRenderOptions view_options;
  IlvTrace * const *traces;
  GtkWidget *dialog;
  guint n_traces = 0;

  run_builtin (window, "race-condition");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.keep-run", NULL));
  run_builtin (window, "race-condition-locked");
  traces = ilv_window_get_current_traces (window, &n_traces);
  g_assert_cmpuint (n_traces, ==, 2);
  g_assert_cmpuint (ilv_timeline_layout_get_n_traces (ilv_timeline_view_get_layout (get_view (window))), ==, 2);
  g_assert_cmpstr (ilv_summary_strip_get_value (get_strip (window), ILV_FIGURE_LOST_UPDATES), ==, "0");
  save_screenshot (window, "compare");

  /* The Export button's dialog, and the file its code writes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-view", NULL));
  ilv_timeline_view_get_options (get_view (window), &view_options);
  dialog = ilv_export_dialog_new (GTK_WINDOW (window), traces, n_traces, &view_options);
  ilv_export_dialog_set_format (ILV_EXPORT_DIALOG (dialog), ILV_EXPORT_PNG);
  ilv_export_dialog_set_size (ILV_EXPORT_DIALOG (dialog), ILV_EXPORT_SIZE_SLIDE);
  g_assert_true (ilv_export_dialog_write (ILV_EXPORT_DIALOG (dialog), path, &error));
  g_assert_no_error (error);

  /* A folder that does not exist: a clear error, nothing written. */
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "missing", "comparison.png", NULL);
  g_assert_false (ilv_export_dialog_write (ILV_EXPORT_DIALOG (dialog), path, &error));
  g_assert_error (error, ILV_EXPORT_ERROR, ILV_EXPORT_ERROR_WRITE);
  g_clear_error (&error);
  gtk_window_destroy (GTK_WINDOW (dialog));

  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1920);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1080);
  g_assert_cmpint (g_remove (png), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_compare_export (void)
{
  ilv_app_test_run (compare_export_body);
}

static gboolean
presentation_dialog_closed (IlvWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ILV_IS_EXPORT_DIALOG (toplevel))
        {
          gtk_window_destroy (toplevel);
          return FALSE;
        }
    }

  return TRUE;
}

/* Presentation mode: larger, without the side panel, run by single keys. */
static void
presentation_body (IlvWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  IlvTimelineView *view;
  IlvRenderOptions options;

  g_assert_true (gtk_widget_activate_action (widget, "win.load-scenario", "s", "race-condition"));
  g_assert_true (gtk_widget_activate_action (widget, "win.toggle-presentation", NULL));
  g_assert_true (gtk_widget_has_css_class (widget, "presentation"));
  view = get_view (window);
  ilv_timeline_view_get_options (view, &options);
  g_assert_cmpfloat (options.scale, >, 1.2);

  /* Space runs, as the presentation keys say. */
  g_assert_true (gtk_widget_activate_action (widget, "win.toggle-run", NULL));
  wait_for (ilv_app_test_is_finished, window);
  wait_for (frame_drawn, window);
  save_screenshot (window, "presentation");
  g_assert_true (gtk_widget_activate_action (widget, "win.next-scenario", NULL));
  g_assert_cmpstr (ilv_window_get_scenario (window)->name, !=, "Race condition: db_val += 1");

  /* Escape with no run going on leaves presentation mode. */
  g_assert_true (gtk_widget_activate_action (widget, "win.escape-presentation", NULL));
  g_assert_false (gtk_widget_has_css_class (widget, "presentation"));
  ilv_timeline_view_get_options (view, &options);
  g_assert_cmpfloat (options.scale, ==, 1.0);
  wait_for (presentation_dialog_closed, window);
}

static void
test_presentation (void)
{
  ilv_app_test_run (presentation_body);
}

/* A live run is drawn while it goes on: the view follows its growth. */
static gboolean
grew (IlvWindow *window)
{
  IlvTimelineModel *model = ilv_timeline_view_get_model (get_view (window));

  return ilv_timeline_model_get_duration (model) > 100 * G_GINT64_CONSTANT (1000000);
}

static void
live_body (IlvWindow *window)
{
  static const char endless[] =
    "[Scenario]\nName=Endless\n\n"
    "[Workers ticker]\nKind=thread\nCount=2\nProgram=forever { compute 1ms; sleep 2ms }\n";
  g_autoptr(IlvScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  IlvTimelineModel *model;
  gint64 start, end;

  scenario = ilv_scenario_new_from_data (endless, sizeof endless - 1, "endless", NULL, &error);
  g_assert_no_error (error);
  ilv_window_set_scenario (window, scenario);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  wait_for (grew, window);
  wait_for (frame_drawn, window);
  model = ilv_timeline_view_get_model (get_view (window));
  g_assert_true (ilv_timeline_model_get_following (model));
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (end, ==, ilv_timeline_model_get_duration (model));
  save_screenshot (window, "running");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-run", NULL));
  wait_for (ilv_app_test_is_finished, window);
  g_assert_cmpint (ilv_trace_get_stop_reason (ilv_window_get_current_trace (window)), ==, ILV_STOP_STOPPED);
}

static void
test_live (void)
{
  ilv_app_test_run (live_body);
}

/* A deadlock is announced in the window, naming who waits for what. */
static void
deadlock_body (IlvWindow *window)
{
  GtkWidget *banner;

  run_builtin (window, "deadlock");
  g_assert_cmpint (ilv_trace_get_stop_reason (ilv_window_get_current_trace (window)), ==, ILV_STOP_DEADLOCK);
  banner = ilv_app_test_find_type (GTK_WIDGET (window), GTK_TYPE_INFO_BAR);
  g_assert_nonnull (banner);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (banner)));
  save_screenshot (window, "deadlock");
}

static void
test_deadlock (void)
{
  ilv_app_test_run (deadlock_body);
}

static gint64
lane_state_time (IlvTrace   *trace,
                 const char *lane,
                 IlvState    state)
{
  gint64 times[ILV_N_STATES];

  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    if (g_strcmp0 (ilv_trace_get_lane (trace, i)->name, lane) == 0)
      {
        ilv_trace_lane_state_times (trace, i, ilv_trace_get_start (trace),
                                    ilv_trace_get_end (trace), times);
        return times[state];
      }

  g_assert_not_reached ();
}

/* Slow motion ×5 stretches the race's 50 ms sleep to 250 ms: a sleep
 * never ends early, so the lane sleeps at least that long. */
static void
slow_motion_body (IlvWindow *window)
{
  g_action_group_change_action_state (G_ACTION_GROUP (window), "slow-motion", g_variant_new_uint32 (5));
  run_builtin (window, "race-condition");
  g_assert_cmpint (lane_state_time (ilv_window_get_current_trace (window), "increase#1", ILV_STATE_SLEEP),
                   >=, 245 * G_GINT64_CONSTANT (1000000));

  g_action_group_change_action_state (G_ACTION_GROUP (window), "slow-motion", g_variant_new_uint32 (1));
  run_builtin (window, NULL);
  g_assert_cmpint (lane_state_time (ilv_window_get_current_trace (window), "increase#1", ILV_STATE_SLEEP),
                   <, 245 * G_GINT64_CONSTANT (1000000));
}

static void
test_slow_motion (void)
{
  ilv_app_test_run (slow_motion_body);
}

int
main (int   argc,
      char *argv[])
{
  if (ilv_app_test_skip_without_display ())
    return 0;

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/timeline/race", test_race);
  g_test_add_func ("/app/timeline/zoom-select", test_zoom_select);
  g_test_add_func ("/app/timeline/tooltip", test_tooltip);
  g_test_add_func ("/app/timeline/highlight", test_highlight);
  g_test_add_func ("/app/timeline/compare-export", test_compare_export);
  g_test_add_func ("/app/timeline/presentation", test_presentation);
  g_test_add_func ("/app/timeline/live", test_live);
  g_test_add_func ("/app/timeline/deadlock", test_deadlock);
  g_test_add_func ("/app/timeline/slow-motion", test_slow_motion);

  return g_test_run ();
}
