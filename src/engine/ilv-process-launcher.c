/* ilv-process-launcher.c: how an interleave-worker child is started
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "ilv-compute.h"
#include "ilv-process-launcher.h"

/* The fds a child finds its inputs on (see src/worker/). */
#define CHILD_SCENARIO_FD  3
#define CHILD_RESOURCES_FD 4
#define CHILD_EVENTS_FD    5

/* Written by the child between fork and exec, read by the parent once the
 * spawn returned: the child's pid, which GSubprocess no longer tells once a
 * quick child has been reaped. A MAP_SHARED page, so the fork shares it. */
typedef struct
{
  pid_t parent;
  pid_t child;
} IlvSpawnSlot;

struct _IlvProcessLauncher
{
  char         *path;
  int           scenario_fd;   /* sealed memfd with the scenario text */
  int           resources_fd;
  gint64        origin_ns;
  IlvSpawnSlot *slot;
};

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

/* Runs in the child between fork and exec: async-signal-safe calls only. */
static void
child_setup (gpointer user_data)
{
  IlvSpawnSlot *slot = user_data;
  sigset_t none;

  slot->child = getpid ();
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  ilv_worker_lower_priority ();
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
build_argv (IlvProcessLauncher  *self,
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
  g_autofree char *rate = g_strdup_printf ("--compute-rate=%" G_GUINT64_FORMAT,
                                           ilv_compute_iterations_per_ms ());

  g_strv_builder_add_many (builder, self->path, lane, group, instance,
                           process, origin, start_at, requested, rate, NULL);
  g_strv_builder_add (builder, "--scenario-fd=" G_STRINGIFY (CHILD_SCENARIO_FD));
  g_strv_builder_add (builder, "--resources-fd=" G_STRINGIFY (CHILD_RESOURCES_FD));
  g_strv_builder_add (builder, "--events-fd=" G_STRINGIFY (CHILD_EVENTS_FD));
  return g_strv_builder_end (builder);
}

IlvProcessLauncher *
ilv_process_launcher_new (const char  *scenario_data,
                          gsize        scenario_length,
                          int          resources_fd,
                          gint64       origin_ns,
                          GError     **error)
{
  IlvProcessLauncher *self;
  IlvSpawnSlot *slot;
  int fd;

  slot = mmap (NULL, sizeof (IlvSpawnSlot), PROT_READ | PROT_WRITE,
               MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (slot == MAP_FAILED)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not prepare to start process workers: %s"), g_strerror (saved));
      return NULL;
    }
  fd = make_scenario_fd (scenario_data, scenario_length, error);
  if (fd < 0)
    {
      munmap (slot, sizeof (IlvSpawnSlot));
      return NULL;
    }

  self = g_new0 (IlvProcessLauncher, 1);
  self->path = find_worker ();
  self->scenario_fd = fd;
  self->resources_fd = resources_fd;
  self->origin_ns = origin_ns;
  self->slot = slot;
  return self;
}

void
ilv_process_launcher_free (IlvProcessLauncher *self)
{
  if (self == NULL)
    return;
  close (self->scenario_fd);
  munmap (self->slot, sizeof (IlvSpawnSlot));
  g_free (self->path);
  g_free (self);
}

const char *
ilv_process_launcher_get_path (IlvProcessLauncher *self)
{
  return self->path;
}

void
ilv_process_launcher_set_path (IlvProcessLauncher *self,
                               const char         *path)
{
  g_free (self->path);
  self->path = g_strdup (path);
}

GSubprocess *
ilv_process_launcher_spawn (IlvProcessLauncher  *self,
                            const IlvWorkerSpec *spec,
                            int                  events_fd,
                            gint64              *pid,
                            GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(GStrv) argv = NULL;
  GSubprocess *subprocess;
  gint64 requested_ns;

  if (!g_file_test (self->path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The process worker program “%s” is missing; "
                     "install Interleave or set ILV_WORKER_PATH"), self->path);
      return NULL;
    }

  /* The start cost counts from here: the request to spawn. */
  requested_ns = ilv_now_ns ();
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_INHERIT_FDS);
  self->slot->parent = getpid ();
  self->slot->child = 0;
  g_subprocess_launcher_set_child_setup (launcher, child_setup, self->slot, NULL);
  if (!take_dup (launcher, self->scenario_fd, CHILD_SCENARIO_FD, error) ||
      !take_dup (launcher, self->resources_fd, CHILD_RESOURCES_FD, error) ||
      !take_dup (launcher, events_fd, CHILD_EVENTS_FD, error))
    return NULL;
  argv = build_argv (self, spec, requested_ns);
  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, error);
  if (subprocess != NULL)
    *pid = self->slot->child;
  return subprocess;
}
