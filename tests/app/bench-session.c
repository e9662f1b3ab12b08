/* bench-session.c: saving and restoring the window's session with a
 * large run: how long, how long the main loop is kept from its work, how
 * much disk
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "ilv-session.h"
#include "ilv-test-folder.h"
#include "synthetic-trace.h"

#define N_EVENTS 1000000

/* The longest time the main loop went without dispatching a 1 ms tick. */
static gint64 last_tick;
static gint64 longest_gap;

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  longest_gap = MAX (longest_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
start_watch (void)
{
  last_tick = g_get_monotonic_time ();
  longest_gap = 0;
}

static void
restored_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  IlvSessionRuns **runs = user_data;

  *runs = ilv_session_restore_finish (ILV_SESSION (source_object), result, NULL);
}

static gint64
folder_size (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  gint64 total = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        total += st.st_size;
    }
  return total;
}

/* Saves `traces`; returns the wall time in ms and sets the main thread's
 * own time in the call and the longest main-loop gap. */
static double
timed_save (IlvSession *session,
            IlvTrace  **traces,
            guint       n,
            double     *call_ms,
            double     *gap_ms)
{
  gint64 start = g_get_monotonic_time ();

  start_watch ();
  ilv_session_save (session, traces, n, n - 1, "race-condition", NULL);
  *call_ms = (g_get_monotonic_time () - start) / 1000.0;
  while (ilv_session_is_saving (session))
    g_main_context_iteration (NULL, TRUE);
  *gap_ms = longest_gap / 1000.0;
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = ilv_test_folder_new ("interleave-bench-session");
  g_autofree char *folder = g_build_filename (tmp, "session", NULL);
  g_autoptr(IlvSession) session = NULL;
  g_autoptr(IlvSession) again = NULL;
  g_autoptr(IlvSessionRuns) runs = NULL;
  IlvTrace *traces[2];
  double save_ms, save_call_ms, save_gap_ms;
  double resave_ms, resave_call_ms, resave_gap_ms;
  double restore_ms, restore_gap_ms;
  double idle_gap_ms;
  gint64 start;
  guint tick;

  traces[0] = synth_uniform (64, N_EVENTS, 10 * 1000 * SYNTH_MS, NULL);
  traces[1] = synth_race ();
  session = ilv_session_new (folder, 4);
  tick = g_timeout_add (1, tick_cb, NULL);

  /* The same loop doing nothing for a second: what the machine's other
   * load alone costs it. */
  start_watch ();
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  idle_gap_ms = longest_gap / 1000.0;

  save_ms = timed_save (session, traces, 2, &save_call_ms, &save_gap_ms);
  /* The same runs again: nothing to write but the index. */
  resave_ms = timed_save (session, traces, 2, &resave_call_ms, &resave_gap_ms);

  again = ilv_session_new (folder, 4);
  start = g_get_monotonic_time ();
  start_watch ();
  ilv_session_restore_async (again, NULL, restored_cb, &runs);
  while (runs == NULL)
    g_main_context_iteration (NULL, TRUE);
  restore_ms = (g_get_monotonic_time () - start) / 1000.0;
  restore_gap_ms = longest_gap / 1000.0;
  g_assert_cmpuint (runs->traces->len, ==, 2);
  g_assert_cmpuint (runs->problems->len, ==, 0);

  printf ("{\"bench\": \"session\", \"events\": %u, \"events_recorded\": %" G_GSIZE_FORMAT ", "
          "\"save_ms\": %.0f, \"save_main_thread_ms\": %.1f, \"save_longest_main_loop_gap_ms\": %.1f, "
          "\"resave_ms\": %.1f, \"resave_longest_main_loop_gap_ms\": %.1f, "
          "\"restore_ms\": %.0f, \"restore_longest_main_loop_gap_ms\": %.1f, "
          "\"idle_longest_main_loop_gap_ms\": %.1f, \"disk_bytes\": %" G_GINT64_FORMAT "}\n",
          N_EVENTS, ilv_trace_get_n_events (traces[0]),
          save_ms, save_call_ms, save_gap_ms, resave_ms, resave_gap_ms,
          restore_ms, restore_gap_ms, idle_gap_ms, folder_size (folder));

  g_source_remove (tick);
  ilv_trace_unref (traces[0]);
  ilv_trace_unref (traces[1]);
  ilv_test_folder_remove (tmp);
  return 0;
}
