/* ilv-reliability-util.c: helpers shared by the reliability tests
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "ilv-reliability-util.h"

static void
finished_cb (IlvRun   *run,
             gboolean *done)
{
  *done = TRUE;
}

static gboolean
all_started (IlvTrace *trace)
{
  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    if (ilv_trace_get_lane (trace, i)->kind == ILV_LANE_WORKER &&
        ilv_trace_lane_get_start_cost (trace, i) <= 0)
      return FALSE;
  return TRUE;
}

static void
wait_started (GMainContext *context,
              IlvTrace     *trace,
              gboolean     *done)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!all_started (trace) && !*done && g_get_monotonic_time () < deadline)
    ilv_test_iterate_for (context, 1, done);
  g_assert_true (all_started (trace));
}

static void
assert_none_ended (IlvTrace *trace)
{
  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    {
      gsize n = ilv_trace_lane_get_n_spans (trace, i);
      IlvSpan span;

      if (ilv_trace_get_lane (trace, i)->kind != ILV_LANE_WORKER || n == 0)
        continue;
      ilv_trace_lane_get_span (trace, i, n - 1, &span);
      g_assert_cmpint (span.state, !=, ILV_STATE_DONE);
      g_assert_cmpint (span.state, !=, ILV_STATE_CRASHED);
    }
}

IlvTrace *
ilv_rel_run_and_stop (IlvScenario *scenario,
                      guint        run_ms,
                      gint64      *stop_us)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(IlvRun) run = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  IlvTrace *trace;
  gint64 start;

  g_main_context_push_thread_default (context);
  run = ilv_run_new (scenario);
  g_signal_connect (run, "finished", G_CALLBACK (finished_cb), &done);
  g_assert_true (ilv_run_start (run, &error));
  g_assert_no_error (error);

  /* Every worker has begun its program and none has ended. */
  wait_started (context, ilv_run_get_trace (run), &done);
  ilv_test_iterate_for (context, run_ms, &done);
  g_assert_false (done);  /* it hangs until stopped */
  assert_none_ended (ilv_run_get_trace (run));

  start = g_get_monotonic_time ();
  ilv_run_stop (run);
  while (!done)
    g_main_context_iteration (context, TRUE);
  *stop_us = g_get_monotonic_time () - start;

  trace = ilv_trace_ref (ilv_run_get_trace (run));
  g_clear_object (&run);
  g_main_context_pop_thread_default (context);
  return trace;
}

guint64
ilv_rel_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nVmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
}

static gint
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

gint64
ilv_rel_percentile (GArray *values,
                    double  fraction)
{
  g_autoptr(GArray) sorted = NULL;
  guint index;

  g_assert_cmpuint (values->len, >, 0);
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), values->len);
  g_array_append_vals (sorted, values->data, values->len);
  g_array_sort (sorted, compare_gint64);
  index = (guint) (fraction * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, gint64, MIN (index, sorted->len - 1));
}

char *
ilv_rel_build_worker_path (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  g_assert_nonnull (exe);
  dir = g_path_get_dirname (exe);
  return g_build_filename (dir, "..", "..", "src", "worker", "interleave-worker", NULL);
}

void
ilv_rel_warm_up (IlvScenario *scenario,
                 guint        run_ms)
{
  g_autoptr(IlvTrace) trace = NULL;
  gint64 stop_us;

  trace = ilv_rel_run_and_stop (scenario, run_ms, &stop_us);
  g_assert_cmpint (ilv_trace_get_stop_reason (trace), ==, ILV_STOP_STOPPED);
}

void
ilv_rel_print_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      g_test_message ("fd %s -> %s", name, target != NULL ? target : "?");
    }
}

void
ilv_rel_message (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (g_test_subprocess ())
    g_print ("# %s\n", message);
  else
    g_test_message ("%s", message);
}

void
ilv_rel_assert_all_done (IlvTrace *trace)
{
  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    {
      gsize n = ilv_trace_lane_get_n_spans (trace, i);
      IlvSpan span;

      if (ilv_trace_get_lane (trace, i)->kind != ILV_LANE_WORKER)
        continue;
      g_assert_cmpuint (n, >, 0);
      ilv_trace_lane_get_span (trace, i, n - 1, &span);
      if (span.state != ILV_STATE_DONE)
        g_error ("lane %s ended %s, not done", ilv_trace_get_lane (trace, i)->name,
                 ilv_state_to_string (span.state));
    }
}
