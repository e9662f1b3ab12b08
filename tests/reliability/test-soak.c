/* test-soak.c: many short runs in one process leak nothing
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cycles through small scenarios of threads, processes, async tasks and
 * all three at once (1,000 runs by default, `--runs N` for another count)
 * and compares what the process holds before and after: descriptors
 * (/proc/self/fd) and threads (/proc/self/task) must be back exactly, the
 * resident set may grow only by a small bound (the allocator keeps some
 * memory; a leak of even 1 KiB per run would be ten times the bound).
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "ilv-reliability-util.h"

/* Resident growth allowed over the whole soak. AddressSanitizer holds
 * freed memory in its quarantine (256 MiB by default) and is only told. */
#define RSS_BOUND_KIB (ILV_REL_ASAN ? 512 * 1024 : 4 * 1024)

static guint n_runs = 1000;

static const char *scenarios[] = {
  "[Scenario]\nName=Soak threads\nGIL=true\n"
  "[Value v]\n[Lock l]\n"
  "[Workers w]\nKind=thread\nCount=3\nProgram=repeat 2 { with l { load v; add 1; store v }; compute 200us }\n",

  "[Scenario]\nName=Soak processes\nGIL=true\n"
  "[Value v]\n[Lock l]\n"
  "[Workers p]\nKind=process\nCount=2\nProgram=compute 500us; with l { load v; add 1; store v }\n",

  "[Scenario]\nName=Soak async\n"
  "[Queue q]\nCapacity=2\n"
  "[Workers producer]\nKind=async\nProgram=repeat 4 { put q; sleep 200us }\n"
  "[Workers consumer]\nKind=async\nCount=2\nProgram=repeat 2 { get q; task_done q }\n",

  "[Scenario]\nName=Soak mixed\nGIL=true\n"
  "[Queue q]\n[Event e]\n"
  "[Workers t]\nKind=thread\nCount=2\nProgram=put q; wait e\n"
  "[Workers a]\nKind=async\nProgram=get q; get q; set e\n"
  "[Workers p]\nKind=process\nProgram=compute 300us\n",
};

typedef struct
{
  guint   fds;
  guint   threads;
  guint64 rss_kib;
} Holdings;

static void
holdings_take (Holdings *h)
{
  h->fds = ilv_test_count_fds ();
  h->threads = ilv_test_count_threads ();
  h->rss_kib = ilv_rel_rss_kib ();
}

static void
run_one (IlvScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvTrace) trace = NULL;

  trace = ilv_run_scenario_sync (scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_FINISHED);
  ilv_rel_assert_all_done (trace);
  ilv_test_assert_no_process_left (trace);
}

static void
test_soak (void)
{
  IlvScenario *parsed[G_N_ELEMENTS (scenarios)];
  Holdings start, end;
  gint64 t0, elapsed;

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    parsed[i] = ilv_test_parse (scenarios[i]);

  /* One round first: what GLib and the engine set up once per process
   * (GLib's worker thread, the calibration, the allocator's arenas). */
  for (guint i = 0; i < 2 * G_N_ELEMENTS (scenarios); i++)
    run_one (parsed[i % G_N_ELEMENTS (scenarios)]);
  holdings_take (&start);

  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < n_runs; i++)
    {
      run_one (parsed[i % G_N_ELEMENTS (scenarios)]);
      if ((i + 1) % 250 == 0)
        ilv_rel_message ("after %u runs: %u fds, %u threads, RSS %" G_GUINT64_FORMAT " KiB",
                         i + 1, ilv_test_count_fds (), ilv_test_count_threads (),
                         ilv_rel_rss_kib ());
    }
  elapsed = g_get_monotonic_time () - t0;
  holdings_take (&end);

  ilv_rel_message ("%u runs in %.1f s (%.1f ms each): fds %u -> %u, threads %u -> %u, "
                   "RSS %" G_GUINT64_FORMAT " -> %" G_GUINT64_FORMAT " KiB (bound +%d KiB)%s",
                   n_runs, elapsed / 1e6, elapsed / 1e3 / n_runs,
                   start.fds, end.fds, start.threads, end.threads,
                   start.rss_kib, end.rss_kib, RSS_BOUND_KIB,
                   ILV_REL_ASAN ? " under AddressSanitizer" : "");
  if (end.fds != start.fds)
    ilv_rel_print_fds ();
  g_assert_cmpuint (end.fds, ==, start.fds);
  g_assert_cmpuint (end.threads, ==, start.threads);
  g_assert_cmpuint (end.rss_kib, <=, start.rss_kib + RSS_BOUND_KIB);

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    ilv_scenario_unref (parsed[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);

  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--runs"))
      n_runs = (guint) CLAMP (atoi (argv[i + 1]), 1, 1000000);

  g_test_add_func ("/reliability/soak", test_soak);

  return g_test_run ();
}
