/* synthetic-trace.c: traces built through the trace's public building API
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "synthetic-trace.h"

void
synth_builder_init (SynthBuilder *b,
                    IlvTrace     *trace)
{
  b->trace = trace;
  b->events = g_array_new (FALSE, TRUE, sizeof (IlvEvent));
}

void
synth_event (SynthBuilder *b,
             gint64        time,
             guint         lane,
             IlvEventType  type,
             gint          resource,
             gint64        value,
             guint32       aux)
{
  IlvEvent ev = { 0, };

  ev.time_ns = SYNTH_T0 + time;
  ev.lane = lane;
  ev.type = type;
  ev.resource = (gint16) resource;
  ev.value = value;
  ev.aux = aux;
  g_array_append_val (b->events, ev);
}

void
synth_state (SynthBuilder *b,
             gint64        time,
             guint         lane,
             IlvState      state,
             gint          resource)
{
  synth_event (b, time, lane, ILV_EVENT_STATE, resource, state, 0);
}

static gint
compare_time (gconstpointer a,
              gconstpointer b)
{
  const IlvEvent *ea = a, *eb = b;

  return ea->time_ns < eb->time_ns ? -1 : ea->time_ns > eb->time_ns;
}

void
synth_builder_finish (SynthBuilder *b,
                      gint64        end)
{
  /* g_array_sort is a stable merge sort: same-time events keep their order. */
  g_array_sort (b->events, compare_time);
  ilv_trace_append (b->trace, (const IlvEvent *) (gpointer) b->events->data, b->events->len);
  ilv_trace_finish (b->trace, SYNTH_T0 + end, ILV_STOP_FINISHED, NULL);
  g_array_unref (b->events);
  b->events = NULL;
}

static IlvTrace *
new_trace (const char *title,
           const char *description,
           gboolean    gil)
{
  IlvTrace *trace = ilv_trace_new (title, description);

  ilv_trace_set_start (trace, SYNTH_T0);
  ilv_trace_set_gil (trace, gil);
  ilv_trace_add_process (trace, "app", 4711, ILV_WORKER_THREAD);
  return trace;
}

IlvTrace *
synth_single_state (IlvState state,
                    gint64   duration)
{
  IlvTrace *trace = new_trace ("Single", "One lane in one state", FALSE);
  guint lane = ilv_trace_add_lane (trace, 0, "worker#1", "worker", ILV_WORKER_THREAD, FALSE);
  SynthBuilder b;

  synth_builder_init (&b, trace);
  synth_state (&b, 0, lane, state, -1);
  synth_builder_finish (&b, duration);
  return trace;
}

IlvTrace *
synth_blip (gint64 duration,
            gint64 at,
            gint64 blip)
{
  IlvTrace *trace = new_trace ("Blip", "A short lock wait in a long run", FALSE);
  guint lane = ilv_trace_add_lane (trace, 0, "worker#1", "worker", ILV_WORKER_THREAD, FALSE);
  guint lock = ilv_trace_add_resource (trace, "lock", ILV_RESOURCE_LOCK, 0, 0);
  SynthBuilder b;

  synth_builder_init (&b, trace);
  synth_state (&b, 0, lane, ILV_STATE_RUNNING, -1);
  synth_state (&b, at, lane, ILV_STATE_LOCK_WAIT, (gint) lock);
  synth_state (&b, at + blip, lane, ILV_STATE_RUNNING, -1);
  synth_builder_finish (&b, duration);
  return trace;
}

static void
gil_slice (SynthBuilder *b,
           guint         lane,
           gint64        from,
           gint64        to)
{
  synth_event (b, from, lane, ILV_EVENT_GIL_ACQUIRED, 0, 0, 0);
  synth_state (b, from, lane, ILV_STATE_RUNNING, -1);
  synth_event (b, to, lane, ILV_EVENT_GIL_RELEASED, 0, 0, 0);
}

IlvTrace *
synth_race (void)
{
  IlvTrace *trace = new_trace ("Race condition: db_val += 1",
                               "Two threads read, sleep, and write back. One update is lost.", TRUE);
  guint value = ilv_trace_add_resource (trace, "db_val", ILV_RESOURCE_VALUE, 0, 0);
  guint lanes[2];
  SynthBuilder b;

  lanes[0] = ilv_trace_add_lane (trace, 0, "increase#1", "increase", ILV_WORKER_THREAD, FALSE);
  lanes[1] = ilv_trace_add_lane (trace, 0, "increase#2", "increase", ILV_WORKER_THREAD, FALSE);
  synth_builder_init (&b, trace);
  for (guint i = 0; i < 2; i++)
    {
      gint64 t = i * SYNTH_MS;   /* #2 waits for the GIL while #1 loads */

      synth_event (&b, 0, lanes[i], ILV_EVENT_WORKER_START, -1, 50000, 0);
      if (i == 1)
        synth_state (&b, 0, lanes[i], ILV_STATE_GIL_WAIT, -1);
      gil_slice (&b, lanes[i], t, t + SYNTH_MS);
      synth_event (&b, t + SYNTH_MS, lanes[i], ILV_EVENT_VALUE_LOAD, (gint) value, 0, 0);
      synth_state (&b, t + SYNTH_MS, lanes[i], ILV_STATE_SLEEP, -1);
      gil_slice (&b, lanes[i], t + 11 * SYNTH_MS, t + 12 * SYNTH_MS);
      synth_event (&b, t + 12 * SYNTH_MS, lanes[i], ILV_EVENT_VALUE_STORE, (gint) value, 1, 1);
      synth_state (&b, t + 12 * SYNTH_MS, lanes[i], ILV_STATE_DONE, -1);
      synth_event (&b, t + 12 * SYNTH_MS, lanes[i], ILV_EVENT_WORKER_END, -1, 12 * SYNTH_MS, 0);
    }
  synth_event (&b, 13 * SYNTH_MS - 1, lanes[1], ILV_EVENT_MARK, -1, 0,
               ilv_trace_intern (trace, "writes 1 over 1"));
  synth_builder_finish (&b, 14 * SYNTH_MS);
  return trace;
}

IlvTrace *
synth_gil_threads (void)
{
  IlvTrace *trace = new_trace ("CPU-bound threads under the GIL",
                               "Four threads compute 40 ms each; the GIL lets one run at a time.", TRUE);
  const gint64 slice = 5 * SYNTH_MS, handoff = 60000, work = 40 * SYNTH_MS;
  gint64 done[4] = { 0, }, t = 0;
  guint lanes[4];
  SynthBuilder b;

  synth_builder_init (&b, trace);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("cpu#%u", i + 1);

      lanes[i] = ilv_trace_add_lane (trace, 0, name, "cpu", ILV_WORKER_THREAD, FALSE);
      synth_event (&b, 0, lanes[i], ILV_EVENT_WORKER_START, -1, 60000, 0);
      synth_state (&b, 0, lanes[i], ILV_STATE_GIL_WAIT, -1);
    }
  /* The OS sampler's view: the GIL holder is on a core, alternating. */
  ilv_trace_set_n_cpus (trace, 2);
  for (guint round = 0; round < work / slice; round++)
    for (guint i = 0; i < 4; i++)
      {
        gil_slice (&b, lanes[i], t, t + slice);
        synth_event (&b, t, lanes[i], ILV_EVENT_CPU, -1, (round + i) % 2, 1);
        synth_event (&b, t + slice, lanes[i], ILV_EVENT_CPU, -1, -1, 0);
        done[i] += slice;
        synth_state (&b, t + slice, lanes[i], done[i] >= work ? ILV_STATE_DONE : ILV_STATE_GIL_WAIT, -1);
        if (done[i] >= work)
          synth_event (&b, t + slice, lanes[i], ILV_EVENT_WORKER_END, -1, work, 0);
        t += slice + handoff;
      }
  synth_builder_finish (&b, t + SYNTH_MS);
  return trace;
}
