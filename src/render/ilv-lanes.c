/* ilv-lanes.c: state bars, one merged rectangle per run of equal columns
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "ilv-render-private.h"

#define NO_STATE ILV_N_STATES
#define DENSE_RUNS 8     /* a run every 8 px or more often: dense */
#define RASTER_RUNS 256  /* on an image, rectangles only for this sparse a lane */

/* Which rare state marks a column when several hide under the dominant one:
 * the ones a lecturer is pointing at come first. */
static const IlvState rare_priority[] = {
  ILV_STATE_CRASHED, ILV_STATE_LOCK_WAIT, ILV_STATE_GIL_WAIT, ILV_STATE_QUEUE_WAIT,
  ILV_STATE_EVENT_WAIT, ILV_STATE_READY, ILV_STATE_SLEEP, ILV_STATE_RUNNING,
  ILV_STATE_SUSPENDED,
};

/* States a lane fills: not not-started, done or idle. */
#define DRAWN_STATES (((1u << ILV_N_STATES) - 1) & \
                      ~(1u << ILV_STATE_NOT_STARTED | 1u << ILV_STATE_DONE | 1u << ILV_STATE_IDLE))

static guint
rare_state (const IlvColumn *col,
            guint            dominant)
{
  guint present = col->present & ~(1u << dominant) & DRAWN_STATES;

  if (present == 0)
    return NO_STATE;
  for (guint i = 0; i < G_N_ELEMENTS (rare_priority); i++)
    {
      if (present & (1u << rare_priority[i]))
        return rare_priority[i];
    }
  return NO_STATE;
}

/* The state a column is filled with: its dominant state, or when that one
 * draws nothing (not started, done) the most telling state present. */
static guint
fill_state (const IlvColumn *col)
{
  if (col->dominant < ILV_N_STATES && (DRAWN_STATES & (1u << col->dominant)))
    return col->dominant;
  return rare_state (col, col->dominant < ILV_N_STATES ? col->dominant : 31);
}

/* keys[c]: the fill of every column of a worker lane; for GIL and core
 * lanes, running with the holder in the upper bits. */
static void
compute_fill_keys (IlvDrawContext *ctx,
                   gboolean        holder_lane)
{
  for (guint c = 0; c < ctx->n_columns; c++)
    {
      const IlvColumn *col = &ctx->columns[c];

      if (!holder_lane)
        ctx->keys[c] = fill_state (col);
      else if (col->dominant != ILV_STATE_RUNNING)
        ctx->keys[c] = NO_STATE;
      else if (col->dominant_resource_valid)
        ctx->keys[c] = (guint32) (col->dominant_resource + 1) << 8 | ILV_STATE_RUNNING;
      else
        ctx->keys[c] = ILV_STATE_RUNNING;
    }
}

/* keys[c]: the rare state a column marks with a strip, given the fills in
 * keys[]: none where it is only the neighbouring run reaching into the
 * column (a boundary, not an event). */
static void
compute_rare_keys (IlvDrawContext *ctx)
{
  guint32 prev_fill = NO_STATE;

  for (guint c = 0; c < ctx->n_columns; c++)
    {
      guint32 fill = ctx->keys[c];
      guint32 next_fill = c + 1 < ctx->n_columns ? ctx->keys[c + 1] : NO_STATE;
      guint rare = rare_state (&ctx->columns[c], fill);

      if (rare == prev_fill || rare == next_fill)
        rare = NO_STATE;
      ctx->keys[c] = rare;
      prev_fill = fill;
    }
}

static guint
build_runs (IlvDrawContext *ctx)
{
  guint n_runs = 0;

  for (guint c = 0; c < ctx->n_columns; )
    {
      guint32 key = ctx->keys[c];
      guint end = c + 1;

      while (end < ctx->n_columns && ctx->keys[end] == key)
        end++;
      if (key != NO_STATE)
        ctx->runs[n_runs++] = (IlvRun) { c, end, key };
      c = end;
    }
  return n_runs;
}

static void
run_rect (IlvDrawContext *ctx,
          const IlvRun   *run,
          double          y,
          double          height)
{
  double x = ctx->layout->plot_area.x;

  cairo_rectangle (ctx->cr, x + run->start * ctx->column_width, y,
                   (run->end - run->start) * ctx->column_width, height);
}

static void
draw_crash_crosses (IlvDrawContext *ctx,
                    guint           n_runs,
                    const IlvRect  *bar)
{
  cairo_t *cr = ctx->cr;

  for (guint i = 0; i < n_runs; i++)
    {
      const IlvRun *run = &ctx->runs[i];
      double x0 = bar->x + run->start * ctx->column_width;
      double w = (run->end - run->start) * ctx->column_width;
      double side = MIN (w, bar->height);

      if (run->key != ILV_STATE_CRASHED || w < 4)
        continue;
      cairo_move_to (cr, x0, bar->y);
      cairo_line_to (cr, x0 + side, bar->y + bar->height);
      cairo_move_to (cr, x0 + side, bar->y);
      cairo_line_to (cr, x0, bar->y + bar->height);
    }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, MAX (1.0, 1.5 * ctx->scale));
  cairo_stroke (cr);
}

static void
draw_outlines (IlvDrawContext *ctx,
               guint           n_runs,
               const IlvRect  *bar)
{
  double min_w = 4 * ctx->scale;

  for (guint i = 0; i < n_runs; i++)
    {
      if ((ctx->runs[i].end - ctx->runs[i].start) * ctx->column_width >= min_w)
        run_rect (ctx, &ctx->runs[i], bar->y, bar->height);
    }
  ilv_palette_set_source (ctx->cr, &ctx->palette->background);
  cairo_set_line_width (ctx->cr, 1.0 / ctx->device_scale);
  cairo_stroke (ctx->cr);
}

static void
paint_columns (IlvDrawContext *ctx,
               IlvRowStrip     slot,
               double          y,
               double          height)
{
  guint32 pixels[ILV_N_STATES + 1];
  gboolean any = FALSE;

  if (ilv_row_cache_strip (ctx->row_cache, slot) != NULL)
    {
      ilv_row_cache_paint_strip (ctx, ctx->row_cache, slot, y, height);
      return;
    }
  if (ctx->row_hit)
    return;   /* kept, and empty */
  for (guint s = 0; s < ILV_N_STATES; s++)
    pixels[s] = (DRAWN_STATES & (1u << s)) ? ilv_rgba_premultiplied (&ctx->palette->state[s]) : 0;
  pixels[ILV_N_STATES] = 0;
  for (guint c = 0; c < ctx->n_columns; c++)
    {
      ctx->strip[c] = pixels[MIN (ctx->keys[c], ILV_N_STATES)];
      any = any || ctx->strip[c] != 0;
    }
  if (any)
    ilv_row_cache_paint_strip (ctx, ctx->row_cache, slot, y, height);
}

static gboolean
is_whole (double v)
{
  return v == round (v) && fabs (v) < 1e6;
}

/* Whether a pattern's pixels land one to one on device pixels: on an
 * image, or on a recording that the window plays back, drawn at one
 * pixel per user unit, the plot and the bar on whole pixels. */
static gboolean
pixels_match_user_units (IlvDrawContext *ctx,
                         const IlvRect  *bar)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (ctx->cr));
  cairo_matrix_t matrix;

  cairo_get_matrix (ctx->cr, &matrix);
  return (ctx->raster || type == CAIRO_SURFACE_TYPE_RECORDING) && ctx->column_width == 1 &&
         matrix.xx == 1 && matrix.yy == 1 && matrix.xy == 0 && matrix.yx == 0 &&
         is_whole (matrix.x0) && is_whole (matrix.y0) && is_whole (ctx->layout->plot_area.x) &&
         is_whole (bar->y) && is_whole (bar->height) && bar->height >= 1;
}

/* The tile of a pattern whose pixels map one to one onto user units,
 * repeating from the origin, as large as the others (*size, set by the
 * first); NULL for any other pattern. */
static cairo_surface_t *
pattern_tile (cairo_pattern_t *pattern,
              int             *size)
{
  cairo_surface_t *tile = NULL;
  cairo_matrix_t matrix;

  if (cairo_pattern_get_surface (pattern, &tile) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_get_type (tile) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (tile) != CAIRO_FORMAT_ARGB32 ||
      cairo_pattern_get_extend (pattern) != CAIRO_EXTEND_REPEAT)
    return NULL;
  if (*size == 0)
    *size = cairo_image_surface_get_width (tile);
  if (*size < 1 || cairo_image_surface_get_width (tile) != *size || cairo_image_surface_get_height (tile) != *size)
    return NULL;
  cairo_pattern_get_matrix (pattern, &matrix);
  if (matrix.xx != 1 || matrix.yy != 1 || matrix.xy != 0 || matrix.yx != 0 || matrix.x0 != 0 || matrix.y0 != 0)
    return NULL;
  cairo_surface_flush (tile);
  return tile;
}

static int
modulo (gint64 v,
        int    size)
{
  int m = (int) (v % size);

  return m < 0 ? m + size : m;
}

static gboolean
run_patterned (IlvDrawContext  *ctx,
               const IlvRun    *run,
               cairo_surface_t *tiles[],
               double           min_width)
{
  return run->key < ILV_N_STATES && tiles[run->key] != NULL &&
         (run->end - run->start) * ctx->column_width >= min_width;
}

/* Rows of the lane's pixels a tile high from user row y0: in the
 * patterned runs, their tile's pixels in the tile's phase; elsewhere
 * nothing. */
static cairo_surface_t *
tile_rows (IlvDrawContext  *ctx,
           guint            n_runs,
           cairo_surface_t *tiles[],
           int              size,
           gint64           y0,
           int              rows,
           double           min_width)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ctx->n_columns, rows);
  gint64 x0 = (gint64) ctx->layout->plot_area.x;
  guint8 *data;
  int stride;

  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return NULL;
    }
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (guint i = 0; i < n_runs; i++)
    {
      const IlvRun *run = &ctx->runs[i];

      if (!run_patterned (ctx, run, tiles, min_width))
        continue;
      for (int r = 0; r < rows; r++)
        {
          const guint32 *src = (const guint32 *) (gconstpointer)
            (cairo_image_surface_get_data (tiles[run->key]) +
             modulo (y0 + r, size) * cairo_image_surface_get_stride (tiles[run->key]));
          guint32 *dst = (guint32 *) (gpointer) (data + (gsize) r * stride);
          int phase = modulo (x0 + run->start, size);

          for (guint c = run->start; c < run->end; c++)
            {
              dst[c] = src[phase];
              phase = phase + 1 == size ? 0 : phase + 1;
            }
        }
    }
  cairo_surface_mark_dirty (image);
  return image;
}

/* Where a pattern's pixels are device pixels: the tiles' own pixels,
 * copied into rows of the lane a tile high and painted once over the bar,
 * instead of a pattern fill of every run (a dense lane has hundreds).
 * Every pixel gets the same tile pixel over the same fill as before;
 * vector files keep their pattern fills. */
static gboolean
overlay_patterns_copied (IlvDrawContext *ctx,
                         guint           n_runs,
                         const IlvRect  *bar,
                         double          min_width)
{
  cairo_surface_t *tiles[ILV_N_STATES] = { NULL };
  double x = ctx->layout->plot_area.x;
  cairo_surface_t *image;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  gboolean any = FALSE;
  int size = 0;

  if (!pixels_match_user_units (ctx, bar))
    return FALSE;
  for (guint s = 0; s < ILV_N_STATES; s++)
    {
      if (ctx->patterns[s] != NULL && (tiles[s] = pattern_tile (ctx->patterns[s], &size)) == NULL)
        return FALSE;
    }
  for (guint i = 0; i < n_runs && !any; i++)
    any = run_patterned (ctx, &ctx->runs[i], tiles, min_width);
  if (!any)
    return TRUE;
  image = tile_rows (ctx, n_runs, tiles, size, (gint64) bar->y, MIN (size, (int) bar->height), min_width);
  if (image == NULL)
    return FALSE;

  /* Rows past the image repeat it: they are a tile's height further
   * down. The tiles' filter, for a recording played back scaled. */
  pattern = cairo_pattern_create_for_surface (image);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_matrix_init_translate (&matrix, -x, -bar->y);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (ctx->cr, pattern);
  cairo_rectangle (ctx->cr, x, bar->y, ctx->n_columns * ctx->column_width, bar->height);
  cairo_fill (ctx->cr);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (image);
  return TRUE;
}

/* Patterns (the ready hatch, the print theme) on runs wide enough to show them. */
static void
overlay_patterns (IlvDrawContext *ctx,
                  guint           n_runs,
                  const IlvRect  *bar,
                  double          min_width)
{
  if (overlay_patterns_copied (ctx, n_runs, bar, min_width))
    return;
  for (guint s = 0; s < ILV_N_STATES; s++)
    {
      gboolean any = FALSE;

      if (ctx->patterns[s] == NULL)
        continue;
      for (guint i = 0; i < n_runs; i++)
        if (ctx->runs[i].key == s && (ctx->runs[i].end - ctx->runs[i].start) * ctx->column_width >= min_width)
          {
            run_rect (ctx, &ctx->runs[i], bar->y, bar->height);
            any = TRUE;
          }
      if (any)
        {
          cairo_set_source (ctx->cr, ctx->patterns[s]);
          cairo_fill (ctx->cr);
        }
    }
}

static void
fill_runs_by_state (IlvDrawContext *ctx,
                    guint           n_runs,
                    double          y,
                    double          height)
{
  for (guint s = 0; s < ILV_N_STATES; s++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < n_runs; i++)
        if (ctx->runs[i].key == s)
          {
            run_rect (ctx, &ctx->runs[i], y, height);
            any = TRUE;
          }
      if (any)
        {
          ilv_palette_set_source (ctx->cr, &ctx->palette->state[s]);
          cairo_fill (ctx->cr);
        }
    }
}

/* Rectangles where they are few; one row of pixels elsewhere. On an
 * image, rectangles on whole device pixels and the pixel row give the same
 * picture, and the row costs its pixels, not a path: it wins early. */
/* The runs of the fills (slot 0) or of the rare states (slot 1, after
 * the fills), kept by the row while its key stays. */
static guint
kept_runs (IlvDrawContext *ctx,
           guint           slot,
           gboolean        holder_lane)
{
  GArray *kept = ilv_row_cache_runs (ctx->row_cache, slot, sizeof (IlvRun));
  guint n;

  if (ctx->row_hit)
    {
      memcpy (ctx->runs, kept->data, kept->len * sizeof (IlvRun));
      return kept->len;
    }
  if (slot == 0)
    compute_fill_keys (ctx, holder_lane);
  else
    compute_rare_keys (ctx);
  n = build_runs (ctx);
  g_array_set_size (kept, 0);
  g_array_append_vals (kept, ctx->runs, n);
  return n;
}

static gboolean
use_rects (IlvDrawContext *ctx,
           guint           n_runs)
{
  return n_runs <= ctx->n_columns / (ctx->raster ? RASTER_RUNS : DENSE_RUNS);
}

static void
draw_state_runs (IlvDrawContext *ctx,
                 const IlvRect  *bar)
{
  guint n_runs;
  double strip = MAX (2.0 / ctx->device_scale, round (bar->height / 4));
  gboolean crashed = FALSE;
  gboolean sparse;

  n_runs = kept_runs (ctx, 0, FALSE);
  /* Few runs: one rectangle each. Where the state changes every few
   * pixels the lane is pixel data: one row of pixels stretched over the
   * bar costs its pixels on screen and keeps vector files small. */
  sparse = n_runs <= ctx->n_columns / DENSE_RUNS;

  if (use_rects (ctx, n_runs))
    fill_runs_by_state (ctx, n_runs, bar->y, bar->height);
  else
    paint_columns (ctx, ILV_ROW_STRIP_FILL, bar->y, bar->height);
  overlay_patterns (ctx, n_runs, bar, sparse ? 0 : 3 * ctx->scale);
  for (guint i = 0; i < n_runs && !crashed; i++)
    crashed = ctx->runs[i].key == ILV_STATE_CRASHED;
  if (crashed)
    draw_crash_crosses (ctx, n_runs, bar);
  if (ctx->palette->outline_runs)
    draw_outlines (ctx, n_runs, bar);

  /* Rare states: a strip along the top so that a 3 µs wait never vanishes. */
  n_runs = kept_runs (ctx, 1, FALSE);
  if (use_rects (ctx, n_runs))
    fill_runs_by_state (ctx, n_runs, bar->y, strip);
  else
    paint_columns (ctx, ILV_ROW_STRIP_RARE, bar->y, strip);
}

static const char *
short_name (const char *name)
{
  const char *hash = strrchr (name, '#');

  return hash != NULL && hash[1] != '\0' ? hash : name;
}

static void
set_text_color_on (cairo_t       *cr,
                   const IlvRgba *fill)
{
  double luminance = 0.2126 * fill->red + 0.7152 * fill->green + 0.0722 * fill->blue;

  if (luminance > 0.45)
    cairo_set_source_rgb (cr, 0, 0, 0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
}

static void
draw_holder_labels (IlvDrawContext *ctx,
                    IlvTrace       *trace,
                    guint           n_runs,
                    const IlvRect  *bar)
{
  PangoLayout *font = ctx->fonts[ILV_FONT_SMALL];
  double pad = 4 * ctx->scale;

  if (bar->height < ilv_text_font_px (ILV_FONT_SMALL, ctx->scale))
    return;
  for (guint i = 0; i < n_runs; i++)
    {
      const IlvRun *run = &ctx->runs[i];
      gint holder = (gint) (run->key >> 8) - 1;
      double x = bar->x + run->start * ctx->column_width;
      double w = (run->end - run->start) * ctx->column_width;
      const char *label;

      if (holder < 0 || (guint) holder >= ilv_trace_get_n_lanes (trace) || w < 24 * ctx->scale)
        continue;
      label = short_name (ilv_trace_get_lane (trace, holder)->name);
      if (ilv_text_measure (font, label) + 2 * pad > w)
        continue;
      set_text_color_on (ctx->cr, ilv_palette_holder_color (ctx->palette, holder));
      ilv_text_draw_centered_y (ctx->cr, font, x + pad, bar->y + bar->height / 2);
    }
}

static void
draw_holder_runs (IlvDrawContext *ctx,
                  IlvTrace       *trace,
                  const IlvRect  *bar)
{
  guint n_runs = kept_runs (ctx, 0, TRUE);

  for (guint tint = 0; tint <= ILV_PALETTE_N_HOLDER_COLORS; tint++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < n_runs; i++)
        {
          gint holder = (gint) (ctx->runs[i].key >> 8) - 1;
          guint t = holder < 0 ? ILV_PALETTE_N_HOLDER_COLORS : (guint) holder % ILV_PALETTE_N_HOLDER_COLORS;

          if (t == tint)
            {
              run_rect (ctx, &ctx->runs[i], bar->y, bar->height);
              any = TRUE;
            }
        }
      if (!any)
        continue;
      if (tint == ILV_PALETTE_N_HOLDER_COLORS)
        ilv_palette_set_source (ctx->cr, &ctx->palette->state[ILV_STATE_RUNNING]);
      else
        ilv_palette_set_source (ctx->cr, &ctx->palette->holder[tint]);
      cairo_fill (ctx->cr);
    }
  draw_holder_labels (ctx, trace, n_runs, bar);
}

void
ilv_draw_lane (IlvDrawContext *ctx,
               guint           row_index)
{
  IlvTimelineLayout *layout = ctx->layout;
  const IlvTimelineRow *row = ilv_timeline_layout_get_row (layout, row_index);
  IlvTrace *trace = layout->traces[row->trace];
  const IlvLaneInfo *info = ilv_trace_get_lane (trace, row->index);
  IlvRect bar;
  gboolean hit;

  ilv_timeline_layout_get_bar_rect (layout, row_index, &bar);
  ctx->row_cache = ilv_row_cache_get (ctx, row_index, ILV_ROW_PART_MAIN, &hit);
  ctx->row_hit = hit;
  if (!hit)
    memcpy (ctx->columns, ilv_row_cache_lane_columns (ctx->row_cache, trace, row->index),
            ctx->n_columns * sizeof (IlvColumn));
  if (info->kind == ILV_LANE_WORKER)
    draw_state_runs (ctx, &bar);
  else
    draw_holder_runs (ctx, trace, &bar);
  ilv_row_cache_set_filled (ctx->row_cache);
  ctx->row_cache = NULL;
  ctx->row_hit = FALSE;
}

void
ilv_draw_lane_naive (IlvDrawContext *ctx,
                     guint           row_index)
{
  IlvTimelineLayout *layout = ctx->layout;
  const IlvTimelineRow *row = ilv_timeline_layout_get_row (layout, row_index);
  IlvTrace *trace = layout->traces[row->trace];
  gsize n = ilv_trace_lane_get_n_spans (trace, row->index);
  IlvRect bar;

  ilv_timeline_layout_get_bar_rect (layout, row_index, &bar);
  for (gsize i = 0; i < n; i++)
    {
      IlvSpan span;
      double x0, x1;

      ilv_trace_lane_get_span (trace, row->index, i, &span);
      if (!ilv_palette_state_is_drawn (span.state))
        continue;
      x0 = ilv_draw_context_time_x (ctx, trace, span.start);
      x1 = ilv_draw_context_time_x (ctx, trace, MIN (span.end, G_MAXINT64 / 2));
      if (x1 < bar.x || x0 > bar.x + bar.width)
        continue;
      ilv_palette_set_source (ctx->cr, &ctx->palette->state[span.state]);
      cairo_rectangle (ctx->cr, x0, bar.y, x1 - x0, bar.height);
      cairo_fill (ctx->cr);
    }
}
