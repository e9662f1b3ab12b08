/* test-values.c: shared values, arrays and lock waiters as the trace shows them
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-engine-test.h"

static void
assert_value (IlvSummary *summary,
              const char *name,
              gint64      final)
{
  const IlvValueSummary *v = ilv_test_find_value (summary, name);

  g_assert_nonnull (v);
  g_assert_cmpint (v->final, ==, final);
  g_assert_cmpint (v->expected, ==, final);
  g_assert_cmpint (v->lost_updates, ==, 0);
}

/* Threads, processes and an async task each update their own element of
 * one Array under its lock: every element is a series of its own, right to
 * the end, and the Array keeps its lock. */
static void
test_array_elements (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Array elements\nGIL=true\n"
    "[Lock other]\n"
    "[Array x]\nLength=4\nInitial=5\nLock=true\n"
    "[Workers t]\nKind=thread\nCount=2\n"
    "Program=with x { load x[0]; add 1; sleep 1ms; store x[0] }; with x { load x[3]; add 2; store x[3] }\n"
    "[Workers p]\nKind=process\nCount=2\n"
    "Program=with x { load x[0]; add 1; sleep 1ms; store x[0] }\n"
    "[Workers a]\nKind=async\nProgram=load x[3]; add 1; store x[3]\n");
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  gint array = ilv_test_find_resource (trace, "x");
  gint first = ilv_test_find_resource (trace, "x[0]");
  gint last = ilv_test_find_resource (trace, "x[3]");
  guint holds = 0;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  /* The scenario's resources keep their indices; elements come after. */
  g_assert_cmpint (ilv_test_find_resource (trace, "other"), ==, 0);
  g_assert_cmpint (array, ==, 1);
  g_assert_cmpint (first, >, array);
  g_assert_cmpint (last, ==, first + 1);
  /* Only elements a program names get a series. */
  g_assert_cmpint (ilv_test_find_resource (trace, "x[1]"), ==, -1);
  g_assert_cmpint (ilv_trace_get_resource (trace, first)->kind, ==, ILV_RESOURCE_VALUE);
  g_assert_cmpint (ilv_trace_get_resource (trace, first)->initial, ==, 5);

  /* The Array itself is no value of its own any more. */
  g_assert_null (ilv_test_find_value (summary, "x"));
  assert_value (summary, "x[0]", 9);
  assert_value (summary, "x[3]", 10);
  g_assert_cmpint (ilv_test_last_value (trace, first), ==, 9);
  g_assert_cmpint (ilv_test_last_value (trace, last), ==, 10);

  for (guint lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    {
      const IlvHold *h = ilv_trace_lane_get_holds (trace, lane);

      for (gsize i = 0; i < ilv_trace_lane_get_n_holds (trace, lane); i++)
        holds += h[i].resource == array ? 1 : 0;
    }
  g_assert_cmpuint (holds, ==, 6);
}

/* A Value with its own lock: its series holds values only, never the
 * number of waiters for its lock. */
static void
test_locked_value_series (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Locked value\nGIL=false\n"
    "[Value v]\nInitial=100\nLock=true\n"
    "[Workers w]\nKind=thread\nCount=4\n"
    "Program=repeat 3 { with v { load v; add 1; sleep 2ms; store v } }\n");
  gint v = ilv_test_find_resource (trace, "v");
  const IlvPoint *points = ilv_trace_counter_get_points (trace, v);
  gsize n = ilv_trace_counter_get_n_points (trace, v);

  g_assert_cmpuint (n, ==, 13);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (points[i].value, ==, 100 + (gint64) i);
}

/* A lock's waiters counter comes down as waiters get the lock, to 0. */
static void
test_lock_waiters_come_down (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Waiters\nGIL=false\n"
    "[Lock lk]\n[Barrier go]\nParties=3\n"
    "[Workers w]\nKind=thread\nCount=3\n"
    "Program=wait go; with lk { sleep 30ms }\n");
  gint lk = ilv_test_find_resource (trace, "lk");

  g_assert_cmpint (ilv_test_max_value (trace, lk), >=, 1);
  g_assert_cmpint (ilv_test_last_value (trace, lk), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/values/array-elements", test_array_elements);
  g_test_add_func ("/values/locked-value-series", test_locked_value_series);
  g_test_add_func ("/values/lock-waiters-come-down", test_lock_waiters_come_down);
  return g_test_run ();
}
