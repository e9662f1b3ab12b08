/* test-threads.c: thread workers, shared values, locks and the GIL, for real
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "ilv-engine-test.h"

static void
run_race (guint    n,
          gboolean locked)
{
  g_autofree char *text = NULL;
  g_autoptr(IlvTrace) trace = NULL;
  g_autoptr(IlvSummary) summary = NULL;
  const IlvValueSummary *value;
  gint db_val;

  /* The barrier lines the workers up, and the I/O pause is long, so that
   * on a loaded machine every read still happens before the first write. */
  text = g_strdup_printf ("[Scenario]\nName=Race\nGIL=true\n"
                          "[Value db_val]\nInitial=0\n[Lock db_lock]\n[Barrier go]\nParties=%u\n"
                          "[Workers increase]\nKind=thread\nCount=%u\nProgram=%s\n",
                          n, n, locked ? "wait go; with db_lock { load db_val; add 1; sleep 10ms; store db_val }"
                                       : "wait go; load db_val; add 1; sleep 50ms; store db_val");
  trace = ilv_test_run_text (text);
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);

  db_val = ilv_test_find_resource (trace, "db_val");
  g_assert_cmpint (db_val, >=, 0);
  g_assert_cmpint (ilv_test_last_value (trace, db_val), ==, locked ? (gint64) n : 1);

  summary = ilv_summary_new (trace);
  value = ilv_test_find_value (summary, "db_val");
  g_assert_cmpint (value->final, ==, locked ? (gint64) n : 1);
  g_assert_cmpint (value->lost_updates, ==, locked ? 0 : (gint64) n - 1);
  g_assert_cmpint (ilv_trace_get_n_lanes (trace), >=, n);
}

static void
test_race_2 (void)
{
  run_race (2, FALSE);
}

static void
test_race_10 (void)
{
  run_race (10, FALSE);
}

static void
test_race_locked_2 (void)
{
  run_race (2, TRUE);
}

static void
test_race_locked_10 (void)
{
  run_race (10, TRUE);
}

/* With the GIL on, no two lanes of the app are ever running at once. */
static void
test_gil_invariant (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=GIL\nGIL=true\nSwitchInterval=1ms\n"
    "[Lock l]\n[Value v]\nInitial=0\n"
    "[Workers mixed]\nKind=thread\nCount=4\n"
    "Program=repeat 5 { compute 3ms; with l { load v; add 1; store v }; sleep 1ms }\n"
    "[Workers tasks]\nKind=async\nCount=3\nProgram=repeat 3 { compute 2ms; sleep 2ms }\n");
  gint64 running = 0;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  for (guint lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    if (ilv_trace_get_lane (trace, lane)->kind == ILV_LANE_WORKER)
      running += ilv_test_states_time (trace, lane, ILV_TEST_RUNNING);

  /* 4 × 15 ms + 3 × 6 ms of compute ran, one lane at a time */
  g_assert_cmpint (running, >=, 70 * G_GINT64_CONSTANT (1000000));
  g_assert_cmpint (ilv_test_max_overlap (trace, 0, ILV_TEST_RUNNING), ==, 0);
  g_assert_cmpint (ilv_test_last_value (trace, ilv_test_find_resource (trace, "v")), ==, 20);
}

typedef struct
{
  double cores;           /* process CPU time per second of the workers' life */
  double gil_wait_share;  /* of the workers' life */
  double ready_share;     /* runnable without a core: the machine is busy */
  double overlap;         /* share of their common life both were running */
} CpuFigures;

static void
run_cpu_bound (gboolean    gil,
               CpuFigures *figures)
{
  g_autofree char *text = NULL;
  g_autoptr(IlvTrace) trace = NULL;
  gint64 cpu0, cpu, first = G_MAXINT64, last = 0;
  gint64 waiting = 0, alive = 0, ready = 0;
  gint64 both_from = 0, both_to = G_MAXINT64;

  text = g_strdup_printf ("[Scenario]\nName=CPU\nGIL=%s\n"
                          "[Workers crunch]\nKind=thread\nCount=2\nProgram=compute 150ms\n",
                          gil ? "true" : "false");
  cpu0 = ilv_test_clock_ns (CLOCK_PROCESS_CPUTIME_ID);
  trace = ilv_test_run_text (text);
  cpu = ilv_test_clock_ns (CLOCK_PROCESS_CPUTIME_ID) - cpu0;

  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("crunch#%u", i);
      gint lane = ilv_test_find_lane (trace, name);
      guint live = ILV_TEST_RUNNING | (1u << ILV_STATE_GIL_WAIT);
      gint64 lane_first = G_MAXINT64, lane_last = 0;
      IlvSpan span;

      g_assert_cmpint (lane, >=, 0);
      waiting += ilv_test_state_time (trace, lane, ILV_STATE_GIL_WAIT);
      ready += ilv_test_state_time (trace, lane, ILV_STATE_READY);
      alive += ilv_test_states_time (trace, lane, live);
      for (gsize j = 0; j < ilv_trace_lane_get_n_spans (trace, lane); j++)
        {
          ilv_trace_lane_get_span (trace, lane, j, &span);
          if (live & (1u << span.state))
            {
              lane_first = MIN (lane_first, span.start);
              lane_last = MAX (lane_last, span.end);
            }
        }
      first = MIN (first, lane_first);
      last = MAX (last, lane_last);
      both_from = MAX (both_from, lane_first);
      both_to = MIN (both_to, lane_last);
    }
  g_assert_cmpint (last, >, first);
  figures->cores = (double) cpu / (last - first);
  figures->gil_wait_share = alive > 0 ? (double) waiting / alive : 0;
  figures->ready_share = alive > 0 ? (double) ready / alive : 0;
  /* Within the time both were alive: how much of it both were running.
   * (Over their whole life the figure would depend on how fairly the OS
   * shared the cores with other processes.) */
  g_assert_cmpint (both_to, >, both_from);
  figures->overlap = (double) ilv_test_overlap_time (trace, ILV_TEST_RUNNING) / (both_to - both_from);
}

static void
test_gil_cpu_bound (void)
{
  CpuFigures f;

  run_cpu_bound (TRUE, &f);
  g_test_message ("GIL on: %.2f cores, gil-wait share %.2f, running overlap %.2f",
                  f.cores, f.gil_wait_share, f.overlap);
  g_assert_cmpfloat (f.cores, <, 1.3);
  g_assert_cmpfloat (f.overlap, ==, 0);
  g_assert_cmpfloat (f.gil_wait_share, >, 0.3);
  g_assert_cmpfloat (f.gil_wait_share, <, 0.7);
}

static void
test_free_threaded_cpu_bound (void)
{
  CpuFigures f;

  run_cpu_bound (FALSE, &f);
  g_test_message ("GIL off: %.2f cores, ready share %.2f, running overlap %.2f",
                  f.cores, f.ready_share, f.overlap);
  g_assert_cmpfloat (f.gil_wait_share, ==, 0);
  /* nothing serialises them: both are running (on a core or runnable)
   * at once while both are alive (with the GIL: never) */
  g_assert_cmpfloat (f.overlap, >, 0.8);
  if (ilv_test_n_cpus () < 2)
    {
      g_test_skip ("one CPU: two threads cannot overlap");
      return;
    }
  /* Other processes on the machine take cores from us; the sampler sees
   * it as time `ready`. Then the CPU figure says more about them than
   * about us, and only the trace's overlap is asserted. */
  if (f.ready_share > 0.1)
    g_test_message ("machine busy (%.0f%% of the time runnable without a core): "
                    "not asserting > 1.5 cores", f.ready_share * 100);
  else
    g_assert_cmpfloat (f.cores, >, 1.5);
}

/* I/O-bound threads sleep at the same time, GIL or not. */
static void
test_io_bound_overlap (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=IO\nGIL=true\n"
    "[Workers fetch]\nKind=thread\nCount=4\nProgram=sleep 100ms; compute 1ms\n");
  double share = ilv_test_overlap_share (trace, 1u << ILV_STATE_SLEEP);

  g_test_message ("sleep overlap share %.2f", share);
  /* one after another would be 0; thread start skew on a busy machine
   * takes a little off the ideal 1 */
  g_assert_cmpfloat (share, >, 0.75);
}

/* A daemon stopped when the run ends counts the part of its sleep it
 * slept, not the whole second it asked for: the sequential figure holds
 * work that was done, and the speedup stays a speedup. */
static void
test_stopped_step_counts_done_part (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Daemon\nGIL=true\n"
    "[Workers main]\nKind=thread\nProgram=sleep 20ms\n"
    "[Workers d]\nKind=thread\nDaemon=true\nProgram=forever { sleep 1s }\n");
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  gint daemon = ilv_test_find_lane (trace, "d");
  gint64 reported = ilv_trace_lane_get_nominal_work (trace, daemon);
  gint64 slept = ilv_test_state_time (trace, daemon, ILV_STATE_SLEEP);

  g_test_message ("daemon slept %.1f ms and reports %.1f ms; sequential %.1f ms, wall %.1f ms",
                  slept / 1e6, reported / 1e6, summary->sequential_ms, summary->wall_ms);
  g_assert_cmpint (reported, >, 0);
  g_assert_cmpint (reported, <=, slept + G_GINT64_CONSTANT (1000000));
  g_assert_cmpfloat (summary->sequential_ms, <, 20.0 + slept / 1e6 + 1.0);
  g_assert_cmpfloat (summary->sequential_ms, <=, 2 * summary->wall_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/threads/race/2", test_race_2);
  g_test_add_func ("/threads/race/10", test_race_10);
  g_test_add_func ("/threads/race/locked-2", test_race_locked_2);
  g_test_add_func ("/threads/race/locked-10", test_race_locked_10);
  g_test_add_func ("/threads/gil/invariant", test_gil_invariant);
  g_test_add_func ("/threads/gil/cpu-bound", test_gil_cpu_bound);
  g_test_add_func ("/threads/gil/free-threaded", test_free_threaded_cpu_bound);
  g_test_add_func ("/threads/io-bound-overlap", test_io_bound_overlap);
  g_test_add_func ("/threads/stopped-step-counts-done-part", test_stopped_step_counts_done_part);

  return g_test_run ();
}
