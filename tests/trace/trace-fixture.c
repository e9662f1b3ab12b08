/* trace-fixture.c: a hand-made run with something of everything
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "trace-fixture.h"

IlvTrace *
trace_fixture_rich (void)
{
  IlvTrace *trace = ilv_trace_new ("Race condition: db_val += 1", "Two threads\tand a \"lost\" update");
  const gint64 T = 1000 * MS;
  guint app, a, b, prod, cons;
  guint val, lock, queue, pipe;
  guint32 hello, task_label;

  ilv_trace_set_start (trace, T);
  ilv_trace_set_gil (trace, TRUE);
  app = ilv_trace_add_process (trace, "app", 4711, ILV_WORKER_THREAD);
  a = ilv_trace_add_lane (trace, app, "increase#1", "increase", ILV_WORKER_THREAD, FALSE);
  b = ilv_trace_add_lane (trace, app, "increase#2", "increase", ILV_WORKER_THREAD, FALSE);
  prod = ilv_trace_add_lane (trace, app, "producer#1", "producer", ILV_WORKER_THREAD, FALSE);
  cons = ilv_trace_add_lane (trace, app, "consumer#1", "consumer", ILV_WORKER_THREAD, TRUE);
  val = ilv_trace_add_resource (trace, "db_val", ILV_RESOURCE_VALUE, 0, 0);
  lock = ilv_trace_add_resource (trace, "db_lock", ILV_RESOURCE_LOCK, 0, 0);
  queue = ilv_trace_add_resource (trace, "jobs", ILV_RESOURCE_QUEUE, 0, 8);
  pipe = ilv_trace_add_resource (trace, "wire", ILV_RESOURCE_PIPE, 0, 0);
  ilv_trace_set_n_cpus (trace, 2);
  hello = ilv_trace_intern (trace, "hello \"world\"\n");
  task_label = ilv_trace_intern (trace, "square(3)");

  /* increase#2's batch arrives first. */
  APPEND (trace,
          ev (T + 1 * MS / 10, b, ILV_EVENT_WORKER_START, -1, 60000, 0),
          state (T + 2 * MS / 10, b, ILV_STATE_GIL_WAIT, -1),
          state (T + 1 * MS, b, ILV_STATE_RUNNING, -1),
          ev (T + 1 * MS, b, ILV_EVENT_GIL_ACQUIRED, app, 0, 0),
          ev (T + 1 * MS + 100, b, ILV_EVENT_VALUE_LOAD, val, 0, 0),
          ev (T + 1 * MS + 200, b, ILV_EVENT_GIL_RELEASED, app, 0, 0),
          state (T + 1 * MS + 200, b, ILV_STATE_SLEEP, -1),
          state (T + 11 * MS, b, ILV_STATE_GIL_WAIT, -1),
          state (T + 11 * MS + 500, b, ILV_STATE_RUNNING, -1),
          ev (T + 11 * MS + 500, b, ILV_EVENT_GIL_ACQUIRED, app, 0, 0),
          ev (T + 11 * MS + 600, b, ILV_EVENT_VALUE_STORE, val, 1, 1),
          state (T + 11 * MS + 700, b, ILV_STATE_LOCK_WAIT, lock),
          ev (T + 11 * MS + 700, b, ILV_EVENT_LOCK_WAITERS, lock, 1, 0),
          ev (T + 12 * MS, b, ILV_EVENT_LOCK_ACQUIRED, lock, 0, 1),
          ev (T + 12 * MS, b, ILV_EVENT_LOCK_WAITERS, lock, 0, 0),
          state (T + 12 * MS, b, ILV_STATE_RUNNING, -1),
          ev (T + 12 * MS + 300, b, ILV_EVENT_LOCK_RELEASED, lock, 0, 0),
          ev (T + 12 * MS + 400, b, ILV_EVENT_GIL_RELEASED, app, 0, 0),
          state (T + 12 * MS + 400, b, ILV_STATE_DONE, -1),
          ev (T + 12 * MS + 400, b, ILV_EVENT_WORKER_END, -1, 10 * MS, 0));
  APPEND (trace,
          ev (T + 1 * MS / 20, a, ILV_EVENT_WORKER_START, -1, 50000, 0),
          state (T + 1 * MS / 10, a, ILV_STATE_RUNNING, -1),
          ev (T + 1 * MS / 10, a, ILV_EVENT_GIL_ACQUIRED, app, 0, 0),
          ev (T + 1 * MS / 10 + 100, a, ILV_EVENT_VALUE_LOAD, val, 0, 0),
          ev (T + 1 * MS / 10 + 150, a, ILV_EVENT_MARK, -1, 0, hello),
          ev (T + 1 * MS, a, ILV_EVENT_GIL_RELEASED, app, 0, 0),
          state (T + 1 * MS, a, ILV_STATE_SLEEP, -1),
          state (T + 11 * MS, a, ILV_STATE_RUNNING, -1),
          ev (T + 11 * MS, a, ILV_EVENT_GIL_ACQUIRED, app, 0, 0),
          ev (T + 11 * MS + 100, a, ILV_EVENT_VALUE_STORE, val, 1, 1),
          ev (T + 11 * MS + 200, a, ILV_EVENT_LOCK_ACQUIRED, lock, 0, 0),
          ev (T + 11 * MS + 500, a, ILV_EVENT_GIL_RELEASED, app, 0, 0),
          state (T + 11 * MS + 500, a, ILV_STATE_GIL_WAIT, -1),
          ev (T + 12 * MS, a, ILV_EVENT_LOCK_RELEASED, lock, 1, 0),
          state (T + 12 * MS + 400, a, ILV_STATE_RUNNING, -1),
          ev (T + 12 * MS + 400, a, ILV_EVENT_GIL_ACQUIRED, app, 0, 0),
          ev (T + 13 * MS, a, ILV_EVENT_GIL_RELEASED, app, 0, 0),
          state (T + 13 * MS, a, ILV_STATE_DONE, -1),
          ev (T + 13 * MS, a, ILV_EVENT_WORKER_END, -1, 10 * MS, 0));
  /* The consumer's get arrives before the producer's put. */
  APPEND (trace,
          state (T + 2 * MS, cons, ILV_STATE_QUEUE_WAIT, queue),
          ev (T + 3 * MS, cons, ILV_EVENT_QUEUE_GET, queue, 0, 17),
          state (T + 3 * MS, cons, ILV_STATE_RUNNING, -1),
          ev (T + 3 * MS + 10, cons, ILV_EVENT_TASK_BEGIN, -1, 3, task_label),
          ev (T + 4 * MS, cons, ILV_EVENT_TASK_END, -1, 3, 0),
          state (T + 4 * MS, cons, ILV_STATE_QUEUE_WAIT, pipe),
          ev (T + 5 * MS, cons, ILV_EVENT_RECV, pipe, 0, 5),
          state (T + 5 * MS, cons, ILV_STATE_CRASHED, -1),
          ev (T + 5 * MS, cons, ILV_EVENT_WORKER_END, -1, 2 * MS, 256 + 9));
  APPEND (trace,
          state (T + 2 * MS, prod, ILV_STATE_RUNNING, -1),
          ev (T + 2 * MS + 500, prod, ILV_EVENT_QUEUE_PUT, queue, 1, 17),
          ev (T + 4 * MS + 500, prod, ILV_EVENT_SEND, pipe, 64, 5),
          state (T + 6 * MS, prod, ILV_STATE_DONE, -1),
          ev (T + 6 * MS, prod, ILV_EVENT_WORKER_END, -1, 4 * MS, 0));
  /* The OS sampler: a on cpu 0, then waiting for a core, b on cpu 1. */
  APPEND (trace,
          ev (T + 1 * MS / 10, a, ILV_EVENT_CPU, -1, 0, 1),
          ev (T + 1 * MS / 2, a, ILV_EVENT_CPU, -1, 0, 0),
          ev (T + 1 * MS / 2 + 2000, a, ILV_EVENT_CPU, -1, 0, 1),
          ev (T + 1 * MS, a, ILV_EVENT_CPU, -1, 0, 0),
          ev (T + 1 * MS, b, ILV_EVENT_CPU, -1, 1, 1),
          ev (T + 1 * MS + 200, b, ILV_EVENT_CPU, -1, 1, 0),
          ev (T + 11 * MS, a, ILV_EVENT_CPU, -1, 0, 1),
          ev (T + 11 * MS, b, ILV_EVENT_CPU, -1, 1, 1));
  ilv_trace_finish (trace, T + 14 * MS, ILV_STOP_FINISHED, "");
  return trace;
}

/* Runs python3's json module over `json` with `script` (which reads the
 * value as `d`); FALSE without python3. */
gboolean
trace_fixture_python_json (const char  *json,
                           const char  *script,
                           char       **output)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *code = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  if (python == NULL)
    return FALSE;
  code = g_strdup_printf ("import json, sys\nd = json.load(sys.stdin)\n%s", script);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, python, "-c", code, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, json, NULL, output, &err, &error);
  g_assert_no_error (error);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("python3 rejected the JSON: %s", err);
  return TRUE;
}

gssize
trace_fixture_find_span (IlvTrace *trace,
                         guint     lane,
                         gint64    time)
{
  gssize found = -1;

  for (gsize i = 0; i < ilv_trace_lane_get_n_spans (trace, lane); i++)
    {
      IlvSpan span;

      ilv_trace_lane_get_span (trace, lane, i, &span);
      if (span.start <= time)
        found = (gssize) i;
    }
  return found;
}
