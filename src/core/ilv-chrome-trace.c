/* ilv-chrome-trace.c: a trace as Chrome Trace Event JSON (the writer)
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "ilv-atomic-file.h"
#include "ilv-chrome-trace.h"
#include "ilv-chrome-trace-private.h"
#include "ilv-json-writer.h"
#include "ilv-trace-private.h"

typedef struct
{
  IlvJsonWriter *w;
  IlvTrace      *trace;
  gint64         start;
  gint64         end;
} Writer;

static const char *const lane_kinds[] = { "worker", "gil", "core" };

static double
us (const Writer *wr,
    gint64        time)
{
  return (double) (time - wr->start) / 1000.0;
}

static guint
lane_pid (IlvTrace *trace,
          guint     lane)
{
  const IlvLaneInfo *info;

  if (lane >= ilv_trace_get_n_lanes (trace))
    return 0;
  info = ilv_trace_get_lane (trace, lane);
  return info->kind == ILV_LANE_CORE ? ilv_trace_get_n_processes (trace) : info->process;
}

static void
begin_event (Writer     *wr,
             const char *ph,
             const char *name,
             const char *cat,
             guint       lane,
             gint64      time)
{
  ilv_json_writer_begin_object (wr->w);
  ilv_json_writer_key (wr->w, "ph");
  ilv_json_writer_string (wr->w, ph);
  ilv_json_writer_key (wr->w, "name");
  ilv_json_writer_string (wr->w, name);
  if (cat != NULL)
    {
      ilv_json_writer_key (wr->w, "cat");
      ilv_json_writer_string (wr->w, cat);
    }
  ilv_json_writer_key (wr->w, "pid");
  ilv_json_writer_int (wr->w, lane_pid (wr->trace, lane));
  ilv_json_writer_key (wr->w, "tid");
  ilv_json_writer_int (wr->w, lane);
  ilv_json_writer_key (wr->w, "ts");
  ilv_json_writer_double (wr->w, us (wr, time));
}

static void
key_int (Writer     *wr,
         const char *key,
         gint64      value)
{
  ilv_json_writer_key (wr->w, key);
  ilv_json_writer_int (wr->w, value);
}

static void
key_string (Writer     *wr,
            const char *key,
            const char *value)
{
  ilv_json_writer_key (wr->w, key);
  if (value != NULL)
    ilv_json_writer_string (wr->w, value);
  else
    ilv_json_writer_null (wr->w);
}

/* The "interleave" object: what Perfetto does not need and a reload does. */
static void
write_processes (Writer *wr)
{
  ilv_json_writer_key (wr->w, "processes");
  ilv_json_writer_begin_array (wr->w);
  for (guint i = 0; i < ilv_trace_get_n_processes (wr->trace); i++)
    {
      const IlvProcessInfo *p = ilv_trace_get_process (wr->trace, i);

      ilv_json_writer_begin_object (wr->w);
      key_string (wr, "name", p->name);
      key_int (wr, "pid", p->pid);
      key_string (wr, "kind", ilv_worker_kind_to_string (p->kind));
      key_int (wr, "exit_status", p->exit_status);
      ilv_json_writer_end_object (wr->w);
    }
  ilv_json_writer_end_array (wr->w);
}

static void
write_lanes (Writer *wr)
{
  ilv_json_writer_key (wr->w, "lanes");
  ilv_json_writer_begin_array (wr->w);
  for (guint i = 0; i < ilv_trace_get_n_lanes (wr->trace); i++)
    {
      const IlvLaneInfo *l = ilv_trace_get_lane (wr->trace, i);
      gint64 first = ilv_trace_lane_get_first_step (wr->trace, i);
      const IlvInterval *ready = ilv_trace_lane_get_ready (wr->trace, i);

      ilv_json_writer_begin_object (wr->w);
      key_string (wr, "name", l->name);
      key_string (wr, "group", l->group);
      key_string (wr, "kind", lane_kinds[l->kind]);
      key_string (wr, "worker_kind", ilv_worker_kind_to_string (l->worker_kind));
      key_int (wr, "process", l->process);
      ilv_json_writer_key (wr->w, "daemon");
      ilv_json_writer_boolean (wr->w, l->daemon);
      if (first != G_MININT64)
        key_int (wr, "first_step_ns", first - wr->start);
      key_int (wr, "start_cost_ns", ilv_trace_lane_get_start_cost (wr->trace, i));
      key_int (wr, "nominal_work_ns", ilv_trace_lane_get_nominal_work (wr->trace, i));
      key_int (wr, "exit_status", ilv_trace_lane_get_exit_status (wr->trace, i));
      ilv_json_writer_key (wr->w, "ready_ns");
      ilv_json_writer_begin_array (wr->w);
      for (gsize j = 0; j < ilv_trace_lane_get_n_ready (wr->trace, i); j++)
        {
          ilv_json_writer_int (wr->w, ready[j].start - wr->start);
          ilv_json_writer_int (wr->w, MIN (ready[j].end, wr->end) - wr->start);
        }
      ilv_json_writer_end_array (wr->w);
      ilv_json_writer_end_object (wr->w);
    }
  ilv_json_writer_end_array (wr->w);
}

static void
write_resources (Writer *wr)
{
  ilv_json_writer_key (wr->w, "resources");
  ilv_json_writer_begin_array (wr->w);
  for (guint i = 0; i < ilv_trace_get_n_resources (wr->trace); i++)
    {
      const IlvResourceInfo *r = ilv_trace_get_resource (wr->trace, i);
      guint64 puts, gets;

      ilv_trace_resource_get_counts (wr->trace, i, &puts, &gets);
      ilv_json_writer_begin_object (wr->w);
      key_string (wr, "name", r->name);
      key_string (wr, "kind", ilv_resource_kind_to_string (r->kind));
      key_int (wr, "initial", r->initial);
      key_int (wr, "capacity", r->capacity);
      key_int (wr, "puts", (gint64) MIN (puts, G_MAXINT64));
      key_int (wr, "gets", (gint64) MIN (gets, G_MAXINT64));
      ilv_json_writer_end_object (wr->w);
    }
  ilv_json_writer_end_array (wr->w);
}

static void
write_header (Writer *wr)
{
  ilv_json_writer_key (wr->w, "interleave");
  ilv_json_writer_begin_object (wr->w);
  key_int (wr, "format", ILV_CHROME_TRACE_FORMAT);
  key_string (wr, "title", ilv_trace_get_title (wr->trace));
  key_string (wr, "description", ilv_trace_get_description (wr->trace));
  if (ilv_trace_get_variant (wr->trace) != NULL)
    key_string (wr, "variant", ilv_trace_get_variant (wr->trace));
  ilv_json_writer_key (wr->w, "gil");
  ilv_json_writer_boolean (wr->w, ilv_trace_get_gil (wr->trace));
  key_int (wr, "start_ns", wr->start);
  key_int (wr, "end_ns", wr->end);
  ilv_json_writer_key (wr->w, "finished");
  ilv_json_writer_boolean (wr->w, ilv_trace_is_finished (wr->trace));
  key_string (wr, "stopped", ilv_stop_reason_to_string (ilv_trace_get_stop_reason (wr->trace)));
  key_string (wr, "stop_message", ilv_trace_get_stop_message (wr->trace));
  key_int (wr, "events_recorded", (gint64) ilv_trace_get_n_events (wr->trace));
  key_int (wr, "n_cpus", ilv_trace_get_n_cpus (wr->trace));
  write_processes (wr);
  write_lanes (wr);
  write_resources (wr);
  ilv_json_writer_end_object (wr->w);
}

static void
write_metadata (Writer *wr)
{
  guint n_processes = ilv_trace_get_n_processes (wr->trace);

  for (guint p = 0; p <= n_processes; p++)
    {
      g_autofree char *name = NULL;

      if (p == n_processes && ilv_trace_get_n_cpus (wr->trace) == 0)
        break;
      if (p < n_processes)
        name = g_strdup_printf ("%s (pid %" G_GINT64_FORMAT ")",
                                ilv_trace_get_process (wr->trace, p)->name,
                                ilv_trace_get_process (wr->trace, p)->pid);
      else
        name = g_strdup (_("CPUs"));
      ilv_json_writer_begin_object (wr->w);
      key_string (wr, "ph", "M");
      key_string (wr, "name", "process_name");
      key_int (wr, "pid", p);
      ilv_json_writer_key (wr->w, "args");
      ilv_json_writer_begin_object (wr->w);
      key_string (wr, "name", name);
      ilv_json_writer_end_object (wr->w);
      ilv_json_writer_end_object (wr->w);
    }
  for (guint i = 0; i < ilv_trace_get_n_lanes (wr->trace); i++)
    {
      begin_event (wr, "M", "thread_name", NULL, i, wr->start);
      ilv_json_writer_key (wr->w, "args");
      ilv_json_writer_begin_object (wr->w);
      key_string (wr, "name", ilv_trace_get_lane (wr->trace, i)->name);
      ilv_json_writer_end_object (wr->w);
      ilv_json_writer_end_object (wr->w);
    }
}

static void
write_slice (Writer     *wr,
             guint       lane,
             const char *name,
             const char *cat,
             gint64      start,
             gint64      end)
{
  begin_event (wr, "X", name, cat, lane, start);
  ilv_json_writer_key (wr->w, "dur");
  ilv_json_writer_double (wr->w, (double) (end - start) / 1000.0);
}

static char *
span_name (IlvTrace      *trace,
           const IlvSpan *span,
           IlvLaneKind    kind)
{
  const char *state = ilv_state_to_string (span->state);

  if (span->resource < 0)
    return g_strdup (state);
  if (kind != ILV_LANE_WORKER && (guint) span->resource < ilv_trace_get_n_lanes (trace))
    return g_strdup (ilv_trace_get_lane (trace, span->resource)->name);
  if (kind == ILV_LANE_WORKER && (guint) span->resource < ilv_trace_get_n_resources (trace))
    return g_strdup_printf ("%s %s", state, ilv_trace_get_resource (trace, span->resource)->name);
  return g_strdup (state);
}

static void
write_span (Writer        *wr,
            guint          lane,
            const IlvSpan *span,
            gint64         start,
            gint64         end)
{
  g_autofree char *name = span_name (wr->trace, span, ilv_trace_get_lane (wr->trace, lane)->kind);

  write_slice (wr, lane, name, "state", start, end);
  ilv_json_writer_key (wr->w, "args");
  ilv_json_writer_begin_object (wr->w);
  key_string (wr, "state", ilv_state_to_string (span->state));
  key_int (wr, "resource", span->resource);
  ilv_json_writer_end_object (wr->w);
  ilv_json_writer_end_object (wr->w);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 ta = *(const gint64 *) a;
  gint64 tb = *(const gint64 *) b;

  return ta < tb ? -1 : ta > tb;
}

/* Task boundaries of a lane, sorted: state slices are cut there so that
 * they nest inside the task slices. */
static GArray *
task_edges (Writer *wr,
            guint   lane)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (gint64));
  const IlvTask *tasks = ilv_trace_get_tasks (wr->trace);

  for (gsize i = 0; i < ilv_trace_get_n_tasks (wr->trace); i++)
    if (tasks[i].lane == lane)
      {
        gint64 end = MIN (tasks[i].end, wr->end);

        g_array_append_val (edges, tasks[i].start);
        g_array_append_val (edges, end);
      }
  g_array_sort (edges, compare_times);
  return edges;
}

static void
write_lane_spans (Writer *wr,
                  guint   lane)
{
  IlvLaneKind kind = ilv_trace_get_lane (wr->trace, lane)->kind;
  g_autoptr(GArray) edges = task_edges (wr, lane);
  guint e = 0;

  for (gsize i = 0; i < ilv_trace_lane_get_n_spans (wr->trace, lane); i++)
    {
      IlvSpan span;
      gint64 from;

      ilv_trace_lane_get_span (wr->trace, lane, i, &span);
      span.end = MIN (span.end, wr->end);
      if (span.end < span.start ||
          (kind == ILV_LANE_WORKER && span.state == ILV_STATE_NOT_STARTED) ||
          (kind != ILV_LANE_WORKER && span.state == ILV_STATE_IDLE))
        continue;
      from = span.start;
      while (e < edges->len && g_array_index (edges, gint64, e) <= from)
        e++;
      for (; e < edges->len && g_array_index (edges, gint64, e) < span.end; e++)
        {
          write_span (wr, lane, &span, from, g_array_index (edges, gint64, e));
          from = g_array_index (edges, gint64, e);
        }
      write_span (wr, lane, &span, from, span.end);
    }
}

static void
write_tasks (Writer *wr)
{
  const IlvTask *tasks = ilv_trace_get_tasks (wr->trace);

  for (gsize i = 0; i < ilv_trace_get_n_tasks (wr->trace); i++)
    {
      write_slice (wr, tasks[i].lane, tasks[i].label, "task", tasks[i].start,
                   MAX (MIN (tasks[i].end, wr->end), tasks[i].start));
      ilv_json_writer_key (wr->w, "args");
      ilv_json_writer_begin_object (wr->w);
      key_int (wr, "task", tasks[i].index);
      ilv_json_writer_end_object (wr->w);
      ilv_json_writer_end_object (wr->w);
    }
}

static void
write_holds (Writer *wr)
{
  gint64 id = 0;

  for (guint lane = 0; lane < ilv_trace_get_n_lanes (wr->trace); lane++)
    {
      const IlvHold *holds = ilv_trace_lane_get_holds (wr->trace, lane);

      for (gsize i = 0; i < ilv_trace_lane_get_n_holds (wr->trace, lane); i++, id++)
        {
          const char *name = (guint) holds[i].resource < ilv_trace_get_n_resources (wr->trace)
                               ? ilv_trace_get_resource (wr->trace, holds[i].resource)->name : "lock";

          begin_event (wr, "b", name, "lock", lane, holds[i].start);
          key_int (wr, "id", id);
          ilv_json_writer_key (wr->w, "args");
          ilv_json_writer_begin_object (wr->w);
          key_int (wr, "resource", holds[i].resource);
          ilv_json_writer_key (wr->w, "contended");
          ilv_json_writer_boolean (wr->w, holds[i].contended);
          ilv_json_writer_end_object (wr->w);
          ilv_json_writer_end_object (wr->w);
          if (holds[i].end == G_MAXINT64)
            continue;
          begin_event (wr, "e", name, "lock", lane, holds[i].end);
          key_int (wr, "id", id);
          ilv_json_writer_end_object (wr->w);
        }
    }
}

static void
write_series (Writer         *wr,
              guint           resource,
              const char     *cat,
              const IlvPoint *points,
              gsize           n)
{
  const char *name = ilv_trace_get_resource (wr->trace, resource)->name;
  g_autofree char *expected_name = g_strdup_printf ("%s (expected)", name);

  for (gsize i = 0; i < n; i++)
    {
      begin_event (wr, "C", g_str_equal (cat, "expected") ? expected_name : name, cat, 0, points[i].time);
      ilv_json_writer_key (wr->w, "args");
      ilv_json_writer_begin_object (wr->w);
      key_int (wr, "value", points[i].value);
      ilv_json_writer_end_object (wr->w);
      ilv_json_writer_end_object (wr->w);
    }
}

static void
write_counters (Writer *wr)
{
  if (ilv_trace_get_n_processes (wr->trace) == 0)
    return;
  for (guint r = 0; r < ilv_trace_get_n_resources (wr->trace); r++)
    {
      write_series (wr, r, "counter", ilv_trace_counter_get_points (wr->trace, r),
                    ilv_trace_counter_get_n_points (wr->trace, r));
      write_series (wr, r, "expected", ilv_trace_expected_get_points (wr->trace, r),
                    ilv_trace_expected_get_n_points (wr->trace, r));
    }
}

static void
write_flows (Writer *wr)
{
  static const char *const cats[] = { "flow.queue", "flow.pipe", "flow.lock" };
  const IlvFlow *flows = ilv_trace_get_flows (wr->trace);

  for (gsize i = 0; i < ilv_trace_get_n_flows (wr->trace); i++)
    {
      const char *cat = cats[flows[i].kind];

      begin_event (wr, "s", cat + 5, cat, flows[i].from_lane, flows[i].from_time);
      key_int (wr, "id", (gint64) i);
      ilv_json_writer_key (wr->w, "args");
      ilv_json_writer_begin_object (wr->w);
      key_int (wr, "resource", flows[i].resource);
      ilv_json_writer_end_object (wr->w);
      ilv_json_writer_end_object (wr->w);
      begin_event (wr, "f", cat + 5, cat, flows[i].to_lane, flows[i].to_time);
      key_int (wr, "id", (gint64) i);
      key_string (wr, "bp", "e");
      ilv_json_writer_end_object (wr->w);
    }
}

static void
write_marks (Writer *wr)
{
  const IlvMark *marks = ilv_trace_get_marks (wr->trace);

  for (gsize i = 0; i < ilv_trace_get_n_marks (wr->trace); i++)
    {
      begin_event (wr, "i", marks[i].text, "mark", marks[i].lane, marks[i].time);
      key_string (wr, "s", "t");
      ilv_json_writer_end_object (wr->w);
    }
}

/**
 * ilv_chrome_trace_write:
 *
 * Returns: (transfer full): the trace as Chrome Trace Event JSON
 */
GString *
ilv_chrome_trace_write (IlvTrace *trace)
{
  GString *out;
  Writer wr;

  g_return_val_if_fail (trace != NULL, NULL);

  out = g_string_sized_new (4096);
  wr.w = ilv_json_writer_new (out);
  wr.trace = trace;
  wr.start = ilv_trace_get_start (trace);
  wr.end = ilv_trace_get_end (trace);
  ilv_json_writer_begin_object (wr.w);
  write_header (&wr);
  ilv_json_writer_key (wr.w, "displayTimeUnit");
  ilv_json_writer_string (wr.w, "ms");
  ilv_json_writer_key (wr.w, "traceEvents");
  ilv_json_writer_begin_array (wr.w);
  write_metadata (&wr);
  write_tasks (&wr);
  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    write_lane_spans (&wr, i);
  write_holds (&wr);
  write_counters (&wr);
  write_flows (&wr);
  write_marks (&wr);
  ilv_json_writer_end_array (wr.w);
  ilv_json_writer_end_object (wr.w);
  g_string_append_c (out, '\n');
  ilv_json_writer_free (wr.w);
  return out;
}

gboolean
ilv_chrome_trace_save (IlvTrace    *trace,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GString) json = NULL;

  g_return_val_if_fail (trace != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  json = ilv_chrome_trace_write (trace);
  return ilv_atomic_file_set_contents (path, json->str, json->len, error);
}
