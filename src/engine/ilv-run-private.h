/* ilv-run-private.h: the run's state, shared by its files
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-async-loop.h"
#include "ilv-process-executor.h"
#include "ilv-run.h"
#include "ilv-sampler.h"
#include "ilv-slot-map.h"

G_BEGIN_DECLS

/* One worker lane of the run. */
typedef struct
{
  guint32        lane;
  guint          process;        /* index in the trace */
  IlvWorkerKind  kind;
  gboolean       daemon;
  gboolean       ended;          /* done or crashed, process reaped */
  gboolean       started;        /* its WORKER_START has come */
  gint64         terminate_at;   /* process workers: ns from origin, or -1 */
} IlvRunLane;

/* A thread worker: its thread, its recorder and whether it has returned. */
typedef struct
{
  IlvWorkerSpec     spec;
  IlvRecorder      *recorder;
  IlvWorkerStrings *strings;
  IlvSampler       *sampler;
  gint              wake_fd;     /* the run's eventfd, written on return, or -1 */
  GThread          *thread;
  gint              tid;         /* atomic: its kernel thread id, once it runs */
  gint              exited;      /* atomic */
  guint             lane_index;  /* into IlvRun.lanes */
} IlvThreadWorker;

struct _IlvRun
{
  GObject             parent_instance;

  IlvScenario        *scenario;
  IlvTrace           *trace;
  GMainContext       *context;

  IlvResources       *resources;
  IlvGil             *gil;
  IlvWorkerStrings   *strings;
  GArray             *string_ids;   /* guint32 trace id per string index */
  IlvSlotMap         *slot_map;     /* Array elements to their trace resources */
  gint                stop;         /* atomic: threads and tasks stop */

  GArray             *lanes;        /* IlvRunLane */
  GPtrArray          *threads;      /* IlvThreadWorker* */
  IlvRecorder        *async_recorder;
  IlvAsyncLoop       *async;
  IlvProcessExecutor *executor;
  IlvSampler         *sampler;

  GArray             *pending;      /* drained, not yet appended */
  GSource            *tick_source;
  GSource            *wake_source;  /* a worker ended: look now */
  gint                thread_wake_fd;       /* eventfd the same for thread workers and async tasks, or -1 */
  GSource            *thread_wake_source;
  GSource            *timeout_source;
  GPtrArray          *timers;       /* TerminateAt sources */

  gint64              origin;
  gboolean            started;
  gboolean            finished;
  gboolean            stopping;
  IlvStopReason       reason;
  char               *message;
  GPtrArray          *notes;        /* lines for the end message: workers that failed */

  gint64              blocked_since;
  char               *blocked_signature;
};

/* ilv-run-start.c: lanes, resources and workers. */
gboolean ilv_run_launch          (IlvRun          *self,
                                  GError         **error);
void     ilv_thread_worker_free  (IlvThreadWorker *worker);
gboolean ilv_thread_worker_reap  (IlvThreadWorker *worker);

/* ilv-run.c */
void     ilv_run_request_stop    (IlvRun          *self,
                                  IlvStopReason    reason,
                                  const char      *message);

/* ilv-run-collect.c: drains every recorder into `pending` (string ids
 * mapped to the trace's), appends what is older than `limit`. */
void     ilv_run_drain           (IlvRun          *self);
gboolean ilv_run_append          (IlvRun          *self,
                                  gint64           limit);
void     ilv_run_process_events_cb (const IlvEvent *events,
                                    gsize           n_events,
                                    gpointer        user_data);
void     ilv_run_process_exit_cb   (guint32         lane,
                                    gint            exit_status,
                                    gpointer        user_data);

/* ilv-deadlock.c: once every live worker is blocked, explains why (a
 * cycle of lock holders and waiters, or nobody left to wake them), with
 * *cycle telling which. NULL while some worker can still move. */
char    *ilv_deadlock_explain    (IlvTrace        *trace,
                                  IlvResources    *resources,
                                  const GArray    *lanes,
                                  gboolean        *cycle);
/* A string that changes whenever a live worker changes state. */
char    *ilv_deadlock_signature  (IlvTrace        *trace,
                                  const GArray    *lanes);

G_END_DECLS
