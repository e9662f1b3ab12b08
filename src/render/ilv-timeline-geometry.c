/* ilv-timeline-geometry.c: reading a layout: areas, rows, bars, time and x
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ilv-render-private.h"

const IlvRenderOptions *
ilv_timeline_layout_get_options (IlvTimelineLayout *self)
{
  return &self->options;
}

guint
ilv_timeline_layout_get_n_traces (IlvTimelineLayout *self)
{
  return self->n_traces;
}

gint
ilv_timeline_layout_get_highlight (IlvTimelineLayout *self,
                                   guint              trace)
{
  gint resource = self->options.highlight_resource;
  guint from = self->options.highlight_trace;
  const IlvResourceInfo *wanted;

  if (resource < 0 || trace == from)
    return resource;
  if (from >= self->n_traces || trace >= self->n_traces ||
      (guint) resource >= ilv_trace_get_n_resources (self->traces[from]))
    return G_MAXINT;

  wanted = ilv_trace_get_resource (self->traces[from], (guint) resource);
  for (guint r = 0; r < ilv_trace_get_n_resources (self->traces[trace]); r++)
    {
      const IlvResourceInfo *info = ilv_trace_get_resource (self->traces[trace], r);

      if (info->kind == wanted->kind && g_strcmp0 (info->name, wanted->name) == 0)
        return (gint) r;
    }
  return G_MAXINT;
}

IlvTrace *
ilv_timeline_layout_get_trace (IlvTimelineLayout *self,
                               guint              trace)
{
  g_return_val_if_fail (trace < self->n_traces, NULL);
  return self->traces[trace];
}

double
ilv_timeline_layout_get_natural_height (IlvTimelineLayout *self)
{
  return self->natural_height;
}

void
ilv_timeline_layout_get_title_area (IlvTimelineLayout *self,
                                    IlvRect           *rect)
{
  *rect = self->title_area;
}

void
ilv_timeline_layout_get_ruler_area (IlvTimelineLayout *self,
                                    IlvRect           *rect)
{
  *rect = self->ruler_area;
}

void
ilv_timeline_layout_get_plot_area (IlvTimelineLayout *self,
                                   IlvRect           *rect)
{
  *rect = self->plot_area;
}

void
ilv_timeline_layout_get_legend_area (IlvTimelineLayout *self,
                                     IlvRect           *rect)
{
  *rect = self->legend_area;
}

guint
ilv_timeline_layout_get_n_rows (IlvTimelineLayout *self)
{
  return self->rows->len;
}

const IlvTimelineRow *
ilv_timeline_layout_get_row (IlvTimelineLayout *self,
                             guint              row)
{
  g_return_val_if_fail (row < self->rows->len, NULL);
  return &g_array_index (self->rows, IlvTimelineRow, row);
}

gint
ilv_timeline_layout_find_row (IlvTimelineLayout *self,
                              guint              trace,
                              IlvRowKind         kind,
                              guint              index)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      const IlvTimelineRow *row = &g_array_index (self->rows, IlvTimelineRow, i);

      if (row->trace == trace && row->kind == kind && row->index == index)
        return (gint) i;
    }
  return -1;
}

gint
ilv_timeline_layout_row_at (IlvTimelineLayout *self,
                            double             y)
{
  guint lo = 0, hi = self->rows->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const IlvTimelineRow *row = &g_array_index (self->rows, IlvTimelineRow, mid);

      if (y < row->rect.y)
        hi = mid;
      else if (y >= row->rect.y + row->rect.height)
        lo = mid + 1;
      else
        return (gint) mid;
    }
  return -1;
}

void
ilv_timeline_layout_get_content_rect (IlvTimelineLayout *self,
                                      guint              row,
                                      IlvRect           *rect)
{
  const IlvTimelineRow *r = ilv_timeline_layout_get_row (self, row);
  double natural = row < self->row_natural->len
                     ? g_array_index (self->row_natural, double, row) : r->rect.height;
  double growth = r->kind == ILV_ROW_COUNTER ? ILV_LAYOUT_TRACK_GROWTH : ILV_LAYOUT_BAR_GROWTH;
  double most = round (growth * natural);

  *rect = r->rect;
  if (self->options.fill_height && rect->height > most)
    {
      double centre = (r->rect.height - most) / 2;

      /* A lane's bar, not its bar and hold together, level with its label. */
      if (r->kind == ILV_ROW_LANE)
        {
          double pad = MAX (1, round (most * 0.08));

          centre = MIN (r->rect.height / 2 - pad - round ((most - 2 * pad) * 0.72) / 2,
                        r->rect.height - most);
        }
      rect->y = r->rect.y + round (MAX (0, centre));
      rect->height = most;
    }
}

void
ilv_timeline_layout_get_bar_rect (IlvTimelineLayout *self,
                                  guint              row,
                                  IlvRect           *rect)
{
  IlvRect content;
  double pad;

  ilv_timeline_layout_get_content_rect (self, row, &content);
  pad = MAX (1, round (content.height * 0.08));
  rect->x = self->plot_area.x;
  rect->width = self->plot_area.width;
  rect->y = content.y + pad;
  rect->height = MAX (1, round ((content.height - 2 * pad) * 0.72));
}

void
ilv_timeline_layout_get_hold_rect (IlvTimelineLayout *self,
                                   guint              row,
                                   IlvRect           *rect)
{
  IlvRect content;
  IlvRect bar;
  double pad;

  ilv_timeline_layout_get_content_rect (self, row, &content);
  pad = MAX (1, round (content.height * 0.08));
  ilv_timeline_layout_get_bar_rect (self, row, &bar);
  rect->x = bar.x;
  rect->width = bar.width;
  rect->y = bar.y + bar.height + MAX (1, round (pad / 2));
  rect->height = MAX (1, content.y + content.height - pad - rect->y);
}

void
ilv_timeline_layout_get_range (IlvTimelineLayout *self,
                               gint64            *t0,
                               gint64            *t1)
{
  if (t0)
    *t0 = self->t0;
  if (t1)
    *t1 = self->t1;
}

double
ilv_timeline_layout_time_to_x (IlvTimelineLayout *self,
                               gint64             rel_ns)
{
  return self->plot_area.x +
         (double) (rel_ns - self->t0) / (double) (self->t1 - self->t0) * self->plot_area.width;
}

gint64
ilv_timeline_layout_x_to_time (IlvTimelineLayout *self,
                               double             x)
{
  return self->t0 + (gint64) floor ((x - self->plot_area.x) / self->plot_area.width *
                                    (double) (self->t1 - self->t0));
}

guint32
ilv_timeline_layout_get_legend_states (IlvTimelineLayout *self)
{
  return self->legend_states;
}
