/* ilv-worker.c: the step interpreter, one for threads, processes and async tasks
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "ilv-compute.h"
#include "ilv-gil.h"
#include "ilv-worker-private.h"

#define ILV_SLICE_NS (50 * G_GINT64_CONSTANT (1000000))
/* How much compute runs between two checks of the GIL and the stop flag. */
#define ILV_COMPUTE_CHECK_US 50

typedef struct
{
  IlvWaiter            waiter;   /* first: the waiter hooks cast back */
  const IlvWorkerSpec *spec;
  const IlvWorkerHost *host;
  IlvWorkerStrings    *strings;
  IlvWorkerKind        kind;
  gint64               local;    /* the worker's copy of a loaded value */
  gint64               added;    /* what it added since the load */
  gint64               nominal_ns; /* compute and sleep done so far */
  gboolean             crashed;
} IlvInterp;

static gboolean
ilv_interp_stopped (IlvInterp *self)
{
  return g_atomic_int_get (self->spec->stop) != 0;
}

/* A point where the interpreter may switch threads (with a GIL) or
 * notice a stop; FALSE when the worker is to stop. */
static gboolean
ilv_interp_check (IlvInterp *self)
{
  if (self->spec->gil != NULL)
    return ilv_gil_check (self->spec->gil, self->spec->recorder,
                          self->spec->lane, self->spec->stop);
  return !ilv_interp_stopped (self);
}

static void
ilv_interp_emit (IlvInterp    *self,
                 IlvEventType  type,
                 gint          resource,
                 gint64        value,
                 guint32       aux)
{
  ilv_recorder_emit (self->spec->recorder, self->spec->lane, type, resource, value, aux);
}

/* Waiter hooks shared by every host. */
static void
ilv_interp_enter (IlvWaiter *waiter,
                  IlvState   state,
                  gint       resource)
{
  IlvInterp *self = (IlvInterp *) waiter;

  /* An async task at an await is suspended, whatever it awaits. */
  if (self->kind == ILV_WORKER_ASYNC)
    state = ILV_STATE_SUSPENDED;

  if (self->spec->gil != NULL)
    ilv_gil_release (self->spec->gil, self->spec->recorder, self->spec->lane,
                     state, resource);
  else
    ilv_interp_emit (self, ILV_EVENT_STATE, resource, state, 0);
  /* A process worker hands its batch over before it blocks. */
  ilv_recorder_flush (self->spec->recorder);
}

static gboolean
ilv_interp_slice (IlvWaiter       *waiter,
                  pthread_mutex_t *mutex,
                  pthread_cond_t  *cond)
{
  IlvInterp *self = (IlvInterp *) waiter;

  return self->host->slice (waiter, mutex, cond);
}

static void
ilv_interp_leave (IlvWaiter *waiter)
{
  IlvInterp *self = (IlvInterp *) waiter;

  if (self->spec->gil != NULL)
    ilv_gil_acquire (self->spec->gil, self->spec->recorder, self->spec->lane,
                     self->spec->stop);
  else
    ilv_interp_emit (self, ILV_EVENT_STATE, -1, ILV_STATE_RUNNING, 0);
}

static const IlvWaiterClass ilv_interp_waiter_class = {
  ilv_interp_enter,
  ilv_interp_slice,
  ilv_interp_leave,
};

/* The thread host: condition variables and nanosleep, in slices. */
static gboolean
ilv_thread_slice (IlvWaiter       *waiter,
                  pthread_mutex_t *mutex,
                  pthread_cond_t  *cond)
{
  struct timespec deadline;
  gint64 ns = ilv_now_ns () + ILV_SLICE_NS;

  deadline.tv_sec = ns / 1000000000;
  deadline.tv_nsec = ns % 1000000000;
  if (pthread_cond_timedwait (cond, mutex, &deadline) == EOWNERDEAD)
    pthread_mutex_consistent (mutex);
  return g_atomic_int_get (waiter->stop) == 0;
}

static gboolean
ilv_thread_sleep_until (IlvWaiter *waiter,
                        gint64     deadline_ns)
{
  for (;;)
    {
      gint64 now = ilv_now_ns ();
      gint64 ns;
      struct timespec ts;

      if (g_atomic_int_get (waiter->stop) != 0)
        return FALSE;
      if (now >= deadline_ns)
        return TRUE;
      ns = MIN (deadline_ns - now, ILV_SLICE_NS);
      ts.tv_sec = ns / 1000000000;
      ts.tv_nsec = ns % 1000000000;
      nanosleep (&ts, NULL);
    }
}

const IlvWorkerHost ilv_thread_host = {
  ilv_thread_slice,
  ilv_thread_sleep_until,
  NULL,
};

/* The nominal work of a compute or sleep counts what was done: all of it,
 * or, when a stop cuts the step short, the part done before it. */
static gboolean
ilv_interp_compute (IlvInterp *self,
                    gint64     duration_ns)
{
  guint64 rate = ilv_compute_iterations_per_ms ();
  guint64 total = (guint64) ((gdouble) rate * duration_ns / 1e6);
  guint64 remaining = total;
  guint64 chunk = MAX (rate * ILV_COMPUTE_CHECK_US / 1000, 1);

  while (remaining > 0)
    {
      guint64 n = MIN (chunk, remaining);

      ilv_compute_spin (n);
      remaining -= n;
      if (!ilv_interp_check (self))
        {
          self->nominal_ns += (gint64) ((gdouble) duration_ns * (total - remaining) / total);
          return FALSE;
        }
    }
  self->nominal_ns += duration_ns;
  return TRUE;
}

static gboolean
ilv_interp_sleep (IlvInterp *self,
                  gint64     duration_ns)
{
  gint64 start;

  ilv_interp_enter (&self->waiter, ILV_STATE_SLEEP, -1);
  start = ilv_now_ns ();
  if (!self->host->sleep_until (&self->waiter, start + duration_ns))
    {
      self->nominal_ns += CLAMP (ilv_now_ns () - start, 0, duration_ns);
      return FALSE;
    }
  self->nominal_ns += duration_ns;
  ilv_interp_leave (&self->waiter);
  return TRUE;
}

/* `crash`: a process dies as asked; a thread or a task cannot take the app
 * with it, so it ends as crashed, like a thread killed by an exception. */
static gboolean
ilv_interp_crash (IlvInterp *self,
                  gint64     amount)
{
  if (self->kind != ILV_WORKER_PROCESS)
    {
      self->crashed = TRUE;
      return FALSE;
    }

  ilv_recorder_flush (self->spec->recorder);
  if (amount <= 0)
    _exit ((int) -amount);
  signal ((int) amount, SIG_DFL);
  raise ((int) amount);
  _exit (128 + (int) amount);
}

static gboolean ilv_interp_steps (IlvInterp     *self,
                                  const IlvStep *steps,
                                  guint          n_steps);

static gboolean
ilv_interp_with (IlvInterp     *self,
                 const IlvStep *step)
{
  IlvResources *res = self->spec->resources;
  gboolean ok;

  if (!ilv_resources_acquire (res, step->resource, &self->waiter))
    return FALSE;
  ok = ilv_interp_steps (self, step->body, step->n_body);
  ilv_resources_release (res, step->resource, &self->waiter);
  return ok;
}

static gboolean
ilv_interp_loop (IlvInterp     *self,
                 const IlvStep *step)
{
  for (gint64 i = 0; step->kind == ILV_STEP_FOREVER || i < step->amount; i++)
    {
      if (ilv_interp_stopped (self))
        return FALSE;
      if (!ilv_interp_steps (self, step->body, step->n_body))
        return FALSE;
    }
  return TRUE;
}

static gboolean
ilv_interp_value_step (IlvInterp     *self,
                       const IlvStep *step)
{
  IlvResources *res = self->spec->resources;

  switch (step->kind)
    {
    case ILV_STEP_LOAD:
      self->local = ilv_resources_load (res, step->resource, step->amount, &self->waiter);
      self->added = 0;
      break;
    case ILV_STEP_ADD:
      self->local += step->amount;
      self->added += step->amount;
      break;
    case ILV_STEP_STORE:
      ilv_resources_store (res, step->resource, step->amount, self->local,
                           self->added, &self->waiter);
      self->added = 0;
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static gboolean
ilv_interp_resource_step (IlvInterp     *self,
                          const IlvStep *step)
{
  IlvResources *res = self->spec->resources;
  IlvWaiter *w = &self->waiter;

  switch (step->kind)
    {
    case ILV_STEP_ACQUIRE:   return ilv_resources_acquire (res, step->resource, w);
    case ILV_STEP_RELEASE:   ilv_resources_release (res, step->resource, w); return TRUE;
    case ILV_STEP_PUT:       return ilv_resources_put (res, step->resource, w);
    case ILV_STEP_GET:       return ilv_resources_get (res, step->resource, w);
    case ILV_STEP_TASK_DONE: ilv_resources_task_done (res, step->resource, w); return TRUE;
    case ILV_STEP_JOIN:      return ilv_resources_join (res, step->resource, w);
    case ILV_STEP_SET:       ilv_resources_set (res, step->resource, TRUE, w); return TRUE;
    case ILV_STEP_CLEAR:     ilv_resources_set (res, step->resource, FALSE, w); return TRUE;
    case ILV_STEP_WAIT:      return ilv_resources_wait (res, step->resource, w);
    case ILV_STEP_SEND:      return ilv_resources_send (res, step->resource, w);
    case ILV_STEP_RECV:      return ilv_resources_recv (res, step->resource, w);
    default:                 return ilv_interp_value_step (self, step);
    }
}

static gboolean
ilv_interp_step (IlvInterp     *self,
                 const IlvStep *step)
{
  switch (step->kind)
    {
    case ILV_STEP_COMPUTE:
      /* A process worker sends what it has before a long quiet stretch. */
      ilv_recorder_flush (self->spec->recorder);
      return ilv_interp_compute (self, step->duration_ns);
    case ILV_STEP_SLEEP:
      return ilv_interp_sleep (self, step->duration_ns);
    case ILV_STEP_WITH:
      return ilv_interp_with (self, step);
    case ILV_STEP_REPEAT:
    case ILV_STEP_FOREVER:
      return ilv_interp_loop (self, step);
    case ILV_STEP_MARK:
      ilv_interp_emit (self, ILV_EVENT_MARK, -1, 0,
                       ilv_worker_strings_lookup (self->strings, step->text));
      return TRUE;
    case ILV_STEP_CRASH:
      return ilv_interp_crash (self, step->amount);
    default:
      return ilv_interp_resource_step (self, step);
    }
}

static gboolean
ilv_interp_steps (IlvInterp     *self,
                  const IlvStep *steps,
                  guint          n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    {
      if (!ilv_interp_check (self))
        return FALSE;

      if (!ilv_interp_step (self, &steps[i]))
        return FALSE;
      if (self->host->stepped != NULL)
        self->host->stepped (&self->waiter);
    }
  return TRUE;
}

/* A pool worker takes chunks of tasks and runs the program once per task. */
static gboolean
ilv_interp_pool (IlvInterp *self)
{
  const IlvProgram *program = self->spec->program;
  guint first, n;

  while (ilv_resources_next_chunk (self->spec->resources, self->spec->group, &first, &n))
    {
      for (guint task = first; task < first + n; task++)
        {
          gboolean ok;

          ilv_interp_emit (self, ILV_EVENT_TASK_BEGIN, -1, task,
                           ilv_worker_strings_task (self->strings, task));
          ok = ilv_interp_steps (self, program->steps, program->n_steps);
          ilv_interp_emit (self, ILV_EVENT_TASK_END, -1, task, 0);
          if (!ok)
            return FALSE;
        }
    }
  return TRUE;
}

static IlvWorkerKind
ilv_worker_spec_kind (const IlvWorkerSpec *spec)
{
  if (spec->is_pool)
    return ((IlvPool *) g_ptr_array_index (spec->scenario->pools, spec->group))->kind;
  return ((IlvWorkerGroup *) g_ptr_array_index (spec->scenario->groups, spec->group))->kind;
}

static gboolean
ilv_interp_run (IlvInterp *self)
{
  const IlvWorkerSpec *spec = self->spec;
  gint64 deadline = spec->origin_ns + spec->start_at_ns;
  gint64 delay = 0;

  /* StartAt is a delay the scenario asked for, not a cost of starting:
   * the start cost is request → first step less the time waited for it. */
  if (spec->start_at_ns > 0)
    {
      delay = MAX (deadline - ilv_now_ns (), 0);
      if (!self->host->sleep_until (&self->waiter, deadline))
        return FALSE;
    }

  ilv_interp_emit (self, ILV_EVENT_WORKER_START, -1,
                   MAX (ilv_now_ns () - spec->requested_ns - delay, 0), 0);
  if (spec->gil != NULL)
    {
      if (!ilv_gil_acquire (spec->gil, spec->recorder, spec->lane, spec->stop))
        return FALSE;
    }
  else
    ilv_interp_emit (self, ILV_EVENT_STATE, -1, ILV_STATE_RUNNING, 0);

  if (spec->is_pool)
    return ilv_interp_pool (self);
  return ilv_interp_steps (self, spec->program->steps, spec->program->n_steps);
}

IlvWorkerOutcome
ilv_worker_run_hosted (const IlvWorkerSpec *spec,
                       const IlvWorkerHost *host,
                       IlvWorkerStrings    *strings)
{
  IlvInterp self = { { &ilv_interp_waiter_class, spec->recorder, spec->lane, spec->stop } };
  IlvState last;
  gboolean finished;

  self.spec = spec;
  self.host = host;
  self.strings = strings;
  self.kind = ilv_worker_spec_kind (spec);

  finished = ilv_interp_run (&self);
  last = self.crashed ? ILV_STATE_CRASHED : ILV_STATE_DONE;
  if (spec->gil != NULL && ilv_gil_get_holder (spec->gil) == (gint) spec->lane)
    ilv_gil_release (spec->gil, spec->recorder, spec->lane, last, -1);
  else
    ilv_interp_emit (&self, ILV_EVENT_STATE, -1, last, 0);
  ilv_interp_emit (&self, ILV_EVENT_WORKER_END, -1, self.nominal_ns, 0);
  ilv_recorder_flush (spec->recorder);

  return finished || self.crashed ? ILV_WORKER_FINISHED : ILV_WORKER_STOPPED;
}

/**
 * ilv_worker_run:
 * @spec: the worker
 *
 * Runs the worker's program in the calling thread until its end or until
 * *spec->stop is raised.
 */
IlvWorkerOutcome
ilv_worker_run (const IlvWorkerSpec *spec)
{
  g_autoptr(IlvWorkerStrings) strings = NULL;

  g_return_val_if_fail (spec != NULL, ILV_WORKER_STOPPED);
  g_return_val_if_fail (spec->recorder != NULL, ILV_WORKER_STOPPED);
  g_return_val_if_fail (spec->stop != NULL, ILV_WORKER_STOPPED);

  strings = ilv_worker_strings_new (spec->scenario);
  /* Calibrate now rather than inside the first compute, where it would
   * stretch that step on the timeline. */
  ilv_compute_iterations_per_ms ();
  return ilv_worker_run_hosted (spec, &ilv_thread_host, strings);
}

/**
 * ilv_worker_lower_priority:
 *
 * Puts the calling thread (in a child before exec: the process) below the
 * app's own threads: nice ILV_WORKER_NICE and, where the kernel allows it,
 * the SCHED_IDLE policy. At nice 19 alone the kernel still ran busy
 * workers for several 4 ms ticks in a row while the window's main thread
 * was runnable; a SCHED_IDLE thread weighs 3 rather than 15 and gives way
 * when a normal thread wakes. Every kind of worker calls this, so that
 * they stay equal among themselves. Two system calls: safe between fork
 * and exec.
 */
void
ilv_worker_lower_priority (void)
{
  struct sched_param param = { 0 };

  setpriority (PRIO_PROCESS, 0, ILV_WORKER_NICE);
  sched_setscheduler (0, SCHED_IDLE, &param);
}
