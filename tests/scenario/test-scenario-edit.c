/* test-scenario-edit.c: sections added, removed and renamed; a program
 * held under a lock
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-program-hold.h"
#include "ilv-scenario-edit.h"

static const char race[] =
  "[Scenario]\n"
  "Name=Race\n"
  "[Value db_val]\n"
  "[Lock db_lock]\n"
  "[Workers increase]\n"
  "Count=2\n"
  "Program=with db_lock { load db_val; add 1; store db_val }\n";

static IlvScenario *
load_race (void)
{
  g_autoptr(GError) error = NULL;
  IlvScenario *scenario = ilv_scenario_new_from_data (race, strlen (race), "race.scenario", NULL, &error);

  g_assert_no_error (error);
  return scenario;
}

static void
test_add (void)
{
  g_autoptr(IlvScenario) scenario = load_race ();
  g_autoptr(IlvScenario) one = NULL;
  g_autoptr(IlvScenario) two = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *name2 = NULL;
  const IlvWorkerGroup *g;

  one = ilv_scenario_add_workers (scenario, &name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "workers");
  two = ilv_scenario_add_workers (one, &name2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name2, ==, "workers2");
  g_assert_cmpuint (two->groups->len, ==, 3);
  g = g_ptr_array_index (two->groups, 2);
  g_assert_cmpint (g->kind, ==, ILV_WORKER_THREAD);
  g_assert_cmpuint (g->count, ==, 1);
  g_assert_cmpstr (two->source, ==, "race.scenario");
  /* The original is untouched. */
  g_assert_cmpuint (scenario->groups->len, ==, 1);

  for (guint k = 0; k < ILV_N_RESOURCE_KINDS; k++)
    {
      g_autoptr(IlvScenario) added = NULL;
      g_autofree char *resource = NULL;

      added = ilv_scenario_add_resource (scenario, k, &resource, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ilv_scenario_find_resource (added, resource), ==, (gint) scenario->resources->len);
      g_assert_cmpint (((IlvResource *) g_ptr_array_index (added->resources, scenario->resources->len))->kind, ==, k);
    }
  {
    g_autofree char *pool_name = NULL;
    g_autoptr(IlvScenario) pool = ilv_scenario_add_pool (scenario, &pool_name, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pool->pools->len, ==, 1);
    g_assert_cmpstr (pool_name, ==, "pool");
  }
  {
    g_autofree char *lock2 = ilv_scenario_unique_name (scenario, "db_lock");

    g_assert_cmpstr (lock2, ==, "db_lock2");
  }
}

static void
test_remove (void)
{
  g_autoptr(IlvScenario) scenario = load_race ();
  g_autoptr(IlvScenario) more = NULL;
  g_autoptr(IlvScenario) fewer = NULL;
  g_autoptr(IlvScenario) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (ilv_scenario_resource_user (scenario, 0), ==, "increase");
  g_assert_cmpstr (ilv_scenario_resource_user (scenario, 1), ==, "increase");

  /* The last group cannot go: the parser says why. */
  none = ilv_scenario_remove_section (scenario, "Workers increase", &error);
  g_assert_null (none);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no workers"));
  g_clear_error (&error);

  /* A used resource cannot either. */
  none = ilv_scenario_remove_section (scenario, "Lock db_lock", &error);
  g_assert_null (none);
  g_assert_nonnull (strstr (error->message, "db_lock"));
  g_clear_error (&error);

  none = ilv_scenario_remove_section (scenario, "Lock nothing", &error);
  g_assert_null (none);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID);
  g_clear_error (&error);

  more = ilv_scenario_add_workers (scenario, NULL, &error);
  g_assert_no_error (error);
  fewer = ilv_scenario_remove_section (more, "Workers increase", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fewer->groups->len, ==, 1);
  g_assert_cmpstr (((IlvWorkerGroup *) g_ptr_array_index (fewer->groups, 0))->name, ==, "workers");
  g_assert_null (ilv_scenario_resource_user (fewer, 0));
}

static void
test_rename (void)
{
  g_autoptr(IlvScenario) scenario = load_race ();
  g_autoptr(IlvScenario) renamed = NULL;
  g_autoptr(IlvScenario) bad = NULL;
  g_autoptr(GError) error = NULL;
  const IlvWorkerGroup *g;

  renamed = ilv_scenario_rename_section (scenario, "Lock db_lock", "guard", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ilv_scenario_find_resource (renamed, "guard"), ==, 1);
  g = g_ptr_array_index (renamed->groups, 0);
  g_assert_true (g_str_has_prefix (g->program_text, "with guard {"));

  bad = ilv_scenario_rename_section (scenario, "Lock db_lock", "db_val", &error);
  g_assert_null (bad);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID);
  g_clear_error (&error);
  /* Nothing that could break the file out of its header gets in. */
  bad = ilv_scenario_rename_section (scenario, "Workers increase", "x]\n[Lock y", &error);
  g_assert_null (bad);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID);
  g_clear_error (&error);
  bad = ilv_scenario_rename_section (scenario, "Workers increase", "", &error);
  g_assert_null (bad);
  g_clear_error (&error);
}

/* Programs keep their lines and indents through edits that leave them
 * reading the same; one that names a renamed lock is spelled anew. */
static void
test_spelling (void)
{
  static const char data[] =
    "[Scenario]\n"
    "Name=Spelling\n"
    "[Lock db_lock]\n"
    "[Workers a]\n"
    "Program=compute 1ms\\nwith db_lock {\\n  sleep 1ms\\n}\n"
    "[Workers b]\n"
    "Program=sleep 2ms\\n\\nsleep 1ms\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) scenario = ilv_scenario_new_from_data (data, strlen (data), "s.scenario", NULL, &error);
  g_autoptr(IlvScenario) added = NULL;
  g_autoptr(IlvScenario) removed = NULL;
  g_autoptr(IlvScenario) group_renamed = NULL;
  g_autoptr(IlvScenario) lock_renamed = NULL;
  const char *a_text, *b_text;

  g_assert_no_error (error);
  a_text = ((IlvWorkerGroup *) g_ptr_array_index (scenario->groups, 0))->program_text;
  b_text = ((IlvWorkerGroup *) g_ptr_array_index (scenario->groups, 1))->program_text;
  g_assert_nonnull (strstr (a_text, "{\n  sleep 1ms\n}"));

  added = ilv_scenario_add_resource (scenario, ILV_RESOURCE_QUEUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((IlvWorkerGroup *) g_ptr_array_index (added->groups, 0))->program_text, ==, a_text);

  removed = ilv_scenario_remove_section (scenario, "Workers a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((IlvWorkerGroup *) g_ptr_array_index (removed->groups, 0))->program_text, ==, b_text);

  group_renamed = ilv_scenario_rename_section (scenario, "Workers a", "warm", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((IlvWorkerGroup *) g_ptr_array_index (group_renamed->groups, 0))->program_text, ==, a_text);

  lock_renamed = ilv_scenario_rename_section (scenario, "Lock db_lock", "guard", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (((IlvWorkerGroup *) g_ptr_array_index (lock_renamed->groups, 0))->program_text,
                            "with guard {"));
  g_assert_cmpstr (((IlvWorkerGroup *) g_ptr_array_index (lock_renamed->groups, 1))->program_text, ==, b_text);
}

static void
test_hold (void)
{
  static const struct
  {
    const char *text;
    const char *held;
  } cases[] = {
    { "with db_lock { load v; add 1; store v }", "db_lock" },
    { "\n with s {\n  compute 1ms\n}\n", "s" },
    { "with a { compute 1ms }; sleep 1ms", NULL },
    { "with a { with b { compute 1ms } }", "a" },
    { "with a { mark \"}\" }", "a" },
    { "with a { compute 1ms", NULL },
    { "compute 1ms", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *held = ilv_program_text_get_hold (cases[i].text);

      g_assert_cmpstr (held, ==, cases[i].held);
    }

  {
    g_autofree char *wrapped = ilv_program_text_set_hold ("load v; add 1; store v", "db_lock");
    g_autofree char *rewrapped = ilv_program_text_set_hold (wrapped, "other");
    g_autofree char *unwrapped = ilv_program_text_set_hold (rewrapped, NULL);
    g_autofree char *nested = ilv_program_text_set_hold ("with a { compute 1ms }; sleep 1ms", "b");

    g_assert_cmpstr (wrapped, ==, "with db_lock { load v; add 1; store v }");
    g_assert_cmpstr (rewrapped, ==, "with other { load v; add 1; store v }");
    g_assert_cmpstr (unwrapped, ==, "load v; add 1; store v");
    g_assert_cmpstr (nested, ==, "with b { with a { compute 1ms }; sleep 1ms }");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario-edit/add", test_add);
  g_test_add_func ("/scenario-edit/remove", test_remove);
  g_test_add_func ("/scenario-edit/rename", test_rename);
  g_test_add_func ("/scenario-edit/spelling", test_spelling);
  g_test_add_func ("/scenario-edit/hold", test_hold);

  return g_test_run ();
}
