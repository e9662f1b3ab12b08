/* ilv-types.h: the small enums every layer shares
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ILV_WORKER_THREAD,
  ILV_WORKER_PROCESS,
  ILV_WORKER_ASYNC,
} IlvWorkerKind;

typedef enum
{
  ILV_RESOURCE_LOCK,
  ILV_RESOURCE_SEMAPHORE,
  ILV_RESOURCE_VALUE,
  ILV_RESOURCE_ARRAY,
  ILV_RESOURCE_QUEUE,
  ILV_RESOURCE_EVENT,
  ILV_RESOURCE_BARRIER,
  ILV_RESOURCE_PIPE,
  ILV_N_RESOURCE_KINDS
} IlvResourceKind;

/* Lane states. The order is the legend's order; the names are the ones
 * the summary JSON and the Chrome trace use (ilv_state_to_string()). */
typedef enum
{
  ILV_STATE_NOT_STARTED,
  ILV_STATE_RUNNING,
  ILV_STATE_READY,       /* runnable, waiting for a core */
  ILV_STATE_GIL_WAIT,
  ILV_STATE_LOCK_WAIT,   /* locks and semaphores */
  ILV_STATE_QUEUE_WAIT,  /* queues, pipes, join */
  ILV_STATE_EVENT_WAIT,  /* events and barriers */
  ILV_STATE_SLEEP,       /* blocking I/O */
  ILV_STATE_SUSPENDED,   /* async task parked at an await */
  ILV_STATE_DONE,
  ILV_STATE_CRASHED,
  ILV_STATE_IDLE,        /* GIL and core lanes: nobody holds it */
  ILV_N_STATES
} IlvState;

typedef enum
{
  ILV_STOP_FINISHED,
  ILV_STOP_TIMEOUT,
  ILV_STOP_DEADLOCK,
  ILV_STOP_STOPPED,
  ILV_STOP_ERROR,
} IlvStopReason;

const char    *ilv_worker_kind_to_string   (IlvWorkerKind    kind);
gboolean       ilv_worker_kind_from_string (const char      *str,
                                            IlvWorkerKind   *kind);
const char    *ilv_resource_kind_to_string (IlvResourceKind  kind);
const char    *ilv_state_to_string         (IlvState         state);
gboolean       ilv_state_from_string       (const char      *str,
                                            IlvState        *state);
const char    *ilv_stop_reason_to_string   (IlvStopReason    reason);

G_END_DECLS
