/* ilv-test-common.c: helpers shared by the engine and reliability tests
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include "ilv-test-common.h"

#define SETTLE_TRIES 200
#define SETTLE_US    (10 * 1000)

IlvScenario *
ilv_test_parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  IlvScenario *scenario;

  scenario = ilv_scenario_new_from_data (text, strlen (text), "test.scenario", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

gint64
ilv_test_clock_ns (clockid_t clock)
{
  struct timespec ts;

  g_assert_cmpint (clock_gettime (clock, &ts), ==, 0);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static gboolean
set_flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

void
ilv_test_iterate_for (GMainContext   *context,
                      guint           ms,
                      const gboolean *done)
{
  GSource *source = g_timeout_source_new (ms);
  gboolean expired = FALSE;

  g_source_set_callback (source, set_flag_cb, &expired, NULL);
  g_source_attach (source, context);
  while (!expired && (done == NULL || !*done))
    g_main_context_iteration (context, TRUE);
  g_source_destroy (source);
  g_source_unref (source);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

guint
ilv_test_count_fds (void)
{
  return count_entries ("/proc/self/fd");
}

guint
ilv_test_count_threads (void)
{
  return count_entries ("/proc/self/task");
}

void
ilv_test_assert_fds_back (guint before)
{
  guint tries;

  for (tries = 0; tries < SETTLE_TRIES && ilv_test_count_fds () > before; tries++)
    g_usleep (SETTLE_US);
  g_assert_cmpuint (ilv_test_count_fds (), <=, before);
}

void
ilv_test_assert_no_process_left (IlvTrace *trace)
{
  for (guint p = 0; p < ilv_trace_get_n_processes (trace); p++)
    {
      const IlvProcessInfo *info = ilv_trace_get_process (trace, p);
      guint tries;

      if (info->kind != ILV_WORKER_PROCESS || info->pid <= 0)
        continue;
      for (tries = 0; tries < SETTLE_TRIES && kill (-(pid_t) info->pid, 0) == 0; tries++)
        g_usleep (SETTLE_US);
      g_assert_cmpint (kill (-(pid_t) info->pid, 0), ==, -1);
      g_assert_cmpint (errno, ==, ESRCH);
      g_assert_cmpint (kill ((pid_t) info->pid, 0), ==, -1);
    }
}
