/* ilv-app-test.c: what the window tests share: running the application
 * around a test body, finding widgets, waiting for a run
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-app-test.h"

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

/* Whether the window's current run has finished. */
gboolean
ilv_app_test_is_finished (IlvWindow *window)
{
  IlvTrace *trace = ilv_window_get_current_trace (window);

  return trace != NULL && ilv_trace_is_finished (trace);
}
