/* ilv-trace.h: a recorded run, columnar, per lane, with a level-of-detail index
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ilv-event.h"
#include "ilv-types.h"

G_BEGIN_DECLS

/* An IlvTrace is owned by one thread (the one that appends, usually the
 * main thread): it has no locks. The engine drains the workers' buffers and
 * appends in batches; readers on the same thread may read between appends,
 * so a view can draw a run that is still going on. All times the reader API
 * returns are absolute CLOCK_MONOTONIC ns; ilv_trace_get_start() is the
 * run's zero.
 *
 * Batches of different lanes overlap in time. What several lanes feed —
 * counter series, GIL and core lanes, lock flows — is put in time order
 * when it is next read (once a frame), not on every append; readers are
 * therefore not const, and never to be called from another thread.
 *
 * A process's GIL lane is added when its first GIL event arrives, after
 * the lanes that exist then. ILV_EVENT_CPU: value is the cpu (negative:
 * not runnable), aux 1 on it, 0 not on a cpu. A worker that its own events
 * say is running while the sampler says it is not on a cpu is `ready`
 * there: ilv_trace_lane_sample() and ilv_trace_lane_state_times() say so;
 * ilv_trace_lane_get_span() gives the worker's own account. */

typedef struct _IlvTrace IlvTrace;

typedef enum
{
  ILV_LANE_WORKER,  /* a thread worker, a process worker's thread, an async task */
  ILV_LANE_GIL,     /* one per process: who holds its GIL (span.resource = holder lane, state RUNNING, or IDLE) */
  ILV_LANE_CORE,    /* one per CPU: which worker runs on it (span.resource = lane, state RUNNING, or IDLE) */
} IlvLaneKind;

typedef struct
{
  const char    *name;        /* "increase#1" */
  const char    *group;       /* worker group or pool name ("increase"); NULL for GIL/core lanes */
  IlvLaneKind    kind;
  IlvWorkerKind  worker_kind;
  guint          process;     /* index of its process */
  gboolean       daemon;
} IlvLaneInfo;

typedef struct
{
  const char    *name;        /* "app", "increase#1" */
  gint64         pid;
  IlvWorkerKind  kind;
  gint           exit_status; /* as in ILV_EVENT_WORKER_END's aux; -1 while alive or unknown */
} IlvProcessInfo;

typedef struct
{
  const char      *name;
  IlvResourceKind  kind;
  gint64           initial;
  gint64           capacity;
} IlvResourceInfo;

typedef struct
{
  gint64   start;
  gint64   end;
  IlvState state;
  gint     resource;   /* waited on; for GIL/core lanes the lane that holds/occupies it; -1 */
} IlvSpan;

typedef struct
{
  gint64   start;
  gint64   end;        /* G_MAXINT64 while still held */
  gint     resource;   /* the lock or semaphore */
  gboolean contended;  /* someone waited for it during the hold */
} IlvHold;

typedef struct
{
  gint64 time;
  gint64 value;
} IlvPoint;

typedef enum
{
  ILV_FLOW_QUEUE,   /* put -> get of the same item */
  ILV_FLOW_PIPE,    /* send -> recv of the same message */
  ILV_FLOW_LOCK,    /* release -> the acquire it unblocked */
} IlvFlowKind;

typedef struct
{
  IlvFlowKind kind;
  gint        resource;
  guint       from_lane;
  gint64      from_time;
  guint       to_lane;
  gint64      to_time;
} IlvFlow;

typedef struct
{
  guint       lane;
  gint64      time;
  const char *text;
} IlvMark;

typedef struct
{
  gint64      start;
  gint64      end;
  guint       lane;
  gint64      index;     /* pool task number */
  const char *label;
} IlvTask;

/* One pixel column of a lane: the state that covers most of it, and every
 * state present in it at all, so that a 3 µs wait in a 10 s view still has
 * a pixel. Stable under panning: it depends on the column's time range only. */
typedef struct
{
  guint8  dominant;      /* IlvState; ILV_N_STATES where the lane has no data */
  guint8  dominant_resource_valid;
  gint16  dominant_resource;
  guint16 present;       /* bit (1 << state) for every state present */
} IlvColumn;

/* One pixel column of a counter track. */
typedef struct
{
  gint64   min;
  gint64   max;
  gint64   last;         /* value at the column's end */
  gboolean valid;        /* FALSE before the first point */
} IlvCounterColumn;

IlvTrace       *ilv_trace_new              (const char      *title,
                                            const char      *description);
IlvTrace       *ilv_trace_ref              (IlvTrace        *self);
void            ilv_trace_unref            (IlvTrace        *self);

/* Building (the engine). */
void            ilv_trace_set_start        (IlvTrace        *self,
                                            gint64           start_ns);
void            ilv_trace_set_gil          (IlvTrace        *self,
                                            gboolean         gil);
void            ilv_trace_set_variant      (IlvTrace        *self,
                                            const char      *variant);
guint           ilv_trace_add_process      (IlvTrace        *self,
                                            const char      *name,
                                            gint64           pid,
                                            IlvWorkerKind    kind);
void            ilv_trace_set_process_pid  (IlvTrace        *self,
                                            guint            process,
                                            gint64           pid);
guint           ilv_trace_add_lane         (IlvTrace        *self,
                                            guint            process,
                                            const char      *name,
                                            const char      *group,
                                            IlvWorkerKind    kind,
                                            gboolean         daemon);
guint           ilv_trace_add_resource     (IlvTrace        *self,
                                            const char      *name,
                                            IlvResourceKind  kind,
                                            gint64           initial,
                                            gint64           capacity);
void            ilv_trace_set_n_cpus       (IlvTrace        *self,
                                            guint            n_cpus);
guint32         ilv_trace_intern           (IlvTrace        *self,
                                            const char      *text);
/* Events of one lane must come in time order; events of different lanes may
 * interleave in any order. */
void            ilv_trace_append           (IlvTrace        *self,
                                            const IlvEvent  *events,
                                            gsize            n_events);
/* Extends open spans to `now` for a live view without ending the run. */
void            ilv_trace_set_now          (IlvTrace        *self,
                                            gint64           now_ns);
void            ilv_trace_finish           (IlvTrace        *self,
                                            gint64           end_ns,
                                            IlvStopReason    reason,
                                            const char      *message);

/* Reading. */
const char     *ilv_trace_get_title        (IlvTrace        *self);
const char     *ilv_trace_get_description  (IlvTrace        *self);
const char     *ilv_trace_get_variant      (IlvTrace        *self);
gboolean        ilv_trace_get_gil          (IlvTrace        *self);
gint64          ilv_trace_get_start        (IlvTrace        *self);
gint64          ilv_trace_get_end          (IlvTrace        *self);
gboolean        ilv_trace_is_finished      (IlvTrace        *self);
IlvStopReason   ilv_trace_get_stop_reason  (IlvTrace        *self);
const char     *ilv_trace_get_stop_message (IlvTrace        *self);
gsize           ilv_trace_get_n_events     (IlvTrace        *self);
/* Bumped on every append; views compare it to know when to redraw. */
guint64         ilv_trace_get_serial       (IlvTrace        *self);

guint           ilv_trace_get_n_processes  (IlvTrace        *self);
const IlvProcessInfo *ilv_trace_get_process (IlvTrace       *self,
                                            guint            process);
guint           ilv_trace_get_n_lanes      (IlvTrace        *self);
const IlvLaneInfo *ilv_trace_get_lane      (IlvTrace        *self,
                                            guint            lane);
guint           ilv_trace_get_n_resources  (IlvTrace        *self);
const IlvResourceInfo *ilv_trace_get_resource (IlvTrace     *self,
                                            guint            resource);

gsize           ilv_trace_lane_get_n_spans (IlvTrace        *self,
                                            guint            lane);
void            ilv_trace_lane_get_span    (IlvTrace        *self,
                                            guint            lane,
                                            gsize            index,
                                            IlvSpan         *span);
/* Index of the span covering `time`, or -1 before the first. O(log n). */
gssize          ilv_trace_lane_find_span   (IlvTrace        *self,
                                            guint            lane,
                                            gint64           time);
/* Fills n_columns columns evenly covering [t0, t1). Each column costs a
 * galloping step from the last one through the lane's index of block
 * starts (every 32nd span), a few cumulative state times, and at most
 * half a block of spans at its edge: near constant, however many spans. */
void            ilv_trace_lane_sample      (IlvTrace        *self,
                                            guint            lane,
                                            gint64           t0,
                                            gint64           t1,
                                            guint            n_columns,
                                            IlvColumn       *columns);
/* Total time the lane spent in each state within [t0, t1). */
void            ilv_trace_lane_state_times (IlvTrace        *self,
                                            guint            lane,
                                            gint64           t0,
                                            gint64           t1,
                                            gint64           times[ILV_N_STATES]);

gsize           ilv_trace_lane_get_n_holds (IlvTrace        *self,
                                            guint            lane);
const IlvHold  *ilv_trace_lane_get_holds   (IlvTrace        *self,
                                            guint            lane);

/* Counter series of a resource: queue depth, lock waiters, value. */
gsize           ilv_trace_counter_get_n_points (IlvTrace    *self,
                                            guint            resource);
const IlvPoint *ilv_trace_counter_get_points (IlvTrace      *self,
                                            guint            resource);
void            ilv_trace_counter_sample   (IlvTrace        *self,
                                            guint            resource,
                                            gint64           t0,
                                            gint64           t1,
                                            guint            n_columns,
                                            IlvCounterColumn *columns);
/* For values: what it would be had every update been atomic, over time. */
gsize           ilv_trace_expected_get_n_points (IlvTrace   *self,
                                            guint            resource);
const IlvPoint *ilv_trace_expected_get_points (IlvTrace     *self,
                                            guint            resource);

/* Sorted by from_time. A lock flow joins an acquire that had waited to the
 * latest release of that lock at or before it. */
gsize           ilv_trace_get_n_flows      (IlvTrace        *self);
const IlvFlow  *ilv_trace_get_flows        (IlvTrace        *self);
gsize           ilv_trace_get_n_marks      (IlvTrace        *self);
const IlvMark  *ilv_trace_get_marks        (IlvTrace        *self);
gsize           ilv_trace_get_n_tasks      (IlvTrace        *self);
const IlvTask  *ilv_trace_get_tasks        (IlvTrace        *self);

/* Per-lane start cost and nominal work (from WORKER_START / WORKER_END;
 * the work is -1 when the worker died before it could say). */
gint64          ilv_trace_lane_get_start_cost (IlvTrace     *self,
                                            guint            lane);
gint64          ilv_trace_lane_get_nominal_work (IlvTrace   *self,
                                            guint            lane);
gint            ilv_trace_lane_get_exit_status (IlvTrace    *self,
                                            guint            lane);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvTrace, ilv_trace_unref)

G_END_DECLS
