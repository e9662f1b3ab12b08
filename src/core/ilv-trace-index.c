/* ilv-trace-index.c: level-of-detail reading: spans, pixel columns, counters
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-trace-private.h"

/* Below this many spans in a column the dominant state's resource is the
 * one of its longest span there; above it, the one at the column's middle. */
#define SCAN_SPANS 16

static inline gint64
lane_end (IlvTrace *self)
{
  return self->finished ? self->end : self->now;
}

static IlvLane *
checked_lane (IlvTrace *self,
              guint     lane)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lane < self->lanes->len, NULL);
  return ilv_trace_lane (self, lane);
}

gsize
ilv_trace_lane_get_n_spans (IlvTrace *self,
                            guint     lane)
{
  IlvLane *l = checked_lane (self, lane);

  return l != NULL ? ilv_lane_n_spans (l) : 0;
}

void
ilv_trace_lane_get_span (IlvTrace *self,
                         guint     lane,
                         gsize     index,
                         IlvSpan  *span)
{
  IlvLane *l = checked_lane (self, lane);

  g_return_if_fail (span != NULL);
  g_return_if_fail (l != NULL && index < ilv_lane_n_spans (l));

  span->start = g_array_index (l->starts, gint64, index);
  span->end = index + 1 < l->starts->len
                ? g_array_index (l->starts, gint64, index + 1)
                : MAX (lane_end (self), span->start);
  span->state = g_array_index (l->states, guint8, index);
  span->resource = g_array_index (l->resources, gint16, index);
}

gssize
ilv_trace_lane_find_span (IlvTrace *self,
                          guint     lane,
                          gint64    time)
{
  IlvLane *l = checked_lane (self, lane);

  return l != NULL ? ilv_lane_find (l, time) : -1;
}

/* The sampler's "runnable, not on a core" intervals turn running time
 * into ready time. */
static void
apply_ready (IlvTrace *self,
             IlvLane  *lane,
             gint64    a,
             gint64    b,
             gint64    times[ILV_N_STATES])
{
  const IlvInterval *ready = (const IlvInterval *) (gpointer) lane->ready->data;
  gsize lo = 0;
  gsize hi = lane->ready->len;
  gint64 end = lane_end (self);

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (ready[mid].end <= a)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (gsize i = lo; i < lane->ready->len && ready[i].start < b; i++)
    {
      gint64 x = MAX (a, ready[i].start);
      gint64 y = MIN (MIN (b, ready[i].end), end);
      gint64 r;

      if (y <= x)
        continue;
      r = ilv_lane_time_in_state (lane, end, ILV_STATE_RUNNING, y) -
          ilv_lane_time_in_state (lane, end, ILV_STATE_RUNNING, x);
      times[ILV_STATE_RUNNING] -= r;
      times[ILV_STATE_READY] += r;
    }
}

/* Times per state in [a, b), given the cumulative times at a; leaves the
 * cumulative times at b in cum. */
static void
range_times (IlvTrace *self,
             IlvLane  *lane,
             gint64    a,
             gint64    b,
             gint64    cum[ILV_N_STATES],
             gint64    times[ILV_N_STATES])
{
  gint64 next[ILV_N_STATES];

  ilv_lane_cumulative (lane, lane_end (self), b, next);
  for (guint s = 0; s < ILV_N_STATES; s++)
    times[s] = next[s] - cum[s];
  memcpy (cum, next, sizeof next);
  if (lane->ready->len > 0)
    apply_ready (self, lane, a, b, times);
}

static gint
dominant_resource (IlvTrace *self,
                   IlvLane  *lane,
                   gint64    a,
                   gint64    b,
                   guint     dominant)
{
  gssize first = MAX (ilv_lane_find (lane, a), 0);
  gssize last = ilv_lane_find (lane, b - 1);
  gint64 best = -1;
  gint resource = G_MININT;

  if (last < first)
    return G_MININT;
  if (last - first >= SCAN_SPANS)
    first = last = ilv_lane_find (lane, a + (b - a) / 2);
  for (gssize i = first; i >= 0 && i <= last; i++)
    {
      IlvSpan span;
      gint64 overlap;

      span.start = g_array_index (lane->starts, gint64, i);
      span.end = (gsize) i + 1 < lane->starts->len
                   ? g_array_index (lane->starts, gint64, i + 1) : lane_end (self);
      overlap = MIN (span.end, b) - MAX (span.start, a);
      if (g_array_index (lane->states, guint8, i) == dominant && overlap > best)
        {
          best = overlap;
          resource = g_array_index (lane->resources, gint16, i);
        }
    }
  return resource;
}

static void
fill_column (IlvTrace  *self,
             IlvLane   *lane,
             gint64     a,
             gint64     b,
             gint64     times[ILV_N_STATES],
             IlvColumn *column)
{
  guint dominant = ILV_N_STATES;
  gint64 best = 0;
  gint resource;

  column->present = 0;
  for (guint s = 0; s < ILV_N_STATES; s++)
    if (times[s] > 0)
      {
        column->present |= 1u << s;
        if (times[s] > best)
          {
            best = times[s];
            dominant = s;
          }
      }
  column->dominant = dominant;
  column->dominant_resource_valid = FALSE;
  column->dominant_resource = -1;
  if (dominant == ILV_N_STATES || dominant == ILV_STATE_READY)
    return;
  resource = dominant_resource (self, lane, a, b, dominant);
  if (resource != G_MININT)
    {
      column->dominant_resource_valid = resource >= 0;
      column->dominant_resource = (gint16) resource;
    }
}

/* Column i covers [t0 + w·i/n, t0 + w·(i+1)/n), computed without overflow
 * so that a column's range depends on nothing else. */
static inline gint64
column_edge (gint64 t0,
             guint64 width,
             guint  n,
             guint  i)
{
  return t0 + (gint64) ((width / n) * i + (width % n) * i / n);
}

void
ilv_trace_lane_sample (IlvTrace  *self,
                       guint      lane,
                       gint64     t0,
                       gint64     t1,
                       guint      n_columns,
                       IlvColumn *columns)
{
  IlvLane *l = checked_lane (self, lane);
  gint64 cum[ILV_N_STATES];
  gint64 times[ILV_N_STATES];
  guint64 width;

  g_return_if_fail (columns != NULL || n_columns == 0);
  if (l == NULL || n_columns == 0)
    return;
  if (t1 < t0)
    t1 = t0;
  width = (guint64) t1 - (guint64) t0;
  ilv_lane_cumulative (l, lane_end (self), t0, cum);
  for (guint i = 0; i < n_columns; i++)
    {
      gint64 a = column_edge (t0, width, n_columns, i);
      gint64 b = column_edge (t0, width, n_columns, i + 1);

      range_times (self, l, a, b, cum, times);
      fill_column (self, l, a, b, times, &columns[i]);
    }
}

void
ilv_trace_lane_state_times (IlvTrace *self,
                            guint     lane,
                            gint64    t0,
                            gint64    t1,
                            gint64    times[ILV_N_STATES])
{
  IlvLane *l = checked_lane (self, lane);
  gint64 cum[ILV_N_STATES];

  g_return_if_fail (times != NULL);
  memset (times, 0, sizeof (gint64) * ILV_N_STATES);
  if (l == NULL || t1 <= t0)
    return;
  ilv_lane_cumulative (l, lane_end (self), t0, cum);
  range_times (self, l, t0, t1, cum, times);
}

/* Counters. */

static void
update_blocks (IlvResource *res)
{
  const IlvPoint *points = (const IlvPoint *) (gpointer) res->points->data;
  gsize n = res->points->len;
  gsize n_blocks = (n + ILV_TRACE_COUNTER_BLOCK - 1) / ILV_TRACE_COUNTER_BLOCK;

  g_array_set_size (res->block_min, n_blocks);
  g_array_set_size (res->block_max, n_blocks);
  for (gsize b = res->blocks_valid / ILV_TRACE_COUNTER_BLOCK; b < n_blocks; b++)
    {
      gsize end = MIN (n, (b + 1) * ILV_TRACE_COUNTER_BLOCK);
      gint64 lo = G_MAXINT64;
      gint64 hi = G_MININT64;

      for (gsize i = b * ILV_TRACE_COUNTER_BLOCK; i < end; i++)
        {
          lo = MIN (lo, points[i].value);
          hi = MAX (hi, points[i].value);
        }
      g_array_index (res->block_min, gint64, b) = lo;
      g_array_index (res->block_max, gint64, b) = hi;
    }
  res->blocks_valid = (n / ILV_TRACE_COUNTER_BLOCK) * ILV_TRACE_COUNTER_BLOCK;
}

/* Number of points before `time`. */
static gsize
points_before (GArray *points,
               gint64  time)
{
  const IlvPoint *p = (const IlvPoint *) (gpointer) points->data;
  gsize lo = 0;
  gsize hi = points->len;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (p[mid].time < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Min and max of points [lo, hi), whole blocks from the block summary. */
static void
range_min_max (IlvResource *res,
               gsize        lo,
               gsize        hi,
               gint64      *min,
               gint64      *max)
{
  const IlvPoint *p = (const IlvPoint *) (gpointer) res->points->data;
  const gsize B = ILV_TRACE_COUNTER_BLOCK;

  while (lo < hi)
    {
      if (lo % B == 0 && lo + B <= hi)
        {
          *min = MIN (*min, g_array_index (res->block_min, gint64, lo / B));
          *max = MAX (*max, g_array_index (res->block_max, gint64, lo / B));
          lo += B;
        }
      else
        {
          *min = MIN (*min, p[lo].value);
          *max = MAX (*max, p[lo].value);
          lo++;
        }
    }
}

void
ilv_trace_counter_sample (IlvTrace         *self,
                          guint             resource,
                          gint64            t0,
                          gint64            t1,
                          guint             n_columns,
                          IlvCounterColumn *columns)
{
  IlvResource *res;
  const IlvPoint *p;
  guint64 width;
  gsize before;

  g_return_if_fail (self != NULL);
  g_return_if_fail (resource < self->resources->len);
  g_return_if_fail (columns != NULL || n_columns == 0);

  res = g_ptr_array_index (self->resources, resource);
  update_blocks (res);
  p = (const IlvPoint *) (gpointer) res->points->data;
  if (t1 < t0)
    t1 = t0;
  width = (guint64) t1 - (guint64) t0;
  before = points_before (res->points, t0);
  for (guint i = 0; i < n_columns; i++)
    {
      gint64 a = column_edge (t0, width, n_columns, i);
      gint64 b = column_edge (t0, width, n_columns, i + 1);
      gsize upto = points_before (res->points, b);
      IlvCounterColumn *col = &columns[i];

      col->valid = upto > 0;
      col->min = G_MAXINT64;
      col->max = G_MININT64;
      if (!col->valid)
        col->min = col->max = col->last = 0;
      else
        {
          /* The value in effect at the column's start counts too. */
          gsize from = before;

          if (before > 0 && (before == upto || p[before].time > a))
            from = before - 1;
          range_min_max (res, from, upto, &col->min, &col->max);
          col->last = p[upto - 1].value;
        }
      before = upto;
    }
}
