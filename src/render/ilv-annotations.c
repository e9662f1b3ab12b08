/* ilv-annotations.c: marks (labelled ticks) and pool tasks (labelled spans)
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ilv-render-private.h"

#define MARKS_PER_BUCKET 1

/* A label on a light plate, so it reads over any state colour. */
static void
draw_plate_label (IlvDrawContext *ctx,
                  const char     *text,
                  double          x,
                  double          y,
                  double          max_width)
{
  PangoLayout *font = ctx->fonts[ILV_FONT_SMALL];
  double w = MIN (ilv_text_measure (font, text), max_width);
  double h = ilv_text_line_height (ILV_FONT_SMALL, ctx->scale);
  double pad = 3 * ctx->scale;

  if (w < 12 * ctx->scale)
    return;
  ilv_palette_set_source_alpha (ctx->cr, &ctx->palette->background, 0.88);
  cairo_rectangle (ctx->cr, x, y - h / 2, w + 2 * pad, h);
  cairo_fill (ctx->cr);
  pango_layout_set_width (font, (int) (w * PANGO_SCALE));
  pango_layout_set_ellipsize (font, PANGO_ELLIPSIZE_END);
  ilv_palette_set_source (ctx->cr, &ctx->palette->mark);
  ilv_text_draw_centered_y (ctx->cr, font, x + pad, y);
  pango_layout_set_width (font, -1);
  pango_layout_set_ellipsize (font, PANGO_ELLIPSIZE_NONE);
}

/* To the right of the tick, or to its left when the plot ends too soon. */
static void
draw_mark_label (IlvDrawContext *ctx,
                 const char     *text,
                 double          x,
                 double          line,
                 double          y,
                 double          right)
{
  double want = MIN (ilv_text_measure (ctx->fonts[ILV_FONT_SMALL], text), 220 * ctx->scale);
  double pad = 6 * ctx->scale;
  double left = ctx->layout->plot_area.x;

  if (x + line + want + 2 * pad <= right || x - left < right - x)
    draw_plate_label (ctx, text, x + line, y, MIN (want, right - x - line - 2 * pad));
  else
    draw_plate_label (ctx, text, MAX (left, x - line - want - 2 * pad), y, MIN (want, x - left - 2 * pad));
}

void
ilv_draw_marks (IlvDrawContext *ctx,
                guint           t)
{
  IlvTimelineLayout *layout = ctx->layout;
  IlvTrace *trace = layout->traces[t];
  gsize n = ilv_trace_get_n_marks (trace);
  const IlvMark *marks = ilv_trace_get_marks (trace);
  gint64 start = ilv_trace_get_start (trace);
  double line = MAX (1.0 / ctx->device_scale, 2 * ctx->scale);
  double right = layout->plot_area.x + layout->plot_area.width;
  g_autofree double *centers = NULL;
  guint n_buckets, n_lanes = ilv_trace_get_n_lanes (trace);
  double label_h = ilv_text_line_height (ILV_FONT_SMALL, ctx->scale);

  if (n == 0 || marks == NULL)
    return;
  centers = ilv_lane_centers_new (layout, t);
  n_buckets = ilv_draw_context_reset_buckets (ctx);

  for (gsize i = 0; i < n; i++)
    {
      const IlvMark *m = &marks[i];
      double x, half;
      guint b;
      gint row;
      IlvRect bar;

      if (m->lane >= n_lanes || centers[m->lane] < 0 ||
          m->time < start + layout->t0 || m->time > start + layout->t1)
        continue;
      x = ilv_draw_context_time_x (ctx, trace, m->time);
      b = ilv_draw_context_bucket (ctx, x, n_buckets);
      if (ctx->bucket_counts[b] >= MARKS_PER_BUCKET)
        continue;
      ctx->bucket_counts[b]++;
      row = ilv_timeline_layout_find_row (layout, t, ILV_ROW_LANE, m->lane);
      ilv_timeline_layout_get_bar_rect (layout, (guint) row, &bar);
      half = bar.height / 2 + 2 * ctx->scale;

      ilv_palette_set_source (ctx->cr, &ctx->palette->mark);
      cairo_rectangle (ctx->cr, x - line / 2, centers[m->lane] - half, line, 2 * half);
      cairo_fill (ctx->cr);
      if (m->text != NULL && bar.height >= label_h * 0.9)
        draw_mark_label (ctx, m->text, x, line, centers[m->lane], right);
    }
}

static void
draw_task (IlvDrawContext *ctx,
           const IlvTask  *task,
           IlvTrace       *trace,
           const IlvRect  *bar)
{
  IlvTimelineLayout *layout = ctx->layout;
  gint64 start = ilv_trace_get_start (trace);
  double x0 = ilv_draw_context_time_x (ctx, trace, MAX (task->start, start + layout->t0));
  double x1 = ilv_draw_context_time_x (ctx, trace, MIN (task->end, start + layout->t1));
  double line = MAX (1.0 / ctx->device_scale, ctx->scale);
  g_autofree char *text = NULL;

  if (x1 - x0 < 3 * line)
    return;
  cairo_rectangle (ctx->cr, x0 + line / 2, bar->y + line / 2, x1 - x0 - line, bar->height - line);
  ilv_palette_set_source (ctx->cr, &ctx->palette->foreground);
  cairo_set_line_width (ctx->cr, line);
  cairo_stroke (ctx->cr);

  text = task->label != NULL && task->label[0] != '\0'
         ? g_strdup (task->label)
         : g_strdup_printf (_("task %" PRId64), task->index);
  if (bar->height >= ilv_text_line_height (ILV_FONT_SMALL, ctx->scale) * 0.9)
    draw_plate_label (ctx, text, x0 + 2 * line, bar->y + bar->height / 2, x1 - x0 - 8 * line);
}

void
ilv_draw_tasks (IlvDrawContext *ctx,
                guint           t)
{
  IlvTimelineLayout *layout = ctx->layout;
  IlvTrace *trace = layout->traces[t];
  gsize n = ilv_trace_get_n_tasks (trace);
  const IlvTask *tasks = ilv_trace_get_tasks (trace);
  gint64 start = ilv_trace_get_start (trace);

  for (gsize i = 0; tasks != NULL && i < n; i++)
    {
      const IlvTask *task = &tasks[i];
      gint row;
      IlvRect bar;

      if (task->end <= start + layout->t0 || task->start >= start + layout->t1)
        continue;
      row = ilv_timeline_layout_find_row (layout, t, ILV_ROW_LANE, task->lane);
      if (row < 0)
        continue;
      ilv_timeline_layout_get_bar_rect (layout, (guint) row, &bar);
      draw_task (ctx, task, trace, &bar);
    }
}
