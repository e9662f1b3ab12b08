/* interleave-worker.c: one process worker, started by the app's process executor
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It reads the scenario text from an inherited fd and parses it with the
 * app's parser (so resource indices and programs are the same), maps the
 * shared resources from an inherited memfd, makes its own GIL (each process
 * has its own), and runs the same step interpreter as a thread worker. Its
 * events go to the events pipe in binary batches of at most PIPE_BUF bytes,
 * so each write is atomic. SIGTERM ends it at once (the default action):
 * that is Process.terminate(), with no cleanup and locks left held.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ilv-compute.h"
#include "ilv-event-stream.h"
#include "ilv-worker.h"

/* Exit codes for a worker that could not start; its lane shows them. */
#define EXIT_USAGE   2
#define EXIT_SETUP   3
#define EXIT_PIPE    4

typedef struct
{
  gint     lane;
  gint     group;
  gint     pool;
  gint     instance;
  gint     process;
  gint64   origin_ns;
  gint64   start_at_ns;
  gint64   requested_ns;
  gint64   compute_rate;
  gint     scenario_fd;
  gint     resources_fd;
  gint     events_fd;
} Options;

typedef struct
{
  int     fd;
  guint32 sequence;
} Sink;

static gboolean
parse_options (int       *argc,
               char    ***argv,
               Options   *options,
               GError   **error)
{
  const GOptionEntry entries[] = {
    { "lane", 0, 0, G_OPTION_ARG_INT, &options->lane, "Lane of this worker", "N" },
    { "group", 0, 0, G_OPTION_ARG_INT, &options->group, "Index of its worker group", "N" },
    { "pool", 0, 0, G_OPTION_ARG_INT, &options->pool, "Index of its pool", "N" },
    { "instance", 0, 0, G_OPTION_ARG_INT, &options->instance, "Index within the group", "N" },
    { "process", 0, 0, G_OPTION_ARG_INT, &options->process, "Index of its process in the trace", "N" },
    { "origin", 0, 0, G_OPTION_ARG_INT64, &options->origin_ns, "The run's zero (CLOCK_MONOTONIC ns)", "NS" },
    { "start-at", 0, 0, G_OPTION_ARG_INT64, &options->start_at_ns, "Start time relative to the origin", "NS" },
    { "requested", 0, 0, G_OPTION_ARG_INT64, &options->requested_ns, "When the start was requested", "NS" },
    { "compute-rate", 0, 0, G_OPTION_ARG_INT64, &options->compute_rate, "The app's compute calibration (iterations per ms)", "N" },
    { "scenario-fd", 0, 0, G_OPTION_ARG_INT, &options->scenario_fd, "Fd with the scenario text", "FD" },
    { "resources-fd", 0, 0, G_OPTION_ARG_INT, &options->resources_fd, "Memfd of the shared resources", "FD" },
    { "events-fd", 0, 0, G_OPTION_ARG_INT, &options->events_fd, "Pipe for the event batches", "FD" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_summary (context, "One process worker of an Interleave run. "
                                "Started by Interleave, not by hand.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (options->lane < 0 || options->scenario_fd < 0 || options->resources_fd < 0 ||
      options->events_fd < 0 || (options->group < 0) == (options->pool < 0) ||
      options->instance < 0 || options->process < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Expected --lane, --instance, --process, --scenario-fd, "
                     "--resources-fd, --events-fd and one of --group or --pool"));
      return FALSE;
    }
  return TRUE;
}

static char *
read_scenario (int      fd,
               gsize   *length,
               GError **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize done = 0;

  if (fstat (fd, &st) < 0 || st.st_size < 0 || st.st_size > 64 * 1024 * 1024)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The scenario fd %d is not a readable file"), fd);
      return NULL;
    }
  data = g_malloc (st.st_size + 1);
  /* pread: siblings share the fd's offset. */
  while (done < (gsize) st.st_size)
    {
      gssize n = pread (fd, data + done, st.st_size - done, done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Could not read the scenario from fd %d: %s"),
                       fd, n < 0 ? g_strerror (errno) : _("it ended early"));
          return NULL;
        }
      done += n;
    }
  data[done] = '\0';
  *length = done;
  return g_steal_pointer (&data);
}

static void
write_batch (Sink         *sink,
             const guint8 *bytes,
             gsize         length)
{
  while (TRUE)
    {
      gssize n = write (sink->fd, bytes, length);

      if (n < 0 && errno == EINTR)
        continue;
      /* The app went away (or cut us off): nobody is left to tell. */
      if (n != (gssize) length)
        _exit (EXIT_PIPE);
      return;
    }
}

static void
sink_cb (const IlvEvent *events,
         gsize           n_events,
         gpointer        user_data)
{
  Sink *sink = user_data;
  guint8 buffer[ILV_EVENT_STREAM_MAX_BYTES];

  while (n_events > 0)
    {
      gsize n = MIN (n_events, ILV_EVENT_STREAM_MAX_EVENTS);
      gsize length = ilv_event_stream_encode (events, n, sink->sequence++, buffer);

      write_batch (sink, buffer, length);
      events += n;
      n_events -= n;
    }
}

static const IlvProgram *
find_program (IlvScenario    *scenario,
              const Options  *options,
              GError        **error)
{
  if (options->group >= 0 && (guint) options->group < scenario->groups->len)
    return ((IlvWorkerGroup *) g_ptr_array_index (scenario->groups, options->group))->program;
  if (options->pool >= 0 && (guint) options->pool < scenario->pools->len)
    return ((IlvPool *) g_ptr_array_index (scenario->pools, options->pool))->program;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("The scenario has no worker group or pool with that index"));
  return NULL;
}

static int
run (const Options  *options,
     GError        **error)
{
  g_autoptr(IlvScenario) scenario = NULL;
  g_autofree char *data = NULL;
  IlvResources *resources;
  IlvRecorder *recorder;
  IlvGil *gil = NULL;
  IlvWorkerSpec spec = { 0 };
  Sink sink = { options->events_fd, 0 };
  volatile gint stop = 0;
  gsize length = 0;

  if (options->compute_rate > 0)
    ilv_compute_set_iterations_per_ms (options->compute_rate);
  data = read_scenario (options->scenario_fd, &length, error);
  if (data == NULL)
    return EXIT_SETUP;
  scenario = ilv_scenario_new_from_data (data, length, "interleave-worker", NULL, error);
  if (scenario == NULL)
    return EXIT_SETUP;
  spec.program = find_program (scenario, options, error);
  if (spec.program == NULL)
    return EXIT_USAGE;
  resources = ilv_resources_attach (scenario, options->resources_fd, error);
  if (resources == NULL)
    return EXIT_SETUP;
  close (options->resources_fd);
  close (options->scenario_fd);

  if (scenario->gil)
    gil = ilv_gil_new (options->process, scenario->switch_interval_ns);
  recorder = ilv_recorder_new_with_sink (sink_cb, &sink);

  spec.scenario = scenario;
  spec.resources = resources;
  spec.gil = gil;
  spec.recorder = recorder;
  spec.lane = options->lane;
  spec.is_pool = options->pool >= 0;
  spec.group = spec.is_pool ? (guint) options->pool : (guint) options->group;
  spec.instance = options->instance;
  spec.process = options->process;
  spec.origin_ns = options->origin_ns;
  spec.start_at_ns = options->start_at_ns;
  spec.requested_ns = options->requested_ns;
  spec.stop = &stop;
  ilv_worker_run (&spec);

  ilv_recorder_free (recorder);  /* flushes the last batch */
  g_clear_pointer (&gil, ilv_gil_free);
  ilv_resources_free (resources);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  Options options = { -1, -1, -1, -1, -1, 0, 0, 0, 0, -1, -1, -1 };
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (!parse_options (&argc, &argv, &options, &error))
    {
      g_printerr ("interleave-worker: %s\n", error->message);
      return EXIT_USAGE;
    }
  status = run (&options, &error);
  if (error != NULL)
    g_printerr ("interleave-worker: %s\n", error->message);
  return status;
}
