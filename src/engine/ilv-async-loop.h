/* ilv-async-loop.h: every async task of a run, as coroutines on one GMainLoop
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-worker-private.h"

G_BEGIN_DECLS

typedef struct _IlvAsyncLoop IlvAsyncLoop;

/* Like one asyncio event loop: one thread runs a GMainLoop, each task is a
 * coroutine with its own small stack, and tasks switch only at awaits
 * (sleeps and resource waits). All tasks record to `recorder` (the loop
 * thread is its one writer) and run under `gil` (may be NULL). When a task
 * ends, the loop writes to `run_wake_fd` (an eventfd, or -1; it must stay
 * open until the loop's thread is joined) with ilv_wake_fd_write(), never
 * touching the run's main context. */
IlvAsyncLoop *ilv_async_loop_new        (IlvRecorder         *recorder,
                                         IlvGil              *gil,
                                         IlvWorkerStrings    *strings,
                                         volatile gint       *stop,
                                         gint                 run_wake_fd);
/* Before start: adds a task (spec is copied; its recorder, gil and stop
 * are replaced by the loop's). */
gboolean      ilv_async_loop_add        (IlvAsyncLoop        *self,
                                         const IlvWorkerSpec *spec,
                                         GError             **error);
guint         ilv_async_loop_get_n_tasks (IlvAsyncLoop       *self);
gboolean      ilv_async_loop_start      (IlvAsyncLoop        *self,
                                         GError             **error);
/* TRUE once every task ended and the thread is about to exit. */
gboolean      ilv_async_loop_is_finished (IlvAsyncLoop       *self);
/* Joins the thread (raise the stop flag first if it may still run). */
void          ilv_async_loop_free       (IlvAsyncLoop        *self);

G_END_DECLS
