/* test-session.c: the session on disk: what a save leaves in the folder,
 * a save that supersedes another, the limit of runs, a folder that cannot
 * be made
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ilv-session.h"
#include "ilv-session-index.h"
#include "ilv-test-folder.h"
#include "synthetic-trace.h"

typedef struct
{
  char       *tmp;
  char       *folder;
  IlvSession *session;
  IlvTrace   *traces[6];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmp = ilv_test_folder_new ("interleave-test-session");
  fixture->folder = g_build_filename (fixture->tmp, "state", "interleave", "session", NULL);
  fixture->session = ilv_session_new (fixture->folder, 4);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->traces); i++)
    {
      g_autofree char *variant = g_strdup_printf ("run %u", i);

      fixture->traces[i] = synth_race ();
      ilv_trace_set_variant (fixture->traces[i], variant);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->traces); i++)
    ilv_trace_unref (fixture->traces[i]);
  ilv_test_folder_remove (fixture->tmp);
  g_free (fixture->folder);
  g_free (fixture->tmp);
}

static void
wait_saved (IlvSession *session)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (ilv_session_is_saving (session))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The run files in the folder, sorted. */
static GPtrArray *
run_files (const char *folder)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      /* Nothing but runs and the index: no temporary file left behind. */
      g_assert_true (ilv_session_index_is_run_name (name) || g_str_equal (name, "session.ini"));
      if (ilv_session_index_is_run_name (name))
        g_ptr_array_add (names, g_strdup (name));
    }
  return names;
}

static void
restored_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  IlvSessionRuns **runs = user_data;
  g_autoptr(GError) error = NULL;

  *runs = ilv_session_restore_finish (ILV_SESSION (source_object), result, &error);
  g_assert_no_error (error);
}

static IlvSessionRuns *
restore (const char *folder)
{
  g_autoptr(IlvSession) session = ilv_session_new (folder, 4);
  IlvSessionRuns *runs = NULL;

  ilv_session_restore_async (session, NULL, restored_cb, &runs);
  while (runs == NULL)
    g_main_context_iteration (NULL, TRUE);
  return runs;
}

static void
assert_variants (IlvSessionRuns *runs,
                 const char     *expected)
{
  g_autoptr(GString) seen = g_string_new (NULL);

  for (guint i = 0; i < runs->traces->len; i++)
    g_string_append_printf (seen, "%s%s", i > 0 ? ", " : "",
                            ilv_trace_get_variant (g_ptr_array_index (runs->traces, i)));
  g_assert_cmpstr (seen->str, ==, expected);
}

static void
test_save_and_restore (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(IlvSessionRuns) runs = NULL;
  GStatBuf st;

  ilv_session_save (fixture->session, fixture->traces, 2, 1, "race-condition", "/ignored");
  wait_saved (fixture->session);

  /* The folder is the user's alone. */
  g_assert_cmpint (g_stat (fixture->folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  files = run_files (fixture->folder);
  g_assert_cmpuint (files->len, ==, 2);

  runs = restore (fixture->folder);
  assert_variants (runs, "run 0, run 1");
  g_assert_cmpuint (runs->n_kept, ==, 1);
  g_assert_cmpstr (runs->scenario_id, ==, "race-condition");
  g_assert_null (runs->scenario_path);
  g_assert_cmpuint (runs->problems->len, ==, 0);
}

static void
test_superseded (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(IlvSessionRuns) runs = NULL;

  ilv_session_save (fixture->session, fixture->traces, 3, 2, NULL, "/lectures/a.scenario");
  wait_saved (fixture->session);

  /* Two saves at once: the second one is what stays; the runs the window
   * no longer shows are gone from the folder. */
  ilv_session_save (fixture->session, fixture->traces + 3, 2, 0, NULL, "/lectures/b.scenario");
  ilv_session_save (fixture->session, fixture->traces + 1, 2, 1, NULL, "/lectures/c.scenario");
  wait_saved (fixture->session);

  files = run_files (fixture->folder);
  g_assert_cmpuint (files->len, ==, 2);
  runs = restore (fixture->folder);
  assert_variants (runs, "run 1, run 2");
  g_assert_cmpuint (runs->n_kept, ==, 1);
  g_assert_cmpstr (runs->scenario_path, ==, "/lectures/c.scenario");
}

static void
test_limit (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(IlvSessionRuns) runs = NULL;

  ilv_session_save (fixture->session, fixture->traces, 6, 5, NULL, NULL);
  wait_saved (fixture->session);

  files = run_files (fixture->folder);
  g_assert_cmpuint (files->len, ==, 4);
  runs = restore (fixture->folder);
  assert_variants (runs, "run 2, run 3, run 4, run 5");
  g_assert_cmpuint (runs->n_kept, ==, 3);
}

static void
save_failed_cb (IlvSession *session,
                const char *message,
                char      **seen)
{
  g_free (*seen);
  *seen = g_strdup (message);
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (fixture->tmp, "file", NULL);
  g_autofree char *folder = g_build_filename (blocker, "session", NULL);
  g_autoptr(IlvSession) session = ilv_session_new (folder, 4);
  g_autoptr(IlvSessionRuns) runs = NULL;
  g_autofree char *message = NULL;

  /* A file where the folder should be: the save says so, nothing breaks. */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_signal_connect (session, "save-failed", G_CALLBACK (save_failed_cb), &message);
  ilv_session_save (session, fixture->traces, 1, 0, NULL, NULL);
  wait_saved (session);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "session"));

  runs = restore (folder);
  g_assert_cmpuint (runs->traces->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/session/save-and-restore", Fixture, NULL,
              fixture_set_up, test_save_and_restore, fixture_tear_down);
  g_test_add ("/session/superseded", Fixture, NULL,
              fixture_set_up, test_superseded, fixture_tear_down);
  g_test_add ("/session/limit", Fixture, NULL,
              fixture_set_up, test_limit, fixture_tear_down);
  g_test_add ("/session/unwritable", Fixture, NULL,
              fixture_set_up, test_unwritable, fixture_tear_down);

  return g_test_run ();
}
