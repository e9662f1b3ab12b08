/* ilv-process-executor.c: process workers as interleave-worker children
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <unistd.h>

#include "ilv-event-stream.h"
#include "ilv-process-executor.h"
#include "ilv-process-launcher.h"

/* stop(): SIGTERM first, SIGKILL after this grace. */
#define STOP_GRACE_MS 300
/* After reaping, how long a pipe may stay open (a grandchild holding it). */
#define LINGER_MS 100
/* Reads per dispatch, so that one chatty child cannot starve the loop;
 * more than PIPE_BYTES, so that one drain empties a pipe. */
#define READS_PER_DISPATCH 24
#define READ_BYTES         16384
#define PIPE_BYTES         (256 * 1024)

typedef struct
{
  IlvProcessExecutor    *executor;
  guint32                lane;
  GSubprocess           *subprocess;
  gint64                 pid;
  int                    fd;             /* read end of its events pipe; -1 once closed */
  GSource               *read_source;
  GSource               *linger_source;
  IlvEventStreamDecoder *decoder;
  char                  *message;        /* why it was cut off, or NULL */
  gint                   exit_status;
  gboolean               reaped;
  gboolean               reported;
} IlvChild;

struct _IlvProcessExecutor
{
  GMainContext         *context;
  GCancellable         *cancellable;
  GError               *setup_error;     /* set when spawning cannot work */
  IlvProcessLauncher   *launcher;
  guint                 n_resources;
  guint32              *n_slots;         /* per resource: its elements (1 unless an Array) */
  IlvProcessEventsFunc  events_func;
  IlvProcessExitFunc    exit_func;
  gpointer              user_data;
  GPtrArray            *children;        /* IlvChild*, in spawn order */
  GArray               *events;          /* decoding scratch */
  GSource              *kill_source;
};

static void
child_free (IlvChild *child)
{
  if (child->read_source != NULL)
    g_source_destroy (child->read_source);
  g_clear_pointer (&child->read_source, g_source_unref);
  if (child->linger_source != NULL)
    g_source_destroy (child->linger_source);
  g_clear_pointer (&child->linger_source, g_source_unref);
  if (child->fd >= 0)
    close (child->fd);
  g_clear_object (&child->subprocess);
  g_clear_pointer (&child->decoder, ilv_event_stream_decoder_free);
  g_free (child->message);
  g_free (child);
}

static IlvChild *
find_child (IlvProcessExecutor *self,
            guint32             lane)
{
  guint i;

  /* The last spawn wins: a lane is never reused within a run. */
  for (i = self->children->len; i > 0; i--)
    {
      IlvChild *child = g_ptr_array_index (self->children, i - 1);

      if (child->lane == lane)
        return child;
    }
  return NULL;
}

static void
signal_group (IlvChild *child,
              int       signum)
{
  if (child->pid <= 0)
    return;
  /* The group outlives its leader while a grandchild lives. */
  if (kill (-(pid_t) child->pid, signum) < 0 && !child->reaped)
    kill ((pid_t) child->pid, signum);
}

static void
close_pipe (IlvChild *child)
{
  if (child->read_source != NULL)
    g_source_destroy (child->read_source);
  g_clear_pointer (&child->read_source, g_source_unref);
  if (child->fd >= 0)
    {
      close (child->fd);
      child->fd = -1;
    }
}

/* Reaped, and the pipe drained (or given up on): tell the run. */
static void
report (IlvChild *child)
{
  IlvProcessExecutor *self = child->executor;

  if (child->reported)
    return;
  child->reported = TRUE;
  close_pipe (child);
  if (child->linger_source != NULL)
    g_source_destroy (child->linger_source);
  g_clear_pointer (&child->linger_source, g_source_unref);
  if (self->exit_func != NULL)
    self->exit_func (child->lane, child->exit_status, self->user_data);
}

static void
cut_off (IlvChild   *child,
         const char *why)
{
  g_free (child->message);
  child->message = g_strdup_printf (_("Process worker stopped: %s"), why);
  signal_group (child, SIGKILL);
  close_pipe (child);
  if (child->reaped)
    report (child);
}

static void
deliver (IlvProcessExecutor *self)
{
  if (self->events->len > 0 && self->events_func != NULL)
    self->events_func ((const IlvEvent *) (gpointer) self->events->data,
                       self->events->len, self->user_data);
  g_array_set_size (self->events, 0);
}

/* Reads what is there now. Returns FALSE once the pipe is closed. */
static gboolean
drain (IlvChild *child)
{
  IlvProcessExecutor *self = child->executor;
  g_autoptr(GError) error = NULL;
  guint8 buffer[READ_BYTES];
  guint i;

  for (i = 0; i < READS_PER_DISPATCH && child->fd >= 0; i++)
    {
      gssize n = read (child->fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        break;
      if (n > 0 && !ilv_event_stream_decoder_feed (child->decoder, buffer, n, self->events, &error))
        {
          deliver (self);
          cut_off (child, error->message);
          return FALSE;
        }
      if (n <= 0)
        {
          deliver (self);
          if (!ilv_event_stream_decoder_finish (child->decoder, &error))
            cut_off (child, error->message);
          close_pipe (child);
          if (child->reaped)
            report (child);
          return FALSE;
        }
    }
  deliver (self);
  return child->fd >= 0;
}

static gboolean
read_cb (int          fd,
         GIOCondition condition,
         gpointer     user_data)
{
  IlvChild *child = user_data;

  if (!drain (child))
    return G_SOURCE_REMOVE;
  return G_SOURCE_CONTINUE;
}

static gboolean
linger_done_cb (gpointer user_data)
{
  IlvChild *child = user_data;

  g_clear_pointer (&child->linger_source, g_source_unref);
  /* One drain empties a full pipe (it reads more than a pipe holds). */
  drain (child);
  /* Whoever still holds the pipe is a leftover of the worker's group. */
  signal_group (child, SIGKILL);
  report (child);
  return G_SOURCE_REMOVE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GSubprocess *subprocess = G_SUBPROCESS (object);
  g_autoptr(GError) error = NULL;
  IlvChild *child;

  /* Cancelled means the executor is gone: touch nothing. */
  if (!g_subprocess_wait_finish (subprocess, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  child = user_data;
  child->reaped = TRUE;
  if (g_subprocess_get_if_signaled (subprocess))
    child->exit_status = 256 + g_subprocess_get_term_sig (subprocess);
  else
    child->exit_status = g_subprocess_get_exit_status (subprocess);

  /* What it wrote before it died is in the pipe now. */
  if (child->fd >= 0 && drain (child))
    {
      child->linger_source = g_timeout_source_new (LINGER_MS);
      g_source_set_callback (child->linger_source, linger_done_cb, child, NULL);
      g_source_attach (child->linger_source, child->executor->context);
      return;
    }
  report (child);
}

static void
watch_child (IlvProcessExecutor *self,
             IlvChild           *child)
{
  child->read_source = g_unix_fd_source_new (child->fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (child->read_source, G_SOURCE_FUNC (read_cb), child, NULL);
  g_source_attach (child->read_source, self->context);
  g_subprocess_wait_async (child->subprocess, self->cancellable, wait_cb, child);
}

static gboolean
kill_cb (gpointer user_data)
{
  IlvProcessExecutor *self = user_data;
  guint i;

  g_clear_pointer (&self->kill_source, g_source_unref);
  for (i = 0; i < self->children->len; i++)
    {
      IlvChild *child = g_ptr_array_index (self->children, i);

      if (!child->reported)
        signal_group (child, SIGKILL);
    }
  return G_SOURCE_REMOVE;
}

/**
 * ilv_process_executor_new:
 *
 * Prepares to start process workers of one run. Problems that make spawning
 * impossible (no worker program, a scenario the worker could not parse) are
 * reported by the first ilv_process_executor_spawn().
 */
IlvProcessExecutor *
ilv_process_executor_new (const char           *scenario_data,
                          gsize                 scenario_length,
                          IlvResources         *resources,
                          gint64                origin_ns,
                          IlvProcessEventsFunc  events_func,
                          IlvProcessExitFunc    exit_func,
                          gpointer              user_data)
{
  IlvProcessExecutor *self;
  g_autoptr(IlvScenario) scenario = NULL;

  g_return_val_if_fail (scenario_data != NULL, NULL);
  g_return_val_if_fail (resources != NULL, NULL);

  self = g_new0 (IlvProcessExecutor, 1);
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->events_func = events_func;
  self->exit_func = exit_func;
  self->user_data = user_data;
  self->children = g_ptr_array_new_with_free_func ((GDestroyNotify) child_free);
  self->events = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  /* The child parses the same text: parse it here too, for the resource
   * count the decoder checks against, and to fail early and clearly. */
  scenario = ilv_scenario_new_from_data (scenario_data, scenario_length,
                                         "interleave-worker", NULL, &self->setup_error);
  if (scenario != NULL)
    {
      self->n_resources = scenario->resources->len;
      self->n_slots = g_new (guint32, MAX (self->n_resources, 1));
      for (guint i = 0; i < self->n_resources; i++)
        {
          const IlvResource *res = g_ptr_array_index (scenario->resources, i);

          self->n_slots[i] = res->kind == ILV_RESOURCE_ARRAY ? MAX (res->capacity, 1) : 1;
        }
      self->launcher = ilv_process_launcher_new (scenario_data, scenario_length,
                                                 ilv_resources_get_fd (resources),
                                                 origin_ns, &self->setup_error);
    }
  return self;
}

const char *
ilv_process_executor_get_worker_path (IlvProcessExecutor *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->launcher != NULL ? ilv_process_launcher_get_path (self->launcher) : NULL;
}

void
ilv_process_executor_set_worker_path (IlvProcessExecutor *self,
                                      const char         *path)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  if (self->launcher != NULL)
    ilv_process_launcher_set_path (self->launcher, path);
}

/**
 * ilv_process_executor_spawn:
 *
 * Starts the worker; its events arrive through the events callback and its
 * end through the exit callback, on the executor's main context.
 */
gboolean
ilv_process_executor_spawn (IlvProcessExecutor  *self,
                            const IlvWorkerSpec *spec,
                            gint64              *pid,
                            GError             **error)
{
  IlvChild *child;
  GSubprocess *subprocess;
  gint64 child_pid = 0;
  int fds[2];

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->setup_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->setup_error));
      return FALSE;
    }
  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    return FALSE;
  /* Room for bursts while the app's loop is busy drawing, so that a worker
   * seldom blocks on its own events (best effort: the limit may be lower). */
  fcntl (fds[1], F_SETPIPE_SZ, PIPE_BYTES);

  subprocess = ilv_process_launcher_spawn (self->launcher, spec, fds[1], &child_pid, error);
  close (fds[1]);
  if (subprocess == NULL)
    {
      close (fds[0]);
      return FALSE;
    }

  child = g_new0 (IlvChild, 1);
  child->executor = self;
  child->lane = spec->lane;
  child->subprocess = subprocess;
  child->pid = child_pid;
  child->fd = fds[0];
  child->exit_status = -1;
  child->decoder = ilv_event_stream_decoder_new (spec->lane, 1, self->n_resources);
  for (guint i = 0; i < self->n_resources; i++)
    if (self->n_slots[i] > 1)
      ilv_event_stream_decoder_set_n_slots (child->decoder, i, self->n_slots[i]);
  g_unix_set_fd_nonblocking (child->fd, TRUE, NULL);
  g_ptr_array_add (self->children, child);
  watch_child (self, child);

  if (pid != NULL)
    *pid = child->pid;
  return TRUE;
}

void
ilv_process_executor_terminate (IlvProcessExecutor *self,
                                guint32             lane)
{
  IlvChild *child;

  g_return_if_fail (self != NULL);

  child = find_child (self, lane);
  if (child != NULL && !child->reaped)
    signal_group (child, SIGTERM);
}

void
ilv_process_executor_stop (IlvProcessExecutor *self)
{
  gboolean any = FALSE;
  guint i;

  g_return_if_fail (self != NULL);

  for (i = 0; i < self->children->len; i++)
    {
      IlvChild *child = g_ptr_array_index (self->children, i);

      if (child->reported)
        continue;
      signal_group (child, SIGTERM);
      any = TRUE;
    }
  if (any && self->kill_source == NULL)
    {
      self->kill_source = g_timeout_source_new (STOP_GRACE_MS);
      g_source_set_callback (self->kill_source, kill_cb, self, NULL);
      g_source_attach (self->kill_source, self->context);
    }
}

guint
ilv_process_executor_get_n_alive (IlvProcessExecutor *self)
{
  guint n = 0;
  guint i;

  g_return_val_if_fail (self != NULL, 0);

  for (i = 0; i < self->children->len; i++)
    {
      IlvChild *child = g_ptr_array_index (self->children, i);

      n += child->reported ? 0 : 1;
    }
  return n;
}

const char *
ilv_process_executor_get_message (IlvProcessExecutor *self,
                                  guint32             lane)
{
  IlvChild *child;

  g_return_val_if_fail (self != NULL, NULL);

  child = find_child (self, lane);
  return child != NULL ? child->message : NULL;
}

/**
 * ilv_process_executor_free:
 *
 * Kills and reaps any child still running (no callbacks are called), and
 * closes every fd the executor opened.
 */
void
ilv_process_executor_free (IlvProcessExecutor *self)
{
  guint i;

  if (self == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  for (i = 0; i < self->children->len; i++)
    {
      IlvChild *child = g_ptr_array_index (self->children, i);

      if (child->reaped)
        continue;
      signal_group (child, SIGKILL);
      g_subprocess_wait (child->subprocess, NULL, NULL);
    }
  if (self->kill_source != NULL)
    g_source_destroy (self->kill_source);
  g_clear_pointer (&self->kill_source, g_source_unref);
  g_ptr_array_unref (self->children);
  g_array_unref (self->events);
  g_clear_pointer (&self->launcher, ilv_process_launcher_free);
  g_clear_error (&self->setup_error);
  g_free (self->n_slots);
  g_object_unref (self->cancellable);
  g_main_context_unref (self->context);
  g_free (self);
}
