/* ilv-summary.c: the figures a lecturer points at, computed from a trace
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ilv-json-writer.h"
#include "ilv-summary.h"
#include "ilv-trace-private.h"

#define NS_PER_MS 1e6

static void
clear_worker (gpointer data)
{
  g_free (((IlvWorkerSummary *) data)->name);
}

static void
clear_named (gpointer data)
{
  /* Every other summary struct starts with its name. */
  g_free (*(char **) data);
}

static gint64
finished_at (IlvTrace *trace,
             guint     lane)
{
  gsize n = ilv_trace_lane_get_n_spans (trace, lane);
  IlvSpan span;

  ilv_trace_lane_get_span (trace, lane, n - 1, &span);
  if (span.state == ILV_STATE_DONE || span.state == ILV_STATE_CRASHED)
    return span.start;
  return G_MININT64;
}

/* Adds one worker lane; returns its lifetime (first step to done) and the
 * time it spent in each state within it. */
static gint64
add_worker (IlvSummary *self,
            IlvTrace   *trace,
            guint       lane,
            gint64      life_times[ILV_N_STATES])
{
  const IlvLaneInfo *info = ilv_trace_get_lane (trace, lane);
  gint64 start = ilv_trace_get_start (trace);
  gint64 first = ilv_trace_lane_get_first_step (trace, lane);
  gint64 done = finished_at (trace, lane);
  gint64 times[ILV_N_STATES];
  IlvWorkerSummary w = { 0 };

  w.name = g_strdup (info->name);
  w.kind = info->worker_kind;
  w.started_ms = first != G_MININT64 ? (first - start) / NS_PER_MS : -1;
  w.finished_ms = done != G_MININT64 ? (done - start) / NS_PER_MS : -1;
  w.start_cost_ms = ilv_trace_lane_get_start_cost (trace, lane) / NS_PER_MS;
  w.exit_status = ilv_trace_lane_get_exit_status (trace, lane);
  ilv_trace_lane_state_times (trace, lane, start, ilv_trace_get_end (trace), times);
  for (guint s = 0; s < ILV_N_STATES; s++)
    w.state_ms[s] = times[s] / NS_PER_MS;
  g_array_append_val (self->workers, w);

  if (first == G_MININT64)
    return 0;
  if (done == G_MININT64)
    done = ilv_trace_get_end (trace);
  ilv_trace_lane_state_times (trace, lane, first, done, life_times);
  return MAX (done - first, 0);
}

/* The work a worker did, as the sequential figure counts it: what it said
 * it did, or, when it could not say (a process killed by terminate() or a
 * signal, or crashed), its time computing and sleeping before it died.
 * Either way the work it got to counts, and none it never reached. */
static gint64
work_done (IlvTrace *trace,
           guint     lane)
{
  gint64 reported = ilv_trace_lane_get_nominal_work (trace, lane);
  gint64 times[ILV_N_STATES];

  if (reported >= 0)
    return reported;
  ilv_trace_lane_state_times (trace, lane, ilv_trace_get_start (trace),
                              ilv_trace_get_end (trace), times);
  return times[ILV_STATE_RUNNING] + times[ILV_STATE_SLEEP];
}

static void
add_workers (IlvSummary *self,
             IlvTrace   *trace)
{
  gint64 life = 0;
  gint64 gil_wait = 0;
  gint64 lock_wait = 0;
  gint64 nominal = 0;

  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    {
      gint64 times[ILV_N_STATES] = { 0 };

      if (ilv_trace_get_lane (trace, i)->kind != ILV_LANE_WORKER)
        continue;
      life += add_worker (self, trace, i, times);
      gil_wait += times[ILV_STATE_GIL_WAIT];
      lock_wait += times[ILV_STATE_LOCK_WAIT];
      nominal += work_done (trace, i);
    }
  self->sequential_ms = nominal / NS_PER_MS;
  self->speedup = self->wall_ms > 0 ? self->sequential_ms / self->wall_ms : NAN;
  self->gil_wait_share = life > 0 ? (double) gil_wait / (double) life : 0.0;
  self->lock_wait_share = life > 0 ? (double) lock_wait / (double) life : 0.0;
}

static guint
hash_value (gconstpointer key)
{
  guint64 k = GPOINTER_TO_SIZE (key);

  return (guint) (k ^ (k >> 32));
}

/* Lost updates, in general: every store wrote `value` meaning to add
 * `increment` to what it read, so it read value − increment, and it builds
 * on the latest earlier store that wrote that (or on the initial value).
 * Following these links back from the last store gives the chain of
 * updates the final value holds; every store not on it was overwritten by
 * a store that had read an older value: a lost update. When every increment
 * is the same, this is (expected − final) / increment. */
static gint64
count_lost_updates (const IlvPoint *points,
                    const IlvPoint *expected,
                    gsize           n)
{
  /* value -> 1 + the number of updates the latest write of it holds */
  g_autoptr(GHashTable) held_by = g_hash_table_new (hash_value, g_direct_equal);
  gint64 held = 0;

  g_hash_table_insert (held_by, GSIZE_TO_POINTER ((gsize) points[0].value), GSIZE_TO_POINTER (1));
  for (gsize i = 1; i < n; i++)
    {
      gint64 increment = expected[i].value - expected[i - 1].value;
      gint64 read = points[i].value - increment;
      gpointer found = g_hash_table_lookup (held_by, GSIZE_TO_POINTER ((gsize) read));

      /* A read of a value nobody wrote builds on the previous store. */
      held = (found != NULL ? (gint64) GPOINTER_TO_SIZE (found) - 1 : held) + 1;
      g_hash_table_insert (held_by, GSIZE_TO_POINTER ((gsize) points[i].value),
                           GSIZE_TO_POINTER ((gsize) held + 1));
    }
  return (gint64) (n - 1) - held;
}

static void
add_resources (IlvSummary *self,
               IlvTrace   *trace)
{
  for (guint r = 0; r < ilv_trace_get_n_resources (trace); r++)
    {
      const IlvResourceInfo *info = ilv_trace_get_resource (trace, r);
      const IlvPoint *points = ilv_trace_counter_get_points (trace, r);
      gsize n = ilv_trace_counter_get_n_points (trace, r);
      gint64 max = 0;

      for (gsize i = 0; i < n; i++)
        max = MAX (max, points[i].value);

      /* An Array's elements are values of their own; the Array itself is
       * listed only in traces that merged them (n > 1: it was stored to). */
      if (info->kind == ILV_RESOURCE_VALUE || (info->kind == ILV_RESOURCE_ARRAY && n > 1))
        {
          const IlvPoint *expected = ilv_trace_expected_get_points (trace, r);
          gsize n_expected = ilv_trace_expected_get_n_points (trace, r);
          IlvValueSummary v = { g_strdup (info->name), info->initial, info->initial, 0 };

          if (n > 0)
            v.final = points[n - 1].value;
          if (n_expected > 0)
            v.expected = expected[n_expected - 1].value;
          if (n > 0 && n == n_expected)
            v.lost_updates = count_lost_updates (points, expected, n);
          g_array_append_val (self->values, v);
        }
      else if (info->kind == ILV_RESOURCE_LOCK || info->kind == ILV_RESOURCE_SEMAPHORE)
        {
          IlvLockSummary l = { g_strdup (info->name), 0, 0, 0.0, (guint) MIN (max, G_MAXUINT) };

          g_array_append_val (self->locks, l);
        }
      else if (info->kind == ILV_RESOURCE_QUEUE)
        {
          IlvQueueSummary q = { g_strdup (info->name), 0, 0, max, info->capacity };
          guint64 puts, gets;

          ilv_trace_resource_get_counts (trace, r, &puts, &gets);
          q.puts = (guint) MIN (puts, G_MAXUINT);
          q.gets = (guint) MIN (gets, G_MAXUINT);
          g_array_append_val (self->queues, q);
        }
    }
}

static IlvLockSummary *
find_lock (IlvSummary *self,
           IlvTrace   *trace,
           gint        resource)
{
  const IlvResourceInfo *info;

  if (resource < 0 || (guint) resource >= ilv_trace_get_n_resources (trace))
    return NULL;
  info = ilv_trace_get_resource (trace, resource);
  for (guint i = 0; i < self->locks->len; i++)
    {
      IlvLockSummary *l = &g_array_index (self->locks, IlvLockSummary, i);

      if (g_strcmp0 (l->name, info->name) == 0)
        return l;
    }
  /* A Value or Array with Lock=true is a lock too (`with v.get_lock()`):
   * it is listed once something held or waited for it. */
  if (info->kind == ILV_RESOURCE_VALUE || info->kind == ILV_RESOURCE_ARRAY)
    {
      IlvLockSummary l = { g_strdup (info->name), 0, 0, 0.0, 0 };

      g_array_append_val (self->locks, l);
      return &g_array_index (self->locks, IlvLockSummary, self->locks->len - 1);
    }
  return NULL;
}

/* Acquisitions and contention from the holds, wait from the lock-wait spans. */
static void
add_lock_use (IlvSummary *self,
              IlvTrace   *trace)
{
  for (guint lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    {
      const IlvHold *holds = ilv_trace_lane_get_holds (trace, lane);
      gsize n_spans = ilv_trace_lane_get_n_spans (trace, lane);

      if (ilv_trace_get_lane (trace, lane)->kind != ILV_LANE_WORKER)
        continue;
      for (gsize i = 0; i < ilv_trace_lane_get_n_holds (trace, lane); i++)
        {
          IlvLockSummary *l = find_lock (self, trace, holds[i].resource);

          if (l == NULL)
            continue;
          l->acquisitions++;
          l->contended += holds[i].contended ? 1 : 0;
        }
      for (gsize i = 0; i < n_spans; i++)
        {
          IlvSpan span;
          IlvLockSummary *l;

          ilv_trace_lane_get_span (trace, lane, i, &span);
          if (span.state != ILV_STATE_LOCK_WAIT || (l = find_lock (self, trace, span.resource)) == NULL)
            continue;
          l->wait_ms += (span.end - span.start) / NS_PER_MS;
        }
    }
}

/**
 * ilv_summary_new:
 * @trace: a trace, finished or not (then up to now)
 *
 * Returns: (transfer full): the run's summary
 */
IlvSummary *
ilv_summary_new (IlvTrace *trace)
{
  IlvSummary *self;

  g_return_val_if_fail (trace != NULL, NULL);

  self = g_new0 (IlvSummary, 1);
  self->scenario = g_strdup (ilv_trace_get_title (trace));
  self->gil = ilv_trace_get_gil (trace);
  self->wall_ms = (ilv_trace_get_end (trace) - ilv_trace_get_start (trace)) / NS_PER_MS;
  self->stopped = ilv_trace_get_stop_reason (trace);
  self->stop_message = g_strdup (ilv_trace_get_stop_message (trace));
  self->events_recorded = ilv_trace_get_n_events (trace);
  self->workers = g_array_new (FALSE, TRUE, sizeof (IlvWorkerSummary));
  self->values = g_array_new (FALSE, TRUE, sizeof (IlvValueSummary));
  self->locks = g_array_new (FALSE, TRUE, sizeof (IlvLockSummary));
  self->queues = g_array_new (FALSE, TRUE, sizeof (IlvQueueSummary));
  g_array_set_clear_func (self->workers, clear_worker);
  g_array_set_clear_func (self->values, clear_named);
  g_array_set_clear_func (self->locks, clear_named);
  g_array_set_clear_func (self->queues, clear_named);
  add_workers (self, trace);
  add_resources (self, trace);
  add_lock_use (self, trace);
  return self;
}

void
ilv_summary_free (IlvSummary *self)
{
  if (self == NULL)
    return;
  g_free (self->scenario);
  g_free (self->stop_message);
  g_array_unref (self->workers);
  g_array_unref (self->values);
  g_array_unref (self->locks);
  g_array_unref (self->queues);
  g_free (self);
}

/* Times in ms rounded to the µs: the ns below that are noise. */
static double
ms (double value)
{
  return isfinite (value) ? round (value * 1000.0) / 1000.0 : value;
}

static void
write_workers (IlvJsonWriter    *w,
               const IlvSummary *self)
{
  ilv_json_writer_key (w, "workers");
  ilv_json_writer_begin_array (w);
  for (guint i = 0; i < self->workers->len; i++)
    {
      const IlvWorkerSummary *ws = &g_array_index (self->workers, IlvWorkerSummary, i);

      ilv_json_writer_begin_object (w);
      ilv_json_writer_key (w, "name");
      ilv_json_writer_string (w, ws->name);
      ilv_json_writer_key (w, "kind");
      ilv_json_writer_string (w, ilv_worker_kind_to_string (ws->kind));
      ilv_json_writer_key (w, "started_ms");
      ilv_json_writer_double (w, ms (ws->started_ms));
      ilv_json_writer_key (w, "finished_ms");
      ilv_json_writer_double (w, ms (ws->finished_ms));
      ilv_json_writer_key (w, "start_cost_ms");
      ilv_json_writer_double (w, ms (ws->start_cost_ms));
      ilv_json_writer_key (w, "exit_status");
      ilv_json_writer_int (w, ws->exit_status);
      ilv_json_writer_key (w, "state_ms");
      ilv_json_writer_begin_object (w);
      for (guint s = 0; s < ILV_N_STATES; s++)
        {
          if (s == ILV_STATE_IDLE)
            continue;
          ilv_json_writer_key (w, ilv_state_to_string (s));
          ilv_json_writer_double (w, ms (ws->state_ms[s]));
        }
      ilv_json_writer_end_object (w);
      ilv_json_writer_end_object (w);
    }
  ilv_json_writer_end_array (w);
}

static void
write_resources (IlvJsonWriter    *w,
                 const IlvSummary *self)
{
  ilv_json_writer_key (w, "values");
  ilv_json_writer_begin_object (w);
  for (guint i = 0; i < self->values->len; i++)
    {
      const IlvValueSummary *v = &g_array_index (self->values, IlvValueSummary, i);

      ilv_json_writer_key (w, v->name);
      ilv_json_writer_begin_object (w);
      ilv_json_writer_key (w, "final");
      ilv_json_writer_int (w, v->final);
      ilv_json_writer_key (w, "expected");
      ilv_json_writer_int (w, v->expected);
      ilv_json_writer_key (w, "lost_updates");
      ilv_json_writer_int (w, v->lost_updates);
      ilv_json_writer_end_object (w);
    }
  ilv_json_writer_end_object (w);

  ilv_json_writer_key (w, "locks");
  ilv_json_writer_begin_object (w);
  for (guint i = 0; i < self->locks->len; i++)
    {
      const IlvLockSummary *l = &g_array_index (self->locks, IlvLockSummary, i);

      ilv_json_writer_key (w, l->name);
      ilv_json_writer_begin_object (w);
      ilv_json_writer_key (w, "acquisitions");
      ilv_json_writer_int (w, l->acquisitions);
      ilv_json_writer_key (w, "contended");
      ilv_json_writer_int (w, l->contended);
      ilv_json_writer_key (w, "wait_ms");
      ilv_json_writer_double (w, ms (l->wait_ms));
      ilv_json_writer_key (w, "max_waiters");
      ilv_json_writer_int (w, l->max_waiters);
      ilv_json_writer_end_object (w);
    }
  ilv_json_writer_end_object (w);

  ilv_json_writer_key (w, "queues");
  ilv_json_writer_begin_object (w);
  for (guint i = 0; i < self->queues->len; i++)
    {
      const IlvQueueSummary *q = &g_array_index (self->queues, IlvQueueSummary, i);

      ilv_json_writer_key (w, q->name);
      ilv_json_writer_begin_object (w);
      ilv_json_writer_key (w, "puts");
      ilv_json_writer_int (w, q->puts);
      ilv_json_writer_key (w, "gets");
      ilv_json_writer_int (w, q->gets);
      ilv_json_writer_key (w, "max_depth");
      ilv_json_writer_int (w, q->max_depth);
      ilv_json_writer_key (w, "capacity");
      ilv_json_writer_int (w, q->capacity);
      ilv_json_writer_end_object (w);
    }
  ilv_json_writer_end_object (w);
}

/**
 * ilv_summary_to_json:
 *
 * Returns: (transfer full): the summary as one JSON object, newline-terminated
 */
char *
ilv_summary_to_json (const IlvSummary *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(IlvJsonWriter) w = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  w = ilv_json_writer_new (out);
  ilv_json_writer_begin_object (w);
  ilv_json_writer_key (w, "scenario");
  ilv_json_writer_string (w, self->scenario);
  ilv_json_writer_key (w, "gil");
  ilv_json_writer_boolean (w, self->gil);
  ilv_json_writer_key (w, "wall_ms");
  ilv_json_writer_double (w, ms (self->wall_ms));
  ilv_json_writer_key (w, "sequential_ms");
  ilv_json_writer_double (w, ms (self->sequential_ms));
  ilv_json_writer_key (w, "speedup");
  ilv_json_writer_double (w, round (self->speedup * 1000.0) / 1000.0);
  ilv_json_writer_key (w, "deadlock");
  ilv_json_writer_boolean (w, self->stopped == ILV_STOP_DEADLOCK);
  ilv_json_writer_key (w, "stopped");
  ilv_json_writer_string (w, ilv_stop_reason_to_string (self->stopped));
  ilv_json_writer_key (w, "stop_message");
  ilv_json_writer_string (w, self->stop_message);
  ilv_json_writer_key (w, "gil_wait_share");
  ilv_json_writer_double (w, round (self->gil_wait_share * 10000.0) / 10000.0);
  ilv_json_writer_key (w, "lock_wait_share");
  ilv_json_writer_double (w, round (self->lock_wait_share * 10000.0) / 10000.0);
  write_workers (w, self);
  write_resources (w, self);
  ilv_json_writer_key (w, "events_recorded");
  ilv_json_writer_int (w, (gint64) self->events_recorded);
  ilv_json_writer_end_object (w);
  g_string_append_c (out, '\n');
  return g_string_free (g_steal_pointer (&out), FALSE);
}
