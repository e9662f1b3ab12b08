/* ilv-summary.h: the figures a lecturer points at, computed from a trace
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-trace.h"

G_BEGIN_DECLS

typedef struct
{
  char          *name;
  IlvWorkerKind  kind;
  double         started_ms;     /* first step, from the run's start */
  double         finished_ms;    /* done or crashed; -1 if never */
  double         start_cost_ms;
  double         state_ms[ILV_N_STATES];
  gint           exit_status;
} IlvWorkerSummary;

typedef struct
{
  char   *name;
  gint64  final;
  gint64  expected;
  /* Stores whose increment the final value does not hold: each store is
   * taken to build on the latest earlier write of the value it read
   * (value - increment); the stores off the chain that ends in the final
   * value were overwritten. With equal increments: (expected - final) / increment. */
  gint64  lost_updates;
} IlvValueSummary;

typedef struct
{
  char   *name;
  guint   acquisitions;
  guint   contended;
  double  wait_ms;
  guint   max_waiters;
} IlvLockSummary;

typedef struct
{
  char   *name;
  guint   puts;
  guint   gets;
  gint64  max_depth;
  gint64  capacity;
} IlvQueueSummary;

typedef struct
{
  char          *scenario;
  gboolean       gil;
  double         wall_ms;
  double         sequential_ms;  /* the same work done one step after another (a terminated
                                    worker's counts up to its end) */
  double         speedup;        /* sequential / wall */
  double         gil_wait_share; /* share of all workers' lifetime spent in gil-wait */
  double         lock_wait_share;
  IlvStopReason  stopped;
  char          *stop_message;
  GArray        *workers;        /* IlvWorkerSummary */
  GArray        *values;         /* IlvValueSummary */
  GArray        *locks;          /* IlvLockSummary */
  GArray        *queues;         /* IlvQueueSummary */
  gsize          events_recorded;
} IlvSummary;

IlvSummary *ilv_summary_new     (IlvTrace         *trace);
void        ilv_summary_free    (IlvSummary       *self);
/* The JSON of `interleave run --summary`, newline-terminated. */
char       *ilv_summary_to_json (const IlvSummary *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvSummary, ilv_summary_free)

G_END_DECLS
