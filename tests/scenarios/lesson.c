/* lesson.c: helpers for the tests that check each built-in scenario's lesson
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "ilv-scenario-library.h"
#include "lesson.h"

static GHashTable *lesson_traces;

IlvTrace *
lesson_run_with (const char         *id,
                 const char * const *overrides,
                 IlvStopReason       reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) scenario = NULL;
  IlvTrace *trace;

  scenario = ilv_scenario_library_load (id, overrides, &error);
  g_assert_no_error (error);
  trace = ilv_run_scenario_sync (scenario, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  g_assert_true (ilv_trace_is_finished (trace));
  if (ilv_trace_get_stop_reason (trace) != reason)
    g_error ("%s ended %s (%s), expected %s", id,
             ilv_stop_reason_to_string (ilv_trace_get_stop_reason (trace)),
             ilv_trace_get_stop_message (trace),
             ilv_stop_reason_to_string (reason));
  /* A process worker that exits with an error (rather than by a signal,
   * which some lessons want) did not run its program at all. */
  for (guint lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    {
      gint status = ilv_trace_lane_get_exit_status (trace, lane);

      if (status > 0 && status < 256)
        g_error ("%s: worker %s exited with status %d", id,
                 ilv_trace_get_lane (trace, lane)->name, status);
    }
  return trace;
}

IlvTrace *
lesson_run (const char    *id,
            IlvStopReason  reason)
{
  IlvTrace *trace;

  if (lesson_traces == NULL)
    lesson_traces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) ilv_trace_unref);
  trace = g_hash_table_lookup (lesson_traces, id);
  if (trace == NULL)
    {
      trace = lesson_run_with (id, NULL, reason);
      g_hash_table_insert (lesson_traces, g_strdup (id), trace);
    }
  return trace;
}

IlvSummary *
lesson_summary (const char    *id,
                IlvStopReason  reason)
{
  return ilv_summary_new (lesson_run (id, reason));
}

GArray *
lesson_group_lanes (IlvTrace   *trace,
                    const char *group)
{
  GArray *lanes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    {
      const IlvLaneInfo *info = ilv_trace_get_lane (trace, i);

      if (info->kind == ILV_LANE_WORKER && g_strcmp0 (info->group, group) == 0)
        g_array_append_val (lanes, i);
    }
  g_assert_cmpuint (lanes->len, >, 0);
  return lanes;
}

double
lesson_group_ms (IlvTrace   *trace,
                 const char *group,
                 guint       states)
{
  g_autoptr(GArray) lanes = lesson_group_lanes (trace, group);
  gint64 total = 0;

  for (guint i = 0; i < lanes->len; i++)
    total += ilv_test_states_time (trace, g_array_index (lanes, guint, i), states);
  return total / 1e6;
}

double
lesson_group_share (IlvTrace   *trace,
                    const char *group,
                    guint       part,
                    guint       whole)
{
  double all = lesson_group_ms (trace, group, whole);

  g_assert_cmpfloat (all, >, 0);
  return lesson_group_ms (trace, group, part) / all;
}

gint
lesson_compare_double (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static gint
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint
find_gil_lane (IlvTrace *trace,
               guint     process)
{
  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    {
      const IlvLaneInfo *info = ilv_trace_get_lane (trace, i);

      if (info->kind == ILV_LANE_GIL && info->process == process)
        return i;
    }
  return -1;
}

GArray *
lesson_gil_holds (IlvTrace *trace,
                  guint     process)
{
  GArray *holds = g_array_new (FALSE, FALSE, sizeof (double));
  gint lane = find_gil_lane (trace, process);
  gint holder = -1;
  gint64 since = 0;

  g_assert_cmpint (lane, >=, 0);
  for (gsize i = 0; i < ilv_trace_lane_get_n_spans (trace, lane); i++)
    {
      IlvSpan span;

      ilv_trace_lane_get_span (trace, lane, i, &span);
      if (span.state != ILV_STATE_RUNNING || span.resource == holder)
        continue;
      if (holder >= 0)
        {
          double held = (span.start - since) / 1e6;

          g_array_append_val (holds, held);
        }
      holder = span.resource;
      since = span.start;
    }
  g_array_sort (holds, lesson_compare_double);
  return holds;
}

double
lesson_quantile (GArray *sorted,
                 double  q)
{
  g_assert_cmpuint (sorted->len, >, 0);
  return g_array_index (sorted, double, (guint) (q * (sorted->len - 1) + 0.5));
}

/* Sweeps sorted edges (time × 2, + 1 for a start) for the deepest point. */
static guint
deepest (GArray *edges)
{
  guint depth = 0, best = 0;

  g_array_sort (edges, compare_gint64);
  for (guint i = 0; i < edges->len; i++)
    {
      if (g_array_index (edges, gint64, i) & 1)
        depth++;
      else
        depth--;
      best = MAX (best, depth);
    }
  return best;
}

static void
add_edges (GArray   *edges,
           IlvTrace *trace,
           gint64    start,
           gint64    end)
{
  gint64 a = (start - ilv_trace_get_start (trace)) * 2 + 1;
  gint64 b = (MIN (end, ilv_trace_get_end (trace)) - ilv_trace_get_start (trace)) * 2;

  g_array_append_val (edges, a);
  g_array_append_val (edges, b);
}

guint
lesson_group_concurrency (IlvTrace   *trace,
                          const char *group,
                          guint       states)
{
  g_autoptr(GArray) lanes = lesson_group_lanes (trace, group);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint l = 0; l < lanes->len; l++)
    {
      guint lane = g_array_index (lanes, guint, l);

      for (gsize i = 0; i < ilv_trace_lane_get_n_spans (trace, lane); i++)
        {
          IlvSpan span;

          ilv_trace_lane_get_span (trace, lane, i, &span);
          if ((states & (1u << span.state)) != 0 && span.end > span.start)
            add_edges (edges, trace, span.start, span.end);
        }
    }
  return deepest (edges);
}

guint
lesson_max_holders (IlvTrace   *trace,
                    const char *resource)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint r = ilv_test_find_resource (trace, resource);

  g_assert_cmpint (r, >=, 0);
  for (guint lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    {
      const IlvHold *holds = ilv_trace_lane_get_holds (trace, lane);

      for (gsize i = 0; i < ilv_trace_lane_get_n_holds (trace, lane); i++)
        if (holds[i].resource == r)
          add_edges (edges, trace, holds[i].start, holds[i].end);
    }
  return deepest (edges);
}

GArray *
lesson_lane_spans (IlvTrace *trace,
                   guint     lane,
                   IlvState  state)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (IlvSpan));

  for (gsize i = 0; i < ilv_trace_lane_get_n_spans (trace, lane); i++)
    {
      IlvSpan span;

      ilv_trace_lane_get_span (trace, lane, i, &span);
      if (span.state == state)
        g_array_append_val (spans, span);
    }
  return spans;
}

#define LESSON_FIND(Type, array, wanted)                                \
  for (guint i = 0; i < (array)->len; i++)                              \
    if (g_strcmp0 (g_array_index ((array), Type, i).name, wanted) == 0) \
      return &g_array_index ((array), Type, i);                         \
  g_error ("no %s in the summary", wanted);                             \
  return NULL

const IlvValueSummary *
lesson_value (IlvSummary *summary,
              const char *name)
{
  LESSON_FIND (IlvValueSummary, summary->values, name);
}

const IlvLockSummary *
lesson_lock (IlvSummary *summary,
             const char *name)
{
  LESSON_FIND (IlvLockSummary, summary->locks, name);
}

const IlvQueueSummary *
lesson_queue (IlvSummary *summary,
              const char *name)
{
  LESSON_FIND (IlvQueueSummary, summary->queues, name);
}

double
lesson_counter_mean (IlvTrace   *trace,
                     const char *resource)
{
  gint r = ilv_test_find_resource (trace, resource);
  const IlvPoint *points;
  gsize n;
  double area = 0;
  gint64 end = ilv_trace_get_end (trace);

  g_assert_cmpint (r, >=, 0);
  points = ilv_trace_counter_get_points (trace, r);
  n = ilv_trace_counter_get_n_points (trace, r);
  g_assert_cmpuint (n, >, 0);
  for (gsize i = 0; i < n; i++)
    area += (double) points[i].value * ((i + 1 < n ? points[i + 1].time : end) - points[i].time);
  return area / MAX (end - points[0].time, 1);
}

GArray *
lesson_mark_times (IlvTrace   *trace,
                   const char *text)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  const IlvMark *marks = ilv_trace_get_marks (trace);

  for (gsize i = 0; i < ilv_trace_get_n_marks (trace); i++)
    if (g_strcmp0 (marks[i].text, text) == 0)
      {
        double ms = (marks[i].time - ilv_trace_get_start (trace)) / 1e6;

        g_array_append_val (times, ms);
      }
  g_array_sort (times, lesson_compare_double);
  return times;
}

/* Spins until the thread has used 60 ms of CPU; returns that CPU time. */
static gpointer
spin_thread (gpointer data)
{
  gint64 *cpu = data;
  gint64 start = ilv_test_clock_ns (CLOCK_THREAD_CPUTIME_ID);
  volatile guint64 x = 1;

  while (ilv_test_clock_ns (CLOCK_THREAD_CPUTIME_ID) - start < 60 * G_GINT64_CONSTANT (1000000))
    for (guint i = 0; i < 10000; i++)
      x = x * 6364136223846793005u + 1;
  *cpu = ilv_test_clock_ns (CLOCK_THREAD_CPUTIME_ID) - start;
  return NULL;
}

double
lesson_free_cores (void)
{
  gint64 cpu[2] = { 0, 0 };
  GThread *threads[2];
  gint64 wall = ilv_test_clock_ns (CLOCK_MONOTONIC);

  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("spin", spin_thread, &cpu[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  wall = ilv_test_clock_ns (CLOCK_MONOTONIC) - wall;
  return (double) (cpu[0] + cpu[1]) / MAX (wall, 1);
}

gboolean
lesson_can_measure_speedup (void)
{
  static double free_cores = -1;

  if (free_cores < 0)
    free_cores = lesson_free_cores ();
  if (free_cores >= 1.5)
    return TRUE;
  g_test_message ("speed-up not compared: the machine gives us %.2f cores now, "
                  "fewer than the 1.5 that a speed-up needs", free_cores);
  return FALSE;
}

static IlvJsonNode *
lesson_parse_json (const char *line)
{
  g_autoptr(GError) error = NULL;
  IlvJsonNode *node = ilv_json_parse (line, strlen (line), &error);

  g_assert_no_error (error);
  g_assert_cmpint (node->type, ==, ILV_JSON_OBJECT);
  return node;
}

IlvJsonNode *
lesson_python (const char *script,
               ...)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  char *last;
  gint status = 0;
  va_list args;

  if (python == NULL)
    {
      g_test_skip ("python3 not found: CPython cross-check skipped");
      return NULL;
    }
  g_ptr_array_add (argv, g_steal_pointer (&python));
  g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "scenarios", "python", script, NULL));
  va_start (args, script);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", script, error->message, err);
  g_strchomp (out);
  last = strrchr (out, '\n');
  last = last != NULL ? last + 1 : out;
  g_test_message ("python3 %s: %s", script, last);
  return lesson_parse_json (last);
}

double
lesson_json_double (IlvJsonNode *object,
                    const char  *key)
{
  double value = 0;

  if (!ilv_json_node_get_double (object, key, &value))
    g_error ("the Python program's figures have no number \"%s\"", key);
  return value;
}
