/* ilv-trace-lane.c: one lane's spans, columnar, with cumulative checkpoints
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-trace-private.h"

#define K ILV_TRACE_CHECKPOINT

typedef gint64 IlvStateTimes[ILV_N_STATES];

static inline gint64
start_at (const IlvLane *lane,
          gsize          i)
{
  return lane->starts[i];
}

static inline guint8
state_at (const IlvLane *lane,
          gsize          i)
{
  return lane->states[i];
}

static inline gint16
resource_at (const IlvLane *lane,
             gsize          i)
{
  return lane->resources[i];
}

/* The three columns grow together, without a call per value: appending
 * is the hot path of a live run. */
static void
append_span (IlvLane *lane,
             gint64   start,
             guint8   state,
             gint16   resource)
{
  gsize n = lane->n_spans;

  if (G_UNLIKELY (n == lane->spans_allocated))
    {
      gsize size = MAX (64, n * 2);

      lane->starts = g_renew (gint64, lane->starts, size);
      lane->states = g_renew (guint8, lane->states, size);
      lane->resources = g_renew (gint16, lane->resources, size);
      lane->spans_allocated = size;
    }
  lane->starts[n] = start;
  lane->states[n] = state;
  lane->resources[n] = resource;
  lane->n_spans = n + 1;
}

IlvLane *
ilv_lane_new (const char  *name,
              const char  *group,
              IlvLaneKind  kind,
              gint64       start)
{
  IlvLane *lane = g_new0 (IlvLane, 1);
  IlvStateTimes zero = { 0 };

  lane->name = g_strdup (name);
  lane->group = g_strdup (group);
  lane->info.name = lane->name;
  lane->info.group = lane->group;
  lane->info.kind = kind;
  lane->checkpoints = g_array_new (FALSE, FALSE, sizeof (IlvStateTimes));
  lane->block_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  lane->holds = g_array_new (FALSE, FALSE, sizeof (IlvHold));
  lane->open_holds = g_array_new (FALSE, FALSE, sizeof (guint));
  lane->ready = g_array_new (FALSE, FALSE, sizeof (IlvInterval));
  lane->open_task = -1;
  lane->sample_key = -1;
  lane->exit_status = -1;
  if (kind != ILV_LANE_WORKER)
    lane->derived = g_array_new (FALSE, FALSE, sizeof (IlvDerivedEvent));

  g_array_append_val (lane->checkpoints, zero);
  g_array_append_val (lane->block_starts, start);
  append_span (lane, start, kind == ILV_LANE_WORKER ? ILV_STATE_NOT_STARTED : ILV_STATE_IDLE, -1);
  return lane;
}

void
ilv_lane_free (IlvLane *lane)
{
  g_free (lane->name);
  g_free (lane->group);
  g_free (lane->starts);
  g_free (lane->states);
  g_free (lane->resources);
  g_array_unref (lane->checkpoints);
  g_array_unref (lane->block_starts);
  g_array_unref (lane->holds);
  g_array_unref (lane->open_holds);
  g_array_unref (lane->ready);
  g_clear_pointer (&lane->derived, g_array_unref);
  g_free (lane);
}

gsize
ilv_lane_n_spans (const IlvLane *lane)
{
  return lane->n_spans;
}

/* Keeps the first n_spans spans and the checkpoints that depend on them
 * only (checkpoint c sums the spans before c × K). */
void
ilv_lane_truncate (IlvLane *lane,
                   gsize    n_spans)
{
  gsize n_checkpoints = n_spans == 0 ? 1 : (n_spans - 1) / K + 1;

  g_assert (n_spans <= lane->n_spans);
  lane->n_spans = n_spans;
  if (lane->checkpoints->len > n_checkpoints)
    {
      g_array_set_size (lane->checkpoints, n_checkpoints);
      g_array_set_size (lane->block_starts, n_checkpoints);
    }
}

static void
add_checkpoint (IlvLane *lane,
                gsize    n)
{
  IlvStateTimes times;

  memcpy (times, &g_array_index (lane->checkpoints, IlvStateTimes, n / K - 1),
          sizeof times);
  for (gsize j = n - K; j < n; j++)
    times[state_at (lane, j)] += start_at (lane, j + 1) - start_at (lane, j);
  g_array_append_val (lane->checkpoints, times);
  g_array_append_val (lane->block_starts, lane->starts[n]);
}

void
ilv_lane_push_state (IlvLane  *lane,
                     gint64    time,
                     IlvState  state,
                     gint      resource)
{
  gsize n = lane->n_spans;
  gint64 last = start_at (lane, n - 1);
  guint8 s = state;
  gint16 r = (gint16) CLAMP (resource, -1, G_MAXINT16);

  if (time < last)
    time = last;
  if (state_at (lane, n - 1) == s && resource_at (lane, n - 1) == r)
    return;

  if (time == last)
    {
      /* A zero-length span is replaced; it may then merge with the one before. */
      if (n >= 2 && state_at (lane, n - 2) == s && resource_at (lane, n - 2) == r)
        ilv_lane_truncate (lane, n - 1);
      else
        {
          lane->states[n - 1] = s;
          lane->resources[n - 1] = r;
        }
      return;
    }

  append_span (lane, time, s, r);
  if (n % K == 0)
    add_checkpoint (lane, n);
}

/* Within blocks [lo, hi) (hi > lo), the last whose first span starts at
 * or before time; lo - 1 if none. */
static gssize
find_block (const IlvLane *lane,
            gsize          lo,
            gsize          hi,
            gint64         time)
{
  const gint64 *starts = (const gint64 *) (gpointer) lane->block_starts->data;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (starts[mid] <= time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (gssize) lo - 1;
}

/* Within block b (its first span starts at or before time), the last span
 * starting at or before time. */
static gssize
find_in_block (const IlvLane *lane,
               gsize          b,
               gint64         time)
{
  const gint64 *starts = lane->starts;
  gsize lo = b * K + 1;
  gsize hi = MIN ((b + 1) * K, lane->n_spans);

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (starts[mid] <= time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (gssize) lo - 1;
}

/* Index of the last span starting at or before `time`, or -1. The block
 * starts are searched first: 1/K of the spans, so a search touches few
 * cache lines however long the lane. */
gssize
ilv_lane_find (const IlvLane *lane,
               gint64         time)
{
  gssize b = find_block (lane, 0, lane->block_starts->len, time);

  return b < 0 ? -1 : find_in_block (lane, (gsize) b, time);
}

/* Galloping from span `from` over the next K spans at most: the last
 * starting at or before time, or -1 if it lies further on. */
static gssize
find_near (const IlvLane *lane,
           gsize          from,
           gint64         time)
{
  gsize n = lane->n_spans;
  gsize lo = from, hi, step = 1;

  while (lo + step < n && step <= K && start_at (lane, lo + step) <= time)
    {
      lo += step;
      step *= 2;
    }
  if (step > K && lo + step < n)
    return -1;
  hi = MIN (lo + step, n);
  while (hi - lo > 1)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (start_at (lane, mid) <= time)
        lo = mid;
      else
        hi = mid;
    }
  return (gssize) lo;
}

gssize
ilv_lane_find_from (const IlvLane *lane,
                    gssize         from,
                    gint64         time)
{
  const gint64 *starts = (const gint64 *) (gpointer) lane->block_starts->data;
  gsize n = lane->block_starts->len;
  gsize lo, step = 1;
  gssize near;

  if (from < 0 || start_at (lane, (gsize) from) > time)
    return ilv_lane_find (lane, time);
  near = find_near (lane, (gsize) from, time);
  if (near >= 0)
    return near;
  /* Further: galloping over the blocks, then one block. */
  lo = (gsize) from / K;
  while (lo + step < n && starts[lo + step] <= time)
    {
      lo += step;
      step *= 2;
    }
  return find_in_block (lane, (gsize) find_block (lane, lo, MIN (lo + step, n), time), time);
}

static inline gint64
span_end (const IlvLane *lane,
          gsize          i,
          gint64         lane_end)
{
  return i + 1 < lane->n_spans ? start_at (lane, i + 1) : lane_end;
}

void
ilv_lane_cumulative_at (const IlvLane *lane,
                        gint64         lane_end,
                        gssize         i,
                        gint64         time,
                        gint64         out[ILV_N_STATES])
{
  gsize first;
  gint64 x;

  if (i < 0)
    {
      memset (out, 0, sizeof (gint64) * ILV_N_STATES);
      return;
    }
  first = ((gsize) i / K) * K;
  if ((gsize) i - first > K / 2 && (gsize) i / K + 1 < lane->checkpoints->len)
    {
      /* Nearer the next checkpoint: back from it. */
      memcpy (out, &g_array_index (lane->checkpoints, IlvStateTimes, (gsize) i / K + 1),
              sizeof (gint64) * ILV_N_STATES);
      for (gsize j = (gsize) i + 1; j < first + K; j++)
        out[state_at (lane, j)] -= start_at (lane, j + 1) - start_at (lane, j);
      x = MAX (start_at (lane, i), MIN (time, start_at (lane, i + 1)));
      out[state_at (lane, i)] -= start_at (lane, i + 1) - x;
      return;
    }
  memcpy (out, &g_array_index (lane->checkpoints, IlvStateTimes, (gsize) i / K),
          sizeof (gint64) * ILV_N_STATES);
  for (gsize j = first; j < (gsize) i; j++)
    out[state_at (lane, j)] += start_at (lane, j + 1) - start_at (lane, j);
  x = MIN (time, span_end (lane, i, lane_end));
  if (x > start_at (lane, i))
    out[state_at (lane, i)] += x - start_at (lane, i);
}

/* Time spent in each state from the lane's first span up to `time`. */
void
ilv_lane_cumulative (const IlvLane *lane,
                     gint64         lane_end,
                     gint64         time,
                     gint64         out[ILV_N_STATES])
{
  ilv_lane_cumulative_at (lane, lane_end, ilv_lane_find (lane, time), time, out);
}

gint64
ilv_lane_time_in_state (const IlvLane *lane,
                        gint64         lane_end,
                        IlvState       state,
                        gint64         time)
{
  gssize i = ilv_lane_find (lane, time);
  gint64 total;
  gint64 x;

  if (i < 0)
    return 0;
  total = g_array_index (lane->checkpoints, IlvStateTimes, (gsize) i / K)[state];
  for (gsize j = ((gsize) i / K) * K; j < (gsize) i; j++)
    if (state_at (lane, j) == state)
      total += start_at (lane, j + 1) - start_at (lane, j);
  x = MIN (time, span_end (lane, i, lane_end));
  if (state_at (lane, i) == state && x > start_at (lane, i))
    total += x - start_at (lane, i);
  return total;
}

/* Derived lanes: events arrive batch by batch, each batch in order but
 * batches of different lanes overlapping in time. They are appended as
 * they come and merged into order once per append. */
void
ilv_lane_derived_insert (IlvLane  *lane,
                         gint64    time,
                         guint32   holder,
                         gboolean  enter)
{
  IlvDerivedEvent ev = { time, holder, enter ? 1 : 0 };

  g_array_append_val (lane->derived, ev);
}

/* Rebuilds the spans from the first event that moved, onwards. */
void
ilv_lane_derived_replay (IlvLane *lane)
{
  gsize d;
  gint64 t;
  gssize keep;
  gint holder;

  if (lane->derived_sorted >= lane->derived->len)
    return;
  d = ilv_trace_merge_tail (lane->derived, lane->derived_sorted);
  lane->derived_sorted = lane->derived->len;
  t = g_array_index (lane->derived, IlvDerivedEvent, d).time;
  while (d > 0 && g_array_index (lane->derived, IlvDerivedEvent, d - 1).time == t)
    d--;
  keep = ilv_lane_find (lane, t - 1) + 1;
  ilv_lane_truncate (lane, MAX (keep, 1));
  holder = state_at (lane, lane->n_spans - 1) == ILV_STATE_RUNNING
             ? resource_at (lane, lane->n_spans - 1) : -1;

  for (gsize i = d; i < lane->derived->len; i++)
    {
      const IlvDerivedEvent *ev = &g_array_index (lane->derived, IlvDerivedEvent, i);

      if (ev->enter)
        {
          ilv_lane_push_state (lane, ev->time, ILV_STATE_RUNNING, (gint) ev->lane);
          holder = (gint) ev->lane;
        }
      else if (holder == (gint) ev->lane)
        {
          ilv_lane_push_state (lane, ev->time, ILV_STATE_IDLE, -1);
          holder = -1;
        }
    }
}

/* Points and derived events alike: 16 bytes, the time first. */
typedef struct
{
  gint64 time;
  gint64 rest;
} Timed;

G_STATIC_ASSERT (sizeof (IlvPoint) == sizeof (Timed));
G_STATIC_ASSERT (sizeof (IlvDerivedEvent) == sizeof (Timed));

/* Merges the sorted runs src[a..m) and src[m..b) into dst[a..b), stably. */
static void
merge_runs (const Timed *src,
            Timed       *dst,
            gsize        a,
            gsize        m,
            gsize        b)
{
  gsize i = a, j = m, k = a;

  while (i < m && j < b)
    dst[k++] = src[j].time < src[i].time ? src[j++] : src[i++];
  memcpy (dst + k, src + i, (m - i) * sizeof (Timed));
  k += m - i;
  memcpy (dst + k, src + j, (b - j) * sizeof (Timed));
}

/* Sorts data[0..n) by time, stably: the tail is a few batches, each in
 * order already, so their runs are merged pairwise, without a comparison
 * callback. */
static void
sort_runs (Timed *data,
           gsize  n)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree Timed *tmp = g_new (Timed, n);
  Timed *src = data, *dst = tmp;
  gsize zero = 0;

  g_array_append_val (runs, zero);
  for (gsize i = 1; i < n; i++)
    if (data[i].time < data[i - 1].time)
      g_array_append_val (runs, i);
  g_array_append_val (runs, n);
  while (runs->len > 2)
    {
      gsize *r = (gsize *) (gpointer) runs->data;
      guint kept = 0;
      guint i;

      for (i = 0; i + 2 < runs->len; i += 2)
        {
          merge_runs (src, dst, r[i], r[i + 1], r[i + 2]);
          r[kept++] = r[i];
        }
      if (i + 1 < runs->len)
        {
          memcpy (dst + r[i], src + r[i], (r[i + 1] - r[i]) * sizeof (Timed));
          r[kept++] = r[i];
        }
      r[kept++] = n;
      g_array_set_size (runs, kept);
      src = src == data ? tmp : data;
      dst = dst == data ? tmp : data;
    }
  if (src != data)
    memcpy (data, src, n * sizeof (Timed));
}

/* Sorts array[sorted..] by time (stable) and merges it into the sorted
 * part. Returns the first index that changed. */
gsize
ilv_trace_merge_tail (GArray *array,
                      gsize   sorted)
{
  Timed *data = (Timed *) (gpointer) array->data;
  gsize n = array->len;
  gsize lo = 0, hi = sorted, i, j, k, n_left;
  g_autofree Timed *left = NULL;

  g_assert (g_array_get_element_size (array) == sizeof (Timed));
  if (sorted >= n)
    return n;
  /* Usually one lane's batch, already in order; else a stable merge sort. */
  for (i = sorted + 1; i < n && data[i - 1].time <= data[i].time; i++)
    ;
  if (i < n)
    sort_runs (data + sorted, n - sorted);
  if (sorted == 0 || data[sorted - 1].time <= data[sorted].time)
    return sorted;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (data[mid].time <= data[sorted].time)
        lo = mid + 1;
      else
        hi = mid;
    }
  n_left = sorted - lo;
  left = g_memdup2 (data + lo, n_left * sizeof (Timed));
  for (i = 0, j = sorted, k = lo; i < n_left && j < n; k++)
    data[k] = left[i].time <= data[j].time ? left[i++] : data[j++];
  memcpy (data + k, left + i, (n_left - i) * sizeof (Timed));
  return lo;
}
