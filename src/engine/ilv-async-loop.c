/* ilv-async-loop.c: every async task of a run, as coroutines on one GMainLoop
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <sys/mman.h>
#include <ucontext.h>

#include <glib/gi18n-lib.h>

#include "ilv-async-loop.h"
#include "ilv-run.h"
#include "ilv-wake-source.h"

#define ILV_TASK_STACK (256 * 1024)
/* A task parked on a resource looks again this often (µs): a thread or a
 * process may change the resource, and they cannot wake the loop. */
#define ILV_TASK_POLL_US 1000
#define ILV_STOP_POLL_MS 10

typedef struct _IlvAsyncTask IlvAsyncTask;

struct _IlvAsyncTask
{
  IlvAsyncLoop  *loop;
  IlvWorkerSpec  spec;
  ucontext_t     context;
  guint8        *stack;       /* mmap'd, lowest page a guard */
  GSource       *wake;        /* ready time: when to resume */
  gboolean       in_slice;    /* parked on a resource, polling */
  gboolean       stepped;     /* completed a step since it was resumed */
  gboolean       done;
};

struct _IlvAsyncLoop
{
  IlvRecorder      *recorder;
  IlvGil           *gil;
  IlvWorkerStrings *strings;
  volatile gint    *stop;
  gint              run_wake_fd; /* the run's eventfd, written when a task ends; or -1 */
  GPtrArray        *tasks;    /* IlvAsyncTask* */
  GThread          *thread;
  GMainContext     *context;
  GMainLoop        *main_loop;
  ucontext_t        scheduler;
  guint             n_done;
  gint              finished; /* atomic */
};

static __thread IlvAsyncTask *ilv_current_task;

/* Parks the current task until `ready_us` (monotonic µs). */
static void
ilv_async_task_yield (gint64 ready_us)
{
  IlvAsyncTask *task = ilv_current_task;

  g_source_set_ready_time (task->wake, ready_us);
  swapcontext (&task->context, &task->loop->scheduler);
}

static gboolean
ilv_async_slice (IlvWaiter       *waiter,
                 pthread_mutex_t *mutex,
                 pthread_cond_t  *cond)
{
  IlvAsyncTask *task = ilv_current_task;

  pthread_mutex_unlock (mutex);
  task->in_slice = TRUE;
  ilv_async_task_yield (g_get_monotonic_time () + ILV_TASK_POLL_US);
  task->in_slice = FALSE;
  if (pthread_mutex_lock (mutex) == EOWNERDEAD)
    pthread_mutex_consistent (mutex);
  return g_atomic_int_get (waiter->stop) == 0;
}

static gboolean
ilv_async_sleep_until (IlvWaiter *waiter,
                       gint64     deadline_ns)
{
  while (g_atomic_int_get (waiter->stop) == 0)
    {
      if (ilv_now_ns () >= deadline_ns)
        return TRUE;
      ilv_async_task_yield (deadline_ns / 1000);
    }
  return FALSE;
}

static void
ilv_async_stepped (IlvWaiter *waiter)
{
  ilv_current_task->stepped = TRUE;
}

static const IlvWorkerHost ilv_async_host = {
  ilv_async_slice,
  ilv_async_sleep_until,
  ilv_async_stepped,
};

static void
ilv_async_task_main (void)
{
  IlvAsyncTask *task = ilv_current_task;

  ilv_worker_run_hosted (&task->spec, &ilv_async_host, task->loop->strings);
  task->done = TRUE;
  /* returning resumes the scheduler through uc_link */
}

/* A task that completed a step may have changed what the parked ones
 * wait for: let them look now rather than at their next poll, so that a
 * hand-off between tasks costs no poll interval. */
static void
ilv_async_loop_wake_parked (IlvAsyncLoop *self)
{
  for (guint i = 0; i < self->tasks->len; i++)
    {
      IlvAsyncTask *task = g_ptr_array_index (self->tasks, i);

      if (task->in_slice)
        g_source_set_ready_time (task->wake, 0);
    }
}

static gboolean
ilv_async_task_resume_cb (gpointer user_data)
{
  IlvAsyncTask *task = user_data;
  IlvAsyncLoop *self = task->loop;

  task->stepped = FALSE;
  ilv_current_task = task;
  swapcontext (&self->scheduler, &task->context);
  ilv_current_task = NULL;

  if (task->stepped || task->done)
    ilv_async_loop_wake_parked (self);

  if (!task->done)
    return G_SOURCE_CONTINUE;

  ilv_wake_fd_write (self->run_wake_fd);

  if (++self->n_done == self->tasks->len)
    g_main_loop_quit (self->main_loop);
  return G_SOURCE_REMOVE;
}

static gboolean
ilv_async_loop_stop_cb (gpointer user_data)
{
  IlvAsyncLoop *self = user_data;

  if (g_atomic_int_get (self->stop) == 0)
    return G_SOURCE_CONTINUE;

  /* Wake every parked task so that it sees the flag and unwinds. */
  for (guint i = 0; i < self->tasks->len; i++)
    {
      IlvAsyncTask *task = g_ptr_array_index (self->tasks, i);

      if (!task->done)
        g_source_set_ready_time (task->wake, 0);
    }
  return G_SOURCE_CONTINUE;
}

static void
ilv_async_task_attach (IlvAsyncLoop *self,
                       IlvAsyncTask *task)
{
  getcontext (&task->context);
  task->context.uc_stack.ss_sp = task->stack;
  task->context.uc_stack.ss_size = ILV_TASK_STACK;
  task->context.uc_link = &self->scheduler;
  makecontext (&task->context, ilv_async_task_main, 0);

  task->wake = ilv_wake_source_new (ilv_async_task_resume_cb, task);
  g_source_set_ready_time (task->wake, 0);
  g_source_attach (task->wake, self->context);
}

static gpointer
ilv_async_loop_thread (gpointer user_data)
{
  IlvAsyncLoop *self = user_data;
  g_autoptr(GSource) stop_source = NULL;

  ilv_worker_lower_priority ();
  g_main_context_push_thread_default (self->context);
  for (guint i = 0; i < self->tasks->len; i++)
    ilv_async_task_attach (self, g_ptr_array_index (self->tasks, i));

  stop_source = g_timeout_source_new (ILV_STOP_POLL_MS);
  g_source_set_callback (stop_source, ilv_async_loop_stop_cb, self, NULL);
  g_source_attach (stop_source, self->context);

  if (self->tasks->len > 0)
    g_main_loop_run (self->main_loop);

  g_source_destroy (stop_source);
  g_main_context_pop_thread_default (self->context);
  g_atomic_int_set (&self->finished, 1);
  return NULL;
}

static void
ilv_async_task_free (gpointer data)
{
  IlvAsyncTask *task = data;

  if (task->wake != NULL)
    {
      g_source_destroy (task->wake);
      g_source_unref (task->wake);
    }
  if (task->stack != NULL)
    munmap (task->stack - 4096, ILV_TASK_STACK + 4096);
  g_free (task);
}

IlvAsyncLoop *
ilv_async_loop_new (IlvRecorder      *recorder,
                    IlvGil           *gil,
                    IlvWorkerStrings *strings,
                    volatile gint    *stop,
                    gint              run_wake_fd)
{
  IlvAsyncLoop *self = g_new0 (IlvAsyncLoop, 1);

  self->run_wake_fd = run_wake_fd;
  self->recorder = recorder;
  self->gil = gil;
  self->strings = strings;
  self->stop = stop;
  self->tasks = g_ptr_array_new_with_free_func (ilv_async_task_free);
  self->context = g_main_context_new ();
  self->main_loop = g_main_loop_new (self->context, FALSE);
  return self;
}

gboolean
ilv_async_loop_add (IlvAsyncLoop        *self,
                    const IlvWorkerSpec *spec,
                    GError             **error)
{
  IlvAsyncTask *task;
  guint8 *mem;

  g_return_val_if_fail (self->thread == NULL, FALSE);

  mem = mmap (NULL, ILV_TASK_STACK + 4096, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (mem == MAP_FAILED)
    {
      int saved = errno;

      g_set_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_START,
                   _("Could not allocate the stack of an async task: %s"),
                   g_strerror (saved));
      return FALSE;
    }
  mprotect (mem, 4096, PROT_NONE);

  task = g_new0 (IlvAsyncTask, 1);
  task->loop = self;
  task->spec = *spec;
  task->spec.recorder = self->recorder;
  task->spec.gil = self->gil;
  task->spec.stop = self->stop;
  task->stack = mem + 4096;
  g_ptr_array_add (self->tasks, task);
  return TRUE;
}

guint
ilv_async_loop_get_n_tasks (IlvAsyncLoop *self)
{
  return self->tasks->len;
}

gboolean
ilv_async_loop_start (IlvAsyncLoop *self,
                      GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  self->thread = g_thread_try_new ("ilv-async", ilv_async_loop_thread, self, &local_error);
  if (self->thread == NULL)
    {
      g_set_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_START,
                   _("Could not start the thread of the async tasks: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
ilv_async_loop_is_finished (IlvAsyncLoop *self)
{
  return self->thread == NULL || g_atomic_int_get (&self->finished) != 0;
}

void
ilv_async_loop_free (IlvAsyncLoop *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    g_thread_join (self->thread);
  g_ptr_array_unref (self->tasks);
  g_main_loop_unref (self->main_loop);
  g_main_context_unref (self->context);
  g_free (self);
}
