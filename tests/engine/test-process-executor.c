/* test-process-executor.c: real interleave-worker children, their pipes and ends
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ilv-process-executor.h"
#include "ilv-resources.h"
#include "ilv-test-common.h"

#define MAX_LANES 8

typedef struct
{
  GMainContext       *context;
  IlvScenario        *scenario;
  IlvResources       *resources;
  IlvProcessExecutor *executor;
  GArray             *events;
  gint                status[MAX_LANES];
  char               *message[MAX_LANES];
  gint64              pid[MAX_LANES];
  guint               n_exits;
  gint64              origin;
} Fixture;

static void
events_cb (const IlvEvent *events,
           gsize           n_events,
           gpointer        user_data)
{
  Fixture *f = user_data;

  g_array_append_vals (f->events, events, n_events);
}

static void
exit_cb (guint32  lane,
         gint     exit_status,
         gpointer user_data)
{
  Fixture *f = user_data;

  g_assert_cmpuint (lane, <, MAX_LANES);
  g_assert_cmpint (f->status[lane], ==, -1);  /* once per child */
  f->status[lane] = exit_status;
  f->message[lane] = g_strdup (ilv_process_executor_get_message (f->executor, lane));
  f->n_exits++;
}

static void
fixture_setup (Fixture    *f,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  guint i;

  f->context = g_main_context_new ();
  g_main_context_push_thread_default (f->context);
  f->scenario = ilv_scenario_new_from_data (text, strlen (text), "test", NULL, &error);
  g_assert_no_error (error);
  f->resources = ilv_resources_new (f->scenario, &error);
  g_assert_no_error (error);
  f->events = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  for (i = 0; i < MAX_LANES; i++)
    f->status[i] = -1;
  f->origin = ilv_now_ns ();
  f->executor = ilv_process_executor_new (text, strlen (text), f->resources, f->origin,
                                          events_cb, exit_cb, f);
}

static guint count_type (Fixture *f,
                         guint    lane,
                         guint16  type);

static void
fixture_teardown (Fixture *f)
{
  guint i;

  ilv_process_executor_free (f->executor);
  /* Let cancelled waits finish, as the app's main loop would. */
  ilv_test_iterate_for (f->context, 20, NULL);
  ilv_resources_free (f->resources);
  ilv_scenario_unref (f->scenario);
  g_array_unref (f->events);
  for (i = 0; i < MAX_LANES; i++)
    g_free (f->message[i]);
  g_main_context_pop_thread_default (f->context);
  g_main_context_unref (f->context);
}

static gboolean
spawn (Fixture  *f,
       guint     lane,
       guint     group,
       GError  **error)
{
  IlvWorkerSpec spec = { 0 };

  spec.lane = lane;
  spec.group = group;
  spec.instance = lane;
  spec.process = lane + 1;
  spec.origin_ns = f->origin;
  return ilv_process_executor_spawn (f->executor, &spec, &f->pid[lane], error);
}

static void
spawn_ok (Fixture *f,
          guint    lane,
          guint    group)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (spawn (f, lane, group, &error));
  g_assert_no_error (error);
  g_assert_cmpint (f->pid[lane], >, 0);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until every child was reported; FALSE after `seconds`. */
static gboolean
wait_all (Fixture *f,
          guint    seconds)
{
  gboolean timed_out = FALSE;
  GSource *timeout = g_timeout_source_new_seconds (seconds);

  g_source_set_callback (timeout, timeout_cb, &timed_out, NULL);
  g_source_attach (timeout, f->context);
  while (ilv_process_executor_get_n_alive (f->executor) > 0 && !timed_out)
    g_main_context_iteration (f->context, TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  return !timed_out;
}

/* Iterates until lanes 0 … n − 1 have all started (at most 10 s). */
static void
wait_started (Fixture *f,
              guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint lane;

  for (lane = 0; lane < n; lane++)
    while (count_type (f, lane, ILV_EVENT_WORKER_START) == 0)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        ilv_test_iterate_for (f->context, 5, NULL);
      }
}

/* Nothing of the child's process group is left, and it was reaped. */
static void
assert_gone (gint64 pid)
{
  guint tries;

  /* A killed grandchild is reaped by init, in its own time. */
  for (tries = 0; tries < 200 && kill (-(pid_t) pid, 0) == 0; tries++)
    g_usleep (10 * 1000);
  g_assert_cmpint (kill (-(pid_t) pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);
  g_assert_cmpint (kill ((pid_t) pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);
}

static guint
count_type (Fixture *f,
            guint    lane,
            guint16  type)
{
  guint n = 0;
  guint i;

  for (i = 0; i < f->events->len; i++)
    {
      const IlvEvent *e = &g_array_index (f->events, IlvEvent, i);

      n += e->lane == lane && e->type == type;
    }
  return n;
}

static void
test_events (void)
{
  const char *text =
    "[Scenario]\nName=events\n\n"
    "[Value v]\nInitial=0\n\n"
    "[Workers w]\nKind=process\nCount=2\n"
    "Program=compute 1ms; repeat 300 { mark \"m\" }; load v; add 1; store v; sleep 1ms\n";
  Fixture f = { 0 };
  guint before = ilv_test_count_fds ();
  gint64 last[2] = { 0, 0 };
  guint i;

  fixture_setup (&f, text);
  spawn_ok (&f, 0, 0);
  spawn_ok (&f, 1, 0);
  g_assert_cmpuint (ilv_process_executor_get_n_alive (f.executor), ==, 2);
  g_assert_true (wait_all (&f, 20));

  for (i = 0; i < 2; i++)
    {
      g_assert_cmpint (f.status[i], ==, 0);
      g_assert_null (f.message[i]);
      g_assert_cmpuint (count_type (&f, i, ILV_EVENT_WORKER_START), ==, 1);
      g_assert_cmpuint (count_type (&f, i, ILV_EVENT_WORKER_END), ==, 1);
      /* More than two batches' worth: nothing lost between batches. */
      g_assert_cmpuint (count_type (&f, i, ILV_EVENT_MARK), ==, 300);
      g_assert_cmpuint (count_type (&f, i, ILV_EVENT_VALUE_STORE), ==, 1);
      assert_gone (f.pid[i]);
    }
  /* Per lane in time order, WORKER_START first and WORKER_END last. */
  for (i = 0; i < f.events->len; i++)
    {
      const IlvEvent *e = &g_array_index (f.events, IlvEvent, i);

      g_assert_cmpuint (e->lane, <, 2);
      g_assert_cmpint (e->time_ns, >=, last[e->lane]);
      if (last[e->lane] == 0)
        g_assert_cmpuint (e->type, ==, ILV_EVENT_WORKER_START);
      last[e->lane] = e->time_ns;
    }
  g_assert_cmpuint (g_array_index (f.events, IlvEvent, f.events->len - 1).type, ==, ILV_EVENT_WORKER_END);
  g_assert_cmpint (ilv_resources_peek (f.resources, 0, 0), ==, 2);
  fixture_teardown (&f);
  ilv_test_assert_fds_back (before);
}

static void
test_crash_matrix (void)
{
  static const struct { const char *step; gint status; } crashes[] = {
    { "crash segv", 256 + SIGSEGV },
    { "crash abort", 256 + SIGABRT },
    { "crash fpe", 256 + SIGFPE },
    { "crash kill", 256 + SIGKILL },
    { "crash exit 3", 3 },
  };
  guint before = ilv_test_count_fds ();
  guint c, marks;

  for (c = 0; c < G_N_ELEMENTS (crashes); c++)
    for (marks = 0; marks <= 250; marks += 250)
      {
        g_autofree char *before_crash = marks > 0 ? g_strdup_printf ("repeat %u { mark \"m\" }; ", marks)
                                                  : g_strdup ("");
        g_autofree char *text = g_strdup_printf (
          "[Scenario]\nName=crash\n\n"
          "[Workers victim]\nKind=process\nProgram=%s%s; mark \"never\"\n\n"
          "[Workers bystander]\nKind=process\nProgram=sleep 20ms; mark \"alive\"\n",
          before_crash, crashes[c].step);
        Fixture f = { 0 };

        g_test_message ("%s after %u marks", crashes[c].step, marks);
        fixture_setup (&f, text);
        spawn_ok (&f, 0, 0);
        spawn_ok (&f, 1, 1);
        g_assert_true (wait_all (&f, 20));
        g_assert_cmpint (f.status[0], ==, crashes[c].status);
        g_assert_cmpint (f.status[1], ==, 0);
        /* Everything sent before the crash arrived; nothing after it. */
        g_assert_cmpuint (count_type (&f, 0, ILV_EVENT_WORKER_START), ==, 1);
        g_assert_cmpuint (count_type (&f, 0, ILV_EVENT_MARK), ==, marks);
        g_assert_cmpuint (count_type (&f, 0, ILV_EVENT_WORKER_END), ==, 0);
        g_assert_cmpuint (count_type (&f, 1, ILV_EVENT_MARK), ==, 1);
        g_assert_cmpuint (count_type (&f, 1, ILV_EVENT_WORKER_END), ==, 1);
        assert_gone (f.pid[0]);
        assert_gone (f.pid[1]);
        fixture_teardown (&f);
      }
  ilv_test_assert_fds_back (before);
}

/* A worker program that is not interleave-worker, for what the real one
 * never does: die before its first event, write garbage, leave a
 * grandchild holding its pipe. */
static char *
write_script (const char *dir,
              const char *name,
              const char *body)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\n%s\n", body);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return g_steal_pointer (&path);
}

/* Makes the fixture's workers `body` (a shell script), for `seconds` at most. */
static void
run_script (const char *body,
            Fixture    *f,
            guint       n_workers,
            guint       seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ilv-test-XXXXXX", &error);
  g_autofree char *script = NULL;
  guint i;

  g_assert_no_error (error);
  script = write_script (dir, "worker.sh", body);
  ilv_process_executor_set_worker_path (f->executor, script);
  for (i = 0; i < n_workers; i++)
    spawn_ok (f, i, 0);
  g_assert_true (wait_all (f, seconds));
  g_unlink (script);
  g_rmdir (dir);
}

static const char *script_text = "[Scenario]\nName=script\n\n[Workers w]\nKind=process\nProgram=sleep 1ms\n";

static void
test_dies_before_first_event (void)
{
  Fixture f = { 0 };
  guint before = ilv_test_count_fds ();

  fixture_setup (&f, script_text);
  run_script ("kill -SEGV $$", &f, 1, 10);
  g_assert_cmpint (f.status[0], ==, 256 + SIGSEGV);
  g_assert_cmpuint (f.events->len, ==, 0);
  assert_gone (f.pid[0]);
  fixture_teardown (&f);
  ilv_test_assert_fds_back (before);
}

static void
test_bad_stream (void)
{
  Fixture f = { 0 };
  guint before = ilv_test_count_fds ();
  gint64 start = g_get_monotonic_time ();

  /* Garbage on the events pipe, then a long wait: the executor must cut
   * it off rather than wait. */
  fixture_setup (&f, script_text);
  run_script ("printf 'this is not a batch header' >&5; exec sleep 30", &f, 1, 10);
  g_assert_cmpint (f.status[0], ==, 256 + SIGKILL);
  g_assert_nonnull (f.message[0]);
  g_assert_nonnull (strstr (f.message[0], "magic"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  assert_gone (f.pid[0]);
  fixture_teardown (&f);
  ilv_test_assert_fds_back (before);
}

static void
test_grandchild_holds_pipe (void)
{
  Fixture f = { 0 };
  guint before = ilv_test_count_fds ();
  gint64 start = g_get_monotonic_time ();

  /* The child exits at once; a grandchild keeps the pipe open for 30 s.
   * The end is reported anyway, and the grandchild does not outlive it. */
  fixture_setup (&f, script_text);
  run_script ("sleep 30 >&5 &\nexit 0", &f, 1, 10);
  g_assert_cmpint (f.status[0], ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  ilv_test_iterate_for (f.context, 50, NULL);
  assert_gone (f.pid[0]);
  fixture_teardown (&f);
  ilv_test_assert_fds_back (before);
}

static void
test_missing_worker (void)
{
  const char *text = "[Scenario]\nName=missing\n\n[Workers w]\nKind=process\nProgram=sleep 1ms\n";
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  guint before = ilv_test_count_fds ();

  fixture_setup (&f, text);
  ilv_process_executor_set_worker_path (f.executor, "/nonexistent/interleave-worker");
  g_assert_false (spawn (&f, 0, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "ILV_WORKER_PATH"));
  g_assert_cmpuint (ilv_process_executor_get_n_alive (f.executor), ==, 0);
  fixture_teardown (&f);
  ilv_test_assert_fds_back (before);
}

/* ILV_WORKER_PATH overrides where the worker is looked for. Run in a
 * subprocess, where it is set before any thread exists. */
static void
test_worker_path_variable (void)
{
  if (g_test_subprocess ())
    {
      Fixture f = { 0 };

      g_setenv ("ILV_WORKER_PATH", "/nonexistent/from-the-environment", TRUE);
      fixture_setup (&f, script_text);
      g_assert_cmpstr (ilv_process_executor_get_worker_path (f.executor), ==,
                       "/nonexistent/from-the-environment");
      fixture_teardown (&f);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Without it, the build tree's worker is found from the running executable. */
static void
test_worker_found (void)
{
  Fixture f = { 0 };
  g_autofree char *base = NULL;

  fixture_setup (&f, script_text);
  base = g_path_get_basename (ilv_process_executor_get_worker_path (f.executor));
  g_assert_cmpstr (base, ==, "interleave-worker");
  g_assert_true (g_file_test (ilv_process_executor_get_worker_path (f.executor), G_FILE_TEST_IS_EXECUTABLE));
  fixture_teardown (&f);
}

static void
test_terminate_one (void)
{
  const char *text =
    "[Scenario]\nName=terminate\n\n"
    "[Workers endless]\nKind=process\nProgram=forever { compute 1ms; sleep 1ms }\n\n"
    "[Workers finite]\nKind=process\nProgram=sleep 50ms\n";
  Fixture f = { 0 };

  fixture_setup (&f, text);
  spawn_ok (&f, 0, 0);
  spawn_ok (&f, 1, 1);
  wait_started (&f, 1);
  ilv_process_executor_terminate (f.executor, 0);
  g_assert_true (wait_all (&f, 10));
  g_assert_cmpint (f.status[0], ==, 256 + SIGTERM);
  g_assert_cmpint (f.status[1], ==, 0);
  g_assert_cmpuint (count_type (&f, 0, ILV_EVENT_WORKER_START), ==, 1);
  assert_gone (f.pid[0]);
  fixture_teardown (&f);
}

static void
stop_endless (gboolean ignore_sigterm)
{
  const char *text =
    "[Scenario]\nName=endless\n\n"
    "[Workers endless]\nKind=process\nCount=2\nProgram=forever { compute 2ms; sleep 1ms }\n";
  Fixture f = { 0 };
  guint before = ilv_test_count_fds ();
  gint expected = 256 + (ignore_sigterm ? SIGKILL : SIGTERM);
  gint64 start;

  fixture_setup (&f, text);
  if (ignore_sigterm)
    {
      /* The real worker, with SIGTERM ignored (inherited across exec). */
      g_autofree char *wrapper = g_strdup_printf ("trap '' TERM\nexec '%s' \"$@\"",
                                                  ilv_process_executor_get_worker_path (f.executor));
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("ilv-test-XXXXXX", &error);
      g_autofree char *script = write_script (dir, "worker.sh", wrapper);

      ilv_process_executor_set_worker_path (f.executor, script);
      spawn_ok (&f, 0, 0);
      spawn_ok (&f, 1, 0);
      wait_started (&f, 2);
      g_unlink (script);
      g_rmdir (dir);
    }
  else
    {
      spawn_ok (&f, 0, 0);
      spawn_ok (&f, 1, 0);
      wait_started (&f, 2);
    }
  /* Both really run the program. */
  g_assert_cmpuint (count_type (&f, 0, ILV_EVENT_WORKER_START), ==, 1);
  g_assert_cmpuint (count_type (&f, 1, ILV_EVENT_WORKER_START), ==, 1);

  start = g_get_monotonic_time ();
  ilv_process_executor_stop (f.executor);
  ilv_process_executor_stop (f.executor);  /* twice is fine */
  g_assert_true (wait_all (&f, 5));
  /* Within the 300 ms grace plus a second, however the worker behaves. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1300 * 1000);
  if (ignore_sigterm)  /* SIGKILL comes only after the grace */
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
  g_assert_cmpint (f.status[0], ==, expected);
  g_assert_cmpint (f.status[1], ==, expected);
  assert_gone (f.pid[0]);
  assert_gone (f.pid[1]);
  fixture_teardown (&f);
  ilv_test_assert_fds_back (before);
}

static void
test_stop (void)
{
  stop_endless (FALSE);
}

static void
test_stop_ignoring_sigterm (void)
{
  stop_endless (TRUE);
}

static void
test_free_while_running (void)
{
  const char *text = "[Scenario]\nName=free\n\n[Workers w]\nKind=process\nProgram=forever { sleep 5ms }\n";
  Fixture f = { 0 };
  guint before = ilv_test_count_fds ();
  gint64 pid;

  fixture_setup (&f, text);
  spawn_ok (&f, 0, 0);
  pid = f.pid[0];
  ilv_test_iterate_for (f.context, 20, NULL);
  /* Freeing kills and reaps what still runs, and calls back nothing. */
  fixture_teardown (&f);
  g_assert_cmpint (f.n_exits, ==, 0);
  assert_gone (pid);
  ilv_test_assert_fds_back (before);
}

/* If the app dies, its workers die with it (the parent-death signal),
 * even one that never writes to its pipe again (a write would end it with
 * SIGPIPE anyway): here a worker that only sleeps. */
static void
test_parent_death (void)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gint64 pid;
  guint tries;

  /* The subprocess leaves its worker's pid in a file named after us. */
  name = g_strdup_printf ("ilv-test-orphan-%d", g_test_subprocess () ? (int) getppid () : (int) getpid ());
  path = g_build_filename (g_get_tmp_dir (), name, NULL);
  if (g_test_subprocess ())
    {
      Fixture f = { 0 };
      g_autofree char *pid_text = NULL;
      g_autofree char *dir = g_dir_make_tmp ("ilv-test-XXXXXX", NULL);
      g_autofree char *script = write_script (dir, "worker.sh", "exec sleep 30 </dev/null >/dev/null 2>&1");

      fixture_setup (&f, script_text);
      ilv_process_executor_set_worker_path (f.executor, script);
      spawn_ok (&f, 0, 0);
      ilv_test_iterate_for (f.context, 50, NULL);  /* the shell has become sleep */
      g_unlink (script);
      g_rmdir (dir);
      pid_text = g_strdup_printf ("%" G_GINT64_FORMAT, f.pid[0]);
      g_assert_true (g_file_set_contents (path, pid_text, -1, NULL));
      _exit (0);  /* no stop, no free: as if the app crashed */
    }
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_unlink (path);
  pid = g_ascii_strtoll (contents, NULL, 10);
  g_assert_cmpint (pid, >, 0);
  for (tries = 0; tries < 500 && kill ((pid_t) pid, 0) == 0; tries++)
    g_usleep (10 * 1000);
  if (kill ((pid_t) pid, 0) == 0)
    kill ((pid_t) pid, SIGKILL);  /* do not leave it behind when failing */
  g_assert_cmpint (tries, <, 500);
}

/* GLib opens a few fds for good on its first child (its worker thread's
 * wakeup and child-watch fds): open them before any fd count is taken. */
static void
warm_up (void)
{
  g_autoptr(GSubprocess) child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "true", NULL);

  g_assert_nonnull (child);
  g_assert_true (g_subprocess_wait (child, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The app's main() ignores SIGPIPE; so does this test. */
  signal (SIGPIPE, SIG_IGN);
  if (!g_test_subprocess ())
    warm_up ();

  g_test_add_func ("/process-executor/events", test_events);
  g_test_add_func ("/process-executor/crash-matrix", test_crash_matrix);
  g_test_add_func ("/process-executor/dies-before-first-event", test_dies_before_first_event);
  g_test_add_func ("/process-executor/bad-stream", test_bad_stream);
  g_test_add_func ("/process-executor/grandchild-holds-pipe", test_grandchild_holds_pipe);
  g_test_add_func ("/process-executor/missing-worker", test_missing_worker);
  g_test_add_func ("/process-executor/worker-path-variable", test_worker_path_variable);
  g_test_add_func ("/process-executor/worker-found", test_worker_found);
  g_test_add_func ("/process-executor/terminate-one", test_terminate_one);
  g_test_add_func ("/process-executor/stop", test_stop);
  g_test_add_func ("/process-executor/stop-ignoring-sigterm", test_stop_ignoring_sigterm);
  g_test_add_func ("/process-executor/free-while-running", test_free_while_running);
  g_test_add_func ("/process-executor/parent-death", test_parent_death);

  return g_test_run ();
}
