/* test-scenario-diff.c: how an edited scenario is told apart from the original
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "ilv-scenario-diff.h"
#include "ilv-scenario-library.h"

static IlvScenario *
load (const char *id,
      const char *override)
{
  const char *overrides[] = { override, NULL };
  g_autoptr(GError) error = NULL;
  IlvScenario *scenario = ilv_scenario_library_load (id, override != NULL ? overrides : NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

static void
test_unchanged (void)
{
  g_autoptr(IlvScenario) a = load ("race-condition", NULL);
  g_autoptr(IlvScenario) b = load ("race-condition", NULL);
  /* Notes are not what sets two runs apart. */
  g_autoptr(IlvScenario) renamed = load ("race-condition", "Scenario:Name=Another name");
  g_autofree char *same = ilv_scenario_describe_changes (a, b);
  g_autofree char *notes = ilv_scenario_describe_changes (a, renamed);

  g_assert_null (same);
  g_assert_null (notes);
}

static void
test_changed_keys (void)
{
  g_autoptr(IlvScenario) a = load ("race-condition", NULL);
  g_autoptr(IlvScenario) gil = load ("race-condition", "Scenario:GIL=false");
  g_autoptr(IlvScenario) locked = load ("race-condition",
                                        "Workers increase:Program=with db_lock { load db_val; add 1; sleep 50ms; store db_val }");
  g_autoptr(IlvScenario) kind = load ("race-condition", "Workers increase:Kind=process");
  /* Written another way, the same count is no change. */
  g_autoptr(IlvScenario) spelled = load ("race-condition", "Workers increase:Count=02");
  g_autofree char *gil_text = ilv_scenario_describe_changes (a, gil);
  g_autofree char *locked_text = ilv_scenario_describe_changes (a, locked);
  g_autofree char *kind_text = ilv_scenario_describe_changes (a, kind);
  g_autofree char *spelled_text = ilv_scenario_describe_changes (a, spelled);
  g_autofree char *back = ilv_scenario_describe_changes (gil, a);
  g_autofree char *unlocked_text = ilv_scenario_describe_changes (locked, a);
  g_autoptr(IlvScenario) other = load ("race-condition", "Workers increase:Program=load db_val; add 2; sleep 50ms; store db_val");
  g_autofree char *other_text = ilv_scenario_describe_changes (a, other);

  g_assert_cmpstr (gil_text, ==, "GIL=false");
  g_assert_cmpstr (back, ==, "GIL=true");
  g_assert_cmpstr (locked_text, ==, "increase: with db_lock { … }");
  g_assert_cmpstr (unlocked_text, ==, "increase: without db_lock");
  g_assert_cmpstr (other_text, ==, "increase: Program=load db_val; add 2; sleep 50ms; store db_val");
  g_assert_cmpstr (kind_text, ==, "increase: Kind=process");
  g_assert_null (spelled_text);
}

static void
test_sections (void)
{
  g_autoptr(IlvScenario) a = load ("race-condition", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) more = NULL;
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *data = NULL;
  g_autofree char *bigger = NULL;
  gsize length = 0;

  data = ilv_scenario_to_data (a, &length);
  bigger = g_strconcat (data, "\n[Lock spare]\n\n[Workers idle]\nProgram=sleep 1ms\n", NULL);
  more = ilv_scenario_new_from_data (bigger, strlen (bigger), "more.scenario", NULL, &error);
  g_assert_no_error (error);

  added = ilv_scenario_describe_changes (a, more);
  removed = ilv_scenario_describe_changes (more, a);
  g_assert_cmpstr (added, ==, "added Lock spare; added Workers idle");
  g_assert_cmpstr (removed, ==, "removed Lock spare; removed Workers idle");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario-diff/unchanged", test_unchanged);
  g_test_add_func ("/scenario-diff/changed-keys", test_changed_keys);
  g_test_add_func ("/scenario-diff/sections", test_sections);

  return g_test_run ();
}
