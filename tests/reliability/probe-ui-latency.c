/* probe-ui-latency.c: how late the UI thread's main loop runs while a
 * 64-thread CPU-bound run is drawn live
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window does, without the window: the run lives on this thread's
 * main context (its collector drains the workers every 16 ms there), a
 * 16 ms timeout draws the growing trace into a 1920×1080 image surface with
 * ilv_timeline_draw() (a frame), and a 1 ms timeout measures how late it is
 * dispatched each time. The figures: lateness p50/p99/worst and the
 * frame's cost. Asserted generously (a loaded 2-core machine): the loop
 * never stalls for two seconds, and 99% of ticks are within 250 ms. Workers
 * at normal priority made it seconds late (p50 ~1 s); at ILV_WORKER_NICE
 * the frame's wall time stays near its CPU time. Every worker thread seen
 * during the run must be at the SCHED_IDLE policy, below this thread.
 */

#include "config.h"

#include <sched.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "ilv-reliability-util.h"
#include "ilv-timeline.h"

#define FRAME_MS 16
#define WIDTH 1920
#define HEIGHT 1080

typedef struct
{
  IlvRun          *run;
  cairo_surface_t *surface;
  GArray          *lateness;  /* µs per 1 ms tick */
  GArray          *frames;    /* µs per frame */
  GArray          *frames_cpu; /* this thread's CPU µs per frame */
  gint64           last_tick;
  gint64           start;
  guint            workers_low;  /* worker threads seen below this one */
  guint            workers_high; /* ... seen at a normal policy, once started */
  gboolean         done;
} Probe;

static gboolean
tick_cb (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 now = g_get_monotonic_time ();

  if (probe->last_tick != 0)
    {
      gint64 late = MAX (0, now - probe->last_tick - 1000);

      g_array_append_val (probe->lateness, late);
    }
  probe->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

/* The scheduling policy of each worker thread ("w#1" …) of this process:
 * they must all be SCHED_IDLE, below this thread, once they have begun
 * (a new thread lowers itself first thing). */
static void
check_worker_policies (Probe *probe)
{
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (tasks != NULL && (tid = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *stat_path = g_build_filename ("/proc/self/task", tid, "stat", NULL);
      g_autofree char *stat = NULL;
      g_auto(GStrv) fields = NULL;
      const char *comm_end;
      const char *comm_start;

      if (!g_file_get_contents (stat_path, &stat, NULL, NULL) ||
          (comm_start = strchr (stat, '(')) == NULL || (comm_end = strrchr (stat, ')')) == NULL ||
          !g_str_has_prefix (comm_start + 1, "w#"))
        continue;
      /* After the name: state is field 3, policy field 41. */
      fields = g_strsplit (comm_end + 2, " ", 0);
      if (g_strv_length (fields) < 39)
        continue;
      if (g_ascii_strtoll (fields[38], NULL, 10) == SCHED_IDLE)
        probe->workers_low++;
      else
        probe->workers_high++;
    }
}

static gboolean
frame_cb (gpointer user_data)
{
  Probe *probe = user_data;
  IlvTrace *trace = ilv_run_get_trace (probe->run);
  IlvRenderOptions options;
  gint64 start = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  gint64 cost;
  cairo_t *cr;

  ilv_render_options_init (&options);
  options.width = WIDTH;
  options.height = HEIGHT;
  cr = cairo_create (probe->surface);
  ilv_timeline_draw (cr, &trace, 1, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cost = g_get_monotonic_time () - start;
  g_array_append_val (probe->frames, cost);
  cost = thread_cpu_us () - cpu;
  g_array_append_val (probe->frames_cpu, cost);
  if (!probe->done && g_get_monotonic_time () - probe->start > 200000)
    check_worker_policies (probe);
  return G_SOURCE_CONTINUE;
}

static void
finished_cb (IlvRun *run,
             Probe  *probe)
{
  probe->done = TRUE;
}

static GSource *
add_timeout (guint        ms,
             GSourceFunc  func,
             Probe       *probe,
             GMainContext *context)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, probe, NULL);
  g_source_attach (source, context);
  return source;
}

static void
probe_scenario (const char *label,
                const char *text)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (text);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) tick = NULL, frame = NULL;
  Probe probe = { 0 };
  gint64 start, wall;

  if (ILV_REL_ASAN)
    {
      g_test_skip ("a timing probe: figures mean nothing under AddressSanitizer");
      return;
    }

  probe.lateness = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.frames_cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);

  g_main_context_push_thread_default (context);
  probe.run = ilv_run_new (scenario);
  g_signal_connect (probe.run, "finished", G_CALLBACK (finished_cb), &probe);
  tick = add_timeout (1, tick_cb, &probe, context);
  frame = add_timeout (FRAME_MS, frame_cb, &probe, context);
  start = probe.start = g_get_monotonic_time ();
  g_assert_true (ilv_run_start (probe.run, &error));
  g_assert_no_error (error);
  while (!probe.done)
    g_main_context_iteration (context, TRUE);
  wall = g_get_monotonic_time () - start;
  g_source_destroy (tick);
  g_source_destroy (frame);
  frame_cb (&probe);  /* the finished trace, once */

  g_assert_cmpint (ilv_trace_get_stop_reason (ilv_run_get_trace (probe.run)), ==, ILV_STOP_FINISHED);
  ilv_rel_message ("%s: run %.2f s, %zu events; 1 ms tick lateness over %u ticks: "
                   "p50 %.2f ms, p99 %.2f ms, worst %.2f ms; frame (%dx%d) over %u frames: "
                   "p50 %.2f ms, p99 %.2f ms, worst %.2f ms (CPU p50 %.2f ms, worst %.2f ms)",
                   label, wall / 1e6, ilv_trace_get_n_events (ilv_run_get_trace (probe.run)),
                   probe.lateness->len,
                   ilv_rel_percentile (probe.lateness, 0.5) / 1e3,
                   ilv_rel_percentile (probe.lateness, 0.99) / 1e3,
                   ilv_rel_percentile (probe.lateness, 1.0) / 1e3,
                   WIDTH, HEIGHT, probe.frames->len,
                   ilv_rel_percentile (probe.frames, 0.5) / 1e3,
                   ilv_rel_percentile (probe.frames, 0.99) / 1e3,
                   ilv_rel_percentile (probe.frames, 1.0) / 1e3,
                   ilv_rel_percentile (probe.frames_cpu, 0.5) / 1e3,
                   ilv_rel_percentile (probe.frames_cpu, 1.0) / 1e3);
  /* Every worker seen ran below this thread. */
  g_assert_cmpuint (probe.workers_low, >, 0);
  g_assert_cmpuint (probe.workers_high, ==, 0);
  /* Busy workers that starve this thread make it seconds late. */
  g_assert_cmpint (ilv_rel_percentile (probe.lateness, 0.99), <, 250 * 1000);
  g_assert_cmpint (ilv_rel_percentile (probe.lateness, 1.0), <, 2000 * 1000);

  g_clear_object (&probe.run);
  g_main_context_pop_thread_default (context);
  cairo_surface_destroy (probe.surface);
  g_array_unref (probe.lateness);
  g_array_unref (probe.frames);
  g_array_unref (probe.frames_cpu);
}

static void
test_free_threaded (void)
{
  probe_scenario ("64 threads, GIL off",
                  "[Scenario]\nName=64 CPU-bound threads\nGIL=false\n"
                  "[Workers w]\nKind=thread\nCount=64\nProgram=repeat 4 { compute 10ms }\n");
}

static void
test_gil (void)
{
  probe_scenario ("64 threads, GIL on",
                  "[Scenario]\nName=64 CPU-bound threads, GIL\nGIL=true\n"
                  "[Workers w]\nKind=thread\nCount=64\nProgram=repeat 4 { compute 10ms }\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/reliability/ui-latency/free-threaded", test_free_threaded);
  g_test_add_func ("/reliability/ui-latency/gil", test_gil);

  return g_test_run ();
}
