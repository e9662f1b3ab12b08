/* ilv-engine-test.c: helpers shared by the engine tests
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "ilv-engine-test.h"

IlvTrace *
ilv_test_run_text (const char *text)
{
  g_autoptr(IlvScenario) scenario = ilv_test_parse (text);
  g_autoptr(GError) error = NULL;
  IlvTrace *trace;

  trace = ilv_run_scenario_sync (scenario, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  g_assert_true (ilv_trace_is_finished (trace));
  return trace;
}

gint
ilv_test_find_lane (IlvTrace   *trace,
                    const char *name)
{
  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    if (g_strcmp0 (ilv_trace_get_lane (trace, i)->name, name) == 0 &&
        ilv_trace_get_lane (trace, i)->kind == ILV_LANE_WORKER)
      return i;
  return -1;
}

gint
ilv_test_find_resource (IlvTrace   *trace,
                        const char *name)
{
  for (guint i = 0; i < ilv_trace_get_n_resources (trace); i++)
    if (g_strcmp0 (ilv_trace_get_resource (trace, i)->name, name) == 0)
      return i;
  return -1;
}

const IlvValueSummary *
ilv_test_find_value (IlvSummary *summary,
                     const char *name)
{
  for (guint i = 0; i < summary->values->len; i++)
    {
      const IlvValueSummary *v = &g_array_index (summary->values, IlvValueSummary, i);

      if (g_strcmp0 (v->name, name) == 0)
        return v;
    }
  return NULL;
}

gint64
ilv_test_state_time (IlvTrace *trace,
                     guint     lane,
                     IlvState  state)
{
  return ilv_test_states_time (trace, lane, 1u << state);
}

gint64
ilv_test_states_time (IlvTrace *trace,
                      guint     lane,
                      guint     states)
{
  gint64 times[ILV_N_STATES] = { 0 };
  gint64 total = 0;

  ilv_trace_lane_state_times (trace, lane, ilv_trace_get_start (trace),
                              ilv_trace_get_end (trace), times);
  for (guint s = 0; s < ILV_N_STATES; s++)
    if (states & (1u << s))
      total += times[s];
  return total;
}

gint64
ilv_test_last_value (IlvTrace *trace,
                     guint     resource)
{
  gsize n = ilv_trace_counter_get_n_points (trace, resource);

  g_assert_cmpuint (n, >, 0);
  return ilv_trace_counter_get_points (trace, resource)[n - 1].value;
}

guint
ilv_test_collect_marks (IlvTrace   *trace,
                        const char *text,
                        gint64     *first,
                        gint64     *last)
{
  const IlvMark *marks = ilv_trace_get_marks (trace);
  gint64 min = G_MAXINT64;
  gint64 max = G_MININT64;
  guint n = 0;

  for (gsize i = 0; i < ilv_trace_get_n_marks (trace); i++)
    if (g_strcmp0 (marks[i].text, text) == 0)
      {
        min = MIN (min, marks[i].time);
        max = MAX (max, marks[i].time);
        n++;
      }
  if (first != NULL)
    *first = min;
  if (last != NULL)
    *last = max;
  return n;
}

gint64
ilv_test_max_value (IlvTrace *trace,
                    guint     resource)
{
  const IlvPoint *points = ilv_trace_counter_get_points (trace, resource);
  gsize n = ilv_trace_counter_get_n_points (trace, resource);
  gint64 max = 0;

  for (gsize i = 0; i < n; i++)
    max = MAX (max, points[i].value);
  return max;
}

typedef struct
{
  gint64 time;
  gint   delta;
} IlvEdge;

static gint
ilv_edge_compare (gconstpointer a,
                  gconstpointer b)
{
  const IlvEdge *ea = a;
  const IlvEdge *eb = b;

  if (ea->time != eb->time)
    return ea->time < eb->time ? -1 : 1;
  return ea->delta - eb->delta;   /* ends before starts at the same time */
}

/* What a sweep over the lanes found: time covered by ≥ 1 and ≥ 2 lanes,
 * the longest stretch of ≥ 2, and the most lanes at once. */
typedef struct
{
  gint64 any;
  gint64 two;
  gint64 longest_two;
  guint  max_depth;
} IlvSweep;

/* Sweeps the spans of `states` of every worker lane (of `process`, or all
 * when process is G_MAXUINT). */
static IlvSweep
ilv_test_sweep (IlvTrace *trace,
                guint     process,
                guint     states)
{
  IlvSweep sweep = { 0 };
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (IlvEdge));
  gint depth = 0;
  gint64 run_two = 0;

  for (guint lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    {
      const IlvLaneInfo *info = ilv_trace_get_lane (trace, lane);

      if (info->kind != ILV_LANE_WORKER || (process != G_MAXUINT && info->process != process))
        continue;
      for (gsize i = 0; i < ilv_trace_lane_get_n_spans (trace, lane); i++)
        {
          IlvSpan span;
          IlvEdge a, b;

          ilv_trace_lane_get_span (trace, lane, i, &span);
          if ((states & (1u << span.state)) == 0 || span.end <= span.start)
            continue;
          a.time = span.start;
          a.delta = 1;
          b.time = span.end;
          b.delta = -1;
          g_array_append_val (edges, a);
          g_array_append_val (edges, b);
        }
    }

  g_array_sort (edges, ilv_edge_compare);
  for (guint i = 0; i < edges->len; i++)
    {
      IlvEdge *e = &g_array_index (edges, IlvEdge, i);

      if (i > 0)
        {
          gint64 dt = e->time - g_array_index (edges, IlvEdge, i - 1).time;

          if (depth >= 1)
            sweep.any += dt;
          if (depth >= 2)
            {
              sweep.two += dt;
              run_two += dt;
              sweep.longest_two = MAX (sweep.longest_two, run_two);
            }
        }
      depth += e->delta;
      sweep.max_depth = MAX (sweep.max_depth, (guint) MAX (depth, 0));
      if (depth < 2)
        run_two = 0;
    }
  return sweep;
}

gint64
ilv_test_max_overlap (IlvTrace *trace,
                      guint     process,
                      guint     states)
{
  return ilv_test_sweep (trace, process, states).longest_two;
}

double
ilv_test_overlap_share (IlvTrace *trace,
                        guint     states)
{
  IlvSweep sweep = ilv_test_sweep (trace, G_MAXUINT, states);

  return sweep.any > 0 ? (double) sweep.two / sweep.any : 0;
}

gint64
ilv_test_overlap_time (IlvTrace *trace,
                       guint     states)
{
  return ilv_test_sweep (trace, G_MAXUINT, states).two;
}

guint
ilv_test_max_concurrency (IlvTrace *trace,
                          guint     states)
{
  return ilv_test_sweep (trace, G_MAXUINT, states).max_depth;
}

guint
ilv_test_n_cpus (void)
{
  long n = sysconf (_SC_NPROCESSORS_ONLN);

  return n > 0 ? (guint) n : 1;
}
