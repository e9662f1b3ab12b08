/* test-summary-strip.c: the strip's wall time ticks through a run without
 * laying the window out again
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every time a window is laid out again, GTK asks the display server (on
 * X11: for the work area and the window's place, a dozen round trips) and
 * measures every widget in it. The wall time of a live run changes about
 * 20 times a second; if that resized the window, the main loop would wait
 * on the display server as often while the workers load every core.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "ilv-app-test.h"
#include "ilv-summary-strip.h"
#include "ilv-window.h"

static const char scenario_text[] =
  "[Scenario]\nName=Sleepers\nTimeout=30s\n\n"
  "[Workers sleeper]\nKind=thread\nCount=2\nProgram=forever { sleep 5ms }\n";

typedef struct
{
  IlvSummaryStrip *strip;
  GHashTable      *shown;       /* the wall times seen, as strings */
  guint            layouts;     /* the window laid out again */
} Watch;

static void
compute_size_cb (GdkToplevel     *toplevel,
                 GdkToplevelSize *size,
                 Watch           *watch)
{
  watch->layouts++;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  const char *value = ilv_summary_strip_get_value (watch->strip, ILV_FIGURE_WALL);

  g_hash_table_add (watch->shown, g_strdup (value));
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
ticking_body (IlvWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  Watch watch = { 0 };
  gulong layout_id;
  gulong paint_id;

  ilv_app_test_set_scenario (window, "sleepers", scenario_text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  /* The run's first frames lay the window out for the timeline and the
   * strip; after that only the figures change. A tooltip also comes up
   * then, where the display's pointer happens to rest, once GTK's hover
   * delay (500 ms) has passed since the side panel set its buttons'
   * tooltips: wait for that too. */
  iterate_for (1000);

  watch.strip = ILV_SUMMARY_STRIP (ilv_app_test_get_child (window, ILV_TYPE_SUMMARY_STRIP));
  watch.shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  layout_id = g_signal_connect (surface, "compute-size", G_CALLBACK (compute_size_cb), &watch);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &watch);
  iterate_for (1500);
  g_signal_handler_disconnect (surface, layout_id);
  g_signal_handler_disconnect (clock, paint_id);

  /* The time went on in the strip, painted, ... */
  g_assert_cmpuint (g_hash_table_size (watch.shown), >=, 5);
  /* ... and the window was not laid out again for it. */
  g_assert_cmpuint (watch.layouts, <=, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-run", NULL);
  while (!ilv_app_test_is_finished (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (ilv_summary_strip_get_value (watch.strip, ILV_FIGURE_WALL), !=, "–");
  g_hash_table_unref (watch.shown);
}

int
main (int   argc,
      char *argv[])
{
  if (ilv_app_test_skip_without_display ())
    return 0;

  g_test_init (&argc, &argv, NULL);
  ilv_app_test_add ("/summary-strip/wall-time-ticks-without-layout", ticking_body);
  return g_test_run ();
}
