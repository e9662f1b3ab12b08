/* ilv-trace-events.c: what each event does to lanes, holds, counters and flows
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ilv-trace-private.h"

/* Holds of a lock never overlap, those of a semaphore only as many as it
 * has permits: looking this far back finds every hold open at an instant. */
#define HOLD_LOOKBACK 64

IlvLane *
ilv_trace_lane (IlvTrace *self,
                guint     lane)
{
  return g_ptr_array_index (self->lanes, lane);
}

static inline IlvResource *
trace_resource (IlvTrace *self,
                gint      resource)
{
  if (resource < 0 || (guint) resource >= self->resources->len)
    return NULL;
  return g_ptr_array_index (self->resources, resource);
}

/* Counter points: sorted by time; batches come lane by lane, so a point
 * usually belongs at or near the tail. */
void
ilv_trace_point_insert (GArray *points,
                        gint64  time,
                        gint64  value,
                        gsize  *blocks_valid)
{
  IlvPoint point = { time, value };
  gsize pos = points->len;

  while (pos > 0 && g_array_index (points, IlvPoint, pos - 1).time > time)
    pos--;
  if (pos == points->len)
    g_array_append_val (points, point);
  else
    g_array_insert_val (points, pos, point);
  if (blocks_valid != NULL)
    *blocks_valid = MIN (*blocks_valid, pos);
}

/* The expected value is the initial value plus every increment stored so
 * far: an increment that lands in the middle shifts every later point. */
static void
expected_insert (IlvResource *res,
                 gint64       time,
                 gint64       increment)
{
  GArray *points = res->expected;
  gsize pos = points->len;
  IlvPoint point;

  while (pos > 1 && g_array_index (points, IlvPoint, pos - 1).time > time)
    pos--;
  point.time = time;
  point.value = g_array_index (points, IlvPoint, pos - 1).value + increment;
  g_array_insert_val (points, pos, point);
  for (gsize i = pos + 1; i < points->len; i++)
    g_array_index (points, IlvPoint, i).value += increment;
}

static void
settle (IlvResource *res)
{
  gsize pos;

  if (res->points_sorted >= res->points->len)
    return;
  pos = ilv_trace_merge_tail (res->points, res->points_sorted);
  res->blocks_valid = MIN (res->blocks_valid, pos);
  res->points_sorted = res->points->len;
}

/* Points are appended as they come and merged into order when read (a
 * view reads once a frame; the engine appends lane by lane). */
void
ilv_trace_settle_points (IlvTrace *self)
{
  for (guint i = 0; i < self->resources->len; i++)
    settle (g_ptr_array_index (self->resources, i));
}

static inline void
add_point (IlvResource *res,
           gint64       time,
           gint64       value)
{
  IlvPoint point = { time, value };

  g_array_append_val (res->points, point);
}

static gboolean
waiters_during (IlvResource *res,
                gint64       start,
                gint64       end)
{
  const IlvPoint *points;
  gssize i;

  settle (res);
  points = (const IlvPoint *) (gpointer) res->points->data;
  i = (gssize) res->points->len - 1;

  /* Holds are usually recent: walk back from the tail. */
  for (; i >= 0 && points[i].time >= end; i--)
    ;
  for (; i >= 0 && points[i].time > start; i--)
    if (points[i].value > 0)
      return TRUE;
  return FALSE;
}

static void
mark_contended_at (IlvTrace    *self,
                   IlvResource *res,
                   gint64       time)
{
  const IlvHoldRef *refs = (const IlvHoldRef *) (gpointer) res->hold_refs->data;
  gssize i = (gssize) res->hold_refs->len - 1;
  guint seen = 0;

  for (; i >= 0 && refs[i].start >= time; i--)
    ;
  for (; i >= 0 && seen < HOLD_LOOKBACK; i--, seen++)
    {
      IlvHold *hold = &g_array_index (ilv_trace_lane (self, refs[i].lane)->holds,
                                      IlvHold, refs[i].index);

      if (hold->end > time)
        hold->contended = TRUE;
    }
}

static void
hold_open (IlvTrace    *self,
           guint        lane_index,
           gint         resource,
           gint64       time,
           gboolean     contended)
{
  IlvLane *lane = ilv_trace_lane (self, lane_index);
  IlvResource *res = trace_resource (self, resource);
  IlvHold hold = { time, G_MAXINT64, resource, contended };
  IlvHoldRef ref = { time, lane_index, lane->holds->len };
  gsize pos = res->hold_refs->len;

  g_array_append_val (lane->holds, hold);
  g_array_append_val (lane->open_holds, ref.index);
  while (pos > 0 && g_array_index (res->hold_refs, IlvHoldRef, pos - 1).start > time)
    pos--;
  g_array_insert_val (res->hold_refs, pos, ref);
}

static void
hold_close (IlvTrace *self,
            guint     lane_index,
            gint      resource,
            gint64    time,
            gboolean  contended)
{
  IlvLane *lane = ilv_trace_lane (self, lane_index);

  for (guint i = lane->open_holds->len; i > 0; i--)
    {
      guint index = g_array_index (lane->open_holds, guint, i - 1);
      IlvHold *hold = &g_array_index (lane->holds, IlvHold, index);

      if (hold->resource != resource)
        continue;
      hold->end = MAX (time, hold->start);
      hold->contended = hold->contended || contended ||
                        waiters_during (trace_resource (self, resource), hold->start, hold->end);
      g_array_remove_index (lane->open_holds, i - 1);
      return;
    }
}

static inline guint64
flow_key (IlvFlowKind kind,
          gint        resource,
          guint32     id)
{
  return ((guint64) kind << 48) | ((guint64) (guint16) resource << 32) | id;
}

/* Queue and pipe flows: whichever end arrives first waits in a map for
 * the other, keyed by kind, resource and item or message id. */
static void
flow_half (IlvTrace    *self,
           IlvFlowKind  kind,
           gint         resource,
           guint32      id,
           guint        lane,
           gint64       time,
           gboolean     is_source)
{
  guint64 key = flow_key (kind, resource, id);
  IlvIdMap *mine = is_source ? &self->flow_sources : &self->flow_targets;
  IlvIdMap *theirs = is_source ? &self->flow_targets : &self->flow_sources;
  IlvFlow half = { kind, resource, lane, time, lane, time };
  guint32 slot;

  if (ilv_id_map_take (theirs, key, &slot))
    {
      const IlvFlow *other = &g_array_index (self->flow_ends, IlvFlow, slot);

      if (is_source)
        {
          half.to_lane = other->to_lane;
          half.to_time = other->to_time;
        }
      else
        {
          half.from_lane = other->from_lane;
          half.from_time = other->from_time;
        }
      g_array_append_val (self->flows, half);
      g_array_append_val (self->flow_free, slot);
      self->flows_dirty = TRUE;
      return;
    }

  if (self->flow_free->len > 0)
    {
      slot = g_array_index (self->flow_free, guint32, self->flow_free->len - 1);
      g_array_set_size (self->flow_free, self->flow_free->len - 1);
      g_array_index (self->flow_ends, IlvFlow, slot) = half;
    }
  else
    {
      slot = self->flow_ends->len;
      g_array_append_val (self->flow_ends, half);
    }
  ilv_id_map_insert (mine, key, slot);
}

/* Releases and waited acquires of a lock, each kept in time order; they
 * are paired when flows are read. */
static void
lock_flow_half (GArray *halves,
                guint   lane,
                gint64  time)
{
  IlvFlow half = { ILV_FLOW_LOCK, 0, lane, time, lane, time };
  gsize pos = halves->len;

  while (pos > 0 && g_array_index (halves, IlvFlow, pos - 1).from_time > time)
    pos--;
  g_array_insert_val (halves, pos, half);
}

static IlvLane *
gil_lane (IlvTrace *self,
          gint      process)
{
  IlvProcess *proc;

  if (process < 0 || (guint) process >= self->processes->len)
    return NULL;
  proc = g_ptr_array_index (self->processes, process);
  if (proc->gil_lane < 0)
    {
      IlvLaneInfo info = { _("GIL"), NULL, ILV_LANE_GIL, proc->info.kind, (guint) process, FALSE };

      proc->gil_lane = (gint) ilv_trace_import_lane (self, &info);
    }
  return ilv_trace_lane (self, (guint) proc->gil_lane);
}

static void
sample_switch (IlvTrace *self,
               guint     lane_index,
               IlvLane  *lane,
               gint      key,
               gint64    time)
{
  gint old = lane->sample_key;

  if (key == old)
    return;
  if (old >= 0 && (guint) old < self->n_cpus)
    ilv_lane_derived_insert (ilv_trace_lane (self, self->first_core_lane + (guint) old),
                             time, lane_index, FALSE);
  else if (old == -2 && lane->ready->len > 0)
    g_array_index (lane->ready, IlvInterval, lane->ready->len - 1).end = time;

  if (key >= 0 && (guint) key < self->n_cpus)
    ilv_lane_derived_insert (ilv_trace_lane (self, self->first_core_lane + (guint) key),
                             time, lane_index, TRUE);
  else if (key == -2)
    {
      IlvInterval interval = { time, G_MAXINT64 };

      g_array_append_val (lane->ready, interval);
    }
  lane->sample_key = key;
}

void
ilv_trace_close_samples (IlvTrace *self,
                         gint64    end)
{
  for (guint i = 0; i < self->lanes->len; i++)
    {
      IlvLane *lane = ilv_trace_lane (self, i);

      if (lane->info.kind == ILV_LANE_WORKER)
        sample_switch (self, i, lane, -1, MAX (end, self->start));
    }
}

static void
apply_task (IlvTrace       *self,
            IlvLane        *lane,
            const IlvEvent *ev)
{
  if (lane->open_task >= 0)
    {
      g_array_index (self->tasks, IlvTask, lane->open_task).end = ev->time_ns;
      lane->open_task = -1;
    }
  if (ev->type == ILV_EVENT_TASK_BEGIN)
    {
      IlvTask task = { ev->time_ns, G_MAXINT64, ev->lane, ev->value, "" };

      if (ev->aux < self->string_list->len)
        task.label = g_ptr_array_index (self->string_list, ev->aux);
      lane->open_task = (gint) self->tasks->len;
      g_array_append_val (self->tasks, task);
    }
}

static void
apply_resource_event (IlvTrace       *self,
                      const IlvEvent *ev)
{
  IlvResource *res = trace_resource (self, ev->resource);
  gint64 t = ev->time_ns;

  if (res == NULL)
    return;

  switch ((IlvEventType) ev->type)
    {
    case ILV_EVENT_LOCK_ACQUIRED:
      hold_open (self, ev->lane, ev->resource, t, ev->value > 0);
      if (ev->aux == 1)
        lock_flow_half (res->waited, ev->lane, t);
      self->flows_dirty = TRUE;
      break;
    case ILV_EVENT_LOCK_RELEASED:
      hold_close (self, ev->lane, ev->resource, t, ev->value > 0);
      lock_flow_half (res->releases, ev->lane, t);
      self->flows_dirty = TRUE;
      break;
    case ILV_EVENT_LOCK_WAITERS:
      add_point (res, t, ev->value);
      if (ev->value > 0)
        mark_contended_at (self, res, t);
      break;
    case ILV_EVENT_VALUE_STORE:
      add_point (res, t, ev->value);
      expected_insert (res, t, (gint32) ev->aux);
      break;
    case ILV_EVENT_QUEUE_PUT:
    case ILV_EVENT_SEND:
      add_point (res, t, ev->value);
      res->puts++;
      flow_half (self, ev->type == ILV_EVENT_SEND ? ILV_FLOW_PIPE : ILV_FLOW_QUEUE,
                 ev->resource, ev->aux, ev->lane, t, TRUE);
      break;
    case ILV_EVENT_QUEUE_GET:
    case ILV_EVENT_RECV:
      add_point (res, t, ev->value);
      res->gets++;
      flow_half (self, ev->type == ILV_EVENT_RECV ? ILV_FLOW_PIPE : ILV_FLOW_QUEUE,
                 ev->resource, ev->aux, ev->lane, t, FALSE);
      break;
    default:
      break;
    }
}

static void
apply_worker_event (IlvTrace       *self,
                    IlvLane        *lane,
                    const IlvEvent *ev)
{
  switch ((IlvEventType) ev->type)
    {
    case ILV_EVENT_STATE:
      if (ev->value < 0 || ev->value >= ILV_N_STATES)
        return;
      ilv_lane_push_state (lane, ev->time_ns, (IlvState) ev->value, ev->resource);
      if (!lane->started && ev->value != ILV_STATE_NOT_STARTED)
        {
          lane->started = TRUE;
          lane->first_step = ev->time_ns;
        }
      break;
    case ILV_EVENT_GIL_ACQUIRED:
    case ILV_EVENT_GIL_RELEASED:
      {
        IlvLane *gil = gil_lane (self, ev->resource);

        if (gil != NULL)
          ilv_lane_derived_insert (gil, ev->time_ns, ev->lane,
                                   ev->type == ILV_EVENT_GIL_ACQUIRED);
      }
      break;
    case ILV_EVENT_CPU:
      sample_switch (self, ev->lane, lane,
                     ev->value < 0 ? -1 : (ev->aux ? (gint) MIN (ev->value, G_MAXINT) : -2),
                     ev->time_ns);
      break;
    case ILV_EVENT_MARK:
      ilv_trace_import_mark (self, ev->lane, ev->time_ns,
                             ev->aux < self->string_list->len
                               ? g_ptr_array_index (self->string_list, ev->aux) : "");
      break;
    case ILV_EVENT_TASK_BEGIN:
    case ILV_EVENT_TASK_END:
      apply_task (self, lane, ev);
      break;
    case ILV_EVENT_WORKER_START:
      lane->start_cost = ev->value;
      break;
    case ILV_EVENT_WORKER_END:
      {
        IlvProcess *proc = g_ptr_array_index (self->processes, lane->info.process);

        /* A worker's own report wins over "not reported" from its exit. */
        if (ev->value >= 0 || lane->nominal_work <= 0)
          lane->nominal_work = ev->value;
        lane->exit_status = (gint) MIN (ev->aux, G_MAXINT);
        if (proc->info.kind == ILV_WORKER_PROCESS)
          proc->info.exit_status = lane->exit_status;
      }
      break;
    default:
      apply_resource_event (self, ev);
      break;
    }
}

/* Events for lanes that do not exist, or of unknown types, are dropped:
 * a confused worker must not bring the view down. */
void
ilv_trace_apply_event (IlvTrace       *self,
                       const IlvEvent *ev)
{
  IlvLane *lane;

  if (ev->lane >= self->lanes->len)
    return;
  lane = ilv_trace_lane (self, ev->lane);
  if (lane->info.kind != ILV_LANE_WORKER)
    return;
  if (ev->time_ns > self->now)
    self->now = ev->time_ns;
  apply_worker_event (self, lane, ev);
}
