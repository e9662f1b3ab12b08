/* test-lessons-sync.c: the lessons about races, locks and synchronisation
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lesson.h"

#define SLEEP LESSON_MASK (ILV_STATE_SLEEP)
#define ALIVE (~(LESSON_MASK (ILV_STATE_NOT_STARTED) | LESSON_MASK (ILV_STATE_DONE)))

static const IlvValueSummary *
db_val (IlvSummary *summary)
{
  return lesson_value (summary, "db_val");
}

/* Every thread read 0 before any wrote: the value ends at 1. */
static void
assert_race (const char *id,
             gint64      threads)
{
  g_autoptr(IlvSummary) summary = lesson_summary (id, ILV_STOP_FINISHED);

  g_assert_cmpint (db_val (summary)->expected, ==, threads);
  g_assert_cmpint (db_val (summary)->final, ==, 1);
  g_assert_cmpint (db_val (summary)->lost_updates, ==, threads - 1);
}

static void
test_race_condition (void)
{
  assert_race ("race-condition", 2);
}

static void
test_race_condition_10 (void)
{
  assert_race ("race-condition-10", 10);
}

static void
test_race_condition_python (void)
{
  g_autoptr(IlvJsonNode) two = lesson_python ("race.py", "2", NULL);
  g_autoptr(IlvJsonNode) ten = NULL;

  if (two == NULL)
    return;
  ten = lesson_python ("race.py", "10", NULL);
  g_assert_cmpfloat (lesson_json_double (two, "final"), ==, 1);
  g_assert_cmpfloat (lesson_json_double (ten, "final"), ==, 1);
  assert_race ("race-condition", 2);
  assert_race ("race-condition-10", 10);
}

/* The lock serialises the read-modify-write: nothing is lost, one holder
 * at a time, and each release hands the lock to a waiter. */
static double
locked_slowdown (void)
{
  g_autoptr(IlvSummary) locked = lesson_summary ("race-condition-locked", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) racy = lesson_summary ("race-condition-10", ILV_STOP_FINISHED);

  return locked->wall_ms / racy->wall_ms;
}

static guint
count_flows (IlvTrace    *trace,
             IlvFlowKind  kind)
{
  const IlvFlow *flows = ilv_trace_get_flows (trace);
  guint n = 0;

  for (gsize i = 0; i < ilv_trace_get_n_flows (trace); i++)
    n += flows[i].kind == kind;
  return n;
}

static void
test_race_condition_locked (void)
{
  IlvTrace *trace = lesson_run ("race-condition-locked", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  const IlvLockSummary *lock = lesson_lock (summary, "db_lock");

  g_test_message ("locked run %.1f times the racy one; %u of %u acquisitions contended",
                  locked_slowdown (), lock->contended, lock->acquisitions);
  g_assert_cmpint (db_val (summary)->final, ==, 10);
  g_assert_cmpint (db_val (summary)->lost_updates, ==, 0);
  g_assert_cmpuint (lesson_max_holders (trace, "db_lock"), ==, 1);
  g_assert_cmpuint (lock->acquisitions, ==, 10);
  g_assert_cmpuint (lock->contended, >=, 5);
  g_assert_cmpuint (count_flows (trace, ILV_FLOW_LOCK), >=, 5);
  /* the I/O inside the lock is done one thread at a time, not all at once */
  g_assert_cmpuint (lesson_group_concurrency (trace, "increase", SLEEP), ==, 1);
  g_assert_cmpuint (lesson_group_concurrency (lesson_run ("race-condition-10", ILV_STOP_FINISHED),
                                              "increase", SLEEP), >=, 5);
  if (lesson_can_measure_speedup ())
    g_assert_cmpfloat (locked_slowdown (), >, 4);
}

static void
test_race_condition_locked_python (void)
{
  g_autoptr(IlvJsonNode) locked = lesson_python ("race.py", "10", "--lock", NULL);
  g_autoptr(IlvJsonNode) racy = NULL;

  if (locked == NULL)
    return;
  racy = lesson_python ("race.py", "10", NULL);
  g_assert_cmpfloat (lesson_json_double (locked, "final"), ==, 10);
  g_assert_cmpfloat (lesson_json_double (locked, "max_inside"), ==, 1);
  g_assert_cmpfloat (lesson_json_double (racy, "max_inside"), >=, 5);
  g_assert_cmpuint (lesson_max_holders (lesson_run ("race-condition-locked", ILV_STOP_FINISHED), "db_lock"), ==, 1);
  if (!lesson_can_measure_speedup ())
    return;
  g_assert_cmpfloat (lesson_json_double (locked, "wall_s") / lesson_json_double (racy, "wall_s"), >, 4);
  g_assert_cmpfloat (locked_slowdown (), >, 4);
}

/* The same work with the lock around the I/O or only around the update. */
static double
long_section_slowdown (void)
{
  g_autoptr(IlvSummary) longer = lesson_summary ("lock-long-section", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) shorter = lesson_summary ("lock-short-section", ILV_STOP_FINISHED);

  return longer->wall_ms / shorter->wall_ms;
}

static void
test_lock_sections (void)
{
  g_autoptr(IlvSummary) longer = lesson_summary ("lock-long-section", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) shorter = lesson_summary ("lock-short-section", ILV_STOP_FINISHED);

  g_test_message ("lock-wait share %.2f vs %.2f; long section %.1f times slower",
                  longer->lock_wait_share, shorter->lock_wait_share, long_section_slowdown ());
  g_assert_cmpint (lesson_value (longer, "total")->final, ==, 16);
  g_assert_cmpint (lesson_value (shorter, "total")->final, ==, 16);
  g_assert_cmpfloat (longer->lock_wait_share, >, 0.4);
  g_assert_cmpfloat (shorter->lock_wait_share, <, 0.1);
  /* the I/O is serialised by the long section, overlaps with the short */
  g_assert_cmpuint (lesson_group_concurrency (lesson_run ("lock-long-section", ILV_STOP_FINISHED),
                                              "worker", SLEEP), ==, 1);
  g_assert_cmpuint (lesson_group_concurrency (lesson_run ("lock-short-section", ILV_STOP_FINISHED),
                                              "worker", SLEEP), >=, 3);
  if (lesson_can_measure_speedup ())
    g_assert_cmpfloat (long_section_slowdown (), >, 2);
}

static void
test_lock_sections_python (void)
{
  g_autoptr(IlvJsonNode) py = lesson_python ("lock_sections.py", NULL);

  if (py == NULL)
    return;
  g_assert_cmpfloat (lesson_json_double (py, "long_total"), ==, 16);
  g_assert_cmpfloat (lesson_json_double (py, "short_total"), ==, 16);
  g_assert_cmpfloat (lesson_json_double (py, "long_max_sleeping"), ==, 1);
  g_assert_cmpfloat (lesson_json_double (py, "short_max_sleeping"), >=, 3);
  if (!lesson_can_measure_speedup ())
    return;
  g_assert_cmpfloat (lesson_json_double (py, "slowdown"), >, 2);
  g_assert_cmpfloat (long_section_slowdown (), >, 2);
}

/* Both threads end their lives waiting for the lock the other holds. */
static void
test_deadlock (void)
{
  IlvTrace *trace = lesson_run ("deadlock", ILV_STOP_DEADLOCK);
  const char *message = ilv_trace_get_stop_message (trace);
  const char *groups[] = { "left", "right" };

  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "left holds a and waits for b"));
  g_assert_nonnull (strstr (message, "right holds b and waits for a"));
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autoptr(GArray) lanes = lesson_group_lanes (trace, groups[i]);
      guint lane = g_array_index (lanes, guint, 0);
      g_autoptr(GArray) waits = lesson_lane_spans (trace, lane, ILV_STATE_LOCK_WAIT);

      g_assert_cmpuint (waits->len, ==, 1);
      /* it waited from then on, till the run was ended */
      g_assert_cmpint (g_array_index (waits, IlvSpan, 0).end, >=,
                       ilv_trace_get_end (trace) - 50 * G_GINT64_CONSTANT (1000000));
      g_assert_cmpuint (ilv_trace_lane_get_n_holds (trace, lane), ==, 1);
    }
}

static void
test_deadlock_python (void)
{
  IlvTrace *trace = lesson_run ("deadlock", ILV_STOP_DEADLOCK);
  g_autoptr(IlvJsonNode) py = lesson_python ("deadlock.py", NULL);

  if (py == NULL)
    return;
  /* Neither got its second lock until a timeout broke the cycle. */
  g_assert_cmpfloat (lesson_json_double (py, "min_wait_s"), >=, 0.9 * lesson_json_double (py, "timeout_s"));
  g_assert_cmpfloat (lesson_json_double (py, "gave_up"), >=, 1);
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_DEADLOCK);
}

static void
test_semaphore (void)
{
  IlvTrace *trace = lesson_run ("semaphore", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);

  g_assert_cmpuint (lesson_max_holders (trace, "slots"), ==, 2);
  g_assert_cmpuint (lesson_group_concurrency (trace, "client", LESSON_MASK (ILV_STATE_SLEEP)), ==, 2);
  g_assert_cmpuint (lesson_lock (summary, "slots")->acquisitions, ==, 6);
  g_assert_cmpuint (lesson_lock (summary, "slots")->contended, >=, 2);
  g_assert_cmpfloat (lesson_group_ms (trace, "client", LESSON_MASK (ILV_STATE_LOCK_WAIT)), >, 0);
}

static void
test_semaphore_python (void)
{
  IlvTrace *trace = lesson_run ("semaphore", ILV_STOP_FINISHED);
  g_autoptr(IlvJsonNode) py = lesson_python ("sync_primitives.py", "semaphore", NULL);

  if (py == NULL)
    return;
  g_assert_cmpfloat (lesson_json_double (py, "max_inside"), ==, 2);
  g_assert_cmpuint (lesson_max_holders (trace, "slots"), ==, 2);
}

/* Times (ns) at which each runner stopped waiting for the event. */
static GArray *
event_wakeups (IlvTrace *trace)
{
  g_autoptr(GArray) lanes = lesson_group_lanes (trace, "runner");
  GArray *wakeups = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < lanes->len; i++)
    {
      g_autoptr(GArray) waits = lesson_lane_spans (trace, g_array_index (lanes, guint, i),
                                                   ILV_STATE_EVENT_WAIT);

      g_assert_cmpuint (waits->len, ==, 1);
      g_array_append_val (wakeups, g_array_index (waits, IlvSpan, 0).end);
    }
  return wakeups;
}

static void
test_event (void)
{
  IlvTrace *trace = lesson_run ("event", ILV_STOP_FINISHED);
  g_autoptr(GArray) set = lesson_mark_times (trace, "ready, steady");
  g_autoptr(GArray) wakeups = event_wakeups (trace);

  g_assert_cmpuint (set->len, ==, 1);
  g_assert_cmpuint (lesson_group_concurrency (trace, "runner", LESSON_MASK (ILV_STATE_EVENT_WAIT)), ==, 3);
  /* nobody got past wait before the starter set the event */
  for (guint i = 0; i < wakeups->len; i++)
    g_assert_cmpfloat ((g_array_index (wakeups, gint64, i) - ilv_trace_get_start (trace)) / 1e6, >=,
                       g_array_index (set, double, 0));
}

static void
test_event_python (void)
{
  g_autoptr(IlvJsonNode) py = lesson_python ("sync_primitives.py", "event", NULL);

  if (py == NULL)
    return;
  g_assert_cmpfloat (lesson_json_double (py, "woke"), ==, 3);
  g_assert_cmpfloat (lesson_json_double (py, "woke_early"), ==, 0);
  test_event ();
}

/* When each worker reached the barrier and when it went on (ms). */
static void
barrier_times (IlvTrace   *trace,
               const char *group,
               double     *arrived,
               double     *left,
               double     *waited)
{
  g_autoptr(GArray) lanes = lesson_group_lanes (trace, group);
  guint lane = g_array_index (lanes, guint, 0);
  g_autoptr(GArray) sleeps = lesson_lane_spans (trace, lane, ILV_STATE_SLEEP);
  gint64 start = ilv_trace_get_start (trace);

  g_assert_cmpuint (sleeps->len, ==, 2);
  *arrived = (g_array_index (sleeps, IlvSpan, 0).end - start) / 1e6;
  *left = (g_array_index (sleeps, IlvSpan, 1).start - start) / 1e6;
  *waited = ilv_test_state_time (trace, lane, ILV_STATE_EVENT_WAIT) / 1e6;
}

/* Spreads (ms) of the arrivals at and departures from the barrier. */
static void
barrier_spreads (IlvTrace *trace,
                 double   *arrivals,
                 double   *departures)
{
  const char *groups[] = { "quick", "medium", "slow" };
  double a_min = G_MAXDOUBLE, a_max = 0, d_min = G_MAXDOUBLE, d_max = 0;
  double waited[3];
  double arrived[3];

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      double left;

      barrier_times (trace, groups[i], &arrived[i], &left, &waited[i]);
      a_min = MIN (a_min, arrived[i]);
      a_max = MAX (a_max, arrived[i]);
      d_min = MIN (d_min, left);
      d_max = MAX (d_max, left);
    }
  /* The earlier a worker arrives, the longer it waits. By arrival, not by
   * the length of the first phase: on a loaded machine a thread may start
   * late enough to arrive after one with a longer first phase. */
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    for (guint j = 0; j < G_N_ELEMENTS (groups); j++)
      if (arrived[i] + 1.0 < arrived[j])
        g_assert_cmpfloat (waited[i], >, waited[j]);
  *arrivals = a_max - a_min;
  *departures = d_max - d_min;
}

static void
test_barrier (void)
{
  IlvTrace *trace = lesson_run ("barrier", ILV_STOP_FINISHED);
  double arrivals, departures;

  barrier_spreads (trace, &arrivals, &departures);
  g_test_message ("arrivals spread over %.1f ms, departures over %.1f ms", arrivals, departures);
  g_assert_cmpfloat (departures, <, 0.5 * arrivals);
}

static void
test_barrier_python (void)
{
  IlvTrace *trace = lesson_run ("barrier", ILV_STOP_FINISHED);
  g_autoptr(IlvJsonNode) py = lesson_python ("sync_primitives.py", "barrier", NULL);
  double arrivals, departures;

  if (py == NULL)
    return;
  barrier_spreads (trace, &arrivals, &departures);
  g_assert_cmpfloat (lesson_json_double (py, "departure_spread_s"), <,
                     0.5 * lesson_json_double (py, "arrival_spread_s"));
  g_assert_cmpfloat (departures, <, 0.5 * arrivals);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lessons/race-condition", test_race_condition);
  g_test_add_func ("/lessons/race-condition-10", test_race_condition_10);
  g_test_add_func ("/lessons/race-condition/python", test_race_condition_python);
  g_test_add_func ("/lessons/race-condition-locked", test_race_condition_locked);
  g_test_add_func ("/lessons/race-condition-locked/python", test_race_condition_locked_python);
  g_test_add_func ("/lessons/lock-sections", test_lock_sections);
  g_test_add_func ("/lessons/lock-sections/python", test_lock_sections_python);
  g_test_add_func ("/lessons/deadlock", test_deadlock);
  g_test_add_func ("/lessons/deadlock/python", test_deadlock_python);
  g_test_add_func ("/lessons/semaphore", test_semaphore);
  g_test_add_func ("/lessons/semaphore/python", test_semaphore_python);
  g_test_add_func ("/lessons/event", test_event);
  g_test_add_func ("/lessons/event/python", test_event_python);
  g_test_add_func ("/lessons/barrier", test_barrier);
  g_test_add_func ("/lessons/barrier/python", test_barrier_python);
  return g_test_run ();
}
