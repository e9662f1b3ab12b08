/* ilv-event.h: one recorded event, as workers write it
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <time.h>

#include "ilv-types.h"

G_BEGIN_DECLS

/* What happened. Times are CLOCK_MONOTONIC nanoseconds, the same clock in
 * every process of a run. `lane` is the lane index the engine got from
 * ilv_trace_add_lane(); `resource` is the scenario's resource index or -1.
 * `slot` is the element of an Array that a VALUE_LOAD or VALUE_STORE read
 * or wrote (0 for a plain Value, and 0 in every other event); the run turns
 * (resource, slot) into the trace resource of that element before it
 * appends, so a trace never sees a nonzero slot.
 *
 * Resource events (PUT, GET, VALUE, LOCK_*) are stamped inside the resource's
 * critical section, so for one resource their times are in order. */
typedef enum
{
  ILV_EVENT_STATE = 1,     /* lane enters state `value` (IlvState); resource: what it waits on, or -1 */
  ILV_EVENT_LOCK_ACQUIRED, /* value: waiters left behind; aux: 1 if the acquirer had to wait */
  ILV_EVENT_LOCK_RELEASED, /* value: waiters at release */
  ILV_EVENT_LOCK_WAITERS,  /* value: number of waiters now (counter) */
  ILV_EVENT_VALUE_LOAD,    /* value: the value read */
  ILV_EVENT_VALUE_STORE,   /* value: the value written; aux: the increment the worker meant to apply */
  ILV_EVENT_QUEUE_PUT,     /* value: depth after; aux: item id */
  ILV_EVENT_QUEUE_GET,     /* value: depth after; aux: item id */
  ILV_EVENT_TASK_DONE,     /* value: unfinished tasks after */
  ILV_EVENT_SEND,          /* value: bytes in the pipe after; aux: message id */
  ILV_EVENT_RECV,          /* value: bytes in the pipe after; aux: message id */
  ILV_EVENT_SIGNAL,        /* event set (value 1) / clear (0), semaphore release, barrier trip */
  ILV_EVENT_MARK,          /* aux: string id (ilv_trace_intern()) */
  ILV_EVENT_GIL_ACQUIRED,  /* resource: process index; the lane now holds that process's GIL */
  ILV_EVENT_GIL_RELEASED,  /* resource: process index */
  ILV_EVENT_TASK_BEGIN,    /* pool task: value: task index; aux: string id of its label */
  ILV_EVENT_TASK_END,      /* pool task: value: task index */
  ILV_EVENT_CPU,           /* OS sampler: value: cpu number; aux: 1 on the cpu, 0 runnable but waiting */
  ILV_EVENT_WORKER_START,  /* value: ns from start request to first step (start cost) */
  ILV_EVENT_WORKER_END,    /* value: nominal work in ns (the compute and sleep it did: all of a
                              step, or the part done before a stop cut it short), or -1 when
                              the worker could not say (a process killed or crashed);
                              aux: exit code, or 256 + signal number when killed */
  ILV_N_EVENT_TYPES
} IlvEventType;

typedef struct
{
  gint64  time_ns;
  gint64  value;
  guint32 lane;
  guint32 aux;
  guint16 type;      /* IlvEventType */
  gint16  resource;  /* -1: none */
  guint32 slot;      /* VALUE_LOAD/VALUE_STORE on an Array: the element; else 0 */
} IlvEvent;

G_STATIC_ASSERT (sizeof (IlvEvent) == 32);

static inline gint64
ilv_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

G_END_DECLS
