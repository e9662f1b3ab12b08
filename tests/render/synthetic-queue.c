/* synthetic-queue.c: a producer, two consumers, a bounded queue, a print lock
 *
 * A small discrete-event simulation, so that depth, blocked puts and gets,
 * lock waits and flows are all consistent with each other.
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "synthetic-trace.h"

#define N_ITEMS     16
#define CAPACITY    4
#define N_CONSUMERS 2
#define PRODUCE     (1 * SYNTH_MS)
#define PROCESS     (5 * SYNTH_MS)
#define PRINT       (2 * SYNTH_MS)

typedef enum { PHASE_GET, PHASE_PRINT, PHASE_RELEASE, PHASE_DONE } Phase;

typedef struct
{
  gint64   t;
  Phase    phase;
  gboolean blocked;
  guint    lane;
  guint    items;
} Consumer;

typedef struct
{
  SynthBuilder b;
  guint        queue, lock, producer_lane;
  gint64       producer_t;
  guint        produced, consumed_ids[N_ITEMS], head, depth;
  gboolean     producer_blocked;
  Consumer     consumers[N_CONSUMERS];
  gint         holder, waiter;
} Sim;

static void consumer_get (Sim *sim, Consumer *c, gint64 t);

static void
producer_put (Sim    *sim,
              gint64  t)
{
  synth_event (&sim->b, t, sim->producer_lane, ILV_EVENT_QUEUE_PUT, (gint) sim->queue,
               ++sim->depth, sim->produced);
  sim->consumed_ids[(sim->head + sim->depth - 1) % N_ITEMS] = sim->produced;
  sim->produced++;
  sim->producer_blocked = FALSE;
  synth_state (&sim->b, t, sim->producer_lane,
               sim->produced < N_ITEMS ? ILV_STATE_RUNNING : ILV_STATE_DONE, -1);
  sim->producer_t = t + PRODUCE;
  if (sim->produced == N_ITEMS)
    synth_event (&sim->b, t, sim->producer_lane, ILV_EVENT_WORKER_END, -1, N_ITEMS * PRODUCE, 0);

  for (guint i = 0; i < N_CONSUMERS; i++)
    if (sim->consumers[i].blocked && sim->consumers[i].phase == PHASE_GET && sim->depth > 0)
      consumer_get (sim, &sim->consumers[i], t);
}

static void
consumer_get (Sim      *sim,
              Consumer *c,
              gint64    t)
{
  c->blocked = FALSE;
  if (sim->depth == 0)
    {
      gboolean finished = sim->produced == N_ITEMS;

      synth_state (&sim->b, t, c->lane, finished ? ILV_STATE_DONE : ILV_STATE_QUEUE_WAIT,
                   finished ? -1 : (gint) sim->queue);
      if (finished)
        synth_event (&sim->b, t, c->lane, ILV_EVENT_WORKER_END, -1, c->items * (PROCESS + PRINT), 0);
      c->phase = finished ? PHASE_DONE : PHASE_GET;
      c->blocked = !finished;
      return;
    }
  sim->depth--;
  synth_event (&sim->b, t, c->lane, ILV_EVENT_QUEUE_GET, (gint) sim->queue, sim->depth,
               sim->consumed_ids[sim->head]);
  /* Each item is a task on the consumer's lane, from get to print done. */
  {
    g_autofree char *label = g_strdup_printf ("item %u", sim->consumed_ids[sim->head]);

    synth_event (&sim->b, t, c->lane, ILV_EVENT_TASK_BEGIN, -1, sim->consumed_ids[sim->head],
                 ilv_trace_intern (sim->b.trace, label));
  }
  sim->head = (sim->head + 1) % N_ITEMS;
  c->items++;
  synth_state (&sim->b, t, c->lane, ILV_STATE_SLEEP, -1);
  c->t = t + PROCESS;
  c->phase = PHASE_PRINT;
  if (sim->producer_blocked)
    producer_put (sim, t);
}

static void
acquire (Sim      *sim,
         Consumer *c,
         gint64    t,
         gboolean  waited)
{
  sim->holder = (gint) (c - sim->consumers);
  synth_event (&sim->b, t, c->lane, ILV_EVENT_LOCK_ACQUIRED, (gint) sim->lock, 0, waited);
  synth_state (&sim->b, t, c->lane, ILV_STATE_RUNNING, -1);
  c->blocked = FALSE;
  c->t = t + PRINT;
  c->phase = PHASE_RELEASE;
}

static void
consumer_step (Sim      *sim,
               Consumer *c)
{
  switch (c->phase)
    {
    case PHASE_GET:
      consumer_get (sim, c, c->t);
      break;
    case PHASE_PRINT:
      if (sim->holder < 0)
        acquire (sim, c, c->t, FALSE);
      else
        {
          synth_state (&sim->b, c->t, c->lane, ILV_STATE_LOCK_WAIT, (gint) sim->lock);
          synth_event (&sim->b, c->t, c->lane, ILV_EVENT_LOCK_WAITERS, (gint) sim->lock, 1, 0);
          sim->waiter = (gint) (c - sim->consumers);
          c->blocked = TRUE;
        }
      break;
    case PHASE_RELEASE:
      synth_event (&sim->b, c->t, c->lane, ILV_EVENT_LOCK_RELEASED, (gint) sim->lock,
                   sim->waiter >= 0, 0);
      sim->holder = -1;
      c->phase = PHASE_GET;
      synth_event (&sim->b, c->t, c->lane, ILV_EVENT_TASK_END, -1, 0, 0);
      if (sim->waiter >= 0)
        {
          Consumer *w = &sim->consumers[sim->waiter];

          synth_event (&sim->b, c->t, w->lane, ILV_EVENT_LOCK_WAITERS, (gint) sim->lock, 0, 0);
          sim->waiter = -1;
          acquire (sim, w, c->t, TRUE);
        }
      break;
    case PHASE_DONE:
    default:
      break;
    }
}

/* The next actor to act: the producer (-1) or a consumer, by time. */
static gboolean
next_actor (Sim  *sim,
            gint *actor)
{
  gint64 best = G_MAXINT64;

  *actor = -2;
  if (sim->produced < N_ITEMS && !sim->producer_blocked)
    {
      best = sim->producer_t;
      *actor = -1;
    }
  for (guint i = 0; i < N_CONSUMERS; i++)
    {
      Consumer *c = &sim->consumers[i];

      if (c->phase != PHASE_DONE && !c->blocked && c->t < best)
        {
          best = c->t;
          *actor = (gint) i;
        }
    }
  return *actor != -2;
}

static gint64
run_sim (Sim *sim)
{
  gint64 end = 0;
  gint actor;

  while (next_actor (sim, &actor))
    {
      if (actor == -1)
        {
          if (sim->depth < CAPACITY)
            producer_put (sim, sim->producer_t);
          else
            {
              synth_state (&sim->b, sim->producer_t, sim->producer_lane, ILV_STATE_QUEUE_WAIT, (gint) sim->queue);
              sim->producer_blocked = TRUE;
            }
          end = MAX (end, sim->producer_t);
          continue;
        }
      end = MAX (end, sim->consumers[actor].t);
      consumer_step (sim, &sim->consumers[actor]);
      /* Consumers still waiting when the last item is gone are done. */
      for (guint i = 0; sim->produced == N_ITEMS && sim->depth == 0 && i < N_CONSUMERS; i++)
        if (sim->consumers[i].blocked && sim->consumers[i].phase == PHASE_GET)
          consumer_get (sim, &sim->consumers[i], end);
    }
  return end;
}

IlvTrace *
synth_producer_consumer (void)
{
  IlvTrace *trace = ilv_trace_new ("Producer and consumers",
                                   "One producer, two slower consumers, a queue of 4 and a print lock.");
  Sim sim = { 0, };
  gint64 end;

  ilv_trace_set_start (trace, SYNTH_T0);
  ilv_trace_set_gil (trace, FALSE);
  ilv_trace_add_process (trace, "app", 4711, ILV_WORKER_THREAD);
  sim.queue = ilv_trace_add_resource (trace, "jobs", ILV_RESOURCE_QUEUE, 0, CAPACITY);
  sim.lock = ilv_trace_add_resource (trace, "print_lock", ILV_RESOURCE_LOCK, 0, 0);
  sim.producer_lane = ilv_trace_add_lane (trace, 0, "producer", "producer", ILV_WORKER_THREAD, FALSE);
  sim.holder = sim.waiter = -1;
  synth_builder_init (&sim.b, trace);
  synth_state (&sim.b, 0, sim.producer_lane, ILV_STATE_RUNNING, -1);
  sim.producer_t = PRODUCE;
  for (guint i = 0; i < N_CONSUMERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("consumer#%u", i + 1);

      sim.consumers[i].lane = ilv_trace_add_lane (trace, 0, name, "consumer", ILV_WORKER_THREAD, FALSE);
      sim.consumers[i].t = 0;
    }
  end = run_sim (&sim);
  synth_builder_finish (&sim.b, end + SYNTH_MS);
  return trace;
}
