/* ilv-run.h: one run of a scenario, from start to a finished trace
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ilv-scenario.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

#define ILV_TYPE_RUN (ilv_run_get_type ())

G_DECLARE_FINAL_TYPE (IlvRun, ilv_run, ILV, RUN, GObject)

#define ILV_RUN_ERROR (ilv_run_error_quark ())

typedef enum
{
  ILV_RUN_ERROR_START,      /* a worker could not be started */
  ILV_RUN_ERROR_RESOURCES,  /* shared memory or a primitive could not be set up */
} IlvRunError;

GQuark       ilv_run_error_quark  (void);

/* A run belongs to the thread-default main context of the thread that
 * creates it: the trace is filled there (drained from the workers' buffers
 * about every 16 ms), and "updated" and "finished" are emitted there. */
IlvRun      *ilv_run_new          (IlvScenario  *scenario);
IlvScenario *ilv_run_get_scenario (IlvRun       *self);
/* The trace grows while the run goes on; it is complete once "finished"
 * has been emitted. */
IlvTrace    *ilv_run_get_trace    (IlvRun       *self);
gboolean     ilv_run_start        (IlvRun       *self,
                                   GError      **error);
/* Asks every worker to stop; "finished" follows within about a second
 * with ILV_STOP_STOPPED. Safe to call at any time, more than once. */
void         ilv_run_stop         (IlvRun       *self);
gboolean     ilv_run_is_running   (IlvRun       *self);
/* Convenience for the command line and tests: start, iterate a private
 * main context until finished, return the trace (or NULL and an error). */
IlvTrace    *ilv_run_scenario_sync (IlvScenario *scenario,
                                    GError     **error);

/* How a run ends (ilv_trace_get_stop_reason()):
 *   FINISHED  every non-daemon worker is done (daemons are then stopped)
 *   DEADLOCK  every live worker waited, unchanged, for ~250 ms on a lock,
 *             queue, event, barrier or pipe with nothing left to wake it;
 *             the message names who holds and waits for what ("deadlock:
 *             a holds x and waits for y; …") or, without a cycle, who waits
 *             for what ("no progress: …"). A finished run, not an error.
 *   TIMEOUT   the scenario's Timeout passed
 *   STOPPED   ilv_run_stop()
 * Where /proc cannot be sampled the run goes on without the OS sampler:
 * the trace then has no core lanes and no `ready` state (n_cpus stays 0).
 * Async tasks share one thread, so the sampler does not follow them. */

/* Signals:
 *   "updated"  (IlvRun *run)            the trace grew: new events, or
 *                                       open spans extended to now
 *   "finished" (IlvRun *run)            the trace is complete; see
 *                                       ilv_trace_get_stop_reason()
 */

G_END_DECLS
