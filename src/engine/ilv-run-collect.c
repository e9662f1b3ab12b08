/* ilv-run-collect.c: the run's collector: workers' events into the trace
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ilv-run-private.h"

static gint
ilv_event_compare (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const IlvEvent *ea = a;
  const IlvEvent *eb = b;

  return (ea->time_ns > eb->time_ns) - (ea->time_ns < eb->time_ns);
}

static IlvRunLane *
ilv_run_find_lane (IlvRun  *self,
                   guint32  lane)
{
  for (guint i = 0; i < self->lanes->len; i++)
    if (g_array_index (self->lanes, IlvRunLane, i).lane == lane)
      return &g_array_index (self->lanes, IlvRunLane, i);
  return NULL;
}

/* Workers number their strings by the scenario's table, and name an Array
 * element by its Array and slot; the trace has its own ids for both. One
 * place for the events of threads, async tasks and processes. */
static void
ilv_run_queue (IlvRun         *self,
               const IlvEvent *events,
               gsize           n_events)
{
  guint first = self->pending->len;

  g_array_append_vals (self->pending, events, n_events);
  for (guint i = first; i < self->pending->len; i++)
    {
      IlvEvent *e = &g_array_index (self->pending, IlvEvent, i);

      ilv_slot_map_apply (self->slot_map, e);
      if (e->type == ILV_EVENT_WORKER_START)
        {
          IlvRunLane *info = ilv_run_find_lane (self, e->lane);

          if (info != NULL)
            info->started = TRUE;
        }
      if ((e->type == ILV_EVENT_MARK || e->type == ILV_EVENT_TASK_BEGIN) &&
          e->aux < self->string_ids->len)
        e->aux = g_array_index (self->string_ids, guint32, e->aux);
    }
}

static void
ilv_run_drain_recorder (IlvRun      *self,
                        IlvRecorder *recorder,
                        GArray      *scratch)
{
  g_array_set_size (scratch, 0);
  if (ilv_recorder_drain (recorder, scratch) > 0)
    ilv_run_queue (self, (IlvEvent *) (gpointer) scratch->data, scratch->len);
}

void
ilv_run_drain (IlvRun *self)
{
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (IlvEvent));

  for (guint i = 0; i < self->threads->len; i++)
    {
      IlvThreadWorker *worker = g_ptr_array_index (self->threads, i);

      ilv_run_drain_recorder (self, worker->recorder, scratch);
    }
  if (self->async_recorder != NULL)
    ilv_run_drain_recorder (self, self->async_recorder, scratch);
  if (self->sampler != NULL)
    ilv_run_drain_recorder (self, ilv_sampler_get_recorder (self->sampler), scratch);
}

/* Appends the pending events older than `limit`, in time order; TRUE if
 * there were any. */
gboolean
ilv_run_append (IlvRun *self,
                gint64  limit)
{
  guint n = 0;

  if (self->pending->len == 0)
    return FALSE;

  /* g_qsort_with_data is a stable merge sort: one lane's equal times keep
   * their order. */
  g_qsort_with_data (self->pending->data, self->pending->len, sizeof (IlvEvent),
                     ilv_event_compare, NULL);
  while (n < self->pending->len && g_array_index (self->pending, IlvEvent, n).time_ns < limit)
    n++;
  if (n == 0)
    return FALSE;

  ilv_trace_append (self->trace, (IlvEvent *) (gpointer) self->pending->data, n);
  g_array_remove_range (self->pending, 0, n);
  return TRUE;
}

void
ilv_run_process_events_cb (const IlvEvent *events,
                           gsize           n_events,
                           gpointer        user_data)
{
  IlvRun *self = user_data;

  if (!self->finished)
    ilv_run_queue (self, events, n_events);
}

/* Any exit code but 0 is a failure, and so is a signal, unless the run
 * was stopping its workers anyway. */
static gboolean
ilv_run_exit_failed (IlvRun *self,
                     gint    exit_status)
{
  return exit_status != 0 && (exit_status < 256 || !self->stopping);
}

static char *
ilv_run_describe_exit (gint exit_status)
{
  if (exit_status >= 256)
    return g_strdup_printf (_("was killed by signal %d (%s)"),
                            exit_status - 256, g_strsignal (exit_status - 256));
  return g_strdup_printf (_("exited with status %d"), exit_status);
}

/* A worker that failed before its first step, or that the executor cut
 * off, gets a line in the run's end message and a mark on its lane: its
 * lane alone would not say why. */
static void
ilv_run_note_failure (IlvRun     *self,
                      IlvRunLane *info,
                      gint        exit_status,
                      gint64      time)
{
  const char *why = ilv_process_executor_get_message (self->executor, info->lane);
  g_autofree char *how = NULL;
  g_autofree char *detail = NULL;
  IlvEvent mark = { 0 };

  if (why == NULL && (info->started || !ilv_run_exit_failed (self, exit_status)))
    return;

  how = ilv_run_describe_exit (exit_status);
  if (why != NULL)
    detail = g_strdup_printf (_("%s: %s"), how, why);
  else
    detail = g_strdup_printf (_("%s before its first step"), how);
  g_ptr_array_add (self->notes, g_strdup_printf (_("%s %s"),
                                                 ilv_trace_get_lane (self->trace, info->lane)->name,
                                                 detail));
  /* Straight to pending: its text is the trace's string already. */
  mark.time_ns = time;
  mark.lane = info->lane;
  mark.type = ILV_EVENT_MARK;
  mark.resource = -1;
  mark.aux = ilv_trace_intern (self->trace, detail);
  g_array_append_val (self->pending, mark);
}

/* A process that did not end its program itself gets its end recorded
 * here: crashed when it failed (unless the run was stopping anyway). */
void
ilv_run_process_exit_cb (guint32  lane,
                         gint     exit_status,
                         gpointer user_data)
{
  IlvRun *self = user_data;
  IlvRunLane *info = ilv_run_find_lane (self, lane);
  IlvEvent events[3] = { { 0 } };
  gsize n_events = 2;

  if (info == NULL || self->finished)
    return;

  info->ended = TRUE;
  g_source_set_ready_time (self->wake_source, 0);
  if (self->sampler != NULL)
    ilv_sampler_remove (self->sampler, lane);
  if (exit_status == 0)
    return;

  events[0].time_ns = events[1].time_ns = ilv_now_ns ();
  events[0].lane = events[1].lane = lane;
  events[0].resource = events[1].resource = -1;
  events[0].type = ILV_EVENT_STATE;
  events[0].value = ilv_run_exit_failed (self, exit_status) ? ILV_STATE_CRASHED : ILV_STATE_DONE;
  events[1].type = ILV_EVENT_WORKER_END;
  events[1].value = -1;  /* it died before it could say what work it did */
  events[1].aux = exit_status;
  /* A dead interpreter holds nothing any more, not even its GIL (its
   * locks in shared memory stay held: that is the terminate() lesson). */
  if (self->scenario->gil && info->started)
    {
      events[2] = events[1];
      events[2].type = ILV_EVENT_GIL_RELEASED;
      events[2].resource = info->process;
      events[2].aux = 0;
      n_events++;
    }
  ilv_run_queue (self, events, n_events);
  ilv_run_note_failure (self, info, exit_status, events[0].time_ns);
}
