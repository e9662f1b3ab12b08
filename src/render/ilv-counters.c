/* ilv-counters.c: counter tracks: queue depth, lock waiters, shared values
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ilv-render-private.h"

typedef struct
{
  IlvRect rect;
  gint64  lo;
  gint64  hi;
  guint   n_columns;   /* columns before the run's end */
} Track;

static double
value_y (const Track *track,
         gint64       v)
{
  return track->rect.y + track->rect.height -
         (double) (v - track->lo) / (double) (track->hi - track->lo) * track->rect.height;
}

/* The value of a step series at the end of every column, by binary search:
 * it costs columns × log(points). */
static void
sample_series (IlvDrawContext *ctx,
               IlvTrace       *trace,
               const IlvPoint *points,
               gsize           n,
               gint64          initial)
{
  gsize lo = 0;

  for (guint c = 0; c < ctx->n_columns; c++)
    {
      gint64 end = ilv_draw_context_column_time (ctx, trace, c + 1);
      gsize hi = n;

      while (lo < hi)
        {
          gsize mid = lo + (hi - lo) / 2;

          if (points[mid].time < end)
            lo = mid + 1;
          else
            hi = mid;
        }
      ctx->series[c] = lo > 0 ? points[lo - 1].value : initial;
    }
}

static Track
make_track (IlvDrawContext        *ctx,
            guint                  row_index,
            const IlvTimelineRow  *row,
            IlvTrace              *trace,
            const IlvResourceInfo *info)
{
  IlvTimelineLayout *layout = ctx->layout;
  IlvRect content;
  double pad;
  gint64 start = ilv_trace_get_start (trace);
  IlvCounterColumn whole;
  gsize n_expected = ilv_trace_expected_get_n_points (trace, row->index);
  const IlvPoint *expected = ilv_trace_expected_get_points (trace, row->index);
  Track track;

  ilv_timeline_layout_get_content_rect (layout, row_index, &content);
  pad = MAX (1, round (content.height * 0.12));
  track.rect = (IlvRect) { layout->plot_area.x, content.y + pad, layout->plot_area.width,
                           MAX (1, content.height - 2 * pad) };
  /* The scale covers the whole run, so it does not jump while panning. */
  ilv_trace_counter_sample (trace, row->index, start,
                            MAX (ilv_trace_get_end (trace), start) + 1, 1, &whole);
  track.lo = MIN (0, MIN (info->initial, whole.valid ? whole.min : 0));
  track.hi = MAX (info->initial, whole.valid ? whole.max : 0);
  if (info->kind == ILV_RESOURCE_QUEUE && info->capacity > 0)
    track.hi = MAX (track.hi, info->capacity);
  if (n_expected > 0)
    track.hi = MAX (track.hi, MAX (expected[0].value, expected[n_expected - 1].value));
  if (track.hi <= track.lo)
    track.hi = track.lo + 1;
  /* A shorter run in a comparison stops where it ended. */
  track.n_columns = ctx->n_columns;
  while (track.n_columns > 0 &&
         ilv_draw_context_column_time (ctx, trace, track.n_columns - 1) >= ilv_trace_get_end (trace))
    track.n_columns--;
  track.rect.width = MIN (track.rect.width, track.n_columns * ctx->column_width);
  return track;
}

static void
draw_area_and_line (IlvDrawContext *ctx,
                    const Track    *track)
{
  cairo_t *cr = ctx->cr;
  const IlvCounterColumn *cols = ctx->counter_columns;
  double base = value_y (track, MAX (track->lo, 0));
  gboolean started = FALSE;
  gint64 prev = 0;

  for (guint c = 0; c < track->n_columns; c++)
    if (cols[c].valid && cols[c].max != 0)
      cairo_rectangle (cr, track->rect.x + c * ctx->column_width, value_y (track, cols[c].max),
                       ctx->column_width, base - value_y (track, cols[c].max));
  ilv_palette_set_source (cr, &ctx->palette->counter_fill);
  cairo_fill (cr);

  for (guint c = 0; c < track->n_columns; c++)
    {
      double x = track->rect.x + c * ctx->column_width;

      if (!cols[c].valid)
        continue;
      if (!started)
        cairo_move_to (cr, x, value_y (track, cols[c].last));
      else if (cols[c].last != prev)
        {
          cairo_line_to (cr, x + ctx->column_width, value_y (track, prev));
          cairo_line_to (cr, x + ctx->column_width, value_y (track, cols[c].last));
        }
      if (started && cols[c].min != cols[c].max)
        {
          cairo_move_to (cr, x + ctx->column_width / 2, value_y (track, cols[c].min));
          cairo_line_to (cr, x + ctx->column_width / 2, value_y (track, cols[c].max));
          cairo_move_to (cr, x + ctx->column_width, value_y (track, cols[c].last));
        }
      started = TRUE;
      prev = cols[c].last;
    }
  if (started)
    cairo_line_to (cr, track->rect.x + track->rect.width, value_y (track, prev));
  ilv_palette_set_source (cr, &ctx->palette->counter);
  cairo_set_line_width (cr, MAX (1.5 * ctx->scale, 1.0 / ctx->device_scale));
  cairo_stroke (cr);
}

static void
draw_dashed_level (IlvDrawContext *ctx,
                   const Track    *track,
                   gboolean        series)
{
  cairo_t *cr = ctx->cr;
  double dash = 6 * ctx->scale;
  gint64 prev = ctx->series[0];

  cairo_move_to (cr, track->rect.x, value_y (track, prev));
  for (guint c = 1; series && c < track->n_columns; c++)
    {
      if (ctx->series[c] == prev)
        continue;
      cairo_line_to (cr, track->rect.x + c * ctx->column_width, value_y (track, prev));
      prev = ctx->series[c];
      cairo_line_to (cr, track->rect.x + c * ctx->column_width, value_y (track, prev));
    }
  cairo_line_to (cr, track->rect.x + track->rect.width, value_y (track, prev));
  cairo_set_dash (cr, &dash, 1, 0);
  ilv_palette_set_source (cr, &ctx->palette->expected);
  cairo_set_line_width (cr, MAX (1.0, 1.5 * ctx->scale));
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* A note on a plate at the track's top, right-aligned or at its start. */
static void
draw_note (IlvDrawContext *ctx,
           const Track    *track,
           const char     *text,
           const IlvRgba  *color,
           gboolean        at_start)
{
  PangoLayout *font = ctx->fonts[ILV_FONT_SMALL];
  double w = ilv_text_measure (font, text);
  double h = ilv_text_line_height (ILV_FONT_SMALL, ctx->scale);
  double x = at_start ? track->rect.x + 6 * ctx->scale
                      : track->rect.x + track->rect.width - w - 6 * ctx->scale;
  double y = track->rect.y + h / 2;

  if (track->rect.height < h * 0.8)
    return;
  ilv_palette_set_source_alpha (ctx->cr, &ctx->palette->background, 0.85);
  cairo_rectangle (ctx->cr, x - 4 * ctx->scale, track->rect.y, w + 8 * ctx->scale, h);
  cairo_fill (ctx->cr);
  ilv_palette_set_source (ctx->cr, color);
  ilv_text_draw_centered_y (ctx->cr, font, x, y);
}

static void
draw_value_parts (IlvDrawContext *ctx,
                  IlvTrace       *trace,
                  guint           resource,
                  const Track    *track,
                  const IlvResourceInfo *info)
{
  gsize n_expected = ilv_trace_expected_get_n_points (trace, resource);
  gsize n_points = ilv_trace_counter_get_n_points (trace, resource);
  const IlvPoint *points = ilv_trace_counter_get_points (trace, resource);
  gint64 final = n_points > 0 ? points[n_points - 1].value : info->initial;
  gint64 expected = final;
  g_autofree char *note = NULL;

  if (n_expected > 0)
    {
      const IlvPoint *exp = ilv_trace_expected_get_points (trace, resource);

      expected = exp[n_expected - 1].value;
      sample_series (ctx, trace, exp, n_expected, info->initial);
      draw_dashed_level (ctx, track, TRUE);
    }
  if (final != expected)
    note = g_strdup_printf (_("%" PRId64 " (expected %" PRId64 ")"), final, expected);
  else
    note = g_strdup_printf ("%" G_GINT64_FORMAT, final);
  /* At the start, where a count that climbs leaves room: the gap itself
   * is at the end. */
  draw_note (ctx, track, note, final != expected ? &ctx->palette->mismatch : &ctx->palette->foreground, TRUE);
}

void
ilv_draw_counter (IlvDrawContext *ctx,
                  guint           row_index)
{
  IlvTimelineLayout *layout = ctx->layout;
  const IlvTimelineRow *row = ilv_timeline_layout_get_row (layout, row_index);
  IlvTrace *trace = layout->traces[row->trace];
  const IlvResourceInfo *info = ilv_trace_get_resource (trace, row->index);
  Track track = make_track (ctx, row_index, row, trace, info);
  gboolean hit;
  IlvRowCache *cache = ilv_row_cache_get (ctx, row_index, ILV_ROW_PART_MAIN, &hit);

  memcpy (ctx->counter_columns, ilv_row_cache_counter_columns (cache, trace, row->index),
          ctx->n_columns * sizeof (IlvCounterColumn));
  ilv_row_cache_set_filled (cache);
  draw_area_and_line (ctx, &track);

  if (info->kind == ILV_RESOURCE_VALUE)
    draw_value_parts (ctx, trace, row->index, &track, info);
  else if (info->kind == ILV_RESOURCE_QUEUE && info->capacity > 0)
    {
      g_autofree char *note = g_strdup_printf (_("capacity %" PRId64), info->capacity);

      ctx->series[0] = info->capacity;
      draw_dashed_level (ctx, &track, FALSE);
      draw_note (ctx, &track, note, &ctx->palette->muted, FALSE);
    }
}
