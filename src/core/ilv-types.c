/* ilv-types.c: names of the small shared enums
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-types.h"

static const char * const worker_kind_names[] = {
  [ILV_WORKER_THREAD] = "thread",
  [ILV_WORKER_PROCESS] = "process",
  [ILV_WORKER_ASYNC] = "async",
};

static const char * const resource_kind_names[] = {
  [ILV_RESOURCE_LOCK] = "Lock",
  [ILV_RESOURCE_SEMAPHORE] = "Semaphore",
  [ILV_RESOURCE_VALUE] = "Value",
  [ILV_RESOURCE_ARRAY] = "Array",
  [ILV_RESOURCE_QUEUE] = "Queue",
  [ILV_RESOURCE_EVENT] = "Event",
  [ILV_RESOURCE_BARRIER] = "Barrier",
  [ILV_RESOURCE_PIPE] = "Pipe",
};

static const char * const state_names[] = {
  [ILV_STATE_NOT_STARTED] = "not-started",
  [ILV_STATE_RUNNING] = "running",
  [ILV_STATE_READY] = "ready",
  [ILV_STATE_GIL_WAIT] = "gil-wait",
  [ILV_STATE_LOCK_WAIT] = "lock-wait",
  [ILV_STATE_QUEUE_WAIT] = "queue-wait",
  [ILV_STATE_EVENT_WAIT] = "event-wait",
  [ILV_STATE_SLEEP] = "sleep",
  [ILV_STATE_SUSPENDED] = "suspended",
  [ILV_STATE_DONE] = "done",
  [ILV_STATE_CRASHED] = "crashed",
  [ILV_STATE_IDLE] = "idle",
};

static const char * const stop_reason_names[] = {
  [ILV_STOP_FINISHED] = "finished",
  [ILV_STOP_TIMEOUT] = "timeout",
  [ILV_STOP_DEADLOCK] = "deadlock",
  [ILV_STOP_STOPPED] = "stopped",
  [ILV_STOP_ERROR] = "error",
};

G_STATIC_ASSERT (G_N_ELEMENTS (resource_kind_names) == ILV_N_RESOURCE_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == ILV_N_STATES);

static int
lookup (const char * const *names,
        guint               n_names,
        const char         *str)
{
  if (str == NULL)
    return -1;

  for (guint i = 0; i < n_names; i++)
    if (names[i] != NULL && strcmp (names[i], str) == 0)
      return (int) i;

  return -1;
}

/**
 * ilv_worker_kind_to_string:
 *
 * Returns: "thread", "process" or "async", as the Kind= key spells it.
 */
const char *
ilv_worker_kind_to_string (IlvWorkerKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (worker_kind_names), NULL);

  return worker_kind_names[kind];
}

gboolean
ilv_worker_kind_from_string (const char    *str,
                             IlvWorkerKind *kind)
{
  int found = lookup (worker_kind_names, G_N_ELEMENTS (worker_kind_names), str);

  if (found < 0)
    return FALSE;
  if (kind != NULL)
    *kind = (IlvWorkerKind) found;
  return TRUE;
}

/**
 * ilv_resource_kind_to_string:
 *
 * Returns: the section word of the kind: "Lock", "Queue", …
 */
const char *
ilv_resource_kind_to_string (IlvResourceKind kind)
{
  g_return_val_if_fail ((guint) kind < ILV_N_RESOURCE_KINDS, NULL);

  return resource_kind_names[kind];
}

/**
 * ilv_state_to_string:
 *
 * Returns: the state's name as the summary and the Chrome trace use it.
 */
const char *
ilv_state_to_string (IlvState state)
{
  g_return_val_if_fail ((guint) state < ILV_N_STATES, NULL);

  return state_names[state];
}

gboolean
ilv_state_from_string (const char *str,
                       IlvState   *state)
{
  int found = lookup (state_names, ILV_N_STATES, str);

  if (found < 0)
    return FALSE;
  if (state != NULL)
    *state = (IlvState) found;
  return TRUE;
}

const char *
ilv_stop_reason_to_string (IlvStopReason reason)
{
  g_return_val_if_fail ((guint) reason < G_N_ELEMENTS (stop_reason_names), NULL);

  return stop_reason_names[reason];
}
