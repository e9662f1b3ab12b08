/* test-lessons-io.c: the lessons about I/O-bound work and queues
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lesson.h"

#define WAITING (LESSON_MASK (ILV_STATE_SLEEP) | LESSON_MASK (ILV_STATE_SUSPENDED))
#define ALIVE (~(LESSON_MASK (ILV_STATE_NOT_STARTED) | LESSON_MASK (ILV_STATE_DONE)))

/* Wall time over the sequential sum of the work asked for. */
static double
wall_share (const char *id)
{
  g_autoptr(IlvSummary) summary = lesson_summary (id, ILV_STOP_FINISHED);

  g_assert_cmpfloat (summary->sequential_ms, >, 0);
  return summary->wall_ms / summary->sequential_ms;
}

static void
test_io_sequential (void)
{
  IlvTrace *trace = lesson_run ("io-sequential", ILV_STOP_FINISHED);

  /* Nothing overlaps: the thread is asleep nearly all its life. */
  g_assert_cmpfloat (lesson_group_share (trace, "main", LESSON_MASK (ILV_STATE_SLEEP), ALIVE), >, 0.9);
  g_assert_cmpfloat (wall_share ("io-sequential"), >=, 0.98);
}

/* At least `together` of the four waits overlap; the run takes about
 * one of them. */
static void
assert_waits_overlap (const char *id,
                      guint       together,
                      double      max_share)
{
  IlvTrace *trace = lesson_run (id, ILV_STOP_FINISHED);

  g_test_message ("%s: wall / sequential %.2f", id, wall_share (id));
  g_assert_cmpuint (lesson_group_concurrency (trace, "fetch", WAITING), >=, together);
  g_assert_cmpfloat (wall_share (id), <, max_share);
}

static void
test_io_threads (void)
{
  IlvTrace *trace = lesson_run ("io-threads", ILV_STOP_FINISHED);

  assert_waits_overlap ("io-threads", 4, 0.5);
  /* Sleeping threads do not hold the GIL: nobody waits for it. */
  g_assert_cmpfloat (lesson_group_share (trace, "fetch", LESSON_MASK (ILV_STATE_GIL_WAIT), ALIVE), <, 0.05);
}

static void
test_io_async (void)
{
  IlvTrace *trace = lesson_run ("io-async", ILV_STOP_FINISHED);

  assert_waits_overlap ("io-async", 4, 0.5);
  g_assert_cmpfloat (lesson_group_ms (trace, "fetch", LESSON_MASK (ILV_STATE_SUSPENDED)), >, 300);
}

static double
fastest_start (const char *id)
{
  g_autoptr(IlvSummary) summary = lesson_summary (id, ILV_STOP_FINISHED);
  double fastest = G_MAXDOUBLE;

  for (guint i = 0; i < summary->workers->len; i++)
    fastest = MIN (fastest, g_array_index (summary->workers, IlvWorkerSummary, i).start_cost_ms);
  return MAX (fastest, 0.01);
}

static void
test_io_processes (void)
{
  /* The same overlap, after a start-up that threads do not pay (on a busy
   * machine a late process may start only after another one's wait). */
  assert_waits_overlap ("io-processes", 2, lesson_can_measure_speedup () ? 0.75 : 1.0);
  g_test_message ("fastest start: process %.3f ms, thread %.3f ms",
                  fastest_start ("io-processes"), fastest_start ("io-threads"));
  g_assert_cmpfloat (fastest_start ("io-processes"), >, 3 * fastest_start ("io-threads"));
}

static void
test_io_python (void)
{
  g_autoptr(IlvJsonNode) py = lesson_python ("io_bound.py", NULL);

  if (py == NULL)
    return;
  g_assert_cmpfloat (lesson_json_double (py, "threads"), <, 0.5);
  g_assert_cmpfloat (lesson_json_double (py, "async"), <, 0.5);
  g_assert_cmpfloat (wall_share ("io-threads"), <, 0.5);
  g_assert_cmpfloat (wall_share ("io-async"), <, 0.5);
  if (!lesson_can_measure_speedup ())
    return;
  g_assert_cmpfloat (lesson_json_double (py, "processes"), <, 0.75);
  g_assert_cmpfloat (wall_share ("io-processes"), <, 0.75);
}

typedef struct
{
  gint64 max_depth;
  gint64 capacity;
  double mean_depth;
  double producer_wait;   /* share of the producers' life blocked in put */
  double consumer_wait;   /* share of the consumers' life blocked in get */
} QueueStory;

static QueueStory
queue_story (const char *id)
{
  IlvTrace *trace = lesson_run (id, ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  const IlvQueueSummary *jobs = lesson_queue (summary, "jobs");
  g_autoptr(GArray) producers = lesson_group_lanes (trace, "producer");
  g_autoptr(GArray) done = lesson_mark_times (trace, "all jobs done");
  double last_task_done = 0;
  QueueStory story;

  g_assert_cmpuint (jobs->puts, ==, 20);
  g_assert_cmpuint (jobs->gets, ==, 20);
  /* Every producer's join returned, and only after the last task_done. */
  for (guint i = 0; i < summary->workers->len; i++)
    if (g_str_has_prefix (g_array_index (summary->workers, IlvWorkerSummary, i).name, "consumer"))
      last_task_done = MAX (last_task_done, g_array_index (summary->workers, IlvWorkerSummary, i).finished_ms);
  g_assert_cmpuint (done->len, ==, producers->len);
  g_assert_cmpfloat (g_array_index (done, double, 0), >=, last_task_done - 1.0);
  story.max_depth = jobs->max_depth;
  story.capacity = jobs->capacity;
  story.mean_depth = lesson_counter_mean (trace, "jobs");
  story.producer_wait = lesson_group_share (trace, "producer", LESSON_MASK (ILV_STATE_QUEUE_WAIT), ALIVE);
  story.consumer_wait = lesson_group_share (trace, "consumer", LESSON_MASK (ILV_STATE_QUEUE_WAIT), ALIVE);
  g_test_message ("%s: depth up to %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                  ", %.2f on average; producers blocked %.2f, consumers blocked %.2f", id,
                  story.max_depth, story.capacity, story.mean_depth, story.producer_wait,
                  story.consumer_wait);
  return story;
}

/* Back-pressure: the queue fills to its capacity and the producers block. */
static void
assert_fast_producers (gint64 max_depth,
                       gint64 capacity,
                       double producer_wait,
                       double consumer_wait)
{
  g_assert_cmpint (max_depth, ==, capacity);
  g_assert_cmpfloat (producer_wait, >, 0.3);
  g_assert_cmpfloat (consumer_wait, <, 0.15);
}

/* Starved consumers: the queue stays (nearly) empty, they wait in get. */
static void
assert_fast_consumers (gint64 max_depth,
                       gint64 capacity,
                       double producer_wait,
                       double consumer_wait)
{
  g_assert_cmpint (max_depth, <, capacity);
  g_assert_cmpfloat (consumer_wait, >, 0.5);
  g_assert_cmpfloat (producer_wait, <, 0.1);
}

static void
test_queue_fast_producers (void)
{
  QueueStory s = queue_story ("queue-fast-producers");

  assert_fast_producers (s.max_depth, s.capacity, s.producer_wait, s.consumer_wait);
  g_assert_cmpfloat (s.mean_depth, >, 0.5 * s.capacity);
}

static void
test_queue_fast_consumers (void)
{
  QueueStory s = queue_story ("queue-fast-consumers");

  assert_fast_consumers (s.max_depth, s.capacity, s.producer_wait, s.consumer_wait);
  g_assert_cmpfloat (s.mean_depth, <, 0.5);
}

static void
test_queue_python (void)
{
  QueueStory fast_p = queue_story ("queue-fast-producers");
  QueueStory fast_c = queue_story ("queue-fast-consumers");
  g_autoptr(IlvJsonNode) p = lesson_python ("queues.py", "fast-producers", NULL);
  g_autoptr(IlvJsonNode) c = NULL;

  if (p == NULL)
    return;
  c = lesson_python ("queues.py", "fast-consumers", NULL);
  assert_fast_producers (lesson_json_double (p, "max_depth"), lesson_json_double (p, "capacity"),
                         lesson_json_double (p, "producer_wait_share"),
                         lesson_json_double (p, "consumer_wait_share"));
  assert_fast_consumers (lesson_json_double (c, "max_depth"), lesson_json_double (c, "capacity"),
                         lesson_json_double (c, "producer_wait_share"),
                         lesson_json_double (c, "consumer_wait_share"));
  g_assert_cmpint (fast_p.max_depth, ==, lesson_json_double (p, "max_depth"));
  g_assert_cmpint (fast_c.max_depth, <, fast_c.capacity);
}

/* The daemons never finish their loops: the run ends when the producer
 * does, and they are stopped blocked in get. */
static void
test_daemon_consumers (void)
{
  IlvTrace *trace = lesson_run ("daemon-consumers", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  g_autoptr(GArray) consumers = lesson_group_lanes (trace, "consumer");
  g_autoptr(GArray) joined = lesson_mark_times (trace, "join returned");

  g_assert_cmpuint (lesson_queue (summary, "jobs")->gets, ==, 20);
  g_assert_cmpuint (joined->len, ==, 1);
  for (guint i = 0; i < consumers->len; i++)
    {
      guint lane = g_array_index (consumers, guint, i);
      gsize n = ilv_trace_lane_get_n_spans (trace, lane);
      IlvSpan last, before;

      g_assert_true (ilv_trace_get_lane (trace, lane)->daemon);
      g_assert_cmpuint (n, >=, 2);
      ilv_trace_lane_get_span (trace, lane, n - 1, &last);
      ilv_trace_lane_get_span (trace, lane, n - 2, &before);
      g_assert_cmpint (last.state, ==, ILV_STATE_DONE);
      g_assert_cmpint (before.state, ==, ILV_STATE_QUEUE_WAIT);
      /* stopped after the main work, not by themselves before it */
      g_assert_cmpfloat ((last.start - ilv_trace_get_start (trace)) / 1e6, >=,
                         g_array_index (joined, double, 0));
    }
}

static void
test_daemon_consumers_python (void)
{
  IlvTrace *trace = lesson_run ("daemon-consumers", ILV_STOP_FINISHED);
  g_autoptr(IlvJsonNode) py = lesson_python ("daemons.py", NULL);
  g_autoptr(GArray) consumers = lesson_group_lanes (trace, "consumer");

  if (py == NULL)
    return;
  /* Python exited with its daemons alive, after they did all the work. */
  g_assert_cmpfloat (lesson_json_double (py, "processed"), ==, 20);
  g_assert_cmpfloat (lesson_json_double (py, "daemons_alive"), ==, consumers->len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lessons/io-sequential", test_io_sequential);
  g_test_add_func ("/lessons/io-threads", test_io_threads);
  g_test_add_func ("/lessons/io-async", test_io_async);
  g_test_add_func ("/lessons/io-processes", test_io_processes);
  g_test_add_func ("/lessons/io/python", test_io_python);
  g_test_add_func ("/lessons/queue-fast-producers", test_queue_fast_producers);
  g_test_add_func ("/lessons/queue-fast-consumers", test_queue_fast_consumers);
  g_test_add_func ("/lessons/queues/python", test_queue_python);
  g_test_add_func ("/lessons/daemon-consumers", test_daemon_consumers);
  g_test_add_func ("/lessons/daemon-consumers/python", test_daemon_consumers_python);
  return g_test_run ();
}
