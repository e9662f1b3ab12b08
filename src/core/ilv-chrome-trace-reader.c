/* ilv-chrome-trace-reader.c: a run Interleave saved as Chrome Trace Event
 * JSON, read back whole
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ilv-chrome-trace.h"
#include "ilv-chrome-trace-private.h"
#include "ilv-json-reader.h"
#include "ilv-trace-private.h"

/* Far more than any run has; a file that claims more is not ours. */
#define MAX_ITEMS 1000000
/* |ts| in µs beyond which a time is nonsense (about 115 days). */
#define MAX_US 1e13

typedef struct
{
  guint   lane;
  IlvHold hold;
} PendingHold;

typedef struct
{
  IlvTrace   *trace;
  gint64      start;
  gint64      end;
  gboolean    finished;
  IlvStopReason stopped;
  char       *stop_message;
  GArray     *lane_end;      /* gint64: where the last imported slice of a lane ended */
  GHashTable *holds;         /* id -> PendingHold */
  GHashTable *flows;         /* id -> IlvFlow */
  GHashTable *counters;      /* counter name -> resource + 1 */
  gboolean    early_events;  /* traceEvents came before the header */
} Loader;

static void
loader_clear (Loader *ld)
{
  g_clear_pointer (&ld->trace, ilv_trace_unref);
  g_clear_pointer (&ld->stop_message, g_free);
  g_clear_pointer (&ld->lane_end, g_array_unref);
  g_clear_pointer (&ld->holds, g_hash_table_unref);
  g_clear_pointer (&ld->flows, g_hash_table_unref);
  g_clear_pointer (&ld->counters, g_hash_table_unref);
}

static gboolean
not_ours (GError    **error,
          const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("This is not a trace Interleave saved: %s"), why);
  return FALSE;
}

static const char *
string_or (const IlvJsonNode *object,
           const char        *key,
           const char        *fallback)
{
  const char *value = ilv_json_node_get_string (object, key);

  return value != NULL ? value : fallback;
}

static gint64
int_or (const IlvJsonNode *object,
        const char        *key,
        gint64             fallback)
{
  gint64 value;

  return ilv_json_node_get_int (object, key, &value) ? value : fallback;
}

static const IlvJsonNode *
array_member (const IlvJsonNode *object,
              const char        *key)
{
  const IlvJsonNode *node = ilv_json_node_get (object, key);

  if (node == NULL || node->type != ILV_JSON_ARRAY || node->items->len > MAX_ITEMS)
    return NULL;
  return node;
}

static gboolean
read_processes (Loader            *ld,
                const IlvJsonNode *header,
                GError           **error)
{
  const IlvJsonNode *list = array_member (header, "processes");

  if (list == NULL)
    return not_ours (error, _("the list of processes is missing"));
  for (guint i = 0; i < list->items->len; i++)
    {
      const IlvJsonNode *p = g_ptr_array_index (list->items, i);
      IlvWorkerKind kind = ILV_WORKER_THREAD;
      guint index;

      ilv_worker_kind_from_string (string_or (p, "kind", ""), &kind);
      index = ilv_trace_add_process (ld->trace, string_or (p, "name", ""), int_or (p, "pid", 0), kind);
      ((IlvProcess *) g_ptr_array_index (ld->trace->processes, index))->info.exit_status =
        (gint) CLAMP (int_or (p, "exit_status", -1), -1, G_MAXINT);
    }
  return TRUE;
}

static void
read_ready (Loader            *ld,
            guint              lane,
            const IlvJsonNode *l)
{
  const IlvJsonNode *ready = array_member (l, "ready_ns");

  for (guint j = 0; ready != NULL && j + 1 < ready->items->len; j += 2)
    {
      const IlvJsonNode *a = g_ptr_array_index (ready->items, j);
      const IlvJsonNode *b = g_ptr_array_index (ready->items, j + 1);

      if (a->is_integer && b->is_integer && a->integer >= 0 && b->integer >= a->integer &&
          b->integer <= ld->end - ld->start)
        ilv_trace_import_ready (ld->trace, lane, ld->start + a->integer, ld->start + b->integer);
    }
}

static gboolean
read_lane (Loader            *ld,
           const IlvJsonNode *l,
           GError           **error)
{
  static const char *const kinds[] = { "worker", "gil", "core" };
  IlvLaneInfo info = { string_or (l, "name", ""), ilv_json_node_get_string (l, "group"), 0, 0, 0, FALSE };
  gint64 process = int_or (l, "process", -1);
  gint64 first = int_or (l, "first_step_ns", G_MININT64);
  guint lane;
  gint kind = -1;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (g_strcmp0 (string_or (l, "kind", ""), kinds[k]) == 0)
      kind = (gint) k;
  info.kind = kind;
  ilv_worker_kind_from_string (string_or (l, "worker_kind", ""), &info.worker_kind);
  ilv_json_node_get_boolean (l, "daemon", &info.daemon);
  if (kind < 0 || (kind != ILV_LANE_CORE && (process < 0 || process >= ld->trace->processes->len)))
    return not_ours (error, _("a lane has no valid kind or process"));
  info.process = kind == ILV_LANE_CORE ? 0 : (guint) process;
  lane = ilv_trace_import_lane (ld->trace, &info);
  if (kind == ILV_LANE_CORE && ld->trace->n_cpus++ == 0)
    ld->trace->first_core_lane = lane;
  ilv_trace_import_worker (ld->trace, lane,
                           first != G_MININT64 ? ld->start + first : G_MININT64,
                           int_or (l, "start_cost_ns", 0), int_or (l, "nominal_work_ns", 0),
                           (gint) CLAMP (int_or (l, "exit_status", -1), -1, G_MAXINT));
  read_ready (ld, lane, l);
  return TRUE;
}

static gboolean
read_resources (Loader            *ld,
                const IlvJsonNode *header,
                GError           **error)
{
  const IlvJsonNode *list = array_member (header, "resources");

  if (list == NULL || list->items->len > G_MAXINT16)
    return not_ours (error, _("the list of resources is missing"));
  for (guint i = 0; i < list->items->len; i++)
    {
      const IlvJsonNode *r = g_ptr_array_index (list->items, i);
      const char *kind_name = string_or (r, "kind", "");
      IlvResourceKind kind = ILV_N_RESOURCE_KINDS;
      guint index;

      for (guint k = 0; k < ILV_N_RESOURCE_KINDS; k++)
        if (g_strcmp0 (kind_name, ilv_resource_kind_to_string (k)) == 0)
          kind = k;
      if (kind == ILV_N_RESOURCE_KINDS)
        return not_ours (error, _("a resource is of an unknown kind"));
      index = ilv_trace_add_resource (ld->trace, string_or (r, "name", ""), kind,
                                      int_or (r, "initial", 0), int_or (r, "capacity", 0));
      /* Counters are named after their resource; the first of a name wins. */
      if (!g_hash_table_contains (ld->counters, ilv_trace_get_resource (ld->trace, index)->name))
        g_hash_table_insert (ld->counters, g_strdup (ilv_trace_get_resource (ld->trace, index)->name),
                             GUINT_TO_POINTER (index + 1));
      ilv_trace_import_counts (ld->trace, index, (guint64) MAX (int_or (r, "puts", 0), 0),
                               (guint64) MAX (int_or (r, "gets", 0), 0));
    }
  return TRUE;
}

static gboolean
read_stop (Loader            *ld,
           const IlvJsonNode *header)
{
  const char *stopped = string_or (header, "stopped", "");

  ld->stopped = ILV_STOP_ERROR;
  for (guint s = ILV_STOP_FINISHED; s <= ILV_STOP_ERROR; s++)
    if (g_strcmp0 (stopped, ilv_stop_reason_to_string (s)) == 0)
      ld->stopped = s;
  ld->stop_message = g_strdup (string_or (header, "stop_message", ""));
  ld->finished = FALSE;
  ilv_json_node_get_boolean (header, "finished", &ld->finished);
  return TRUE;
}

static gboolean
read_header (Loader            *ld,
             const IlvJsonNode *header,
             GError           **error)
{
  const IlvJsonNode *lanes;
  gint64 format;
  gboolean gil = TRUE;

  if (header->type != ILV_JSON_OBJECT || !ilv_json_node_get_int (header, "format", &format))
    return not_ours (error, _("its “interleave” section has no format version"));
  if (format > ILV_CHROME_TRACE_FORMAT || format < 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This trace was saved in format %" PRId64 ", which this version "
                     "of Interleave cannot read (it reads format %d)"),
                   format, ILV_CHROME_TRACE_FORMAT);
      return FALSE;
    }
  if (!ilv_json_node_get_int (header, "start_ns", &ld->start) ||
      !ilv_json_node_get_int (header, "end_ns", &ld->end) || ld->end < ld->start ||
      ld->end - ld->start > (gint64) (MAX_US * 1000))
    return not_ours (error, _("the run's start and end are missing or out of order"));
  ld->trace = ilv_trace_new (string_or (header, "title", ""), string_or (header, "description", ""));
  ilv_trace_set_variant (ld->trace, string_or (header, "variant", NULL));
  ilv_trace_set_start (ld->trace, ld->start);
  ilv_json_node_get_boolean (header, "gil", &gil);
  ilv_trace_set_gil (ld->trace, gil);
  ilv_trace_import_n_events (ld->trace, (gsize) MAX (int_or (header, "events_recorded", 0), 0));
  read_stop (ld, header);
  ld->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!read_processes (ld, header, error) || !read_resources (ld, header, error))
    return FALSE;
  if ((lanes = array_member (header, "lanes")) == NULL)
    return not_ours (error, _("the list of lanes is missing"));
  for (guint i = 0; i < lanes->items->len; i++)
    if (!read_lane (ld, g_ptr_array_index (lanes->items, i), error))
      return FALSE;
  ld->lane_end = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (ld->lane_end, lanes->items->len);
  ld->holds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ld->flows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return TRUE;
}

/* The common fields of an event; FALSE if they make no sense. */
static gboolean
event_place (Loader            *ld,
             const IlvJsonNode *ev,
             guint             *lane,
             gint64            *time)
{
  gint64 tid;
  double ts;

  if (!ilv_json_node_get_int (ev, "tid", &tid) || tid < 0 ||
      !ilv_json_node_get_double (ev, "ts", &ts) || fabs (ts) > MAX_US)
    return FALSE;
  *lane = (guint) MIN (tid, G_MAXUINT);
  *time = ld->start + (gint64) llround (ts * 1000.0);
  return TRUE;
}

static gint64
duration (const IlvJsonNode *ev)
{
  double dur;

  if (!ilv_json_node_get_double (ev, "dur", &dur) || dur < 0 || dur > MAX_US)
    return -1;
  return (gint64) llround (dur * 1000.0);
}

static void
read_slice (Loader            *ld,
            const IlvJsonNode *ev,
            guint              lane,
            gint64             time)
{
  const IlvJsonNode *args = ilv_json_node_get (ev, "args");
  const char *cat = string_or (ev, "cat", "");
  gint64 dur = duration (ev);
  IlvLane *l = ilv_trace_lane (ld->trace, lane);
  IlvState state;

  if (dur < 0)
    return;
  if (g_str_equal (cat, "task"))
    {
      IlvTask task = { time, time + dur, lane, int_or (args, "task", 0), string_or (ev, "name", "") };

      ilv_trace_import_task (ld->trace, &task);
      return;
    }
  if (!g_str_equal (cat, "state") || !ilv_state_from_string (string_or (args, "state", ""), &state))
    return;
  /* GIL and core lanes leave out their idle time. */
  if (l->info.kind != ILV_LANE_WORKER && g_array_index (ld->lane_end, gint64, lane) < time)
    ilv_trace_import_span (ld->trace, lane, g_array_index (ld->lane_end, gint64, lane),
                           ILV_STATE_IDLE, -1);
  ilv_trace_import_span (ld->trace, lane, time, state,
                         (gint) CLAMP (int_or (args, "resource", -1), -1, G_MAXINT16));
  g_array_index (ld->lane_end, gint64, lane) = time + dur;
}

static void
read_hold (Loader            *ld,
           const IlvJsonNode *ev,
           gboolean           begin,
           guint              lane,
           gint64             time)
{
  const IlvJsonNode *args = ilv_json_node_get (ev, "args");
  gint64 id;
  PendingHold *pending;

  if (!ilv_json_node_get_int (ev, "id", &id))
    return;
  if (begin)
    {
      gint64 resource = int_or (args, "resource", -1);

      if (resource < 0 || resource >= ld->trace->resources->len)
        return;
      pending = g_new0 (PendingHold, 1);
      pending->lane = lane;
      pending->hold.start = time;
      pending->hold.end = G_MAXINT64;
      pending->hold.resource = (gint) resource;
      ilv_json_node_get_boolean (args, "contended", &pending->hold.contended);
      g_hash_table_replace (ld->holds, g_memdup2 (&id, sizeof id), pending);
      return;
    }
  pending = g_hash_table_lookup (ld->holds, &id);
  if (pending == NULL || pending->lane != lane)
    return;
  pending->hold.end = MAX (time, pending->hold.start);
  ilv_trace_import_hold (ld->trace, lane, &pending->hold);
  g_hash_table_remove (ld->holds, &id);
}

static void
read_counter (Loader            *ld,
              const IlvJsonNode *ev,
              gint64             time)
{
  const char *cat = string_or (ev, "cat", "");
  gboolean expected = g_str_equal (cat, "expected");
  g_autofree char *name = g_strdup (string_or (ev, "name", ""));
  gpointer found;
  gint64 value;

  if (!ilv_json_node_get_int (ilv_json_node_get (ev, "args"), "value", &value) ||
      (!expected && !g_str_equal (cat, "counter")))
    return;
  if (expected && g_str_has_suffix (name, " (expected)"))
    name[strlen (name) - strlen (" (expected)")] = '\0';
  found = g_hash_table_lookup (ld->counters, name);
  if (found != NULL)
    ilv_trace_import_point (ld->trace, GPOINTER_TO_UINT (found) - 1, expected, time, value);
}

static void
read_flow (Loader            *ld,
           const IlvJsonNode *ev,
           gboolean           start,
           guint              lane,
           gint64             time)
{
  static const char *const cats[] = { "flow.queue", "flow.pipe", "flow.lock" };
  const char *cat = string_or (ev, "cat", "");
  IlvFlow *flow;
  gint64 id;

  if (!ilv_json_node_get_int (ev, "id", &id))
    return;
  if (start)
    {
      flow = g_new0 (IlvFlow, 1);
      flow->kind = G_N_ELEMENTS (cats);
      for (guint k = 0; k < G_N_ELEMENTS (cats); k++)
        if (g_str_equal (cat, cats[k]))
          flow->kind = k;
      flow->resource = (gint) CLAMP (int_or (ilv_json_node_get (ev, "args"), "resource", -1), -1, G_MAXINT16);
      flow->from_lane = lane;
      flow->from_time = time;
      if (flow->kind == G_N_ELEMENTS (cats))
        g_free (flow);
      else
        g_hash_table_replace (ld->flows, g_memdup2 (&id, sizeof id), flow);
      return;
    }
  flow = g_hash_table_lookup (ld->flows, &id);
  if (flow == NULL)
    return;
  flow->to_lane = lane;
  flow->to_time = time;
  ilv_trace_import_flow (ld->trace, flow);
  g_hash_table_remove (ld->flows, &id);
}

/* One entry of traceEvents; what does not make sense is left out. */
static void
read_event (Loader            *ld,
            const IlvJsonNode *ev)
{
  const char *ph = ilv_json_node_get_string (ev, "ph");
  guint lane;
  gint64 time;

  if (ph == NULL || ph[0] == '\0' || ph[1] != '\0' || ph[0] == 'M' ||
      !event_place (ld, ev, &lane, &time) || time > ld->end)
    return;
  /* Counters belong to no lane. */
  if (ph[0] == 'C')
    {
      read_counter (ld, ev, time);
      return;
    }
  if (lane >= ld->trace->lanes->len)
    return;
  switch (ph[0])
    {
    case 'X': read_slice (ld, ev, lane, time); break;
    case 'b': read_hold (ld, ev, TRUE, lane, time); break;
    case 'e': read_hold (ld, ev, FALSE, lane, time); break;
    case 's': read_flow (ld, ev, TRUE, lane, time); break;
    case 'f': read_flow (ld, ev, FALSE, lane, time); break;
    case 'i':
      if (g_strcmp0 (ilv_json_node_get_string (ev, "cat"), "mark") == 0)
        ilv_trace_import_mark (ld->trace, lane, time, string_or (ev, "name", ""));
      break;
    default: break;
    }
}

/* Streams traceEvents one entry at a time. If the data ends early, what
 * was read stands and *truncated says so. */
static gboolean
read_events (Loader         *ld,
             IlvJsonReader  *reader,
             gboolean       *truncated,
             GError        **error)
{
  gboolean first = TRUE;
  GError *local = NULL;

  if (!ilv_json_reader_expect (reader, '[', &local))
    goto failed;
  while (ilv_json_reader_next (reader, ']', &first, &local))
    {
      g_autoptr(IlvJsonNode) ev = ilv_json_reader_value (reader, &local);

      if (ev == NULL)
        goto failed;
      read_event (ld, ev);
    }
  if (local == NULL)
    return TRUE;
failed:
  if (g_error_matches (local, ILV_JSON_ERROR, ILV_JSON_ERROR_TRUNCATED))
    {
      g_error_free (local);
      *truncated = TRUE;
      return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("Cannot read the trace: %s"), local->message);
  g_error_free (local);
  return FALSE;
}

static void
complete (Loader   *ld,
          gboolean  truncated)
{
  GHashTableIter iter;
  PendingHold *pending;

  /* GIL and core lanes are idle after their last slice. */
  for (guint i = 0; i < ld->lane_end->len; i++)
    if (ilv_trace_lane (ld->trace, i)->info.kind != ILV_LANE_WORKER &&
        g_array_index (ld->lane_end, gint64, i) > ld->start &&
        g_array_index (ld->lane_end, gint64, i) < ld->end)
      ilv_trace_import_span (ld->trace, i, g_array_index (ld->lane_end, gint64, i), ILV_STATE_IDLE, -1);
  g_hash_table_iter_init (&iter, ld->holds);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pending))
    ilv_trace_import_hold (ld->trace, pending->lane, &pending->hold);
  if (truncated)
    {
      ilv_trace_finish (ld->trace, ld->end, ILV_STOP_ERROR,
                        _("The file was cut short: only the part of the run that could be read is shown"));
      return;
    }
  if (ld->finished)
    ilv_trace_finish (ld->trace, ld->end, ld->stopped, ld->stop_message);
  else
    ilv_trace_set_now (ld->trace, ld->end);
}

static gboolean
read_top (Loader         *ld,
          IlvJsonReader  *reader,
          gboolean       *truncated,
          GError        **error)
{
  gboolean first = TRUE;
  GError *local = NULL;

  if (!ilv_json_reader_expect (reader, '{', &local))
    goto failed;
  while (ilv_json_reader_next (reader, '}', &first, &local))
    {
      g_autofree char *key = ilv_json_reader_key (reader, &local);
      g_autoptr(IlvJsonNode) value = NULL;

      if (key == NULL)
        goto failed;
      if (g_str_equal (key, "traceEvents") && ld->trace != NULL)
        {
          if (!read_events (ld, reader, truncated, error))
            return FALSE;
          if (*truncated)
            return TRUE;
          continue;
        }
      if ((value = ilv_json_reader_value (reader, &local)) == NULL)
        goto failed;
      if (g_str_equal (key, "interleave") && ld->trace != NULL)
        return not_ours (error, _("it has two “interleave” sections"));
      if (g_str_equal (key, "interleave") && !read_header (ld, value, error))
        return FALSE;
      if (g_str_equal (key, "traceEvents"))
        ld->early_events = TRUE;
    }
  if (local == NULL)
    return TRUE;
failed:
  if (ld->trace != NULL && g_error_matches (local, ILV_JSON_ERROR, ILV_JSON_ERROR_TRUNCATED))
    {
      g_error_free (local);
      return (*truncated = TRUE);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("Cannot read the trace: %s"), local->message);
  g_error_free (local);
  return FALSE;
}

/**
 * ilv_chrome_trace_load:
 *
 * Returns: (transfer full) (nullable): the run, or NULL and an error. A
 * truncated file gives what could be read, stopped with a note saying so.
 */
IlvTrace *
ilv_chrome_trace_load (const char  *data,
                       gsize        length,
                       GError     **error)
{
  Loader ld = { 0 };
  IlvJsonReader reader;
  gboolean truncated = FALSE;
  IlvTrace *trace;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ilv_json_reader_init (&reader, data, length);
  if (!read_top (&ld, &reader, &truncated, error))
    {
      loader_clear (&ld);
      return NULL;
    }
  if (ld.trace == NULL || ld.early_events)
    {
      not_ours (error, ld.trace == NULL ? _("it has no “interleave” section")
                                        : _("its “interleave” section must come before the events"));
      loader_clear (&ld);
      return NULL;
    }
  complete (&ld, truncated || !ilv_json_reader_at_end (&reader));
  trace = g_steal_pointer (&ld.trace);
  loader_clear (&ld);
  return trace;
}
