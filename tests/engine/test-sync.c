/* test-sync.c: queues, barriers, deadlocks and stop, on real threads
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-engine-test.h"

#define MS G_GINT64_CONSTANT (1000000)

/* A bounded queue never holds more than its capacity, and join returns
 * only after the last task_done. */
static void
test_queue_capacity_and_join (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Queue\nGIL=true\n"
    "[Queue jobs]\nCapacity=2\n"
    "[Workers producer]\nKind=thread\nProgram=repeat 12 { put jobs }; join jobs; mark \"joined\"\n"
    "[Workers consumer]\nKind=thread\nCount=2\n"
    "Program=repeat 6 { get jobs; sleep 3ms; task_done jobs; mark \"done\" }\n");
  gint jobs = ilv_test_find_resource (trace, "jobs");
  gint64 first_done, last_done, joined;
  gint producer = ilv_test_find_lane (trace, "producer");

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpint (ilv_test_max_value (trace, jobs), ==, 2);
  g_assert_cmpint (ilv_test_last_value (trace, jobs), ==, 0);

  /* the producer waited on the full queue */
  g_assert_cmpint (ilv_test_state_time (trace, producer, ILV_STATE_QUEUE_WAIT), >, 0);

  g_assert_cmpuint (ilv_test_collect_marks (trace, "done", &first_done, &last_done), ==, 12);
  g_assert_cmpuint (ilv_test_collect_marks (trace, "joined", &joined, NULL), ==, 1);
  g_assert_cmpint (joined, >=, last_done);
}

/* Every party leaves a barrier together, however spread their arrivals. */
static void
test_barrier_releases_together (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Barrier\nGIL=true\n"
    "[Barrier start]\nParties=3\n"
    "[Workers early]\nKind=thread\nProgram=sleep 1ms; wait start; mark \"left\"\n"
    "[Workers middle]\nKind=thread\nProgram=sleep 50ms; wait start; mark \"left\"\n"
    "[Workers late]\nKind=thread\nProgram=sleep 100ms; wait start; mark \"left\"\n");
  gint64 first_left, last_left, first_arrival = G_MAXINT64, last_arrival = 0;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  for (guint lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    {
      if (ilv_trace_get_lane (trace, lane)->kind != ILV_LANE_WORKER)
        continue;
      for (gsize i = 0; i < ilv_trace_lane_get_n_spans (trace, lane); i++)
        {
          IlvSpan span;

          ilv_trace_lane_get_span (trace, lane, i, &span);
          if (span.state == ILV_STATE_SLEEP)
            {
              first_arrival = MIN (first_arrival, span.end);
              last_arrival = MAX (last_arrival, span.end);
            }
        }
    }

  g_assert_cmpuint (ilv_test_collect_marks (trace, "left", &first_left, &last_left), ==, 3);
  g_assert_cmpint (first_left, >=, last_arrival);
  g_test_message ("arrivals spread %.1f ms, departures %.2f ms",
                  (last_arrival - first_arrival) / 1e6, (last_left - first_left) / 1e6);
  g_assert_cmpint ((last_left - first_left) * 4, <, last_arrival - first_arrival);
}

/* When the last worker started to wait for a lock. */
static gint64
last_block_start (IlvTrace *trace)
{
  gint64 last = 0;

  for (guint lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    for (gsize i = 0; i < ilv_trace_lane_get_n_spans (trace, lane); i++)
      {
        IlvSpan span;

        ilv_trace_lane_get_span (trace, lane, i, &span);
        if (span.state == ILV_STATE_LOCK_WAIT)
          last = MAX (last, span.start);
      }
  g_assert_cmpint (last, >, 0);
  return last;
}

/* Two workers take two locks in opposite order: found, named, stopped. */
static void
test_deadlock_detected (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Deadlock\nGIL=true\n"
    "[Lock lock_a]\n[Lock lock_b]\n[Barrier both]\nParties=2\n"
    "[Workers alice]\nKind=thread\nProgram=acquire lock_a; wait both; acquire lock_b; release lock_b; release lock_a\n"
    "[Workers bob]\nKind=thread\nProgram=acquire lock_b; wait both; acquire lock_a; release lock_a; release lock_b\n");
  const char *message = ilv_trace_get_stop_message (trace);

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_DEADLOCK);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "deadlock"));
  g_assert_nonnull (strstr (message, "alice holds lock_a and waits for lock_b"));
  g_assert_nonnull (strstr (message, "bob holds lock_b and waits for lock_a"));
  /* found and stopped within a second of the second worker blocking */
  g_assert_cmpint (ilv_trace_get_end (trace) - last_block_start (trace), <, 1000 * MS);
}

/* A worker still to start may fill the queue: waiting for it is no deadlock. */
static void
test_pending_start_is_progress (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Late producer\nGIL=true\n"
    "[Queue q]\n"
    "[Workers consumer]\nKind=thread\nProgram=get q\n"
    "[Workers producer]\nKind=thread\nStartAt=400ms\nProgram=put q\n");

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpint (ilv_test_state_time (trace, ilv_test_find_lane (trace, "consumer"),
                                        ILV_STATE_QUEUE_WAIT), >=, 350 * MS);
}

/* Nobody will ever fill the queue: no cycle, but no progress either. */
static void
test_no_progress_detected (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Starved\nGIL=false\n"
    "[Queue inbox]\n"
    "[Workers reader]\nKind=thread\nProgram=compute 2ms; get inbox\n");
  const char *message = ilv_trace_get_stop_message (trace);

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_DEADLOCK);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "no progress"));
  g_assert_nonnull (strstr (message, "reader waits for inbox"));
}

/* Daemons are stopped once every other worker is done: a finished run. */
static void
test_daemon_stopped_at_end (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Daemon\nGIL=true\n"
    "[Queue logs]\n"
    "[Workers logger]\nKind=thread\nDaemon=true\nProgram=forever { get logs; task_done logs }\n"
    "[Workers ticker]\nKind=thread\nDaemon=true\nProgram=forever { compute 1ms; sleep 2ms }\n"
    "[Workers app]\nKind=thread\nProgram=repeat 5 { put logs; sleep 5ms }; join logs\n");
  gint logger = ilv_test_find_lane (trace, "logger");
  IlvSpan span;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_true (ilv_trace_get_lane (trace, logger)->daemon);
  ilv_trace_lane_get_span (trace, logger, ilv_trace_lane_get_n_spans (trace, logger) - 1, &span);
  g_assert_cmpint (span.state, ==, ILV_STATE_DONE);
  g_assert_cmpint (ilv_test_last_value (trace, ilv_test_find_resource (trace, "logs")), ==, 0);
}

/* The scenario's Timeout ends an endless run. */
static void
test_timeout (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Timeout\nGIL=true\nTimeout=150ms\n"
    "[Workers spin]\nKind=thread\nProgram=forever { compute 2ms; sleep 1ms }\n");

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_TIMEOUT);
  g_assert_cmpint (ilv_trace_get_end (trace) - ilv_trace_get_start (trace), >=, 150 * MS);
}

static void
finished_cb (IlvRun   *run,
             gboolean *done)
{
  *done = TRUE;
}

/* Stop ends an endless run promptly and leaves no thread behind. */
static void
test_stop_endless_run (void)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (
    "[Scenario]\nName=Endless\nGIL=true\n"
    "[Lock l]\n[Queue q]\n[Event never]\n"
    "[Workers spin]\nKind=thread\nCount=2\nProgram=forever { compute 5ms }\n"
    "[Workers nap]\nKind=thread\nProgram=forever { sleep 7ms }\n"
    "[Workers hold]\nKind=thread\nProgram=acquire l; forever { sleep 3ms }\n"
    "[Workers blocked]\nKind=thread\nProgram=sleep 1ms; acquire l\n"
    "[Workers waiter]\nKind=thread\nProgram=wait never\n"
    "[Workers tasks]\nKind=async\nCount=3\nProgram=forever { get q }\n");
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(IlvRun) run = NULL;
  g_autoptr(GError) error = NULL;
  guint threads_before = ilv_test_count_threads ();
  gboolean done = FALSE;
  gint64 deadline, stop_at;

  g_main_context_push_thread_default (context);
  run = ilv_run_new (scenario);
  g_signal_connect (run, "finished", G_CALLBACK (finished_cb), &done);
  g_assert_true (ilv_run_start (run, &error));
  g_assert_no_error (error);

  deadline = ilv_now_ns () + 150 * MS;
  while (ilv_now_ns () < deadline)
    g_main_context_iteration (context, TRUE);
  g_assert_false (done);
  g_assert_cmpuint (ilv_test_count_threads (), >, threads_before + 5);

  stop_at = ilv_now_ns ();
  ilv_run_stop (run);
  ilv_run_stop (run);
  while (!done)
    g_main_context_iteration (context, TRUE);
  g_test_message ("stopped in %.1f ms", (ilv_now_ns () - stop_at) / 1e6);
  g_assert_cmpint (ilv_now_ns () - stop_at, <, 2000 * MS);

  g_assert_cmpint (ilv_trace_get_stop_reason (ilv_run_get_trace (run)), ==, ILV_STOP_STOPPED);
  g_assert_false (ilv_run_is_running (run));
  g_assert_cmpuint (ilv_test_count_threads (), ==, threads_before);
  g_clear_object (&run);
  g_main_context_pop_thread_default (context);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/queue/capacity-and-join", test_queue_capacity_and_join);
  g_test_add_func ("/sync/barrier/releases-together", test_barrier_releases_together);
  g_test_add_func ("/sync/deadlock/cycle", test_deadlock_detected);
  g_test_add_func ("/sync/deadlock/no-progress", test_no_progress_detected);
  g_test_add_func ("/sync/deadlock/pending-start", test_pending_start_is_progress);
  g_test_add_func ("/sync/stop/endless", test_stop_endless_run);
  g_test_add_func ("/sync/daemon/stopped-at-end", test_daemon_stopped_at_end);
  g_test_add_func ("/sync/timeout", test_timeout);

  return g_test_run ();
}
