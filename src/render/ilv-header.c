/* ilv-header.c: the title, the description and the summary line
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "ilv-render-private.h"
#include "ilv-summary.h"

static gint64
total_lost_updates (const IlvSummary *summary)
{
  gint64 lost = 0;

  for (guint i = 0; i < summary->values->len; i++)
    lost += g_array_index (summary->values, IlvValueSummary, i).lost_updates;
  return lost;
}

char *
ilv_summary_line_new (IlvTrace *trace)
{
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *wall = ilv_format_duration ((gint64) (summary->wall_ms * 1e6));
  const char *sep = "  ·  ";

  g_string_append_printf (line, _("wall %s"), wall);
  if (summary->sequential_ms > 0 && summary->wall_ms > 0)
    {
      g_string_append (line, sep);
      g_string_append_printf (line, _("speedup %.2f×"), summary->speedup);
    }
  if (summary->gil)
    {
      g_string_append (line, sep);
      g_string_append_printf (line, _("GIL wait %.0f%%"), summary->gil_wait_share * 100);
    }
  if (summary->locks->len > 0)
    {
      g_string_append (line, sep);
      g_string_append_printf (line, _("lock wait %.0f%%"), summary->lock_wait_share * 100);
    }
  if (summary->values->len > 0)
    {
      g_string_append (line, sep);
      g_string_append_printf (line, _("lost updates %" PRId64), total_lost_updates (summary));
    }
  if (summary->stopped != ILV_STOP_FINISHED && ilv_trace_is_finished (trace))
    {
      g_string_append (line, sep);
      if (summary->stop_message != NULL && summary->stop_message[0] != '\0')
        g_string_append_printf (line, _("stopped: %s"), summary->stop_message);
      else
        g_string_append_printf (line, _("stopped: %s"), ilv_stop_reason_to_string (summary->stopped));
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
draw_line (IlvDrawContext *ctx,
           IlvFontRole     role,
           const char     *text,
           const IlvRgba  *color,
           double          x,
           double          y,
           double          width)
{
  PangoLayout *layout = ctx->fonts[role];

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  ilv_palette_set_source (ctx->cr, color);
  ilv_text_draw_centered_y (ctx->cr, layout, x, y);
  pango_layout_set_width (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
}

static void
draw_summary_right (IlvDrawContext *ctx,
                    double          y)
{
  IlvTimelineLayout *layout = ctx->layout;
  PangoLayout *font = ctx->fonts[ILV_FONT_SUBTITLE];
  double w = ilv_text_measure (font, layout->summary);

  ilv_palette_set_source (ctx->cr, &ctx->palette->foreground);
  ilv_text_draw_centered_y (ctx->cr, font, layout->title_area.x + layout->title_area.width - w, y);
}

void
ilv_draw_header (IlvDrawContext *ctx)
{
  IlvTimelineLayout *layout = ctx->layout;
  const IlvRect *area = &layout->title_area;
  double title_h = ilv_text_line_height (ILV_FONT_TITLE, ctx->scale);
  double line_h = ilv_text_line_height (ILV_FONT_SUBTITLE, ctx->scale);
  double y = area->y;

  if (layout->options.show_title)
    {
      double title_w = area->width;

      if (layout->summary_beside_title)
        title_w -= ilv_text_measure (ctx->fonts[ILV_FONT_SUBTITLE], layout->summary) + 24 * ctx->scale;
      draw_line (ctx, ILV_FONT_TITLE, layout->title, &ctx->palette->foreground,
                 area->x, y + title_h / 2, title_w);
      if (layout->summary_beside_title)
        draw_summary_right (ctx, y + title_h / 2);
      y += title_h;
      if (layout->description[0] != '\0')
        {
          draw_line (ctx, ILV_FONT_SUBTITLE, layout->description, &ctx->palette->muted,
                     area->x, y + line_h / 2, area->width);
          y += line_h;
        }
    }
  if (layout->summary != NULL && !layout->summary_beside_title)
    draw_line (ctx, ILV_FONT_SUBTITLE, layout->summary, &ctx->palette->foreground,
               area->x, y + line_h / 2, area->width);
}
