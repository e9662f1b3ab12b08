/* test-render-cache.c: a layout kept across frames draws what a new one draws
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A widget keeps its layout, and the layout keeps what each row drew while
 * the trace's serial, the range, the column grid and the theme stay. Every
 * frame of a kept layout is compared, pixel for pixel, with a frame drawn
 * from nothing: after redraws, zooming, panning, a theme, a highlighted
 * lock, a new size, and while a live run grows.
 */

#include "config.h"

#include <string.h>

#include "ilv-render-private.h"
#include "ilv-timeline.h"
#include "synthetic-trace.h"

#define W 900
#define H 480

static cairo_surface_t *
new_image (void)
{
  return cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
}

static void
draw_kept (IlvTimelineLayout      *layout,
           const IlvRenderOptions *options,
           cairo_surface_t        *image)
{
  cairo_t *cr = cairo_create (image);

  ilv_timeline_layout_update (layout, options);
  ilv_timeline_layout_draw (layout, cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
}

static void
draw_fresh (IlvTrace               *trace,
            const IlvRenderOptions *options,
            cairo_surface_t        *image)
{
  g_autoptr(IlvTimelineLayout) layout = ilv_timeline_layout_new (&trace, 1, options);
  cairo_t *cr = cairo_create (image);

  ilv_timeline_layout_draw (layout, cr);
  cairo_destroy (cr);
  cairo_surface_flush (image);
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  gsize size = (gsize) cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a);

  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), size) == 0;
}

/* The kept layout's frame, and a new layout's, for these options. */
static void
assert_same_frame (IlvTimelineLayout      *kept,
                   IlvTrace               *trace,
                   const IlvRenderOptions *options)
{
  cairo_surface_t *a = new_image ();
  cairo_surface_t *b = new_image ();

  draw_kept (kept, options, a);
  draw_fresh (trace, options, b);
  g_assert_true (same_pixels (a, b));
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_kept_layout (void)
{
  gint64 append_ns;
  g_autoptr(IlvTrace) trace = synth_uniform (8, 60000, 200 * SYNTH_MS, &append_ns);
  g_autoptr(IlvTimelineLayout) kept = NULL;
  IlvRenderOptions options;
  gint64 start = ilv_trace_get_start (trace);

  ilv_render_options_init (&options);
  options.width = W;
  options.height = H;
  kept = ilv_timeline_layout_new (&trace, 1, &options);
  assert_same_frame (kept, trace, &options);
  assert_same_frame (kept, trace, &options);          /* all of it kept */
  options.t0 = start + 20 * SYNTH_MS;                 /* zoomed in */
  options.t1 = start + 30 * SYNTH_MS;
  assert_same_frame (kept, trace, &options);
  options.t0 += SYNTH_MS;                             /* panned */
  options.t1 += SYNTH_MS;
  assert_same_frame (kept, trace, &options);
  options.theme = ILV_THEME_HIGH_CONTRAST;
  assert_same_frame (kept, trace, &options);
  options.theme = ILV_THEME_PRINT;
  assert_same_frame (kept, trace, &options);
  options.highlight_resource = 0;
  assert_same_frame (kept, trace, &options);
  options.width = W - 123;                            /* a narrower plot */
  assert_same_frame (kept, trace, &options);
  options.t0 = options.t1 = 0;                        /* the whole run again */
  assert_same_frame (kept, trace, &options);
}

/* A run still going on: each batch changes what the rows show, within a
 * range that stays (the run's `now` set ahead, as a view may). */
static void
test_kept_layout_live (void)
{
  g_autoptr(IlvTrace) trace = ilv_trace_new ("live", NULL);
  g_autoptr(IlvTimelineLayout) kept = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  cairo_surface_t *before = new_image ();
  cairo_surface_t *after = new_image ();
  IlvRenderOptions options;
  gint64 t = 0;
  guint app, lock;

  ilv_trace_set_start (trace, 0);
  app = ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);
  for (guint l = 0; l < 3; l++)
    ilv_trace_add_lane (trace, app, "w", "w", ILV_WORKER_THREAD, FALSE);
  lock = ilv_trace_add_resource (trace, "lock", ILV_RESOURCE_LOCK, 0, 0);
  ilv_render_options_init (&options);
  options.width = W;
  options.height = H;
  ilv_trace_set_now (trace, 6 * 400 * 1000);
  kept = ilv_timeline_layout_new (&trace, 1, &options);
  for (guint round = 0; round < 6; round++)
    {
      for (guint l = 0; l < 3; l++)
        {
          IlvEvent batch[400];

          for (guint i = 0; i < G_N_ELEMENTS (batch); i++)
            {
              gint64 at = t + i * 1000 + g_rand_int_range (rand, 0, 900);

              if (i % 20 == 5 || i % 20 == 9)
                batch[i] = (IlvEvent) { at, 0, l, 0, i % 20 == 5 ? ILV_EVENT_LOCK_ACQUIRED : ILV_EVENT_LOCK_RELEASED,
                                        (gint16) lock, 0 };
              else
                batch[i] = (IlvEvent) { at, g_rand_int_range (rand, ILV_STATE_RUNNING, ILV_STATE_SLEEP + 1), l, 0,
                                        ILV_EVENT_STATE, -1, 0 };
            }
          ilv_trace_append (trace, batch, G_N_ELEMENTS (batch));
        }
      t += 400 * 1000;
      draw_kept (kept, &options, after);
      if (round > 0)
        g_assert_false (same_pixels (before, after));   /* the run grew on screen */
      assert_same_frame (kept, trace, &options);
      draw_kept (kept, &options, before);
    }
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
}

/* A layout drawn to a recording (as the window draws) and then to an image
 * (as a picture of the view) draws what a new layout draws: what a row
 * kept for one kind of surface is not taken for the other. */
static void
test_kept_layout_other_surface (void)
{
  /* Lanes of a few dozen runs: rectangles on a recording, a row of
   * pixels on an image. */
  g_autoptr(IlvTrace) trace = synth_gil_threads ();
  g_autoptr(IlvTimelineLayout) kept = NULL;
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  IlvRenderOptions options;
  cairo_t *cr;

  ilv_render_options_init (&options);
  options.width = W;
  options.height = H;
  kept = ilv_timeline_layout_new (&trace, 1, &options);
  cr = cairo_create (recording);
  ilv_timeline_layout_draw (kept, cr);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  assert_same_frame (kept, trace, &options);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/cache/kept-layout", test_kept_layout);
  g_test_add_func ("/render/cache/kept-layout-live", test_kept_layout_live);
  g_test_add_func ("/render/cache/kept-layout-other-surface", test_kept_layout_other_surface);

  return g_test_run ();
}
