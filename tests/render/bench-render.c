/* bench-render.c: the cost of one 1920×1080 frame against the number of events
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "ilv-render-private.h"
#include "ilv-timeline.h"
#include "synthetic-trace.h"

#define N_LANES  64
#define DURATION (10 * SYNTH_MS * 1000)

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* CPU time of this thread, ms: the machine is shared, wall time is noise. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static inline guint32
next_random (guint64 *state)
{
  *state = *state * G_GUINT64_CONSTANT (6364136223846793005) + G_GUINT64_CONSTANT (1442695040888963407);
  return (guint32) (*state >> 33);
}

static gint
compare_event_time (gconstpointer a,
                    gconstpointer b)
{
  gint64 x = ((const IlvEvent *) a)->time_ns, y = ((const IlvEvent *) b)->time_ns;

  return x < y ? -1 : x > y;
}

typedef struct
{
  double cold;    /* first frame: a new layout, summary statistics included */
  double frame;   /* median of redraws with the layout updated, as a widget redraws */
  double pan;     /* median of frames each panned by 1 % of the view: nothing kept */
} Frame;

/* One frame as the window draws it: recorded, then played back onto the
 * image by the toolkit's renderer. */
static void
draw_recorded (IlvTimelineLayout *layout,
               cairo_t           *cr)
{
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *rec = cairo_create (recording);

  ilv_timeline_layout_draw (layout, rec);
  cairo_destroy (rec);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_surface_destroy (recording);
}

/* Frames of a view of half the run moving right by 1 % of the run each:
 * every row samples its trace again. */
static double
pan_ms (IlvTimelineLayout *layout,
        cairo_t           *cr,
        cairo_surface_t   *surface,
        IlvTrace          *trace,
        gboolean           recorded,
        guint              reps)
{
  gint64 start = ilv_trace_get_start (trace);
  gint64 length = ilv_trace_get_end (trace) - start;
  double times[16], before;
  IlvRenderOptions options;

  ilv_render_options_init (&options);
  for (guint r = 0; r < reps; r++)
    {
      options.t0 = start + length / 4 + (gint64) r * length / 100;
      options.t1 = options.t0 + length / 2;
      before = cpu_ms ();
      ilv_timeline_layout_update (layout, &options);
      if (recorded)
        draw_recorded (layout, cr);
      else
        ilv_timeline_layout_draw (layout, cr);
      cairo_surface_flush (surface);
      times[r] = cpu_ms () - before;
    }
  qsort (times, reps, sizeof (double), compare_double);
  return times[reps / 2];
}

/* The same panned frames as the window draws them, with a layout of its
 * own (a layout keeps what it drew for the kind of surface it drew on). */
static double
pan_recorded_ms (IlvTrace *trace,
                 guint     reps)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  IlvRenderOptions options;
  IlvTimelineLayout *layout;
  double ms;

  ilv_render_options_init (&options);
  layout = ilv_timeline_layout_new (&trace, 1, &options);
  ms = pan_ms (layout, cr, surface, trace, TRUE, reps);
  ilv_timeline_layout_free (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ms;
}

static Frame
measure (IlvTrace *trace,
         gboolean  naive,
         guint     reps)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  double times[16], before;
  IlvRenderOptions options;
  IlvTimelineLayout *layout;
  Frame f;

  ilv_render_options_init (&options);
  reps = CLAMP (reps, 1, G_N_ELEMENTS (times));
  before = cpu_ms ();
  layout = ilv_timeline_layout_new (&trace, 1, &options);
  ilv_timeline_layout_draw (layout, cr);
  cairo_surface_flush (surface);
  f.cold = cpu_ms () - before;
  for (guint r = 0; r < reps; r++)
    {
      before = cpu_ms ();
      ilv_timeline_layout_update (layout, &options);
      if (naive)
        ilv_timeline_layout_draw_naive (layout, cr);
      else
        ilv_timeline_layout_draw (layout, cr);
      cairo_surface_flush (surface);
      times[r] = cpu_ms () - before;
    }
  qsort (times, reps, sizeof (double), compare_double);
  f.frame = times[reps / 2];
  f.pan = naive ? 0 : pan_ms (layout, cr, surface, trace, FALSE, reps);
  ilv_timeline_layout_free (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return f;
}

/* 64 CPU-bound threads on 2 cores, live: every lane running all along
 * but for a short break every 10 ms, and the OS sampler seeing it on a
 * core for a few ms now and then, runnable without one (ready) the rest
 * of the time. Without `ready` the sampler's off-core times say "neither"
 * instead: the same spans and core lanes, no ready intervals. */
#define BUSY_LANES    64
#define BUSY_DURATION (3200 * SYNTH_MS)

static IlvTrace *
busy_lanes (gboolean  ready,
            gsize    *n_ready)
{
  IlvTrace *trace = ilv_trace_new ("64 CPU-bound threads", NULL);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  guint64 rng = 7;

  ilv_trace_set_start (trace, SYNTH_T0);
  ilv_trace_set_gil (trace, FALSE);
  ilv_trace_set_n_cpus (trace, 2);
  ilv_trace_add_process (trace, "app", 4711, ILV_WORKER_THREAD);
  *n_ready = 0;
  for (guint l = 0; l < BUSY_LANES; l++)
    {
      g_autofree char *name = g_strdup_printf ("crunch#%u", l + 1);

      ilv_trace_add_lane (trace, 0, name, "crunch", ILV_WORKER_THREAD, FALSE);
    }
  for (guint l = 0; l < BUSY_LANES; l++)
    {
      gint64 t = SYNTH_T0 + l * 20000;
      gint64 end = SYNTH_T0 + BUSY_DURATION;
      IlvEvent e = { 0 };

      g_array_set_size (events, 0);
      e.lane = l;
      e.resource = -1;
      for (gint64 step = t; step < end; step += 10 * SYNTH_MS)
        {
          e.type = ILV_EVENT_STATE;
          e.time_ns = step;
          e.value = ILV_STATE_RUNNING;
          g_array_append_val (events, e);
          e.time_ns = step + 10 * SYNTH_MS - 50000;
          e.value = ILV_STATE_SLEEP;
          g_array_append_val (events, e);
        }
      e.type = ILV_EVENT_CPU;
      while (t < end)
        {
          /* Off a core for 1 to 12 ms, then on one for 0.3 to 3 ms. */
          e.time_ns = t;
          e.value = ready ? 0 : -1;
          e.aux = 0;
          g_array_append_val (events, e);
          *n_ready += ready;
          t += SYNTH_MS + next_random (&rng) % (11 * SYNTH_MS);
          e.time_ns = t;
          e.value = l % 2;
          e.aux = 1;
          g_array_append_val (events, e);
          t += 300000 + next_random (&rng) % 2700000;
        }
      e.aux = 0;
      g_array_sort (events, compare_event_time);
      ilv_trace_append (trace, (const IlvEvent *) (gpointer) events->data, events->len);
    }
  ilv_trace_set_now (trace, SYNTH_T0 + BUSY_DURATION);
  *n_ready /= BUSY_LANES;
  return trace;
}

/* CPU time to sample every lane of `trace` over the whole run into
 * n_columns, median of reps. */
static double
sample_ms (IlvTrace *trace,
           guint     n_columns,
           guint     reps)
{
  g_autofree IlvColumn *columns = g_new (IlvColumn, n_columns);
  double times[16], before;

  reps = CLAMP (reps, 1, G_N_ELEMENTS (times));
  for (guint r = 0; r < reps; r++)
    {
      before = cpu_ms ();
      for (guint l = 0; l < BUSY_LANES; l++)
        ilv_trace_lane_sample (trace, l, ilv_trace_get_start (trace), ilv_trace_get_end (trace),
                               n_columns, columns);
      times[r] = cpu_ms () - before;
    }
  qsort (times, reps, sizeof (double), compare_double);
  return times[reps / 2];
}

/* CPU time for the state times of every lane over the whole run, as
 * the legend asks for the view and the summary for the run, median. */
static double
state_times_ms (IlvTrace *trace,
                guint     reps)
{
  double times[16], before;
  gint64 sum = 0;

  reps = CLAMP (reps, 1, G_N_ELEMENTS (times));
  for (guint r = 0; r < reps; r++)
    {
      before = cpu_ms ();
      for (guint l = 0; l < BUSY_LANES; l++)
        {
          gint64 state[ILV_N_STATES];

          ilv_trace_lane_state_times (trace, l, ilv_trace_get_start (trace), ilv_trace_get_end (trace), state);
          sum += state[ILV_STATE_READY];
        }
      times[r] = cpu_ms () - before;
    }
  g_assert (sum >= 0);
  qsort (times, reps, sizeof (double), compare_double);
  return times[reps / 2];
}

static void
busy_lanes_bench (double *sample_ratio,
                  double *frame_ratio,
                  double *recorded_ratio)
{
  gsize n_ready, n_none;
  IlvTrace *ready = busy_lanes (TRUE, &n_ready);
  IlvTrace *none = busy_lanes (FALSE, &n_none);
  double sample_ready, sample_none, times_ready, times_none, rec_ready, rec_none;
  Frame f_ready, f_none;

  measure (ready, FALSE, 1);   /* warm fonts and caches */
  sample_ready = sample_ms (ready, 1800, 9);
  sample_none = sample_ms (none, 1800, 9);
  times_ready = state_times_ms (ready, 9);
  times_none = state_times_ms (none, 9);
  f_ready = measure (ready, FALSE, 7);
  f_none = measure (none, FALSE, 7);
  rec_ready = pan_recorded_ms (ready, 7);
  rec_none = pan_recorded_ms (none, 7);
  *sample_ratio = sample_ready / sample_none;
  *frame_ratio = f_ready.pan / f_none.pan;
  *recorded_ratio = rec_ready / rec_none;
  printf ("64 busy lanes, live, %" G_GSIZE_FORMAT " ready intervals a lane: sampling 1800 columns a lane %.2f ms CPU "
          "= %.2fx the same lanes without ready intervals (%.2f ms)\n",
          n_ready, sample_ready, *sample_ratio, sample_none);
  printf ("64 busy lanes, live: state times over the whole run %.3f ms CPU = %.2fx the same lanes without ready intervals (%.3f ms)\n",
          times_ready, times_ready / times_none, times_none);
  printf ("64 busy lanes, live: panned frame %.2f ms CPU = %.2fx the same lanes without ready intervals (%.2f ms)\n",
          f_ready.pan, *frame_ratio, f_none.pan);
  printf ("64 busy lanes, live: panned frame recorded and played back, as the window draws it, %.2f ms CPU "
          "= %.2fx the same lanes without ready intervals (%.2f ms)\n",
          rec_ready, *recorded_ratio, rec_none);
  ilv_trace_unref (ready);
  ilv_trace_unref (none);
}

/* "bench-render busy" measures the busy lanes alone. */
int
main (int   argc,
      char *argv[])
{
  const gsize sizes[] = { 10000, 1000000, 10000000 };
  double frames[G_N_ELEMENTS (sizes)];
  double pans[G_N_ELEMENTS (sizes)];
  double naive_ms = 0, index_ms = 0;
  double busy_sample_ratio, busy_frame_ratio, busy_recorded_ratio;

  if (argc > 1 && g_str_equal (argv[1], "busy"))
    {
      busy_lanes_bench (&busy_sample_ratio, &busy_frame_ratio, &busy_recorded_ratio);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gint64 append_ns = 0;
      IlvTrace *trace = synth_uniform (N_LANES, sizes[i], DURATION, &append_ns);
      Frame f;

      measure (trace, FALSE, 1);   /* warm fonts and caches */
      f = measure (trace, FALSE, 7);
      frames[i] = f.frame;
      pans[i] = f.pan;
      printf ("frame, %" G_GSIZE_FORMAT " events over %d lanes: %.2f ms CPU (panning: %.2f ms; first frame with summary: %.2f ms; append %.0f ms)\n",
              ilv_trace_get_n_events (trace), N_LANES, f.frame, f.pan, f.cold, append_ns / 1e6);
      if (sizes[i] == 1000000)
        {
          naive_ms = measure (trace, TRUE, 1).frame;
          printf ("naive frame (every span its own rectangle), 1M events: %.1f ms CPU = %.1fx the level-of-detail frame (goal >= 20)\n",
                  naive_ms, naive_ms / frames[i]);
        }
      if (sizes[i] == 10000000)
        index_ms = append_ns / 1e6 * (1e7 / (double) sizes[i]);
      ilv_trace_unref (trace);
    }
  printf ("10M frame / 10k frame: %.2f (goal <= 2)\n", frames[2] / frames[0]);
  printf ("10M panned frame / 10k panned frame: %.2f\n", pans[2] / pans[0]);
  printf ("index build (append) per 10M events: %.0f ms (goal <= 1000)\n", index_ms);
  busy_lanes_bench (&busy_sample_ratio, &busy_frame_ratio, &busy_recorded_ratio);
  printf ("{\"bench\": \"render\", \"frame_ms\": {\"10000\": %.2f, \"1000000\": %.2f, \"10000000\": %.2f}, "
          "\"pan_ms\": {\"10000\": %.2f, \"1000000\": %.2f, \"10000000\": %.2f}, "
          "\"naive_ms\": {\"1000000\": %.1f}, \"index_ms_10M\": %.0f, "
          "\"busy_ready_ratio\": {\"sample\": %.2f, \"pan\": %.2f, \"pan_recorded\": %.2f}}\n",
          frames[0], frames[1], frames[2], pans[0], pans[1], pans[2], naive_ms, index_ms,
          busy_sample_ratio, busy_frame_ratio, busy_recorded_ratio);
  return 0;
}
