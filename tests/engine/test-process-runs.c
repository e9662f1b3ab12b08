/* test-process-runs.c: whole runs with process workers, as a lecture shows them
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ilv-engine-test.h"

static gint64
cpu_ns (int who)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (who, &usage), ==, 0);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_GINT64_CONSTANT (1000000000) +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * G_GINT64_CONSTANT (1000);
}

static gpointer
spin_cb (gpointer user_data)
{
  gint64 until = GPOINTER_TO_SIZE (user_data) + g_get_monotonic_time ();
  volatile guint64 n = 0;

  while (g_get_monotonic_time () < until)
    n++;
  return NULL;
}

/* CPU seconds per wall second that two free threads get right now: about
 * 2 on an idle machine with two cores, less when others are busy. */
static double
probe_parallelism (void)
{
  gint64 cpu = cpu_ns (RUSAGE_SELF);
  gint64 wall = g_get_monotonic_time ();
  GThread *a = g_thread_new ("spin", spin_cb, GSIZE_TO_POINTER (60000));
  GThread *b = g_thread_new ("spin", spin_cb, GSIZE_TO_POINTER (60000));

  g_thread_join (a);
  g_thread_join (b);
  return (double) (cpu_ns (RUSAGE_SELF) - cpu) / ((g_get_monotonic_time () - wall) * 1000.0);
}

/* CPU seconds per wall second of one run of `text`; children's CPU for
 * process workers, this process's for threads. */
static double
cpu_rate (const char *text,
          int         who,
          double     *overlap)
{
  gint64 cpu = cpu_ns (who);
  g_autoptr(IlvTrace) trace = ilv_test_run_text (text);
  double rate;

  rate = (double) (cpu_ns (who) - cpu) / (ilv_trace_get_end (trace) - ilv_trace_get_start (trace));
  g_test_message ("cpu %.1f ms over %.1f ms", (cpu_ns (who) - cpu) / 1e6,
                  (ilv_trace_get_end (trace) - ilv_trace_get_start (trace)) / 1e6);
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  *overlap = ilv_test_overlap_share (trace, ILV_TEST_RUNNING);
  return rate;
}

/* The same CPU-bound work in 2 GIL threads and in 2 processes: the
 * processes compute at the same time (each has its own GIL), the threads
 * take turns; with two free cores that is about twice the CPU per wall
 * second. Best of three rounds each, since the machine is shared. */
static void
test_cpu_bound_processes_vs_threads (void)
{
#define CPU_BOUND(KIND) \
    "[Scenario]\nName=CPU-bound\nGIL=true\n" \
    "[Workers w]\nKind=" KIND "\nCount=2\nProgram=repeat 8 { compute 10ms }\n"
  const char *threads_text = CPU_BOUND ("thread");
  const char *processes_text = CPU_BOUND ("process");
#undef CPU_BOUND
  double threads_rate = 0, processes_rate = 0, free_rate = 0;
  double threads_overlap = 0, processes_overlap = 0;
  double overlap;
  guint round;

  for (round = 0; round < 3; round++)
    {
      free_rate = MAX (free_rate, probe_parallelism ());
      threads_rate = MAX (threads_rate, cpu_rate (threads_text, RUSAGE_SELF, &overlap));
      threads_overlap = MAX (threads_overlap, overlap);
      processes_rate = MAX (processes_rate, cpu_rate (processes_text, RUSAGE_CHILDREN, &overlap));
      processes_overlap = MAX (processes_overlap, overlap);
    }
  g_test_message ("CPU per wall second: GIL threads %.2f, processes %.2f, free threads %.2f; "
                  "overlap: threads %.2f, processes %.2f", threads_rate, processes_rate,
                  free_rate, threads_overlap, processes_overlap);
  /* The GIL: threads never compute together. A GIL each: processes do
   * (a late start under load can only shorten that, not remove it). */
  g_assert_cmpfloat (threads_overlap, <, 0.05);
  g_assert_cmpfloat (processes_overlap, >, 0.5);

  if (ilv_test_n_cpus () < 2 || free_rate < 1.6)
    {
      g_test_message ("no two free cores (free threads got %.2f): the x2 is not checked", free_rate);
      return;
    }
  g_assert_cmpfloat (processes_rate, >, 1.3 * threads_rate);
}

static gint64
final_value (const char *program,
             const char *lock)
{
  g_autofree char *text = g_strdup_printf (
    "[Scenario]\nName=Shared value\nGIL=true\n"
    "[Value v]\nInitial=0\nLock=%s\n"
    "[Workers inc]\nKind=process\nCount=4\nProgram=%s\n", lock, program);
  g_autoptr(IlvTrace) trace = ilv_test_run_text (text);

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  ilv_test_assert_no_process_left (trace);
  return ilv_test_last_value (trace, ilv_test_find_resource (trace, "v"));
}

/* multiprocessing.Value without its lock loses updates; with it, none. */
static void
test_shared_value (void)
{
  gint64 unlocked = final_value ("repeat 200 { load v; add 1; compute 50us; store v }", "false");
  gint64 locked = final_value ("repeat 200 { with v { load v; add 1; compute 50us; store v } }", "true");

  g_test_message ("4 x 200 increments: %" G_GINT64_FORMAT " without the lock, %"
                  G_GINT64_FORMAT " with it", unlocked, locked);
  g_assert_cmpint (unlocked, <, 800);
  /* Not "at least one worker's 200": a late store can write back a value
   * read long before, undoing other workers' increments. */
  g_assert_cmpint (unlocked, >=, 1);
  g_assert_cmpint (locked, ==, 800);
}

/* Ping-pong over two pipes between two processes: every message arrives,
 * in order, and every flow has both ends. */
static void
test_pipe_ping_pong (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Ping-pong\nGIL=true\n"
    "[Pipe ping]\n[Pipe pong]\n"
    "[Workers a]\nKind=process\nProgram=repeat 25 { send ping; recv pong }\n"
    "[Workers b]\nKind=process\nProgram=repeat 25 { recv ping; compute 100us; send pong }\n");
  gint a = ilv_test_find_lane (trace, "a");
  gint b = ilv_test_find_lane (trace, "b");
  gint ping = ilv_test_find_resource (trace, "ping");
  gint pong = ilv_test_find_resource (trace, "pong");
  const IlvFlow *flows = ilv_trace_get_flows (trace);
  gint64 last_to[2] = { 0, 0 };
  guint n[2] = { 0, 0 };
  gsize i;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  for (i = 0; i < ilv_trace_get_n_flows (trace); i++)
    {
      const IlvFlow *flow = &flows[i];
      guint which = flow->resource == ping ? 0 : 1;

      if (flow->kind != ILV_FLOW_PIPE)
        continue;
      g_assert_true (flow->resource == ping || flow->resource == pong);
      g_assert_cmpuint (flow->from_lane, ==, which == 0 ? a : b);
      g_assert_cmpuint (flow->to_lane, ==, which == 0 ? b : a);
      g_assert_cmpint (flow->from_time, >, 0);
      g_assert_cmpint (flow->to_time, >=, flow->from_time);
      g_assert_cmpint (flow->to_time, >, last_to[which]);  /* in order */
      last_to[which] = flow->to_time;
      n[which]++;
    }
  g_assert_cmpuint (n[0], ==, 25);
  g_assert_cmpuint (n[1], ==, 25);
}

/* Pool.map over processes: every task once, a chunk on one worker in one
 * go, and each worker's tasks in ascending order. */
static void
test_process_pool_chunks (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Pool\nGIL=true\n"
    "[Pool map]\nKind=process\nWorkers=3\nTasks=20\nChunksize=3\nProgram=compute 1ms\n");
  const IlvTask *tasks = ilv_trace_get_tasks (trace);
  gsize n = ilv_trace_get_n_tasks (trace);
  const IlvTask *by_index[20] = { NULL };
  GHashTable *lanes = g_hash_table_new (NULL, NULL);
  gsize i;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpuint (n, ==, 20);
  for (i = 0; i < n; i++)
    {
      g_assert_cmpint (tasks[i].index, >=, 0);
      g_assert_cmpint (tasks[i].index, <, 20);
      g_assert_null (by_index[tasks[i].index]);
      by_index[tasks[i].index] = &tasks[i];
      g_hash_table_add (lanes, GUINT_TO_POINTER (tasks[i].lane));
      g_assert_cmpint (tasks[i].end, >=, tasks[i].start);
    }
  for (i = 1; i < 20; i++)
    if (i % 3 != 0)
      {
        /* Same chunk: same worker, right after the task before. */
        g_assert_cmpuint (by_index[i]->lane, ==, by_index[i - 1]->lane);
        g_assert_cmpint (by_index[i]->start, >=, by_index[i - 1]->end);
      }
  /* Chunks are handed out in order: a later chunk never starts first. */
  for (i = 3; i < 20; i += 3)
    g_assert_cmpint (by_index[i]->start, >=, by_index[0]->start);
  g_assert_cmpuint (g_hash_table_size (lanes), >=, 1);
  g_assert_cmpuint (g_hash_table_size (lanes), <=, 3);
  g_hash_table_unref (lanes);
  ilv_test_assert_no_process_left (trace);
}

/* Every way to crash, before the first mark and after many: the run goes
 * on, each lane says how it died, and what it sent before is kept. */
static void
test_crash_matrix (void)
{
  static const struct { const char *name; const char *step; gint status; } crashes[] = {
    { "segv", "crash segv", 256 + SIGSEGV },
    { "abort", "crash abort", 256 + SIGABRT },
    { "fpe", "crash fpe", 256 + SIGFPE },
    { "kill", "crash kill", 256 + SIGKILL },
    { "exit", "crash exit 3", 3 },
  };
  g_autoptr(GString) text = g_string_new ("[Scenario]\nName=Crash matrix\nGIL=true\n");
  g_autoptr(IlvTrace) trace = NULL;
  guint before = ilv_test_count_fds ();
  guint c;

  for (c = 0; c < G_N_ELEMENTS (crashes); c++)
    g_string_append_printf (text,
                            "[Workers early_%s]\nKind=process\nProgram=%s; mark \"never\"\n"
                            "[Workers late_%s]\nKind=process\nProgram=repeat 150 { mark \"m\" }; %s; mark \"never\"\n",
                            crashes[c].name, crashes[c].step, crashes[c].name, crashes[c].step);
  g_string_append (text, "[Workers survivor]\nKind=process\nProgram=sleep 30ms; mark \"alive\"\n");

  trace = ilv_test_run_text (text->str);
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  for (c = 0; c < G_N_ELEMENTS (crashes); c++)
    {
      g_autofree char *early = g_strdup_printf ("early_%s", crashes[c].name);
      g_autofree char *late = g_strdup_printf ("late_%s", crashes[c].name);
      gint early_lane = ilv_test_find_lane (trace, early);
      gint late_lane = ilv_test_find_lane (trace, late);
      guint marks = 0;
      gsize m;
      IlvSpan span;

      g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, early_lane), ==, crashes[c].status);
      g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, late_lane), ==, crashes[c].status);
      ilv_trace_lane_get_span (trace, late_lane, ilv_trace_lane_get_n_spans (trace, late_lane) - 1, &span);
      /* Killed by a signal: crashed. Exiting with a code is an end. */
      if (crashes[c].status >= 256)
        g_assert_cmpint (span.state, ==, ILV_STATE_CRASHED);
      for (m = 0; m < ilv_trace_get_n_marks (trace); m++)
        {
          const IlvMark *mark = &ilv_trace_get_marks (trace)[m];

          g_assert_cmpstr (mark->text, !=, "never");
          marks += mark->lane == (guint) late_lane;
          g_assert_cmpuint (mark->lane, !=, early_lane);
        }
      g_assert_cmpuint (marks, ==, 150);
      g_assert_cmpint (ilv_trace_lane_get_start_cost (trace, early_lane), >, 0);
    }
  g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, ilv_test_find_lane (trace, "survivor")), ==, 0);
  ilv_test_assert_no_process_left (trace);
  g_clear_pointer (&trace, ilv_trace_unref);
  ilv_test_assert_fds_back (before);
}

static void
finished_cb (IlvRun   *run,
             gboolean *done)
{
  *done = TRUE;
}

/* Runs `text` until its workers started, stops it, and returns the trace
 * and how long the stop took. */
static IlvTrace *
run_and_stop (const char *text,
              gint64     *stop_us)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (text);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(IlvRun) run = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  gint64 start, deadline;
  IlvTrace *trace;
  gint spin, nap;

  g_main_context_push_thread_default (context);
  run = ilv_run_new (scenario);
  trace = ilv_run_get_trace (run);
  g_signal_connect (run, "finished", G_CALLBACK (finished_cb), &done);
  g_assert_true (ilv_run_start (run, &error));
  g_assert_no_error (error);

  /* Until both workers have shown their first step. */
  spin = ilv_test_find_lane (trace, "spin");
  nap = ilv_test_find_lane (trace, "nap");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline &&
         (ilv_trace_lane_get_start_cost (trace, spin) <= 0 ||
          ilv_trace_lane_get_start_cost (trace, nap) <= 0))
    {
      g_main_context_iteration (context, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpint (ilv_trace_lane_get_start_cost (trace, spin), >, 0);

  start = g_get_monotonic_time ();
  ilv_run_stop (run);
  while (!done)
    g_main_context_iteration (context, TRUE);
  *stop_us = g_get_monotonic_time () - start;
  g_main_context_pop_thread_default (context);
  return ilv_trace_ref (trace);
}

static const char *endless_text =
  "[Scenario]\nName=Endless\nGIL=true\n"
  "[Workers spin]\nKind=process\nProgram=forever { compute 2ms; sleep 1ms }\n"
  "[Workers nap]\nKind=process\nProgram=forever { sleep 2ms }\n";

/* Stop ends an endless process run within the grace and a second, and
 * leaves no process behind. */
static void
test_stop_endless (void)
{
  guint before = ilv_test_count_fds ();
  g_autoptr(IlvTrace) trace = NULL;
  gint64 stop_us;

  trace = run_and_stop (endless_text, &stop_us);
  g_test_message ("stopped in %.1f ms", stop_us / 1000.0);
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_STOPPED);
  g_assert_cmpint (stop_us, <, 1300 * 1000);
  ilv_test_assert_no_process_left (trace);
  g_clear_pointer (&trace, ilv_trace_unref);
  ilv_test_assert_fds_back (before);
}

/* The same when the workers ignore SIGTERM: SIGKILL follows the grace.
 * In a subprocess, where ILV_WORKER_PATH is set before any thread exists,
 * pointing at a wrapper that ignores SIGTERM and runs the real worker. */
static void
test_stop_ignoring_sigterm (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *worker = g_build_filename (dir, "..", "..", "src", "worker", "interleave-worker", NULL);
      g_autofree char *tmp = g_dir_make_tmp ("ilv-test-XXXXXX", NULL);
      g_autofree char *wrapper = g_build_filename (tmp, "worker.sh", NULL);
      g_autofree char *script = g_strdup_printf ("#!/bin/sh\ntrap '' TERM\nexec '%s' \"$@\"\n", worker);
      g_autoptr(IlvTrace) trace = NULL;
      gint64 stop_us;

      g_assert_true (g_file_set_contents (wrapper, script, -1, NULL));
      g_assert_cmpint (g_chmod (wrapper, 0755), ==, 0);
      g_setenv ("ILV_WORKER_PATH", wrapper, TRUE);

      trace = run_and_stop (endless_text, &stop_us);
      g_unlink (wrapper);
      g_rmdir (tmp);
      g_test_message ("stopped in %.1f ms", stop_us / 1000.0);
      g_assert_cmpint (stop_us, >=, 250 * 1000);
      g_assert_cmpint (stop_us, <, 1300 * 1000);
      g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, ilv_test_find_lane (trace, "spin")),
                       ==, 256 + SIGKILL);
      ilv_test_assert_no_process_left (trace);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Starting a process costs more than starting a thread, and it shows.
 * The fastest start of each kind over a few runs: a busy machine delays
 * single starts of either kind, not the best of several. */
static void
test_start_cost (void)
{
  gint64 thread_best = G_MAXINT64, process_best = G_MAXINT64;
  guint run, i;

  for (run = 0; run < 3; run++)
    {
      g_autoptr(IlvTrace) trace = ilv_test_run_text (
        "[Scenario]\nName=Start cost\nGIL=true\n"
        "[Workers t]\nKind=thread\nCount=3\nProgram=compute 1ms\n"
        "[Workers p]\nKind=process\nCount=3\nProgram=compute 1ms\n");

      for (i = 1; i <= 3; i++)
        {
          g_autofree char *t = g_strdup_printf ("t#%u", i);
          g_autofree char *p = g_strdup_printf ("p#%u", i);
          gint64 tc = ilv_trace_lane_get_start_cost (trace, ilv_test_find_lane (trace, t));
          gint64 pc = ilv_trace_lane_get_start_cost (trace, ilv_test_find_lane (trace, p));

          g_assert_cmpint (tc, >=, 0);
          g_assert_cmpint (pc, >, 0);
          thread_best = MIN (thread_best, tc);
          process_best = MIN (process_best, pc);
        }
    }
  g_test_message ("fastest start: thread %.1f us, process %.1f us",
                  thread_best / 1000.0, process_best / 1000.0);
  g_assert_cmpint (process_best, >, thread_best);
}

/* The sampler follows process workers too: the core lanes show them. */
static void
test_core_lanes (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Cores\nGIL=true\n"
    "[Workers w]\nKind=process\nCount=2\nProgram=repeat 6 { compute 10ms }\n");
  gint w1 = ilv_test_find_lane (trace, "w#1");
  gint w2 = ilv_test_find_lane (trace, "w#2");
  gint64 on_core[2] = { 0, 0 };
  guint n_core_lanes = 0;
  guint lane;

  for (lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    {
      gsize i;

      if (ilv_trace_get_lane (trace, lane)->kind != ILV_LANE_CORE)
        continue;
      n_core_lanes++;
      for (i = 0; i < ilv_trace_lane_get_n_spans (trace, lane); i++)
        {
          IlvSpan span;

          ilv_trace_lane_get_span (trace, lane, i, &span);
          if (span.state == ILV_STATE_RUNNING && (span.resource == w1 || span.resource == w2))
            on_core[span.resource == w1 ? 0 : 1] += span.end - span.start;
        }
    }
  if (n_core_lanes == 0)
    {
      g_test_skip ("no /proc sampling here: no core lanes");
      return;
    }
  g_test_message ("on a core: w#1 %.1f ms, w#2 %.1f ms", on_core[0] / 1e6, on_core[1] / 1e6);
  /* 60 ms of computing each: a good part of it is seen on a core. */
  g_assert_cmpint (on_core[0], >, 10 * 1000000);
  g_assert_cmpint (on_core[1], >, 10 * 1000000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/process-runs/cpu-bound", test_cpu_bound_processes_vs_threads);
  g_test_add_func ("/process-runs/shared-value", test_shared_value);
  g_test_add_func ("/process-runs/pipe-ping-pong", test_pipe_ping_pong);
  g_test_add_func ("/process-runs/pool-chunks", test_process_pool_chunks);
  g_test_add_func ("/process-runs/crash-matrix", test_crash_matrix);
  g_test_add_func ("/process-runs/stop-endless", test_stop_endless);
  g_test_add_func ("/process-runs/stop-ignoring-sigterm", test_stop_ignoring_sigterm);
  g_test_add_func ("/process-runs/start-cost", test_start_cost);
  g_test_add_func ("/process-runs/core-lanes", test_core_lanes);

  return g_test_run ();
}
