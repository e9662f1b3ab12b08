/* test-processes.c: a run with process workers: shared memory, crashes, terminate
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "ilv-engine-test.h"

/* Two processes share a Value through shared memory and lose an update.
 * StartAt lines them up whatever each one's start cost. */
static void
test_process_race (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Process race\nGIL=true\n"
    "[Value v]\nInitial=0\n"
    "[Workers inc]\nKind=process\nCount=2\nStartAt=150ms\n"
    "Program=load v; add 1; sleep 20ms; store v; mark \"stored\"\n");
  gint lane1 = ilv_test_find_lane (trace, "inc#1");
  gint lane2 = ilv_test_find_lane (trace, "inc#2");
  const IlvLaneInfo *info1, *info2;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpuint (ilv_trace_get_n_marks (trace), ==, 2);
  /* Both read before either wrote, unless one child needed more than the
   * StartAt to start: then there was no race to lose. */
  if (ilv_test_overlap_time (trace, 1u << ILV_STATE_SLEEP) == 0)
    {
      g_test_skip ("a process worker started too late for the race");
      return;
    }
  g_assert_cmpint (ilv_test_last_value (trace, ilv_test_find_resource (trace, "v")), ==, 1);

  info1 = ilv_trace_get_lane (trace, lane1);
  info2 = ilv_trace_get_lane (trace, lane2);
  g_assert_cmpuint (info1->process, !=, 0);
  g_assert_cmpuint (info1->process, !=, info2->process);
  g_assert_cmpint (ilv_trace_get_process (trace, info1->process)->pid, >, 0);
  g_assert_cmpint (ilv_trace_get_process (trace, info1->process)->pid, !=, getpid ());
  g_assert_cmpint (ilv_test_state_time (trace, lane1, ILV_STATE_SLEEP), >=, 20000000);
  /* each has a GIL of its own: both may run, so only one per process */
  g_assert_cmpint (ilv_test_max_overlap (trace, info1->process, ILV_TEST_RUNNING), ==, 0);
}

/* A crashing process is shown crashed; the rest of the run goes on. */
static void
test_process_crash (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Crash\nGIL=true\n"
    "[Workers crasher]\nKind=process\nProgram=compute 2ms; crash\n"
    "[Workers survivor]\nKind=thread\nProgram=sleep 40ms; mark \"survived\"\n");
  gint crasher = ilv_test_find_lane (trace, "crasher");
  IlvSpan span;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, crasher), ==, 256 + SIGSEGV);
  ilv_trace_lane_get_span (trace, crasher, ilv_trace_lane_get_n_spans (trace, crasher) - 1, &span);
  g_assert_cmpint (span.state, ==, ILV_STATE_CRASHED);
  g_assert_cmpuint (ilv_trace_get_n_marks (trace), ==, 1);
  g_assert_cmpstr (ilv_trace_get_marks (trace)[0].text, ==, "survived");
}

/* terminate() on a lock holder leaves the lock held: the waiter is stuck,
 * and the run says so. */
static void
test_terminated_holder_keeps_lock (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Terminate\nGIL=true\n"
    "[Lock l]\n"
    "[Workers holder]\nKind=process\nTerminateAt=400ms\nProgram=acquire l; mark \"holding\"; sleep 10s\n"
    "[Workers waiter]\nKind=thread\nProgram=sleep 300ms; acquire l\n");
  const char *message = ilv_trace_get_stop_message (trace);
  const IlvMark *marks = ilv_trace_get_marks (trace);
  gint waiter = ilv_test_find_lane (trace, "waiter");

  /* A machine so busy that the child needed 300 ms to take the lock
   * shows something else: the waiter got the lock first. */
  if (ilv_trace_get_n_marks (trace) == 0 ||
      marks[0].time > ilv_trace_get_start (trace) + 300 * G_GINT64_CONSTANT (1000000))
    {
      g_test_skip ("the process worker started too late to hold the lock first");
      return;
    }

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_DEADLOCK);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "no progress"));
  g_assert_nonnull (strstr (message, "waiter waits for l, held by holder"));
  g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, ilv_test_find_lane (trace, "holder")),
                   ==, 256 + SIGTERM);
  g_assert_cmpint (ilv_test_state_time (trace, waiter, ILV_STATE_LOCK_WAIT), >, 0);
}

/* A process pool runs every task exactly once across its processes. */
static void
test_process_pool (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Pool\nGIL=true\n"
    "[Pool work]\nKind=process\nWorkers=2\nTasks=9\nChunksize=2\nProgram=compute 2ms\n");
  const IlvTask *tasks = ilv_trace_get_tasks (trace);
  guint seen[9] = { 0 };

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpuint (ilv_trace_get_n_tasks (trace), ==, 9);
  for (gsize i = 0; i < 9; i++)
    seen[tasks[i].index]++;
  for (guint i = 0; i < 9; i++)
    g_assert_cmpuint (seen[i], ==, 1);
}

/* A worker that cannot start is a clear error; what did start is stopped. */
static void
test_start_failure (void)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (
    "[Scenario]\nName=Missing worker\nGIL=true\n"
    "[Workers spin]\nKind=thread\nCount=2\nProgram=forever { compute 1ms }\n"
    "[Workers child]\nKind=process\nProgram=compute 1ms\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("ILV_WORKER_PATH"));
  guint before = ilv_test_count_threads ();
  IlvTrace *trace;

  g_setenv ("ILV_WORKER_PATH", "/nonexistent/interleave-worker", TRUE);
  trace = ilv_run_scenario_sync (scenario, &error);
  if (saved != NULL)
    g_setenv ("ILV_WORKER_PATH", saved, TRUE);
  else
    g_unsetenv ("ILV_WORKER_PATH");

  g_assert_null (trace);
  g_assert_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_START);
  g_assert_nonnull (strstr (error->message, "child"));
  g_assert_cmpuint (ilv_test_count_threads (), ==, before);
}

static void
finished_cb (IlvRun   *run,
             gboolean *done)
{
  *done = TRUE;
}

/* Stop ends endless process workers too, and reaps them. */
static void
test_stop_reaps_children (void)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (
    "[Scenario]\nName=Endless\nGIL=true\n"
    "[Workers spin]\nKind=process\nCount=2\nProgram=forever { compute 5ms }\n"
    "[Workers nap]\nKind=process\nProgram=forever { sleep 5ms }\n");
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(IlvRun) run = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  gint64 deadline;
  IlvTrace *trace;

  g_main_context_push_thread_default (context);
  run = ilv_run_new (scenario);
  g_signal_connect (run, "finished", G_CALLBACK (finished_cb), &done);
  g_assert_true (ilv_run_start (run, &error));
  g_assert_no_error (error);
  deadline = ilv_now_ns () + 150 * G_GINT64_CONSTANT (1000000);
  while (ilv_now_ns () < deadline)
    g_main_context_iteration (context, TRUE);

  ilv_run_stop (run);
  while (!done)
    g_main_context_iteration (context, TRUE);

  trace = ilv_run_get_trace (run);
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_STOPPED);
  for (guint p = 1; p < ilv_trace_get_n_processes (trace); p++)
    {
      gint64 pid = ilv_trace_get_process (trace, p)->pid;

      g_assert_cmpint (pid, >, 0);
      g_assert_cmpint (kill ((pid_t) pid, 0), ==, -1);
      g_assert_cmpint (errno, ==, ESRCH);
    }
  g_clear_object (&run);
  g_main_context_pop_thread_default (context);
}

static IlvSpan
last_span (IlvTrace *trace,
           guint     lane)
{
  IlvSpan span;

  ilv_trace_lane_get_span (trace, lane, ilv_trace_lane_get_n_spans (trace, lane) - 1, &span);
  return span;
}

/* A process that exits with a nonzero status is a crash, not a finish. */
static void
test_exit_status_is_crash (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Exit 3\nGIL=true\n"
    "[Workers quitter]\nKind=process\nProgram=compute 1ms; crash exit 3\n"
    "[Workers fine]\nKind=process\nProgram=compute 1ms\n");
  gint quitter = ilv_test_find_lane (trace, "quitter");
  gint fine = ilv_test_find_lane (trace, "fine");
  const char *message = ilv_trace_get_stop_message (trace);

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpint (last_span (trace, quitter).state, ==, ILV_STATE_CRASHED);
  g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, quitter), ==, 3);
  g_assert_cmpint (last_span (trace, fine).state, ==, ILV_STATE_DONE);
  g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, fine), ==, 0);
  /* It did start: its lane says all, the end message need not. */
  g_assert_true (message == NULL || strstr (message, "quitter") == NULL);
}

/* Runs `text` with `worker` standing in for interleave-worker. */
static IlvTrace *
run_with_worker (const char *text,
                 const char *worker)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (text);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("ILV_WORKER_PATH"));
  IlvTrace *trace;

  g_setenv ("ILV_WORKER_PATH", worker, TRUE);
  trace = ilv_run_scenario_sync (scenario, &error);
  if (saved != NULL)
    g_setenv ("ILV_WORKER_PATH", saved, TRUE);
  else
    g_unsetenv ("ILV_WORKER_PATH");
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return trace;
}

static const char *
lane_mark (IlvTrace *trace,
           guint     lane)
{
  const IlvMark *marks = ilv_trace_get_marks (trace);

  for (gsize i = 0; i < ilv_trace_get_n_marks (trace); i++)
    if (marks[i].lane == lane)
      return marks[i].text;
  return NULL;
}

#define FAILING_CHILD \
  "[Scenario]\nName=Failing child\nGIL=true\n" \
  "[Workers fine]\nKind=thread\nProgram=sleep 5ms\n" \
  "[Workers child]\nKind=process\nProgram=compute 1ms\n"

/* A child that fails before its first step is crashed, and the run's end
 * message and a mark on its lane name it and its exit status. */
static void
test_failed_before_start (void)
{
  g_autoptr(IlvTrace) trace = run_with_worker (FAILING_CHILD, "/bin/false");
  gint child = ilv_test_find_lane (trace, "child");
  const char *message = ilv_trace_get_stop_message (trace);

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpint (last_span (trace, child).state, ==, ILV_STATE_CRASHED);
  g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, child), ==, 1);
  g_assert_cmpint (last_span (trace, ilv_test_find_lane (trace, "fine")).state, ==, ILV_STATE_DONE);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "child exited with status 1 before its first step"));
  g_assert_nonnull (lane_mark (trace, child));
  g_assert_nonnull (strstr (lane_mark (trace, child), "status 1"));
}

/* A child whose event stream is garbage is cut off, and why reaches the
 * run's end message. */
static void
test_bad_stream_reason (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ilv-test-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (dir, "garbage-worker", NULL);
  g_autoptr(IlvTrace) trace = NULL;
  const char *message;
  gint child;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (script,
    "#!/bin/sh\n"
    "for a; do case $a in --events-fd=*) fd=${a#--events-fd=};; esac; done\n"
    "eval \"echo this-is-not-an-event-batch-at-all >&$fd\"\n"
    "exec sleep 5\n", -1, NULL));
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);

  trace = run_with_worker (FAILING_CHILD, script);
  child = ilv_test_find_lane (trace, "child");
  message = ilv_trace_get_stop_message (trace);
  g_unlink (script);
  g_rmdir (dir);

  g_assert_cmpint (last_span (trace, child).state, ==, ILV_STATE_CRASHED);
  g_assert_cmpint (ilv_trace_lane_get_exit_status (trace, child), ==, 256 + SIGKILL);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "child"));
  g_assert_nonnull (strstr (message, "event stream"));
}

/* StartAt is a wait the scenario asked for: the start cost leaves it out,
 * for thread, process and async workers alike. */
static void
test_start_cost_excludes_start_at (void)
{
  const gint64 start_at = 300 * G_GINT64_CONSTANT (1000000);
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Late starters\nGIL=true\n"
    "[Workers t]\nKind=thread\nStartAt=300ms\nProgram=compute 1ms\n"
    "[Workers p]\nKind=process\nStartAt=300ms\nProgram=compute 1ms\n"
    "[Workers a]\nKind=async\nStartAt=300ms\nProgram=sleep 1ms\n");
  const char *names[] = { "t", "p", "a" };

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gint lane = ilv_test_find_lane (trace, names[i]);
      gint64 cost = ilv_trace_lane_get_start_cost (trace, lane);
      IlvSpan first;

      ilv_trace_lane_get_span (trace, lane, 0, &first);
      g_test_message ("%s: start cost %" G_GINT64_FORMAT " ns", names[i], cost);
      /* It did wait for its StartAt... */
      g_assert_cmpint (first.state, ==, ILV_STATE_NOT_STARTED);
      g_assert_cmpint (first.end - ilv_trace_get_start (trace), >=, start_at);
      /* ...and a start costs a small share of that wait (with the wait
       * counted in, it was more than all of it). */
      g_assert_cmpint (cost, >=, 0);
      g_assert_cmpint (cost, <, start_at / 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/processes/race", test_process_race);
  g_test_add_func ("/processes/crash", test_process_crash);
  g_test_add_func ("/processes/terminate-keeps-lock", test_terminated_holder_keeps_lock);
  g_test_add_func ("/processes/pool", test_process_pool);
  g_test_add_func ("/processes/stop-reaps", test_stop_reaps_children);
  g_test_add_func ("/processes/start-failure", test_start_failure);
  g_test_add_func ("/processes/exit-status-is-crash", test_exit_status_is_crash);
  g_test_add_func ("/processes/failed-before-start", test_failed_before_start);
  g_test_add_func ("/processes/bad-stream-reason", test_bad_stream_reason);
  g_test_add_func ("/processes/start-cost-excludes-start-at", test_start_cost_excludes_start_at);

  return g_test_run ();
}
