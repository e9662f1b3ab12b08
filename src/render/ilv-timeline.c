/* ilv-timeline.c: one frame: header, ruler, lanes, counters, flows, legend
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "ilv-render-private.h"
#include "ilv-timeline.h"

#define MAX_COLUMNS 16384

void
ilv_draw_context_init (IlvDrawContext    *ctx,
                       cairo_t           *cr,
                       IlvTimelineLayout *layout)
{
  double dx = 1, dy = 0;
  double width = MAX (1, layout->plot_area.width);
  guint n_buckets;

  ctx->cr = cr;
  ctx->layout = layout;
  ctx->palette = layout->palette;
  ctx->scale = layout->scale;
  cairo_user_to_device_distance (cr, &dx, &dy);
  ctx->device_scale = MAX (0.25, hypot (dx, dy));
  ctx->raster = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  ctx->n_columns = (guint) CLAMP (ceil (width * ctx->device_scale - 1e-6), 1, MAX_COLUMNS);
  ctx->column_width = width / ctx->n_columns;
  ctx->columns = g_new0 (IlvColumn, ctx->n_columns);
  ctx->runs = g_new0 (IlvRun, ctx->n_columns);
  ctx->strip = g_new0 (guint32, ctx->n_columns);
  ctx->keys = g_new0 (guint32, ctx->n_columns);
  ctx->counter_columns = g_new0 (IlvCounterColumn, ctx->n_columns);
  ctx->series = g_new0 (gint64, ctx->n_columns);
  n_buckets = (guint) (width / (10.0 * ctx->scale)) + 2;
  ctx->bucket_counts = g_new0 (guint8, n_buckets);

  for (guint s = 0; s < ILV_N_STATES; s++)
    ctx->patterns[s] = ilv_palette_create_pattern (ctx->palette, s, ctx->scale);

  ctx->pango = ilv_text_context_new ();
  pango_cairo_update_context (cr, ctx->pango);
  for (guint f = 0; f < ILV_N_FONTS; f++)
    ctx->fonts[f] = ilv_text_layout_new (ctx->pango, f, ctx->scale);
}

void
ilv_draw_context_clear (IlvDrawContext *ctx)
{
  g_clear_pointer (&ctx->columns, g_free);
  g_clear_pointer (&ctx->runs, g_free);
  g_clear_pointer (&ctx->strip, g_free);
  g_clear_pointer (&ctx->keys, g_free);
  g_clear_pointer (&ctx->counter_columns, g_free);
  g_clear_pointer (&ctx->series, g_free);
  g_clear_pointer (&ctx->bucket_counts, g_free);
  for (guint s = 0; s < ILV_N_STATES; s++)
    g_clear_pointer (&ctx->patterns[s], cairo_pattern_destroy);
  for (guint f = 0; f < ILV_N_FONTS; f++)
    g_clear_object (&ctx->fonts[f]);
  g_clear_object (&ctx->pango);
}

gint64
ilv_draw_context_column_time (IlvDrawContext *ctx,
                              IlvTrace       *trace,
                              guint           column)
{
  IlvTimelineLayout *layout = ctx->layout;
  guint64 width = (guint64) (layout->t1 - layout->t0);
  guint64 n = ctx->n_columns;
  guint64 c = MIN (column, ctx->n_columns);

  /* The trace sampler's arithmetic: column c starts at t0 + width·c/n,
   * without overflow, so both agree on every column's edges. */
  return ilv_trace_get_start (trace) + layout->t0 + (gint64) ((width / n) * c + (width % n) * c / n);
}

double
ilv_draw_context_time_x (IlvDrawContext *ctx,
                         IlvTrace       *trace,
                         gint64          abs_ns)
{
  return ilv_timeline_layout_time_to_x (ctx->layout, abs_ns - ilv_trace_get_start (trace));
}

guint32
ilv_rgba_premultiplied (const IlvRgba *c)
{
  double a = c->alpha;

  return (guint32) (a * 255 + 0.5) << 24 | (guint32) (c->red * a * 255 + 0.5) << 16 |
         (guint32) (c->green * a * 255 + 0.5) << 8 | (guint32) (c->blue * a * 255 + 0.5);
}

cairo_surface_t *
ilv_draw_context_strip_surface (IlvDrawContext *ctx)
{
  cairo_surface_t *image;

  /* A surface of its own per lane: recording and vector surfaces keep
   * the image until they replay, after ctx->strip holds the next lane. */
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ctx->n_columns, 1);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return NULL;
    }
  cairo_surface_flush (image);
  memcpy (cairo_image_surface_get_data (image), ctx->strip, ctx->n_columns * sizeof (guint32));
  cairo_surface_mark_dirty (image);
  return image;
}

void
ilv_draw_context_paint_surface (IlvDrawContext  *ctx,
                                cairo_surface_t *image,
                                double           y,
                                double           height)
{
  double x = ctx->layout->plot_area.x;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;

  pattern = cairo_pattern_create_for_surface (image);
  cairo_matrix_init_scale (&matrix, 1.0 / ctx->column_width, 1.0 / height);
  cairo_matrix_translate (&matrix, -x, -y);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_set_source (ctx->cr, pattern);
  cairo_rectangle (ctx->cr, x, y, ctx->n_columns * ctx->column_width, height);
  cairo_fill (ctx->cr);
  cairo_pattern_destroy (pattern);
}

void
ilv_draw_context_paint_strip (IlvDrawContext *ctx,
                              double          y,
                              double          height)
{
  ilv_row_cache_paint_strip (ctx, NULL, ILV_ROW_STRIP_FILL, y, height);
}

static void
draw_background (IlvDrawContext *ctx)
{
  ilv_palette_set_source (ctx->cr, &ctx->palette->background);
  cairo_rectangle (ctx->cr, 0, 0, ctx->layout->options.width, ctx->layout->options.height);
  cairo_fill (ctx->cr);
}

static void
clip_to_plot (IlvDrawContext *ctx)
{
  const IlvRect *plot = &ctx->layout->plot_area;

  cairo_rectangle (ctx->cr, plot->x, plot->y, plot->width, plot->height);
  cairo_clip (ctx->cr);
}

static void
draw_rows (IlvDrawContext *ctx,
           gboolean        naive)
{
  IlvTimelineLayout *layout = ctx->layout;

  for (guint i = 0; i < layout->rows->len; i++)
    {
      const IlvTimelineRow *row = &g_array_index (layout->rows, IlvTimelineRow, i);

      if (row->kind == ILV_ROW_LANE)
        {
          if (naive)
            ilv_draw_lane_naive (ctx, i);
          else
            ilv_draw_lane (ctx, i);
          ilv_draw_holds (ctx, i);
        }
      else if (row->kind == ILV_ROW_COUNTER)
        ilv_draw_counter (ctx, i);
    }
}

static void
draw_frame (IlvTimelineLayout *layout,
            cairo_t           *cr,
            gboolean           naive)
{
  IlvDrawContext ctx = { 0, };

  ilv_draw_context_init (&ctx, cr, layout);
  cairo_save (cr);
  draw_background (&ctx);
  ilv_draw_header (&ctx);
  ilv_draw_row_backgrounds (&ctx);

  cairo_save (cr);
  clip_to_plot (&ctx);
  ilv_draw_grid (&ctx);
  draw_rows (&ctx, naive);
  for (guint t = 0; t < layout->n_traces; t++)
    {
      /* Labels last, on plates that keep them readable over arrows. */
      ilv_draw_flows (&ctx, t);
      ilv_draw_tasks (&ctx, t);
      ilv_draw_marks (&ctx, t);
    }
  cairo_restore (cr);

  ilv_draw_row_labels (&ctx);
  ilv_draw_ruler (&ctx);
  ilv_draw_legend (&ctx);
  cairo_restore (cr);
  ilv_draw_context_clear (&ctx);
}

void
ilv_timeline_layout_draw (IlvTimelineLayout *layout,
                          cairo_t           *cr)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);

  draw_frame (layout, cr, FALSE);
}

void
ilv_timeline_layout_draw_naive (IlvTimelineLayout *layout,
                                cairo_t           *cr)
{
  draw_frame (layout, cr, TRUE);
}

void
ilv_timeline_draw (cairo_t                *cr,
                   IlvTrace * const       *traces,
                   guint                   n_traces,
                   const IlvRenderOptions *options)
{
  g_autoptr(IlvTimelineLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (traces != NULL && n_traces >= 1 && n_traces <= 4);
  g_return_if_fail (options != NULL);

  layout = ilv_timeline_layout_new (traces, n_traces, options);
  layout->transient = TRUE;
  ilv_timeline_layout_draw (layout, cr);
}
