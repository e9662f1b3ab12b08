/* bench-trace.c: what appending and level-of-detail sampling cost
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Synthetic runs of 1 M and 10 M events over 64 lanes, appended in batches
 * lane by lane as the engine drains them: states, GIL hand-offs, lock
 * waiters and queue depth. Then a full frame (64 lanes × 1920 columns) and
 * a zoomed one are sampled. Times are this thread's CPU time. The last
 * line of output is JSON.
 */

#include "config.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "ilv-trace.h"

#define N_LANES 64
#define BATCH 120
#define COLUMNS 1920
#define FRAMES 20

typedef struct
{
  double append_ns;      /* per event */
  double bytes;          /* resident growth per event */
  double frame_ms;       /* 64 lanes × 1920 columns, whole run */
  double zoom_frame_ms;  /* the same over 1 % of the run */
  double counter_ms;     /* one counter track, 1920 columns */
  gsize  spans;
} Result;

/* CPU time of this thread: the machine may be shared, and other
 * processes' time is not ours. */
static gint64
cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static long
resident_bytes (void)
{
  long pages = 0, resident = 0;
  FILE *f = fopen ("/proc/self/statm", "r");

  if (f == NULL)
    return 0;
  if (fscanf (f, "%ld %ld", &pages, &resident) != 2)
    resident = 0;
  fclose (f);
  return resident * sysconf (_SC_PAGESIZE);
}

static void
fill_batch (GRand    *rand,
            IlvEvent *batch,
            guint     lane,
            gint64   *t)
{
  static const IlvState states[] = {
    ILV_STATE_RUNNING, ILV_STATE_GIL_WAIT, ILV_STATE_LOCK_WAIT, ILV_STATE_SLEEP, ILV_STATE_QUEUE_WAIT,
  };

  for (guint i = 0; i < BATCH; i++)
    {
      IlvEvent *e = &batch[i];
      guint kind = g_rand_int_range (rand, 0, 8);

      *t += g_rand_int_range (rand, 200, 20000);
      e->time_ns = *t;
      e->lane = lane;
      e->aux = 0;
      e->slot = 0;
      e->resource = -1;
      if (kind < 5)
        {
          e->type = ILV_EVENT_STATE;
          e->value = states[kind];
          e->resource = kind == 2 ? 0 : -1;
        }
      else if (kind == 5)
        {
          e->type = i % 2 ? ILV_EVENT_GIL_RELEASED : ILV_EVENT_GIL_ACQUIRED;
          e->resource = 0;
          e->value = 0;
        }
      else if (kind == 6)
        {
          e->type = ILV_EVENT_LOCK_WAITERS;
          e->resource = 0;
          e->value = g_rand_int_range (rand, 0, 8);
        }
      else
        {
          /* Every item put is got again, by the same lane, later. */
          e->type = i % 2 ? ILV_EVENT_QUEUE_GET : ILV_EVENT_QUEUE_PUT;
          e->resource = 1;
          e->value = g_rand_int_range (rand, 0, 8);
          e->aux = lane << 24 | (i / 2);
        }
    }
}

static IlvTrace *
build (gsize   n_events,
       Result *r)
{
  IlvTrace *trace = ilv_trace_new ("bench", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  IlvEvent batch[BATCH];
  gint64 t[N_LANES] = { 0 };
  gint64 spent = 0;
  gint64 t0;
  long before = resident_bytes ();
  guint app;

  ilv_trace_set_start (trace, 0);
  app = ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);
  for (guint l = 0; l < N_LANES; l++)
    ilv_trace_add_lane (trace, app, "w", "w", ILV_WORKER_THREAD, FALSE);
  ilv_trace_add_resource (trace, "lock", ILV_RESOURCE_LOCK, 0, 0);
  ilv_trace_add_resource (trace, "queue", ILV_RESOURCE_QUEUE, 0, 8);

  for (gsize done = 0; done < n_events; done += BATCH)
    {
      guint lane = (guint) (done / BATCH) % N_LANES;

      fill_batch (rand, batch, lane, &t[lane]);
      t0 = cpu_ns ();
      ilv_trace_append (trace, batch, BATCH);
      /* A live view reads once per round of batches (a frame): the GIL
       * lane and the counters are brought up to date then; counted too. */
      if (lane == N_LANES - 1)
        {
          ilv_trace_lane_get_n_spans (trace, N_LANES);
          ilv_trace_counter_get_n_points (trace, 1);
        }
      spent += cpu_ns () - t0;
    }
  t0 = cpu_ns ();
  ilv_trace_finish (trace, ilv_trace_get_end (trace), ILV_STOP_FINISHED, NULL);
  spent += cpu_ns () - t0;
  r->append_ns = (double) spent / (double) ilv_trace_get_n_events (trace);
  r->bytes = (double) (resident_bytes () - before) / (double) ilv_trace_get_n_events (trace);
  r->spans = 0;
  for (guint l = 0; l < ilv_trace_get_n_lanes (trace); l++)
    r->spans += ilv_trace_lane_get_n_spans (trace, l);
  return trace;
}

static double
frame_ms (IlvTrace *trace,
          gint64    t0,
          gint64    t1)
{
  g_autofree IlvColumn *columns = g_new (IlvColumn, COLUMNS);
  gint64 start = cpu_ns ();

  for (guint f = 0; f < FRAMES; f++)
    for (guint l = 0; l < ilv_trace_get_n_lanes (trace); l++)
      ilv_trace_lane_sample (trace, l, t0, t1, COLUMNS, columns);
  return (double) (cpu_ns () - start) / FRAMES / 1e6;
}

static double
counter_ms (IlvTrace *trace)
{
  g_autofree IlvCounterColumn *columns = g_new (IlvCounterColumn, COLUMNS);
  gint64 start = cpu_ns ();

  for (guint f = 0; f < FRAMES; f++)
    ilv_trace_counter_sample (trace, 1, ilv_trace_get_start (trace), ilv_trace_get_end (trace),
                              COLUMNS, columns);
  return (double) (cpu_ns () - start) / FRAMES / 1e6;
}

static void
run (gsize   n_events,
     Result *r)
{
  g_autoptr(IlvTrace) trace = build (n_events, r);
  gint64 start = ilv_trace_get_start (trace);
  gint64 end = ilv_trace_get_end (trace);
  gint64 mid = start + (end - start) / 2;

  r->frame_ms = frame_ms (trace, start, end);
  r->zoom_frame_ms = frame_ms (trace, mid, mid + (end - start) / 100);
  r->counter_ms = counter_ms (trace);
  printf ("%5.1f M events, %u lanes (%" G_GSIZE_FORMAT " spans): append %.1f ns/event, "
          "%.1f bytes/event resident;\n"
          "   frame of %u lanes x %u columns: %.2f ms whole run, %.2f ms at 1 %% zoom; "
          "counter track %.3f ms\n",
          n_events / 1e6, ilv_trace_get_n_lanes (trace), r->spans, r->append_ns, r->bytes,
          ilv_trace_get_n_lanes (trace), COLUMNS, r->frame_ms, r->zoom_frame_ms, r->counter_ms);
}

int
main (int   argc,
      char *argv[])
{
  Result small, large;

  run (1000000, &small);
  run (10000000, &large);
  printf ("frame cost 10 M / 1 M events: %.2f (flat means independent of event count)\n",
          large.frame_ms / small.frame_ms);
  printf ("{\"bench\": \"trace\", \"lanes\": %d, "
          "\"append_ns_per_event_1m\": %.1f, \"append_ns_per_event_10m\": %.1f, "
          "\"bytes_per_event_10m\": %.1f, "
          "\"frame_ms_1m\": %.3f, \"frame_ms_10m\": %.3f, "
          "\"zoom_frame_ms_1m\": %.3f, \"zoom_frame_ms_10m\": %.3f, "
          "\"counter_ms_1m\": %.4f, \"counter_ms_10m\": %.4f}\n",
          N_LANES, small.append_ns, large.append_ns, large.bytes,
          small.frame_ms, large.frame_ms, small.zoom_frame_ms, large.zoom_frame_ms,
          small.counter_ms, large.counter_ms);
  return 0;
}
