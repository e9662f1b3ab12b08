/* ilv-flows.c: arrows from put to get, send to recv, release to acquire
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "ilv-render-private.h"

#define BUCKET_PX        10.0   /* at scale 1 */
#define FLOWS_PER_BUCKET 3
#define TAILS_LOOKED_AT  4096

typedef struct
{
  double   x0, y0, x1, y1;
  gint     resource;
  gboolean lock;
} Arrow;

/* Bar centre of every lane of a trace that has a row, else -1. */
double *
ilv_lane_centers_new (IlvTimelineLayout *layout,
                      guint              trace)
{
  guint n_lanes = ilv_trace_get_n_lanes (layout->traces[trace]);
  double *centers = g_new (double, MAX (1, n_lanes));

  for (guint l = 0; l < n_lanes; l++)
    centers[l] = -1;
  for (guint i = 0; i < layout->rows->len; i++)
    {
      const IlvTimelineRow *row = &g_array_index (layout->rows, IlvTimelineRow, i);
      IlvRect bar;

      if (row->kind != ILV_ROW_LANE || row->trace != trace || row->index >= n_lanes)
        continue;
      ilv_timeline_layout_get_bar_rect (layout, i, &bar);
      centers[row->index] = bar.y + bar.height / 2;
    }
  return centers;
}

guint
ilv_draw_context_reset_buckets (IlvDrawContext *ctx)
{
  guint n = (guint) (ctx->layout->plot_area.width / (BUCKET_PX * ctx->scale)) + 2;

  memset (ctx->bucket_counts, 0, n);
  return n;
}

guint
ilv_draw_context_bucket (IlvDrawContext *ctx,
                         double          x,
                         guint           n_buckets)
{
  double b = (x - ctx->layout->plot_area.x) / (BUCKET_PX * ctx->scale);

  return (guint) CLAMP (b, 0, n_buckets - 1);
}

static gboolean
flow_visible (const IlvFlow *flow,
              gint64         t0,
              gint64         t1,
              gint           highlight)
{
  if (flow->kind == ILV_FLOW_LOCK && (highlight < 0 || flow->resource != highlight))
    return FALSE;
  return (flow->to_time >= t0 && flow->to_time <= t1) ||
         (flow->from_time >= t0 && flow->from_time <= t1);
}

static void
arrow_path (cairo_t     *cr,
            const Arrow *a,
            double       bend)
{
  double mx = (a->x0 + a->x1) / 2;

  cairo_move_to (cr, a->x0, a->y0);
  if (fabs (a->x1 - a->x0) < 2 && fabs (a->y1 - a->y0) >= 1)
    cairo_line_to (cr, a->x1, a->y1);   /* (nearly) vertical: no curve to flatten */
  else if (fabs (a->y1 - a->y0) < 1)
    cairo_curve_to (cr, mx, a->y0 - bend, mx, a->y1 - bend, a->x1, a->y1);
  else
    cairo_curve_to (cr, mx, a->y0, mx, a->y1, a->x1, a->y1);
}

static void
arrow_head (cairo_t     *cr,
            const Arrow *a,
            double       size,
            double       bend)
{
  double mx = (a->x0 + a->x1) / 2;
  double cy = fabs (a->y1 - a->y0) < 1 ? a->y1 - bend : a->y1;
  double dx = a->x1 - mx, dy = a->y1 - cy;
  double len = hypot (dx, dy);

  if (len < 1e-6)
    {
      dx = 0;
      dy = a->y1 > a->y0 ? 1 : -1;
      len = 1;
    }
  dx /= len;
  dy /= len;
  cairo_move_to (cr, a->x1, a->y1);
  cairo_line_to (cr, a->x1 - dx * size - dy * size * 0.45, a->y1 - dy * size + dx * size * 0.45);
  cairo_line_to (cr, a->x1 - dx * size + dy * size * 0.45, a->y1 - dy * size - dx * size * 0.45);
  cairo_close_path (cr);
}

/* Arrows of one style share a colour and a width. */
static gint
arrow_style (gint         highlight,
             const Arrow *a)
{
  if (a->lock)
    return 2 + MAX (a->resource, 0);
  return highlight >= 0 && a->resource != highlight ? 1 : 0;
}

static void
set_style (IlvDrawContext *ctx,
           gint            style)
{
  if (style >= 2)
    ilv_palette_set_source (ctx->cr, ilv_palette_lock_color (ctx->palette, style - 2));
  else if (style == 1)
    ilv_palette_set_source_alpha (ctx->cr, &ctx->palette->flow, 0.3);
  else
    ilv_palette_set_source (ctx->cr, &ctx->palette->flow);
  /* Release -> acquire arrows show only for the highlighted lock: bold. */
  cairo_set_line_width (ctx->cr, MAX (1.0 / ctx->device_scale, (style >= 2 ? 2.5 : 1.25) * ctx->scale));
}

/* One stroke for the lines and one fill for the heads of each style. */
static void
stroke_arrows (IlvDrawContext *ctx,
               GArray         *arrows,
               gint            highlight)
{
  cairo_t *cr = ctx->cr;
  double bend = 10 * ctx->scale;
  double head = 7 * ctx->scale;
  g_autoptr(GHashTable) styles = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < arrows->len; i++)
    g_hash_table_add (styles, GINT_TO_POINTER (arrow_style (highlight, &g_array_index (arrows, Arrow, i)) + 1));
  g_hash_table_iter_init (&iter, styles);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint style = GPOINTER_TO_INT (key) - 1;

      set_style (ctx, style);
      for (guint i = 0; i < arrows->len; i++)
        if (arrow_style (highlight, &g_array_index (arrows, Arrow, i)) == style)
          arrow_path (cr, &g_array_index (arrows, Arrow, i), bend);
      cairo_stroke (cr);
      for (guint i = 0; i < arrows->len; i++)
        if (arrow_style (highlight, &g_array_index (arrows, Arrow, i)) == style)
          arrow_head (cr, &g_array_index (arrows, Arrow, i), head, bend);
      cairo_fill (cr);
    }
}

typedef struct
{
  IlvDrawContext *ctx;
  IlvTrace       *trace;
  gint            highlight;  /* this run's highlighted resource */
  const IlvFlow  *flows;
  const double   *centers;
  guint           n_lanes;
  guint           n_buckets;
  gint64          t0;
  gint64          t1;
  GArray         *arrows;
  GArray         *chosen;    /* guint32: the flows drawn, kept for the next frame */
} FlowPass;

static void
make_arrow (FlowPass      *pass,
            const IlvFlow *f,
            Arrow         *a)
{
  a->x0 = ilv_draw_context_time_x (pass->ctx, pass->trace, f->from_time);
  a->x1 = ilv_draw_context_time_x (pass->ctx, pass->trace, f->to_time);
  a->y0 = pass->centers[f->from_lane];
  a->y1 = pass->centers[f->to_lane];
  a->resource = f->resource;
  a->lock = f->kind == ILV_FLOW_LOCK;
}

/* Adds the arrow of a flow unless its 10 px are full; FALSE when full. */
static gboolean
consider (FlowPass      *pass,
          const IlvFlow *f)
{
  IlvDrawContext *ctx = pass->ctx;
  guint32 index = (guint32) (f - pass->flows);
  Arrow a;
  guint b;

  if (!flow_visible (f, pass->t0, pass->t1, pass->highlight) ||
      f->from_lane >= pass->n_lanes || f->to_lane >= pass->n_lanes ||
      pass->centers[f->from_lane] < 0 || pass->centers[f->to_lane] < 0)
    return TRUE;
  make_arrow (pass, f, &a);
  b = ilv_draw_context_bucket (ctx, f->to_time <= pass->t1 ? a.x1 : a.x0, pass->n_buckets);
  /* Thinned: a few arrows per 10 px are all an eye can follow. */
  if (ctx->bucket_counts[b] >= FLOWS_PER_BUCKET)
    return FALSE;
  ctx->bucket_counts[b]++;
  g_array_append_val (pass->arrows, a);
  g_array_append_val (pass->chosen, index);
  return TRUE;
}

/* The flows whose head is in the range, skipping ahead by binary search
 * past every 10 px that is already full. */
static void
walk_heads (FlowPass      *pass,
            const guint32 *by_to,
            gsize          n)
{
  IlvTimelineLayout *layout = pass->ctx->layout;
  gint64 start = ilv_trace_get_start (pass->trace);
  gsize i = ilv_flow_index_lower_bound (by_to, n, pass->flows, TRUE, pass->t0);

  while (i < n && pass->flows[by_to[i]].to_time <= pass->t1)
    {
      const IlvFlow *f = &pass->flows[by_to[i]];
      double x, next_x;

      if (consider (pass, f))
        {
          i++;
          continue;
        }
      x = ilv_draw_context_time_x (pass->ctx, pass->trace, f->to_time);
      next_x = layout->plot_area.x +
               (ilv_draw_context_bucket (pass->ctx, x, pass->n_buckets) + 1) * BUCKET_PX * pass->ctx->scale;
      i = MAX (i + 1, ilv_flow_index_lower_bound (by_to, n, pass->flows, TRUE,
                                                   start + ilv_timeline_layout_x_to_time (layout, next_x)));
    }
}

/* The flows that leave the range on the right: tail in range, head
 * beyond. Those starting last are looked at first, and only so many: a
 * flow in flight across the edge rarely starts far back. */
static void
walk_tails (FlowPass      *pass,
            const guint32 *by_from,
            gsize          n)
{
  gsize end = ilv_flow_index_lower_bound (by_from, n, pass->flows, FALSE, pass->t1 + 1);
  guint looked = 0;

  for (gsize i = end; i > 0 && looked < TAILS_LOOKED_AT; i--, looked++)
    {
      const IlvFlow *f = &pass->flows[by_from[i - 1]];

      if (f->from_time < pass->t0)
        break;
      if (f->to_time > pass->t1)
        consider (pass, f);
    }
}

void
ilv_draw_flows (IlvDrawContext *ctx,
                guint           t)
{
  IlvTimelineLayout *layout = ctx->layout;
  IlvTrace *trace = layout->traces[t];
  gsize n = ilv_trace_get_n_flows (trace);
  gint64 start = ilv_trace_get_start (trace);
  g_autofree double *centers = NULL;
  g_autoptr(GArray) arrows = NULL;
  g_autoptr(GArray) chosen = NULL;
  const IlvFlowIndex *index = NULL;
  IlvRowCache *cache = NULL;
  gboolean hit = FALSE;
  FlowPass pass;

  if (n == 0 || ilv_trace_get_flows (trace) == NULL)
    return;
  centers = ilv_lane_centers_new (layout, t);
  arrows = g_array_new (FALSE, FALSE, sizeof (Arrow));
  if (!layout->transient)
    cache = ilv_row_cache_get_trace (ctx, t, ILV_ROW_PART_FLOWS, &hit);
  chosen = cache != NULL ? g_array_ref (ilv_row_cache_runs (cache, 0, sizeof (guint32)))
                         : g_array_new (FALSE, FALSE, sizeof (guint32));
  pass = (FlowPass) { ctx, trace, ilv_timeline_layout_get_highlight (layout, t), ilv_trace_get_flows (trace), centers, ilv_trace_get_n_lanes (trace),
                      ilv_draw_context_reset_buckets (ctx), start + layout->t0, start + layout->t1, arrows,
                      chosen };

  if (hit)
    {
      /* The same flows as last frame: only where the rows are now. */
      for (guint i = 0; i < chosen->len; i++)
        {
          Arrow a;

          make_arrow (&pass, &pass.flows[g_array_index (chosen, guint32, i)], &a);
          g_array_append_val (arrows, a);
        }
    }
  else if (cache != NULL && (index = ilv_flow_index_get (layout, t)) != NULL)
    {
      walk_heads (&pass, index->by_to, index->n);
      walk_tails (&pass, index->by_from, index->n);
    }
  else
    {
      for (gsize i = 0; i < n; i++)
        consider (&pass, &pass.flows[i]);
    }
  if (cache != NULL)
    ilv_row_cache_set_filled (cache);
  stroke_arrows (ctx, arrows, pass.highlight);
}
