/* ilv-app-test.c: what the window tests share: running the application
 * around a test body, finding widgets, waiting for a run and its frames
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-app-test.h"

#include <string.h>

#include "ilv-application.h"

static IlvAppTestBody current_body;

gboolean
ilv_app_test_has_display (void)
{
  return g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
}

/* Without a display, prints the plan of a test program that skips all
 * its tests and returns TRUE: the program then ends. */
gboolean
ilv_app_test_skip_without_display (void)
{
  if (ilv_app_test_has_display ())
    return FALSE;

  g_print ("1..0 # SKIP no display\n");
  return TRUE;
}

/* Initialises GTK for a test program, or, without a display, prints the
 * plan of a program that skips all its tests and returns FALSE: the
 * program then ends. */
gboolean
ilv_app_test_init (int    *argc,
                   char ***argv)
{
  if (ilv_app_test_skip_without_display ())
    return FALSE;

  gtk_test_init (argc, argv, NULL);
  return TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("The test did not finish within %u s", GPOINTER_TO_UINT (user_data));
  return G_SOURCE_REMOVE;
}

/* Fails the test if it still runs after `seconds`; returns the source to
 * remove when it is done. */
guint
ilv_app_test_add_timeout (guint seconds)
{
  return g_timeout_add_seconds (seconds, timeout_cb, GUINT_TO_POINTER (seconds));
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  IlvWindow *window = ILV_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  current_body (window);
  gtk_window_close (GTK_WINDOW (window));
}

/* Runs the application; once its window is mapped at 1400×900, `body`
 * runs in it, then the window closes, which ends the application. */
void
ilv_app_test_run (IlvAppTestBody body)
{
  g_autoptr(IlvApplication) app = ilv_application_new (G_APPLICATION_NON_UNIQUE);
  guint timeout = ilv_app_test_add_timeout (ILV_APP_TEST_TIMEOUT_SECONDS);

  current_body = body;
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_source_remove (timeout);
  current_body = NULL;
}

static void
run_body_cb (gconstpointer data)
{
  const IlvAppTestBody *body = data;

  ilv_app_test_run (*body);
}

/* Adds the test `path` that runs `body` in the application's window. */
void
ilv_app_test_add (const char     *path,
                  IlvAppTestBody  body)
{
  IlvAppTestBody *copy = g_new (IlvAppTestBody, 1);

  *copy = body;
  g_test_add_data_func_full (path, copy, run_body_cb, g_free);
}

/* The first widget under `root` (itself included, depth first) that
 * `match` accepts, or NULL. */
GtkWidget *
ilv_app_test_find_widget (GtkWidget      *root,
                          IlvAppTestMatch match,
                          gconstpointer   data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ilv_app_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (type));
}

GtkWidget *
ilv_app_test_find_type (GtkWidget *root,
                        GType      type)
{
  return ilv_app_test_find_widget (root, is_type, GSIZE_TO_POINTER (type));
}

/* Whether `widget` is actionable with the action named `action_name`. */
gboolean
ilv_app_test_is_action (GtkWidget     *widget,
                        gconstpointer  action_name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

/* The first widget of `type` in the window; asserts there is one. */
GtkWidget *
ilv_app_test_get_child (IlvWindow *window,
                        GType      type)
{
  GtkWidget *child = ilv_app_test_find_type (GTK_WIDGET (window), type);

  g_assert_nonnull (child);
  return child;
}

/* The first widget of the window that activates `action_name` (a
 * button, mostly); asserts there is one. */
GtkWidget *
ilv_app_test_get_button (IlvWindow  *window,
                         const char *action_name)
{
  GtkWidget *button = ilv_app_test_find_widget (GTK_WIDGET (window), ilv_app_test_is_action,
                                                action_name);

  g_assert_nonnull (button);
  return button;
}

/* The window's tooltip while one shows, else NULL: the tooltip window is
 * a child of the toplevel then. */
GtkWidget *
ilv_app_test_find_tooltip (IlvWindow *window)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (window));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_NATIVE (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (G_OBJECT_TYPE_NAME (child), "GtkTooltipWindow") == 0)
        return child;
    }

  return NULL;
}

IlvTimelineView *
ilv_app_test_get_view (IlvWindow *window)
{
  return ILV_TIMELINE_VIEW (ilv_app_test_get_child (window, ILV_TYPE_TIMELINE_VIEW));
}

/* Whether the window's current run has finished. */
gboolean
ilv_app_test_is_finished (gpointer window)
{
  IlvTrace *trace = ilv_window_get_current_trace (window);

  return trace != NULL && ilv_trace_is_finished (trace);
}

/* Whether the timeline has laid out every run the window shows, with
 * lanes to draw. */
gboolean
ilv_app_test_frame_drawn (gpointer window)
{
  IlvTimelineView *view = ilv_app_test_get_view (window);
  IlvTimelineLayout *layout = ilv_timeline_view_get_layout (view);
  guint n_traces = 0;

  ilv_window_get_current_traces (window, &n_traces);
  return layout != NULL && ilv_timeline_layout_get_n_traces (layout) == n_traces &&
         ilv_timeline_view_get_n_lanes (view) > 0;
}

gboolean
ilv_app_test_is_presenting (gpointer window)
{
  return gtk_widget_has_css_class (GTK_WIDGET (window), "presentation");
}

gboolean
ilv_app_test_is_not_presenting (gpointer window)
{
  return !ilv_app_test_is_presenting (window);
}

/* Iterates the main loop until `done`, failing with `what` after a while.
 * The loop is polled rather than blocked in, so that the step's time
 * limit holds even when nothing happens. */
void
ilv_app_test_wait_until (IlvAppTestCondition  done,
                         gpointer             data,
                         const char          *what)
{
  gint64 deadline = g_get_monotonic_time () + ILV_APP_TEST_STEP_SECONDS * G_TIME_SPAN_SECOND;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited %d s in vain for: %s", ILV_APP_TEST_STEP_SECONDS, what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2 * G_TIME_SPAN_MILLISECOND);
    }
}

/* Drawing happens on the frame clock: wait for frames after a change. */
void
ilv_app_test_wait_frames (IlvWindow *window,
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

/* Gives the window the scenario of `text`, as if read from a file named
 * `source`; asserts that it parses. */
void
ilv_app_test_set_scenario (IlvWindow  *window,
                           const char *source,
                           const char *text)
{
  g_autoptr(IlvScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;

  scenario = ilv_scenario_new_from_data (text, strlen (text), source, NULL, &error);
  g_assert_no_error (error);
  ilv_window_set_scenario (window, scenario);
}

/* Loads the built-in scenario `id` (with NULL, keeps the one loaded),
 * presses Run, and waits until the run has finished and is drawn. */
void
ilv_app_test_run_builtin (IlvWindow  *window,
                          const char *id)
{
  if (id != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  g_assert_false (ilv_app_test_is_finished (window));
  ilv_app_test_wait_until (ilv_app_test_is_finished, window, "the run to finish");
  ilv_app_test_wait_until (ilv_app_test_frame_drawn, window, "the run to be drawn");
  ilv_app_test_wait_frames (window, 2);
}
