/* test-window-keys.c: the window driven by real key presses: zoom and
 * pan keys, and the single keys of presentation mode, made by xdotool
 * (XTest) on a private server
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "ilv-app-test.h"
#include "ilv-export-dialog.h"
#include "ilv-test-display.h"
#include "ilv-test-input.h"

/* With the timeline focused, Ctrl+plus, Ctrl+minus and Ctrl+0 zoom, and
 * Left and Right pan. */
static void
zoom_keys_body (IlvWindow *window)
{
  IlvRect plot;
  IlvInputVisible before = { window, 0 };
  gint64 width;

  ilv_input_run_builtin (window, "race-condition");
  ilv_input_plot_area (window, &plot);
  ilv_input_move_to (window, plot.x + plot.width / 2, ilv_input_lane_y (window, "increase#1"));
  ilv_input_xdo (window, "click 1");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (ilv_input_get_view (window))));

  width = ilv_input_visible_width (window);
  before.width = width;
  ilv_input_xdo (window, "key ctrl+plus");
  ilv_input_wait_until (ilv_input_width_changed, &before, "Ctrl+plus to zoom in");
  g_assert_cmpfloat ((double) width / ilv_input_visible_width (window), >, 1.3);
  before.width = ilv_input_visible_width (window);
  ilv_input_xdo (window, "key ctrl+equal");
  ilv_input_wait_until (ilv_input_width_changed, &before, "Ctrl+= to zoom in");
  before.width = ilv_input_visible_width (window);
  ilv_input_xdo (window, "key ctrl+minus");
  ilv_input_wait_until (ilv_input_width_changed, &before, "Ctrl+minus to zoom out");
  g_assert_cmpint (ilv_input_visible_width (window), >, before.width);

  before.width = ilv_input_visible_start (window);
  ilv_input_xdo (window, "key Right");
  ilv_input_wait_until (ilv_input_start_changed, &before, "Right to pan");
  g_assert_cmpint (ilv_input_visible_start (window), >, before.width);
  before.width = ilv_input_visible_start (window);
  ilv_input_xdo (window, "key Left");
  ilv_input_wait_until (ilv_input_start_changed, &before, "Left to pan back");
  g_assert_cmpint (ilv_input_visible_start (window), <, before.width);

  ilv_input_xdo (window, "key ctrl+0");
  g_assert_true (ilv_timeline_model_is_whole (ilv_input_get_model (window)));
}

static void
test_zoom_keys (void)
{
  ilv_app_test_run (zoom_keys_body);
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
  return ilv_input_is_finished (window) && ilv_input_frame_drawn (window);
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
  IlvTimelineView *view = ilv_input_get_view (window);
  IlvRenderOptions options;
  IlvInputVisible before = { window, 0 };
  Scenario shown = { window, NULL };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", "race-condition"));
  ilv_input_wait_frames (window, 2);
  /* Keys go where the pointer is when no window manager gives the focus:
   * on the timeline, with its tooltips off (GTK 4.8 now and then warns
   * when a window with a tooltip up leaves full screen). */
  gtk_widget_set_has_tooltip (GTK_WIDGET (view), FALSE);
  ilv_input_move_to_middle (window);

  ilv_input_xdo (window, "key F11");
  ilv_input_wait_until (is_presenting, window, "F11 to start presentation mode");
  ilv_timeline_view_get_options (view, &options);
  g_assert_cmpfloat (options.scale, >, 1.2);

  ilv_input_xdo (window, "key space");
  ilv_input_wait_until (is_finished_and_drawn, window, "Space to run the scenario");
  g_assert_cmpuint (n_runs (window), ==, 1);

  /* Kept: the next run is drawn beneath it (checked below). */
  ilv_input_xdo (window, "key k");

  before.width = ilv_input_visible_width (window);
  ilv_input_xdo (window, "key plus");
  ilv_input_wait_until (ilv_input_width_changed, &before, "+ to zoom in");
  g_assert_cmpint (ilv_input_visible_width (window), <, before.width);
  g_assert_false (ilv_timeline_model_is_whole (ilv_input_get_model (window)));
  before.width = ilv_input_visible_width (window);
  ilv_input_xdo (window, "key minus");
  ilv_input_wait_until (ilv_input_width_changed, &before, "- to zoom out");
  g_assert_cmpint (ilv_input_visible_width (window), >, before.width);
  ilv_input_xdo (window, "key plus key 0");
  g_assert_true (ilv_timeline_model_is_whole (ilv_input_get_model (window)));

  shown.scenario = ilv_window_get_scenario (window);
  ilv_input_xdo (window, "key Right");
  ilv_input_wait_until (scenario_changed, &shown, "Right to load the next scenario");
  g_assert_cmpstr (ilv_window_get_scenario (window)->name, !=, "Race condition: db_val += 1");

  /* The kept run stays; the next one is drawn beneath it. */
  ilv_input_xdo (window, "key space");
  ilv_input_wait_until (two_runs_shown, window, "Space to run the next scenario beneath the kept one");

  ilv_input_xdo (window, "key e");
  ilv_input_wait_until (export_dialog_shown, NULL, "E to open the export dialog");
  close_export_dialogs ();
  ilv_input_wait_frames (window, 2);

  /* Escape leaves presentation mode, as F11 would. */
  ilv_input_move_to_middle (window);
  ilv_input_xdo (window, "key Escape");
  ilv_input_wait_until (is_not_presenting, window, "Escape to leave presentation mode");
  ilv_timeline_view_get_options (view, &options);
  g_assert_cmpfloat (options.scale, ==, 1.0);

  /* Outside presentation mode, the single keys are the view's again. */
  ilv_input_xdo (window, "key F11");
  ilv_input_wait_until (is_presenting, window, "F11 to start presentation mode again");
  ilv_input_xdo (window, "key F11");
  ilv_input_wait_until (is_not_presenting, window, "F11 to leave presentation mode");
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
  int status;

  if (!ilv_input_init (&argc, &argv))
    return 0;

  g_test_add_func ("/app/keys/zoom-pan", test_zoom_keys);
  g_test_add_func ("/app/keys/presentation", test_presentation_keys);

  status = g_test_run ();
  ilv_test_display_stop ();
  return status;
}
