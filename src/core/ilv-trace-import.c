/* ilv-trace-import.c: lanes, holds, counters, flows, marks and tasks,
 * read back and set directly (for a saved run)
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "ilv-trace-private.h"

static IlvResource *
resource (IlvTrace *self,
          guint     index)
{
  return g_ptr_array_index (self->resources, index);
}

guint
ilv_trace_import_lane (IlvTrace          *self,
                       const IlvLaneInfo *info)
{
  IlvLane *lane = ilv_lane_new (info->name, info->group, info->kind, self->start);

  lane->info.worker_kind = info->worker_kind;
  lane->info.process = info->process;
  lane->info.daemon = info->daemon;
  g_ptr_array_add (self->lanes, lane);
  if (info->kind == ILV_LANE_GIL && info->process < self->processes->len)
    {
      IlvProcess *proc = g_ptr_array_index (self->processes, info->process);

      if (proc->gil_lane < 0)
        proc->gil_lane = (gint) self->lanes->len - 1;
    }
  return self->lanes->len - 1;
}

void
ilv_trace_import_span (IlvTrace *self,
                       guint     lane,
                       gint64    start,
                       IlvState  state,
                       gint      res)
{
  IlvLane *l = ilv_trace_lane (self, lane);

  ilv_lane_push_state (l, start, state, res);
  if (!l->started && l->info.kind == ILV_LANE_WORKER && state != ILV_STATE_NOT_STARTED)
    {
      l->started = TRUE;
      l->first_step = start;
    }
  self->now = MAX (self->now, start);
}

void
ilv_trace_import_hold (IlvTrace      *self,
                       guint          lane,
                       const IlvHold *hold)
{
  g_array_append_val (ilv_trace_lane (self, lane)->holds, *hold);
}

void
ilv_trace_import_point (IlvTrace *self,
                        guint     index,
                        gboolean  expected,
                        gint64    time,
                        gint64    value)
{
  IlvResource *res = resource (self, index);
  GArray *points = expected ? res->expected : res->points;

  if (points == NULL)
    return;
  /* The first point of a series is its initial value at the start. */
  if (points->len == 1 && g_array_index (points, IlvPoint, 0).time >= time)
    {
      g_array_index (points, IlvPoint, 0).time = time;
      g_array_index (points, IlvPoint, 0).value = value;
      res->blocks_valid = 0;
      return;
    }
  ilv_trace_point_insert (points, time, value, expected ? NULL : &res->blocks_valid);
  res->points_sorted = res->points->len;
}

void
ilv_trace_import_ready (IlvTrace *self,
                        guint     lane,
                        gint64    start,
                        gint64    end)
{
  IlvInterval interval = { start, MAX (start, end) };
  GArray *ready = ilv_trace_lane (self, lane)->ready;

  if (ready->len == 0 || g_array_index (ready, IlvInterval, ready->len - 1).end <= start)
    g_array_append_val (ready, interval);
}

void
ilv_trace_import_flow (IlvTrace      *self,
                       const IlvFlow *flow)
{
  g_array_append_val (self->flows, *flow);
  self->flows_dirty = TRUE;
}

void
ilv_trace_import_mark (IlvTrace   *self,
                       guint       lane,
                       gint64      time,
                       const char *text)
{
  IlvMark mark = { lane, time, NULL };
  gsize pos = self->marks->len;
  guint32 id = ilv_trace_intern (self, text);

  /* Interning may move string_list's array: index it afterwards. */
  mark.text = g_ptr_array_index (self->string_list, id);
  while (pos > 0 && g_array_index (self->marks, IlvMark, pos - 1).time > time)
    pos--;
  g_array_insert_val (self->marks, pos, mark);
}

void
ilv_trace_import_task (IlvTrace      *self,
                       const IlvTask *task)
{
  IlvTask copy = *task;
  guint32 id = ilv_trace_intern (self, task->label);

  copy.label = g_ptr_array_index (self->string_list, id);
  g_array_append_val (self->tasks, copy);
}

void
ilv_trace_import_worker (IlvTrace *self,
                         guint     lane,
                         gint64    first_step,
                         gint64    start_cost,
                         gint64    nominal_work,
                         gint      exit_status)
{
  IlvLane *l = ilv_trace_lane (self, lane);

  if (first_step != G_MININT64)
    {
      l->started = TRUE;
      l->first_step = first_step;
    }
  l->start_cost = start_cost;
  l->nominal_work = nominal_work;
  l->exit_status = exit_status;
}

void
ilv_trace_import_counts (IlvTrace *self,
                         guint     index,
                         guint64   puts,
                         guint64   gets)
{
  resource (self, index)->puts = puts;
  resource (self, index)->gets = gets;
}

void
ilv_trace_import_n_events (IlvTrace *self,
                           gsize     n_events)
{
  self->n_events = n_events;
}

/* Reading what is not about level of detail. */

gsize
ilv_trace_lane_get_n_holds (IlvTrace *self,
                            guint     lane)
{
  g_return_val_if_fail (self != NULL && lane < self->lanes->len, 0);
  return ilv_trace_lane (self, lane)->holds->len;
}

const IlvHold *
ilv_trace_lane_get_holds (IlvTrace *self,
                          guint     lane)
{
  g_return_val_if_fail (self != NULL && lane < self->lanes->len, NULL);
  return (const IlvHold *) (gpointer) ilv_trace_lane (self, lane)->holds->data;
}

gsize
ilv_trace_counter_get_n_points (IlvTrace *self,
                                guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->resources->len, 0);
  ilv_trace_settle_points (self);
  return resource (self, index)->points->len;
}

const IlvPoint *
ilv_trace_counter_get_points (IlvTrace *self,
                              guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->resources->len, NULL);
  ilv_trace_settle_points (self);
  return (const IlvPoint *) (gpointer) resource (self, index)->points->data;
}

gsize
ilv_trace_expected_get_n_points (IlvTrace *self,
                                 guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->resources->len, 0);
  return resource (self, index)->expected != NULL ? resource (self, index)->expected->len : 0;
}

const IlvPoint *
ilv_trace_expected_get_points (IlvTrace *self,
                               guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->resources->len, NULL);
  if (resource (self, index)->expected == NULL)
    return NULL;
  return (const IlvPoint *) (gpointer) resource (self, index)->expected->data;
}

static int
compare_flows (gconstpointer a,
               gconstpointer b)
{
  const IlvFlow *fa = a;
  const IlvFlow *fb = b;

  if (fa->from_time != fb->from_time)
    return fa->from_time < fb->from_time ? -1 : 1;
  if (fa->to_time != fb->to_time)
    return fa->to_time < fb->to_time ? -1 : 1;
  return (int) fa->kind - (int) fb->kind;
}

/* A waited acquire comes from the latest release of that lock before it. */
static void
add_lock_flows (IlvTrace *self,
                guint     index)
{
  IlvResource *res = resource (self, index);
  const IlvFlow *rel = (const IlvFlow *) (gpointer) res->releases->data;

  for (guint i = 0; i < res->waited->len; i++)
    {
      const IlvFlow *acq = &g_array_index (res->waited, IlvFlow, i);
      gsize lo = 0;
      gsize hi = res->releases->len;
      IlvFlow flow;

      while (lo < hi)
        {
          gsize mid = lo + (hi - lo) / 2;

          if (rel[mid].from_time <= acq->from_time)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo == 0)
        continue;
      flow.kind = ILV_FLOW_LOCK;
      flow.resource = (gint) index;
      flow.from_lane = rel[lo - 1].from_lane;
      flow.from_time = rel[lo - 1].from_time;
      flow.to_lane = acq->from_lane;
      flow.to_time = acq->from_time;
      g_array_append_val (self->all_flows, flow);
    }
}

static void
rebuild_flows (IlvTrace *self)
{
  g_array_set_size (self->all_flows, 0);
  g_array_append_vals (self->all_flows, self->flows->data, self->flows->len);
  for (guint i = 0; i < self->resources->len; i++)
    add_lock_flows (self, i);
  if (self->all_flows->len > 1)
    qsort (self->all_flows->data, self->all_flows->len, sizeof (IlvFlow), compare_flows);
  self->flows_dirty = FALSE;
}

/* Flows sorted by their start; lock flows are matched here, since a
 * release may arrive after the acquire it unblocked. */
gsize
ilv_trace_get_n_flows (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  if (self->flows_dirty)
    rebuild_flows (self);
  return self->all_flows->len;
}

const IlvFlow *
ilv_trace_get_flows (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (self->flows_dirty)
    rebuild_flows (self);
  return (const IlvFlow *) (gpointer) self->all_flows->data;
}

gsize
ilv_trace_get_n_marks (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->marks->len;
}

const IlvMark *
ilv_trace_get_marks (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const IlvMark *) (gpointer) self->marks->data;
}

gsize
ilv_trace_get_n_tasks (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->tasks->len;
}

const IlvTask *
ilv_trace_get_tasks (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const IlvTask *) (gpointer) self->tasks->data;
}

gint64
ilv_trace_lane_get_start_cost (IlvTrace *self,
                               guint     lane)
{
  g_return_val_if_fail (self != NULL && lane < self->lanes->len, 0);
  return ilv_trace_lane (self, lane)->start_cost;
}

gint64
ilv_trace_lane_get_nominal_work (IlvTrace *self,
                                 guint     lane)
{
  g_return_val_if_fail (self != NULL && lane < self->lanes->len, 0);
  return ilv_trace_lane (self, lane)->nominal_work;
}

gint
ilv_trace_lane_get_exit_status (IlvTrace *self,
                                guint     lane)
{
  g_return_val_if_fail (self != NULL && lane < self->lanes->len, -1);
  return ilv_trace_lane (self, lane)->exit_status;
}

void
ilv_trace_resource_get_counts (IlvTrace *self,
                               guint     index,
                               guint64  *puts,
                               guint64  *gets)
{
  g_return_if_fail (self != NULL && index < self->resources->len);
  *puts = resource (self, index)->puts;
  *gets = resource (self, index)->gets;
}

/* The first state event other than not-started; G_MININT64 if none. */
gint64
ilv_trace_lane_get_first_step (IlvTrace *self,
                               guint     lane)
{
  IlvLane *l;

  g_return_val_if_fail (self != NULL && lane < self->lanes->len, G_MININT64);
  l = ilv_trace_lane (self, lane);
  return l->started ? l->first_step : G_MININT64;
}

gsize
ilv_trace_lane_get_n_ready (IlvTrace *self,
                            guint     lane)
{
  g_return_val_if_fail (self != NULL && lane < self->lanes->len, 0);
  return ilv_trace_lane (self, lane)->ready->len;
}

const IlvInterval *
ilv_trace_lane_get_ready (IlvTrace *self,
                          guint     lane)
{
  g_return_val_if_fail (self != NULL && lane < self->lanes->len, NULL);
  return (const IlvInterval *) (gpointer) ilv_trace_lane (self, lane)->ready->data;
}

guint
ilv_trace_get_n_cpus (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_cpus;
}
