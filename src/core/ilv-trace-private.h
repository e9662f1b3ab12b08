/* ilv-trace-private.h: the trace's insides, shared by its files
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-id-map.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

/* Cumulative time per state is kept every ILV_TRACE_CHECKPOINT spans, so
 * that the time per state up to any instant costs a binary search plus at
 * most that many additions. */
#define ILV_TRACE_CHECKPOINT 32

/* Counter points are summarised in blocks of this many (min and max),
 * and blocks in super blocks of ILV_TRACE_COUNTER_SUPER points: a column
 * over many points reads a few of each and the points at its two ends. */
#define ILV_TRACE_COUNTER_BLOCK 16
#define ILV_TRACE_COUNTER_SUPER 512

typedef struct
{
  gint64 start;
  gint64 end;   /* G_MAXINT64 while open */
} IlvInterval;

/* One event of a derived lane (GIL or core): `lane` enters or leaves it. */
typedef struct
{
  gint64  time;
  guint32 lane;
  guint32 enter;
} IlvDerivedEvent;

typedef struct
{
  IlvLaneInfo  info;
  char        *name;
  char        *group;

  /* Spans, columnar: span i covers [starts[i], starts[i + 1]), the last
   * one is open until the trace's now. */
  gint64      *starts;
  guint8      *states;        /* IlvState */
  gint16      *resources;
  gsize        n_spans;
  gsize        spans_allocated;
  GArray      *checkpoints;   /* gint64[ILV_N_STATES] per ILV_TRACE_CHECKPOINT spans */
  GArray      *block_starts;  /* gint64: start of span c × ILV_TRACE_CHECKPOINT, per checkpoint c;
                               * a search looks here first (small, cached), then in one block */

  GArray      *holds;         /* IlvHold */
  GArray      *open_holds;    /* guint: indices into holds */
  gint         open_task;     /* index into the trace's tasks, or -1 */

  /* Where the OS sampler saw the lane runnable but not on a core. */
  GArray      *ready;         /* IlvInterval, in order */
  gint         sample_key;    /* >= 0: on that cpu; -2: runnable, waiting; -1: neither */

  /* Derived lanes (GIL, core) are rebuilt from their own sorted events. */
  GArray      *derived;       /* IlvDerivedEvent, NULL for worker lanes */
  gsize        derived_sorted; /* events before this are in order and replayed */

  gboolean     started;
  gint64       first_step;
  gint64       start_cost;
  gint64       nominal_work;
  gint         exit_status;
} IlvLane;

/* A hold as the resource knows it, to mark holds contended whichever
 * lane's batch arrives first. */
typedef struct
{
  gint64 start;
  guint  lane;
  guint  index;
} IlvHoldRef;

typedef struct
{
  IlvResourceInfo info;
  char           *name;
  GArray         *points;        /* IlvPoint, sorted by time up to points_sorted */
  gsize           points_sorted; /* the rest arrived during this append */
  GArray         *expected;      /* IlvPoint, values only */
  GArray         *block_min;     /* gint64 per ILV_TRACE_COUNTER_BLOCK points */
  GArray         *block_max;
  GArray         *super_min;     /* gint64 per ILV_TRACE_COUNTER_SUPER points */
  GArray         *super_max;
  gsize           blocks_valid;  /* points summarised so far */
  GArray         *hold_refs;     /* IlvHoldRef, sorted by start */
  GArray         *releases;      /* IlvFlow halves: from_lane/from_time */
  GArray         *waited;        /* IlvFlow halves: to_lane/to_time */
  guint64         puts;
  guint64         gets;
} IlvResource;

typedef struct
{
  IlvProcessInfo info;
  char          *name;
  gint           gil_lane;       /* -1 until its first GIL event */
} IlvProcess;

struct _IlvTrace
{
  gint            ref_count;
  char           *title;
  char           *description;
  char           *variant;      /* what was edited, or NULL */
  gboolean        gil;
  gboolean        start_set;
  gint64          start;
  gint64          now;
  gint64          end;
  gboolean        finished;
  IlvStopReason   stop_reason;
  char           *stop_message;
  gsize           n_events;
  guint64         serial;

  GPtrArray      *processes;     /* IlvProcess */
  GPtrArray      *lanes;         /* IlvLane */
  GPtrArray      *resources;     /* IlvResource */
  guint           n_cpus;
  guint           first_core_lane;

  GHashTable     *strings;       /* text -> id + 1 */
  GPtrArray      *string_list;   /* id -> text */

  GArray         *flows;         /* IlvFlow: queue and pipe, as matched */
  GArray         *all_flows;     /* flows + lock flows, rebuilt when dirty */
  gboolean        flows_dirty;
  IlvIdMap        flow_sources;  /* flow key -> index into flow_ends */
  IlvIdMap        flow_targets;
  GArray         *flow_ends;     /* IlvFlow halves waiting for a partner */
  GArray         *flow_free;     /* guint32: free slots in flow_ends */
  GArray         *marks;         /* IlvMark, sorted by time */
  GArray         *tasks;         /* IlvTask */
};

/* ilv-trace-lane.c */
IlvLane *ilv_lane_new             (const char  *name,
                                   const char  *group,
                                   IlvLaneKind  kind,
                                   gint64       start);
void     ilv_lane_free            (IlvLane     *lane);
void     ilv_lane_push_state      (IlvLane     *lane,
                                   gint64       time,
                                   IlvState     state,
                                   gint         resource);
void     ilv_lane_truncate        (IlvLane     *lane,
                                   gsize        n_spans);
gsize    ilv_lane_n_spans         (const IlvLane *lane);
gssize   ilv_lane_find            (const IlvLane *lane,
                                   gint64       time);
/* The same, searching on from span `from` (any index, or -1): cheap when
 * time is near, as from one pixel column to the next. */
gssize   ilv_lane_find_from       (const IlvLane *lane,
                                   gssize       from,
                                   gint64       time);
/* ilv_lane_cumulative() when the span at `time`, i, is known. */
void     ilv_lane_cumulative_at   (const IlvLane *lane,
                                   gint64       lane_end,
                                   gssize       i,
                                   gint64       time,
                                   gint64       out[ILV_N_STATES]);
void     ilv_lane_cumulative      (const IlvLane *lane,
                                   gint64       lane_end,
                                   gint64       time,
                                   gint64       out[ILV_N_STATES]);
gint64   ilv_lane_time_in_state   (const IlvLane *lane,
                                   gint64       lane_end,
                                   IlvState     state,
                                   gint64       time);
void     ilv_lane_derived_insert  (IlvLane     *lane,
                                   gint64       time,
                                   guint32      holder,
                                   gboolean     enter);
void     ilv_lane_derived_replay  (IlvLane     *lane);
gsize    ilv_trace_merge_tail     (GArray      *array,
                                   gsize        sorted);
void     ilv_trace_settle_points  (IlvTrace    *self);

/* ilv-trace-events.c */
void     ilv_trace_apply_event    (IlvTrace       *self,
                                   const IlvEvent *event);
void     ilv_trace_close_samples  (IlvTrace       *self,
                                   gint64          end);
IlvLane *ilv_trace_lane           (IlvTrace       *self,
                                   guint           lane);
void     ilv_trace_point_insert   (GArray         *points,
                                   gint64          time,
                                   gint64          value,
                                   gsize          *blocks_valid);

/* Importing a saved run (ilv-chrome-trace-reader.c): these set the derived
 * data directly instead of replaying events. */
guint    ilv_trace_import_lane    (IlvTrace       *self,
                                   const IlvLaneInfo *info);
void     ilv_trace_import_span    (IlvTrace       *self,
                                   guint           lane,
                                   gint64          start,
                                   IlvState        state,
                                   gint            resource);
void     ilv_trace_import_hold    (IlvTrace       *self,
                                   guint           lane,
                                   const IlvHold  *hold);
void     ilv_trace_import_point   (IlvTrace       *self,
                                   guint           resource,
                                   gboolean        expected,
                                   gint64          time,
                                   gint64          value);
void     ilv_trace_import_ready   (IlvTrace       *self,
                                   guint           lane,
                                   gint64          start,
                                   gint64          end);
void     ilv_trace_import_flow    (IlvTrace       *self,
                                   const IlvFlow  *flow);
void     ilv_trace_import_mark    (IlvTrace       *self,
                                   guint           lane,
                                   gint64          time,
                                   const char     *text);
void     ilv_trace_import_task    (IlvTrace       *self,
                                   const IlvTask  *task);
void     ilv_trace_import_worker  (IlvTrace       *self,
                                   guint           lane,
                                   gint64          first_step,
                                   gint64          start_cost,
                                   gint64          nominal_work,
                                   gint            exit_status);
void     ilv_trace_import_counts  (IlvTrace       *self,
                                   guint           resource,
                                   guint64         puts,
                                   guint64         gets);
void     ilv_trace_import_n_events (IlvTrace      *self,
                                   gsize           n_events);

/* For the summary and the export. */
void     ilv_trace_resource_get_counts (IlvTrace  *self,
                                   guint           resource,
                                   guint64        *puts,
                                   guint64        *gets);
gint64   ilv_trace_lane_get_first_step (IlvTrace  *self,
                                   guint           lane);
gsize    ilv_trace_lane_get_n_ready (IlvTrace     *self,
                                   guint           lane);
const IlvInterval *ilv_trace_lane_get_ready (IlvTrace *self,
                                   guint           lane);
guint    ilv_trace_get_n_cpus     (IlvTrace       *self);

G_END_DECLS
