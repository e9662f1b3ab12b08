/* ilv-holds.c: lock holds, a thin bar under the lane in the lock's colour
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "ilv-render-private.h"

#define WALK_BACK   64
#define DENSE_HOLDS 8     /* a run every 8 px or more often: dense */

typedef struct
{
  gint     resource;
  gboolean contended;
  double   x0;
  double   x1;
} HoldRun;

static gsize
lower_bound_start (const IlvHold *holds,
                   gsize          lo,
                   gsize          hi,
                   gint64         t)
{
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (holds[mid].start < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gsize
ilv_holds_find_first (const IlvHold *holds,
                      gsize          n_holds,
                      gint64         t)
{
  gsize lo = lower_bound_start (holds, 0, n_holds, t);
  gsize first = lo;

  /* Holds are in start order; an earlier one (an outer lock) may still be
   * held at t. */
  for (gsize k = lo; k > 0 && lo - k < WALK_BACK; k--)
    {
      if (holds[k - 1].end > t)
        first = k - 1;
    }
  return first;
}

static double
line_width (IlvDrawContext *ctx)
{
  return MAX (1.0, ctx->scale) / ctx->device_scale;
}

/* Contended holds are solid; uncontended ones outlined, unless too thin to
 * outline, then a lighter fill. */
static gboolean
run_is_outlined (IlvDrawContext *ctx,
                 const HoldRun  *run,
                 const IlvRect  *rect)
{
  double line = line_width (ctx);

  return !run->contended && run->x1 - run->x0 >= 3 * line && rect->height >= 3 * line;
}

static void
add_run_rect (IlvDrawContext *ctx,
              const HoldRun  *run,
              const IlvRect  *rect,
              gboolean        outlined)
{
  double line = line_width (ctx);
  double w = MAX (run->x1 - run->x0, 1.0 / ctx->device_scale);

  if (outlined)
    cairo_rectangle (ctx->cr, run->x0 + line / 2, rect->y + line / 2, w - line, rect->height - line);
  else
    cairo_rectangle (ctx->cr, run->x0, rect->y, w, rect->height);
}

/* One fill or stroke per lock and style, however many runs. */
static void
draw_runs (IlvDrawContext *ctx,
           GArray         *runs,
           const IlvRect  *rect,
           gint            highlight)
{
  for (guint i = 0; i < runs->len; i++)
    {
      HoldRun *first = &g_array_index (runs, HoldRun, i);
      gint resource = first->resource;
      gboolean contended = first->contended;
      gboolean outlined = run_is_outlined (ctx, first, rect);
      double alpha = highlight >= 0 && highlight != resource ? 0.25 : 1.0;

      if (resource < 0)
        continue;
      for (guint j = i; j < runs->len; j++)
        {
          HoldRun *run = &g_array_index (runs, HoldRun, j);

          if (run->resource != resource || run->contended != contended ||
              run_is_outlined (ctx, run, rect) != outlined)
            continue;
          add_run_rect (ctx, run, rect, outlined);
          run->resource = -1;   /* drawn */
        }
      ilv_palette_set_source_alpha (ctx->cr, ilv_palette_lock_color (ctx->palette, resource),
                                    contended || outlined ? alpha : alpha * 0.55);
      if (outlined)
        {
          cairo_set_line_width (ctx->cr, line_width (ctx));
          cairo_stroke (ctx->cr);
        }
      else
        cairo_fill (ctx->cr);
    }
}

/* Many short holds: one row of pixels, like a dense lane. Each is too thin
 * to outline, so each is a fill: solid when contended, lighter when not. */
static void
paint_runs (IlvDrawContext *ctx,
            const GArray   *runs,
            const IlvRect  *rect,
            gint            highlight)
{  double x = ctx->layout->plot_area.x;

  if (ilv_row_cache_strip (ctx->row_cache, ILV_ROW_STRIP_HOLDS) != NULL)
    {
      ilv_row_cache_paint_strip (ctx, ctx->row_cache, ILV_ROW_STRIP_HOLDS, rect->y, rect->height);
      return;
    }
  memset (ctx->strip, 0, ctx->n_columns * sizeof (guint32));
  for (guint i = 0; i < runs->len; i++)
    {
      const HoldRun *run = &g_array_index (runs, HoldRun, i);
      IlvRgba color;
      guint32 pixel;
      double c0, c1;

      if (run->resource < 0)
        continue;
      color = *ilv_palette_lock_color (ctx->palette, run->resource);
      color.alpha *= (highlight >= 0 && highlight != run->resource ? 0.25 : 1.0) *
                     (run->contended ? 1.0 : 0.55);
      pixel = ilv_rgba_premultiplied (&color);
      c0 = CLAMP (floor ((run->x0 - x) / ctx->column_width), 0, ctx->n_columns);
      c1 = CLAMP (ceil ((run->x1 - x) / ctx->column_width), c0 + 1, ctx->n_columns);
      for (guint c = (guint) c0; c < (guint) c1; c++)
        ctx->strip[c] = pixel;
    }
  ilv_row_cache_paint_strip (ctx, ctx->row_cache, ILV_ROW_STRIP_HOLDS, rect->y, rect->height);
}

/* Extends the last run with a hold, or starts a new one. */
static void
add_hold (IlvDrawContext *ctx,
          GArray         *runs,
          gint            resource,
          gboolean        contended,
          double          x0,
          double          x1)
{
  HoldRun run;

  /* Whole device pixels: crisp edges, and neighbours merge. */
  x0 = floor (x0 * ctx->device_scale) / ctx->device_scale;
  x1 = MAX (ceil (x1 * ctx->device_scale) / ctx->device_scale, x0 + 1.0 / ctx->device_scale);
  run = (HoldRun) { resource, contended, x0, x1 };
  if (runs->len > 0)
    {
      HoldRun *last = &g_array_index (runs, HoldRun, runs->len - 1);

      if (last->resource == resource && last->contended == contended &&
          x0 <= last->x1)
        {
          last->x1 = MAX (last->x1, x1);
          return;
        }
    }
  g_array_append_val (runs, run);
}

/* The runs of the holds in the visible range, merged per pixel column. */
static void
collect_runs (IlvDrawContext *ctx,
              IlvTrace       *trace,
              guint           lane,
              GArray         *runs)
{
  IlvTimelineLayout *layout = ctx->layout;
  gsize n = ilv_trace_lane_get_n_holds (trace, lane);
  const IlvHold *holds = ilv_trace_lane_get_holds (trace, lane);
  gint64 start = ilv_trace_get_start (trace);
  gint64 t0 = start + layout->t0, t1 = start + layout->t1;
  gsize i;

  for (i = ilv_holds_find_first (holds, n, t0); i < n && holds[i].start < t1; )
    {
      const IlvHold *h = &holds[i];
      double x0 = ilv_draw_context_time_x (ctx, trace, MAX (h->start, t0));
      double x1 = ilv_draw_context_time_x (ctx, trace, MIN (h->end, t1));
      gboolean contended = h->contended;

      if (h->end <= t0)
        {
          i++;
          continue;
        }
      if (x1 - x0 < ctx->column_width)
        {
          /* Within one pixel column, only the first and the last hold that
           * start there can reach further: skip the others. */
          double col = floor ((x0 - layout->plot_area.x) / ctx->column_width) + 1;
          gint64 next = ilv_draw_context_column_time (ctx, trace, (guint) MAX (0, col));
          gsize j = lower_bound_start (holds, i + 1, n, MAX (next, h->start + 1));
          const IlvHold *last = &holds[j - 1];

          x1 = MAX (x1, ilv_draw_context_time_x (ctx, trace, MIN (last->end, t1)));
          contended = contended || last->contended;
          i = j;
        }
      else
        i++;
      add_hold (ctx, runs, h->resource, contended, x0, x1);
    }
}

void
ilv_draw_holds (IlvDrawContext *ctx,
                guint           row_index)
{
  IlvTimelineLayout *layout = ctx->layout;
  const IlvTimelineRow *row = ilv_timeline_layout_get_row (layout, row_index);
  IlvTrace *trace = layout->traces[row->trace];
  g_autoptr(GArray) runs = NULL;
  IlvRowCache *cache;
  GArray *kept;
  IlvRect rect;
  gboolean hit;

  if (ilv_trace_lane_get_n_holds (trace, row->index) == 0 ||
      ilv_trace_lane_get_holds (trace, row->index) == NULL)
    return;
  ilv_timeline_layout_get_hold_rect (layout, row_index, &rect);
  /* The runs depend on the trace and the range only: kept across frames. */
  cache = ilv_row_cache_get (ctx, row_index, ILV_ROW_PART_HOLDS, &hit);
  kept = ilv_row_cache_runs (cache, 0, sizeof (HoldRun));
  if (!hit)
    collect_runs (ctx, trace, row->index, kept);
  ilv_row_cache_set_filled (cache);
  if (kept->len > ctx->n_columns / DENSE_HOLDS)
    {
      ctx->row_cache = cache;
      paint_runs (ctx, kept, &rect, ilv_timeline_layout_get_highlight (layout, row->trace));
      ctx->row_cache = NULL;
    }
  else
    {
      /* Drawing marks the runs it has drawn: on a copy. */
      runs = g_array_copy (kept);
      draw_runs (ctx, runs, &rect, ilv_timeline_layout_get_highlight (layout, row->trace));
    }
}
