/* test-render-layout.c: geometry, labels, legend, ruler and hit-testing
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ilv-export.h"
#include "ilv-render-private.h"
#include "render-test-util.h"
#include "synthetic-trace.h"

#define BIT(s) (1u << (s))

static void
test_legend_states (void)
{
  g_autoptr(IlvTrace) race = synth_race ();
  g_autoptr(IlvTrace) single = synth_single_state (ILV_STATE_SLEEP, 50 * SYNTH_MS);
  g_autoptr(IlvTrace) blip = synth_blip (10 * SYNTH_MS * 1000, 5 * SYNTH_MS * 1000, 3000);
  g_autoptr(IlvTrace) queue = synth_producer_consumer ();
  IlvTrace *both[2] = { single, blip };
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;

  /* Exactly the states present; not-started and done draw nothing and
   * are not listed. */
  g_assert_cmphex (ilv_legend_states_present (&race, 1, 0, 14 * SYNTH_MS), ==,
                   BIT (ILV_STATE_RUNNING) | BIT (ILV_STATE_GIL_WAIT) | BIT (ILV_STATE_SLEEP));
  g_assert_cmphex (ilv_legend_states_present (&single, 1, 0, 50 * SYNTH_MS), ==, BIT (ILV_STATE_SLEEP));
  g_assert_cmphex (ilv_legend_states_present (both, 2, 0, 10 * SYNTH_MS * 1000), ==,
                   BIT (ILV_STATE_SLEEP) | BIT (ILV_STATE_RUNNING) | BIT (ILV_STATE_LOCK_WAIT));
  g_assert_cmphex (ilv_legend_states_present (&queue, 1, 0, ilv_trace_get_end (queue) - SYNTH_T0), ==,
                   BIT (ILV_STATE_RUNNING) | BIT (ILV_STATE_QUEUE_WAIT) | BIT (ILV_STATE_SLEEP) |
                   BIT (ILV_STATE_LOCK_WAIT));
  /* Only the visible range counts: the race's first millisecond has no sleep. */
  g_assert_cmphex (ilv_legend_states_present (&race, 1, 0, SYNTH_MS / 2), ==,
                   BIT (ILV_STATE_RUNNING) | BIT (ILV_STATE_GIL_WAIT));

  ilv_render_options_init (&options);
  layout = ilv_timeline_layout_new (&race, 1, &options);
  g_assert_cmphex (ilv_timeline_layout_get_legend_states (layout), ==,
                   BIT (ILV_STATE_RUNNING) | BIT (ILV_STATE_GIL_WAIT) | BIT (ILV_STATE_SLEEP));
}

static IlvTrace *
trace_with_names (const char *long_name)
{
  IlvTrace *trace = ilv_trace_new ("Names", "");
  IlvEvent ev[2] = { { 0, } };

  ilv_trace_set_start (trace, SYNTH_T0);
  ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);
  ilv_trace_add_lane (trace, 0, "io#1", "io", ILV_WORKER_THREAD, FALSE);
  ilv_trace_add_lane (trace, 0, long_name, "x", ILV_WORKER_THREAD, FALSE);
  for (guint i = 0; i < 2; i++)
    {
      ev[i].time_ns = SYNTH_T0;
      ev[i].lane = i;
      ev[i].type = ILV_EVENT_STATE;
      ev[i].value = ILV_STATE_RUNNING;
      ev[i].resource = -1;
    }
  ilv_trace_append (trace, ev, 2);
  ilv_trace_finish (trace, SYNTH_T0 + SYNTH_MS, ILV_STOP_FINISHED, NULL);
  return trace;
}

static void
test_labels_ellipsized (void)
{
  g_autoptr(IlvTrace) trace =
    trace_with_names ("a_worker_with_an_extraordinarily_long_name_that_no_label_column_can_hold#1");
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  const IlvTimelineRow *short_row, *long_row;
  IlvRect plot;

  ilv_render_options_init (&options);
  options.width = 1000;
  layout = ilv_timeline_layout_new (&trace, 1, &options);
  short_row = ilv_timeline_layout_get_row (layout, (guint) ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE, 0));
  long_row = ilv_timeline_layout_get_row (layout, (guint) ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE, 1));
  g_assert_false (short_row->ellipsized);
  g_assert_true (long_row->ellipsized);
  g_assert_true (long_row->label_visible);

  /* The label column stays a sensible share of the width. */
  ilv_timeline_layout_get_plot_area (layout, &plot);
  g_assert_cmpfloat (plot.x, <=, 0.35 * options.width);
  g_assert_cmpfloat (plot.width, >=, 0.6 * options.width);
}

/* In a comparison each run is numbered and told apart by what was edited;
 * its summary sits beside the label. A single edited run says it in its
 * title. */
static void
test_comparison_labels (void)
{
  IlvTrace *runs[2] = { trace_with_names ("x#1"), trace_with_names ("x#1") };
  g_autoptr(IlvTimelineLayout) both = NULL;
  g_autoptr(IlvTimelineLayout) one = NULL;
  const IlvTimelineRow *first, *second;
  IlvRenderOptions options;

  ilv_trace_set_variant (runs[1], "GIL=false");
  ilv_render_options_init (&options);
  both = ilv_timeline_layout_new (runs, 2, &options);
  first = ilv_timeline_layout_get_row (both, (guint) ilv_timeline_layout_find_row (both, 0, ILV_ROW_TRACE, 0));
  second = ilv_timeline_layout_get_row (both, (guint) ilv_timeline_layout_find_row (both, 1, ILV_ROW_TRACE, 1));
  g_assert_cmpstr (first->label, ==, "1  Names");
  g_assert_cmpstr (second->label, ==, "2  GIL=false");
  g_assert_nonnull (strstr (first->detail, "wall"));
  g_assert_nonnull (strstr (second->detail, "wall"));

  /* Side by side on a slide; on a narrow view the summary goes under
   * the label rather than lose its last numbers. */
  g_assert_false (first->wrapped);
  options.width = 500;
  options.scale = 1.5;
  ilv_timeline_layout_update (both, &options);
  first = ilv_timeline_layout_get_row (both, (guint) ilv_timeline_layout_find_row (both, 0, ILV_ROW_TRACE, 0));
  g_assert_true (first->wrapped);
  g_assert_nonnull (strstr (first->detail, "wall"));
  g_assert_cmpfloat (first->rect.height, >, 1.5 * 34.0 * 1.5);

  ilv_render_options_init (&options);
  one = ilv_timeline_layout_new (&runs[1], 1, &options);
  g_assert_cmpstr (one->title, ==, "Names  ·  GIL=false");

  ilv_trace_unref (runs[0]);
  ilv_trace_unref (runs[1]);
}

/* A lock clicked in one run of a comparison is highlighted in the others
 * by its name, wherever their numbering puts it. */
static void
test_highlight_by_name (void)
{
  IlvTrace *runs[3] = { trace_with_names ("x#1"), trace_with_names ("x#1"), trace_with_names ("x#1") };
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;

  ilv_trace_add_resource (runs[0], "db_val", ILV_RESOURCE_VALUE, 0, 0);
  ilv_trace_add_resource (runs[0], "db_lock", ILV_RESOURCE_LOCK, 0, 1);
  ilv_trace_add_resource (runs[1], "db_lock", ILV_RESOURCE_LOCK, 0, 1);
  ilv_trace_add_resource (runs[2], "db_lock", ILV_RESOURCE_QUEUE, 0, 0);

  ilv_render_options_init (&options);
  layout = ilv_timeline_layout_new (runs, 3, &options);
  g_assert_cmpint (ilv_timeline_layout_get_highlight (layout, 0), ==, -1);
  g_assert_cmpint (ilv_timeline_layout_get_highlight (layout, 1), ==, -1);

  options.highlight_trace = 0;
  options.highlight_resource = 1;
  ilv_timeline_layout_update (layout, &options);
  g_assert_cmpint (ilv_timeline_layout_get_highlight (layout, 0), ==, 1);
  g_assert_cmpint (ilv_timeline_layout_get_highlight (layout, 1), ==, 0);
  /* A queue of that name is not the lock: the third run is all dimmed. */
  g_assert_cmpint (ilv_timeline_layout_get_highlight (layout, 2), ==, G_MAXINT);

  options.highlight_trace = 1;
  options.highlight_resource = 0;
  ilv_timeline_layout_update (layout, &options);
  g_assert_cmpint (ilv_timeline_layout_get_highlight (layout, 0), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    ilv_trace_unref (runs[i]);
}

/* A slide's type grows with the slide, so the back row reads a 1080p
 * export as well as a 720p one; small pictures keep the normal size. */
static void
test_slide_scale (void)
{
  static const struct { double width, height, scale; } sizes[] = {
    { 1920, 1080, 1.5 }, { 1280, 720, 1.0 }, { 1600, 1200, 1.25 },
    { 800, 600, 1.0 }, { 3840, 2160, 3.0 }, { 7680, 4320, 3.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      IlvRenderOptions options;

      ilv_render_options_init (&options);
      options.width = sizes[i].width;
      options.height = sizes[i].height;
      ilv_render_options_fit_scale (&options);
      g_assert_cmpfloat_with_epsilon (options.scale, sizes[i].scale, 1e-9);
    }
}

/* Async tasks are indented under their loop. */
static void
test_async_indent (void)
{
  g_autoptr(IlvTrace) trace = ilv_trace_new ("Async", "");
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  guint thread, task;

  ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);
  thread = ilv_trace_add_lane (trace, 0, "io#1", "io", ILV_WORKER_THREAD, FALSE);
  task = ilv_trace_add_lane (trace, 0, "fetch#1", "fetch", ILV_WORKER_ASYNC, FALSE);
  ilv_trace_finish (trace, SYNTH_T0 + SYNTH_MS, ILV_STOP_FINISHED, NULL);
  ilv_render_options_init (&options);
  layout = ilv_timeline_layout_new (&trace, 1, &options);
  g_assert_cmpfloat (ilv_timeline_layout_get_row (layout, (guint) ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE, task))->indent, >,
                     ilv_timeline_layout_get_row (layout, (guint) ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE, thread))->indent);
}

static void
test_labels_never_overlap (void)
{
  g_autoptr(IlvTrace) trace = synth_uniform (64, 64 * 100, SYNTH_MS * 100, NULL);
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  double line = ilv_text_line_height (ILV_FONT_LABEL, 1.0);
  double last_bottom = -1;

  ilv_render_options_init (&options);
  options.height = 600;    /* 64 lanes cannot all have 14 px labels here */
  layout = ilv_timeline_layout_new (&trace, 1, &options);
  g_assert_cmpfloat (ilv_timeline_layout_get_natural_height (layout), >, options.height);
  for (guint i = 0; i < ilv_timeline_layout_get_n_rows (layout); i++)
    {
      const IlvTimelineRow *row = ilv_timeline_layout_get_row (layout, i);
      double center = row->rect.y + row->rect.height / 2;

      g_assert_cmpfloat (row->rect.y + row->rect.height, <=, options.height);
      if (!row->label_visible)
        continue;
      g_assert_cmpfloat (center - line / 2, >=, last_bottom - 0.5);
      last_bottom = center + line / 2;
    }
}

static void
test_type_sizes (void)
{
  g_assert_cmpfloat (ilv_text_font_px (ILV_FONT_LABEL, 1.0), >=, 14);
  g_assert_cmpfloat (ilv_text_font_px (ILV_FONT_TITLE, 1.0), >, ilv_text_font_px (ILV_FONT_LABEL, 1.0));
  for (IlvFontRole role = 0; role < ILV_N_FONTS; role++)
    g_assert_cmpfloat (ilv_text_font_px (role, 0.5), >=, 11);
  g_assert_cmpfloat (ilv_text_font_px (ILV_FONT_LABEL, 2.0), ==, 2 * ilv_text_font_px (ILV_FONT_LABEL, 1.0));
}

static void
test_ruler_ticks (void)
{
  struct { gint64 min, step; } steps[] = {
    { 1, 1 }, { 3, 5 }, { 7, 10 }, { 120, 200 }, { 1000, 1000 }, { 1001, 2000 }, { 4 * SYNTH_MS, 5 * SYNTH_MS },
  };
  struct { gint64 t, step, end; const char *text; } labels[] = {
    { 5 * SYNTH_MS, 5 * SYNTH_MS, 21 * SYNTH_MS, "5 ms" },
    { 500 * SYNTH_MS, 500 * SYNTH_MS, 2000 * SYNTH_MS, "0.5 s" },
    { 250 * 1000, 50 * 1000, 900 * 1000, "250 µs" },
    { 1200 * SYNTH_MS, 200 * SYNTH_MS, 10000 * SYNTH_MS, "1.2 s" },
    { 20, 10, 90, "20 ns" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    g_assert_cmpint (ilv_ruler_nice_step (steps[i].min), ==, steps[i].step);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *text = ilv_ruler_format_tick (labels[i].t, labels[i].step, labels[i].end);

      g_assert_cmpstr (text, ==, labels[i].text);
    }
}

static void
test_time_mapping (void)
{
  g_autoptr(IlvTrace) trace = synth_race ();
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  IlvRect plot;
  gint64 t0, t1;

  ilv_render_options_init (&options);
  options.t0 = SYNTH_T0 + 2 * SYNTH_MS;
  options.t1 = SYNTH_T0 + 6 * SYNTH_MS;
  layout = ilv_timeline_layout_new (&trace, 1, &options);
  ilv_timeline_layout_get_plot_area (layout, &plot);
  ilv_timeline_layout_get_range (layout, &t0, &t1);
  g_assert_cmpint (t0, ==, 2 * SYNTH_MS);
  g_assert_cmpint (t1, ==, 6 * SYNTH_MS);
  g_assert_cmpfloat_with_epsilon (ilv_timeline_layout_time_to_x (layout, 2 * SYNTH_MS), plot.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (ilv_timeline_layout_time_to_x (layout, 6 * SYNTH_MS), plot.x + plot.width, 1e-6);
  g_assert_cmpint (ilv_timeline_layout_x_to_time (layout, plot.x + plot.width / 2), ==, 4 * SYNTH_MS);
}

static void
test_hit (void)
{
  g_autoptr(IlvTrace) trace = synth_producer_consumer ();
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  IlvTimelineHit hit;
  IlvRect bar, hold, ruler;
  gint row;
  double x;

  ilv_render_options_init (&options);
  layout = ilv_timeline_layout_new (&trace, 1, &options);

  /* Consumer #1 sleeps (processes an item) from its first get until 5 ms later. */
  row = ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE, 1);
  ilv_timeline_layout_get_bar_rect (layout, (guint) row, &bar);
  x = ilv_timeline_layout_time_to_x (layout, 3 * SYNTH_MS);
  g_assert_true (ilv_timeline_layout_hit (layout, x, bar.y + bar.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, ILV_HIT_SPAN);
  g_assert_cmpint (hit.row, ==, row);
  g_assert_cmpint (hit.span.state, ==, ILV_STATE_SLEEP);
  g_assert_cmpint (hit.time, >=, SYNTH_T0 + 3 * SYNTH_MS - 100000);

  /* It holds the print lock from 6 ms to 7 ms. */
  ilv_timeline_layout_get_hold_rect (layout, (guint) row, &hold);
  x = ilv_timeline_layout_time_to_x (layout, 6 * SYNTH_MS + SYNTH_MS / 2);
  g_assert_true (ilv_timeline_layout_hit (layout, x, hold.y + hold.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, ILV_HIT_HOLD);
  g_assert_cmpint (hit.hold.resource, ==, 1);

  g_assert_true (ilv_timeline_layout_hit (layout, bar.x - 40, bar.y + 1, &hit));
  g_assert_cmpint (hit.kind, ==, ILV_HIT_LABEL);

  ilv_timeline_layout_get_ruler_area (layout, &ruler);
  g_assert_true (ilv_timeline_layout_hit (layout, ruler.x + ruler.width / 2, ruler.y + 2, &hit));
  g_assert_cmpint (hit.kind, ==, ILV_HIT_RULER);

  /* The queue is full (4) from 6 ms to well past 20 ms. */
  row = ilv_timeline_layout_find_row (layout, 0, ILV_ROW_COUNTER, 0);
  g_assert_cmpint (row, >=, 0);
  g_assert_true (ilv_timeline_layout_hit (layout, ilv_timeline_layout_time_to_x (layout, 20 * SYNTH_MS + SYNTH_MS / 2),
                                          ilv_timeline_layout_get_row (layout, (guint) row)->rect.y + 5, &hit));
  g_assert_cmpint (hit.kind, ==, ILV_HIT_COUNTER);
  g_assert_cmpint (hit.value, >=, 3);
  g_assert_false (ilv_timeline_layout_hit (layout, 1, options.height - 1, &hit) && hit.kind == ILV_HIT_SPAN);
}

/* Two threads that only sleep (I/O), with the GIL on and two cores known.
 * fetch#1 holds the GIL for `held` ns from 1 ms; `sampled`: the sampler
 * saw it on CPU 1 from 1 to 2 ms. Either way the process's GIL lane
 * exists. */
static IlvTrace *
io_trace (gint64   held,
          gboolean sampled,
          gint64   length)
{
  IlvTrace *trace = ilv_trace_new ("I/O only", NULL);
  guint lanes[2];
  SynthBuilder b;

  ilv_trace_set_start (trace, SYNTH_T0);
  ilv_trace_set_gil (trace, TRUE);
  ilv_trace_add_process (trace, "app", 4711, ILV_WORKER_THREAD);
  lanes[0] = ilv_trace_add_lane (trace, 0, "fetch#1", "fetch", ILV_WORKER_THREAD, FALSE);
  lanes[1] = ilv_trace_add_lane (trace, 0, "fetch#2", "fetch", ILV_WORKER_THREAD, FALSE);
  ilv_trace_set_n_cpus (trace, 2);
  synth_builder_init (&b, trace);
  for (guint i = 0; i < 2; i++)
    {
      synth_state (&b, 0, lanes[i], ILV_STATE_SLEEP, -1);
      synth_state (&b, length, lanes[i], ILV_STATE_DONE, -1);
    }
  synth_event (&b, length, lanes[1], ILV_EVENT_GIL_RELEASED, 0, 0, 0);
  if (held > 0)
    {
      synth_event (&b, 1 * SYNTH_MS, lanes[0], ILV_EVENT_GIL_ACQUIRED, 0, 0, 0);
      synth_event (&b, 1 * SYNTH_MS + held, lanes[0], ILV_EVENT_GIL_RELEASED, 0, 0, 0);
    }
  if (sampled)
    {
      synth_event (&b, 1 * SYNTH_MS, lanes[0], ILV_EVENT_CPU, -1, 1, 1);
      synth_event (&b, 2 * SYNTH_MS, lanes[0], ILV_EVENT_CPU, -1, -1, 0);
    }
  synth_builder_finish (&b, length);
  return trace;
}

static gint
lane_of_kind (IlvTrace    *trace,
              IlvLaneKind  kind,
              guint        nth)
{
  for (guint l = 0; l < ilv_trace_get_n_lanes (trace); l++)
    if (ilv_trace_get_lane (trace, l)->kind == kind && nth-- == 0)
      return (gint) l;
  return -1;
}

/* A GIL nobody held (or held for a few µs, as async tasks and threads
 * that only wait for I/O do) and core lanes the sampler never filled are
 * left out of the layout, which the window and every export draw from;
 * once there is something to show they are there, and answer the
 * pointer. */
static void
test_empty_aux_lanes (void)
{
  g_autoptr(IlvTrace) idle = io_trace (0, FALSE, 20 * SYNTH_MS);
  g_autoptr(IlvTrace) brief = io_trace (10 * 1000, FALSE, 20 * SYNTH_MS);
  /* 1 ms of 1 s: a hairline at the run's scale, however many µs. */
  g_autoptr(IlvTrace) thin = io_trace (SYNTH_MS, TRUE, 1000 * SYNTH_MS);
  g_autoptr(IlvTrace) gil_only = io_trace (SYNTH_MS, FALSE, 20 * SYNTH_MS);
  g_autoptr(IlvTrace) both = io_trace (SYNTH_MS, TRUE, 20 * SYNTH_MS);
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  IlvTimelineHit hit;
  IlvRect bar;
  gint gil, core;

  ilv_render_options_init (&options);
  layout = ilv_timeline_layout_new (&idle, 1, &options);
  g_assert_cmpint (lane_of_kind (idle, ILV_LANE_GIL, 0), >=, 0);
  g_assert_cmpint (lane_of_kind (idle, ILV_LANE_CORE, 1), >=, 0);
  /* The process header and its two threads, nothing else. */
  g_assert_cmpuint (ilv_timeline_layout_get_n_rows (layout), ==, 3);
  g_assert_cmpint (ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE,
                                                 (guint) lane_of_kind (idle, ILV_LANE_GIL, 0)), ==, -1);
  g_assert_cmpint (ilv_timeline_layout_find_row (layout, 0, ILV_ROW_CORES, 0), ==, -1);
  g_clear_pointer (&layout, ilv_timeline_layout_free);

  layout = ilv_timeline_layout_new (&brief, 1, &options);
  g_assert_cmpuint (ilv_timeline_layout_get_n_rows (layout), ==, 3);
  g_clear_pointer (&layout, ilv_timeline_layout_free);

  layout = ilv_timeline_layout_new (&thin, 1, &options);
  g_assert_cmpuint (ilv_timeline_layout_get_n_rows (layout), ==, 3);
  g_clear_pointer (&layout, ilv_timeline_layout_free);

  layout = ilv_timeline_layout_new (&gil_only, 1, &options);
  g_assert_cmpuint (ilv_timeline_layout_get_n_rows (layout), ==, 4);
  g_assert_cmpint (ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE,
                                                 (guint) lane_of_kind (gil_only, ILV_LANE_GIL, 0)), ==, 3);
  g_assert_cmpint (ilv_timeline_layout_find_row (layout, 0, ILV_ROW_CORES, 0), ==, -1);
  g_clear_pointer (&layout, ilv_timeline_layout_free);

  /* Both cores come back, the idle one too: "one core did it all" is
   * something to see. The pointer finds the holder on each. */
  layout = ilv_timeline_layout_new (&both, 1, &options);
  g_assert_cmpuint (ilv_timeline_layout_get_n_rows (layout), ==, 7);
  g_assert_cmpint (ilv_timeline_layout_find_row (layout, 0, ILV_ROW_CORES, 0), ==, 4);
  g_assert_cmpint (ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE,
                                                 (guint) lane_of_kind (both, ILV_LANE_CORE, 0)), ==, 5);
  gil = ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE, (guint) lane_of_kind (both, ILV_LANE_GIL, 0));
  core = ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE, (guint) lane_of_kind (both, ILV_LANE_CORE, 1));
  g_assert_cmpint (gil, ==, 3);
  g_assert_cmpint (core, ==, 6);
  for (guint i = 0; i < 2; i++)
    {
      ilv_timeline_layout_get_bar_rect (layout, (guint) (i == 0 ? gil : core), &bar);
      g_assert_true (ilv_timeline_layout_hit (layout, ilv_timeline_layout_time_to_x (layout, 3 * SYNTH_MS / 2),
                                              bar.y + bar.height / 2, &hit));
      g_assert_cmpint (hit.kind, ==, ILV_HIT_SPAN);
      g_assert_cmpint (hit.row, ==, i == 0 ? gil : core);
      g_assert_cmpint (hit.span.state, ==, ILV_STATE_RUNNING);
      g_assert_cmpint (hit.span.resource, ==, 0);
    }
}

/* Release -> acquire arrows belong to the highlighted lock only. */
static void
test_highlight_lock_flows (void)
{
  g_autoptr(IlvTrace) trace = synth_producer_consumer ();
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  const IlvFlow *lock_flow = NULL;
  IlvTimelineHit hit;
  IlvRect bar;
  double x;
  gint row;

  for (gsize i = 0; i < ilv_trace_get_n_flows (trace); i++)
    if (ilv_trace_get_flows (trace)[i].kind == ILV_FLOW_LOCK)
      lock_flow = &ilv_trace_get_flows (trace)[i];
  g_assert_nonnull (lock_flow);

  ilv_render_options_init (&options);
  layout = ilv_timeline_layout_new (&trace, 1, &options);
  row = ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE, lock_flow->to_lane);
  ilv_timeline_layout_get_bar_rect (layout, (guint) row, &bar);
  x = ilv_timeline_layout_time_to_x (layout, lock_flow->to_time - SYNTH_T0);
  g_assert_true (ilv_timeline_layout_hit (layout, x, bar.y + 2, &hit));
  g_assert_true (hit.kind != ILV_HIT_FLOW || hit.flow.kind != ILV_FLOW_LOCK);

  options.highlight_resource = lock_flow->resource;
  ilv_timeline_layout_update (layout, &options);
  g_assert_true (ilv_timeline_layout_hit (layout, x, bar.y + 2, &hit));
  g_assert_cmpint (hit.kind, ==, ILV_HIT_FLOW);
  g_assert_cmpint (hit.flow.kind, ==, ILV_FLOW_LOCK);
}

static void
test_counters_shown (void)
{
  g_autoptr(IlvTrace) race = synth_race ();
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  const IlvTimelineRow *row;
  gint r;

  ilv_render_options_init (&options);
  layout = ilv_timeline_layout_new (&race, 1, &options);
  r = ilv_timeline_layout_find_row (layout, 0, ILV_ROW_COUNTER, 0);
  g_assert_cmpint (r, >=, 0);
  row = ilv_timeline_layout_get_row (layout, (guint) r);
  g_assert_cmpstr (row->label, ==, "db_val");
  /* The GIL lane follows the workers of its process. */
  g_assert_cmpint (ilv_timeline_layout_find_row (layout, 0, ILV_ROW_PROCESS, 0), <,
                   ilv_timeline_layout_find_row (layout, 0, ILV_ROW_LANE, 0));
}

/* Puts by `from` at t, t + 100 …, each got by `to` 50 to 450 ns later. */
static void
append_flows (IlvTrace *trace,
              guint     queue,
              guint     from,
              guint     to,
              gint64    t,
              guint32   first_item)
{
  IlvEvent puts[8], gets[8];

  for (guint i = 0; i < G_N_ELEMENTS (puts); i++)
    {
      /* Heads in an order of their own, different every round. */
      gint64 head = t + i * 100 + 50 + ((i + first_item / 100) % 3) * 200;

      puts[i] = (IlvEvent) { t + i * 100, 1, from, first_item + i, ILV_EVENT_QUEUE_PUT, (gint16) queue, 0 };
      gets[i] = (IlvEvent) { head, 0, to, first_item + i, ILV_EVENT_QUEUE_GET, (gint16) queue, 0 };
    }
  ilv_trace_append (trace, puts, G_N_ELEMENTS (puts));
  ilv_trace_append (trace, gets, G_N_ELEMENTS (gets));
}

/* A live run whose later batches bring earlier flows: the index the
 * layout keeps follows, every flow in it once, in order of its head. */
static void
test_flow_index_live (void)
{
  g_autoptr(IlvTrace) trace = ilv_trace_new ("live", NULL);
  g_autoptr(IlvTimelineLayout) layout = NULL;
  IlvRenderOptions options;
  guint app, queue;

  ilv_trace_set_start (trace, 0);
  app = ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);
  for (guint l = 0; l < 4; l++)
    ilv_trace_add_lane (trace, app, "w", "w", ILV_WORKER_THREAD, FALSE);
  queue = ilv_trace_add_resource (trace, "q", ILV_RESOURCE_QUEUE, 0, 0);
  ilv_render_options_init (&options);
  layout = ilv_timeline_layout_new (&trace, 1, &options);
  for (guint round = 0; round < 4; round++)
    {
      const IlvFlowIndex *index;
      const IlvFlow *flows;
      g_autofree guint8 *seen = NULL;
      gsize n;

      /* Lanes 0 → 1 run ahead in time; lanes 2 → 3 catch up from behind. */
      append_flows (trace, queue, round % 2 == 0 ? 0 : 2, round % 2 == 0 ? 1 : 3,
                    round % 2 == 0 ? 1000000 + round * 10000 : round * 10000, round * 100);
      ilv_trace_set_now (trace, 2000000);
      ilv_timeline_layout_update (layout, &options);
      index = ilv_flow_index_get (layout, 0);
      n = ilv_trace_get_n_flows (trace);
      flows = ilv_trace_get_flows (trace);
      g_assert_nonnull (index);
      g_assert_cmpuint (index->n, ==, n);
      g_assert_cmpuint (n, ==, 8 * (round + 1));
      seen = g_new0 (guint8, n);
      for (gsize i = 0; i < n; i++)
        {
          g_assert_cmpuint (index->by_to[i], <, n);
          g_assert_cmpuint (index->by_from[i], <, n);
          g_assert_false (seen[index->by_to[i]]);
          seen[index->by_to[i]] = 1;
          if (i > 0)
            {
              g_assert_cmpint (flows[index->by_to[i - 1]].to_time, <=, flows[index->by_to[i]].to_time);
              g_assert_cmpint (flows[index->by_from[i - 1]].from_time, <=, flows[index->by_from[i]].from_time);
            }
        }
    }
}

/* Bottom of the last row, and the tallest bar of a lane and track of a counter. */
static double
rows_bottom (IlvTimelineLayout *layout,
             double            *bar,
             double            *track)
{
  guint n = ilv_timeline_layout_get_n_rows (layout);
  const IlvTimelineRow *last = ilv_timeline_layout_get_row (layout, n - 1);

  *bar = *track = 0;
  for (guint i = 0; i < n; i++)
    {
      const IlvTimelineRow *row = ilv_timeline_layout_get_row (layout, i);
      IlvRect rect;

      ilv_timeline_layout_get_content_rect (layout, i, &rect);
      g_assert_cmpfloat (rect.y, >=, row->rect.y);
      g_assert_cmpfloat (rect.y + rect.height, <=, row->rect.y + row->rect.height);
      if (row->kind == ILV_ROW_LANE)
        {
          ilv_timeline_layout_get_bar_rect (layout, i, &rect);
          *bar = MAX (*bar, rect.height);
        }
      else if (row->kind == ILV_ROW_COUNTER)
        *track = MAX (*track, rect.height);
    }
  return last->rect.y + last->rect.height;
}

/* A slide fills its height: the rows grow until the legend sits at the
 * bottom, the bars no more than three times, the counter tracks twice
 * their natural size; the type keeps its size. A widget's rows stop at
 * three times their natural height, wherever that leaves them. */
static void
test_fill_height (void)
{
  g_autoptr(IlvTrace) race = synth_race ();
  g_autoptr(IlvTimelineLayout) natural = NULL;
  g_autoptr(IlvTimelineLayout) widget = NULL;
  g_autoptr(IlvTimelineLayout) slide = NULL;
  IlvRenderOptions options;
  IlvRect legend_natural, legend_widget, legend_slide;
  double bar_n, track_n, bar_w, track_w, bar_s, track_s, bottom_w, bottom_s;

  ilv_render_options_init (&options);
  widget = ilv_timeline_layout_new (&race, 1, &options);
  /* Exactly its natural height: every row at its natural size. */
  options.height = ilv_timeline_layout_get_natural_height (widget);
  natural = ilv_timeline_layout_new (&race, 1, &options);
  options.height = 1080;
  options.fill_height = TRUE;
  slide = ilv_timeline_layout_new (&race, 1, &options);

  rows_bottom (natural, &bar_n, &track_n);
  bottom_w = rows_bottom (widget, &bar_w, &track_w);
  bottom_s = rows_bottom (slide, &bar_s, &track_s);
  ilv_timeline_layout_get_legend_area (natural, &legend_natural);
  ilv_timeline_layout_get_legend_area (widget, &legend_widget);
  ilv_timeline_layout_get_legend_area (slide, &legend_slide);

  /* The widget leaves room below; the slide does not. */
  g_assert_cmpfloat (legend_widget.y + legend_widget.height, <, 1080 - 200);
  g_assert_cmpfloat (legend_slide.y + legend_slide.height, >, 1080 - 40);
  g_assert_cmpfloat (legend_slide.y + legend_slide.height, <=, 1080);
  /* The legend right under the rows in both. */
  g_assert_cmpfloat (fabs (legend_widget.y - bottom_w), <, 12);
  g_assert_cmpfloat (fabs (legend_slide.y - bottom_s), <, 12);
  /* Bars and tracks grew, within their bounds. */
  g_assert_cmpfloat (bar_s, >, bar_n * 1.5);
  g_assert_cmpfloat (bar_s, <=, bar_n * (ILV_LAYOUT_BAR_GROWTH + 0.5));
  g_assert_cmpfloat (track_s, >, track_n * 1.5);
  g_assert_cmpfloat (track_s, <=, track_n * (ILV_LAYOUT_TRACK_GROWTH + 0.5));
  g_assert_cmpfloat (legend_slide.height, ==, legend_widget.height);
  g_assert_cmpfloat (ilv_timeline_layout_get_natural_height (slide), ==,
                     ilv_timeline_layout_get_natural_height (widget));
}

/* An export fills its slide: the last row ends near the bottom. */
static void
test_export_fills (void)
{
  g_autoptr(IlvTrace) race = synth_race ();
  g_autofree char *dir = g_dir_make_tmp ("ilv-fill-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "race.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  IlvRenderOptions options;
  const guint32 *pixels;
  int stride, lowest = 0;

  ilv_render_options_init (&options);
  g_assert_true (ilv_export_file (&race, 1, path, &options, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  pixels = (const guint32 *) (gpointer) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;
  /* The lowest row of pixels that is not all background (the top-left
   * pixel is background). */
  for (int y = 0; y < cairo_image_surface_get_height (image); y++)
    for (int x = 0; x < cairo_image_surface_get_width (image); x++)
      if ((pixels[y * stride + x] & 0xffffff) != (pixels[0] & 0xffffff))
        {
          lowest = y;
          break;
        }
  g_assert_cmpint (lowest, >, 1080 - 60);
  cairo_surface_destroy (image);
  g_unlink (path);
  g_rmdir (dir);
}

/* An empty run, a run still going on (open spans and holds), odd options:
 * all draw without a warning. */
static void
test_odd_input (void)
{
  g_autoptr(IlvTrace) empty = ilv_trace_new ("Empty", NULL);
  g_autoptr(IlvTrace) live = ilv_trace_new ("Live", "still running");
  IlvEvent ev[2] = { { 0, } };
  IlvRenderOptions options;
  cairo_surface_t *surface;
  guint lane, lock;

  ilv_trace_add_process (live, "app", 1, ILV_WORKER_THREAD);
  lane = ilv_trace_add_lane (live, 0, "w#1", "w", ILV_WORKER_THREAD, FALSE);
  lock = ilv_trace_add_resource (live, "lock", ILV_RESOURCE_LOCK, 0, 0);
  ev[0] = (IlvEvent) { SYNTH_T0, ILV_STATE_RUNNING, lane, 0, ILV_EVENT_STATE, -1, 0 };
  ev[1] = (IlvEvent) { SYNTH_T0 + 1000, 0, lane, 0, ILV_EVENT_LOCK_ACQUIRED, (gint16) lock, 0 };
  ilv_trace_append (live, ev, 2);
  ilv_trace_set_now (live, SYNTH_T0 + SYNTH_MS);

  ilv_render_options_init (&options);
  surface = render_to_image (&empty, 1, &options, 1.0, NULL);
  cairo_surface_destroy (surface);
  surface = render_to_image (&live, 1, &options, 1.0, NULL);
  g_assert_cmphex (pixel_at (surface, options.width / 2, options.height / 2), !=, 0);
  cairo_surface_destroy (surface);

  /* A 1 ns range, NaN sizes and a tiny scale are taken in stride. */
  options.t0 = SYNTH_T0 + 10;
  options.t1 = SYNTH_T0 + 11;
  options.scale = 0.01;
  options.width = 640;
  options.height = 360;
  surface = render_to_image (&live, 1, &options, 1.0, NULL);
  cairo_surface_destroy (surface);
  options.width = NAN;
  {
    g_autoptr(IlvTimelineLayout) layout = ilv_timeline_layout_new (&live, 1, &options);
    IlvRect plot;

    ilv_timeline_layout_get_plot_area (layout, &plot);
    g_assert_cmpfloat (plot.width, >, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/layout/legend-states", test_legend_states);
  g_test_add_func ("/render/layout/empty-aux-lanes", test_empty_aux_lanes);
  g_test_add_func ("/render/layout/labels-ellipsized", test_labels_ellipsized);
  g_test_add_func ("/render/layout/comparison-labels", test_comparison_labels);
  g_test_add_func ("/render/layout/slide-scale", test_slide_scale);
  g_test_add_func ("/render/layout/highlight-by-name", test_highlight_by_name);
  g_test_add_func ("/render/layout/labels-never-overlap", test_labels_never_overlap);
  g_test_add_func ("/render/layout/async-indent", test_async_indent);
  g_test_add_func ("/render/layout/type-sizes", test_type_sizes);
  g_test_add_func ("/render/layout/ruler-ticks", test_ruler_ticks);
  g_test_add_func ("/render/layout/time-mapping", test_time_mapping);
  g_test_add_func ("/render/layout/hit", test_hit);
  g_test_add_func ("/render/layout/counters", test_counters_shown);
  g_test_add_func ("/render/layout/highlight-lock-flows", test_highlight_lock_flows);
  g_test_add_func ("/render/layout/odd-input", test_odd_input);
  g_test_add_func ("/render/layout/fill-height", test_fill_height);
  g_test_add_func ("/render/layout/flow-index-live", test_flow_index_live);
  g_test_add_func ("/render/layout/export-fills", test_export_fills);

  return g_test_run ();
}
