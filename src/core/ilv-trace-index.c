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

/* GIL and core lanes are rebuilt when read, not on every append: the
 * engine appends lane by lane, a view reads once a frame. */
static inline IlvLane *
checked_lane (IlvTrace *self,
              guint     lane)
{
  IlvLane *l;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lane < self->lanes->len, NULL);
  l = g_ptr_array_index (self->lanes, lane);
  if (G_UNLIKELY (l->derived != NULL && l->derived_sorted < l->derived->len))
    ilv_lane_derived_replay (l);
  return l;
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
  g_return_if_fail (l != NULL && index < l->n_spans);

  span->start = l->starts[index];
  span->end = index + 1 < l->n_spans
                ? l->starts[index + 1]
                : MAX (lane_end (self), span->start);
  span->state = l->states[index];
  span->resource = l->resources[index];
}

gssize
ilv_trace_lane_find_span (IlvTrace *self,
                          guint     lane,
                          gint64    time)
{
  IlvLane *l = checked_lane (self, lane);

  return l != NULL ? ilv_lane_find (l, time) : -1;
}

/* Walks a lane left to right: the cumulative time per state at `pos`,
 * and the span there. Moving on costs the spans passed (at most a
 * checkpoint's worth, then it jumps) plus a galloping search. */
typedef struct
{
  IlvLane *lane;
  gint64   end;      /* the lane's end: now, or the run's end */
  gssize   i;        /* span at pos; -1 before the first */
  gint64   pos;
  gint64   cum[ILV_N_STATES];
} Cursor;

static inline gint64
start_at (const IlvLane *lane,
          gssize         i)
{
  return lane->starts[i];
}

static inline gint64
end_at (const Cursor *c,
        gssize        i)
{
  return (gsize) i + 1 < c->lane->n_spans ? start_at (c->lane, i + 1) : c->end;
}

/* The last span starting at or before `time`, searching from `from`. */
static inline gssize
find_from (const IlvLane *lane,
           gssize         from,
           gint64         time)
{
  return ilv_lane_find_from (lane, from, time);
}

static void
cursor_init (Cursor   *c,
             IlvTrace *self,
             IlvLane  *lane,
             gint64    t)
{
  c->lane = lane;
  c->end = lane_end (self);
  c->i = ilv_lane_find (lane, t);
  c->pos = t;
  ilv_lane_cumulative_at (lane, c->end, c->i, t, c->cum);
}

static void
cursor_advance (Cursor *c,
                gint64  t)
{
  const IlvLane *lane = c->lane;
  gssize target = find_from (lane, c->i, t);
  gssize j = c->i;
  gint64 pos = c->pos;
  gint64 x;

  if (target < 0 || target - j > ILV_TRACE_CHECKPOINT)
    {
      if (target >= 0)
        ilv_lane_cumulative_at (lane, c->end, target, t, c->cum);
      c->i = target;
      c->pos = t;
      return;
    }
  if (j < 0)
    {
      j = 0;
      pos = start_at (lane, 0);
    }
  for (; j < target; j++)
    {
      gint64 e = start_at (lane, j + 1);

      if (e > pos)
        c->cum[lane->states[j]] += e - pos;
      pos = MAX (pos, e);
    }
  x = MIN (t, end_at (c, target));
  if (x > pos)
    c->cum[lane->states[target]] += x - pos;
  c->i = target;
  c->pos = t;
}

/* Walks a lane's sampler intervals along with a Cursor: `i` is the first
 * interval ending after the cursor's position (the intervals are in
 * order and do not overlap, so their ends are in order too). */
typedef struct
{
  const IlvInterval *v;
  gsize              n;
  gsize              i;
} ReadyCursor;

static void
ready_init (ReadyCursor   *r,
            const IlvLane *lane,
            gint64         t)
{
  gsize lo = 0;
  gsize hi = lane->ready->len;

  r->v = (const IlvInterval *) (gpointer) lane->ready->data;
  r->n = lane->ready->len;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (r->v[mid].end <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  r->i = lo;
}

/* Columns come left to right: the intervals that ended are passed once. */
static inline void
ready_skip (ReadyCursor *r,
            gint64       t)
{
  while (r->i < r->n && r->v[r->i].end <= t)
    r->i++;
}

/* How much of [a, b), up to the lane's end, sampler intervals cover. */
static gint64
ready_overlap (ReadyCursor *r,
               gint64       a,
               gint64       b,
               gint64       end)
{
  gint64 sum = 0;

  ready_skip (r, a);
  for (gsize k = r->i; k < r->n && r->v[k].start < b; k++)
    {
      gint64 x = MAX (a, r->v[k].start);
      gint64 y = MIN (MIN (b, r->v[k].end), end);

      if (y > x)
        sum += y - x;
    }
  return sum;
}

/* Running time up to t: the cursor's own sum when t lies ahead of it (it
 * moves there), else counted afresh. */
static inline gint64
running_at (Cursor *c,
            gint64  t)
{
  if (t < c->pos)
    return ilv_lane_time_in_state (c->lane, c->end, ILV_STATE_RUNNING, t);
  cursor_advance (c, t);
  return c->cum[ILV_STATE_RUNNING];
}

/* Times per state in [a, b), the cursor standing at a; it moves to b,
 * stopping at the edges of the sampler's intervals on the way: their
 * "runnable, not on a core" turns running time into ready time. */
static void
range_times (Cursor      *c,
             ReadyCursor *r,
             gint64       b,
             gint64       times[ILV_N_STATES])
{
  gint64 a = c->pos;
  gint64 ready = 0;

  memcpy (times, c->cum, sizeof c->cum);
  ready_skip (r, a);
  for (gsize k = r->i; k < r->n && r->v[k].start < b; k++)
    {
      gint64 x = MAX (a, r->v[k].start);
      gint64 y = MIN (MIN (b, r->v[k].end), c->end);
      gint64 running_x;

      if (y <= x)
        continue;
      running_x = running_at (c, x);
      ready += running_at (c, y) - running_x;
    }
  cursor_advance (c, b);
  for (guint s = 0; s < ILV_N_STATES; s++)
    times[s] = c->cum[s] - times[s];
  times[ILV_STATE_RUNNING] -= ready;
  times[ILV_STATE_READY] += ready;
}

/* The resource of the dominant state's longest span among spans
 * [first, last] of the column [a, b). */
static gint
dominant_resource (const Cursor *c,
                   gssize        first,
                   gssize        last,
                   gint64        a,
                   gint64        b,
                   guint         dominant)
{
  const IlvLane *lane = c->lane;
  gint64 best = -1;
  gint resource = G_MININT;

  first = MAX (first, 0);
  if (last >= 0 && start_at (lane, last) >= b && last > first)
    last--;
  if (last < first)
    return G_MININT;
  if (last - first >= SCAN_SPANS)
    first = last = find_from (lane, first, a + (b - a) / 2);
  for (gssize i = first; i <= last; i++)
    {
      gint64 overlap = MIN (end_at (c, i), b) - MAX (start_at (lane, i), a);

      if (lane->states[i] == dominant && overlap > best)
        {
          best = overlap;
          resource = lane->resources[i];
        }
    }
  return resource;
}

static guint
dominant_state (const gint64  times[ILV_N_STATES],
                guint16      *present)
{
  guint dominant = ILV_N_STATES;
  gint64 best = 0;

  *present = 0;
  for (guint s = 0; s < ILV_N_STATES; s++)
    if (times[s] > 0)
      {
        *present |= 1u << s;
        if (times[s] > best)
          {
            best = times[s];
            dominant = s;
          }
      }
  return dominant;
}

/* Whether [pos, b) is a non-empty part of the cursor's span. */
static inline gboolean
within_span (const Cursor *c,
             gint64        b)
{
  return c->i >= 0 && b > c->pos && b < end_at (c, c->i);
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
  gint64 times[ILV_N_STATES];
  guint64 width;
  Cursor c;
  ReadyCursor r;

  g_return_if_fail (columns != NULL || n_columns == 0);
  if (l == NULL || n_columns == 0)
    return;
  if (t1 < t0)
    t1 = t0;
  width = (guint64) t1 - (guint64) t0;
  cursor_init (&c, self, l, t0);
  ready_init (&r, l, t0);
  for (guint i = 0; i < n_columns; i++)
    {
      gint64 a = c.pos;
      gint64 b = column_edge (t0, width, n_columns, i + 1);
      gssize first = c.i;
      IlvColumn *col = &columns[i];
      gint resource = G_MININT;

      if (within_span (&c, b))
        {
          /* Zoomed in: the column lies inside one span. Only running
           * time turns ready where the sampler saw the lane wait for a
           * core, so other spans need no look at its intervals. */
          guint8 state = l->states[c.i];
          gint64 ready = state == ILV_STATE_RUNNING ? ready_overlap (&r, a, b, c.end) : 0;

          c.cum[state] += b - a;
          c.pos = b;
          if (ready == 0)
            {
              col->dominant = state;
              col->present = 1u << state;
              if (state != ILV_STATE_READY)
                resource = l->resources[c.i];
            }
          else
            {
              gint64 running = b - a - ready;

              /* As dominant_state() decides: the longer, running on a tie. */
              col->dominant = ready > running ? ILV_STATE_READY : ILV_STATE_RUNNING;
              col->present = (running > 0 ? 1u << ILV_STATE_RUNNING : 0) | 1u << ILV_STATE_READY;
              if (col->dominant == ILV_STATE_RUNNING)
                resource = l->resources[c.i];
            }
        }
      else
        {
          range_times (&c, &r, b, times);
          col->dominant = dominant_state (times, &col->present);
          if (col->dominant != ILV_N_STATES && col->dominant != ILV_STATE_READY)
            resource = dominant_resource (&c, first, c.i, a, b, col->dominant);
        }
      col->dominant_resource_valid = resource != G_MININT && resource >= 0;
      col->dominant_resource = resource != G_MININT ? (gint16) resource : -1;
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
  Cursor c;
  ReadyCursor r;

  g_return_if_fail (times != NULL);
  memset (times, 0, sizeof (gint64) * ILV_N_STATES);
  if (l == NULL || t1 <= t0)
    return;
  cursor_init (&c, self, l, t0);
  ready_init (&r, l, t0);
  range_times (&c, &r, t1, times);
}

/* Counters. */

/* Min and max of each group of `per` values of src[from..n) (every group
 * that changed), into dst_min and dst_max. */
static void
summarise (const gint64 *src_min,
           const gint64 *src_max,
           gsize         n,
           gsize         per,
           gsize         from,
           GArray       *dst_min,
           GArray       *dst_max)
{
  gsize n_groups = (n + per - 1) / per;

  g_array_set_size (dst_min, n_groups);
  g_array_set_size (dst_max, n_groups);
  for (gsize g = from / per; g < n_groups; g++)
    {
      gsize end = MIN (n, (g + 1) * per);
      gint64 lo = G_MAXINT64;
      gint64 hi = G_MININT64;

      for (gsize i = g * per; i < end; i++)
        {
          lo = MIN (lo, src_min[i]);
          hi = MAX (hi, src_max[i]);
        }
      g_array_index (dst_min, gint64, g) = lo;
      g_array_index (dst_max, gint64, g) = hi;
    }
}

static void
update_blocks (IlvResource *res)
{
  const IlvPoint *points = (const IlvPoint *) (gpointer) res->points->data;
  gsize n = res->points->len;
  gsize n_blocks = (n + ILV_TRACE_COUNTER_BLOCK - 1) / ILV_TRACE_COUNTER_BLOCK;
  gsize from = res->blocks_valid;

  if (from >= n && res->block_min->len == n_blocks)
    return;
  g_array_set_size (res->block_min, n_blocks);
  g_array_set_size (res->block_max, n_blocks);
  for (gsize b = from / ILV_TRACE_COUNTER_BLOCK; b < n_blocks; b++)
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
  summarise ((const gint64 *) (gpointer) res->block_min->data,
             (const gint64 *) (gpointer) res->block_max->data, n_blocks,
             ILV_TRACE_COUNTER_SUPER / ILV_TRACE_COUNTER_BLOCK, from / ILV_TRACE_COUNTER_BLOCK,
             res->super_min, res->super_max);
  res->blocks_valid = (n / ILV_TRACE_COUNTER_BLOCK) * ILV_TRACE_COUNTER_BLOCK;
}

/* Number of points before `time`, knowing that at least `from` are:
 * galloping from there, as from one column to the next. */
static gsize
points_before (GArray *points,
               gsize   from,
               gint64  time)
{
  const IlvPoint *p = (const IlvPoint *) (gpointer) points->data;
  gsize n = points->len;
  gsize lo = from, hi, step = 1;

  while (lo + step <= n && p[lo + step - 1].time < time)
    {
      lo += step;
      step *= 2;
    }
  hi = MIN (lo + step - 1, n);
  /* p[lo - 1].time < time (or lo == from); p[hi].time >= time (or hi == n) */
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

/* Min and max of points [lo, hi), whole super blocks and blocks from
 * their summaries. */
static void
range_min_max (IlvResource *res,
               gsize        lo,
               gsize        hi,
               gint64      *min,
               gint64      *max)
{
  const IlvPoint *p = (const IlvPoint *) (gpointer) res->points->data;
  const gsize B = ILV_TRACE_COUNTER_BLOCK;
  const gsize S = ILV_TRACE_COUNTER_SUPER;

  while (lo < hi)
    {
      if (lo % S == 0 && lo + S <= hi)
        {
          *min = MIN (*min, g_array_index (res->super_min, gint64, lo / S));
          *max = MAX (*max, g_array_index (res->super_max, gint64, lo / S));
          lo += S;
        }
      else if (lo % B == 0 && lo + B <= hi)
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

  ilv_trace_settle_points (self);
  res = g_ptr_array_index (self->resources, resource);
  update_blocks (res);
  p = (const IlvPoint *) (gpointer) res->points->data;
  if (t1 < t0)
    t1 = t0;
  width = (guint64) t1 - (guint64) t0;
  before = points_before (res->points, 0, t0);
  for (guint i = 0; i < n_columns; i++)
    {
      gint64 a = column_edge (t0, width, n_columns, i);
      gint64 b = column_edge (t0, width, n_columns, i + 1);
      gsize upto = points_before (res->points, before, b);
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
