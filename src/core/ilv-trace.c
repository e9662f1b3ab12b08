/* ilv-trace.c: a recorded run: building it from events, reading it back
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ilv-trace-private.h"

static void
process_free (gpointer data)
{
  IlvProcess *proc = data;

  g_free (proc->name);
  g_free (proc);
}

static void
resource_free (gpointer data)
{
  IlvResource *res = data;

  g_free (res->name);
  g_array_unref (res->points);
  g_clear_pointer (&res->expected, g_array_unref);
  g_array_unref (res->block_min);
  g_array_unref (res->block_max);
  g_array_unref (res->super_min);
  g_array_unref (res->super_max);
  g_array_unref (res->hold_refs);
  g_array_unref (res->releases);
  g_array_unref (res->waited);
  g_free (res);
}

/**
 * ilv_trace_new:
 * @title: the scenario's name
 * @description: (nullable): its description
 *
 * Returns: (transfer full): an empty trace
 */
IlvTrace *
ilv_trace_new (const char *title,
               const char *description)
{
  IlvTrace *self = g_new0 (IlvTrace, 1);

  self->ref_count = 1;
  self->title = g_strdup (title != NULL ? title : "");
  self->description = g_strdup (description != NULL ? description : "");
  self->gil = TRUE;
  self->stop_reason = ILV_STOP_FINISHED;
  self->processes = g_ptr_array_new_with_free_func (process_free);
  self->lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_lane_free);
  self->resources = g_ptr_array_new_with_free_func (resource_free);
  self->strings = g_hash_table_new (g_str_hash, g_str_equal);
  self->string_list = g_ptr_array_new_with_free_func (g_free);
  self->flows = g_array_new (FALSE, FALSE, sizeof (IlvFlow));
  self->all_flows = g_array_new (FALSE, FALSE, sizeof (IlvFlow));
  ilv_id_map_init (&self->flow_sources);
  ilv_id_map_init (&self->flow_targets);
  self->flow_ends = g_array_new (FALSE, FALSE, sizeof (IlvFlow));
  self->flow_free = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->marks = g_array_new (FALSE, FALSE, sizeof (IlvMark));
  self->tasks = g_array_new (FALSE, FALSE, sizeof (IlvTask));
  return self;
}

IlvTrace *
ilv_trace_ref (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ilv_trace_unref (IlvTrace *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->title);
  g_free (self->description);
  g_free (self->variant);
  g_free (self->stop_message);
  g_ptr_array_unref (self->processes);
  g_ptr_array_unref (self->lanes);
  g_ptr_array_unref (self->resources);
  g_hash_table_unref (self->strings);
  g_ptr_array_unref (self->string_list);
  g_array_unref (self->flows);
  g_array_unref (self->all_flows);
  ilv_id_map_clear (&self->flow_sources);
  ilv_id_map_clear (&self->flow_targets);
  g_array_unref (self->flow_ends);
  g_array_unref (self->flow_free);
  g_array_unref (self->marks);
  g_array_unref (self->tasks);
  g_free (self);
}

/* Lanes and counters begin at the run's start, which may be set after
 * they were added. */
static void
move_start (IlvTrace *self,
            gint64    start)
{
  self->start = start;
  self->start_set = TRUE;
  self->now = MAX (self->now, start);
  for (guint i = 0; i < self->lanes->len; i++)
    {
      IlvLane *lane = ilv_trace_lane (self, i);

      if (lane->n_spans == 1 || lane->starts[1] >= start)
        lane->starts[0] = start;
    }
  for (guint i = 0; i < self->resources->len; i++)
    {
      IlvResource *res = g_ptr_array_index (self->resources, i);

      if (res->points->len == 1)
        g_array_index (res->points, IlvPoint, 0).time = start;
      if (res->expected != NULL && res->expected->len == 1)
        g_array_index (res->expected, IlvPoint, 0).time = start;
      res->blocks_valid = 0;
    }
}

void
ilv_trace_set_start (IlvTrace *self,
                     gint64    start_ns)
{
  g_return_if_fail (self != NULL);

  move_start (self, start_ns);
}

void
ilv_trace_set_gil (IlvTrace *self,
                   gboolean  gil)
{
  g_return_if_fail (self != NULL);

  self->gil = !!gil;
}

guint
ilv_trace_add_process (IlvTrace      *self,
                       const char    *name,
                       gint64         pid,
                       IlvWorkerKind  kind)
{
  IlvProcess *proc;

  g_return_val_if_fail (self != NULL, 0);

  proc = g_new0 (IlvProcess, 1);
  proc->name = g_strdup (name != NULL ? name : "");
  proc->info.name = proc->name;
  proc->info.pid = pid;
  proc->info.kind = kind;
  proc->info.exit_status = -1;
  proc->gil_lane = -1;
  g_ptr_array_add (self->processes, proc);
  return self->processes->len - 1;
}

void
ilv_trace_set_process_pid (IlvTrace *self,
                           guint     process,
                           gint64    pid)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (process < self->processes->len);

  ((IlvProcess *) g_ptr_array_index (self->processes, process))->info.pid = pid;
}

guint
ilv_trace_add_lane (IlvTrace      *self,
                    guint          process,
                    const char    *name,
                    const char    *group,
                    IlvWorkerKind  kind,
                    gboolean       daemon)
{
  IlvLaneInfo info = { name, group, ILV_LANE_WORKER, kind, process, daemon };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (process < self->processes->len, 0);

  return ilv_trace_import_lane (self, &info);
}

guint
ilv_trace_add_resource (IlvTrace        *self,
                        const char      *name,
                        IlvResourceKind  kind,
                        gint64           initial,
                        gint64           capacity)
{
  IlvResource *res;
  IlvPoint first = { self->start, 0 };

  g_return_val_if_fail (self != NULL, 0);

  res = g_new0 (IlvResource, 1);
  res->name = g_strdup (name != NULL ? name : "");
  res->info.name = res->name;
  res->info.kind = kind;
  res->info.initial = initial;
  res->info.capacity = capacity;
  res->points = g_array_new (FALSE, FALSE, sizeof (IlvPoint));
  res->block_min = g_array_new (FALSE, FALSE, sizeof (gint64));
  res->block_max = g_array_new (FALSE, FALSE, sizeof (gint64));
  res->super_min = g_array_new (FALSE, FALSE, sizeof (gint64));
  res->super_max = g_array_new (FALSE, FALSE, sizeof (gint64));
  res->hold_refs = g_array_new (FALSE, FALSE, sizeof (IlvHoldRef));
  res->releases = g_array_new (FALSE, FALSE, sizeof (IlvFlow));
  res->waited = g_array_new (FALSE, FALSE, sizeof (IlvFlow));
  if (kind == ILV_RESOURCE_VALUE || kind == ILV_RESOURCE_ARRAY)
    {
      first.value = initial;
      res->expected = g_array_new (FALSE, FALSE, sizeof (IlvPoint));
      g_array_append_val (res->expected, first);
    }
  if (kind != ILV_RESOURCE_EVENT && kind != ILV_RESOURCE_BARRIER)
    g_array_append_val (res->points, first);
  res->points_sorted = res->points->len;
  g_ptr_array_add (self->resources, res);
  return self->resources->len - 1;
}

/* One core lane per CPU, added once. */
void
ilv_trace_set_n_cpus (IlvTrace *self,
                      guint     n_cpus)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->n_cpus == 0);

  self->first_core_lane = self->lanes->len;
  for (guint i = 0; i < n_cpus; i++)
    {
      g_autofree char *name = g_strdup_printf (_("CPU %u"), i);
      IlvLaneInfo info = { name, NULL, ILV_LANE_CORE, ILV_WORKER_THREAD, 0, FALSE };

      ilv_trace_import_lane (self, &info);
    }
  self->n_cpus = n_cpus;
}

guint32
ilv_trace_intern (IlvTrace   *self,
                  const char *text)
{
  gpointer found;
  char *copy;

  g_return_val_if_fail (self != NULL, 0);

  if (text == NULL)
    text = "";
  found = g_hash_table_lookup (self->strings, text);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  copy = g_utf8_make_valid (text, -1);
  g_ptr_array_add (self->string_list, copy);
  g_hash_table_insert (self->strings, copy, GUINT_TO_POINTER (self->string_list->len));
  return self->string_list->len - 1;
}

static void
replay_derived (IlvTrace *self)
{
  for (guint i = 0; i < self->lanes->len; i++)
    {
      IlvLane *lane = ilv_trace_lane (self, i);

      if (lane->derived != NULL)
        ilv_lane_derived_replay (lane);
    }
}

void
ilv_trace_append (IlvTrace       *self,
                  const IlvEvent *events,
                  gsize           n_events)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (events != NULL || n_events == 0);

  if (n_events == 0)
    return;
  if (!self->start_set)
    move_start (self, events[0].time_ns);
  for (gsize i = 0; i < n_events; i++)
    ilv_trace_apply_event (self, &events[i]);
  self->n_events += n_events;
  self->serial++;
}

void
ilv_trace_set_now (IlvTrace *self,
                   gint64    now_ns)
{
  g_return_if_fail (self != NULL);

  if (!self->finished && now_ns > self->now)
    {
      self->now = now_ns;
      self->serial++;
    }
}

static void
close_open_holds (IlvTrace *self,
                  gint64    end)
{
  for (guint i = 0; i < self->lanes->len; i++)
    {
      IlvLane *lane = ilv_trace_lane (self, i);

      for (guint j = 0; j < lane->holds->len; j++)
        {
          IlvHold *hold = &g_array_index (lane->holds, IlvHold, j);

          if (hold->end == G_MAXINT64)
            hold->end = MAX (end, hold->start);
        }
      g_array_set_size (lane->open_holds, 0);
    }
  for (guint i = 0; i < self->tasks->len; i++)
    {
      IlvTask *task = &g_array_index (self->tasks, IlvTask, i);

      if (task->end == G_MAXINT64)
        task->end = MAX (end, task->start);
    }
}

/* Closing the samples at the end leaves GIL and core lanes an idle span
 * of no length there: it says nothing. */
static void
drop_empty_tails (IlvTrace *self,
                  gint64    end)
{
  for (guint i = 0; i < self->lanes->len; i++)
    {
      IlvLane *lane = ilv_trace_lane (self, i);
      gsize n = ilv_lane_n_spans (lane);

      if (lane->derived != NULL && n > 1 && lane->starts[n - 1] >= end)
        ilv_lane_truncate (lane, n - 1);
    }
}

/**
 * ilv_trace_finish:
 * @end_ns: the run's end; earlier than the last event means the last event
 *
 * Closes every open span, hold, task and sample at the run's end: a lock
 * held by a terminated worker stays held until then.
 */
void
ilv_trace_finish (IlvTrace      *self,
                  gint64         end_ns,
                  IlvStopReason  reason,
                  const char    *message)
{
  g_return_if_fail (self != NULL);

  if (!self->start_set)
    move_start (self, end_ns);
  end_ns = MAX (end_ns, self->now);
  ilv_trace_close_samples (self, end_ns);
  replay_derived (self);
  drop_empty_tails (self, end_ns);
  close_open_holds (self, end_ns);
  self->end = end_ns;
  self->now = end_ns;
  self->finished = TRUE;
  self->stop_reason = reason;
  g_free (self->stop_message);
  self->stop_message = g_utf8_make_valid (message != NULL ? message : "", -1);
  self->serial++;
}

const char *
ilv_trace_get_title (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char *
ilv_trace_get_description (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->description;
}

/**
 * ilv_trace_set_variant:
 * @variant: (nullable): how the scenario of this run was edited, in a few
 *   words (see ilv_scenario_describe_changes()), or NULL when it ran as
 *   written
 *
 * Tells runs of one scenario apart in a comparison and in exports.
 */
void
ilv_trace_set_variant (IlvTrace   *self,
                       const char *variant)
{
  g_return_if_fail (self != NULL);

  g_free (self->variant);
  self->variant = variant != NULL && variant[0] != '\0' ? g_utf8_make_valid (variant, -1) : NULL;
  self->serial++;
}

const char *
ilv_trace_get_variant (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->variant;
}

gboolean
ilv_trace_get_gil (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->gil;
}

gint64
ilv_trace_get_start (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->start;
}

/* The run's end once finished; until then the latest instant known. */
gint64
ilv_trace_get_end (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->finished ? self->end : self->now;
}

gboolean
ilv_trace_is_finished (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->finished;
}

IlvStopReason
ilv_trace_get_stop_reason (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, ILV_STOP_ERROR);
  return self->stop_reason;
}

const char *
ilv_trace_get_stop_message (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->stop_message != NULL ? self->stop_message : "";
}

gsize
ilv_trace_get_n_events (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_events;
}

guint64
ilv_trace_get_serial (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->serial;
}

guint
ilv_trace_get_n_processes (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->processes->len;
}

const IlvProcessInfo *
ilv_trace_get_process (IlvTrace *self,
                       guint     process)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (process < self->processes->len, NULL);
  return &((IlvProcess *) g_ptr_array_index (self->processes, process))->info;
}

guint
ilv_trace_get_n_lanes (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lanes->len;
}

const IlvLaneInfo *
ilv_trace_get_lane (IlvTrace *self,
                    guint     lane)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lane < self->lanes->len, NULL);
  return &ilv_trace_lane (self, lane)->info;
}

guint
ilv_trace_get_n_resources (IlvTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->resources->len;
}

const IlvResourceInfo *
ilv_trace_get_resource (IlvTrace *self,
                        guint     resource)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (resource < self->resources->len, NULL);
  return &((IlvResource *) g_ptr_array_index (self->resources, resource))->info;
}
