/* test-window-keys.c: the window driven by real key presses: zoom and
 * pan keys, and the single keys of presentation mode, made by xdotool
 * (XTest) on a private server
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "ilv-app-test.h"
#include "ilv-export-dialog.h"
#include "ilv-test-display.h"
#include "ilv-test-input.h"
#include "ilv-window-files.h"
#include "ilv-window-private.h"

/* With the timeline focused, Ctrl+plus, Ctrl+minus and Ctrl+0 zoom, and
 * Left and Right pan. */
static void
zoom_keys_body (IlvWindow *window)
{
  IlvRect plot;
  IlvInputVisible before = { window, 0 };
  gint64 width;

  ilv_app_test_run_builtin (window, "race-condition");
  ilv_input_plot_area (window, &plot);
  ilv_input_move_to (window, plot.x + plot.width / 2, ilv_input_lane_y (window, "increase#1"));
  ilv_input_xdo (window, "click 1");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (ilv_app_test_get_view (window))));

  width = ilv_input_visible_width (window);
  before.width = width;
  ilv_input_xdo (window, "key ctrl+plus");
  ilv_app_test_wait_until (ilv_input_width_changed, &before, "Ctrl+plus to zoom in");
  g_assert_cmpfloat ((double) width / ilv_input_visible_width (window), >, 1.3);
  before.width = ilv_input_visible_width (window);
  ilv_input_xdo (window, "key ctrl+equal");
  ilv_app_test_wait_until (ilv_input_width_changed, &before, "Ctrl+= to zoom in");
  before.width = ilv_input_visible_width (window);
  ilv_input_xdo (window, "key ctrl+minus");
  ilv_app_test_wait_until (ilv_input_width_changed, &before, "Ctrl+minus to zoom out");
  g_assert_cmpint (ilv_input_visible_width (window), >, before.width);

  before.width = ilv_input_visible_start (window);
  ilv_input_xdo (window, "key Right");
  ilv_app_test_wait_until (ilv_input_start_changed, &before, "Right to pan");
  g_assert_cmpint (ilv_input_visible_start (window), >, before.width);
  before.width = ilv_input_visible_start (window);
  ilv_input_xdo (window, "key Left");
  ilv_app_test_wait_until (ilv_input_start_changed, &before, "Left to pan back");
  g_assert_cmpint (ilv_input_visible_start (window), <, before.width);

  ilv_input_xdo (window, "key ctrl+0");
  g_assert_true (ilv_timeline_model_is_whole (ilv_input_get_model (window)));
}

/* Presentation mode */

static gboolean
is_running (gpointer window)
{
  IlvTrace *trace = ilv_window_get_current_trace (window);

  return trace != NULL && !ilv_trace_is_finished (trace);
}

static gboolean
is_finished_and_drawn (gpointer window)
{
  return ilv_app_test_is_finished (window) && ilv_app_test_frame_drawn (window);
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
  IlvTimelineView *view = ilv_app_test_get_view (window);
  IlvRenderOptions options;
  IlvInputVisible before = { window, 0 };
  Scenario shown = { window, NULL };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", "race-condition"));
  ilv_app_test_wait_frames (window, 2);
  /* Keys go where the pointer is when no window manager gives the focus:
   * on the timeline, where its tooltips come and go as the window goes
   * in and out of full screen. */
  ilv_input_move_to_middle (window);

  ilv_input_xdo (window, "key F11");
  ilv_app_test_wait_until (ilv_app_test_is_presenting, window, "F11 to start presentation mode");
  ilv_timeline_view_get_options (view, &options);
  g_assert_cmpfloat (options.scale, >, 1.2);

  ilv_input_xdo (window, "key space");
  ilv_app_test_wait_until (is_finished_and_drawn, window, "Space to run the scenario");
  g_assert_cmpuint (n_runs (window), ==, 1);

  /* Kept: the next run is drawn beneath it (checked below). */
  ilv_input_xdo (window, "key k");

  before.width = ilv_input_visible_width (window);
  ilv_input_xdo (window, "key plus");
  ilv_app_test_wait_until (ilv_input_width_changed, &before, "+ to zoom in");
  g_assert_cmpint (ilv_input_visible_width (window), <, before.width);
  g_assert_false (ilv_timeline_model_is_whole (ilv_input_get_model (window)));
  before.width = ilv_input_visible_width (window);
  ilv_input_xdo (window, "key minus");
  ilv_app_test_wait_until (ilv_input_width_changed, &before, "- to zoom out");
  g_assert_cmpint (ilv_input_visible_width (window), >, before.width);
  ilv_input_xdo (window, "key plus key 0");
  g_assert_true (ilv_timeline_model_is_whole (ilv_input_get_model (window)));

  shown.scenario = ilv_window_get_scenario (window);
  ilv_input_xdo (window, "key Right");
  ilv_app_test_wait_until (scenario_changed, &shown, "Right to load the next scenario");
  g_assert_cmpstr (ilv_window_get_scenario (window)->name, !=, "Race condition: db_val += 1");

  /* The kept run stays; the next one is drawn beneath it. */
  ilv_input_xdo (window, "key space");
  ilv_app_test_wait_until (two_runs_shown, window, "Space to run the next scenario beneath the kept one");

  ilv_input_xdo (window, "key e");
  ilv_app_test_wait_until (export_dialog_shown, NULL, "E to open the export dialog");
  close_export_dialogs ();
  ilv_app_test_wait_frames (window, 2);

  /* Escape leaves presentation mode, as F11 would. */
  ilv_input_move_to_middle (window);
  ilv_input_xdo (window, "key Escape");
  ilv_app_test_wait_until (ilv_app_test_is_not_presenting, window, "Escape to leave presentation mode");
  ilv_timeline_view_get_options (view, &options);
  g_assert_cmpfloat (options.scale, ==, 1.0);

  /* Outside presentation mode, the single keys are the view's again. */
  ilv_input_xdo (window, "key F11");
  ilv_app_test_wait_until (ilv_app_test_is_presenting, window, "F11 to start presentation mode again");
  ilv_input_xdo (window, "key F11");
  ilv_app_test_wait_until (ilv_app_test_is_not_presenting, window, "F11 to leave presentation mode");
  g_assert_false (is_running (window));
}

/* The keyboard's way round the window */

typedef struct
{
  IlvWindow *window;
  GtkWidget *pane;
} Pane;

static gboolean
focus_in_pane (gpointer data)
{
  Pane *p = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (p->window));

  return focus != NULL && (focus == p->pane || gtk_widget_is_ancestor (focus, p->pane));
}

/* Presses `keys` and waits until the focus is in `pane`. */
static void
press_to_pane (IlvWindow  *window,
               const char *keys,
               GtkWidget  *pane,
               const char *what)
{
  Pane p = { window, pane };

  ilv_input_xdo (window, "key %s", keys);
  ilv_app_test_wait_until (focus_in_pane, &p, what);
  g_assert_true (gtk_widget_get_mapped (gtk_root_get_focus (GTK_ROOT (window))));
}

/* F6 and Shift+F6 go from pane to pane: header bar, side panel,
 * timeline, table; Run from the keyboard leaves the focus on the
 * timeline, which shows that it has it, and Up / Down say which lane. */
static void
panes_body (IlvWindow *window)
{
  GtkWidget *view = GTK_WIDGET (ilv_app_test_get_view (window));
  GtkWidget *header = GTK_WIDGET (window->header_bar);
  GtkWidget *panel = GTK_WIDGET (window->side_panel_slot);
  Pane in_header = { window, header };
  g_autofree char *description = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", "race-condition"));
  ilv_app_test_wait_frames (window, 2);
  ilv_input_move_to_middle (window);
  /* To the header bar, from wherever the focus was. */
  for (guint i = 0; i < 4 && !focus_in_pane (&in_header); i++)
    ilv_input_xdo (window, "key F6");
  g_assert_true (focus_in_pane (&in_header));

  /* F5 from the header bar: the focus goes to the timeline. */
  ilv_input_xdo (window, "key F5");
  ilv_app_test_wait_until (is_finished_and_drawn, window, "F5 to run the scenario");
  g_assert_true (gtk_widget_has_focus (view));
  g_assert_true (gtk_widget_has_visible_focus (view));

  press_to_pane (window, "F6", window->details, "F6 to go to the table");
  press_to_pane (window, "F6", header, "F6 to go round to the header bar");
  press_to_pane (window, "F6", panel, "F6 to go to the side panel");
  press_to_pane (window, "F6", view, "F6 to go to the timeline");
  g_assert_true (gtk_widget_has_visible_focus (view));
  press_to_pane (window, "shift+F6", panel, "Shift+F6 to go back to the side panel");
  press_to_pane (window, "shift+F6", header, "Shift+F6 to go back to the header bar");
  press_to_pane (window, "shift+F6", window->details, "Shift+F6 to go back round to the table");
  press_to_pane (window, "shift+F6", view, "Shift+F6 to go back to the timeline");

  /* On the timeline, Down goes to the first lane, and its accessible
   * description says what that lane did. */
  ilv_input_xdo (window, "key Down");
  description = ilv_timeline_view_describe (ILV_TIMELINE_VIEW (view));
  g_assert_nonnull (strstr (description, "Lane increase#1:"));
  g_assert_nonnull (strstr (description, " shown."));
}

/* F5 while a field of the side panel is being edited leaves the focus
 * in the field. */
static void
run_from_field_body (IlvWindow *window)
{
  GtkWidget *field;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", "race-condition"));
  ilv_app_test_wait_frames (window, 2);
  field = ilv_app_test_find_type (GTK_WIDGET (window->side_panel_slot), GTK_TYPE_TEXT);
  g_assert_nonnull (field);
  g_assert_true (gtk_widget_grab_focus (field));
  ilv_input_move_to_middle (window);

  ilv_input_xdo (window, "key F5");
  ilv_app_test_wait_until (is_finished_and_drawn, window, "F5 to run the scenario");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == field);
}

/* The chooser, with the pointer */

typedef struct
{
  IlvWindow *window;
  gboolean   panel_shown;
} PanelState;

static gboolean
panel_toggled (gpointer data)
{
  PanelState *state = data;

  return gtk_toggle_button_get_active (state->window->panel_button) != state->panel_shown;
}

/* A click on `widget`, wherever its native (the window or a popover) is. */
static void
click_widget (IlvWindow *window,
              GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t center;
  double dx;
  double dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &center));
  gtk_native_get_surface_transform (native, &dx, &dy);
  ilv_input_xdo (window, "mousemove --window %lu %d %d click 1",
                 (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                 (int) (dx + center.x), (int) (dy + center.y));
}

static gboolean
is_menu_item (GtkWidget     *widget,
              gconstpointer  text)
{
  g_autofree char *label = NULL;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") || !gtk_widget_get_mapped (widget))
    return FALSE;
  g_object_get (widget, "text", &label, NULL);
  return g_strcmp0 (label, text) == 0;
}

static gboolean
popover_shown (gpointer window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (ilv_window_files_get_chooser (window))));
}

static gboolean
popover_gone (gpointer window)
{
  return !popover_shown (window);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} MenuItem;

static gboolean
menu_item_shown (gpointer data)
{
  MenuItem *item = data;

  return ilv_app_test_find_widget (item->root, is_menu_item, item->text) != NULL;
}

static void
click_menu_item (IlvWindow  *window,
                 const char *text)
{
  MenuItem item = { GTK_WIDGET (gtk_menu_button_get_popover (ilv_window_files_get_chooser (window))), text };

  ilv_app_test_wait_until (menu_item_shown, &item, text);
  click_widget (window, ilv_app_test_find_widget (item.root, is_menu_item, text));
}

static gboolean
has_run (gpointer window)
{
  return ilv_window_get_current_trace (window) != NULL;
}

/* Keys reach the window's shortcuts at start, and after a scenario was
 * chosen from a topic of the chooser with the pointer: GTK 4.8 left the
 * focus on the closed menu's item there, and F5 did nothing. */
static void
keys_after_chooser_body (IlvWindow *window)
{
  PanelState state = { window, gtk_toggle_button_get_active (window->panel_button) };
  GtkWidget *focus;

  ilv_app_test_wait_frames (window, 2);
  ilv_input_move_to_middle (window);
  ilv_input_xdo (window, "key F9");
  ilv_app_test_wait_until (panel_toggled, &state, "F9 at start to hide the side panel");
  ilv_input_xdo (window, "key F9");
  state.panel_shown = !state.panel_shown;
  ilv_app_test_wait_until (panel_toggled, &state, "F9 to show it again");

  click_widget (window, GTK_WIDGET (ilv_window_files_get_chooser (window)));
  ilv_app_test_wait_until (popover_shown, window, "the chooser to open");
  click_menu_item (window, "Races and locks");
  click_menu_item (window, "Race condition: db_val += 1");
  ilv_app_test_wait_until (popover_gone, window, "the chooser to close");
  ilv_app_test_wait_frames (window, 2);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && gtk_widget_get_mapped (focus));

  ilv_input_xdo (window, "key F5");
  ilv_app_test_wait_until (has_run, window, "F5 after the chooser to run the scenario");
  ilv_app_test_wait_until (is_finished_and_drawn, window, "the run to end");
}

int
main (int   argc,
      char *argv[])
{
  if (!ilv_input_init (&argc, &argv))
    return 0;

  ilv_app_test_add ("/app/keys/zoom-pan", zoom_keys_body);
  ilv_app_test_add ("/app/keys/presentation", presentation_keys_body);
  ilv_app_test_add ("/app/keys/panes", panes_body);
  ilv_app_test_add ("/app/keys/run-from-field", run_from_field_body);
  ilv_app_test_add ("/app/keys/after-chooser", keys_after_chooser_body);

  return ilv_test_display_run_tests ();
}
