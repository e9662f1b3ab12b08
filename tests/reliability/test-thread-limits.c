/* test-thread-limits.c: the thread cap, and threads the system refuses
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Above the cap, validation refuses the scenario with a clear message; at
 * the cap, 256 real threads run to the end. When the system itself refuses
 * a thread (RLIMIT_NPROC lowered in a test subprocess, after dropping root,
 * which the limit does not bind), starting the run fails with an error that
 * names the worker, the threads already started are stopped and joined,
 * and nothing aborts.
 */

#include "config.h"

#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ilv-reliability-util.h"

/* The unprivileged user of most systems. */
#define NOBODY 65534

static void
assert_limit_error (const char         *text,
                    const char * const *overrides,
                    const char         *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) scenario = NULL;

  scenario = ilv_scenario_new_from_data (text, strlen (text), "limits.scenario", overrides, &error);
  g_assert_null (scenario);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "limits.scenario"));
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_cap_refused (void)
{
  const char *one = "[Scenario]\nName=Too many\n[Workers w]\nKind=thread\nCount=257\nProgram=sleep 1ms\n";
  const char *split = "[Scenario]\nName=Too many\n"
    "[Workers a]\nKind=thread\nCount=200\nProgram=sleep 1ms\n"
    "[Pool b]\nKind=thread\nWorkers=57\nTasks=57\nProgram=sleep 1ms\n";
  const char *fine = "[Scenario]\nName=Fine\n[Workers w]\nKind=thread\nCount=2\nProgram=sleep 1ms\n";
  const char *set[] = { "Workers w:Count=257", NULL };

  assert_limit_error (one, NULL, "257 thread workers");
  assert_limit_error (split, NULL, "257 thread workers");
  /* `interleave run --set` goes through the same validation. */
  assert_limit_error (fine, set, "at most 256");
}

/* 256 real threads at once: every one runs and ends. */
static void
test_cap_runs (void)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (
    "[Scenario]\nName=At the cap\nGIL=true\n"
    "[Event go]\n"
    "[Workers w]\nKind=thread\nCount=255\nProgram=wait go; sleep 1ms\n"
    "[Workers starter]\nKind=thread\nProgram=sleep 20ms; set go\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvTrace) trace = NULL;
  guint threads = ilv_test_count_threads ();
  guint done = 0;

  trace = ilv_run_scenario_sync (scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    {
      const IlvLaneInfo *lane = ilv_trace_get_lane (trace, i);
      gsize n = ilv_trace_lane_get_n_spans (trace, i);
      IlvSpan span;

      if (lane->kind != ILV_LANE_WORKER || n == 0)
        continue;
      ilv_trace_lane_get_span (trace, i, n - 1, &span);
      done += span.state == ILV_STATE_DONE;
    }
  g_assert_cmpuint (done, ==, 256);
  g_assert_cmpuint (ilv_test_count_threads (), ==, threads);
}

/* Tasks (threads and processes) of `uid`, system-wide: what RLIMIT_NPROC
 * counts. */
static guint
count_user_tasks (uid_t uid)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *pid;
  guint n = 0;

  g_assert_nonnull (proc);
  while ((pid = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", pid, "status", NULL);
      g_autofree char *status = NULL;
      const char *uid_line, *threads_line;

      if (!g_ascii_isdigit (*pid) || !g_file_get_contents (path, &status, NULL, NULL))
        continue;
      uid_line = strstr (status, "\nUid:");
      threads_line = strstr (status, "\nThreads:");
      if (uid_line != NULL && threads_line != NULL &&
          g_ascii_strtoull (uid_line + 5, NULL, 10) == uid)
        n += g_ascii_strtoull (threads_line + 9, NULL, 10);
    }
  return n;
}

/* Leaves root (the limit does not bind it) and allows `spare` more tasks
 * than the user has now (the soft limit: the hard one stays, so that
 * unlimit_tasks() can lift it again). */
static void
limit_tasks (guint spare)
{
  struct rlimit limit;

  if (getuid () == 0)
    {
      g_assert_cmpint (setgroups (0, NULL), ==, 0);
      g_assert_cmpint (setgid (NOBODY), ==, 0);
      g_assert_cmpint (setuid (NOBODY), ==, 0);
    }
  g_assert_cmpint (getrlimit (RLIMIT_NPROC, &limit), ==, 0);
  limit.rlim_cur = count_user_tasks (getuid ()) + spare;
  g_assert_cmpint (setrlimit (RLIMIT_NPROC, &limit), ==, 0);
}

/* The leak checker at exit needs a thread of its own. */
static void
unlimit_tasks (void)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_NPROC, &limit), ==, 0);
  limit.rlim_cur = limit.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_NPROC, &limit), ==, 0);
}

/* Starting fails with an error that names the first worker refused. */
static void
start_refused (const char *text,
               const char *expected)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (text);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(IlvRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvTrace) trace = NULL;

  g_main_context_push_thread_default (context);
  run = ilv_run_new (scenario);
  g_assert_false (ilv_run_start (run, &error));
  g_assert_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_START);
  g_print ("# %s\n", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  trace = ilv_trace_ref (ilv_run_get_trace (run));
  g_assert_true (ilv_trace_is_finished (trace));
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_ERROR);
  g_assert_false (ilv_run_is_running (run));
  /* Freeing the run joins the threads that did start. */
  g_clear_object (&run);
  g_main_context_pop_thread_default (context);
  g_assert_cmpuint (ilv_test_count_threads (), ==, 1);

  /* The synchronous path says the same. */
  g_clear_error (&error);
  g_assert_null (ilv_run_scenario_sync (scenario, &error));
  g_assert_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_START);
}

static void
run_refused (const char *text,
             guint       spare,
             const char *expected)
{
  if (g_test_subprocess ())
    {
      g_assert_cmpuint (ilv_test_count_threads (), ==, 1);
      limit_tasks (spare);
      start_refused (text, expected);
      unlimit_tasks ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                   G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Some threads start, then the system says no. */
static void
test_threads_refused (void)
{
  run_refused ("[Scenario]\nName=Thread refused\n"
               "[Workers w]\nKind=thread\nCount=200\nProgram=forever { sleep 1s }\n",
               8, "Could not start thread worker “w#");
}

static void
test_async_refused (void)
{
  run_refused ("[Scenario]\nName=Async loop refused\n"
               "[Workers t]\nKind=async\nCount=3\nProgram=sleep 1ms\n",
               0, "async");
}

static void
test_process_refused (void)
{
  run_refused ("[Scenario]\nName=Process refused\n"
               "[Workers p]\nKind=process\nCount=2\nProgram=sleep 1ms\n",
               0, "Could not start process worker “p#1”");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/reliability/threads/cap-refused", test_cap_refused);
  g_test_add_func ("/reliability/threads/cap-runs", test_cap_runs);
  g_test_add_func ("/reliability/threads/thread-refused", test_threads_refused);
  g_test_add_func ("/reliability/threads/async-refused", test_async_refused);
  g_test_add_func ("/reliability/threads/process-refused", test_process_refused);

  return g_test_run ();
}
