/* ilv-run-start.c: a run's lanes, resources and workers, set up and started
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "ilv-compute.h"
#include "ilv-gil.h"
#include "ilv-run-private.h"
#include "ilv-wake-source.h"

/* A new thread starts at the window's priority and, once lowered, would
 * still finish its first time slice: 64 of them starting at once kept the
 * main loop waiting for a CPU for tens of ms. Lowered, it gives the rest
 * of that slice back. */
static gpointer
ilv_thread_worker_main (gpointer data)
{
  IlvThreadWorker *worker = data;
  gint tid = (gint) syscall (SYS_gettid);

  ilv_worker_lower_priority ();
  sched_yield ();
  g_atomic_int_set (&worker->tid, tid);
  if (worker->sampler != NULL)
    ilv_sampler_add (worker->sampler, getpid (), tid, worker->spec.lane);
  ilv_worker_run_hosted (&worker->spec, &ilv_thread_host, worker->strings);
  if (worker->sampler != NULL)
    ilv_sampler_remove (worker->sampler, worker->spec.lane);
  g_atomic_int_set (&worker->exited, 1);
  ilv_wake_fd_write (worker->wake_fd);
  return NULL;
}

/* Joins a worker whose thread has returned and is gone, without waiting:
 * between its last event and its end a thread at the workers' low
 * priority can wait long for a CPU, and the main loop must not wait with
 * it. TRUE once joined. A thread id reused meanwhile only delays this. */
gboolean
ilv_thread_worker_reap (IlvThreadWorker *worker)
{
  gint tid = g_atomic_int_get (&worker->tid);

  if (worker->thread == NULL)
    return TRUE;
  if (!g_atomic_int_get (&worker->exited) || tid == 0 ||
      syscall (SYS_tgkill, getpid (), tid, 0) == 0 || errno != ESRCH)
    return FALSE;
  g_thread_join (g_steal_pointer (&worker->thread));
  return TRUE;
}

void
ilv_thread_worker_free (IlvThreadWorker *worker)
{
  if (worker->thread != NULL)
    g_thread_join (worker->thread);
  ilv_recorder_free (worker->recorder);
  g_free (worker);
}

static char *
ilv_lane_name (const char *group,
               guint       count,
               guint       instance,
               gboolean    always_number)
{
  if (count == 1 && !always_number)
    return g_strdup (group);
  return g_strdup_printf ("%s#%u", group, instance + 1);
}

static void
ilv_run_fill_spec (IlvRun        *self,
                   IlvWorkerSpec *spec,
                   guint          group,
                   gboolean       is_pool,
                   guint          instance)
{
  memset (spec, 0, sizeof *spec);
  spec->scenario = self->scenario;
  spec->resources = self->resources;
  spec->gil = self->gil;
  spec->group = group;
  spec->is_pool = is_pool;
  spec->instance = instance;
  spec->origin_ns = self->origin;
  spec->stop = &self->stop;
  if (is_pool)
    spec->program = ((IlvPool *) g_ptr_array_index (self->scenario->pools, group))->program;
  else
    {
      IlvWorkerGroup *g = g_ptr_array_index (self->scenario->groups, group);

      spec->program = g->program;
      spec->start_at_ns = g->start_at_ns;
    }
}

static gboolean
ilv_run_start_thread (IlvRun        *self,
                      IlvWorkerSpec *spec,
                      GError       **error)
{
  IlvThreadWorker *worker = g_new0 (IlvThreadWorker, 1);
  g_autoptr(GError) local_error = NULL;

  worker->spec = *spec;
  worker->recorder = ilv_recorder_new ();
  worker->spec.recorder = worker->recorder;
  worker->strings = self->strings;
  worker->sampler = self->sampler;
  worker->wake_fd = self->thread_wake_fd;
  worker->lane_index = self->lanes->len - 1;
  g_ptr_array_add (self->threads, worker);

  worker->spec.requested_ns = ilv_now_ns ();
  worker->thread = g_thread_try_new (ilv_trace_get_lane (self->trace, spec->lane)->name,
                                     ilv_thread_worker_main, worker, &local_error);
  if (worker->thread == NULL)
    {
      g_set_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_START,
                   _("Could not start thread worker “%s”: %s"),
                   ilv_trace_get_lane (self->trace, spec->lane)->name,
                   local_error->message);
      g_atomic_int_set (&worker->exited, 1);
      return FALSE;
    }
  return TRUE;
}

static gboolean
ilv_run_start_process (IlvRun        *self,
                       IlvWorkerSpec *spec,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 pid = 0;

  if (self->executor == NULL)
    {
      g_autofree char *data = NULL;
      gsize length = 0;

      data = ilv_scenario_to_data (self->scenario, &length);
      self->executor = ilv_process_executor_new (data, length, self->resources, self->origin,
                                                 ilv_run_process_events_cb,
                                                 ilv_run_process_exit_cb,
                                                 self);
    }

  spec->requested_ns = ilv_now_ns ();
  if (!ilv_process_executor_spawn (self->executor, spec, &pid, &local_error))
    {
      g_set_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_START,
                   _("Could not start process worker “%s”: %s"),
                   ilv_trace_get_lane (self->trace, spec->lane)->name,
                   local_error->message);
      return FALSE;
    }

  ilv_trace_set_process_pid (self->trace, spec->process, pid);
  if (self->sampler != NULL)
    ilv_sampler_add (self->sampler, pid, pid, spec->lane);
  return TRUE;
}

static void
ilv_run_add_lane (IlvRun        *self,
                  IlvWorkerSpec *spec,
                  const char    *name,
                  const char    *group,
                  IlvWorkerKind  kind,
                  gboolean       daemon,
                  gint64         terminate_at)
{
  IlvRunLane info = { 0, 0, kind, daemon, FALSE, FALSE, terminate_at };

  spec->process = 0;
  if (kind == ILV_WORKER_PROCESS)
    spec->process = ilv_trace_add_process (self->trace, name, 0, ILV_WORKER_PROCESS);
  spec->lane = ilv_trace_add_lane (self->trace, spec->process, name, group, kind, daemon);
  info.lane = spec->lane;
  info.process = spec->process;
  g_array_append_val (self->lanes, info);
}

static gboolean
ilv_run_start_worker (IlvRun         *self,
                      IlvWorkerSpec  *spec,
                      IlvWorkerKind   kind,
                      GError        **error)
{
  switch (kind)
    {
    case ILV_WORKER_THREAD:
      return ilv_run_start_thread (self, spec, error);
    case ILV_WORKER_PROCESS:
      return ilv_run_start_process (self, spec, error);
    case ILV_WORKER_ASYNC:
    default:
      spec->requested_ns = ilv_now_ns ();
      return ilv_async_loop_add (self->async, spec, error);
    }
}

static gboolean
ilv_run_launch_groups (IlvRun  *self,
                       GError **error)
{
  for (guint g = 0; g < self->scenario->groups->len; g++)
    {
      IlvWorkerGroup *group = g_ptr_array_index (self->scenario->groups, g);

      for (guint i = 0; i < group->count; i++)
        {
          g_autofree char *name = ilv_lane_name (group->name, group->count, i, FALSE);
          IlvWorkerSpec spec;

          ilv_run_fill_spec (self, &spec, g, FALSE, i);
          ilv_run_add_lane (self, &spec, name, group->name, group->kind, group->daemon,
                            group->kind == ILV_WORKER_PROCESS ? group->terminate_at_ns : -1);
          if (!ilv_run_start_worker (self, &spec, group->kind, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
ilv_run_launch_pools (IlvRun  *self,
                      GError **error)
{
  for (guint p = 0; p < self->scenario->pools->len; p++)
    {
      IlvPool *pool = g_ptr_array_index (self->scenario->pools, p);

      for (guint i = 0; i < pool->workers; i++)
        {
          g_autofree char *name = ilv_lane_name (pool->name, pool->workers, i, TRUE);
          IlvWorkerSpec spec;

          ilv_run_fill_spec (self, &spec, p, TRUE, i);
          ilv_run_add_lane (self, &spec, name, pool->name, pool->kind, FALSE, -1);
          if (!ilv_run_start_worker (self, &spec, pool->kind, error))
            return FALSE;
        }
    }
  return TRUE;
}

static void
ilv_run_add_resources (IlvRun *self)
{
  for (guint i = 0; i < self->scenario->resources->len; i++)
    {
      IlvResource *res = g_ptr_array_index (self->scenario->resources, i);

      ilv_trace_add_resource (self->trace, res->name, res->kind, res->initial, res->capacity);
    }
  /* After the scenario's resources, which keep their indices: the deadlock
   * check and the shared memory know resources by the scenario's index. */
  self->slot_map = ilv_slot_map_new (self->scenario, self->trace);

  self->string_ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < ilv_worker_strings_get_size (self->strings); i++)
    {
      guint32 id = ilv_trace_intern (self->trace, ilv_worker_strings_get (self->strings, i));

      g_array_append_val (self->string_ids, id);
    }
}

/* Sets everything up and starts every worker. On failure the caller stops
 * what did start. */
gboolean
ilv_run_launch (IlvRun  *self,
                GError **error)
{
  self->resources = ilv_resources_new (self->scenario, error);
  if (self->resources == NULL)
    return FALSE;

  self->strings = ilv_worker_strings_new (self->scenario);
  if (self->scenario->gil)
    self->gil = ilv_gil_new (0, self->scenario->switch_interval_ns);

  self->sampler = ilv_sampler_new ();
  if (!ilv_sampler_is_available (self->sampler))
    g_clear_pointer (&self->sampler, ilv_sampler_free);

  ilv_trace_set_gil (self->trace, self->scenario->gil);
  ilv_trace_add_process (self->trace, "app", getpid (), ILV_WORKER_THREAD);
  if (self->sampler != NULL)
    ilv_trace_set_n_cpus (self->trace, ilv_sampler_get_n_cpus (self->sampler));
  ilv_run_add_resources (self);

  self->async_recorder = ilv_recorder_new ();
  self->async = ilv_async_loop_new (self->async_recorder, self->gil, self->strings,
                                    &self->stop, self->thread_wake_fd);

  /* Once per process, before the clock starts: not inside a worker's
   * first compute, where it would stretch that step. */
  ilv_compute_iterations_per_ms ();

  self->origin = ilv_now_ns ();
  ilv_trace_set_start (self->trace, self->origin);
  if (self->sampler != NULL)
    ilv_sampler_start (self->sampler);

  if (!ilv_run_launch_groups (self, error) || !ilv_run_launch_pools (self, error))
    return FALSE;

  if (ilv_async_loop_get_n_tasks (self->async) > 0)
    return ilv_async_loop_start (self->async, error);
  return TRUE;
}
