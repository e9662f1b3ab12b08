/* synthetic-uniform.c: many events over many lanes, for the benchmarks
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "synthetic-trace.h"

#define BATCH_EVENTS (1u << 14)   /* about what the engine drains at a time */
#define N_LOCKS      4

static const IlvState states[] = {
  ILV_STATE_RUNNING, ILV_STATE_RUNNING, ILV_STATE_RUNNING, ILV_STATE_GIL_WAIT,
  ILV_STATE_SLEEP, ILV_STATE_SLEEP, ILV_STATE_READY, ILV_STATE_QUEUE_WAIT,
};

/* CPU time of this thread, ns: the machine is shared, wall time is noise. */
static gint64
cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static inline guint32
next_random (guint64 *state)
{
  *state = *state * G_GUINT64_CONSTANT (6364136223846793005) + G_GUINT64_CONSTANT (1442695040888963407);
  return (guint32) (*state >> 33);
}

/* Step k of lane l: one event. Every 50 steps a lock is taken for two
 * steps; every 40 steps the lane puts an item that its neighbour gets one
 * step later; the rest are state changes. */
static void
fill_event (IlvEvent *ev,
            guint     lane,
            guint     n_lanes,
            gint64    k,
            gint64    dt,
            guint64  *rng,
            guint     queue)
{
  ev->time_ns = SYNTH_T0 + k * dt + (gint64) (next_random (rng) % (guint32) MAX (1, dt / 2));
  ev->lane = lane;
  ev->resource = -1;
  ev->aux = 0;
  ev->value = 0;
  switch (k % 50 == 7 ? 1 : k % 50 == 9 ? 2 : k % 40 == 3 ? 3 : k % 40 == 4 ? 4 : 0)
    {
    case 1:
      ev->type = ILV_EVENT_LOCK_ACQUIRED;
      ev->resource = (gint16) (lane % N_LOCKS);
      break;
    case 2:
      ev->type = ILV_EVENT_LOCK_RELEASED;
      ev->resource = (gint16) (lane % N_LOCKS);
      break;
    case 3:
      ev->type = ILV_EVENT_QUEUE_PUT;
      ev->resource = (gint16) queue;
      ev->value = 1;
      ev->aux = (guint32) (lane * 100000u + (guint32) (k / 40) % 100000u);
      break;
    case 4:
      ev->type = ILV_EVENT_QUEUE_GET;
      ev->resource = (gint16) queue;
      ev->aux = (guint32) (((lane + n_lanes - 1) % n_lanes) * 100000u + (guint32) (k / 40) % 100000u);
      break;
    default:
      ev->type = ILV_EVENT_STATE;
      ev->value = states[next_random (rng) % G_N_ELEMENTS (states)];
      break;
    }
}

IlvTrace *
synth_uniform (guint   n_lanes,
               gsize   n_events,
               gint64  duration,
               gint64 *append_ns)
{
  IlvTrace *trace = ilv_trace_new ("Synthetic load", "Many short spans on many lanes.");
  gint64 steps = MAX (1, (gint64) (n_events / n_lanes));
  gint64 dt = MAX (2, duration / steps);
  gint64 batch_steps = MAX (1, BATCH_EVENTS / n_lanes);
  g_autofree IlvEvent *batch = g_new0 (IlvEvent, (gsize) batch_steps * n_lanes);
  guint64 rng = 42;
  guint queue;
  gint64 spent = 0;

  ilv_trace_set_start (trace, SYNTH_T0);
  ilv_trace_set_gil (trace, FALSE);
  ilv_trace_add_process (trace, "app", 4711, ILV_WORKER_THREAD);
  for (guint i = 0; i < N_LOCKS; i++)
    {
      g_autofree char *name = g_strdup_printf ("lock%u", i);

      ilv_trace_add_resource (trace, name, ILV_RESOURCE_LOCK, 0, 0);
    }
  queue = ilv_trace_add_resource (trace, "jobs", ILV_RESOURCE_QUEUE, 0, 8);
  for (guint l = 0; l < n_lanes; l++)
    {
      g_autofree char *name = g_strdup_printf ("worker#%u", l + 1);

      ilv_trace_add_lane (trace, 0, name, "worker", ILV_WORKER_THREAD, FALSE);
    }

  for (gint64 k0 = 0; k0 < steps; k0 += batch_steps)
    {
      gint64 k1 = MIN (steps, k0 + batch_steps);
      gsize n = 0;
      gint64 before;

      for (guint l = 0; l < n_lanes; l++)
        for (gint64 k = k0; k < k1; k++)
          fill_event (&batch[n++], l, n_lanes, k, dt, &rng, queue);
      before = cpu_ns ();
      ilv_trace_append (trace, batch, n);
      spent += cpu_ns () - before;
    }
  ilv_trace_finish (trace, SYNTH_T0 + steps * dt, ILV_STOP_FINISHED, NULL);
  if (append_ns != NULL)
    *append_ns = spent;
  return trace;
}
