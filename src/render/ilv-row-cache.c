/* ilv-row-cache.c: what a row drew last frame, kept while nothing it depends on changes
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A widget redraws far more often than its trace grows or its range moves:
 * hovering, a selection, a blinking cursor. A row's sampled columns, its
 * pixel rows and its hold runs depend only on the trace's serial, the
 * range, the column grid and the theme; they are kept per row across
 * frames and layout updates, so that such a redraw costs its pixels and
 * nothing per event.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "ilv-render-private.h"

struct _IlvRowCache
{
  IlvRowCacheKey    key;
  gboolean          filled;
  IlvColumn        *columns;
  IlvCounterColumn *counter_columns;
  guint             n_columns;
  GArray           *runs[ILV_N_ROW_RUNS];   /* the caller's element type */
  cairo_surface_t  *strips[ILV_N_ROW_STRIPS];
  cairo_surface_t  *tall[ILV_N_ROW_STRIPS];   /* the same rows, as high as the bar */
};

static void
row_cache_empty (IlvRowCache *cache)
{
  g_clear_pointer (&cache->columns, g_free);
  g_clear_pointer (&cache->counter_columns, g_free);
  for (guint r = 0; r < ILV_N_ROW_RUNS; r++)
    g_clear_pointer (&cache->runs[r], g_array_unref);
  for (guint s = 0; s < ILV_N_ROW_STRIPS; s++)
    {
      g_clear_pointer (&cache->strips[s], cairo_surface_destroy);
      g_clear_pointer (&cache->tall[s], cairo_surface_destroy);
    }
  cache->filled = FALSE;
  cache->n_columns = 0;
}

static void
row_cache_free (gpointer data)
{
  IlvRowCache *cache = data;

  row_cache_empty (cache);
  g_free (cache);
}

GHashTable *
ilv_row_cache_table_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, row_cache_free);
}

static void
make_key (IlvDrawContext *ctx,
          guint           t,
          IlvRowCacheKey *key)
{
  IlvTimelineLayout *layout = ctx->layout;
  IlvTrace *trace = layout->traces[t];
  gint64 start = ilv_trace_get_start (trace);

  memset (key, 0, sizeof *key);
  key->serial = ilv_trace_get_serial (trace);
  key->t0 = start + layout->t0;
  key->t1 = start + layout->t1;
  key->n_columns = ctx->n_columns;
  key->x = layout->plot_area.x;
  key->column_width = ctx->column_width;
  key->device_scale = ctx->device_scale;
  key->scale = ctx->scale;
  key->palette = ctx->palette;
  key->highlight = ilv_timeline_layout_get_highlight (layout, t);
  key->target = cairo_surface_get_type (cairo_get_target (ctx->cr));
}

static IlvRowCache *
lookup (IlvDrawContext *ctx,
        guint           trace,
        gint64          id,
        gboolean       *hit)
{
  IlvTimelineLayout *layout = ctx->layout;
  IlvRowCache *cache = g_hash_table_lookup (layout->row_caches, &id);
  IlvRowCacheKey key;

  make_key (ctx, trace, &key);
  if (cache == NULL)
    {
      gint64 *stored = g_new (gint64, 1);

      *stored = id;
      cache = g_new0 (IlvRowCache, 1);
      g_hash_table_insert (layout->row_caches, stored, cache);
    }
  *hit = cache->filled && memcmp (&cache->key, &key, sizeof key) == 0;
  if (!*hit)
    {
      row_cache_empty (cache);
      cache->key = key;
    }
  return cache;
}

/* The cache of a row (a lane or a counter of a trace); *hit tells whether
 * what it holds is still good, else it has been emptied for this frame. */
IlvRowCache *
ilv_row_cache_get (IlvDrawContext *ctx,
                   guint           row_index,
                   IlvRowPart      part,
                   gboolean       *hit)
{
  const IlvTimelineRow *row = ilv_timeline_layout_get_row (ctx->layout, row_index);

  return lookup (ctx, row->trace,
                 (gint64) row->trace << 40 | (gint64) part << 36 | (gint64) row->kind << 32 | row->index,
                 hit);
}

/* The same for what belongs to a whole trace (its flows). */
IlvRowCache *
ilv_row_cache_get_trace (IlvDrawContext *ctx,
                         guint           trace,
                         IlvRowPart      part,
                         gboolean       *hit)
{
  return lookup (ctx, trace, (gint64) trace << 40 | (gint64) part << 36 | G_GINT64_CONSTANT (0xffffffff), hit);
}

/* Marks what was put in the cache as good for frames with the same key. */
void
ilv_row_cache_set_filled (IlvRowCache *cache)
{
  cache->filled = TRUE;
}

/* The lane's sampled columns, sampled once per key. */
const IlvColumn *
ilv_row_cache_lane_columns (IlvRowCache *cache,
                            IlvTrace    *trace,
                            guint        lane)
{
  if (cache->columns == NULL)
    {
      cache->n_columns = cache->key.n_columns;
      cache->columns = g_new (IlvColumn, cache->n_columns);
      ilv_trace_lane_sample (trace, lane, cache->key.t0, cache->key.t1,
                             cache->n_columns, cache->columns);
    }
  return cache->columns;
}

const IlvCounterColumn *
ilv_row_cache_counter_columns (IlvRowCache *cache,
                               IlvTrace    *trace,
                               guint        resource)
{
  if (cache->counter_columns == NULL)
    {
      cache->n_columns = cache->key.n_columns;
      cache->counter_columns = g_new (IlvCounterColumn, cache->n_columns);
      ilv_trace_counter_sample (trace, resource, cache->key.t0, cache->key.t1,
                                cache->n_columns, cache->counter_columns);
    }
  return cache->counter_columns;
}

/* An array the row fills on a miss and reads on a hit. */
GArray *
ilv_row_cache_runs (IlvRowCache *cache,
                    guint        slot,
                    guint        element_size)
{
  g_assert (slot < ILV_N_ROW_RUNS);
  if (cache->runs[slot] == NULL)
    cache->runs[slot] = g_array_new (FALSE, FALSE, element_size);
  return cache->runs[slot];
}

/* The pixel row kept in a slot, or NULL: then the caller fills ctx->strip
 * and paints with ilv_row_cache_paint_strip(), which keeps it. */
cairo_surface_t *
ilv_row_cache_strip (IlvRowCache    *cache,
                     IlvRowStrip     strip)
{
  return cache != NULL ? cache->strips[strip] : NULL;
}

/* The pixel row repeated over `rows` rows: on an image whose device
 * pixels it matches, painting it is a plain copy, not a scaled fetch. */
static cairo_surface_t *
tall_strip (IlvRowCache     *cache,
            IlvRowStrip      strip,
            cairo_surface_t *row,
            int              rows)
{
  cairo_surface_t *tall;
  const guint8 *src;
  guint8 *dst;
  int stride, width;

  if (cache != NULL && cache->tall[strip] != NULL &&
      cairo_image_surface_get_height (cache->tall[strip]) == rows)
    return cairo_surface_reference (cache->tall[strip]);
  width = cairo_image_surface_get_width (row);
  tall = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, rows);
  if (cairo_surface_status (tall) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (tall);
      return NULL;
    }
  cairo_surface_flush (tall);
  src = cairo_image_surface_get_data (row);
  dst = cairo_image_surface_get_data (tall);
  stride = cairo_image_surface_get_stride (tall);
  for (int r = 0; r < rows; r++)
    memcpy (dst + (gsize) r * stride, src, (gsize) width * 4);
  cairo_surface_mark_dirty (tall);
  if (cache != NULL)
    {
      g_clear_pointer (&cache->tall[strip], cairo_surface_destroy);
      cache->tall[strip] = cairo_surface_reference (tall);
    }
  return tall;
}

/* On an image whose device pixels the columns are, with the bar on whole
 * device pixels: the row repeated to the bar's height, drawn unscaled. */
static gboolean
paint_tall (IlvDrawContext  *ctx,
            IlvRowCache     *cache,
            IlvRowStrip      strip,
            cairo_surface_t *row,
            double           y,
            double           height)
{
  double ds = ctx->device_scale;
  double x = ctx->layout->plot_area.x;
  double rows = height * ds;
  cairo_surface_t *tall;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;

  if (!ctx->raster || fabs (ctx->column_width * ds - 1) > 1e-9 || fabs (rows - round (rows)) > 1e-6 ||
      rows < 1 || rows > 4096)
    return FALSE;
  tall = tall_strip (cache, strip, row, (int) round (rows));
  if (tall == NULL)
    return FALSE;
  pattern = cairo_pattern_create_for_surface (tall);
  cairo_matrix_init_scale (&matrix, ds, ds);
  cairo_matrix_translate (&matrix, -x, -y);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_set_source (ctx->cr, pattern);
  cairo_rectangle (ctx->cr, x, y, ctx->n_columns * ctx->column_width, height);
  cairo_fill (ctx->cr);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (tall);
  return TRUE;
}

void
ilv_row_cache_paint_strip (IlvDrawContext *ctx,
                           IlvRowCache    *cache,
                           IlvRowStrip     strip,
                           double          y,
                           double          height)
{
  cairo_surface_t *image = ilv_row_cache_strip (cache, strip);
  gboolean kept = image != NULL;

  if (image == NULL)
    {
      image = ilv_draw_context_strip_surface (ctx);
      if (image == NULL)
        return;
      if (cache != NULL)
        cache->strips[strip] = cairo_surface_reference (image);
    }
  else
    cairo_surface_reference (image);
  /* The tall copy pays off from the second frame on: a live run, whose
   * every frame is new, never makes one. */
  if (!kept || !paint_tall (ctx, cache, strip, image, y, height))
    ilv_draw_context_paint_surface (ctx, image, y, height);
  cairo_surface_destroy (image);
}
