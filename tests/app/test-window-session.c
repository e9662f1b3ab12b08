/* test-window-session.c: the window's runs come back after a close, a
 * stopped run, a damaged file and a kill -9
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "ilv-app-test.h"
#include "ilv-session-index.h"
#include "ilv-summary-text.h"
#include "ilv-test-folder.h"

/* The state folder of this program, set before GLib reads it. */
static char *state_home;

/* What the first window showed, for the second to compare. */
static GPtrArray *seen_texts;
static guint expected_runs;
static IlvStopReason expected_reason;

static char *
session_folder (void)
{
  return g_build_filename (state_home, "interleave", "session", NULL);
}

static void
remove_session (void)
{
  g_autofree char *folder = session_folder ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

/* The memory backend keeps settings for the whole program: each test
 * starts with the session on and no scenario remembered. */
static void
setup_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_boolean (settings, "restore-session", TRUE);
  g_settings_reset (settings, "last-scenario");
  remove_session ();
}

static void
forget_last_scenario (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "last-scenario");
}

static gboolean
has_expected_runs (gpointer window)
{
  guint n = 0;

  ilv_window_get_current_traces (window, &n);
  return n >= expected_runs;
}

/* Waits until a run has come back; the window's current one. */
static IlvTrace *
wait_for_a_run (IlvWindow  *window,
                const char *what)
{
  expected_runs = 1;
  ilv_app_test_wait_until (has_expected_runs, window, what);
  return ilv_window_get_current_trace (window);
}

static gboolean
has_run_events (gpointer window)
{
  IlvTrace *trace = ilv_window_get_current_trace (window);

  return trace != NULL && ilv_trace_get_n_events (trace) > 20;
}

static char *
summary_text (IlvTrace *trace)
{
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);

  return ilv_summary_text_format (summary, TRUE);
}

static void
run_to_end (IlvWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  ilv_app_test_wait_until (ilv_app_test_is_finished, window, "the run to finish");
}

static GtkInfoBar *
get_banner (IlvWindow *window)
{
  return GTK_INFO_BAR (ilv_app_test_find_type (GTK_WIDGET (window), GTK_TYPE_INFO_BAR));
}

static gboolean
banner_shown (gpointer window)
{
  return gtk_info_bar_get_revealed (get_banner (window));
}

static const char *
banner_text (IlvWindow *window)
{
  GtkWidget *label = ilv_app_test_find_type (GTK_WIDGET (get_banner (window)), GTK_TYPE_LABEL);

  return gtk_label_get_label (GTK_LABEL (label));
}

/* Keeps a run of the race condition and runs it again: two runs. */
static void
record_two_runs (IlvWindow *window)
{
  IlvTrace * const *traces;
  guint n = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario",
                                             "s", "race-condition"));
  run_to_end (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.keep-run", NULL));
  run_to_end (window);

  traces = ilv_window_get_current_traces (window, &n);
  g_assert_cmpuint (n, ==, 2);
  g_ptr_array_set_size (seen_texts, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (seen_texts, summary_text (traces[i]));
  /* The last scenario must come back from the session, not the settings. */
  forget_last_scenario ();
}

static void
check_two_runs (IlvWindow *window)
{
  IlvTrace * const *traces;
  IlvScenario *scenario;
  guint n = 0;

  expected_runs = 2;
  ilv_app_test_wait_until (has_expected_runs, window, "the two runs to come back");
  traces = ilv_window_get_current_traces (window, &n);
  g_assert_cmpuint (n, ==, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = summary_text (traces[i]);

      g_assert_true (ilv_trace_is_finished (traces[i]));
      g_assert_cmpuint (ilv_trace_get_n_lanes (traces[i]), >, 1);
      g_assert_cmpstr (text, ==, g_ptr_array_index (seen_texts, i));
    }

  scenario = ilv_window_get_scenario (window);
  g_assert_nonnull (scenario);
  g_assert_cmpstr (scenario->name, ==, "Race condition: db_val += 1");
  g_assert_false (banner_shown (window));

  /* Run again: the kept run stays, the new one replaces the last. */
  run_to_end (window);
  ilv_window_get_current_traces (window, &n);
  g_assert_cmpuint (n, ==, 2);
}

static void
test_session_keeps_runs (void)
{
  setup_settings ();
  ilv_app_test_run (record_two_runs);
  ilv_app_test_run (check_two_runs);
}

static void
start_endless (IlvWindow *window)
{
  static const char endless[] =
    "[Scenario]\nName=Endless\n\n"
    "[Workers ticker]\nKind=thread\nCount=2\nProgram=forever { sleep 2ms }\n";

  ilv_app_test_set_scenario (window, "endless", endless);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  ilv_app_test_wait_until (has_run_events, window, "the run to record something");
  /* The window closes now, with the run going on. */
  g_assert_false (ilv_app_test_is_finished (window));
}

static void
check_stopped_run (IlvWindow *window)
{
  IlvTrace *trace;

  trace = wait_for_a_run (window, "the stopped run to come back");
  g_assert_true (ilv_trace_is_finished (trace));
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, expected_reason);
  g_assert_cmpuint (ilv_trace_get_n_events (trace), >, 20);
  g_assert_cmpstr (ilv_trace_get_title (trace), ==, "Endless");
}

static void
test_session_stopped_run (void)
{
  setup_settings ();
  expected_reason = ILV_STOP_STOPPED;
  ilv_app_test_run (start_endless);
  ilv_app_test_run (check_stopped_run);
}

/* The session's list of runs as it is on disk, or NULL. */
static IlvSessionIndex *
load_index (GError **error)
{
  g_autofree char *folder = session_folder ();
  g_autofree char *path = g_build_filename (folder, "session.ini", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return ilv_session_index_parse (data, length, 0, error);
}

static IlvSessionIndex *
read_index (void)
{
  g_autoptr(GError) error = NULL;
  IlvSessionIndex *index = load_index (&error);

  g_assert_no_error (error);
  g_assert_nonnull (index);
  return index;
}

static void
check_one_of_two (IlvWindow *window)
{
  IlvTrace *trace;
  g_autofree char *text = NULL;

  wait_for_a_run (window, "the sound run to come back");
  ilv_app_test_wait_until (banner_shown, window, "the banner");
  trace = ilv_window_get_current_trace (window);
  text = summary_text (trace);
  g_assert_cmpstr (text, ==, g_ptr_array_index (seen_texts, 1));
  g_assert_nonnull (strstr (banner_text (window), "could not be read back"));
}

static void
check_bad_index (IlvWindow *window)
{
  IlvTrace *trace;
  g_autofree char *text = NULL;
  guint n = 0;

  ilv_app_test_wait_until (banner_shown, window, "the banner");
  wait_for_a_run (window, "the run files to be read without their list");
  g_assert_nonnull (strstr (banner_text (window), "could not be read"));
  ilv_window_get_current_traces (window, &n);
  g_assert_cmpuint (n, ==, 1);
  trace = ilv_window_get_current_trace (window);
  text = summary_text (trace);
  g_assert_cmpstr (text, ==, g_ptr_array_index (seen_texts, 1));
}

static void
test_session_damaged_files (void)
{
  static const char cut[] = "{\"interleave\": {\"format\": 1, \"title\": \"x\"}, \"trace";
  g_autoptr(IlvSessionIndex) index = NULL;
  g_autofree char *folder = session_folder ();
  g_autofree char *first = NULL;
  g_autofree char *path = NULL;

  setup_settings ();
  ilv_app_test_run (record_two_runs);

  /* The kept run's file cut short: the other run still comes back. */
  index = read_index ();
  g_assert_cmpuint (index->runs->len, ==, 2);
  g_assert_cmpuint (index->n_kept, ==, 1);
  first = g_build_filename (folder, g_ptr_array_index (index->runs, 0), NULL);
  g_assert_true (g_file_set_contents (first, cut, sizeof cut - 1, NULL));
  ilv_app_test_run (check_one_of_two);

  /* An index that is not one at all: a word, and the run files of the
   * folder still come back (the damaged one left out). */
  path = g_build_filename (folder, "session.ini", NULL);
  g_assert_true (g_file_set_contents (path, "\x89PNG\r\n\x1a\n\0\0garbage", 16, NULL));
  ilv_app_test_run (check_bad_index);
}

static gboolean
session_has_run (void)
{
  g_autoptr(IlvSessionIndex) index = load_index (NULL);

  return index != NULL && index->runs->len == 1;
}

static void
check_killed_run (IlvWindow *window)
{
  IlvTrace *trace;

  trace = wait_for_a_run (window, "the run of the killed app to come back");
  g_assert_cmpstr (ilv_trace_get_title (trace), ==, "Race condition: db_val += 1");
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_nonnull (ilv_window_get_scenario (window));
}

/* The real app, on the test's display, with settings in a key file that
 * open the race condition: Ctrl+R runs it; once its run is on disk the
 * app is killed with SIGKILL, and the next window shows the run. */
static void
test_session_survives_kill (void)
{
  const char *exe = g_getenv ("ILV_INTERLEAVE");
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *config = g_build_filename (state_home, "..", "config", NULL);
  g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GSubprocess) xdo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pid = NULL;
  gint64 deadline;

  if (exe == NULL || xdotool == NULL)
    {
      g_test_skip ("needs the built app (ILV_INTERLEAVE) and xdotool");
      return;
    }

  setup_settings ();
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile,
                                      "[io/github/interleave/Interleave]\n"
                                      "restore-session=true\n"
                                      "last-scenario='race-condition'\n", -1, NULL));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  app = g_subprocess_launcher_spawn (launcher, &error, exe, NULL);
  g_assert_no_error (error);

  pid = g_strdup (g_subprocess_get_identifier (app));
  xdo = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, xdotool,
                          "search", "--sync", "--onlyvisible", "--pid", pid, "--name", "Interleave",
                          "windowfocus", "--sync", "key", "ctrl+r", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (xdo, NULL, &error));
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!session_has_run ())
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_subprocess_force_exit (app);
          g_error ("The app did not save its run within 20 s");
        }
      g_usleep (20 * 1000);
    }

  g_subprocess_send_signal (app, SIGKILL);
  g_assert_true (g_subprocess_wait (app, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (app));
  g_assert_cmpint (g_subprocess_get_term_sig (app), ==, SIGKILL);

  ilv_app_test_run (check_killed_run);
  g_unlink (keyfile);
}

static gboolean
session_saved (gpointer window)
{
  return session_has_run ();
}

/* The main menu's check item turns the session off and on again. */
static void
toggle_setting (IlvWindow *window)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *folder = session_folder ();
  g_autofree char *index = g_build_filename (folder, "session.ini", NULL);
  g_autoptr(GVariant) state = NULL;

  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "restore-session");
  g_assert_true (g_variant_get_boolean (state));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "restore-session",
                                      g_variant_new_boolean (FALSE));
  g_assert_false (g_settings_get_boolean (settings, "restore-session"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario",
                                             "s", "race-condition"));
  run_to_end (window);
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));

  /* On again: what is shown is kept at once. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "restore-session",
                                      g_variant_new_boolean (TRUE));
  ilv_app_test_wait_until (session_saved, window, "the run to be saved");
}

static void
test_session_setting (void)
{
  setup_settings ();
  ilv_app_test_run (toggle_setting);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int status;

  if (ilv_app_test_skip_without_display ())
    return 0;

  /* Before anything reads the state folder: GLib keeps the first answer. */
  tmp = ilv_test_folder_new ("interleave-session");
  state_home = g_build_filename (tmp, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  seen_texts = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/app/session/keeps-runs", test_session_keeps_runs);
  g_test_add_func ("/app/session/stopped-run", test_session_stopped_run);
  g_test_add_func ("/app/session/damaged-files", test_session_damaged_files);
  g_test_add_func ("/app/session/survives-kill", test_session_survives_kill);
  g_test_add_func ("/app/session/setting", test_session_setting);

  status = g_test_run ();
  ilv_test_folder_remove (tmp);
  g_ptr_array_unref (seen_texts);
  return status;
}
