/* ilv-worker-private.h: the step interpreter's hooks for threads and async tasks
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-worker.h"
#include "ilv-worker-strings.h"

G_BEGIN_DECLS

/* What differs between a thread and an async task: how one slice of a
 * resource wait passes (`slice`), and how a sleep passes. Recording the
 * wait and dropping/taking the GIL around it is the same for both. */
typedef struct
{
  gboolean (*slice)       (IlvWaiter       *waiter,
                           pthread_mutex_t *mutex,
                           pthread_cond_t  *cond);
  /* Returns at `deadline_ns` (CLOCK_MONOTONIC), or FALSE early on stop. */
  gboolean (*sleep_until) (IlvWaiter       *waiter,
                           gint64           deadline_ns);
  /* A step has completed (may be NULL). */
  void     (*stepped)     (IlvWaiter       *waiter);
} IlvWorkerHost;

extern const IlvWorkerHost ilv_thread_host;

/* Runs a program with the given host; `strings` numbers the marks. */
IlvWorkerOutcome ilv_worker_run_hosted (const IlvWorkerSpec *spec,
                                        const IlvWorkerHost *host,
                                        IlvWorkerStrings    *strings);

G_END_DECLS
