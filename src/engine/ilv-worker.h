/* ilv-worker.h: one worker's program run to its end, in the calling thread
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-gil.h"
#include "ilv-recorder.h"
#include "ilv-resources.h"
#include "ilv-scenario.h"

G_BEGIN_DECLS

/* Workers (thread, async loop and process) run at this nice value and
 * the SCHED_IDLE policy (ilv_worker_lower_priority()), below the app's own
 * threads, so that 64 busy ones cannot starve the window's main loop;
 * among themselves they stay equal. */
#define ILV_WORKER_NICE 19

typedef enum
{
  ILV_WORKER_FINISHED,
  ILV_WORKER_STOPPED,   /* the stop flag was raised */
} IlvWorkerOutcome;

/* Everything a thread worker or a process worker needs to run. The same
 * interpreter runs both; a process worker fills this in its own process
 * from its command line (resources attached from the shared memory fd). */
typedef struct
{
  IlvScenario      *scenario;
  IlvResources     *resources;
  IlvGil           *gil;           /* this process's GIL; NULL when the GIL is off */
  IlvRecorder      *recorder;
  const IlvProgram *program;
  guint32           lane;
  guint             group;         /* index in scenario->groups, or pool index */
  gboolean          is_pool;
  guint             instance;      /* 0-based index within the group ("increase#1" is 0) */
  gint64            origin_ns;     /* the run's zero (CLOCK_MONOTONIC) */
  gint64            start_at_ns;   /* StartAt, relative to origin */
  gint64            requested_ns;  /* when the start was requested, for the start cost */
  volatile gint    *stop;          /* read with g_atomic_int_get(); nonzero: stop now */
  guint             process;       /* index of its process in the trace (the GIL's process index) */
} IlvWorkerSpec;

/* Runs the program to its end (or until *stop), emitting STATE and resource
 * events to spec->recorder: WORKER_START first, WORKER_END last. Every
 * blocking wait is timed (≤ 50 ms slices) and sees *stop. */
IlvWorkerOutcome ilv_worker_run (const IlvWorkerSpec *spec);

void ilv_worker_lower_priority (void);

G_END_DECLS
