/* ilv-legend.c: which states the drawing shows, and their swatches
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ilv-render-private.h"

#define SWATCH     16.0
#define SWATCH_GAP  7.0
#define ITEM_GAP   24.0

static const char *
state_label (IlvState state)
{
  switch (state)
    {
    case ILV_STATE_RUNNING:    return _("running");
    case ILV_STATE_READY:      return _("ready (no core)");
    case ILV_STATE_GIL_WAIT:   return _("GIL wait");
    case ILV_STATE_LOCK_WAIT:  return _("lock wait");
    case ILV_STATE_QUEUE_WAIT: return _("queue wait");
    case ILV_STATE_EVENT_WAIT: return _("event wait");
    case ILV_STATE_SLEEP:      return _("sleep / I/O");
    case ILV_STATE_SUSPENDED:  return _("suspended (await)");
    case ILV_STATE_CRASHED:    return _("crashed");
    default:                   return ilv_state_to_string (state);
    }
}

guint32
ilv_legend_states_present (IlvTrace * const *traces,
                           guint             n_traces,
                           gint64            t0,
                           gint64            t1)
{
  guint32 mask = 0;

  for (guint t = 0; t < n_traces; t++)
    {
      IlvTrace *trace = traces[t];
      gint64 start = ilv_trace_get_start (trace);

      for (guint l = 0; l < ilv_trace_get_n_lanes (trace); l++)
        {
          gint64 times[ILV_N_STATES] = { 0, };

          if (ilv_trace_get_lane (trace, l)->kind != ILV_LANE_WORKER)
            continue;
          ilv_trace_lane_state_times (trace, l, start + t0, start + t1, times);
          for (guint s = 0; s < ILV_N_STATES; s++)
            if (times[s] > 0 && ilv_palette_state_is_drawn (s))
              mask |= 1u << s;
        }
    }
  return mask;
}

/* Looks at a bounded number of holds per lane: enough to find both kinds
 * wherever both are common, without walking a million holds per frame. */
#define HOLDS_LOOKED_AT 4096

guint
ilv_legend_holds_present (IlvTrace * const *traces,
                          guint             n_traces,
                          gint64            t0,
                          gint64            t1)
{
  guint kinds = 0;

  for (guint t = 0; t < n_traces; t++)
    {
      IlvTrace *trace = traces[t];
      gint64 start = ilv_trace_get_start (trace);

      for (guint l = 0; l < ilv_trace_get_n_lanes (trace); l++)
        {
          gsize n = ilv_trace_lane_get_n_holds (trace, l);
          const IlvHold *holds = ilv_trace_lane_get_holds (trace, l);
          gsize i, looked;

          if (n == 0)
            continue;
          for (i = ilv_holds_find_first (holds, n, start + t0), looked = 0;
               i < n && holds[i].start < start + t1 && looked < HOLDS_LOOKED_AT; i++, looked++)
            {
              if (holds[i].end > start + t0)
                kinds |= holds[i].contended ? ILV_HOLDS_CONTENDED : ILV_HOLDS_UNCONTENDED;
            }
          if (kinds == (ILV_HOLDS_CONTENDED | ILV_HOLDS_UNCONTENDED))
            return kinds;
        }
    }
  return kinds;
}

static gboolean
present_is_fresh (IlvTimelineLayout *self)
{
  if (!self->present_valid || self->present_t0 != self->t0 || self->present_t1 != self->t1)
    return FALSE;
  for (guint t = 0; t < self->n_traces; t++)
    if (self->present_serials[t] != ilv_trace_get_serial (self->traces[t]))
      return FALSE;
  return TRUE;
}

/* Looked for again only when the range or a trace changed: a redraw of
 * the same view walks no lane. */
void
ilv_legend_find_present (IlvTimelineLayout *self)
{
  if (!present_is_fresh (self))
    {
      self->present_states = ilv_legend_states_present (self->traces, self->n_traces, self->t0, self->t1);
      self->present_holds = ilv_legend_holds_present (self->traces, self->n_traces, self->t0, self->t1);
      self->present_t0 = self->t0;
      self->present_t1 = self->t1;
      for (guint t = 0; t < self->n_traces; t++)
        self->present_serials[t] = ilv_trace_get_serial (self->traces[t]);
      self->present_valid = TRUE;
    }
  self->legend_states = self->present_states;
  self->legend_holds = self->present_holds;
}

static void
append_item (IlvTimelineLayout *self,
             PangoLayout       *font,
             IlvLegendKind      kind,
             IlvState           state,
             const char        *text,
             double            *x,
             double            *y)
{
  double s = self->scale;
  double line = ilv_text_line_height (ILV_FONT_LABEL, s);
  double w = ilv_text_measure (font, text);
  double item_w = SWATCH * s + SWATCH_GAP * s + w;
  double left = self->legend_area.x;
  IlvLegendItem item;

  if (*x > left && *x + item_w > left + self->legend_area.width)
    {
      *x = left;
      *y += line;
    }
  item.kind = kind;
  item.state = state;
  item.text = text;
  item.swatch = (IlvRect) { round (*x), round (*y + (line - SWATCH * s) / 2), round (SWATCH * s), round (SWATCH * s) };
  item.text_x = *x + (SWATCH + SWATCH_GAP) * s;
  item.rect = (IlvRect) { *x, *y, item_w, line };
  g_array_append_val (self->legend_items, item);
  *x += item_w + ITEM_GAP * s;
}

void
ilv_legend_layout (IlvTimelineLayout *self,
                   double             y)
{
  PangoLayout *font = ilv_text_layout_new (self->pango, ILV_FONT_LABEL, self->scale);
  double s = self->scale;
  double x, top = y + 6 * s;
  guint holds;

  g_array_set_size (self->legend_items, 0);
  self->legend_area = (IlvRect) { 16 * s, y, self->options.width - 32 * s, 0 };
  x = self->legend_area.x;
  for (guint st = 0; st < ILV_N_STATES; st++)
    if (self->legend_states & (1u << st))
      append_item (self, font, ILV_LEGEND_STATE, st, state_label (st), &x, &top);
  holds = self->legend_holds;
  if (holds & ILV_HOLDS_CONTENDED)
    append_item (self, font, ILV_LEGEND_HOLD_CONTENDED, ILV_N_STATES,
                 _("lock held, others waiting"), &x, &top);
  if (holds & ILV_HOLDS_UNCONTENDED)
    append_item (self, font, ILV_LEGEND_HOLD_UNCONTENDED, ILV_N_STATES,
                 _("lock held, nobody waiting"), &x, &top);
  if (self->legend_items->len > 0)
    self->legend_area.height = top + ilv_text_line_height (ILV_FONT_LABEL, s) - y;
  g_object_unref (font);
}

static void
draw_swatch (IlvDrawContext      *ctx,
             const IlvLegendItem *item)
{
  cairo_t *cr = ctx->cr;
  const IlvRect *r = &item->swatch;
  double line = MAX (1.0, ctx->scale);
  /* Each lock has its own colour: the swatch shows the shape only. */
  const IlvRgba *lock = &ctx->palette->foreground;

  switch (item->kind)
    {
    case ILV_LEGEND_STATE:
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      ilv_palette_set_source (cr, &ctx->palette->state[item->state]);
      if (ctx->patterns[item->state] != NULL)
        {
          cairo_fill_preserve (cr);
          cairo_set_source (cr, ctx->patterns[item->state]);
        }
      cairo_fill (cr);
      if (item->state == ILV_STATE_CRASHED)
        {
          cairo_move_to (cr, r->x, r->y);
          cairo_line_to (cr, r->x + r->width, r->y + r->height);
          cairo_move_to (cr, r->x + r->width, r->y);
          cairo_line_to (cr, r->x, r->y + r->height);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_set_line_width (cr, line);
          cairo_stroke (cr);
        }
      break;
    case ILV_LEGEND_HOLD_CONTENDED:
      ilv_palette_set_source (cr, lock);
      cairo_rectangle (cr, r->x, r->y + r->height * 0.6, r->width, r->height * 0.4);
      cairo_fill (cr);
      break;
    case ILV_LEGEND_HOLD_UNCONTENDED:
    default:
      ilv_palette_set_source (cr, lock);
      cairo_rectangle (cr, r->x + line / 2, r->y + r->height * 0.6 + line / 2,
                       r->width - line, r->height * 0.4 - line);
      cairo_set_line_width (cr, line);
      cairo_stroke (cr);
      break;
    }
}

void
ilv_draw_legend (IlvDrawContext *ctx)
{
  GArray *items = ctx->layout->legend_items;
  PangoLayout *font = ctx->fonts[ILV_FONT_LABEL];

  for (guint i = 0; i < items->len; i++)
    {
      const IlvLegendItem *item = &g_array_index (items, IlvLegendItem, i);

      draw_swatch (ctx, item);
      pango_layout_set_text (font, item->text, -1);
      ilv_palette_set_source (ctx->cr, &ctx->palette->foreground);
      ilv_text_draw_centered_y (ctx->cr, font, item->text_x, item->rect.y + item->rect.height / 2);
    }
}
