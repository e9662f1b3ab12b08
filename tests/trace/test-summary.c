/* test-summary.c: the figures of a hand-made run, and their JSON
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-summary.h"
#include "trace-fixture.h"

#define EPS 1e-6

static const IlvWorkerSummary *
worker (const IlvSummary *summary,
        const char       *name)
{
  for (guint i = 0; i < summary->workers->len; i++)
    if (g_str_equal (g_array_index (summary->workers, IlvWorkerSummary, i).name, name))
      return &g_array_index (summary->workers, IlvWorkerSummary, i);
  g_assert_not_reached ();
}

static void
test_figures (void)
{
  g_autoptr(IlvTrace) trace = trace_fixture_rich ();
  g_autoptr(IlvSummary) s = ilv_summary_new (trace);
  const IlvWorkerSummary *a = worker (s, "increase#1");
  const IlvValueSummary *v;
  const IlvLockSummary *l;
  const IlvQueueSummary *q;
  double lifetime = 12.9 + 11.8004 + 4 + 3;

  g_assert_cmpstr (s->scenario, ==, "Race condition: db_val += 1");
  g_assert_true (s->gil);
  g_assert_cmpfloat_with_epsilon (s->wall_ms, 14.0, EPS);
  g_assert_cmpfloat_with_epsilon (s->sequential_ms, 26.0, EPS);
  g_assert_cmpfloat_with_epsilon (s->speedup, 26.0 / 14.0, EPS);
  g_assert_cmpint (s->stopped, ==, ILV_STOP_FINISHED);
  g_assert_cmpfloat_with_epsilon (s->gil_wait_share, (0.9999 + 0.8005) / lifetime, EPS);
  g_assert_cmpfloat_with_epsilon (s->lock_wait_share, 0.9993 / lifetime, EPS);
  g_assert_cmpuint (s->events_recorded, ==, ilv_trace_get_n_events (trace));

  g_assert_cmpuint (s->workers->len, ==, 4);
  g_assert_cmpfloat_with_epsilon (a->started_ms, 0.1, EPS);
  g_assert_cmpfloat_with_epsilon (a->finished_ms, 13.0, EPS);
  g_assert_cmpfloat_with_epsilon (a->start_cost_ms, 0.05, EPS);
  g_assert_cmpfloat_with_epsilon (a->state_ms[ILV_STATE_SLEEP], 10.0, EPS);
  g_assert_cmpfloat_with_epsilon (a->state_ms[ILV_STATE_READY], 0.002, EPS);
  g_assert_cmpfloat_with_epsilon (a->state_ms[ILV_STATE_RUNNING], 1.8981, EPS);
  g_assert_cmpint (worker (s, "consumer#1")->exit_status, ==, 256 + 9);
  g_assert_cmpfloat_with_epsilon (worker (s, "consumer#1")->finished_ms, 5.0, EPS);

  g_assert_cmpuint (s->values->len, ==, 1);
  v = &g_array_index (s->values, IlvValueSummary, 0);
  g_assert_cmpint (v->final, ==, 1);
  g_assert_cmpint (v->expected, ==, 2);
  g_assert_cmpint (v->lost_updates, ==, 1);

  g_assert_cmpuint (s->locks->len, ==, 1);
  l = &g_array_index (s->locks, IlvLockSummary, 0);
  g_assert_cmpuint (l->acquisitions, ==, 2);
  g_assert_cmpuint (l->contended, ==, 1);
  g_assert_cmpfloat_with_epsilon (l->wait_ms, 0.9993, EPS);
  g_assert_cmpuint (l->max_waiters, ==, 1);

  g_assert_cmpuint (s->queues->len, ==, 1);
  q = &g_array_index (s->queues, IlvQueueSummary, 0);
  g_assert_cmpuint (q->puts, ==, 1);
  g_assert_cmpuint (q->gets, ==, 1);
  g_assert_cmpint (q->max_depth, ==, 1);
  g_assert_cmpint (q->capacity, ==, 8);
}

static gint64
lost_updates (const gint64 *values,
              const guint   *increments,
              guint          n)
{
  g_autoptr(IlvTrace) trace = ilv_trace_new ("t", NULL);
  guint app = ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);
  guint lane = ilv_trace_add_lane (trace, app, "w", NULL, ILV_WORKER_THREAD, FALSE);
  guint val;
  g_autoptr(IlvSummary) s = NULL;

  ilv_trace_set_start (trace, 0);
  val = ilv_trace_add_resource (trace, "v", ILV_RESOURCE_VALUE, 0, 0);
  for (guint i = 0; i < n; i++)
    {
      IlvEvent e = ev (10 * (i + 1), lane, ILV_EVENT_VALUE_STORE, val, values[i], increments[i]);

      append (trace, &e, 1);
    }
  ilv_trace_finish (trace, 1000, ILV_STOP_FINISHED, NULL);
  s = ilv_summary_new (trace);
  return g_array_index (s->values, IlvValueSummary, 0).lost_updates;
}

/* Unequal increments: the updates the final value does not hold. */
static void
test_lost_updates_general (void)
{
  /* +2 and +3 both read 0; +1 builds on the 3: the +2 is lost. */
  static const gint64 v1[] = { 2, 3, 4 };
  static const guint i1[] = { 2, 3, 1 };
  /* Nothing lost. */
  static const gint64 v2[] = { 5, 6, 16 };
  static const guint i2[] = { 5, 1, 10 };
  /* Ten increments of 1, all reading 0: nine lost. */
  static const gint64 v3[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  static const guint i3[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

  g_assert_cmpint (lost_updates (v1, i1, 3), ==, 1);
  g_assert_cmpint (lost_updates (v2, i2, 3), ==, 0);
  g_assert_cmpint (lost_updates (v3, i3, 10), ==, 9);
  g_assert_cmpint (lost_updates (NULL, NULL, 0), ==, 0);
}

/* A worker that died before it could say what work it did (a process
 * killed by terminate()) counts its sleeping and computing up to its
 * death, not the rest of the step it was in nor the steps it never
 * reached; one that did say counts what it said, even if its end is also
 * reported by its exit. */
static void
test_work_of_killed_worker (void)
{
  g_autoptr(IlvTrace) trace = ilv_trace_new ("t", NULL);
  guint app = ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);
  guint victim_proc = ilv_trace_add_process (trace, "victim#1", 2, ILV_WORKER_PROCESS);
  guint done_proc = ilv_trace_add_process (trace, "quick#1", 3, ILV_WORKER_PROCESS);
  guint thread = ilv_trace_add_lane (trace, app, "t#1", "t", ILV_WORKER_THREAD, FALSE);
  guint victim = ilv_trace_add_lane (trace, victim_proc, "victim#1", "victim", ILV_WORKER_PROCESS, FALSE);
  guint quick = ilv_trace_add_lane (trace, done_proc, "quick#1", "quick", ILV_WORKER_PROCESS, FALSE);
  g_autoptr(IlvSummary) s = NULL;

  ilv_trace_set_start (trace, 0);
  APPEND (trace,
          state (0, thread, ILV_STATE_RUNNING, -1),
          state (0, victim, ILV_STATE_RUNNING, -1),
          state (0, quick, ILV_STATE_RUNNING, -1),
          /* compute 20 ms, then a sleep 2 s cut at 300 ms */
          state (20 * MS, victim, ILV_STATE_SLEEP, -1),
          state (40 * MS, thread, ILV_STATE_SLEEP, -1),
          state (50 * MS, thread, ILV_STATE_DONE, -1),
          ev (50 * MS, thread, ILV_EVENT_WORKER_END, -1, 50 * MS, 0),
          state (60 * MS, quick, ILV_STATE_DONE, -1),
          ev (60 * MS, quick, ILV_EVENT_WORKER_END, -1, 7 * MS, 0),
          state (61 * MS, quick, ILV_STATE_CRASHED, -1),
          ev (61 * MS, quick, ILV_EVENT_WORKER_END, -1, -1, 256 + 15),
          state (300 * MS, victim, ILV_STATE_CRASHED, -1),
          ev (300 * MS, victim, ILV_EVENT_WORKER_END, -1, -1, 256 + 15));
  ilv_trace_finish (trace, 1000 * MS, ILV_STOP_DEADLOCK, NULL);
  s = ilv_summary_new (trace);

  g_assert_cmpint (ilv_trace_lane_get_nominal_work (trace, victim), ==, -1);
  g_assert_cmpint (ilv_trace_lane_get_nominal_work (trace, quick), ==, 7 * MS);
  g_assert_cmpfloat_with_epsilon (s->sequential_ms, 50.0 + 300.0 + 7.0, EPS);
  g_assert_cmpfloat_with_epsilon (s->speedup, 357.0 / 1000.0, EPS);
}

static void
test_json (void)
{
  g_autoptr(IlvTrace) trace = trace_fixture_rich ();
  g_autoptr(IlvSummary) s = ilv_summary_new (trace);
  g_autofree char *json = ilv_summary_to_json (s);
  g_autofree char *out = NULL;

  g_assert_true (g_str_has_suffix (json, "}\n"));
  g_assert_nonnull (strstr (json, "\"wall_ms\":14,"));
  g_assert_nonnull (strstr (json, "\"lost_updates\":1"));
  g_assert_nonnull (strstr (json, "\"stopped\":\"finished\""));
  if (!trace_fixture_python_json (json,
                                  "print(d['values']['db_val']['lost_updates'], d['speedup'],"
                                  " d['locks']['db_lock']['contended'], d['deadlock'],"
                                  " d['workers'][0]['state_ms']['sleep'], d['queues']['jobs']['capacity'])",
                                  &out))
    {
      g_test_skip ("python3 is not installed: the JSON was not checked by a second parser");
      return;
    }
  g_assert_cmpstr (out, ==, "1 1.857 1 False 10 8\n");
}

/* A deadlock, an empty run: still valid JSON, with the stop message. */
static void
test_json_deadlock (void)
{
  g_autoptr(IlvTrace) trace = ilv_trace_new ("Deadlock \"demo\"", NULL);
  g_autoptr(IlvSummary) s = NULL;
  g_autofree char *json = NULL;
  g_autofree char *out = NULL;

  ilv_trace_set_start (trace, 100);
  ilv_trace_finish (trace, 100, ILV_STOP_DEADLOCK, "a waits for b\nb waits for a");
  s = ilv_summary_new (trace);
  json = ilv_summary_to_json (s);
  g_assert_nonnull (strstr (json, "\"speedup\":null"));
  g_assert_nonnull (strstr (json, "\"deadlock\":true"));
  if (!trace_fixture_python_json (json, "print(d['stop_message'], d['stopped'], d['speedup'])", &out))
    {
      g_test_skip ("python3 is not installed: the JSON was not checked by a second parser");
      return;
    }
  g_assert_cmpstr (out, ==, "a waits for b\nb waits for a deadlock None\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/summary/figures", test_figures);
  g_test_add_func ("/summary/lost-updates-general", test_lost_updates_general);
  g_test_add_func ("/summary/work-of-killed-worker", test_work_of_killed_worker);
  g_test_add_func ("/summary/json", test_json);
  g_test_add_func ("/summary/json-deadlock", test_json_deadlock);

  return g_test_run ();
}
