/* test-trace-ready.c: pixel columns of lanes with sampler ready intervals,
 * against a reference that counts span by span and interval by interval
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-trace-private.h"
#include "trace-fixture.h"

#define N_LANES 4

/* Where the OS sampler saw a lane: on a core, runnable without one, or
 * neither (asleep, waiting). */
static IlvEvent
sample (gint64  time,
        guint32 lane,
        gint    key)
{
  return key == -2 ? ev (time, lane, ILV_EVENT_CPU, -1, 0, 0)
                   : ev (time, lane, ILV_EVENT_CPU, -1, key, key >= 0);
}

/* A step of one lane: mostly running (a CPU-bound worker that the OS
 * keeps off a core much of the time), with waits, sleeps and, for some
 * lanes, an end; steps from no time at all to far longer than a column. */
static IlvEvent
random_step (GRand    *rand,
             guint     lane,
             gint64   *t,
             gboolean *done)
{
  gint64 dt;

  switch (g_rand_int_range (rand, 0, 8))
    {
    case 0:
      dt = 0;
      break;
    case 1:
    case 2:
      dt = g_rand_int_range (rand, 1, 40);
      break;
    case 3:
    case 4:
    case 5:
      dt = g_rand_int_range (rand, 100, 5000);
      break;
    default:
      dt = g_rand_int_range (rand, 5000, 300000);
      break;
    }
  *t += dt;
  if (g_rand_int_range (rand, 0, 10) < 4)
    {
      guint k = g_rand_int_range (rand, 0, 20);

      return sample (*t, lane, k < 11 ? -2 : k < 17 ? 0 : -1);
    }
  if (lane < 2 && g_rand_int_range (rand, 0, 400) == 0)
    *done = TRUE;
  if (*done)
    return state (*t, lane, ILV_STATE_DONE, -1);
  if (g_rand_int_range (rand, 0, 10) < 6)
    return state (*t, lane, ILV_STATE_RUNNING, g_rand_int_range (rand, -1, 3));
  return state (*t, lane, g_rand_int_range (rand, ILV_STATE_READY, ILV_STATE_SUSPENDED + 1),
                g_rand_int_range (rand, -1, 3));
}

typedef struct
{
  IlvTrace *trace;
  gint64    t[N_LANES];
  gboolean  done[N_LANES];
} Gen;

static void
gen_steps (Gen   *g,
           GRand *rand,
           guint  n)
{
  for (guint lane = 0; lane < N_LANES; lane++)
    {
      g_autofree IlvEvent *batch = g_new (IlvEvent, n);

      for (guint i = 0; i < n; i++)
        batch[i] = random_step (rand, lane, &g->t[lane], &g->done[lane]);
      append (g->trace, batch, n);
    }
}

/* The reference: what a column of [a, b) says, counted span by span;
 * running time inside a sampler interval (up to the lane's end) is
 * ready time instead. */
static gint64
reference_times (IlvTrace *trace,
                 guint     lane,
                 gint64    a,
                 gint64    b,
                 gint64    times[ILV_N_STATES])
{
  gsize n_spans = ilv_trace_lane_get_n_spans (trace, lane);
  gsize n_ready = ilv_trace_lane_get_n_ready (trace, lane);
  const IlvInterval *ready = ilv_trace_lane_get_ready (trace, lane);
  gint64 end = ilv_trace_get_end (trace);
  gint64 moved = 0;

  memset (times, 0, sizeof (gint64) * ILV_N_STATES);
  for (gsize i = 0; i < n_spans; i++)
    {
      IlvSpan span;
      gint64 x, y;

      ilv_trace_lane_get_span (trace, lane, i, &span);
      x = MAX (a, span.start);
      y = MIN (b, span.end);
      if (y > x)
        times[span.state] += y - x;
    }
  for (gsize k = 0; k < n_ready; k++)
    {
      gint64 lo = MAX (a, ready[k].start);
      gint64 hi = MIN (MIN (b, ready[k].end), end);

      if (hi <= lo)
        continue;
      for (gsize i = 0; i < n_spans; i++)
        {
          IlvSpan span;
          gint64 x, y;

          ilv_trace_lane_get_span (trace, lane, i, &span);
          if (span.start >= hi)
            break;
          x = MAX (lo, span.start);
          y = MIN (hi, span.end);
          if (span.state == ILV_STATE_RUNNING && y > x)
            {
              times[ILV_STATE_RUNNING] -= y - x;
              times[ILV_STATE_READY] += y - x;
              moved += y - x;
            }
        }
    }
  return moved;
}

/* The dominant state's resource: among the column's spans, that of the
 * dominant state's longest; over 16 spans or more, the span at the
 * column's middle if it is in the dominant state. G_MININT for none. */
static gint
reference_resource (IlvTrace *trace,
                    guint     lane,
                    gint64    a,
                    gint64    b,
                    guint     dominant)
{
  gssize first = MAX (trace_fixture_find_span (trace, lane, a), 0);
  gssize last = trace_fixture_find_span (trace, lane, b);
  gint64 best = -1;
  gint resource = G_MININT;
  IlvSpan span;

  if (dominant == ILV_N_STATES || dominant == ILV_STATE_READY)
    return G_MININT;
  if (last >= 0)
    {
      ilv_trace_lane_get_span (trace, lane, (gsize) last, &span);
      if (span.start >= b && last > first)
        last--;
    }
  if (last < first)
    return G_MININT;
  if (last - first >= 16)
    first = last = trace_fixture_find_span (trace, lane, a + (b - a) / 2);
  for (gssize i = first; i <= last; i++)
    {
      gint64 overlap;

      ilv_trace_lane_get_span (trace, lane, (gsize) i, &span);
      overlap = MIN (span.end, b) - MAX (span.start, a);
      if (span.state == dominant && overlap > best)
        {
          best = overlap;
          resource = span.resource;
        }
    }
  return resource;
}

/* Samples [t0, t1) in n columns and checks every column against the
 * reference; returns how many columns had running time turned ready. */
static guint
check_view (IlvTrace *trace,
            guint     lane,
            gint64    t0,
            gint64    t1,
            guint     n)
{
  g_autofree IlvColumn *columns = g_new (IlvColumn, n);
  guint64 w = (guint64) (t1 - t0);
  guint turned = 0;

  ilv_trace_lane_sample (trace, lane, t0, t1, n, columns);
  for (guint i = 0; i < n; i++)
    {
      gint64 a = t0 + (gint64) (w / n * i + w % n * i / n);
      gint64 b = t0 + (gint64) (w / n * (i + 1) + w % n * (i + 1) / n);
      gint64 expect[ILV_N_STATES], got[ILV_N_STATES], best = 0;
      guint dominant = ILV_N_STATES, present = 0;
      gint resource;
      gint64 moved = reference_times (trace, lane, a, b, expect);

      ilv_trace_lane_state_times (trace, lane, a, b, got);
      for (guint s = 0; s < ILV_N_STATES; s++)
        {
          g_assert_cmpint (got[s], ==, expect[s]);
          if (expect[s] > 0)
            present |= 1u << s;
          if (expect[s] > best)
            {
              best = expect[s];
              dominant = s;
            }
        }
      g_assert_cmpuint (columns[i].present, ==, present);
      g_assert_cmpuint (columns[i].dominant, ==, dominant);
      resource = reference_resource (trace, lane, a, b, dominant);
      g_assert_cmpint (columns[i].dominant_resource_valid, ==, resource != G_MININT && resource >= 0);
      g_assert_cmpint (columns[i].dominant_resource, ==, resource != G_MININT ? resource : -1);
      turned += moved > 0;
    }
  return turned;
}

/* Whole-run views, narrow and wide columns, views beginning before the
 * run and ending after it, zoomed views down to a few ns per column. */
static guint
check_lanes (IlvTrace *trace,
             GRand    *rand)
{
  gint64 end = ilv_trace_get_end (trace);
  guint turned = 0;

  for (guint lane = 0; lane < N_LANES; lane++)
    {
      turned += check_view (trace, lane, 0, end, 1);
      turned += check_view (trace, lane, -500, end + 500, 7);
      turned += check_view (trace, lane, 0, end, g_rand_int_range (rand, 100, 700));
      for (guint k = 0; k < 6; k++)
        {
          gint64 t0 = g_rand_int_range (rand, -1000, (gint32) MIN (end, G_MAXINT32));
          gint64 width = k < 2 ? g_rand_int_range (rand, 1, 3000)
                               : g_rand_int_range (rand, 3000, (gint32) MIN (MAX (end / 3, 3001), G_MAXINT32));

          turned += check_view (trace, lane, t0, t0 + width, g_rand_int_range (rand, 1, 300));
        }
    }
  return turned;
}

/* Random lanes, live (some ready intervals still open) and then finished:
 * every column as the reference says. */
static void
test_against_reference (void)
{
  guint turned = 0, open = 0;

  for (guint seed = 1; seed <= 24; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(IlvTrace) trace = ilv_trace_new ("t", NULL);
      guint app = ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);
      Gen g = { trace, { 0 }, { FALSE } };

      ilv_trace_set_start (trace, 0);
      for (guint lane = 0; lane < N_LANES; lane++)
        {
          g_autofree char *name = g_strdup_printf ("w#%u", lane + 1);

          ilv_trace_add_lane (trace, app, name, "w", ILV_WORKER_THREAD, FALSE);
          g.t[lane] = g_rand_int_range (rand, 0, 5000);
        }
      gen_steps (&g, rand, g_rand_int_range (rand, 50, 900));
      ilv_trace_set_now (trace, ilv_trace_get_end (trace) + g_rand_int_range (rand, 0, 50000));
      for (guint lane = 0; lane < N_LANES; lane++)
        {
          gsize n = ilv_trace_lane_get_n_ready (trace, lane);

          open += n > 0 && ilv_trace_lane_get_ready (trace, lane)[n - 1].end == G_MAXINT64;
        }
      turned += check_lanes (trace, rand);

      gen_steps (&g, rand, g_rand_int_range (rand, 50, 900));
      turned += check_lanes (trace, rand);

      ilv_trace_finish (trace, ilv_trace_get_end (trace) + g_rand_int_range (rand, 0, 50000),
                        ILV_STOP_FINISHED, NULL);
      turned += check_lanes (trace, rand);
    }
  g_test_message ("%u columns with running time turned ready, %u lanes with a ready interval still open", turned, open);
  /* The traces did exercise what is tested. */
  g_assert_cmpuint (open, >, 10);
  g_assert_cmpuint (turned, >, 1000);
}

/* A running lane the sampler saw ready for 1 µs in every 4: a quarter of
 * each column is ready, three quarters running; zoomed in, whole columns
 * are one or the other. */
static void
test_quarter_ready (void)
{
  g_autoptr(IlvTrace) trace = ilv_trace_new ("t", NULL);
  guint app = ilv_trace_add_process (trace, "app", 1, ILV_WORKER_THREAD);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  IlvColumn columns[100];
  IlvEvent e;
  gint64 times[ILV_N_STATES];

  ilv_trace_set_start (trace, 0);
  ilv_trace_add_lane (trace, app, "w#1", "w", ILV_WORKER_THREAD, FALSE);
  e = state (0, 0, ILV_STATE_RUNNING, -1);
  g_array_append_val (events, e);
  for (gint64 t = 0; t < 1000000; t += 4000)
    {
      e = sample (t + 1000, 0, -2);
      g_array_append_val (events, e);
      e = sample (t + 2000, 0, 0);
      g_array_append_val (events, e);
    }
  append (trace, (const IlvEvent *) (gpointer) events->data, events->len);
  ilv_trace_finish (trace, 1000000, ILV_STOP_FINISHED, NULL);

  ilv_trace_lane_state_times (trace, 0, 0, 1000000, times);
  g_assert_cmpint (times[ILV_STATE_READY], ==, 250000);
  g_assert_cmpint (times[ILV_STATE_RUNNING], ==, 750000);

  /* 10 µs columns: 2.5 µs ready each. */
  ilv_trace_lane_sample (trace, 0, 0, 1000000, G_N_ELEMENTS (columns), columns);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_assert_cmpuint (columns[i].dominant, ==, ILV_STATE_RUNNING);
      g_assert_cmpuint (columns[i].present, ==, (1u << ILV_STATE_RUNNING) | (1u << ILV_STATE_READY));
    }
  /* 500 ns columns over [0, 50 µs): the third and fourth of every eight are ready. */
  ilv_trace_lane_sample (trace, 0, 0, 50000, G_N_ELEMENTS (columns), columns);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      guint expect = i % 8 == 2 || i % 8 == 3 ? ILV_STATE_READY : ILV_STATE_RUNNING;

      g_assert_cmpuint (columns[i].dominant, ==, expect);
      g_assert_cmpuint (columns[i].present, ==, 1u << expect);
      g_assert_false (columns[i].dominant_resource_valid);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ready/against-reference", test_against_reference);
  g_test_add_func ("/ready/quarter-ready", test_quarter_ready);

  return g_test_run ();
}
