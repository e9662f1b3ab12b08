/* ilv-process-executor.h: process workers as interleave-worker children
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ilv-event.h"
#include "ilv-worker.h"

G_BEGIN_DECLS

typedef struct _IlvProcessExecutor IlvProcessExecutor;

/* Called on the executor's main context as batches arrive from children. */
typedef void (*IlvProcessEventsFunc) (const IlvEvent *events,
                                      gsize           n_events,
                                      gpointer        user_data);
/* Called once per child, after it was reaped and its pipe drained.
 * exit_status: the exit code, or 256 + the signal number. */
typedef void (*IlvProcessExitFunc)   (guint32         lane,
                                      gint            exit_status,
                                      gpointer        user_data);

/* Children are started with GSubprocess in their own process group with a
 * parent-death signal; they get the scenario text and the resources' memfd.
 * Works on the thread-default main context of the caller. */
IlvProcessExecutor *ilv_process_executor_new  (const char           *scenario_data,
                                               gsize                 scenario_length,
                                               IlvResources         *resources,
                                               gint64                origin_ns,
                                               IlvProcessEventsFunc  events_func,
                                               IlvProcessExitFunc    exit_func,
                                               gpointer              user_data);
/* Starts one process worker (spec->lane etc.; recorder, gil and stop are
 * ignored: the child makes its own). Returns its pid in *pid. */
gboolean ilv_process_executor_spawn      (IlvProcessExecutor  *self,
                                          const IlvWorkerSpec *spec,
                                          gint64              *pid,
                                          GError             **error);
/* Process.terminate(): SIGTERM to that worker's process group. */
void     ilv_process_executor_terminate  (IlvProcessExecutor  *self,
                                          guint32              lane);
/* Every child: SIGTERM, then SIGKILL after a short grace. */
void     ilv_process_executor_stop       (IlvProcessExecutor  *self);
guint    ilv_process_executor_get_n_alive (IlvProcessExecutor *self);
void     ilv_process_executor_free       (IlvProcessExecutor  *self);

G_END_DECLS
