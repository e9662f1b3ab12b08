/* bench-render.c: the cost of one 1920×1080 frame against the number of events
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

/* Median wall time of `reps` whole frames: layout (summary included) and drawing. */
static double
frame_ms (IlvTrace *trace,
          gboolean  naive,
          guint     reps)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  double times[16];
  IlvRenderOptions options;

  ilv_render_options_init (&options);
  reps = MIN (reps, G_N_ELEMENTS (times));
  for (guint r = 0; r < reps; r++)
    {
      gint64 before = g_get_monotonic_time ();
      IlvTimelineLayout *layout = ilv_timeline_layout_new (&trace, 1, &options);

      if (naive)
        ilv_timeline_layout_draw_naive (layout, cr);
      else
        ilv_timeline_layout_draw (layout, cr);
      cairo_surface_flush (surface);
      ilv_timeline_layout_free (layout);
      times[r] = (g_get_monotonic_time () - before) / 1000.0;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  qsort (times, reps, sizeof (double), compare_double);
  return times[reps / 2];
}

int
main (void)
{
  const gsize sizes[] = { 10000, 1000000, 10000000 };
  double frames[G_N_ELEMENTS (sizes)];
  double naive_ms = 0, index_ms = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gint64 append_ns = 0;
      IlvTrace *trace = synth_uniform (N_LANES, sizes[i], DURATION, &append_ns);

      frame_ms (trace, FALSE, 1);   /* warm fonts and caches */
      frames[i] = frame_ms (trace, FALSE, 5);
      g_print ("frame, %" G_GSIZE_FORMAT " events over %d lanes: %.2f ms (append %.0f ms)\n",
               ilv_trace_get_n_events (trace), N_LANES, frames[i], append_ns / 1e6);
      if (sizes[i] == 1000000)
        {
          naive_ms = frame_ms (trace, TRUE, 1);
          g_print ("naive frame (every span its own rectangle), 1M events: %.1f ms = %.1f× the level-of-detail frame\n",
                   naive_ms, naive_ms / frames[i]);
        }
      if (sizes[i] == 10000000)
        index_ms = append_ns / 1e6 * (1e7 / (double) sizes[i]);
      ilv_trace_unref (trace);
    }
  g_print ("10M frame / 10k frame: %.2f (goal ≤ 2)\n", frames[2] / frames[0]);
  g_print ("index build (append) per 10M events: %.0f ms (goal ≤ 1000)\n", index_ms);
  g_print ("{\"bench\": \"render\", \"frame_ms\": {\"10000\": %.2f, \"1000000\": %.2f, \"10000000\": %.2f}, "
           "\"naive_ms\": {\"1000000\": %.1f}, \"index_ms_10M\": %.0f}\n",
           frames[0], frames[1], frames[2], naive_ms, index_ms);
  return 0;
}
