/* test-window-fullscreen.c: presentation mode really fills the screen
 * under a window manager (openbox on an X server of its own), and the
 * window comes back as it was
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "ilv-app-test.h"
#include "ilv-test-display.h"
#include "ilv-test-input.h"
#include "ilv-test-screenshot.h"
#include "ilv-timeline-view.h"
#include "ilv-window-private.h"

static GdkSurface *
get_surface (IlvWindow *window)
{
  return gtk_native_get_surface (GTK_NATIVE (window));
}

static gboolean
has_state (IlvWindow        *window,
           GdkToplevelState  state)
{
  return (gdk_toplevel_get_state (GDK_TOPLEVEL (get_surface (window))) & state) != 0;
}

static gboolean
is_fullscreen (gpointer window)
{
  return has_state (window, GDK_TOPLEVEL_STATE_FULLSCREEN);
}

static gboolean
fills_screen (gpointer window)
{
  return is_fullscreen (window) &&
         gdk_surface_get_width (get_surface (window)) == ILV_TEST_DISPLAY_WIDTH &&
         gdk_surface_get_height (get_surface (window)) == ILV_TEST_DISPLAY_HEIGHT;
}

static int normal_width;
static int normal_height;

static gboolean
is_back_to_normal (gpointer window)
{
  return !is_fullscreen (window) &&
         gdk_surface_get_width (get_surface (window)) == normal_width &&
         gdk_surface_get_height (get_surface (window)) == normal_height;
}

/* Everything the timeline draws fits in the view: no lane is cut off. */
static void
assert_timeline_fits (IlvWindow *window)
{
  IlvTimelineLayout *layout = ilv_timeline_view_get_layout (window->timeline);
  int height = gtk_widget_get_height (GTK_WIDGET (window->timeline));
  guint n_rows = ilv_timeline_layout_get_n_rows (layout);
  const IlvTimelineRow *last = ilv_timeline_layout_get_row (layout, n_rows - 1);

  g_assert_cmpfloat (last->rect.y + last->rect.height, <=, height);
  g_assert_cmpfloat (ilv_timeline_layout_get_natural_height (layout), <=, height);
}

static void
fullscreen_body (IlvWindow *window)
{
  GdkMonitor *monitor;
  GdkRectangle screen;
  IlvRenderOptions options;
  int timeline_width;

  ilv_app_test_run_builtin (window, "race-condition");
  ilv_app_test_wait_frames (window, 3);

  monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (window)),
                                                get_surface (window));
  gdk_monitor_get_geometry (monitor, &screen);
  g_assert_cmpint (screen.width, ==, ILV_TEST_DISPLAY_WIDTH);
  g_assert_cmpint (screen.height, ==, ILV_TEST_DISPLAY_HEIGHT);

  g_assert_false (is_fullscreen (window));
  normal_width = gdk_surface_get_width (get_surface (window));
  normal_height = gdk_surface_get_height (get_surface (window));
  g_assert_cmpint (normal_width, <, screen.width);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->side_panel_slot)));
  g_assert_true (gtk_widget_get_mapped (window->details));
  timeline_width = gtk_widget_get_width (GTK_WIDGET (window->timeline));

  /* F11 (the main menu's Presentation Mode): the window manager makes
   * the window fill the screen; panel and table make room; type grows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-presentation", NULL));
  ilv_app_test_wait_until (fills_screen, window, "the window manager to make the window full screen");
  ilv_app_test_wait_frames (window, 3);
  /* Edge to edge: no frame of the window's own round the slide. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, screen.width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, screen.height);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window->side_panel_slot)));
  g_assert_false (gtk_widget_get_mapped (window->details));
  ilv_timeline_view_get_options (window->timeline, &options);
  g_assert_cmpfloat (options.scale, >, 1.2);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->timeline)), >, timeline_width);
  /* The timeline has the screen's width, less a margin at most. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->timeline)), >=, screen.width - 64);
  assert_timeline_fits (window);
  ilv_test_screenshot_save (window, "presentation-fullscreen");

  /* And back: the same size as before, panel and table again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-presentation", NULL));
  ilv_app_test_wait_until (is_back_to_normal, window, "the window manager to give the window its size back");
  ilv_app_test_wait_frames (window, 3);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->side_panel_slot)));
  g_assert_true (gtk_widget_get_mapped (window->details));
  ilv_timeline_view_get_options (window->timeline, &options);
  g_assert_cmpfloat (options.scale, ==, 1.0);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->timeline)), ==, timeline_width);
}

/* A window closed in presentation mode comes back next time at the
 * size it had before, not at the screen's. */
static void
close_presenting_body (IlvWindow *window)
{
  gtk_window_get_default_size (GTK_WINDOW (window), &normal_width, &normal_height);
  g_assert_cmpint (normal_width, <, ILV_TEST_DISPLAY_WIDTH);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-presentation", NULL));
  ilv_app_test_wait_until (fills_screen, window, "the window manager to make the window full screen");
  ilv_app_test_wait_frames (window, 3);
}

static void
test_close_presenting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  ilv_app_test_run (close_presenting_body);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, normal_width);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, normal_height);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static gboolean
is_maximized (gpointer window)
{
  return has_state (window, GDK_TOPLEVEL_STATE_MAXIMIZED);
}

static gboolean
is_maximized_not_fullscreen (gpointer window)
{
  return is_maximized (window) && !is_fullscreen (window);
}

/* A maximized window is maximized again after presentation mode. */
static void
maximized_body (IlvWindow *window)
{
  gtk_window_maximize (GTK_WINDOW (window));
  ilv_app_test_wait_until (is_maximized, window, "the window manager to maximize the window");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-presentation", NULL));
  ilv_app_test_wait_until (fills_screen, window, "the window manager to make the window full screen");
  ilv_app_test_wait_frames (window, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-presentation", NULL));
  ilv_app_test_wait_until (is_maximized_not_fullscreen, window, "the window to be maximized again");
  g_assert_true (gtk_window_is_maximized (GTK_WINDOW (window)));
}

static gboolean
tooltip_shown (gpointer window)
{
  return ilv_app_test_find_tooltip (window) != NULL;
}

static gboolean
is_not_fullscreen (gpointer window)
{
  return !is_fullscreen (window);
}

/* The pointer onto a worker's lane, and its tooltip up. */
static void
hover_lane (IlvWindow *window,
            double     where)
{
  IlvRect plot;

  ilv_input_plot_area (window, &plot);
  ilv_input_move_to (window, plot.x + plot.width * where, ilv_input_lane_y (window, "increase#1"));
  ilv_app_test_wait_until (tooltip_shown, window, "a tooltip over the timeline");
}

/* A hover's tooltip up on the timeline while the window leaves full
 * screen, in presentation mode or by the window manager's doing (a key
 * of its own): no warning (a warning fails the test), and the tooltip
 * comes back at the next hover. */
static void
tooltip_body (IlvWindow *window)
{
  ilv_app_test_run_builtin (window, "race-condition");
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-presentation", NULL));
      ilv_app_test_wait_until (fills_screen, window, "the window manager to make the window full screen");
      ilv_app_test_wait_frames (window, 3);
      hover_lane (window, 0.3 + 0.1 * i);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-presentation", NULL));
      ilv_app_test_wait_until (is_not_fullscreen, window, "the window to leave full screen");
      ilv_app_test_wait_frames (window, 5);
    }

  /* What a window manager's key does, with presentation mode none the
   * wiser: the same request to the window manager. */
  for (guint i = 0; i < 4; i++)
    {
      hover_lane (window, 0.4 + 0.1 * i);
      gtk_window_fullscreen (GTK_WINDOW (window));
      ilv_app_test_wait_until (fills_screen, window, "the window manager to make the window full screen");
      ilv_app_test_wait_frames (window, 3);
      hover_lane (window, 0.3 + 0.1 * i);
      gtk_window_unfullscreen (GTK_WINDOW (window));
      ilv_app_test_wait_until (is_not_fullscreen, window, "the window to leave full screen");
      ilv_app_test_wait_frames (window, 5);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *skip_reason = NULL;

  if (!ilv_test_display_start (TRUE, &skip_reason))
    {
      g_print ("1..0 # SKIP %s\n", skip_reason);
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  ilv_app_test_add ("/app/fullscreen/presentation", fullscreen_body);
  g_test_add_func ("/app/fullscreen/close-presenting", test_close_presenting);
  ilv_app_test_add ("/app/fullscreen/maximized", maximized_body);
  ilv_app_test_add ("/app/fullscreen/tooltip", tooltip_body);

  return ilv_test_display_run_tests ();
}
