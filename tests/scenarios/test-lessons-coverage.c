/* test-lessons-coverage.c: every built-in scenario has a lesson test, and
 * is short enough to run in front of a class
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-scenario-library.h"
#include "lesson.h"

static const char * const lesson_sources[] = {
  "test-lessons-cpu.c",
  "test-lessons-io.c",
  "test-lessons-sync.c",
  "test-lessons-processes.c",
};

/* The lesson tests' sources, one after another. */
static char *
read_lesson_sources (void)
{
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lesson_sources); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "scenarios", lesson_sources[i], NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      g_string_append (all, text);
    }
  return g_string_free (all, FALSE);
}

/* Each built-in is run by name ("ID") in one of the lesson tests. */
static void
test_every_scenario_has_a_lesson (void)
{
  g_autoptr(GPtrArray) infos = ilv_scenario_library_list ();
  g_autofree char *sources = read_lesson_sources ();

  g_assert_cmpuint (infos->len, >=, 17);
  for (guint i = 0; i < infos->len; i++)
    {
      const IlvScenarioInfo *info = g_ptr_array_index (infos, i);
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", info->id);

      if (strstr (sources, quoted) == NULL)
        g_error ("the built-in scenario %s has no lesson test", info->id);
    }
}

/* Every built-in has a lecture note of a few sentences and a timeout that
 * keeps a run from holding up a class. */
static void
test_every_scenario_is_short (void)
{
  g_autoptr(GPtrArray) infos = ilv_scenario_library_list ();

  for (guint i = 0; i < infos->len; i++)
    {
      const IlvScenarioInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(IlvScenario) scenario = ilv_scenario_library_load (info->id, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (strlen (scenario->description), >=, 150);
      g_assert_cmpuint (strlen (scenario->description), <=, 700);
      g_assert_cmpint (scenario->timeout_ns, >, 0);
      g_assert_cmpint (scenario->timeout_ns, <=, 10 * G_GINT64_CONSTANT (1000000000));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lessons/coverage/every-scenario-has-a-lesson", test_every_scenario_has_a_lesson);
  g_test_add_func ("/lessons/coverage/every-scenario-is-short", test_every_scenario_is_short);
  return g_test_run ();
}
