/* ilv-labels.c: row backgrounds, group headers and lane labels
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ilv-render-private.h"

#define LABEL_PAD 12.0

static const char *
kind_letter (IlvWorkerKind kind)
{
  switch (kind)
    {
    case ILV_WORKER_PROCESS: return "P";
    case ILV_WORKER_ASYNC:   return "A";
    case ILV_WORKER_THREAD:
    default:                 return "T";
    }
}

void
ilv_draw_row_backgrounds (IlvDrawContext *ctx)
{
  IlvTimelineLayout *layout = ctx->layout;
  cairo_t *cr = ctx->cr;
  guint lane_n = 0;

  for (guint i = 0; i < layout->rows->len; i++)
    {
      const IlvTimelineRow *row = &g_array_index (layout->rows, IlvTimelineRow, i);

      if (row->kind == ILV_ROW_LANE || row->kind == ILV_ROW_COUNTER)
        {
          if (lane_n++ % 2 == 1)
            {
              ilv_palette_set_source (cr, &ctx->palette->lane_alt);
              cairo_rectangle (cr, row->rect.x, row->rect.y, row->rect.width, row->rect.height);
              cairo_fill (cr);
            }
          continue;
        }
      lane_n = 0;
      if (row->kind == ILV_ROW_TRACE)
        {
          /* A run in a comparison starts under a strong rule. */
          ilv_palette_set_source (cr, &ctx->palette->foreground);
          cairo_rectangle (cr, row->rect.x, row->rect.y, row->rect.width, MAX (2.0, 2 * ctx->scale));
          cairo_fill (cr);
        }
      ilv_palette_set_source (cr, &ctx->palette->header);
      cairo_rectangle (cr, row->rect.x, row->rect.y + 2 * ctx->scale,
                       row->rect.width, row->rect.height - 2 * ctx->scale);
      cairo_fill (cr);
    }
}

static void
draw_badge (IlvDrawContext       *ctx,
            const IlvTimelineRow *row,
            const char           *letter)
{
  cairo_t *cr = ctx->cr;
  PangoLayout *font = ctx->fonts[ILV_FONT_HEADER];
  double size = round (MIN (20 * ctx->scale, row->rect.height - 6 * ctx->scale));
  double x = row->rect.x + 4 * ctx->scale;
  double y = round (row->rect.y + 2 * ctx->scale + (row->rect.height - 2 * ctx->scale - size) / 2);
  double r = 3 * ctx->scale;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + size - r, y + size - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + size - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  ilv_palette_set_source (cr, &ctx->palette->foreground);
  cairo_fill (cr);

  pango_layout_set_text (font, letter, -1);
  ilv_palette_set_source (cr, &ctx->palette->background);
  ilv_text_draw_centered_y (cr, font, x + (size - ilv_text_measure (font, letter)) / 2, y + size / 2);
}

static void
draw_label (IlvDrawContext       *ctx,
            const IlvTimelineRow *row,
            IlvFontRole           role,
            double                width,
            double                y)
{
  PangoLayout *font = ctx->fonts[role];

  pango_layout_set_text (font, row->label, -1);
  pango_layout_set_width (font, (int) (MAX (1, width) * PANGO_SCALE));
  pango_layout_set_ellipsize (font, PANGO_ELLIPSIZE_END);
  ilv_palette_set_source (ctx->cr, &ctx->palette->foreground);
  ilv_text_draw_centered_y (ctx->cr, font, row->rect.x + row->indent, y);
  pango_layout_set_width (font, -1);
  pango_layout_set_ellipsize (font, PANGO_ELLIPSIZE_NONE);
}

/* A run's header in a comparison: the label on the left, the summary
 * flush right, or under the label when the layout found no room for
 * both on one line. */
static void
draw_trace_header (IlvDrawContext       *ctx,
                   const IlvTimelineRow *row)
{
  PangoLayout *font = ctx->fonts[ILV_FONT_LABEL];
  double pad = LABEL_PAD * ctx->scale;
  double top = row->rect.y + 2 * ctx->scale;
  double height = row->rect.height - 2 * ctx->scale;
  double width = row->rect.width - row->indent - pad;
  double detail_w = 0;
  double label_y = top + height / 2;
  double detail_x;
  double detail_y = label_y;

  if (row->detail != NULL)
    {
      detail_w = MIN (ilv_text_measure (font, row->detail), width);
      detail_x = row->rect.x + row->rect.width - pad - detail_w;
      if (row->wrapped)
        {
          label_y = top + height * 0.3;
          detail_y = top + height * 0.72;
          detail_x = row->rect.x + row->indent;
        }
      pango_layout_set_text (font, row->detail, -1);
      pango_layout_set_width (font, (int) (MAX (1, detail_w) * PANGO_SCALE));
      pango_layout_set_ellipsize (font, PANGO_ELLIPSIZE_END);
      ilv_palette_set_source (ctx->cr, &ctx->palette->foreground);
      ilv_text_draw_centered_y (ctx->cr, font, detail_x, detail_y);
      pango_layout_set_width (font, -1);
      pango_layout_set_ellipsize (font, PANGO_ELLIPSIZE_NONE);
    }
  if (row->detail != NULL && !row->wrapped)
    width -= detail_w + 2 * pad;
  draw_label (ctx, row, ILV_FONT_HEADER, width, label_y);
}

void
ilv_draw_row_labels (IlvDrawContext *ctx)
{
  IlvTimelineLayout *layout = ctx->layout;
  double pad = LABEL_PAD * ctx->scale;

  for (guint i = 0; i < layout->rows->len; i++)
    {
      const IlvTimelineRow *row = &g_array_index (layout->rows, IlvTimelineRow, i);
      IlvTrace *trace = layout->traces[row->trace];
      double center = row->rect.y + row->rect.height / 2;

      if (!row->label_visible)
        continue;
      switch (row->kind)
        {
        case ILV_ROW_TRACE:
          draw_trace_header (ctx, row);
          break;
        case ILV_ROW_PROCESS:
          draw_badge (ctx, row, kind_letter (ilv_trace_get_process (trace, row->index)->kind));
          draw_label (ctx, row, ILV_FONT_HEADER, row->rect.width - row->indent - pad, center + ctx->scale);
          break;
        case ILV_ROW_CORES:
          draw_badge (ctx, row, "C");
          draw_label (ctx, row, ILV_FONT_HEADER, row->rect.width - row->indent - pad, center + ctx->scale);
          break;
        case ILV_ROW_LANE:
        case ILV_ROW_COUNTER:
        default:
          draw_label (ctx, row, ILV_FONT_LABEL, layout->label_width - row->indent - pad, center);
          break;
        }
    }
}
