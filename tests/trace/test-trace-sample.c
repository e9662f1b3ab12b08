/* test-trace-sample.c: level of detail: pixel columns, state times, counters
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-trace.h"
#include "trace-fixture.h"

#define SECOND G_GINT64_CONSTANT (1000000000)

static IlvTrace *
one_lane_trace (void)
{
  IlvTrace *trace = ilv_trace_new ("t", NULL);
  guint app = ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);

  ilv_trace_set_start (trace, 0);
  ilv_trace_add_lane (trace, app, "w#1", "w", ILV_WORKER_THREAD, FALSE);
  return trace;
}

static void
test_whole_run (void)
{
  g_autoptr(IlvTrace) trace = one_lane_trace ();
  IlvColumn columns[1000];

  APPEND (trace, state (0, 0, ILV_STATE_RUNNING, -1));
  ilv_trace_finish (trace, 10 * SECOND, ILV_STOP_FINISHED, NULL);
  ilv_trace_lane_sample (trace, 0, 0, 10 * SECOND, G_N_ELEMENTS (columns), columns);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_assert_cmpint (columns[i].dominant, ==, ILV_STATE_RUNNING);
      g_assert_cmpint (columns[i].present, ==, 1 << ILV_STATE_RUNNING);
    }
  /* Past the end of the run there is no data. */
  ilv_trace_lane_sample (trace, 0, 10 * SECOND, 11 * SECOND, 10, columns);
  g_assert_cmpint (columns[0].dominant, ==, ILV_N_STATES);
  g_assert_cmpint (columns[0].present, ==, 0);
}

/* 3 µs of lock-wait in 10 s: present in exactly its column, dominant in none. */
static void
test_short_wait_visible (void)
{
  g_autoptr(IlvTrace) trace = one_lane_trace ();
  IlvColumn columns[1000];
  const gint64 t = 5 * SECOND + 123456;

  APPEND (trace,
          state (0, 0, ILV_STATE_RUNNING, -1),
          state (t, 0, ILV_STATE_LOCK_WAIT, 0),
          state (t + 3000, 0, ILV_STATE_RUNNING, -1));
  ilv_trace_finish (trace, 10 * SECOND, ILV_STOP_FINISHED, NULL);
  ilv_trace_lane_sample (trace, 0, 0, 10 * SECOND, G_N_ELEMENTS (columns), columns);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      gboolean wait = (columns[i].present & (1 << ILV_STATE_LOCK_WAIT)) != 0;

      g_assert_cmpint (wait, ==, i == 500);
      g_assert_cmpint (columns[i].dominant, ==, ILV_STATE_RUNNING);
    }
}

/* A lane with many random spans, crossing many checkpoints. */
static IlvTrace *
random_trace (GRand  *rand,
              gsize   n_spans,
              gint64 *end)
{
  IlvTrace *trace = one_lane_trace ();
  gint64 t = 1000;

  for (gsize i = 0; i < n_spans; i++)
    {
      IlvEvent e = state (t, 0, g_rand_int_range (rand, ILV_STATE_RUNNING, ILV_STATE_DONE + 1),
                          g_rand_int_range (rand, -1, 3));

      append (trace, &e, 1);
      t += g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 1, 20)
                                                : g_rand_int_range (rand, 100, 100000);
    }
  *end = t;
  ilv_trace_finish (trace, t, ILV_STOP_FINISHED, NULL);
  return trace;
}

/* What the columns of a lane must say, the slow way. */
static void
brute_force_lane (IlvTrace *trace,
                  guint     lane,
                  gint64    a,
                  gint64    b,
                  gint64    times[ILV_N_STATES])
{
  memset (times, 0, sizeof (gint64) * ILV_N_STATES);
  for (gsize i = 0; i < ilv_trace_lane_get_n_spans (trace, lane); i++)
    {
      IlvSpan span;
      gint64 x, y;

      ilv_trace_lane_get_span (trace, lane, i, &span);
      x = MAX (a, span.start);
      y = MIN (b, span.end);
      if (y > x)
        times[span.state] += y - x;
    }
}

/* A sampled column of [a, b) against the slow way: its state times, the
 * states present and the dominant one. */
static void
assert_column (IlvTrace        *trace,
               guint            lane,
               gint64           a,
               gint64           b,
               const IlvColumn *column)
{
  gint64 expect[ILV_N_STATES], got[ILV_N_STATES], best = 0;
  guint present = 0;

  brute_force_lane (trace, lane, a, b, expect);
  ilv_trace_lane_state_times (trace, lane, a, b, got);
  for (guint s = 0; s < ILV_N_STATES; s++)
    {
      g_assert_cmpint (got[s], ==, expect[s]);
      present |= expect[s] > 0 ? 1u << s : 0;
      best = MAX (best, expect[s]);
    }
  g_assert_cmpuint (column->present, ==, present);
  if (present != 0)
    g_assert_cmpint (expect[column->dominant], ==, best);
  else
    g_assert_cmpint (column->dominant, ==, ILV_N_STATES);
}

static void
test_against_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 end;
  g_autoptr(IlvTrace) trace = random_trace (rand, 5000, &end);
  IlvColumn columns[97];

  for (guint round = 0; round < 20; round++)
    {
      gint64 t0 = g_rand_int_range (rand, 0, (gint32) MIN (end, G_MAXINT32));
      gint64 t1 = t0 + g_rand_int_range (rand, 97, 1 << 24);
      guint64 w = (guint64) (t1 - t0);

      ilv_trace_lane_sample (trace, 0, t0, t1, G_N_ELEMENTS (columns), columns);
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        {
          gint64 a = t0 + (gint64) (w * i / G_N_ELEMENTS (columns));
          gint64 b = t0 + (gint64) (w * (i + 1) / G_N_ELEMENTS (columns));

          assert_column (trace, 0, a, b, &columns[i]);
        }
    }
}

/* A column inside one span names that span's resource (none when ready). */
static void
check_resource (IlvTrace        *trace,
                guint            lane,
                gint64           a,
                gint64           b,
                const IlvColumn *column)
{
  gssize i = trace_fixture_find_span (trace, lane, a);
  IlvSpan span;

  if (i < 0 || b <= a || trace_fixture_find_span (trace, lane, b - 1) != i)
    return;
  ilv_trace_lane_get_span (trace, lane, (gsize) i, &span);
  if (span.end < b)
    return;
  g_assert_cmpint (column->dominant, ==, span.state);
  if (span.state == ILV_STATE_READY || span.resource < 0)
    g_assert_false (column->dominant_resource_valid);
  else
    {
      g_assert_true (column->dominant_resource_valid);
      g_assert_cmpint (column->dominant_resource, ==, span.resource);
    }
}

/* Columns of [t0, t1), span lookups and state times of a lane, each
 * against the slow way. */
static void
check_lane (IlvTrace *trace,
            guint     lane,
            GRand    *rand,
            gint64    t0,
            gint64    t1,
            guint     n_columns)
{
  g_autofree IlvColumn *columns = g_new (IlvColumn, n_columns);
  guint64 w = (guint64) (t1 - t0);

  ilv_trace_lane_sample (trace, lane, t0, t1, n_columns, columns);
  for (guint i = 0; i < n_columns; i++)
    {
      gint64 a = t0 + (gint64) (w / n_columns * i + w % n_columns * i / n_columns);
      gint64 b = t0 + (gint64) (w / n_columns * (i + 1) + w % n_columns * (i + 1) / n_columns);

      assert_column (trace, lane, a, b, &columns[i]);
      check_resource (trace, lane, a, b, &columns[i]);
    }
  for (guint k = 0; k < 50; k++)
    {
      gint64 t = t0 + (gint64) g_rand_int_range (rand, -1000, (gint32) MIN (w + 1000, G_MAXINT32));

      g_assert_cmpint (ilv_trace_lane_find_span (trace, lane, t), ==, trace_fixture_find_span (trace, lane, t));
    }
}

/* A live run, growing batch by batch: a worker lane with bursts of spans
 * (many per column, and zero-length ones that are replaced), and the GIL
 * lane its and another lane's batches rebuild out of order. Each time the
 * view reads, whole-run columns (hundreds of spans each), zoomed ones and
 * span lookups agree with the slow way. */
static void
test_live_against_brute_force (void)
{
  g_autoptr(IlvTrace) trace = ilv_trace_new ("t", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  guint app = ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);
  gint64 t[2] = { 1000, 1000 };
  guint gil = G_MAXUINT;

  ilv_trace_set_start (trace, 0);
  ilv_trace_set_gil (trace, TRUE);
  ilv_trace_add_lane (trace, app, "w#1", "w", ILV_WORKER_THREAD, FALSE);
  ilv_trace_add_lane (trace, app, "w#2", "w", ILV_WORKER_THREAD, FALSE);
  for (guint round = 0; round < 12; round++)
    {
      for (guint lane = 0; lane < 2; lane++)
        {
          IlvEvent batch[700];

          for (guint i = 0; i < G_N_ELEMENTS (batch); i++)
            {
              guint kind = g_rand_int_range (rand, 0, 10);

              t[lane] += kind == 0 ? 0 : g_rand_int_range (rand, 0, 4) == 0
                                           ? g_rand_int_range (rand, 1, 30)
                                           : g_rand_int_range (rand, 50, 5000);
              if (kind < 7)
                batch[i] = state (t[lane], lane, g_rand_int_range (rand, ILV_STATE_RUNNING, ILV_STATE_DONE),
                                  g_rand_int_range (rand, -1, 3));
              else
                batch[i] = ev (t[lane], lane, kind == 7 ? ILV_EVENT_GIL_RELEASED : ILV_EVENT_GIL_ACQUIRED,
                               0, 0, 0);
            }
          append (trace, batch, G_N_ELEMENTS (batch));
        }
      ilv_trace_set_now (trace, MAX (t[0], t[1]) + 10);
      for (guint l = 0; l < ilv_trace_get_n_lanes (trace); l++)
        if (ilv_trace_get_lane (trace, l)->kind == ILV_LANE_GIL)
          gil = l;
      g_assert_cmpuint (gil, !=, G_MAXUINT);
      for (guint l = 0; l < 2; l++)
        {
          gint64 end = MAX (t[0], t[1]) + 10;
          gint64 mid = g_rand_int_range (rand, 0, (gint32) MIN (end, G_MAXINT32));

          check_lane (trace, l, rand, 0, end, 7);
          check_lane (trace, l, rand, mid, mid + end / 50 + 13, 61);
        }
      check_lane (trace, gil, rand, 0, MAX (t[0], t[1]) + 10, 9);
    }
}

static void
test_state_times_sum (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gint64 end;
  g_autoptr(IlvTrace) trace = random_trace (rand, 3000, &end);

  for (guint round = 0; round < 100; round++)
    {
      gint64 t0 = g_rand_int_range (rand, 0, (gint32) MIN (end, G_MAXINT32));
      gint64 length = g_rand_int_range (rand, 1, G_MAXINT32);
      gint64 t1 = MIN (end, t0 + length);
      gint64 times[ILV_N_STATES], sum = 0;

      ilv_trace_lane_state_times (trace, 0, t0, t1, times);
      for (guint s = 0; s < ILV_N_STATES; s++)
        sum += times[s];
      g_assert_cmpint (sum, ==, t1 - t0);
    }
}

/* Panning by whole columns shifts the columns and changes none of them. */
static void
test_stable_under_panning (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  gint64 end;
  g_autoptr(IlvTrace) trace = random_trace (rand, 4000, &end);
  const guint n = 200;
  const gint64 width = 1000 * 997;   /* a whole number of ns per column */
  g_autofree IlvColumn *first = g_new (IlvColumn, n);
  g_autofree IlvColumn *panned = g_new (IlvColumn, n);

  for (guint shift = 1; shift < 150; shift += 37)
    {
      gint64 t0 = 12345;
      gint64 step = width / n * shift;

      ilv_trace_lane_sample (trace, 0, t0, t0 + width, n, first);
      ilv_trace_lane_sample (trace, 0, t0 + step, t0 + step + width, n, panned);
      for (guint i = shift; i < n; i++)
        g_assert_cmpmem (&first[i], sizeof (IlvColumn), &panned[i - shift], sizeof (IlvColumn));
    }
}

/* Counter columns of [t0, t0 + n × width), against the slow way. */
static void
check_counter (IlvTrace *trace,
               guint     q,
               gint64    t0,
               gint64    width,
               guint     n_columns)
{
  g_autofree IlvCounterColumn *columns = g_new (IlvCounterColumn, n_columns);
  const IlvPoint *p = ilv_trace_counter_get_points (trace, q);
  gsize n = ilv_trace_counter_get_n_points (trace, q);

  ilv_trace_counter_sample (trace, q, t0, t0 + n_columns * width, n_columns, columns);
  for (guint i = 0; i < n_columns; i++)
    {
      gint64 a = t0 + i * width, b = a + width;
      gint64 lo = G_MAXINT64, hi = G_MININT64, last = 0;

      for (gsize j = 0; j < n; j++)
        {
          gboolean in_effect_at_a = p[j].time <= a && (j + 1 == n || p[j + 1].time > a);

          if (in_effect_at_a || (p[j].time >= a && p[j].time < b))
            {
              lo = MIN (lo, p[j].value);
              hi = MAX (hi, p[j].value);
            }
          if (p[j].time < b)
            last = p[j].value;
        }
      g_assert_true (columns[i].valid);
      g_assert_cmpint (columns[i].min, ==, lo);
      g_assert_cmpint (columns[i].max, ==, hi);
      g_assert_cmpint (columns[i].last, ==, last);
    }
}

/* Columns of a hundred points, of thousands (whole super blocks), and of
 * a few, while points keep arriving. */
static void
test_counter_sample (void)
{
  g_autoptr(IlvTrace) trace = one_lane_trace ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint q = ilv_trace_add_resource (trace, "jobs", ILV_RESOURCE_QUEUE, 0, 8);
  IlvCounterColumn columns[2];

  for (guint i = 0; i < 20000; i++)
    {
      IlvEvent e = ev (100 + i * 37 + g_rand_int_range (rand, 0, 30), 0, ILV_EVENT_QUEUE_PUT, q,
                       g_rand_int_range (rand, -50, 50) + (i == 12345 ? 1000 : 0), i);

      append (trace, &e, 1);
      if (i == 4999 || i == 19999)
        {
          check_counter (trace, q, 50, 3700, 50);
          check_counter (trace, q, 50, 37 * (i + 1) / 3, 3);
          check_counter (trace, q, 40000, 111, 200);
        }
    }
  /* Before the first point: nothing to show. */
  ilv_trace_counter_sample (trace, q, -100, -50, 2, columns);
  g_assert_false (columns[0].valid);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sample/whole-run", test_whole_run);
  g_test_add_func ("/sample/short-wait-visible", test_short_wait_visible);
  g_test_add_func ("/sample/against-brute-force", test_against_brute_force);
  g_test_add_func ("/sample/live-against-brute-force", test_live_against_brute_force);
  g_test_add_func ("/sample/state-times-sum", test_state_times_sum);
  g_test_add_func ("/sample/stable-under-panning", test_stable_under_panning);
  g_test_add_func ("/sample/counters", test_counter_sample);

  return g_test_run ();
}
