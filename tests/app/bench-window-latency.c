/* bench-window-latency.c: how late the window's main loop runs while it
 * draws a 64-thread CPU-bound run live
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window runs a scenario of 64 CPU-bound threads without the GIL
 * (on a 2-core machine: 32 per core) and draws it as it goes. A 1 ms
 * timeout records how late it is dispatched; the frame clock's paints are
 * counted and spaced. Prints the figures, then one line of JSON.
 *
 * On a shared machine a stall can be someone else's: each stall says how
 * much CPU the app's other threads (the workers, the sampler) had
 * meanwhile, and the run says how many cores other processes kept busy
 * (from /proc/stat).
 */

#include "config.h"

#include <fcntl.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "ilv-app-test.h"
#include "ilv-application.h"
#include "ilv-test-folder.h"
#include "ilv-timeline-view.h"
#include "ilv-window.h"

static const char scenario_text[] =
  "[Scenario]\nName=64 CPU-bound threads\nGIL=false\nTimeout=60s\n\n"
  "[Workers crunch]\nKind=thread\nCount=64\nProgram=repeat 10 { compute 10ms }\n";

typedef struct
{
  GArray *lateness;   /* µs per 1 ms tick */
  GArray *gaps;       /* µs between paints */
  gint64  last_tick;
  gint64  last_tick_cpu;  /* µs of this thread's CPU time at last_tick */
  gint64  last_tick_wait; /* µs it had waited for a CPU, runnable, at last_tick */
  gint64  last_tick_process; /* µs of the whole process's CPU time at last_tick */
  gint64  last_paint;
  gint64  start;
} Probe;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static gint64
process_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

/* µs of CPU time the whole machine has spent busy (every core, every
 * process: the first line of /proc/stat less idle and iowait), or -1. */
static gint64
machine_busy_us (void)
{
  g_autofree char *text = NULL;
  guint64 f[8] = { 0 };
  long hz = sysconf (_SC_CLK_TCK);

  if (hz <= 0 || !g_file_get_contents ("/proc/stat", &text, NULL, NULL) ||
      sscanf (text, "cpu %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
              " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
              " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
              &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7]) != 8)
    return -1;
  /* user nice system idle iowait irq softirq steal */
  return (gint64) ((f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) * 1000000 / (guint64) hz);
}

/* µs the main thread has spent runnable, waiting for a CPU (the second
 * field of its schedstat), or 0 where the kernel does not say. Read at
 * every 1 ms tick: the file stays open, so that the probe costs the loop
 * it measures a read, not an open, a read and a close. */
static gint64
thread_wait_us (void)
{
  static int fd = -2;
  char text[128];
  ssize_t n;
  guint64 on_cpu = 0;
  guint64 waiting = 0;

  if (fd == -2)
    fd = open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
  if (fd < 0 || (n = pread (fd, text, sizeof text - 1, 0)) <= 0)
    return 0;
  text[n] = '\0';
  if (sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &on_cpu, &waiting) != 2)
    return 0;
  return (gint64) (waiting / 1000);
}

/* A stall says how much of it this thread spent on a CPU and how much
 * runnable, waiting for one; the rest it was blocked (a lock, the X
 * server). */
static gboolean
tick_cb (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  gint64 wait = thread_wait_us ();
  gint64 process = process_cpu_us ();
  gint64 late = MAX (0, now - probe->last_tick - 1000);

  g_array_append_val (probe->lateness, late);
  if (late > 40000)
    g_print ("a stall of %.0f ms (%.0f ms of it on a CPU, %.0f ms waiting for one; "
             "the app's other threads had %.0f ms of CPU meanwhile), %.2f s into the run\n",
             late / 1e3, (cpu - probe->last_tick_cpu) / 1e3, (wait - probe->last_tick_wait) / 1e3,
             (process - probe->last_tick_process - (cpu - probe->last_tick_cpu)) / 1e3,
             (now - probe->start) / 1e6);
  probe->last_tick = now;
  probe->last_tick_cpu = cpu;
  probe->last_tick_wait = wait;
  probe->last_tick_process = process;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Probe         *probe)
{
  gint64 now = g_get_monotonic_time ();

  if (probe->last_paint > 0)
    {
      gint64 gap = now - probe->last_paint;

      g_array_append_val (probe->gaps, gap);
    }
  probe->last_paint = now;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_int64);
  return g_array_index (values, gint64, MIN (values->len - 1, (guint) (p * values->len)));
}

/* A zoom step is a new frame that draws everything again (64 lanes,
 * 1600 px): how long from the change to the paint. */
static void
measure_redraws (IlvWindow *window,
                 GArray    *frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  for (guint i = 0; i < 20; i++)
    {
      gint64 target = gdk_frame_clock_get_frame_counter (clock) + 1;
      gint64 start = g_get_monotonic_time ();
      gint64 took;

      gtk_widget_activate_action (GTK_WIDGET (window), i % 2 ? "timeline.zoom-out" : "timeline.zoom-in", NULL);
      while (gdk_frame_clock_get_frame_counter (clock) < target)
        g_main_context_iteration (NULL, TRUE);
      took = g_get_monotonic_time () - start;
      g_array_append_val (frames, took);
    }
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Run is pressed on a window that is up: its first frames (GTK's first
 * layout, the empty page's shadowed icon over the whole window) are drawn
 * before the run starts, not counted as the run's. ILV_BENCH_COLD=1 starts
 * the run at once, as this bench first did. */
static void
settle (IlvWindow *window)
{
  gboolean settled = FALSE;

  if (g_getenv ("ILV_BENCH_COLD") != NULL)
    return;
  gtk_widget_queue_draw (GTK_WIDGET (window));
  g_timeout_add (500, set_flag_cb, &settled);
  while (!settled)
    g_main_context_iteration (NULL, TRUE);
}

static void
activate_cb (GApplication *app,
             Probe        *probe)
{
  IlvWindow *window = ILV_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_autoptr(GArray) frames = NULL;
  guint tick;
  gint64 start;
  double seconds;
  double cpu;
  double wait;
  double process;
  gint64 busy;
  gint64 busy_end;
  double others = -1;

  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 1000);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  ilv_app_test_set_scenario (window, "bench", scenario_text);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), probe);

  /* For comparison: the same run with the window not drawing it. */
  if (g_getenv ("ILV_BENCH_NO_DRAW") != NULL)
    gtk_widget_set_visible (gtk_window_get_child (GTK_WINDOW (window)), FALSE);

  settle (window);
  start = g_get_monotonic_time ();
  cpu = thread_cpu_us () / 1e6;
  wait = thread_wait_us () / 1e6;
  process = process_cpu_us () / 1e6;
  busy = machine_busy_us ();
  probe->last_tick = start;
  probe->last_tick_cpu = thread_cpu_us ();
  probe->last_tick_wait = thread_wait_us ();
  probe->last_tick_process = process_cpu_us ();
  probe->start = start;
  tick = g_timeout_add (1, tick_cb, probe);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  while (!ilv_app_test_is_finished (window))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  cpu = thread_cpu_us () / 1e6 - cpu;
  wait = thread_wait_us () / 1e6 - wait;
  process = process_cpu_us () / 1e6 - process;
  /* What the rest of the machine ran meanwhile, in cores; the clock ticks
   * of /proc/stat make it approximate. */
  busy_end = machine_busy_us ();
  if (busy >= 0 && busy_end >= 0)
    others = MAX (0, (busy_end - busy) / 1e6 - process) / seconds;
  frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (g_getenv ("ILV_BENCH_NO_DRAW") == NULL)
    measure_redraws (window, frames);

  g_print ("run: %.2f s, %u paints (%.1f per s)\n", seconds, probe->gaps->len + 1,
           (probe->gaps->len + 1) / seconds);
  g_print ("the window's thread was on a CPU %.0f %% of the run, and waited for one %.0f %%\n",
           100 * cpu / seconds, 100 * wait / seconds);
  g_print ("other processes kept %.1f of the %u cores busy during the run\n",
           others, g_get_num_processors ());
  g_print ("main loop lateness: p50 %.1f ms, p99 %.1f ms, worst %.1f ms\n",
           percentile (probe->lateness, 0.5) / 1e3, percentile (probe->lateness, 0.99) / 1e3,
           percentile (probe->lateness, 1.0) / 1e3);
  g_print ("between paints: p50 %.1f ms, worst %.1f ms\n",
           percentile (probe->gaps, 0.5) / 1e3, percentile (probe->gaps, 1.0) / 1e3);
  g_print ("zoom to paint, 64 lanes: p50 %.1f ms, worst %.1f ms\n",
           percentile (frames, 0.5) / 1e3, percentile (frames, 1.0) / 1e3);
  g_print ("{\"run_s\": %.3f, \"paints\": %u, \"lateness_p50_ms\": %.2f, \"lateness_p99_ms\": %.2f, "
           "\"lateness_max_ms\": %.2f, \"paint_gap_max_ms\": %.2f, \"zoom_frame_p50_ms\": %.2f, "
           "\"zoom_frame_max_ms\": %.2f, \"ui_thread_cpu_share\": %.3f, \"ui_thread_wait_share\": %.3f, "
           "\"other_processes_cores\": %.2f}\n",
           seconds, probe->gaps->len + 1,
           percentile (probe->lateness, 0.5) / 1e3, percentile (probe->lateness, 0.99) / 1e3,
           percentile (probe->lateness, 1.0) / 1e3, percentile (probe->gaps, 1.0) / 1e3,
           percentile (frames, 0.5) / 1e3, percentile (frames, 1.0) / 1e3, cpu / seconds,
           wait / seconds, others);
  gtk_window_close (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(IlvApplication) app = NULL;
  g_autofree char *state = NULL;
  Probe probe = { 0 };

  if (!ilv_app_test_has_display ())
    {
      g_print ("no display\n{\"skipped\": true}\n");
      return 0;
    }

  /* The window brings back the runs of the last session: each run of the
   * benchmark starts from an empty one of its own, not from the last
   * run's (which, finished, would end the measurement at once). */
  state = ilv_test_folder_new ("bench-window-latency");
  g_setenv ("XDG_STATE_HOME", state, TRUE);

  probe.lateness = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  app = ilv_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &probe);
  g_application_run (G_APPLICATION (app), 0, NULL);
  g_array_unref (probe.lateness);
  g_array_unref (probe.gaps);
  g_clear_object (&app);
  ilv_test_folder_remove (state);
  return 0;
}
