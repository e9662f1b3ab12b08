/* test-resources.c: semaphores, events, pipes, arrays, a value's own lock,
 * and one mapping seen twice
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-engine-test.h"
#include "ilv-resources.h"
#include "ilv-worker-strings.h"

#define MS G_GINT64_CONSTANT (1000000)

/* Semaphore(2): never more than two holders; the rest wait. */
static void
test_semaphore_limits_holders (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Semaphore\nGIL=true\n"
    "[Semaphore slots]\nValue=2\n"
    "[Workers user]\nKind=thread\nCount=5\nProgram=with slots { sleep 20ms }\n");
  gint64 lock_wait = 0;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpint (ilv_test_max_concurrency (trace, 1u << ILV_STATE_SLEEP), ==, 2);
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("user#%u", i);

      lock_wait += ilv_test_state_time (trace, ilv_test_find_lane (trace, name),
                                        ILV_STATE_LOCK_WAIT);
    }
  g_assert_cmpint (lock_wait, >=, 3 * 15 * MS);
}

/* A bounded semaphore released above its value says so and stays put. */
static void
test_bounded_semaphore_over_release (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Bounded\nGIL=true\n"
    "[Semaphore s]\nValue=1\nBounded=true\n"
    "[Workers w]\nKind=thread\nProgram=acquire s; release s; release s; acquire s; mark \"again\"\n");
  gint64 first;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpuint (ilv_test_collect_marks (trace, "ValueError: semaphore released too many times", &first, NULL), ==, 1);
  g_assert_cmpuint (ilv_test_collect_marks (trace, "again", &first, NULL), ==, 1);
}

/* wait returns only once the event is set. */
static void
test_event_wait_set (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Event\nGIL=true\n"
    "[Event go]\n"
    "[Workers runner]\nKind=thread\nCount=3\nProgram=wait go; mark \"went\"\n"
    "[Workers starter]\nKind=thread\nProgram=sleep 30ms; mark \"set\"; set go\n");
  gint64 set_time, went_time;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpuint (ilv_test_collect_marks (trace, "set", &set_time, NULL), ==, 1);
  g_assert_cmpuint (ilv_test_collect_marks (trace, "went", &went_time, NULL), ==, 3);
  g_assert_cmpint (went_time, >=, set_time);
  g_assert_cmpint (ilv_test_state_time (trace, ilv_test_find_lane (trace, "runner#1"),
                                        ILV_STATE_EVENT_WAIT), >=, 25 * MS);
}

/* Messages through a pipe arrive in order, one flow each. */
static void
test_pipe_flows (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Pipe\nGIL=true\n"
    "[Pipe p]\nCapacity=2\n"
    "[Workers sender]\nKind=thread\nProgram=repeat 6 { send p }\n"
    "[Workers receiver]\nKind=thread\nProgram=repeat 6 { sleep 2ms; recv p }\n");
  const IlvFlow *flows = ilv_trace_get_flows (trace);
  guint n_pipe = 0;

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  for (gsize i = 0; i < ilv_trace_get_n_flows (trace); i++)
    if (flows[i].kind == ILV_FLOW_PIPE)
      {
        g_assert_cmpint (flows[i].to_time, >=, flows[i].from_time);
        n_pipe++;
      }
  g_assert_cmpuint (n_pipe, ==, 6);
  /* the sender blocked on the full pipe */
  g_assert_cmpint (ilv_test_state_time (trace, ilv_test_find_lane (trace, "sender"),
                                        ILV_STATE_QUEUE_WAIT), >, 0);
}

/* A Value with Lock=true is its own lock; Array elements are separate. */
static void
test_value_lock_and_array (void)
{
  g_autoptr(IlvTrace) trace = ilv_test_run_text (
    "[Scenario]\nName=Values\nGIL=true\n"
    "[Value counter]\nInitial=10\nLock=true\n"
    "[Array arr]\nLength=3\nInitial=0\n"
    "[Workers inc]\nKind=thread\nCount=4\n"
    "Program=with counter { load counter; add 1; sleep 2ms; store counter }; load arr[2]; add 5; store arr[2]\n");

  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  g_assert_cmpint (ilv_test_last_value (trace, ilv_test_find_resource (trace, "counter")), ==, 14);
}

/* Two mappings of one memfd (as in a process worker) see the same state. */
static void
test_attach_shares_state (void)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (
    "[Scenario]\nName=Attach\n[Value v]\nInitial=3\n[Lock l]\n"
    "[Workers w]\nKind=process\nProgram=load v\n");
  g_autoptr(GError) error = NULL;
  IlvResources *parent = ilv_resources_new (scenario, &error);
  IlvResources *child;
  IlvRecorder *recorder = ilv_recorder_new ();
  volatile gint stop = 0;
  IlvWaiter waiter = { NULL, recorder, 4, &stop };

  g_assert_no_error (error);
  child = ilv_resources_attach (scenario, ilv_resources_get_fd (parent), &error);
  g_assert_no_error (error);

  g_assert_cmpint (ilv_resources_peek (child, 0, 0), ==, 3);
  ilv_resources_store (child, 0, 0, 42, 39, &waiter);
  g_assert_cmpint (ilv_resources_peek (parent, 0, 0), ==, 42);
  g_assert_true (ilv_resources_acquire (child, 1, &waiter));
  g_assert_cmpint (ilv_resources_get_owner (parent, 1), ==, 4);
  ilv_resources_release (parent, 1, &waiter);
  g_assert_cmpint (ilv_resources_get_owner (child, 1), ==, -1);

  ilv_resources_free (child);
  ilv_resources_free (parent);
  ilv_recorder_free (recorder);
}

static void
test_attach_rejects_other_scenario (void)
{
  g_autoptr(IlvScenario) one = ilv_test_parse (
    "[Scenario]\nName=One\n[Value v]\n[Workers w]\nKind=thread\nProgram=load v\n");
  g_autoptr(IlvScenario) two = ilv_test_parse (
    "[Scenario]\nName=Two\n[Value v]\n[Queue q]\n[Workers w]\nKind=thread\nProgram=load v\n");
  g_autoptr(GError) error = NULL;
  IlvResources *parent = ilv_resources_new (one, &error);
  IlvResources *child;

  g_assert_no_error (error);
  child = ilv_resources_attach (two, ilv_resources_get_fd (parent), &error);
  g_assert_null (child);
  g_assert_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_RESOURCES);
  ilv_resources_free (parent);
}

/* Strings are numbered from the scenario alone, the same in every process. */
static void
test_worker_strings (void)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (
    "[Scenario]\nName=Strings\n"
    "[Workers a]\nKind=thread\nProgram=mark \"x\"; repeat 2 { mark \"y\" }\n"
    "[Pool p]\nKind=thread\nWorkers=1\nTasks=3\nProgram=mark \"x\"\n");
  g_autoptr(IlvWorkerStrings) strings = ilv_worker_strings_new (scenario);
  g_autoptr(IlvWorkerStrings) again = ilv_worker_strings_new (scenario);

  g_assert_cmpuint (ilv_worker_strings_get_size (strings), ==,
                    ilv_worker_strings_get_size (again));
  g_assert_cmpuint (ilv_worker_strings_lookup (strings, "x"), ==, ILV_N_FIXED_STRINGS);
  g_assert_cmpuint (ilv_worker_strings_lookup (strings, "y"), ==, ILV_N_FIXED_STRINGS + 1);
  g_assert_cmpstr (ilv_worker_strings_get (strings, ilv_worker_strings_task (strings, 2)), ==, "task 2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/resources/semaphore/limits-holders", test_semaphore_limits_holders);
  g_test_add_func ("/resources/semaphore/over-release", test_bounded_semaphore_over_release);
  g_test_add_func ("/resources/event/wait-set", test_event_wait_set);
  g_test_add_func ("/resources/pipe/flows", test_pipe_flows);
  g_test_add_func ("/resources/value/lock-and-array", test_value_lock_and_array);
  g_test_add_func ("/resources/attach/shares-state", test_attach_shares_state);
  g_test_add_func ("/resources/attach/rejects-other", test_attach_rejects_other_scenario);
  g_test_add_func ("/resources/strings", test_worker_strings);

  return g_test_run ();
}
