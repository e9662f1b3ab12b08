/* test-lessons-processes.c: the lessons about pools, pipes, shared memory
 * and the life and death of processes
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "lesson.h"

#define ALIVE (~(LESSON_MASK (ILV_STATE_NOT_STARTED) | LESSON_MASK (ILV_STATE_DONE)))

typedef struct
{
  guint whole_groups;  /* aligned groups of four tasks run whole on one lane */
  guint lanes_used;
} PoolStory;

static PoolStory
pool_story (const char *id)
{
  IlvTrace *trace = lesson_run (id, ILV_STOP_FINISHED);
  const IlvTask *tasks = ilv_trace_get_tasks (trace);
  gint lane_of[16];
  guint64 used = 0;
  PoolStory story = { 0, 0 };

  g_assert_cmpuint (ilv_trace_get_n_tasks (trace), ==, 16);
  for (gsize i = 0; i < 16; i++)
    {
      g_assert_cmpint (tasks[i].index, >=, 0);
      g_assert_cmpint (tasks[i].index, <, 16);
      lane_of[tasks[i].index] = tasks[i].lane;
      used |= G_GUINT64_CONSTANT (1) << MIN (tasks[i].lane, 63);
    }
  for (guint g = 0; g < 16; g += 4)
    story.whole_groups += lane_of[g] == lane_of[g + 1] && lane_of[g] == lane_of[g + 2] &&
                          lane_of[g] == lane_of[g + 3];
  for (guint b = 0; b < 64; b++)
    story.lanes_used += (used >> b) & 1;
  g_test_message ("%s: %u whole groups of four, %u workers used", id, story.whole_groups,
                  story.lanes_used);
  return story;
}

/* chunksize 1: tasks go out one by one to whoever is free; chunksize 4:
 * four hand-outs of four tasks in a row each. */
static void
test_pool_chunksize (void)
{
  PoolStory one = pool_story ("pool-chunksize-1");
  PoolStory four = pool_story ("pool-chunksize-4");

  g_assert_cmpuint (four.whole_groups, ==, 4);
  g_assert_cmpuint (one.whole_groups, <, 4);
  g_assert_cmpuint (one.lanes_used, >=, 3);
  g_assert_cmpuint (four.lanes_used, ==, 4);
}

static void
test_pool_chunksize_python (void)
{
  PoolStory one = pool_story ("pool-chunksize-1");
  PoolStory four = pool_story ("pool-chunksize-4");
  g_autoptr(IlvJsonNode) py = lesson_python ("pool_chunks.py", NULL);
  const IlvJsonNode *py_one, *py_four;

  if (py == NULL)
    return;
  py_one = ilv_json_node_get (py, "chunksize_1");
  py_four = ilv_json_node_get (py, "chunksize_4");
  g_assert_nonnull (py_one);
  g_assert_nonnull (py_four);
  g_assert_cmpfloat (lesson_json_double ((IlvJsonNode *) py_four, "whole_groups"), ==, four.whole_groups);
  g_assert_cmpfloat (lesson_json_double ((IlvJsonNode *) py_one, "whole_groups"), <, 4);
  g_assert_cmpfloat (lesson_json_double ((IlvJsonNode *) py_one, "workers_used"), >=, 2);
  g_assert_cmpuint (one.whole_groups, <, 4);
}

/* The parent waits in recv while the child works; every message crosses
 * from one process to the other. */
static double
pipe_parent_wait (IlvTrace *trace)
{
  return lesson_group_share (trace, "parent", LESSON_MASK (ILV_STATE_QUEUE_WAIT), ALIVE);
}

static void
test_pipe (void)
{
  IlvTrace *trace = lesson_run ("pipe", ILV_STOP_FINISHED);
  const IlvFlow *flows = ilv_trace_get_flows (trace);
  guint crossing = 0;

  for (gsize i = 0; i < ilv_trace_get_n_flows (trace); i++)
    if (flows[i].kind == ILV_FLOW_PIPE)
      {
        g_assert_cmpuint (ilv_trace_get_lane (trace, flows[i].from_lane)->process, !=,
                          ilv_trace_get_lane (trace, flows[i].to_lane)->process);
        crossing++;
      }
  g_test_message ("%u messages crossed; the parent waited %.2f of its life", crossing,
                  pipe_parent_wait (trace));
  g_assert_cmpuint (crossing, ==, 10);
  g_assert_cmpfloat (pipe_parent_wait (trace), >, 0.5);
}

static void
test_pipe_python (void)
{
  IlvTrace *trace = lesson_run ("pipe", ILV_STOP_FINISHED);
  g_autoptr(IlvJsonNode) py = lesson_python ("pipe.py", NULL);

  if (py == NULL)
    return;
  g_assert_cmpfloat (lesson_json_double (py, "messages"), ==, 10);
  g_assert_cmpfloat (lesson_json_double (py, "child_pid_differs"), ==, 1);
  g_assert_cmpfloat (lesson_json_double (py, "parent_wait_share"), >, 0.5);
  g_assert_cmpfloat (pipe_parent_wait (trace), >, 0.5);
}

static void
test_shared_memory (void)
{
  IlvTrace *trace = lesson_run ("shared-memory", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  const IlvValueSummary *counter = lesson_value (summary, "counter");

  g_test_message ("counter ends at %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT,
                  counter->final, counter->expected);
  g_assert_cmpint (counter->expected, ==, 80);
  g_assert_cmpint (counter->final, <, 80);
  g_assert_cmpint (counter->lost_updates, ==, 80 - counter->final);
  /* no GIL across processes: their read-modify-write windows overlap */
  g_assert_cmpuint (ilv_test_max_concurrency (trace, LESSON_MASK (ILV_STATE_SLEEP)), >=, 2);
}

static void
test_shared_memory_locked (void)
{
  IlvTrace *trace = lesson_run ("shared-memory-locked", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  const IlvValueSummary *counter = lesson_value (summary, "counter");

  g_assert_cmpint (counter->final, ==, 80);
  g_assert_cmpint (counter->lost_updates, ==, 0);
  g_assert_cmpuint (lesson_max_holders (trace, "counter"), ==, 1);
  g_assert_cmpfloat (summary->lock_wait_share, >, 0);
}

static void
test_shared_memory_python (void)
{
  g_autoptr(IlvSummary) racy = lesson_summary ("shared-memory", ILV_STOP_FINISHED);
  g_autoptr(IlvSummary) locked = lesson_summary ("shared-memory-locked", ILV_STOP_FINISHED);
  g_autoptr(IlvJsonNode) py_racy = lesson_python ("shared_memory.py", NULL);
  g_autoptr(IlvJsonNode) py_locked = NULL;

  if (py_racy == NULL)
    return;
  py_locked = lesson_python ("shared_memory.py", "--lock", NULL);
  g_assert_cmpfloat (lesson_json_double (py_racy, "final"), <, 80);
  g_assert_cmpfloat (lesson_json_double (py_locked, "final"), ==, 80);
  g_assert_cmpint (lesson_value (racy, "counter")->final, <, 80);
  g_assert_cmpint (lesson_value (locked, "counter")->final, ==, 80);
}

static gint
lane_exit_status (IlvTrace   *trace,
                  const char *group)
{
  g_autoptr(GArray) lanes = lesson_group_lanes (trace, group);

  return ilv_trace_lane_get_exit_status (trace, g_array_index (lanes, guint, 0));
}

static IlvState
last_state (IlvTrace   *trace,
            const char *group)
{
  g_autoptr(GArray) lanes = lesson_group_lanes (trace, group);
  guint lane = g_array_index (lanes, guint, 0);
  IlvSpan span;

  ilv_trace_lane_get_span (trace, lane, ilv_trace_lane_get_n_spans (trace, lane) - 1, &span);
  return span.state;
}

/* The worker's one hold of a lock never ended. */
static void
assert_died_holding (IlvTrace   *trace,
                     const char *group)
{
  g_autoptr(GArray) lanes = lesson_group_lanes (trace, group);
  guint lane = g_array_index (lanes, guint, 0);

  g_assert_cmpuint (ilv_trace_lane_get_n_holds (trace, lane), ==, 1);
  g_assert_cmpint (ilv_trace_lane_get_holds (trace, lane)[0].end, >=, ilv_trace_get_end (trace));
}

/* The victim dies holding the lock; the waiter waits for it till the run
 * is ended for lack of progress, and never gets past it. */
static void
test_terminate_holding_lock (void)
{
  IlvTrace *trace = lesson_run ("terminate-holding-lock", ILV_STOP_DEADLOCK);
  g_autoptr(GArray) never = lesson_mark_times (trace, "never reached");
  g_autoptr(GArray) waiter = lesson_group_lanes (trace, "waiter");
  g_autoptr(GArray) waits = lesson_lane_spans (trace, g_array_index (waiter, guint, 0),
                                               ILV_STATE_LOCK_WAIT);

  g_test_message ("%s", ilv_trace_get_stop_message (trace));
  g_assert_cmpint (lane_exit_status (trace, "victim"), ==, 256 + SIGTERM);
  g_assert_cmpint (last_state (trace, "victim"), ==, ILV_STATE_CRASHED);
  assert_died_holding (trace, "victim");
  g_assert_nonnull (strstr (ilv_trace_get_stop_message (trace), "victim"));
  g_assert_cmpuint (never->len, ==, 0);
  g_assert_cmpuint (waits->len, ==, 1);
  g_assert_cmpint (g_array_index (waits, IlvSpan, 0).end, >=,
                   ilv_trace_get_end (trace) - 50 * G_GINT64_CONSTANT (1000000));
}

/* The speedup's sequential work counts what the victim did before it was
 * terminated (its sleep up to then), not the rest of its 2 s sleep; the
 * waiter, which never got the lock, adds nothing to speak of. */
static void
test_terminate_holding_lock_work (void)
{
  IlvTrace *trace = lesson_run ("terminate-holding-lock", ILV_STOP_DEADLOCK);
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  g_autoptr(GArray) victim = lesson_group_lanes (trace, "victim");
  g_autoptr(GArray) sleeps = lesson_lane_spans (trace, g_array_index (victim, guint, 0),
                                                ILV_STATE_SLEEP);
  double slept_ms = 0;

  for (guint i = 0; i < sleeps->len; i++)
    slept_ms += (g_array_index (sleeps, IlvSpan, i).end - g_array_index (sleeps, IlvSpan, i).start) / 1e6;
  g_test_message ("victim slept %.1f ms; sequential %.1f ms, wall %.1f ms",
                  slept_ms, summary->sequential_ms, summary->wall_ms);
  g_assert_cmpfloat (slept_ms, >, 0);
  g_assert_cmpfloat (summary->sequential_ms, >=, slept_ms);
  g_assert_cmpfloat (summary->sequential_ms, <, slept_ms * 1.1 + 1.0);
  g_assert_cmpfloat (summary->sequential_ms, <=, summary->wall_ms);
  g_assert_cmpfloat (summary->speedup, >, 0);
}

static void
test_terminate_holding_lock_python (void)
{
  IlvTrace *trace = lesson_run ("terminate-holding-lock", ILV_STOP_DEADLOCK);
  g_autoptr(IlvJsonNode) py = lesson_python ("terminate_lock.py", NULL);

  if (py == NULL)
    return;
  g_assert_cmpfloat (lesson_json_double (py, "victim_exitcode"), ==, -SIGTERM);
  g_assert_cmpfloat (lesson_json_double (py, "waiter_got_lock"), ==, 0);
  g_assert_cmpint (lane_exit_status (trace, "victim"), ==, 256 + SIGTERM);
}

static void
test_process_crash (void)
{
  IlvTrace *trace = lesson_run ("process-crash", ILV_STOP_FINISHED);

  g_assert_cmpint (lane_exit_status (trace, "fragile"), ==, 256 + SIGSEGV);
  g_assert_cmpint (last_state (trace, "fragile"), ==, ILV_STATE_CRASHED);
  g_assert_cmpint (last_state (trace, "steady"), ==, ILV_STATE_DONE);
  g_assert_cmpint (lane_exit_status (trace, "steady"), ==, 0);
}

static void
test_process_crash_python (void)
{
  IlvTrace *trace = lesson_run ("process-crash", ILV_STOP_FINISHED);
  g_autoptr(IlvJsonNode) py = lesson_python ("process_crash.py", NULL);

  if (py == NULL)
    return;
  g_assert_cmpfloat (lesson_json_double (py, "crashed_signal"), ==, SIGSEGV);
  g_assert_cmpfloat (lesson_json_double (py, "others_ok"), ==, 1);
  g_assert_cmpint (lane_exit_status (trace, "fragile") - 256, ==, SIGSEGV);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lessons/pool-chunksize", test_pool_chunksize);
  g_test_add_func ("/lessons/pool-chunksize/python", test_pool_chunksize_python);
  g_test_add_func ("/lessons/pipe", test_pipe);
  g_test_add_func ("/lessons/pipe/python", test_pipe_python);
  g_test_add_func ("/lessons/shared-memory", test_shared_memory);
  g_test_add_func ("/lessons/shared-memory-locked", test_shared_memory_locked);
  g_test_add_func ("/lessons/shared-memory/python", test_shared_memory_python);
  g_test_add_func ("/lessons/terminate-holding-lock", test_terminate_holding_lock);
  g_test_add_func ("/lessons/terminate-holding-lock/work", test_terminate_holding_lock_work);
  g_test_add_func ("/lessons/terminate-holding-lock/python", test_terminate_holding_lock_python);
  g_test_add_func ("/lessons/process-crash", test_process_crash);
  g_test_add_func ("/lessons/process-crash/python", test_process_crash_python);
  return g_test_run ();
}
