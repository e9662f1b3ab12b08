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

typedef struct
{
  double cold;    /* first frame: a new layout, summary statistics included */
  double frame;   /* median of redraws with the layout updated, as a widget redraws */
  double pan;     /* median of frames each panned by 1 % of the view: nothing kept */
} Frame;

/* Frames of a view of half the run moving right by 1 % of the run each:
 * every row samples its trace again. */
static double
pan_ms (IlvTimelineLayout *layout,
        cairo_t           *cr,
        cairo_surface_t   *surface,
        IlvTrace          *trace,
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
      ilv_timeline_layout_draw (layout, cr);
      cairo_surface_flush (surface);
      times[r] = cpu_ms () - before;
    }
  qsort (times, reps, sizeof (double), compare_double);
  return times[reps / 2];
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
  f.pan = naive ? 0 : pan_ms (layout, cr, surface, trace, reps);
  ilv_timeline_layout_free (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return f;
}

int
main (void)
{
  const gsize sizes[] = { 10000, 1000000, 10000000 };
  double frames[G_N_ELEMENTS (sizes)];
  double pans[G_N_ELEMENTS (sizes)];
  double naive_ms = 0, index_ms = 0;

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
  printf ("{\"bench\": \"render\", \"frame_ms\": {\"10000\": %.2f, \"1000000\": %.2f, \"10000000\": %.2f}, "
          "\"pan_ms\": {\"10000\": %.2f, \"1000000\": %.2f, \"10000000\": %.2f}, "
          "\"naive_ms\": {\"1000000\": %.1f}, \"index_ms_10M\": %.0f}\n",
          frames[0], frames[1], frames[2], pans[0], pans[1], pans[2], naive_ms, index_ms);
  return 0;
}
