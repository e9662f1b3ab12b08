/* bench-record.c: the cost of recording one event, beside a clock read
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-recorder.h"
#include "ilv-test-common.h"

#define N_EVENTS 4000000
#define N_ROUNDS 5

typedef struct
{
  IlvRecorder *recorder;
  GThread     *thread;
  gint64       elapsed_ns;
  gint         finished;   /* atomic */
} Writer;

static gpointer
writer_main (gpointer data)
{
  Writer *writer = data;
  gint64 t0 = ilv_test_clock_ns (CLOCK_THREAD_CPUTIME_ID);

  for (guint i = 0; i < N_EVENTS; i++)
    ilv_recorder_emit (writer->recorder, 0, ILV_EVENT_STATE, -1, i, 0);
  writer->elapsed_ns = ilv_test_clock_ns (CLOCK_THREAD_CPUTIME_ID) - t0;
  g_atomic_int_set (&writer->finished, 1);
  return NULL;
}

static double
clock_cost_ns (void)
{
  volatile gint64 sink = 0;
  gint64 t0 = ilv_test_clock_ns (CLOCK_THREAD_CPUTIME_ID);

  for (guint i = 0; i < N_EVENTS; i++)
    sink += ilv_now_ns ();
  return (double) (ilv_test_clock_ns (CLOCK_THREAD_CPUTIME_ID) - t0) / N_EVENTS;
}

/* n writers at once, each to its own recorder, drained the way a run
 * drains them (every millisecond here, every 16 ms in a run). */
static double
event_cost_ns (guint n_writers)
{
  Writer writers[2] = { { 0 } };
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  gboolean all_done = FALSE;
  double worst = 0;

  for (guint i = 0; i < n_writers; i++)
    {
      writers[i].recorder = ilv_recorder_new ();
      writers[i].thread = g_thread_new ("writer", writer_main, &writers[i]);
    }

  while (!all_done)
    {
      g_usleep (1000);
      all_done = TRUE;
      for (guint i = 0; i < n_writers; i++)
        {
          all_done &= g_atomic_int_get (&writers[i].finished);
          g_array_set_size (out, 0);
          ilv_recorder_drain (writers[i].recorder, out);
        }
    }

  for (guint i = 0; i < n_writers; i++)
    {
      g_thread_join (writers[i].thread);
      worst = MAX (worst, (double) writers[i].elapsed_ns / N_EVENTS);
      ilv_recorder_free (writers[i].recorder);
    }
  return worst;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median (double (*measure) (guint),
        guint    arg)
{
  double values[N_ROUNDS];

  for (guint i = 0; i < N_ROUNDS; i++)
    values[i] = measure (arg);
  qsort (values, N_ROUNDS, sizeof (double), compare_doubles);
  return values[N_ROUNDS / 2];
}

static double
clock_cost_measure (guint unused)
{
  return clock_cost_ns ();
}

int
main (int   argc,
      char *argv[])
{
  double clock_ns = median (clock_cost_measure, 0);
  double one = median (event_cost_ns, 1);
  double two = median (event_cost_ns, 2);
  char buf[3][G_ASCII_DTOSTR_BUF_SIZE];

  g_print ("clock_gettime(CLOCK_MONOTONIC): %.1f ns\n", clock_ns);
  g_print ("record one event, 1 thread:     %.1f ns (%.2f x clock)\n", one, one / clock_ns);
  g_print ("record one event, 2 threads:    %.1f ns (%.2f x clock)\n", two, two / clock_ns);
  g_print ("{\"bench\": \"record\", \"clock_ns\": %s, \"event_ns_1thread\": %s, "
           "\"event_ns_2threads\": %s, \"event_bytes\": %u}\n",
           g_ascii_formatd (buf[0], sizeof buf[0], "%.1f", clock_ns),
           g_ascii_formatd (buf[1], sizeof buf[1], "%.1f", one),
           g_ascii_formatd (buf[2], sizeof buf[2], "%.1f", two),
           (guint) sizeof (IlvEvent));
  return 0;
}
