/* test-async.c: async tasks on one event loop, and thread pools
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include "ilv-async-loop.h"
#include "ilv-engine-test.h"
#include "ilv-resources.h"

#define MS G_GINT64_CONSTANT (1000000)

typedef struct
{
  gboolean done;
  guint    max_threads;
} Watch;

static void
updated_cb (IlvRun *run,
            Watch  *watch)
{
  watch->max_threads = MAX (watch->max_threads, ilv_test_count_threads ());
}

static void
finished_cb (IlvRun *run,
             Watch  *watch)
{
  watch->done = TRUE;
}

/* Runs to the end, noting how many threads the process had meanwhile. */
static IlvTrace *
run_watched (const char *text,
             guint      *max_threads)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (text);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(IlvRun) run = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch = { FALSE, 0 };
  IlvTrace *trace;

  g_main_context_push_thread_default (context);
  run = ilv_run_new (scenario);
  g_signal_connect (run, "updated", G_CALLBACK (updated_cb), &watch);
  g_signal_connect (run, "finished", G_CALLBACK (finished_cb), &watch);
  g_assert_true (ilv_run_start (run, &error));
  g_assert_no_error (error);
  while (!watch.done)
    g_main_context_iteration (context, TRUE);
  trace = ilv_trace_ref (ilv_run_get_trace (run));
  g_clear_object (&run);
  g_main_context_pop_thread_default (context);

  *max_threads = watch.max_threads;
  return trace;
}

/* Ten tasks sleeping 100 ms at once take about one sleep, on one thread. */
static void
test_async_sleeps_overlap (void)
{
  guint before = ilv_test_count_threads ();
  guint max_threads;
  g_autoptr(IlvTrace) trace = run_watched (
    "[Scenario]\nName=Async\nGIL=true\n"
    "[Workers fetch]\nKind=async\nCount=10\nProgram=sleep 100ms\n", &max_threads);
  gint64 first = G_MAXINT64, last = 0;
  double ratio;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("fetch#%u", i);
      gint lane = ilv_test_find_lane (trace, name);

      g_assert_cmpint (lane, >=, 0);
      g_assert_cmpint (ilv_trace_get_lane (trace, lane)->worker_kind, ==, ILV_WORKER_ASYNC);
      g_assert_cmpint (ilv_test_state_time (trace, lane, ILV_STATE_SUSPENDED), >=, 100 * MS);
      g_assert_cmpint (ilv_test_state_time (trace, lane, ILV_STATE_SLEEP), ==, 0);
      for (gsize j = 0; j < ilv_trace_lane_get_n_spans (trace, lane); j++)
        {
          IlvSpan span;

          ilv_trace_lane_get_span (trace, lane, j, &span);
          if (span.state == ILV_STATE_SUSPENDED)
            {
              first = MIN (first, span.start);
              last = MAX (last, span.end);
            }
        }
    }

  ratio = (double) (last - first) / (10 * 100 * MS);
  g_test_message ("wall / sequential = %.3f; threads %u -> %u", ratio, before, max_threads);
  g_assert_cmpfloat (ratio, <, 0.5);
  /* one event-loop thread, and the OS sampler's */
  g_assert_cmpuint (max_threads, <=, before + 2);
  g_assert_cmpuint (ilv_test_count_threads (), ==, before);
}

/* A compute inside a task blocks the loop: the sleepers wake late. */
static void
test_async_compute_blocks_loop (void)
{
  guint max_threads;
  g_autoptr(IlvTrace) trace = run_watched (
    "[Scenario]\nName=Blocking\nGIL=false\n"
    "[Workers sleeper]\nKind=async\nCount=3\nProgram=sleep 10ms; mark \"woke\"\n"
    "[Workers cruncher]\nKind=async\nProgram=sleep 1ms; compute 120ms\n", &max_threads);
  const IlvMark *marks = ilv_trace_get_marks (trace);
  gint64 start = ilv_trace_get_start (trace);
  gint cruncher = ilv_test_find_lane (trace, "cruncher");
  guint woke = 0;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpint (ilv_test_states_time (trace, cruncher, ILV_TEST_RUNNING), >=, 100 * MS);
  for (gsize i = 0; i < ilv_trace_get_n_marks (trace); i++)
    if (g_strcmp0 (marks[i].text, "woke") == 0)
      {
        woke++;
        /* asked for 10 ms; the loop was busy computing until ~120 ms */
        g_assert_cmpint (marks[i].time - start, >, 5 * 10 * MS);
      }
  g_assert_cmpuint (woke, ==, 3);
}

/* Async tasks hand items over through a queue; they switch at awaits. */
static void
test_async_queue_handoff (void)
{
  guint max_threads;
  g_autoptr(IlvTrace) trace = run_watched (
    "[Scenario]\nName=Handoff\nGIL=true\n"
    "[Queue q]\nCapacity=1\n"
    "[Workers producer]\nKind=async\nProgram=repeat 20 { put q }; join q\n"
    "[Workers consumer]\nKind=async\nCount=2\nProgram=repeat 10 { get q; task_done q }\n",
    &max_threads);
  gint q = ilv_test_find_resource (trace, "q");
  const IlvPoint *points = ilv_trace_counter_get_points (trace, q);

  gint producer = ilv_test_find_lane (trace, "producer");

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  for (gsize i = 0; i < ilv_trace_counter_get_n_points (trace, q); i++)
    g_assert_cmpint (points[i].value, <=, 1);
  g_assert_cmpint (ilv_test_max_overlap (trace, 0, ILV_TEST_RUNNING), ==, 0);

  /* an await shows as suspended, not as a thread's queue-wait */
  g_assert_cmpint (ilv_test_state_time (trace, producer, ILV_STATE_QUEUE_WAIT), ==, 0);
  g_assert_cmpint (ilv_test_state_time (trace, producer, ILV_STATE_SUSPENDED), >, 0);
  /* a hand-off wakes the other task at once, not at its next poll
   * (20 polls of 1 ms would be 20 ms; at once is well under 1 ms) */
  g_assert_cmpint (ilv_test_state_time (trace, producer, ILV_STATE_SUSPENDED), <, 15 * MS);
}

/* Two tasks awaiting each other's locks: a deadlock on one event loop. */
static void
test_async_deadlock (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Async deadlock\nGIL=true\n"
    "[Lock a]\n[Lock b]\n"
    "[Workers left]\nKind=async\nProgram=acquire a; sleep 10ms; acquire b\n"
    "[Workers right]\nKind=async\nProgram=acquire b; sleep 10ms; acquire a\n");
  const char *message = ilv_trace_get_stop_message (trace);

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_DEADLOCK);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "left holds a and waits for b"));
  g_assert_nonnull (strstr (message, "right holds b and waits for a"));
}

/* Adds a task to `loop` for each worker of the scenario's first group,
 * one lane each. */
static void
add_tasks (IlvAsyncLoop *loop,
           IlvScenario  *scenario,
           IlvResources *resources)
{
  IlvWorkerGroup *group = g_ptr_array_index (scenario->groups, 0);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < group->count; i++)
    {
      IlvWorkerSpec spec = { 0 };

      spec.scenario = scenario;
      spec.resources = resources;
      spec.program = group->program;
      spec.lane = i;
      spec.instance = i;
      spec.origin_ns = spec.requested_ns = ilv_now_ns ();
      g_assert_true (ilv_async_loop_add (loop, &spec, &error));
      g_assert_no_error (error);
    }
}

/* The loop says that a task ended by writing to the run's eventfd, once
 * per task, so that the run's main loop looks at once without the loop's
 * thread ever taking the run's main-context lock (at the workers' low
 * priority it could keep the window waiting for it). */
static void
test_async_end_wakes_fd (void)
{
  g_autoptr(IlvScenario) scenario =
    ilv_test_parse ("[Scenario]\nName=Wake\nGIL=false\n"
                    "[Workers t]\nKind=async\nCount=3\nProgram=sleep 1ms; sleep 1ms\n");
  IlvWorkerGroup *group = g_ptr_array_index (scenario->groups, 0);
  g_autoptr(GError) error = NULL;
  IlvRecorder *recorder = ilv_recorder_new ();
  IlvWorkerStrings *strings = ilv_worker_strings_new (scenario);
  IlvResources *resources = ilv_resources_new (scenario, &error);
  int fd = eventfd (0, EFD_NONBLOCK | EFD_CLOEXEC);
  volatile gint stop = 0;
  IlvAsyncLoop *loop;
  guint64 count = 0;

  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  loop = ilv_async_loop_new (recorder, NULL, strings, &stop, fd);
  add_tasks (loop, scenario, resources);
  g_assert_true (ilv_async_loop_start (loop, &error));
  g_assert_no_error (error);

  /* Joined once every task has ended: one write per task. */
  ilv_async_loop_free (loop);
  g_assert_cmpint (read (fd, &count, sizeof count), ==, sizeof count);
  g_assert_cmpuint (count, ==, group->count);

  /* Without an eventfd the tasks still run to their end. */
  loop = ilv_async_loop_new (recorder, NULL, strings, &stop, -1);
  add_tasks (loop, scenario, resources);
  g_assert_true (ilv_async_loop_start (loop, &error));
  ilv_async_loop_free (loop);

  close (fd);
  ilv_resources_free (resources);
  ilv_worker_strings_free (strings);
  ilv_recorder_free (recorder);
}


/* A thread pool runs every task exactly once, on its workers. */
static void
test_thread_pool_tasks_once (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Pool\nGIL=false\n"
    "[Value total]\nInitial=0\nLock=true\n"
    "[Pool squares]\nKind=thread\nWorkers=3\nTasks=25\nChunksize=2\n"
    "Program=compute 1ms; with total { load total; add 1; store total }\n");
  const IlvTask *tasks = ilv_trace_get_tasks (trace);
  gsize n_tasks = ilv_trace_get_n_tasks (trace);
  guint seen[25] = { 0 };
  g_autoptr(GHashTable) lanes = g_hash_table_new (NULL, NULL);

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpuint (n_tasks, ==, 25);
  for (gsize i = 0; i < n_tasks; i++)
    {
      g_autofree char *label = g_strdup_printf ("task %" G_GINT64_FORMAT, tasks[i].index);

      g_assert_cmpint (tasks[i].index, >=, 0);
      g_assert_cmpint (tasks[i].index, <, 25);
      g_assert_cmpstr (tasks[i].label, ==, label);
      g_assert_cmpint (tasks[i].end, >=, tasks[i].start);
      seen[tasks[i].index]++;
      g_hash_table_add (lanes, GUINT_TO_POINTER (tasks[i].lane));
    }
  for (guint i = 0; i < 25; i++)
    g_assert_cmpuint (seen[i], ==, 1);
  g_assert_cmpuint (g_hash_table_size (lanes), >=, 2);
  g_assert_cmpint (ilv_test_find_lane (trace, "squares#3"), >=, 0);
  g_assert_cmpint (ilv_test_last_value (trace, ilv_test_find_resource (trace, "total")), ==, 25);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/async/sleeps-overlap", test_async_sleeps_overlap);
  g_test_add_func ("/async/compute-blocks-loop", test_async_compute_blocks_loop);
  g_test_add_func ("/async/queue-handoff", test_async_queue_handoff);
  g_test_add_func ("/async/deadlock", test_async_deadlock);
  g_test_add_func ("/async/end-wakes-fd", test_async_end_wakes_fd);
  g_test_add_func ("/pool/thread/tasks-once", test_thread_pool_tasks_once);

  return g_test_run ();
}
