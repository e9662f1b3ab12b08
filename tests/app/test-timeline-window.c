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
#include "ilv-test-screenshot.h"
#include "ilv-timeline-view.h"
#include "ilv-window.h"

static IlvSummaryStrip *
get_strip (IlvWindow *window)
{
  return ILV_SUMMARY_STRIP (ilv_app_test_get_child (window, ILV_TYPE_SUMMARY_STRIP));
}

/* A newcomer picks "Race condition", presses Run, and sees the lost
 * update on the timeline and in the summary. */
static void
race_body (IlvWindow *window)
{
  IlvTimelineView *view;
  IlvSummaryStrip *strip;

  ilv_test_screenshot_save (window, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", "race-condition"));
  ilv_test_screenshot_save (window, "normal");
  ilv_app_test_run_builtin (window, NULL);

  view = ilv_app_test_get_view (window);
  strip = get_strip (window);
  /* The two workers; the GIL (held a few µs in all) and cores the sampler
   * never saw used are left out rather than drawn empty. */
  g_assert_cmpuint (ilv_timeline_view_get_n_lanes (view), >=, 2);
  g_assert_cmpstr (ilv_summary_strip_get_value (strip, ILV_FIGURE_LOST_UPDATES), ==, "1");
  g_assert_cmpstr (ilv_summary_strip_get_value (strip, ILV_FIGURE_WALL), !=, "–");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (view)));
  ilv_test_screenshot_save (window, "finished");
}

static gboolean
table_shows_selection (gpointer window)
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

  ilv_app_test_run_builtin (window, "queue-fast-producers");
  view = ilv_app_test_get_view (window);
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
  ilv_app_test_wait_until (table_shows_selection, window, "the table to give the selection's times");
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
  ilv_app_test_wait_frames (window, 2);
  g_assert_nonnull (ilv_timeline_view_describe (view));
  ilv_test_screenshot_save (window, "selection");
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

  ilv_app_test_run_builtin (window, "race-condition");
  view = ilv_app_test_get_view (window);
  ilv_app_test_wait_frames (window, 2);
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

  ilv_app_test_run_builtin (window, "race-condition-locked");
  view = ilv_app_test_get_view (window);
  model = ilv_timeline_view_get_model (view);
  ilv_app_test_wait_frames (window, 2);
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
  ilv_app_test_wait_frames (window, 2);
  ilv_timeline_view_click_at (view, x, rect.y + rect.height / 2);
  g_assert_cmpint (ilv_timeline_model_get_highlight (model), ==, -1);
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

  ilv_app_test_run_builtin (window, "race-condition");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.keep-run", NULL));
  ilv_app_test_run_builtin (window, "race-condition-locked");
  traces = ilv_window_get_current_traces (window, &n_traces);
  g_assert_cmpuint (n_traces, ==, 2);
  g_assert_cmpuint (ilv_timeline_layout_get_n_traces (ilv_timeline_view_get_layout (ilv_app_test_get_view (window))), ==, 2);
  g_assert_cmpstr (ilv_summary_strip_get_value (get_strip (window), ILV_FIGURE_LOST_UPDATES), ==, "0");
  ilv_test_screenshot_save (window, "compare");

  /* The Export button's dialog, and the file its code writes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-view", NULL));
  ilv_timeline_view_get_options (ilv_app_test_get_view (window), &view_options);
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

static gboolean
presentation_dialog_closed (gpointer data)
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
  view = ilv_app_test_get_view (window);
  ilv_timeline_view_get_options (view, &options);
  g_assert_cmpfloat (options.scale, >, 1.2);

  /* Space runs, as the presentation keys say. */
  g_assert_true (gtk_widget_activate_action (widget, "win.toggle-run", NULL));
  ilv_app_test_wait_until (ilv_app_test_is_finished, window, "the run to finish");
  ilv_app_test_wait_until (ilv_app_test_frame_drawn, window, "the run to be drawn");
  ilv_test_screenshot_save (window, "presentation");
  g_assert_true (gtk_widget_activate_action (widget, "win.next-scenario", NULL));
  g_assert_cmpstr (ilv_window_get_scenario (window)->name, !=, "Race condition: db_val += 1");

  /* Escape with no run going on leaves presentation mode. */
  g_assert_true (gtk_widget_activate_action (widget, "win.escape-presentation", NULL));
  g_assert_false (gtk_widget_has_css_class (widget, "presentation"));
  ilv_timeline_view_get_options (view, &options);
  g_assert_cmpfloat (options.scale, ==, 1.0);
  ilv_app_test_wait_until (presentation_dialog_closed, NULL, "no export dialog to be left");
}

/* A live run is drawn while it goes on: the view follows its growth. */
static gboolean
grew (gpointer window)
{
  IlvTimelineModel *model = ilv_timeline_view_get_model (ilv_app_test_get_view (window));

  return ilv_timeline_model_get_duration (model) > 100 * G_GINT64_CONSTANT (1000000);
}

static void
live_body (IlvWindow *window)
{
  static const char endless[] =
    "[Scenario]\nName=Endless\n\n"
    "[Workers ticker]\nKind=thread\nCount=2\nProgram=forever { compute 1ms; sleep 2ms }\n";
  IlvTimelineModel *model;
  gint64 start, end;

  ilv_app_test_set_scenario (window, "endless", endless);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  ilv_app_test_wait_until (grew, window, "the run to go on for 100 ms");
  ilv_app_test_wait_until (ilv_app_test_frame_drawn, window, "the run to be drawn");
  model = ilv_timeline_view_get_model (ilv_app_test_get_view (window));
  g_assert_true (ilv_timeline_model_get_following (model));
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (end, ==, ilv_timeline_model_get_duration (model));
  ilv_test_screenshot_save (window, "running");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-run", NULL));
  ilv_app_test_wait_until (ilv_app_test_is_finished, window, "the run to finish");
  g_assert_cmpint (ilv_trace_get_stop_reason (ilv_window_get_current_trace (window)), ==, ILV_STOP_STOPPED);
}

/* A deadlock is announced in the window, naming who waits for what. */
static void
deadlock_body (IlvWindow *window)
{
  GtkWidget *banner;

  ilv_app_test_run_builtin (window, "deadlock");
  g_assert_cmpint (ilv_trace_get_stop_reason (ilv_window_get_current_trace (window)), ==, ILV_STOP_DEADLOCK);
  banner = ilv_app_test_find_type (GTK_WIDGET (window), GTK_TYPE_INFO_BAR);
  g_assert_nonnull (banner);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (banner)));
  ilv_test_screenshot_save (window, "deadlock");
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
  ilv_app_test_run_builtin (window, "race-condition");
  g_assert_cmpint (lane_state_time (ilv_window_get_current_trace (window), "increase#1", ILV_STATE_SLEEP),
                   >=, 245 * G_GINT64_CONSTANT (1000000));

  g_action_group_change_action_state (G_ACTION_GROUP (window), "slow-motion", g_variant_new_uint32 (1));
  ilv_app_test_run_builtin (window, NULL);
  g_assert_cmpint (lane_state_time (ilv_window_get_current_trace (window), "increase#1", ILV_STATE_SLEEP),
                   <, 245 * G_GINT64_CONSTANT (1000000));
}

int
main (int   argc,
      char *argv[])
{
  if (!ilv_app_test_init (&argc, &argv))
    return 0;

  ilv_app_test_add ("/app/timeline/race", race_body);
  ilv_app_test_add ("/app/timeline/zoom-select", zoom_select_body);
  ilv_app_test_add ("/app/timeline/tooltip", tooltip_body);
  ilv_app_test_add ("/app/timeline/highlight", highlight_body);
  ilv_app_test_add ("/app/timeline/compare-export", compare_export_body);
  ilv_app_test_add ("/app/timeline/presentation", presentation_body);
  ilv_app_test_add ("/app/timeline/live", live_body);
  ilv_app_test_add ("/app/timeline/deadlock", deadlock_body);
  ilv_app_test_add ("/app/timeline/slow-motion", slow_motion_body);

  return g_test_run ();
}
