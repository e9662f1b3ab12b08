/* test-render-lanes.c: what a user sees in the lanes of a drawn timeline
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cairo-tee.h>

#include "ilv-palette.h"
#include "render-test-util.h"
#include "synthetic-trace.h"

#define RUNNING_RGB   0x009E73
#define LOCK_WAIT_RGB 0xD55E00
#define GIL_WAIT_RGB  0xCC79A7

static void
small_options (IlvRenderOptions *options)
{
  ilv_render_options_init (options);
  options->width = 900;
  options->height = 420;
}

static guint32
rgb_of (const IlvRgba *c)
{
  return (guint32) (c->red * 255 + 0.5) << 16 | (guint32) (c->green * 255 + 0.5) << 8 |
         (guint32) (c->blue * 255 + 0.5);
}

static void
lane_bar (IlvTimelineLayout *layout,
          guint              trace,
          guint              lane,
          IlvRect           *bar)
{
  gint row = ilv_timeline_layout_find_row (layout, trace, ILV_ROW_LANE, lane);

  g_assert_cmpint (row, >=, 0);
  ilv_timeline_layout_get_bar_rect (layout, (guint) row, bar);
}

static void
check_running_across (double device_scale)
{
  g_autoptr(IlvTrace) trace = synth_single_state (ILV_STATE_RUNNING, 10 * SYNTH_MS * 1000);
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  cairo_surface_t *surface;
  IlvRect bar;
  double y;

  small_options (&options);
  surface = render_to_image (&trace, 1, &options, device_scale, &layout);
  lane_bar (layout, 0, 0, &bar);
  g_assert_cmpfloat (bar.height, >=, 8);
  y = bar.y + bar.height * 0.6;
  /* Every pixel column of the plot, first to last, is the running colour. */
  for (double x = bar.x; x < bar.x + bar.width; x += 1.0 / device_scale)
    g_assert_cmphex (pixel_at (surface, x, y), ==, RUNNING_RGB);
  g_assert_cmphex (pixel_at (surface, bar.x - 2, y), !=, RUNNING_RGB);
  cairo_surface_destroy (surface);
}

static void
test_running_full_width (void)
{
  check_running_across (1.0);
}

static void
test_running_full_width_hidpi (void)
{
  check_running_across (2.0);
}

static void
test_short_wait_visible (void)
{
  /* 3 µs of lock wait in a 10 s run: 1 / 3,000,000 of the width. */
  g_autoptr(IlvTrace) trace = synth_blip (10 * SYNTH_MS * 1000, 5 * SYNTH_MS * 1000, 3000);
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  cairo_surface_t *surface;
  IlvRect bar, near;
  double x;

  small_options (&options);
  surface = render_to_image (&trace, 1, &options, 1.0, &layout);
  lane_bar (layout, 0, 0, &bar);
  g_assert_cmpuint (count_color (surface, &bar, LOCK_WAIT_RGB), >=, 1);

  /* …and where it happened, not elsewhere. */
  x = ilv_timeline_layout_time_to_x (layout, 5 * SYNTH_MS * 1000);
  near = (IlvRect) { x - 2, bar.y, 4, bar.height };
  g_assert_cmpuint (count_color (surface, &near, LOCK_WAIT_RGB), ==, count_color (surface, &bar, LOCK_WAIT_RGB));
  /* The rest of the lane stays running. */
  g_assert_cmphex (pixel_at (surface, bar.x + 10, bar.y + bar.height / 2), ==, RUNNING_RGB);
  cairo_surface_destroy (surface);
}

static void
test_gil_lane_holders (void)
{
  g_autoptr(IlvTrace) trace = synth_gil_threads ();
  g_autoptr(IlvTimelineLayout) layout = NULL;
  const IlvPalette *palette = ilv_palette_get (ILV_THEME_LIGHT);
  IlvRenderOptions options;
  cairo_surface_t *surface;
  gint gil_row = -1;
  IlvRect bar;
  guint tints = 0;

  small_options (&options);
  surface = render_to_image (&trace, 1, &options, 1.0, &layout);
  maybe_snapshot (surface, "gil-threads.png");
  for (guint i = 0; i < ilv_timeline_layout_get_n_rows (layout); i++)
    {
      const IlvTimelineRow *row = ilv_timeline_layout_get_row (layout, i);

      if (row->kind == ILV_ROW_LANE && ilv_trace_get_lane (trace, row->index)->kind == ILV_LANE_GIL)
        gil_row = (gint) i;
    }
  g_assert_cmpint (gil_row, >=, 0);
  ilv_timeline_layout_get_bar_rect (layout, (guint) gil_row, &bar);

  /* Alternating tints: the four holders show at least two of them. */
  for (guint i = 0; i < ILV_PALETTE_N_HOLDER_COLORS; i++)
    {
      tints += count_color (surface, &bar, rgb_of (&palette->holder[i])) > 0;
    }
  g_assert_cmpuint (tints, >=, 2);

  /* Core lanes, under their own header, show who ran where. */
  g_assert_cmpint (ilv_timeline_layout_find_row (layout, 0, ILV_ROW_CORES, 0), >, gil_row);
  for (guint i = 0; i < ilv_timeline_layout_get_n_rows (layout); i++)
    {
      const IlvTimelineRow *row = ilv_timeline_layout_get_row (layout, i);
      guint busy = 0;

      if (row->kind != ILV_ROW_LANE || ilv_trace_get_lane (trace, row->index)->kind != ILV_LANE_CORE)
        continue;
      /* Each core is busy about half the time, in the holders' tints. */
      ilv_timeline_layout_get_bar_rect (layout, i, &bar);
      for (guint h = 0; h < ILV_PALETTE_N_HOLDER_COLORS; h++)
        busy += count_color (surface, &bar, rgb_of (&palette->holder[h]));
      g_assert_cmpfloat (busy, >, 0.3 * bar.width * bar.height);
      g_assert_cmpfloat (busy, <, 0.7 * bar.width * bar.height);
    }

  /* The lanes themselves show both running and waiting for the GIL. */
  lane_bar (layout, 0, 0, &bar);
  g_assert_cmpuint (count_color (surface, &bar, RUNNING_RGB), >, 0);
  g_assert_cmpuint (count_color (surface, &bar, GIL_WAIT_RGB), >, 0);
  cairo_surface_destroy (surface);
}

static void
test_comparison_draws_both (void)
{
  IlvTrace *traces[2] = { synth_race (), synth_gil_threads () };
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  cairo_surface_t *surface;
  gint64 t0, t1;

  small_options (&options);
  options.height = 700;
  surface = render_to_image (traces, 2, &options, 1.0, &layout);
  g_assert_cmpint (ilv_timeline_layout_find_row (layout, 0, ILV_ROW_TRACE, 0), >=, 0);
  g_assert_cmpint (ilv_timeline_layout_find_row (layout, 1, ILV_ROW_TRACE, 1), >=, 0);

  /* The longer run sets the axis. */
  ilv_timeline_layout_get_range (layout, &t0, &t1);
  g_assert_cmpint (t1 - t0, ==, ilv_trace_get_end (traces[1]) - ilv_trace_get_start (traces[1]));

  for (guint t = 0; t < 2; t++)
    {
      IlvRect bar;

      lane_bar (layout, t, 0, &bar);
      g_assert_cmpuint (count_color (surface, &bar, RUNNING_RGB), >, 0);
    }
  maybe_snapshot (surface, "comparison.png");
  cairo_surface_destroy (surface);
  ilv_trace_unref (traces[0]);
  ilv_trace_unref (traces[1]);
}

static void
test_themes_draw (void)
{
  IlvTrace *traces[1] = { synth_producer_consumer () };
  const char *names[] = { "queue-light.png", "queue-dark.png", "queue-print.png", "queue-hc.png" };

  for (IlvTheme theme = ILV_THEME_LIGHT; theme <= ILV_THEME_HIGH_CONTRAST; theme++)
    {
      const IlvPalette *palette = ilv_palette_get (theme);
      IlvRenderOptions options;
      cairo_surface_t *surface;
      guint32 bg;

      ilv_render_options_init (&options);
      options.width = 1600;
      options.height = 900;
      options.theme = theme;
      surface = render_to_image (traces, 1, &options, 1.0, NULL);
      bg = rgb_of (&palette->background);
      g_assert_cmphex (pixel_at (surface, 2, 2), ==, bg);
      maybe_snapshot (surface, names[theme]);
      cairo_surface_destroy (surface);
    }
  ilv_trace_unref (traces[0]);
}

/* Crashed: black with a cross, so it reads without colour. */
static void
test_crashed_cross (void)
{
  g_autoptr(IlvTrace) trace = synth_single_state (ILV_STATE_CRASHED, 10 * SYNTH_MS);
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  cairo_surface_t *surface;
  IlvRect bar;
  guint black, white;

  small_options (&options);
  surface = render_to_image (&trace, 1, &options, 1.0, &layout);
  lane_bar (layout, 0, 0, &bar);
  black = count_color (surface, &bar, 0x000000);
  white = count_color (surface, &bar, 0xffffff);
  g_assert_cmpfloat (black, >, 0.8 * bar.width * bar.height);
  g_assert_cmpuint (white, >, 0);
  cairo_surface_destroy (surface);
}

/* The print theme puts a pattern on waits: a lock wait is not one flat
 * colour, while running (no pattern) is. */
static void
test_print_patterns (void)
{
  g_autoptr(IlvTrace) wait = synth_single_state (ILV_STATE_LOCK_WAIT, 10 * SYNTH_MS);
  g_autoptr(IlvTrace) run = synth_single_state (ILV_STATE_RUNNING, 10 * SYNTH_MS);
  g_autoptr(IlvTimelineLayout) wait_layout = NULL;
  g_autoptr(IlvTimelineLayout) run_layout = NULL;
  IlvRenderOptions options;
  cairo_surface_t *a, *b;
  IlvRect bar;

  small_options (&options);
  options.theme = ILV_THEME_PRINT;
  a = render_to_image (&wait, 1, &options, 1.0, &wait_layout);
  b = render_to_image (&run, 1, &options, 1.0, &run_layout);
  lane_bar (wait_layout, 0, 0, &bar);
  g_assert_cmpfloat (count_color (a, &bar, LOCK_WAIT_RGB), <, 0.9 * bar.width * bar.height);
  g_assert_cmpfloat (count_color (a, &bar, LOCK_WAIT_RGB), >, 0.2 * bar.width * bar.height);
  lane_bar (run_layout, 0, 0, &bar);
  bar.x += 2;
  bar.width -= 4;
  bar.y += 2;
  bar.height -= 4;
  g_assert_cmpfloat (count_color (b, &bar, RUNNING_RGB), ==, bar.width * bar.height);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* A layout kept across frames finds flows through its sorted index; a
 * one-off drawing reads them all: both must draw the same arrows. */
static void
test_flow_index_same_picture (void)
{
  g_autoptr(IlvTrace) trace = synth_producer_consumer ();
  IlvRenderOptions options;
  cairo_surface_t *indexed, *scanned;
  cairo_t *cr;
  int stride, height;

  small_options (&options);
  indexed = render_to_image (&trace, 1, &options, 1.0, NULL);
  scanned = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) options.width, (int) options.height);
  cr = cairo_create (scanned);
  ilv_timeline_draw (cr, &trace, 1, &options);
  cairo_destroy (cr);
  cairo_surface_flush (scanned);

  g_assert_cmpuint (ilv_trace_get_n_flows (trace), >, 10);
  stride = cairo_image_surface_get_stride (indexed);
  height = cairo_image_surface_get_height (indexed);
  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (scanned));
  g_assert_true (memcmp (cairo_image_surface_get_data (indexed), cairo_image_surface_get_data (scanned),
                         (gsize) stride * height) == 0);
  cairo_surface_destroy (indexed);
  cairo_surface_destroy (scanned);
}

/* Threads runnable without a core: the first lane every few pixels (a
 * dense lane, drawn from a row of pixels), the second in a few long
 * stretches (rectangles), the others waiting and sleeping, for the
 * patterns of the print theme. */
static IlvTrace *
ready_lanes (guint *dense_lane)
{
  IlvTrace *trace = ilv_trace_new ("ready", NULL);
  const IlvState waits[] = { ILV_STATE_LOCK_WAIT, ILV_STATE_SLEEP, ILV_STATE_QUEUE_WAIT };
  gint64 length = 400 * SYNTH_MS;
  guint64 rng = 11;
  SynthBuilder b;
  guint lanes[5];

  ilv_trace_set_start (trace, SYNTH_T0);
  ilv_trace_set_gil (trace, FALSE);
  ilv_trace_set_n_cpus (trace, 2);
  ilv_trace_add_process (trace, "app", 4711, ILV_WORKER_THREAD);
  synth_builder_init (&b, trace);
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    {
      g_autofree char *name = g_strdup_printf ("crunch#%u", i + 1);

      lanes[i] = ilv_trace_add_lane (trace, 0, name, "crunch", ILV_WORKER_THREAD, FALSE);
      synth_state (&b, 0, lanes[i], ILV_STATE_RUNNING, -1);
    }
  for (gint64 t = 0; t < length; )
    {
      rng = rng * G_GUINT64_CONSTANT (6364136223846793005) + G_GUINT64_CONSTANT (1442695040888963407);
      synth_event (&b, t, lanes[0], ILV_EVENT_CPU, -1, 0, 0);
      t += SYNTH_MS + (gint64) (rng >> 33) % (3 * SYNTH_MS);
      synth_event (&b, t, lanes[0], ILV_EVENT_CPU, -1, 1, 1);
      t += SYNTH_MS / 2 + (gint64) (rng >> 40) % SYNTH_MS;
    }
  for (gint64 t = 10 * SYNTH_MS; t < length; t += 100 * SYNTH_MS)
    {
      synth_event (&b, t, lanes[1], ILV_EVENT_CPU, -1, 0, 0);
      synth_event (&b, t + 60 * SYNTH_MS, lanes[1], ILV_EVENT_CPU, -1, 0, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (waits); i++)
    for (gint64 t = (i + 1) * 7 * SYNTH_MS; t < length; t += 50 * SYNTH_MS)
      {
        synth_state (&b, t, lanes[2 + i], waits[i], -1);
        synth_state (&b, t + 20 * SYNTH_MS, lanes[2 + i], ILV_STATE_RUNNING, -1);
      }
  synth_builder_finish (&b, length);
  *dense_lane = lanes[0];
  return trace;
}

/* How a frame reaches an image: drawn into it directly, recorded and
 * played back (as the window's frames are), or through a tee surface,
 * neither an image nor a recording, where every pattern is filled run
 * by run. */
typedef enum
{
  DRAW_DIRECT,
  DRAW_RECORDED,
  DRAW_RUN_BY_RUN,
} DrawPath;

static cairo_surface_t *
draw_at_offset (IlvTrace               *trace,
                const IlvRenderOptions *options,
                DrawPath                path,
                int                     dx,
                int                     dy)
{
  /* A layout of its own: a layout keeps what its rows drew for the next
   * frame, which is not drawn the same way on another kind of surface. */
  g_autoptr(IlvTimelineLayout) layout = ilv_timeline_layout_new (&trace, 1, options);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) options->width + 16,
                                                       (int) options->height + 16);
  cairo_surface_t *target;
  cairo_t *cr;

  if (path == DRAW_DIRECT)
    target = cairo_surface_reference (image);
  else if (path == DRAW_RECORDED)
    target = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  else
    target = cairo_tee_surface_create (image);
  cr = cairo_create (target);
  cairo_translate (cr, dx, dy);
  ilv_timeline_layout_draw (layout, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  if (path == DRAW_RECORDED)
    {
      cr = cairo_create (image);
      cairo_set_source_surface (cr, target, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (target);
  cairo_surface_flush (image);
  return image;
}

static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b)
{
  const guint8 *pa = cairo_image_surface_get_data (a);
  const guint8 *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  guint differ = 0;

  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      differ += memcmp (pa + y * stride + x * 4, pb + y * stride + x * 4, 3) != 0;
  return differ;
}

/* Device pixels that differ from the frame filled run by run, drawn
 * directly and recorded; *n_ready gets the plain ready pixels of `lane`. */
static void
hatch_differences (IlvTrace *trace,
                   guint     lane,
                   IlvTheme  theme,
                   int       dx,
                   int       dy,
                   guint     differ[2],
                   guint    *n_ready)
{
  IlvRenderOptions options;
  IlvTimelineLayout *layout;
  cairo_surface_t *reference, *drawn;
  IlvRect bar;

  small_options (&options);
  options.theme = theme;
  layout = ilv_timeline_layout_new (&trace, 1, &options);
  reference = draw_at_offset (trace, &options, DRAW_RUN_BY_RUN, dx, dy);
  for (guint i = 0; i < 2; i++)
    {
      drawn = draw_at_offset (trace, &options, i == 0 ? DRAW_DIRECT : DRAW_RECORDED, dx, dy);
      differ[i] = count_differences (drawn, reference);
      cairo_surface_destroy (drawn);
    }

  /* The hatch is there: the ready lane is not flat blue. */
  maybe_snapshot (reference, "ready-hatch.png");
  lane_bar (layout, 0, lane, &bar);
  bar.x += dx;
  bar.y += dy;
  *n_ready = count_color (reference, &bar, rgb_of (&ilv_palette_get (theme)->state[ILV_STATE_READY]));
  g_assert_cmpuint (*n_ready, >, 0.1 * bar.width * bar.height);
  g_assert_cmpuint (*n_ready, <, 0.9 * bar.width * bar.height);
  ilv_timeline_layout_free (layout);
  cairo_surface_destroy (reference);
}

/* On an image and in the window's recording the hatch of ready (and the
 * print theme's patterns) is copied from the tiles' pixels a lane at a
 * time: the picture is the one a pattern fill per run gives, at any
 * whole-pixel offset. */
static void
test_ready_hatch_same_picture (void)
{
  guint lane;
  g_autoptr(IlvTrace) trace = ready_lanes (&lane);
  const IlvTheme themes[] = { ILV_THEME_LIGHT, ILV_THEME_DARK, ILV_THEME_PRINT, ILV_THEME_HIGH_CONTRAST };
  const int offsets[][2] = { { 0, 0 }, { 3, 5 }, { 7, 1 }, { 16, 13 } };
  guint n_ready, first = 0;
  guint differ[2];

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
      {
        hatch_differences (trace, lane, themes[t], offsets[o][0], offsets[o][1], differ, &n_ready);
        g_assert_cmpuint (differ[0], ==, 0);
        g_assert_cmpuint (differ[1], ==, 0);
        /* The hatch moves with the picture: as many plain blue pixels. */
        if (t == 0 && o == 0)
          first = n_ready;
        else if (t == 0)
          g_assert_cmpuint (n_ready, ==, first);
      }
}

static void
test_snapshots (void)
{
  IlvTrace *traces[2] = { synth_race (), NULL };
  IlvRenderOptions options;
  cairo_surface_t *surface;

  ilv_render_options_init (&options);
  options.width = 1600;
  options.height = 900;
  surface = render_to_image (traces, 1, &options, 1.0, NULL);
  maybe_snapshot (surface, "race.png");
  cairo_surface_destroy (surface);

  options.scale = 1.75;
  surface = render_to_image (traces, 1, &options, 1.0, NULL);
  maybe_snapshot (surface, "race-presentation.png");
  cairo_surface_destroy (surface);

  traces[1] = synth_producer_consumer ();
  options.scale = 1.0;
  options.highlight_resource = 1;
  surface = render_to_image (&traces[1], 1, &options, 1.0, NULL);
  maybe_snapshot (surface, "queue-highlight-lock.png");
  cairo_surface_destroy (surface);
  ilv_trace_unref (traces[0]);
  ilv_trace_unref (traces[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/lanes/running-full-width", test_running_full_width);
  g_test_add_func ("/render/lanes/running-full-width-hidpi", test_running_full_width_hidpi);
  g_test_add_func ("/render/lanes/short-wait-visible", test_short_wait_visible);
  g_test_add_func ("/render/lanes/gil-lane-holders", test_gil_lane_holders);
  g_test_add_func ("/render/lanes/comparison", test_comparison_draws_both);
  g_test_add_func ("/render/lanes/themes", test_themes_draw);
  g_test_add_func ("/render/lanes/flow-index", test_flow_index_same_picture);
  g_test_add_func ("/render/lanes/crashed", test_crashed_cross);
  g_test_add_func ("/render/lanes/print-patterns", test_print_patterns);
  g_test_add_func ("/render/lanes/ready-hatch", test_ready_hatch_same_picture);
  g_test_add_func ("/render/lanes/snapshots", test_snapshots);

  return g_test_run ();
}
