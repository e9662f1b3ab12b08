/* ilv-timeline-hit.c: what is under a point, from the layout's geometry
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "ilv-render-private.h"

#define HIT_SLOP 4.0   /* px at scale 1 */

static gboolean
rect_contains (const IlvRect *r,
               double         x,
               double         y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

static gboolean
hit_legend (IlvTimelineLayout *self,
            double             x,
            double             y,
            IlvTimelineHit    *hit)
{
  for (guint i = 0; i < self->legend_items->len; i++)
    {
      const IlvLegendItem *item = &g_array_index (self->legend_items, IlvLegendItem, i);

      if (item->kind == ILV_LEGEND_STATE && rect_contains (&item->rect, x, y))
        {
          hit->kind = ILV_HIT_LEGEND;
          hit->state = item->state;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
hit_hold (IlvTimelineLayout *self,
          IlvTrace          *trace,
          guint              lane,
          gint64             time,
          gint64             slop,
          IlvTimelineHit    *hit)
{
  gsize n = ilv_trace_lane_get_n_holds (trace, lane);
  const IlvHold *holds = ilv_trace_lane_get_holds (trace, lane);

  for (gsize i = n > 0 ? ilv_holds_find_first (holds, n, time - slop) : 0;
       i < n && holds[i].start <= time + slop; i++)
    {
      if (holds[i].end >= time - slop)
        {
          hit->kind = ILV_HIT_HOLD;
          hit->hold = holds[i];
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
hit_flow (IlvTimelineLayout *self,
          guint              t,
          guint              lane,
          double             x,
          double             slop,
          IlvTimelineHit    *hit)
{
  IlvTrace *trace = self->traces[t];
  gsize n = ilv_trace_get_n_flows (trace);
  const IlvFlow *flows = ilv_trace_get_flows (trace);
  gint64 start = ilv_trace_get_start (trace);
  gint highlight = ilv_timeline_layout_get_highlight (self, t);

  for (gsize i = 0; i < n; i++)
    {
      const IlvFlow *f = &flows[i];
      gboolean near_to = f->to_lane == lane &&
                         fabs (ilv_timeline_layout_time_to_x (self, f->to_time - start) - x) <= slop;
      gboolean near_from = f->from_lane == lane &&
                           fabs (ilv_timeline_layout_time_to_x (self, f->from_time - start) - x) <= slop;

      if (f->kind == ILV_FLOW_LOCK && f->resource != highlight)
        continue;
      if (near_to || near_from)
        {
          hit->kind = ILV_HIT_FLOW;
          hit->flow = *f;
          return TRUE;
        }
    }
  return FALSE;
}

static void
hit_lane (IlvTimelineLayout *self,
          guint              row,
          double             x,
          double             y,
          IlvTimelineHit    *hit)
{
  const IlvTimelineRow *r = ilv_timeline_layout_get_row (self, row);
  IlvTrace *trace = self->traces[r->trace];
  double slop = HIT_SLOP * self->scale;
  gint64 slop_ns = (gint64) (slop / self->plot_area.width * (double) (self->t1 - self->t0));
  IlvRect hold;
  gssize span;

  ilv_timeline_layout_get_hold_rect (self, row, &hold);
  if (y >= hold.y - 1 && hit_hold (self, trace, r->index, hit->time, slop_ns, hit))
    return;
  if (hit_flow (self, r->trace, r->index, x, slop, hit))
    return;
  span = ilv_trace_lane_find_span (trace, r->index, hit->time);
  if (span >= 0)
    {
      hit->kind = ILV_HIT_SPAN;
      ilv_trace_lane_get_span (trace, r->index, (gsize) span, &hit->span);
      hit->state = hit->span.state;
    }
}

static void
hit_counter (IlvTimelineLayout *self,
             guint              row,
             IlvTimelineHit    *hit)
{
  const IlvTimelineRow *r = ilv_timeline_layout_get_row (self, row);
  IlvTrace *trace = self->traces[r->trace];
  gsize n = ilv_trace_counter_get_n_points (trace, r->index);
  const IlvPoint *points = ilv_trace_counter_get_points (trace, r->index);
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (points[mid].time <= hit->time)
        lo = mid + 1;
      else
        hi = mid;
    }
  hit->kind = ILV_HIT_COUNTER;
  hit->value = lo > 0 ? points[lo - 1].value : ilv_trace_get_resource (trace, r->index)->initial;
}

gboolean
ilv_timeline_layout_hit (IlvTimelineLayout *self,
                         double             x,
                         double             y,
                         IlvTimelineHit    *hit)
{
  const IlvTimelineRow *r;
  gint row;

  g_return_val_if_fail (self != NULL && hit != NULL, FALSE);

  memset (hit, 0, sizeof *hit);
  hit->row = -1;
  hit->span.resource = -1;
  if (hit_legend (self, x, y, hit))
    return TRUE;
  if (rect_contains (&self->title_area, x, y))
    hit->kind = ILV_HIT_TITLE;
  else if (rect_contains (&self->ruler_area, x, y))
    {
      hit->kind = ILV_HIT_RULER;
      hit->time = ilv_trace_get_start (self->traces[0]) + ilv_timeline_layout_x_to_time (self, x);
    }
  if (hit->kind != ILV_HIT_NONE)
    return TRUE;

  row = ilv_timeline_layout_row_at (self, y);
  if (row < 0 || x < self->title_area.x || x >= self->plot_area.x + self->plot_area.width)
    return FALSE;
  r = ilv_timeline_layout_get_row (self, (guint) row);
  hit->row = row;
  hit->trace = r->trace;
  hit->time = ilv_trace_get_start (self->traces[r->trace]) + ilv_timeline_layout_x_to_time (self, x);
  if (x < self->plot_area.x || (r->kind != ILV_ROW_LANE && r->kind != ILV_ROW_COUNTER))
    hit->kind = ILV_HIT_LABEL;
  else if (r->kind == ILV_ROW_LANE)
    hit_lane (self, (guint) row, x, y, hit);
  else
    hit_counter (self, (guint) row, hit);
  return hit->kind != ILV_HIT_NONE;
}
