/* test-session-index.c: the list of the runs kept for next time, written
 * and read back, and what a damaged one gives
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ilv-session-index.h"

static IlvSessionIndex *
round_trip (IlvSessionIndex *index,
            guint            max_runs)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  IlvSessionIndex *back;
  gsize length = 0;

  data = ilv_session_index_to_data (index, &length);
  back = ilv_session_index_parse (data, length, max_runs, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  return back;
}

static void
test_round_trip (void)
{
  g_autoptr(IlvSessionIndex) index = ilv_session_index_new ();
  g_autoptr(IlvSessionIndex) back = NULL;
  g_autoptr(IlvSessionIndex) file = ilv_session_index_new ();
  g_autoptr(IlvSessionIndex) file_back = NULL;

  g_ptr_array_add (index->runs, g_strdup ("run-17-1.json"));
  g_ptr_array_add (index->runs, g_strdup ("run-17-2.json"));
  g_ptr_array_add (index->runs, g_strdup ("run-18-3.json"));
  index->n_kept = 2;
  index->scenario_id = g_strdup ("race-condition");

  back = round_trip (index, 4);
  g_assert_cmpuint (back->runs->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (back->runs, 0), ==, "run-17-1.json");
  g_assert_cmpstr (g_ptr_array_index (back->runs, 2), ==, "run-18-3.json");
  g_assert_cmpuint (back->n_kept, ==, 2);
  g_assert_cmpstr (back->scenario_id, ==, "race-condition");
  g_assert_null (back->scenario_path);

  /* A scenario from a file, with a name a key file must escape. */
  g_ptr_array_add (file->runs, g_strdup ("run-1.json"));
  file->scenario_path = g_strdup ("/home/ana/Lectures/week 3;\nqueues ü.scenario");
  file_back = round_trip (file, 4);
  g_assert_null (file_back->scenario_id);
  g_assert_cmpstr (file_back->scenario_path, ==, file->scenario_path);
  g_assert_cmpuint (file_back->n_kept, ==, 0);
}

static void
test_limits (void)
{
  g_autoptr(IlvSessionIndex) index = ilv_session_index_new ();
  g_autoptr(IlvSessionIndex) back = NULL;

  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (index->runs, g_strdup_printf ("run-%u.json", i));
  index->n_kept = 5;

  /* The window shows four runs: the newest four come back. */
  back = round_trip (index, 4);
  g_assert_cmpuint (back->runs->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (back->runs, 0), ==, "run-2.json");
  g_assert_cmpuint (back->n_kept, ==, 3);
}

static void
test_names (void)
{
  static const char data[] =
    "[Session]\nVersion=1\n"
    "Runs=../../.bashrc;/etc/passwd;run-1.json;run-.json;run-2.json.bak;run-3.json;\n"
    "Kept=9\n";
  g_autoptr(IlvSessionIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ilv_session_index_is_run_name ("run-1795376909034057-1.json"));
  g_assert_false (ilv_session_index_is_run_name ("run-1/../x.json"));
  g_assert_false (ilv_session_index_is_run_name ("session.ini"));
  g_assert_false (ilv_session_index_is_run_name (NULL));

  /* Only run files of the folder are read back; no path leads out. */
  index = ilv_session_index_parse (data, sizeof data - 1, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (index->runs->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (index->runs, 0), ==, "run-1.json");
  g_assert_cmpstr (g_ptr_array_index (index->runs, 1), ==, "run-3.json");
  g_assert_cmpuint (index->n_kept, ==, 2);
}

static void
test_damaged (void)
{
  static const char *const bad[] = {
    "",
    "\x89PNG\r\n\x1a\n",
    "{\"traceEvents\": []}",
    "[Session]\nRuns=run-1.json;\n",
    "[Session]\nVersion=banana\n",
    "[Other]\nVersion=1\n",
  };
  static const char newer[] = "[Session]\nVersion=2\nRuns=run-1.json;\n";
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;

      g_assert_null (ilv_session_index_parse (bad[i], strlen (bad[i]), 4, &bad_error));
      g_assert_nonnull (bad_error);
    }

  g_assert_null (ilv_session_index_parse (newer, sizeof newer - 1, 4, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session-index/round-trip", test_round_trip);
  g_test_add_func ("/session-index/limits", test_limits);
  g_test_add_func ("/session-index/names", test_names);
  g_test_add_func ("/session-index/damaged", test_damaged);

  return g_test_run ();
}
