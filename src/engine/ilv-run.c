/* ilv-run.c: one run of a scenario, from start to a finished trace
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "ilv-gil.h"
#include "ilv-run-private.h"
#include "ilv-wake-source.h"

#define ILV_TICK_MS 16
/* Events newer than this wait for the next tick, so that a lane's events
 * from two recorders (the worker's, the sampler's) arrive in time order. */
#define ILV_HOLDBACK_NS (2 * G_GINT64_CONSTANT (1000000))
/* How long every live worker must stay blocked, unchanged, before the run
 * is called deadlocked. */
#define ILV_DEADLOCK_QUIET_NS (250 * G_GINT64_CONSTANT (1000000))

enum
{
  SIGNAL_UPDATED,
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (IlvRun, ilv_run, G_TYPE_OBJECT)

G_DEFINE_QUARK (ilv-run-error-quark, ilv_run_error)

static gboolean
ilv_run_lane_is_final (IlvRun  *self,
                       guint32  lane)
{
  gsize n = ilv_trace_lane_get_n_spans (self->trace, lane);
  IlvSpan span;

  if (n == 0)
    return FALSE;
  ilv_trace_lane_get_span (self->trace, lane, n - 1, &span);
  return span.state == ILV_STATE_DONE || span.state == ILV_STATE_CRASHED;
}

/* Notes which lanes have ended, joining the threads that are gone; TRUE
 * when every non-daemon worker has ended. */
static gboolean
ilv_run_update_lanes (IlvRun *self)
{
  gboolean all_ended = TRUE;

  for (guint i = 0; i < self->threads->len; i++)
    {
      IlvThreadWorker *worker = g_ptr_array_index (self->threads, i);

      if (g_atomic_int_get (&worker->exited))
        {
          ilv_thread_worker_reap (worker);
          g_array_index (self->lanes, IlvRunLane, worker->lane_index).ended = TRUE;
        }
    }

  for (guint i = 0; i < self->lanes->len; i++)
    {
      IlvRunLane *info = &g_array_index (self->lanes, IlvRunLane, i);

      if (!info->ended && info->kind == ILV_WORKER_ASYNC)
        info->ended = ilv_run_lane_is_final (self, info->lane);
      if (!info->ended && !info->daemon)
        all_ended = FALSE;
    }
  return all_ended;
}

static gboolean
ilv_run_is_quiet (IlvRun *self)
{
  for (guint i = 0; i < self->threads->len; i++)
    {
      IlvThreadWorker *worker = g_ptr_array_index (self->threads, i);

      if (worker->thread != NULL && !g_atomic_int_get (&worker->exited))
        return FALSE;
    }
  if (self->async != NULL && !ilv_async_loop_is_finished (self->async))
    return FALSE;
  return self->executor == NULL || ilv_process_executor_get_n_alive (self->executor) == 0;
}

static void
ilv_run_clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* The stop message, then a line for each worker that failed. */
static char *
ilv_run_end_message (IlvRun *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (self->message != NULL && self->message[0] != '\0')
    g_ptr_array_add (parts, self->message);
  for (guint i = 0; i < self->notes->len; i++)
    g_ptr_array_add (parts, g_ptr_array_index (self->notes, i));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

/* Every worker has returned: collect the rest and close the trace. */
static void
ilv_run_finish (IlvRun *self)
{
  g_autofree char *message = NULL;

  /* Every thread has returned (the run is quiet) and recorded its last
   * event; one still on its way out is joined when the run is freed. */
  for (guint i = 0; i < self->threads->len; i++)
    ilv_thread_worker_reap (g_ptr_array_index (self->threads, i));
  g_clear_pointer (&self->async, ilv_async_loop_free);
  if (self->sampler != NULL)
    ilv_sampler_stop (self->sampler);

  ilv_run_drain (self);
  if (ilv_run_append (self, G_MAXINT64))
    g_signal_emit (self, signals[SIGNAL_UPDATED], 0);

  ilv_run_clear_source (&self->tick_source);
  ilv_run_clear_source (&self->wake_source);
  ilv_run_clear_source (&self->thread_wake_source);
  ilv_run_clear_source (&self->timeout_source);
  g_ptr_array_set_size (self->timers, 0);

  self->finished = TRUE;
  message = ilv_run_end_message (self);
  ilv_trace_finish (self->trace, ilv_now_ns (), self->reason, message);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
}

void
ilv_run_request_stop (IlvRun        *self,
                      IlvStopReason  reason,
                      const char    *message)
{
  if (self->stopping || self->finished)
    return;

  self->stopping = TRUE;
  self->reason = reason;
  self->message = g_strdup (message);
  g_atomic_int_set (&self->stop, 1);
  if (self->executor != NULL)
    ilv_process_executor_stop (self->executor);
}

/* A TerminateAt still to come for a live worker may change everything. */
static gboolean
ilv_run_terminate_pending (IlvRun *self,
                           gint64  now)
{
  for (guint i = 0; i < self->lanes->len; i++)
    {
      const IlvRunLane *info = &g_array_index (self->lanes, IlvRunLane, i);

      if (info->terminate_at >= 0 && !info->ended && now - self->origin <= info->terminate_at)
        return TRUE;
    }
  return FALSE;
}

static void
ilv_run_check_deadlock (IlvRun *self,
                        gint64  now)
{
  g_autofree char *signature = NULL;
  g_autofree char *message = NULL;
  gboolean cycle;

  if (ilv_run_terminate_pending (self, now))
    return;

  signature = ilv_deadlock_signature (self->trace, self->lanes);
  if (g_strcmp0 (signature, self->blocked_signature) != 0)
    {
      g_free (self->blocked_signature);
      self->blocked_signature = g_steal_pointer (&signature);
      self->blocked_since = now;
      return;
    }
  if (now - self->blocked_since < ILV_DEADLOCK_QUIET_NS)
    return;

  message = ilv_deadlock_explain (self->trace, self->resources, self->lanes, &cycle);
  if (message != NULL)
    ilv_run_request_stop (self, ILV_STOP_DEADLOCK, message);
}

static gboolean
ilv_run_tick_cb (gpointer user_data)
{
  IlvRun *self = user_data;
  gint64 now = ilv_now_ns ();
  gboolean all_ended;

  ilv_run_drain (self);
  ilv_run_append (self, now - ILV_HOLDBACK_NS);
  /* Even with no new events, open spans grew: a live view redraws. */
  ilv_trace_set_now (self->trace, now - ILV_HOLDBACK_NS);
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
  all_ended = ilv_run_update_lanes (self);

  if (!self->stopping)
    {
      if (all_ended)
        ilv_run_request_stop (self, ILV_STOP_FINISHED, NULL);
      else
        ilv_run_check_deadlock (self, now);
    }

  if (self->stopping && ilv_run_is_quiet (self))
    ilv_run_finish (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
ilv_run_thread_wake_cb (gint          fd,
                        GIOCondition  condition,
                        gpointer      user_data)
{
  guint64 count;

  /* One read empties the counter; a failed one leaves it to the tick. */
  if (read (fd, &count, sizeof count) < 0)
    count = 0;
  return ilv_run_tick_cb (user_data);
}

/* Thread workers and async tasks end at a low priority: they say so
 * through an eventfd, which takes no lock the main loop could wait for.
 * Without one the tick sees their end anyway. The fd stays open until the
 * threads and the async loop's thread are joined. */
static void
ilv_run_add_thread_wake (IlvRun *self)
{
  self->thread_wake_fd = eventfd (0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (self->thread_wake_fd < 0)
    return;
  self->thread_wake_source = g_unix_fd_source_new (self->thread_wake_fd, G_IO_IN);
  g_source_set_callback (self->thread_wake_source, G_SOURCE_FUNC (ilv_run_thread_wake_cb), self, NULL);
  g_source_attach (self->thread_wake_source, self->context);
}

static gboolean
ilv_run_timeout_cb (gpointer user_data)
{
  IlvRun *self = user_data;
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("timed out after %.3g s"),
                             self->scenario->timeout_ns / 1e9);
  ilv_run_request_stop (self, ILV_STOP_TIMEOUT, message);
  g_clear_pointer (&self->timeout_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  IlvRun  *run;
  guint32  lane;
} IlvTerminateTimer;

static gboolean
ilv_run_terminate_cb (gpointer user_data)
{
  IlvTerminateTimer *timer = user_data;
  IlvRun *self = timer->run;

  if (self->executor != NULL)
    ilv_process_executor_terminate (self->executor, timer->lane);
  return G_SOURCE_REMOVE;
}

static GSource *
ilv_run_add_timer (IlvRun      *self,
                   gint64       delay_ns,
                   GSourceFunc  func,
                   gpointer     data,
                   GDestroyNotify notify)
{
  GSource *source = g_timeout_source_new ((guint) MIN (MAX (delay_ns, 0) / 1000000, G_MAXUINT));

  g_source_set_callback (source, func, data, notify);
  g_source_attach (source, self->context);
  return source;
}

static void
ilv_run_add_timers (IlvRun *self)
{
  self->tick_source = ilv_run_add_timer (self, ILV_TICK_MS * G_GINT64_CONSTANT (1000000),
                                         ilv_run_tick_cb, self, NULL);
  if (self->scenario->timeout_ns > 0)
    self->timeout_source = ilv_run_add_timer (self, self->scenario->timeout_ns,
                                              ilv_run_timeout_cb, self, NULL);

  for (guint i = 0; i < self->lanes->len; i++)
    {
      IlvRunLane *info = &g_array_index (self->lanes, IlvRunLane, i);
      IlvTerminateTimer *timer;

      if (info->terminate_at < 0)
        continue;
      timer = g_new0 (IlvTerminateTimer, 1);
      timer->run = self;
      timer->lane = info->lane;
      g_ptr_array_add (self->timers,
                       ilv_run_add_timer (self, info->terminate_at - (ilv_now_ns () - self->origin),
                                          ilv_run_terminate_cb, timer, g_free));
    }
}

static void
ilv_run_destroy_timer (gpointer data)
{
  GSource *source = data;

  g_source_destroy (source);
  g_source_unref (source);
}

static void
ilv_run_dispose (GObject *object)
{
  IlvRun *self = ILV_RUN (object);

  /* A run dropped while it goes on: stop and join; threads see the flag
   * within one wait slice. */
  g_atomic_int_set (&self->stop, 1);
  if (self->executor != NULL)
    ilv_process_executor_stop (self->executor);
  if (self->threads != NULL)
    g_ptr_array_set_size (self->threads, 0);
  g_clear_pointer (&self->async, ilv_async_loop_free);
  g_clear_pointer (&self->sampler, ilv_sampler_free);
  g_clear_pointer (&self->executor, ilv_process_executor_free);
  ilv_run_clear_source (&self->tick_source);
  ilv_run_clear_source (&self->wake_source);
  ilv_run_clear_source (&self->thread_wake_source);
  ilv_run_clear_source (&self->timeout_source);
  /* After the threads are joined: none writes to it any more. */
  if (self->thread_wake_fd >= 0)
    {
      close (self->thread_wake_fd);
      self->thread_wake_fd = -1;
    }
  if (self->timers != NULL)
    g_ptr_array_set_size (self->timers, 0);

  G_OBJECT_CLASS (ilv_run_parent_class)->dispose (object);
}

static void
ilv_run_finalize (GObject *object)
{
  IlvRun *self = ILV_RUN (object);

  g_clear_pointer (&self->threads, g_ptr_array_unref);
  g_clear_pointer (&self->timers, g_ptr_array_unref);
  g_clear_pointer (&self->async_recorder, ilv_recorder_free);
  g_clear_pointer (&self->resources, ilv_resources_free);
  g_clear_pointer (&self->gil, ilv_gil_free);
  g_clear_pointer (&self->strings, ilv_worker_strings_free);
  g_clear_pointer (&self->string_ids, g_array_unref);
  g_clear_pointer (&self->slot_map, ilv_slot_map_free);
  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->trace, ilv_trace_unref);
  g_clear_pointer (&self->scenario, ilv_scenario_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->message);
  g_free (self->blocked_signature);

  G_OBJECT_CLASS (ilv_run_parent_class)->finalize (object);
}

static void
ilv_run_class_init (IlvRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ilv_run_dispose;
  object_class->finalize = ilv_run_finalize;

  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ilv_run_init (IlvRun *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->lanes = g_array_new (FALSE, FALSE, sizeof (IlvRunLane));
  self->threads = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_thread_worker_free);
  self->timers = g_ptr_array_new_with_free_func (ilv_run_destroy_timer);
  self->pending = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->reason = ILV_STOP_FINISHED;
  self->thread_wake_fd = -1;
}

/**
 * ilv_run_new:
 * @scenario: a validated scenario
 *
 * Creates a run on the thread-default main context; nothing starts before
 * ilv_run_start().
 */
IlvRun *
ilv_run_new (IlvScenario *scenario)
{
  IlvRun *self;

  g_return_val_if_fail (scenario != NULL, NULL);

  self = g_object_new (ILV_TYPE_RUN, NULL);
  self->scenario = ilv_scenario_ref (scenario);
  self->trace = ilv_trace_new (scenario->name, scenario->description);
  return self;
}

IlvScenario *
ilv_run_get_scenario (IlvRun *self)
{
  g_return_val_if_fail (ILV_IS_RUN (self), NULL);

  return self->scenario;
}

IlvTrace *
ilv_run_get_trace (IlvRun *self)
{
  g_return_val_if_fail (ILV_IS_RUN (self), NULL);

  return self->trace;
}

gboolean
ilv_run_start (IlvRun  *self,
               GError **error)
{
  g_return_val_if_fail (ILV_IS_RUN (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->started = TRUE;
  /* Workers poke it as they end, so that the end is seen at once rather
   * than at the next tick. */
  self->wake_source = ilv_wake_source_new (ilv_run_tick_cb, self);
  g_source_attach (self->wake_source, self->context);
  ilv_run_add_thread_wake (self);
  if (!ilv_run_launch (self, error))
    {
      g_atomic_int_set (&self->stop, 1);
      if (self->executor != NULL)
        ilv_process_executor_stop (self->executor);
      g_ptr_array_set_size (self->threads, 0);
      g_clear_pointer (&self->async, ilv_async_loop_free);
      if (self->sampler != NULL)
        ilv_sampler_stop (self->sampler);
      self->finished = TRUE;
      ilv_trace_finish (self->trace, ilv_now_ns (), ILV_STOP_ERROR,
                        error != NULL && *error != NULL ? (*error)->message : NULL);
      return FALSE;
    }

  ilv_run_add_timers (self);
  return TRUE;
}

void
ilv_run_stop (IlvRun *self)
{
  g_return_if_fail (ILV_IS_RUN (self));

  if (self->started && !self->finished)
    ilv_run_request_stop (self, ILV_STOP_STOPPED, NULL);
}

gboolean
ilv_run_is_running (IlvRun *self)
{
  g_return_val_if_fail (ILV_IS_RUN (self), FALSE);

  return self->started && !self->finished;
}

static void
ilv_run_sync_finished_cb (IlvRun   *run,
                          gboolean *done)
{
  *done = TRUE;
}

IlvTrace *
ilv_run_scenario_sync (IlvScenario *scenario,
                       GError     **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(IlvRun) run = NULL;
  gboolean done = FALSE;
  IlvTrace *trace = NULL;

  g_return_val_if_fail (scenario != NULL, NULL);

  g_main_context_push_thread_default (context);
  run = ilv_run_new (scenario);
  g_signal_connect (run, "finished", G_CALLBACK (ilv_run_sync_finished_cb), &done);
  if (ilv_run_start (run, error))
    {
      while (!done)
        g_main_context_iteration (context, TRUE);
      trace = ilv_trace_ref (run->trace);
    }
  g_clear_object (&run);
  g_main_context_pop_thread_default (context);
  return trace;
}
