/* test-window.c: the real application opens its window under a display
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "ilv-app-test.h"
#include "ilv-application.h"
#include "ilv-window.h"

#define TIMEOUT_SECONDS 30

typedef struct
{
  IlvApplication *app;
  IlvWindow      *window;
  guint           frames;
  gboolean        checked;
  int             width;      /* the window's default size when it opened */
  int             height;
  int             close_width;  /* resized to this before closing, if set */
  int             close_height;
  gboolean        run_scenario; /* load race-condition, run it, read the summary */
  gboolean        stop_endless; /* run an endless scenario and press Stop */
  gboolean        restored;     /* expect race-condition to be loaded at start */
  guint           poll_id;
} Fixture;

static GtkWindow *
find_about_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_ABOUT_DIALOG (window))
        return window;
    }

  return NULL;
}

static void
check_about (Fixture *fixture)
{
  GtkWindow *about;

  g_assert_null (find_about_dialog ());
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  about = find_about_dialog ();
  g_assert_nonnull (about);
  g_assert_cmpstr (gtk_about_dialog_get_version (GTK_ABOUT_DIALOG (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (gtk_about_dialog_get_logo_icon_name (GTK_ABOUT_DIALOG (about)), ==, APP_ID);
  g_assert_cmpint (gtk_about_dialog_get_license_type (GTK_ABOUT_DIALOG (about)), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (about);
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static void
check_button_sensitive (GtkWindow  *window,
                        const char *action_name,
                        gboolean    sensitive)
{
  GtkWidget *button = ilv_app_test_find_widget (gtk_window_get_titlebar (window),
                                                ilv_app_test_is_action, action_name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpint (gtk_widget_is_sensitive (button), ==, sensitive);
}

static void
check_window (Fixture *fixture)
{
  GtkWindow *window = GTK_WINDOW (fixture->window);
  GtkApplicationWindow *app_window = GTK_APPLICATION_WINDOW (fixture->window);

  g_assert_cmpstr (gtk_window_get_title (window), ==, "Interleave");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >, 0);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fixture->app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  g_assert_nonnull (gtk_application_window_get_help_overlay (app_window));

  /* Nothing is loaded, so Run and Stop are there but insensitive; or the
   * scenario of last time is back, and Run is ready. */
  if (fixture->restored)
    g_assert_cmpstr (ilv_window_get_scenario (fixture->window)->name, ==, "Race condition: db_val += 1");
  else
    g_assert_null (ilv_window_get_scenario (fixture->window));
  check_button_sensitive (window, "win.run-scenario", fixture->restored);
  check_button_sensitive (window, "win.stop-run", FALSE);

  check_about (fixture);
}

static void
close_window (Fixture *fixture)
{
  if (fixture->close_width > 0)
    gtk_window_set_default_size (GTK_WINDOW (fixture->window),
                                 fixture->close_width, fixture->close_height);
  /* Closing the last window ends g_application_run(). */
  gtk_window_close (GTK_WINDOW (fixture->window));
}

static gboolean
poll_run_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *summary = ilv_app_test_find_widget (GTK_WIDGET (fixture->window), has_css_class,
                                                 "run-summary");
  const char *text;

  g_assert_nonnull (summary);
  if (!gtk_widget_get_visible (summary))
    return G_SOURCE_CONTINUE;

  /* Finished: the summary a lecturer reads, and Run is available again. */
  text = gtk_label_get_label (GTK_LABEL (summary));
  g_assert_nonnull (strstr (text, "Wall time"));
  if (fixture->stop_endless)
    {
      g_autofree char *lower = g_ascii_strdown (text, -1);

      g_assert_nonnull (strstr (lower, "stop"));
    }
  else
    {
      g_assert_nonnull (strstr (text, "Lost updates: 1"));
    }
  check_button_sensitive (GTK_WINDOW (fixture->window), "win.run-scenario", TRUE);
  check_button_sensitive (GTK_WINDOW (fixture->window), "win.stop-run", FALSE);

  fixture->poll_id = 0;
  close_window (fixture);
  return G_SOURCE_REMOVE;
}

static gboolean
press_stop_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  check_button_sensitive (GTK_WINDOW (fixture->window), "win.stop-run", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.stop-run", NULL));
  fixture->poll_id = g_timeout_add (20, poll_run_cb, fixture);
  return G_SOURCE_REMOVE;
}

static void
start_endless_run (Fixture *fixture)
{
  static const char endless[] =
    "[Scenario]\nName=Endless\n\n"
    "[Workers ticker]\nKind=thread\nProgram=forever { sleep 5ms }\n";

  ilv_app_test_set_scenario (fixture->window, "endless", endless);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run-scenario", NULL));
  check_button_sensitive (GTK_WINDOW (fixture->window), "win.run-scenario", FALSE);
  g_timeout_add (100, press_stop_cb, fixture);
}

static void
start_run (Fixture *fixture)
{
  GtkWidget *widget = GTK_WIDGET (fixture->window);
  IlvScenario *scenario;

  g_assert_true (gtk_widget_activate_action (widget, "win.load-scenario", "s", "race-condition"));
  scenario = ilv_window_get_scenario (fixture->window);
  g_assert_nonnull (scenario);
  g_assert_cmpstr (scenario->name, ==, "Race condition: db_val += 1");
  check_button_sensitive (GTK_WINDOW (widget), "win.run-scenario", TRUE);

  g_assert_true (gtk_widget_activate_action (widget, "win.run-scenario", NULL));
  check_button_sensitive (GTK_WINDOW (widget), "win.run-scenario", FALSE);
  fixture->poll_id = g_timeout_add (20, poll_run_cb, fixture);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Fixture       *fixture)
{
  if (fixture->checked)
    return;

  fixture->frames++;
  fixture->checked = TRUE;
  check_window (fixture);
  if (fixture->run_scenario)
    start_run (fixture);
  else if (fixture->stop_endless)
    start_endless_run (fixture);
  else
    close_window (fixture);
}

static void
map_cb (GtkWidget *widget,
        Fixture   *fixture)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_assert_nonnull (clock);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), fixture);
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (ILV_IS_WINDOW (window));
  fixture->window = ILV_WINDOW (window);
  gtk_window_get_default_size (window, &fixture->width, &fixture->height);
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    map_cb (GTK_WIDGET (window), fixture);
  else
    g_signal_connect (window, "map", G_CALLBACK (map_cb), fixture);
}

static void
run_app (Fixture *fixture)
{
  guint timeout = ilv_app_test_add_timeout (TIMEOUT_SECONDS);
  int status;

  fixture->app = ilv_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (activate_cb), fixture);
  status = g_application_run (G_APPLICATION (fixture->app), 0, NULL);
  g_source_remove (timeout);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture->checked);
  g_clear_object (&fixture->app);
}

static void
test_window_opens (void)
{
  Fixture fixture = { 0 };

  run_app (&fixture);
  g_assert_cmpint (fixture.frames, ==, 1);
}

static void
test_window_keeps_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  Fixture fixture = { .close_width = 900, .close_height = 600 };
  Fixture again = { 0 };

  /* The window opens at the size kept in the settings (the memory
   * backend keeps them for this process) … */
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  run_app (&fixture);
  g_assert_cmpint (fixture.width, ==, 1000);
  g_assert_cmpint (fixture.height, ==, 700);

  /* … and keeps the size it had when it was closed. */
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  run_app (&again);
  g_assert_cmpint (again.width, ==, 900);
  g_assert_cmpint (again.height, ==, 600);
}

static void
test_window_runs_scenario (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  Fixture fixture = { .run_scenario = TRUE };
  Fixture again = { .restored = TRUE };
  g_autofree char *last = NULL;

  g_settings_reset (settings, "last-scenario");
  run_app (&fixture);
  g_assert_cmpuint (fixture.poll_id, ==, 0);

  /* The window remembers the scenario it had open. */
  last = g_settings_get_string (settings, "last-scenario");
  g_assert_cmpstr (last, ==, "race-condition");
  run_app (&again);
  g_settings_reset (settings, "last-scenario");
}

static void
test_window_stops_run (void)
{
  Fixture fixture = { .stop_endless = TRUE };

  run_app (&fixture);
  g_assert_cmpuint (fixture.poll_id, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (!ilv_app_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/app/window/opens", test_window_opens);
  g_test_add_func ("/app/window/keeps-size", test_window_keeps_size);
  g_test_add_func ("/app/window/runs-scenario", test_window_runs_scenario);
  g_test_add_func ("/app/window/stops-run", test_window_stops_run);

  return g_test_run ();
}
