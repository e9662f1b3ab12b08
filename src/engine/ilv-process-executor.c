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
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "ilv-event-stream.h"
#include "ilv-process-executor.h"

/* The fds a child finds its inputs on (see src/worker/). */
#define CHILD_SCENARIO_FD  3
#define CHILD_RESOURCES_FD 4
#define CHILD_EVENTS_FD    5

/* stop(): SIGTERM first, SIGKILL after this grace. */
#define STOP_GRACE_MS 300
/* After reaping, how long a pipe may stay open (a grandchild holding it). */
#define LINGER_MS 100
/* Reads per dispatch, so that one chatty child cannot starve the loop. */
#define READS_PER_DISPATCH 8

/* Written by the child between fork and exec, read by the parent once the
 * spawn returned: the child's pid, which GSubprocess no longer tells once a
 * quick child has been reaped. A MAP_SHARED page, so the fork shares it. */
typedef struct
{
  pid_t parent;
  pid_t child;
} IlvSpawnSlot;

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
  int                   scenario_fd;     /* sealed memfd with the scenario text */
  guint                 n_resources;
  IlvResources         *resources;
  gint64                origin_ns;
  char                 *worker_path;
  IlvProcessEventsFunc  events_func;
  IlvProcessExitFunc    exit_func;
  gpointer              user_data;
  GPtrArray            *children;        /* IlvChild*, in spawn order */
  GArray               *events;          /* decoding scratch */
  GSource              *kill_source;
  IlvSpawnSlot         *slot;            /* shared with the forked child */
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

static char *
find_worker (void)
{
  static const char * const relative[] = {
    "interleave-worker",
    "../worker/interleave-worker",
    "../../src/worker/interleave-worker",
  };
  const char *env = g_getenv ("ILV_WORKER_PATH");
  g_autofree char *exe = NULL;
  g_autofree char *dir = NULL;
  guint i;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      dir = g_path_get_dirname (exe);
      for (i = 0; i < G_N_ELEMENTS (relative); i++)
        {
          g_autofree char *path = g_build_filename (dir, relative[i], NULL);
          g_autofree char *canonical = g_canonicalize_filename (path, NULL);

          if (g_file_test (canonical, G_FILE_TEST_IS_EXECUTABLE) &&
              !g_file_test (canonical, G_FILE_TEST_IS_DIR))
            return g_steal_pointer (&canonical);
        }
    }
  return g_build_filename (LIBEXECDIR, "interleave-worker", NULL);
}

/* The scenario text in a sealed memfd: children pread() it, so they can
 * share one file offset without racing. */
static int
make_scenario_fd (const char  *data,
                  gsize        length,
                  GError     **error)
{
  gsize done = 0;
  int fd;

  fd = memfd_create ("interleave-scenario", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the scenario file for process workers: %s"),
                   g_strerror (saved));
      return -1;
    }
  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not write the scenario file for process workers: %s"),
                       g_strerror (saved));
          return -1;
        }
      done += n;
    }
  fcntl (fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
  return fd;
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
  guint8 buffer[16384];
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

/* Runs in the child between fork and exec: async-signal-safe calls only. */
static void
child_setup (gpointer user_data)
{
  IlvSpawnSlot *slot = user_data;
  sigset_t none;

  slot->child = getpid ();
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != slot->parent)
    _exit (127);
  signal (SIGTERM, SIG_DFL);
  signal (SIGPIPE, SIG_DFL);
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
}

static gboolean
take_dup (GSubprocessLauncher  *launcher,
          int                   fd,
          int                   target,
          GError              **error)
{
  int copy = fcntl (fd, F_DUPFD_CLOEXEC, 10);

  if (copy < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not start a process worker: %s"), g_strerror (saved));
      return FALSE;
    }
  g_subprocess_launcher_take_fd (launcher, copy, target);
  return TRUE;
}

static GStrv
build_argv (IlvProcessExecutor  *self,
            const IlvWorkerSpec *spec,
            gint64               requested_ns)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *lane = g_strdup_printf ("--lane=%u", spec->lane);
  g_autofree char *group = g_strdup_printf ("--%s=%u", spec->is_pool ? "pool" : "group", spec->group);
  g_autofree char *instance = g_strdup_printf ("--instance=%u", spec->instance);
  g_autofree char *process = g_strdup_printf ("--process=%u", spec->process);
  g_autofree char *origin = g_strdup_printf ("--origin=%" G_GINT64_FORMAT, self->origin_ns);
  g_autofree char *start_at = g_strdup_printf ("--start-at=%" G_GINT64_FORMAT, spec->start_at_ns);
  g_autofree char *requested = g_strdup_printf ("--requested=%" G_GINT64_FORMAT, requested_ns);

  g_strv_builder_add_many (builder, self->worker_path, lane, group, instance,
                           process, origin, start_at, requested, NULL);
  g_strv_builder_add (builder, "--scenario-fd=" G_STRINGIFY (CHILD_SCENARIO_FD));
  g_strv_builder_add (builder, "--resources-fd=" G_STRINGIFY (CHILD_RESOURCES_FD));
  g_strv_builder_add (builder, "--events-fd=" G_STRINGIFY (CHILD_EVENTS_FD));
  return g_strv_builder_end (builder);
}

static GSubprocess *
launch (IlvProcessExecutor  *self,
        const IlvWorkerSpec *spec,
        int                  events_fd,
        GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(GStrv) argv = NULL;
  gint64 requested_ns;

  /* The start cost counts from here: the request to spawn. */
  requested_ns = ilv_now_ns ();
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_INHERIT_FDS);
  self->slot->parent = getpid ();
  self->slot->child = 0;
  g_subprocess_launcher_set_child_setup (launcher, child_setup, self->slot, NULL);
  if (!take_dup (launcher, self->scenario_fd, CHILD_SCENARIO_FD, error) ||
      !take_dup (launcher, ilv_resources_get_fd (self->resources), CHILD_RESOURCES_FD, error) ||
      !take_dup (launcher, events_fd, CHILD_EVENTS_FD, error))
    return NULL;
  argv = build_argv (self, spec, requested_ns);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, error);
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
  self->resources = resources;
  self->origin_ns = origin_ns;
  self->events_func = events_func;
  self->exit_func = exit_func;
  self->user_data = user_data;
  self->children = g_ptr_array_new_with_free_func ((GDestroyNotify) child_free);
  self->events = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  self->worker_path = find_worker ();
  self->slot = mmap (NULL, sizeof (IlvSpawnSlot), PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (self->slot == MAP_FAILED)
    {
      int saved = errno;

      self->slot = NULL;
      self->scenario_fd = -1;
      g_set_error (&self->setup_error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not prepare to start process workers: %s"), g_strerror (saved));
      return self;
    }
  self->scenario_fd = make_scenario_fd (scenario_data, scenario_length, &self->setup_error);
  if (self->setup_error == NULL)
    scenario = ilv_scenario_new_from_data (scenario_data, scenario_length,
                                           "interleave-worker", NULL, &self->setup_error);
  if (scenario != NULL)
    self->n_resources = scenario->resources->len;
  return self;
}

const char *
ilv_process_executor_get_worker_path (IlvProcessExecutor *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->worker_path;
}

void
ilv_process_executor_set_worker_path (IlvProcessExecutor *self,
                                      const char         *path)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  g_free (self->worker_path);
  self->worker_path = g_strdup (path);
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
  int fds[2];

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->setup_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->setup_error));
      return FALSE;
    }
  if (!g_file_test (self->worker_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The process worker program “%s” is missing; "
                     "install Interleave or set ILV_WORKER_PATH"), self->worker_path);
      return FALSE;
    }
  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    return FALSE;

  subprocess = launch (self, spec, fds[1], error);
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
  child->pid = self->slot->child;
  child->fd = fds[0];
  child->exit_status = -1;
  child->decoder = ilv_event_stream_decoder_new (spec->lane, 1, self->n_resources);
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
  if (self->scenario_fd >= 0)
    close (self->scenario_fd);
  if (self->slot != NULL)
    munmap (self->slot, sizeof (IlvSpawnSlot));
  g_clear_error (&self->setup_error);
  g_free (self->worker_path);
  g_object_unref (self->cancellable);
  g_main_context_unref (self->context);
  g_free (self);
}
