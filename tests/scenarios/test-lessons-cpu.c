/* test-lessons-cpu.c: the lessons about CPU-bound work, the GIL and cores
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lesson.h"

#define RUNNABLE (LESSON_MASK (ILV_STATE_RUNNING) | LESSON_MASK (ILV_STATE_READY))
#define ON_CORE LESSON_MASK (ILV_STATE_RUNNING)

static guint
count_core_lanes (IlvTrace *trace)
{
  guint n = 0;

  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    n += ilv_trace_get_lane (trace, i)->kind == ILV_LANE_CORE;
  return n;
}

/* Threads take turns: never two of them run Python code at once, the GIL
 * changes hands about every switch interval, and most of their life is
 * spent in gil-wait. */
static void
test_cpu_threads (void)
{
  IlvTrace *trace = lesson_run ("cpu-threads", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  g_autoptr(GArray) holds = lesson_gil_holds (trace, 0);

  g_test_message ("GIL hand-offs %u, holds %.1f / %.1f / %.1f ms (quartiles), gil-wait share %.2f",
                  holds->len, lesson_quantile (holds, 0.25), lesson_quantile (holds, 0.5),
                  lesson_quantile (holds, 0.75), summary->gil_wait_share);
  g_assert_cmpuint (lesson_group_concurrency (trace, "cruncher", RUNNABLE), ==, 1);
  /* 400 ms of work changes hands dozens of times, a turn lasting about
   * the switch interval (longer when the machine is busy). */
  g_assert_cmpuint (holds->len, >=, 20);
  g_assert_cmpfloat (lesson_quantile (holds, 0.25), >=, 3.0);
  g_assert_cmpfloat (lesson_quantile (holds, 0.5), <=, 50.0);
  g_assert_cmpfloat (summary->gil_wait_share, >, 0.4);
}

/* Processes compute side by side: all four at once as far as their
 * interpreters know, two at once on the cores. */
static void
test_cpu_processes (void)
{
  IlvTrace *trace = lesson_run ("cpu-processes", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);

  g_assert_cmpfloat (summary->gil_wait_share, ==, 0.0);
  g_assert_cmpuint (lesson_group_concurrency (trace, "cruncher", RUNNABLE), >=, 3);
  if (count_core_lanes (trace) >= 2)
    g_assert_cmpuint (lesson_group_concurrency (trace, "cruncher", ON_CORE), >=, 2);
  for (guint i = 0; i < summary->workers->len; i++)
    g_assert_cmpfloat (g_array_index (summary->workers, IlvWorkerSummary, i).start_cost_ms, >, 0.0);
}

/* Coroutines that never await run one after another, to the end. */
static void
test_cpu_async (void)
{
  IlvTrace *trace = lesson_run ("cpu-async", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);

  g_assert_cmpuint (lesson_group_concurrency (trace, "task", RUNNABLE), ==, 1);
  g_assert_cmpfloat (summary->gil_wait_share, ==, 0.0);
  for (guint i = 1; i < summary->workers->len; i++)
    {
      const IlvWorkerSummary *before = &g_array_index (summary->workers, IlvWorkerSummary, i - 1);
      const IlvWorkerSummary *w = &g_array_index (summary->workers, IlvWorkerSummary, i);

      g_assert_cmpfloat (w->started_ms, >=, before->finished_ms - 0.5);
    }
}

/* Without the GIL threads run at once and never wait for it. */
static void
test_cpu_threads_nogil (void)
{
  IlvTrace *trace = lesson_run ("cpu-threads-nogil", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);

  g_assert_false (summary->gil);
  g_assert_cmpfloat (lesson_group_ms (trace, "cruncher", LESSON_MASK (ILV_STATE_GIL_WAIT)), ==, 0.0);
  g_assert_cmpuint (lesson_group_concurrency (trace, "cruncher", RUNNABLE), >=, 3);
  if (count_core_lanes (trace) >= 2)
    g_assert_cmpuint (lesson_group_concurrency (trace, "cruncher", ON_CORE), >=, 2);
}

/* Speed-ups: processes and free threads about 2× on two free cores, GIL
 * threads none; checked only while the machine has the cores to show it. */
static void
test_cpu_speedups (void)
{
  g_autoptr(IlvSummary) threads = lesson_summary ("cpu-threads", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) processes = lesson_summary ("cpu-processes", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) nogil = lesson_summary ("cpu-threads-nogil", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) async = lesson_summary ("cpu-async", ILV_STOP_FINISHED);

  g_test_message ("speed-ups: threads %.2f, processes %.2f, free threads %.2f, async %.2f",
                  threads->speedup, processes->speedup, nogil->speedup, async->speedup);
  g_assert_cmpfloat (threads->speedup, <, 1.3);
  g_assert_cmpfloat (async->speedup, <, 1.3);
  if (!lesson_can_measure_speedup ())
    return;
  g_assert_cmpfloat (processes->speedup, >, 1.3);
  g_assert_cmpfloat (nogil->speedup, >, 1.3);
}

static void
test_cpu_python (void)
{
  g_autoptr(IlvSummary) threads = lesson_summary ("cpu-threads", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) processes = lesson_summary ("cpu-processes", ILV_STOP_FINISHED);
  g_autoptr(IlvJsonNode) py = lesson_python ("cpu_bound.py", NULL);

  if (py == NULL)
    return;
  /* With the GIL, Python threads never use more than one core at once
   * (CPU seconds per wall second, which a busy machine does not inflate);
   * processes use two when two are free. */
  g_assert_cmpfloat (lesson_json_double (py, "thread_parallelism"), <, 1.3);
  g_assert_cmpfloat (threads->speedup, <, 1.3);
  if (!lesson_can_measure_speedup ())
    return;
  g_assert_cmpfloat (lesson_json_double (py, "process_parallelism"), >, 1.3);
  g_assert_cmpfloat (processes->speedup, >, 1.3);
}

/* A longer switch interval: fewer, longer turns. The same scenario with
 * the default interval hands over far more often. A turn ends only once
 * the other thread has waited a whole interval; a busy machine stretches
 * turns, never shortens them, so the short turns tell the intervals apart.
 * A waiter that gets no core cannot ask for the GIL at all, so on a busy
 * machine the pair of runs is tried up to three times. */
static gboolean
switch_interval_shows (void)
{
  const char *fast[] = { "Scenario:SwitchInterval=5ms", NULL };
  g_autoptr(IlvTrace) slow = lesson_run_with ("gil-switch-interval", NULL, ILV_STOP_FINISHED);
  g_autoptr(IlvTrace) quick = lesson_run_with ("gil-switch-interval", fast, ILV_STOP_FINISHED);
  g_autoptr(GArray) slow_holds = lesson_gil_holds (slow, 0);
  g_autoptr(GArray) quick_holds = lesson_gil_holds (quick, 0);
  double slow_q, quick_q;

  g_assert_cmpuint (lesson_group_concurrency (slow, "spinner", RUNNABLE), ==, 1);
  if (slow_holds->len < 4 || quick_holds->len < 4)
    {
      g_test_message ("too few hand-offs: %u and %u", slow_holds->len, quick_holds->len);
      return FALSE;
    }
  slow_q = lesson_quantile (slow_holds, 0.25);
  quick_q = lesson_quantile (quick_holds, 0.1);
  g_test_message ("20 ms: %u hand-offs, holds %.1f / %.1f ms (quartile, median); "
                  "5 ms: %u, %.1f / %.1f ms (tenth, median)", slow_holds->len, slow_q,
                  lesson_quantile (slow_holds, 0.5), quick_holds->len, quick_q,
                  lesson_quantile (quick_holds, 0.5));
  /* no turn is cut short of the interval */
  g_assert_cmpfloat (slow_q, >=, 15.0);
  return quick_holds->len > slow_holds->len && quick_q <= 0.6 * slow_q;
}

static void
test_gil_switch_interval (void)
{
  gboolean shows = FALSE;

  for (guint attempt = 0; attempt < 3 && !shows; attempt++)
    shows = switch_interval_shows ();
  g_assert_true (shows);
}

/* The I/O thread's life over the I/O and work it asked for. */
static double
convoy_slowdown (IlvTrace *trace)
{
  g_autoptr(GArray) lanes = lesson_group_lanes (trace, "io");
  guint lane = g_array_index (lanes, guint, 0);
  double life = lesson_group_ms (trace, "io", ~(LESSON_MASK (ILV_STATE_NOT_STARTED) |
                                                LESSON_MASK (ILV_STATE_DONE)));

  return life / (ilv_trace_lane_get_nominal_work (trace, lane) / 1e6);
}

static void
test_gil_convoy (void)
{
  IlvTrace *trace = lesson_run ("gil-convoy", ILV_STOP_FINISHED);
  double wait = lesson_group_share (trace, "io", LESSON_MASK (ILV_STATE_GIL_WAIT),
                                    ~(LESSON_MASK (ILV_STATE_NOT_STARTED) | LESSON_MASK (ILV_STATE_DONE)));

  g_test_message ("I/O thread: gil-wait share %.2f, slow-down %.2f", wait, convoy_slowdown (trace));
  g_assert_cmpfloat (wait, >, 0.25);
  g_assert_cmpfloat (convoy_slowdown (trace), >, 1.5);
}

static void
test_gil_convoy_python (void)
{
  IlvTrace *trace = lesson_run ("gil-convoy", ILV_STOP_FINISHED);
  g_autoptr(IlvJsonNode) py = lesson_python ("gil_convoy.py", NULL);

  if (py == NULL)
    return;
  g_assert_cmpfloat (lesson_json_double (py, "slowdown"), >, 1.5);
  g_assert_cmpfloat (convoy_slowdown (trace), >, 1.5);
}

/* More processes than cores: each spends much of its life runnable
 * without a core. */
static double
oversubscription_ready_share (IlvTrace *trace)
{
  return lesson_group_share (trace, "cruncher", LESSON_MASK (ILV_STATE_READY), RUNNABLE);
}

static void
test_oversubscription (void)
{
  IlvTrace *trace = lesson_run ("oversubscription", ILV_STOP_FINISHED);

  if (count_core_lanes (trace) == 0 || count_core_lanes (trace) >= 6)
    {
      g_test_skip ("needs the OS sampler and fewer than six cores");
      return;
    }
  g_test_message ("ready share %.2f on %u cores", oversubscription_ready_share (trace),
                  count_core_lanes (trace));
  g_assert_cmpuint (lesson_group_concurrency (trace, "cruncher", RUNNABLE), >=, 5);
  g_assert_cmpfloat (oversubscription_ready_share (trace), >, 0.3);
}

static void
test_oversubscription_python (void)
{
  IlvTrace *trace = lesson_run ("oversubscription", ILV_STOP_FINISHED);
  g_autoptr(IlvJsonNode) py = NULL;

  if (count_core_lanes (trace) == 0 || count_core_lanes (trace) >= 6)
    {
      g_test_skip ("needs the OS sampler and fewer than six cores");
      return;
    }
  if ((py = lesson_python ("oversubscription.py", NULL)) == NULL)
    return;
  g_assert_cmpfloat (lesson_json_double (py, "ready_share"), >, 0.3);
  g_assert_cmpfloat (oversubscription_ready_share (trace), >, 0.3);
}

/* The fastest start of a kind: what starting costs at the least, without
 * the waits for a core that a busy machine adds to the others. */
static double
fastest_start (IlvSummary    *summary,
               IlvWorkerKind  kind)
{
  double fastest = G_MAXDOUBLE;

  for (guint i = 0; i < summary->workers->len; i++)
    {
      const IlvWorkerSummary *w = &g_array_index (summary->workers, IlvWorkerSummary, i);

      if (w->kind == kind)
        fastest = MIN (fastest, w->start_cost_ms);
    }
  g_assert_cmpfloat (fastest, <, G_MAXDOUBLE);
  return MAX (fastest, 0.01);
}

/* Fastest process start over fastest thread start. On a busy machine a
 * thread may wait for a core before its first step, so the run is tried
 * up to three times and the clearest of them counts. */
static double
startup_ratio (void)
{
  double best = 0;

  for (guint attempt = 0; attempt < 3 && best <= 3; attempt++)
    {
      g_autoptr(IlvTrace) trace = lesson_run_with ("startup-cost", NULL, ILV_STOP_FINISHED);
      g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
      double thread = fastest_start (summary, ILV_WORKER_THREAD);
      double process = fastest_start (summary, ILV_WORKER_PROCESS);

      g_test_message ("fastest start: thread %.3f ms, process %.3f ms", thread, process);
      best = MAX (best, process / thread);
    }
  return best;
}

static void
test_startup_cost (void)
{
  g_assert_cmpfloat (startup_ratio (), >, 3);
}

static void
test_startup_cost_python (void)
{
  g_autoptr(IlvJsonNode) py = lesson_python ("startup_cost.py", NULL);

  if (py == NULL)
    return;
  g_assert_cmpfloat (lesson_json_double (py, "ratio"), >, 3);
  g_assert_cmpfloat (startup_ratio (), >, 3);
}

/* While the blocker computes, the ticker's sleeps are over but it cannot
 * run: its ticks show a gap as long as the computation. */
static double
longest_tick_gap (IlvTrace *trace)
{
  g_autoptr(GArray) ticks = lesson_mark_times (trace, "tick");
  double gap = 0;

  g_assert_cmpuint (ticks->len, ==, 20);
  for (guint i = 1; i < ticks->len; i++)
    gap = MAX (gap, g_array_index (ticks, double, i) - g_array_index (ticks, double, i - 1));
  return gap;
}

static void
test_async_blocking_compute (void)
{
  IlvTrace *trace = lesson_run ("async-blocking-compute", ILV_STOP_FINISHED);
  double compute = lesson_group_ms (trace, "blocker", RUNNABLE);

  g_test_message ("longest gap between ticks %.1f ms; compute %.1f ms", longest_tick_gap (trace), compute);
  g_assert_cmpfloat (compute, >=, 90);
  g_assert_cmpfloat (longest_tick_gap (trace), >=, 0.8 * compute);
  g_assert_cmpuint (ilv_test_max_concurrency (trace, RUNNABLE), ==, 1);
}

static void
test_async_blocking_compute_python (void)
{
  IlvTrace *trace = lesson_run ("async-blocking-compute", ILV_STOP_FINISHED);
  g_autoptr(IlvJsonNode) py = lesson_python ("async_blocking.py", NULL);

  if (py == NULL)
    return;
  g_assert_cmpfloat (lesson_json_double (py, "max_gap_s"), >=, 0.8 * lesson_json_double (py, "compute_s"));
  g_assert_cmpfloat (longest_tick_gap (trace), >=, 0.8 * lesson_group_ms (trace, "blocker", RUNNABLE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lessons/cpu-threads", test_cpu_threads);
  g_test_add_func ("/lessons/cpu-processes", test_cpu_processes);
  g_test_add_func ("/lessons/cpu-async", test_cpu_async);
  g_test_add_func ("/lessons/cpu-threads-nogil", test_cpu_threads_nogil);
  g_test_add_func ("/lessons/cpu-speedups", test_cpu_speedups);
  g_test_add_func ("/lessons/cpu-speedups/python", test_cpu_python);
  g_test_add_func ("/lessons/gil-switch-interval", test_gil_switch_interval);
  g_test_add_func ("/lessons/gil-convoy", test_gil_convoy);
  g_test_add_func ("/lessons/gil-convoy/python", test_gil_convoy_python);
  g_test_add_func ("/lessons/oversubscription", test_oversubscription);
  g_test_add_func ("/lessons/oversubscription/python", test_oversubscription_python);
  g_test_add_func ("/lessons/startup-cost", test_startup_cost);
  g_test_add_func ("/lessons/startup-cost/python", test_startup_cost_python);
  g_test_add_func ("/lessons/async-blocking-compute", test_async_blocking_compute);
  g_test_add_func ("/lessons/async-blocking-compute/python", test_async_blocking_compute_python);
  return g_test_run ();
}
