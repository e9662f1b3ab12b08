/* test-trace.c: events become spans, holds, counters, flows, GIL and core lanes
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-id-map.h"
#include "ilv-trace.h"
#include "trace-fixture.h"

static IlvTrace *
new_trace (guint *lanes,
           guint  n_lanes)
{
  IlvTrace *trace = ilv_trace_new ("t", NULL);
  guint app;

  ilv_trace_set_start (trace, 1000);
  app = ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);
  for (guint i = 0; i < n_lanes; i++)
    {
      g_autofree char *name = g_strdup_printf ("w#%u", i + 1);

      lanes[i] = ilv_trace_add_lane (trace, app, name, "w", ILV_WORKER_THREAD, FALSE);
    }
  return trace;
}

static void
assert_span (IlvTrace *trace,
             guint     lane,
             gsize     index,
             gint64    start,
             gint64    end,
             IlvState  s,
             gint      resource)
{
  IlvSpan span;

  ilv_trace_lane_get_span (trace, lane, index, &span);
  g_assert_cmpint (span.start, ==, start);
  g_assert_cmpint (span.end, ==, end);
  g_assert_cmpstr (ilv_state_to_string (span.state), ==, ilv_state_to_string (s));
  g_assert_cmpint (span.resource, ==, resource);
}

static void
test_spans (void)
{
  guint l[2];
  g_autoptr(IlvTrace) trace = new_trace (l, 2);

  APPEND (trace,
          state (1100, l[0], ILV_STATE_RUNNING, -1),
          state (1200, l[0], ILV_STATE_RUNNING, -1),      /* no change: no span */
          state (1500, l[0], ILV_STATE_LOCK_WAIT, 3),
          state (1500, l[0], ILV_STATE_SLEEP, -1),        /* same instant: replaces */
          state (2000, l[0], ILV_STATE_DONE, -1));
  g_assert_cmpuint (ilv_trace_lane_get_n_spans (trace, l[0]), ==, 4);
  g_assert_cmpuint (ilv_trace_lane_get_n_spans (trace, l[1]), ==, 1);

  ilv_trace_set_now (trace, 2500);
  assert_span (trace, l[0], 0, 1000, 1100, ILV_STATE_NOT_STARTED, -1);
  assert_span (trace, l[0], 1, 1100, 1500, ILV_STATE_RUNNING, -1);
  assert_span (trace, l[0], 2, 1500, 2000, ILV_STATE_SLEEP, -1);
  assert_span (trace, l[0], 3, 2000, 2500, ILV_STATE_DONE, -1);
  assert_span (trace, l[1], 0, 1000, 2500, ILV_STATE_NOT_STARTED, -1);
  g_assert_false (ilv_trace_is_finished (trace));

  ilv_trace_finish (trace, 3000, ILV_STOP_FINISHED, NULL);
  assert_span (trace, l[0], 3, 2000, 3000, ILV_STATE_DONE, -1);
  g_assert_cmpint (ilv_trace_lane_find_span (trace, l[0], 999), ==, -1);
  g_assert_cmpint (ilv_trace_lane_find_span (trace, l[0], 1000), ==, 0);
  g_assert_cmpint (ilv_trace_lane_find_span (trace, l[0], 1499), ==, 1);
  g_assert_cmpint (ilv_trace_lane_find_span (trace, l[0], 1500), ==, 2);
  g_assert_cmpint (ilv_trace_lane_find_span (trace, l[0], 99999), ==, 3);
  g_assert_cmpint (ilv_trace_get_end (trace), ==, 3000);
  g_assert_cmpuint (ilv_trace_get_n_events (trace), ==, 5);
}

/* A long lane crosses many checkpoints; every span reads back. */
static void
test_many_spans (void)
{
  guint l;
  g_autoptr(IlvTrace) trace = new_trace (&l, 1);
  const gsize n = 10000;

  for (gsize i = 0; i < n; i++)
    {
      IlvEvent e = state (2000 + (gint64) i * 10, l, i % 2 ? ILV_STATE_SLEEP : ILV_STATE_RUNNING, -1);

      append (trace, &e, 1);
    }
  ilv_trace_finish (trace, 2000 + (gint64) n * 10, ILV_STOP_FINISHED, NULL);
  g_assert_cmpuint (ilv_trace_lane_get_n_spans (trace, l), ==, n + 1);
  for (gsize i = 0; i < n; i += 997)
    assert_span (trace, l, i + 1, 2000 + (gint64) i * 10, 2010 + (gint64) i * 10,
                 i % 2 ? ILV_STATE_SLEEP : ILV_STATE_RUNNING, -1);
}

static void
check_lock_holds (IlvTrace *trace,
                  guint     a,
                  guint     b)
{
  const IlvHold *ha = ilv_trace_lane_get_holds (trace, a);
  const IlvHold *hb = ilv_trace_lane_get_holds (trace, b);

  g_assert_cmpuint (ilv_trace_lane_get_n_holds (trace, a), ==, 1);
  g_assert_cmpuint (ilv_trace_lane_get_n_holds (trace, b), ==, 2);
  g_assert_cmpint (ha[0].start, ==, 1100);
  g_assert_cmpint (ha[0].end, ==, 1200);
  g_assert_true (ha[0].contended);   /* b waited meanwhile */
  g_assert_cmpint (hb[0].start, ==, 1200);
  g_assert_cmpint (hb[0].end, ==, 1250);
  g_assert_false (hb[0].contended);  /* nobody waited for b */
}

/* Contention is found whichever lane's batch arrives first, even when the
 * release does not report the waiter. */
static void
test_holds (gconstpointer data)
{
  gboolean a_first = GPOINTER_TO_INT (data);
  guint l[2];
  g_autoptr(IlvTrace) trace = new_trace (l, 2);
  guint lock = ilv_trace_add_resource (trace, "db_lock", ILV_RESOURCE_LOCK, 0, 0);
  IlvEvent ea[] = {
    ev (1100, l[0], ILV_EVENT_LOCK_ACQUIRED, lock, 0, 0),
    ev (1200, l[0], ILV_EVENT_LOCK_RELEASED, lock, 0, 0),
  };
  IlvEvent eb[] = {
    ev (1150, l[1], ILV_EVENT_LOCK_WAITERS, lock, 1, 0),
    ev (1200, l[1], ILV_EVENT_LOCK_ACQUIRED, lock, 0, 1),
    ev (1201, l[1], ILV_EVENT_LOCK_WAITERS, lock, 0, 0),
    ev (1250, l[1], ILV_EVENT_LOCK_RELEASED, lock, 0, 0),
    ev (1300, l[1], ILV_EVENT_LOCK_ACQUIRED, lock, 0, 0),
  };
  const IlvFlow *flows;

  append (trace, a_first ? ea : eb, a_first ? G_N_ELEMENTS (ea) : G_N_ELEMENTS (eb));
  append (trace, a_first ? eb : ea, a_first ? G_N_ELEMENTS (eb) : G_N_ELEMENTS (ea));
  check_lock_holds (trace, l[0], l[1]);
  /* Still held by b: open until the run ends. */
  g_assert_cmpint (ilv_trace_lane_get_holds (trace, l[1])[1].end, ==, G_MAXINT64);

  g_assert_cmpuint (ilv_trace_get_n_flows (trace), ==, 1);
  flows = ilv_trace_get_flows (trace);
  g_assert_cmpint (flows[0].kind, ==, ILV_FLOW_LOCK);
  g_assert_cmpuint (flows[0].from_lane, ==, l[0]);
  g_assert_cmpint (flows[0].from_time, ==, 1200);
  g_assert_cmpuint (flows[0].to_lane, ==, l[1]);
  g_assert_cmpint (flows[0].to_time, ==, 1200);

  ilv_trace_finish (trace, 5000, ILV_STOP_STOPPED, "stopped");
  g_assert_cmpint (ilv_trace_lane_get_holds (trace, l[1])[1].end, ==, 5000);
}

static void
assert_sorted (const IlvPoint *points,
               gsize           n)
{
  for (gsize i = 1; i < n; i++)
    g_assert_cmpint (points[i - 1].time, <=, points[i].time);
}

static void
test_counters_and_flows (void)
{
  guint l[2];
  g_autoptr(IlvTrace) trace = new_trace (l, 2);
  guint q = ilv_trace_add_resource (trace, "jobs", ILV_RESOURCE_QUEUE, 0, 8);
  guint p = ilv_trace_add_resource (trace, "wire", ILV_RESOURCE_PIPE, 0, 0);
  const IlvPoint *points;
  const IlvFlow *flows;

  /* Consumer's batch first: every get arrives before its put. */
  APPEND (trace,
          ev (1020, l[1], ILV_EVENT_QUEUE_GET, q, 0, 1),
          ev (1040, l[1], ILV_EVENT_QUEUE_GET, q, 1, 2),
          ev (1060, l[1], ILV_EVENT_QUEUE_GET, q, 0, 3),
          ev (1150, l[1], ILV_EVENT_RECV, p, 0, 7));
  APPEND (trace,
          ev (1010, l[0], ILV_EVENT_QUEUE_PUT, q, 1, 1),
          ev (1030, l[0], ILV_EVENT_QUEUE_PUT, q, 1, 2),
          ev (1035, l[0], ILV_EVENT_QUEUE_PUT, q, 2, 3),
          ev (1100, l[0], ILV_EVENT_SEND, p, 64, 7),
          ev (1200, l[0], ILV_EVENT_QUEUE_PUT, q, 1, 4));   /* never got */

  g_assert_cmpuint (ilv_trace_counter_get_n_points (trace, q), ==, 1 + 7);
  points = ilv_trace_counter_get_points (trace, q);
  assert_sorted (points, 8);
  g_assert_cmpint (points[0].time, ==, 1000);
  g_assert_cmpint (points[0].value, ==, 0);
  g_assert_cmpint (points[4].time, ==, 1035);
  g_assert_cmpint (points[4].value, ==, 2);
  g_assert_cmpint (points[7].time, ==, 1200);

  g_assert_cmpuint (ilv_trace_get_n_flows (trace), ==, 4);
  flows = ilv_trace_get_flows (trace);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (flows[i].kind, ==, ILV_FLOW_QUEUE);
      g_assert_cmpint (flows[i].resource, ==, q);
      g_assert_cmpuint (flows[i].from_lane, ==, l[0]);
      g_assert_cmpuint (flows[i].to_lane, ==, l[1]);
    }
  g_assert_cmpint (flows[2].from_time, ==, 1035);
  g_assert_cmpint (flows[2].to_time, ==, 1060);
  g_assert_cmpint (flows[3].kind, ==, ILV_FLOW_PIPE);
  g_assert_cmpint (flows[3].from_time, ==, 1100);
  g_assert_cmpint (flows[3].to_time, ==, 1150);
  assert_sorted (ilv_trace_counter_get_points (trace, p), ilv_trace_counter_get_n_points (trace, p));
}

/* Stores arrive lane by lane; the expected series adds each increment in
 * time order. */
static void
test_values (void)
{
  guint l[2];
  g_autoptr(IlvTrace) trace = new_trace (l, 2);
  guint v = ilv_trace_add_resource (trace, "db_val", ILV_RESOURCE_VALUE, 5, 0);
  const IlvPoint *points, *expected;

  APPEND (trace, ev (1030, l[1], ILV_EVENT_VALUE_STORE, v, 6, 1));
  APPEND (trace, ev (1020, l[0], ILV_EVENT_VALUE_STORE, v, 6, 1),
                 ev (1040, l[0], ILV_EVENT_VALUE_STORE, v, 9, 3));
  g_assert_cmpuint (ilv_trace_counter_get_n_points (trace, v), ==, 4);
  g_assert_cmpuint (ilv_trace_expected_get_n_points (trace, v), ==, 4);
  points = ilv_trace_counter_get_points (trace, v);
  expected = ilv_trace_expected_get_points (trace, v);
  g_assert_cmpint (points[0].value, ==, 5);
  g_assert_cmpint (points[1].time, ==, 1020);
  g_assert_cmpint (points[2].value, ==, 6);
  g_assert_cmpint (expected[0].value, ==, 5);
  g_assert_cmpint (expected[1].value, ==, 6);
  g_assert_cmpint (expected[2].value, ==, 7);
  g_assert_cmpint (expected[3].value, ==, 10);
}

static void
assert_holder (IlvTrace *trace,
               guint     lane,
               gint64    time,
               IlvState  s,
               gint      holder)
{
  IlvSpan span;

  ilv_trace_lane_get_span (trace, lane, ilv_trace_lane_find_span (trace, lane, time), &span);
  g_assert_cmpint (span.state, ==, s);
  g_assert_cmpint (span.resource, ==, holder);
}

static void
test_gil_lane (void)
{
  guint l[2];
  g_autoptr(IlvTrace) trace = new_trace (l, 2);
  guint gil;

  g_assert_cmpuint (ilv_trace_get_n_lanes (trace), ==, 2);
  APPEND (trace,
          ev (1100, l[0], ILV_EVENT_GIL_ACQUIRED, 0, 0, 0),
          ev (1200, l[0], ILV_EVENT_GIL_RELEASED, 0, 0, 0),
          ev (1300, l[0], ILV_EVENT_GIL_ACQUIRED, 0, 0, 0),
          ev (1400, l[0], ILV_EVENT_GIL_RELEASED, 0, 0, 0));
  g_assert_cmpuint (ilv_trace_get_n_lanes (trace), ==, 3);
  gil = 2;
  g_assert_cmpint (ilv_trace_get_lane (trace, gil)->kind, ==, ILV_LANE_GIL);
  g_assert_cmpuint (ilv_trace_get_lane (trace, gil)->process, ==, 0);
  /* The other thread's hand-offs arrive later and land in between. */
  APPEND (trace,
          ev (1200, l[1], ILV_EVENT_GIL_ACQUIRED, 0, 0, 0),
          ev (1300, l[1], ILV_EVENT_GIL_RELEASED, 0, 0, 0));
  ilv_trace_finish (trace, 2000, ILV_STOP_FINISHED, NULL);
  g_assert_cmpuint (ilv_trace_lane_get_n_spans (trace, gil), ==, 5);
  assert_holder (trace, gil, 1050, ILV_STATE_IDLE, -1);
  assert_holder (trace, gil, 1100, ILV_STATE_RUNNING, (gint) l[0]);
  assert_holder (trace, gil, 1250, ILV_STATE_RUNNING, (gint) l[1]);
  assert_holder (trace, gil, 1300, ILV_STATE_RUNNING, (gint) l[0]);
  assert_holder (trace, gil, 1999, ILV_STATE_IDLE, -1);
}

static void
test_core_lanes (void)
{
  guint l[2];
  g_autoptr(IlvTrace) trace = new_trace (l, 2);
  guint core0, core1;
  gint64 times[ILV_N_STATES];

  ilv_trace_set_n_cpus (trace, 2);
  core0 = 2;
  core1 = 3;
  g_assert_cmpint (ilv_trace_get_lane (trace, core0)->kind, ==, ILV_LANE_CORE);
  APPEND (trace,
          state (1050, l[0], ILV_STATE_RUNNING, -1),
          ev (1100, l[0], ILV_EVENT_CPU, -1, 0, 1),
          ev (1200, l[0], ILV_EVENT_CPU, -1, 1, 1),
          ev (1300, l[0], ILV_EVENT_CPU, -1, 1, 0),
          state (1500, l[0], ILV_STATE_DONE, -1));
  APPEND (trace,
          ev (1150, l[1], ILV_EVENT_CPU, -1, 0, 1),
          ev (1250, l[1], ILV_EVENT_CPU, -1, 0, 0));
  ilv_trace_finish (trace, 1600, ILV_STOP_FINISHED, NULL);

  assert_holder (trace, core0, 1099, ILV_STATE_IDLE, -1);
  assert_holder (trace, core0, 1100, ILV_STATE_RUNNING, (gint) l[0]);
  assert_holder (trace, core0, 1150, ILV_STATE_RUNNING, (gint) l[1]);
  assert_holder (trace, core0, 1249, ILV_STATE_RUNNING, (gint) l[1]);
  assert_holder (trace, core0, 1250, ILV_STATE_IDLE, -1);
  assert_holder (trace, core1, 1200, ILV_STATE_RUNNING, (gint) l[0]);
  assert_holder (trace, core1, 1300, ILV_STATE_IDLE, -1);

  /* Running by its own account, but the sampler saw it wait for a core. */
  ilv_trace_lane_state_times (trace, l[0], 1000, 1600, times);
  g_assert_cmpint (times[ILV_STATE_NOT_STARTED], ==, 50);
  g_assert_cmpint (times[ILV_STATE_RUNNING], ==, 250);
  g_assert_cmpint (times[ILV_STATE_READY], ==, 200);
  g_assert_cmpint (times[ILV_STATE_DONE], ==, 100);
}

static void
test_marks_tasks_workers (void)
{
  g_autoptr(IlvTrace) trace = trace_fixture_rich ();
  const IlvMark *marks = ilv_trace_get_marks (trace);
  const IlvTask *tasks = ilv_trace_get_tasks (trace);

  g_assert_cmpuint (ilv_trace_get_n_marks (trace), ==, 1);
  g_assert_cmpstr (marks[0].text, ==, "hello \"world\"\n");
  g_assert_cmpuint (marks[0].lane, ==, 0);
  g_assert_cmpuint (ilv_trace_get_n_tasks (trace), ==, 1);
  g_assert_cmpstr (tasks[0].label, ==, "square(3)");
  g_assert_cmpint (tasks[0].index, ==, 3);
  g_assert_cmpint (tasks[0].end - tasks[0].start, ==, MS - 10);
  g_assert_cmpint (ilv_trace_lane_get_start_cost (trace, 0), ==, 50000);
  g_assert_cmpint (ilv_trace_lane_get_nominal_work (trace, 1), ==, 10 * MS);
  g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, 3), ==, 256 + 9);
  g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, 0), ==, 0);
  /* Every kind of flow is there. */
  g_assert_cmpuint (ilv_trace_get_n_flows (trace), ==, 3);
}

/* Nonsense from a confused worker is dropped, never a crash. */
static void
test_bad_events (void)
{
  guint l;
  g_autoptr(IlvTrace) trace = new_trace (&l, 1);

  APPEND (trace,
          state (1100, 99, ILV_STATE_RUNNING, -1),
          state (1100, l, 77, -1),
          ev (1100, l, 999, -1, 0, 0),
          ev (1100, l, ILV_EVENT_QUEUE_PUT, 1234, 0, 0),
          ev (1100, l, ILV_EVENT_LOCK_RELEASED, -5, 0, 0),
          ev (1100, l, ILV_EVENT_GIL_ACQUIRED, 42, 0, 0),
          ev (1100, l, ILV_EVENT_MARK, -1, 0, 424242),
          ev (1100, l, ILV_EVENT_CPU, -1, 99, 1),
          ev (1100, l, ILV_EVENT_TASK_END, -1, 0, 0),
          state (900, l, ILV_STATE_SLEEP, -1));  /* before the start */
  ilv_trace_finish (trace, 2000, ILV_STOP_ERROR, "\xff bad utf-8");
  g_assert_cmpuint (ilv_trace_get_n_lanes (trace), ==, 1);
  g_assert_cmpuint (ilv_trace_get_n_marks (trace), ==, 1);
  g_assert_true (g_utf8_validate (ilv_trace_get_stop_message (trace), -1, NULL));
  assert_span (trace, l, 0, 1000, 2000, ILV_STATE_SLEEP, -1);
}

/* The map that matches flow halves, against GHashTable, with keys that
 * collide and deletions that shift entries back. */
static void
test_id_map (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GHashTable) reference = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  IlvIdMap map;

  ilv_id_map_init (&map);
  for (guint i = 0; i < 200000; i++)
    {
      guint64 key = (guint64) g_rand_int_range (rand, 0, 3) << 48 | (guint64) g_rand_int_range (rand, 0, 5000);
      guint32 value = g_rand_int (rand);
      gboolean had = g_hash_table_contains (reference, &key);
      guint32 got = 0;

      if (g_rand_boolean (rand))
        {
          ilv_id_map_insert (&map, key, value);
          g_hash_table_insert (reference, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (value));
          continue;
        }
      g_assert_cmpint (ilv_id_map_take (&map, key, &got), ==, had);
      if (had)
        g_assert_cmpuint (got, ==, GPOINTER_TO_UINT (g_hash_table_lookup (reference, &key)));
      g_hash_table_remove (reference, &key);
      g_assert_cmpuint (map.n, ==, g_hash_table_size (reference));
    }
  ilv_id_map_clear (&map);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace/spans", test_spans);
  g_test_add_func ("/trace/many-spans", test_many_spans);
  g_test_add_data_func ("/trace/holds/holder-first", GINT_TO_POINTER (TRUE), test_holds);
  g_test_add_data_func ("/trace/holds/waiter-first", GINT_TO_POINTER (FALSE), test_holds);
  g_test_add_func ("/trace/counters-and-flows", test_counters_and_flows);
  g_test_add_func ("/trace/values", test_values);
  g_test_add_func ("/trace/gil-lane", test_gil_lane);
  g_test_add_func ("/trace/core-lanes", test_core_lanes);
  g_test_add_func ("/trace/marks-tasks-workers", test_marks_tasks_workers);
  g_test_add_func ("/trace/bad-events", test_bad_events);
  g_test_add_func ("/trace/id-map", test_id_map);

  return g_test_run ();
}
