/* ilv-holds.c: lock holds, a thin bar under the lane in the lock's colour
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ilv-render-private.h"

#define WALK_BACK 64

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

static void
flush_run (IlvDrawContext *ctx,
           const HoldRun  *run,
           const IlvRect  *rect)
{
  cairo_t *cr = ctx->cr;
  const IlvRgba *color = ilv_palette_lock_color (ctx->palette, run->resource);
  gint highlight = ctx->layout->options.highlight_resource;
  double alpha = highlight >= 0 && highlight != run->resource ? 0.25 : 1.0;
  double line = MAX (1.0, ctx->scale) / ctx->device_scale;
  double w = MAX (run->x1 - run->x0, 1.0 / ctx->device_scale);

  if (run->resource < 0)
    return;
  if (run->contended || w < 3 * line || rect->height < 3 * line)
    {
      ilv_palette_set_source_alpha (cr, color, run->contended ? alpha : alpha * 0.55);
      cairo_rectangle (cr, run->x0, rect->y, w, rect->height);
      cairo_fill (cr);
      return;
    }
  ilv_palette_set_source_alpha (cr, color, alpha);
  cairo_rectangle (cr, run->x0 + line / 2, rect->y + line / 2, w - line, rect->height - line);
  cairo_set_line_width (cr, line);
  cairo_stroke (cr);
}

/* Extends `run` with a hold, or draws the run and starts a new one. */
static void
add_hold (IlvDrawContext *ctx,
          HoldRun        *run,
          const IlvRect  *rect,
          gint            resource,
          gboolean        contended,
          double          x0,
          double          x1)
{
  if (run->resource == resource && run->contended == contended &&
      x0 <= run->x1 + ctx->column_width)
    {
      run->x1 = MAX (run->x1, x1);
      return;
    }
  flush_run (ctx, run, rect);
  *run = (HoldRun) { resource, contended, x0, x1 };
}

void
ilv_draw_holds (IlvDrawContext *ctx,
                guint           row_index)
{
  IlvTimelineLayout *layout = ctx->layout;
  const IlvTimelineRow *row = ilv_timeline_layout_get_row (layout, row_index);
  IlvTrace *trace = layout->traces[row->trace];
  gsize n = ilv_trace_lane_get_n_holds (trace, row->index);
  const IlvHold *holds = ilv_trace_lane_get_holds (trace, row->index);
  gint64 start = ilv_trace_get_start (trace);
  gint64 t0 = start + layout->t0, t1 = start + layout->t1;
  HoldRun run = { -1, FALSE, 0, 0 };
  IlvRect rect;
  gsize i;

  if (n == 0 || holds == NULL)
    return;
  ilv_timeline_layout_get_hold_rect (layout, row_index, &rect);

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
      add_hold (ctx, &run, &rect, h->resource, contended, x0, x1);
    }
  flush_run (ctx, &run, &rect);
}
