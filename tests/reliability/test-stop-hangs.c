/* test-stop-hangs.c: Stop ends runs that would never end by themselves
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind of hang is started and stopped RUNS times: a thread stuck in
 * `forever { sleep 1s }`, threads waiting for a lock whose holder never
 * lets go, async tasks waiting for an event nobody sets, the same with
 * process workers (shared-memory lock), and process workers that ignore
 * SIGTERM (a wrapper script traps it and execs the real worker, so only the
 * SIGKILL after the grace ends them). Stop must end each within the grace
 * and a second; the assertion allows three seconds for a loaded machine,
 * and the worst real figure is printed.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "ilv-reliability-util.h"

#define RUNS 50
/* The process executor's SIGTERM → SIGKILL grace. */
#define STOP_GRACE_MS 300
#define BOUND_US ((STOP_GRACE_MS + 3000) * G_GINT64_CONSTANT (1000))
/* Long enough for every worker to be in its wait. */
#define RUN_MS 40

static const char *thread_sleep_text =
  "[Scenario]\nName=Stuck threads\n"
  "[Workers stuck]\nKind=thread\nCount=4\nProgram=forever { sleep 1s }\n";

static const char *thread_lock_text =
  "[Scenario]\nName=Lock never released\n"
  "[Lock l]\n[Event held]\n"
  "[Workers holder]\nKind=thread\nProgram=acquire l; set held; forever { sleep 1s }\n"
  "[Workers waiter]\nKind=thread\nCount=3\nProgram=wait held; acquire l; release l\n";

static const char *async_text =
  "[Scenario]\nName=Event never set\n"
  "[Event never]\n"
  "[Workers sleeper]\nKind=async\nCount=2\nProgram=forever { sleep 1s }\n"
  "[Workers waiter]\nKind=async\nCount=2\nProgram=wait never\n";

static const char *process_lock_text =
  "[Scenario]\nName=Lock never released between processes\n"
  "[Lock l]\n[Event held]\n"
  "[Workers holder]\nKind=process\nProgram=acquire l; set held; forever { sleep 1s }\n"
  "[Workers waiter]\nKind=process\nCount=2\nProgram=wait held; acquire l; release l\n"
  "[Workers stuck]\nKind=thread\nProgram=forever { sleep 1s }\n";

static const char *process_sleep_text =
  "[Scenario]\nName=Processes that ignore SIGTERM\n"
  "[Workers stuck]\nKind=process\nCount=2\nProgram=forever { sleep 1s }\n";

/* Stops `text` RUNS times; returns the worst stop time in µs. */
static gint64
stop_many (const char *label,
           const char *text,
           guint       run_ms)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (text);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint fds_before;
  gint64 worst;

  /* The first run opens what lives as long as the process (GLib's
   * wake-up descriptors and the like): count from after it. */
  ilv_rel_warm_up (scenario, run_ms);
  fds_before = ilv_test_count_fds ();
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(IlvTrace) trace = NULL;
      gint64 stop_us;

      trace = ilv_rel_run_and_stop (scenario, run_ms, &stop_us);
      g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_STOPPED);
      g_assert_cmpint (stop_us, <, BOUND_US);
      ilv_test_assert_no_process_left (trace);
      g_array_append_val (times, stop_us);
    }
  g_assert_cmpuint (ilv_test_count_fds (), ==, fds_before);

  worst = ilv_rel_percentile (times, 1.0);
  ilv_rel_message ("%s: %u stops, median %.1f ms, worst %.1f ms (grace %d ms)",
                   label, RUNS, ilv_rel_percentile (times, 0.5) / 1000.0,
                   worst / 1000.0, STOP_GRACE_MS);
  return worst;
}

static void
test_thread_sleep (void)
{
  stop_many ("threads in forever { sleep 1s }", thread_sleep_text, RUN_MS);
}

static void
test_thread_lock (void)
{
  stop_many ("threads waiting for a lock never released", thread_lock_text, RUN_MS);
}

static void
test_async (void)
{
  stop_many ("async tasks asleep and waiting for an event never set", async_text, RUN_MS);
}

static void
test_process_lock (void)
{
  stop_many ("processes waiting for a lock never released", process_lock_text, RUN_MS);
}

/* In a subprocess, where ILV_WORKER_PATH can be set before any thread
 * exists: the executor starts the wrapper, which ignores SIGTERM (the
 * disposition survives exec) and runs the real worker. */
static void
test_process_ignoring_sigterm (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *worker = ilv_rel_build_worker_path ();
      g_autofree char *tmp = g_dir_make_tmp ("ilv-reliability-XXXXXX", NULL);
      g_autofree char *wrapper = g_build_filename (tmp, "worker.sh", NULL);
      g_autofree char *script = g_strdup_printf ("#!/bin/sh\ntrap '' TERM\nexec '%s' \"$@\"\n", worker);
      gint64 worst;

      g_assert_true (g_file_test (worker, G_FILE_TEST_IS_EXECUTABLE));
      g_assert_true (g_file_set_contents (wrapper, script, -1, NULL));
      g_assert_cmpint (g_chmod (wrapper, 0755), ==, 0);
      g_setenv ("ILV_WORKER_PATH", wrapper, TRUE);

      worst = stop_many ("processes ignoring SIGTERM", process_sleep_text, RUN_MS);
      g_unlink (wrapper);
      g_rmdir (tmp);
      /* Only SIGKILL ended them, so the grace was waited for. */
      g_assert_cmpint (worst, >=, (STOP_GRACE_MS - 50) * 1000);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                   G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/reliability/stop/thread-sleep", test_thread_sleep);
  g_test_add_func ("/reliability/stop/thread-lock", test_thread_lock);
  g_test_add_func ("/reliability/stop/async", test_async);
  g_test_add_func ("/reliability/stop/process-lock", test_process_lock);
  g_test_add_func ("/reliability/stop/process-ignoring-sigterm", test_process_ignoring_sigterm);

  return g_test_run ();
}
