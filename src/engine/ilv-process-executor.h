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
 * Works on the thread-default main context of the caller: create it, spawn
 * and free it on that context's thread (the parent-death signal follows the
 * thread that spawned, so that thread must outlive the children).
 *
 * The worker program is `interleave-worker`: $ILV_WORKER_PATH when set,
 * else next to the running executable (/proc/self/exe), else where the
 * build tree puts it relative to the running executable (src/worker/),
 * else in the installed libexecdir. */
IlvProcessExecutor *ilv_process_executor_new  (const char           *scenario_data,
                                               gsize                 scenario_length,
                                               IlvResources         *resources,
                                               gint64                origin_ns,
                                               IlvProcessEventsFunc  events_func,
                                               IlvProcessExitFunc    exit_func,
                                               gpointer              user_data);
/* The worker program it will start (found as described above); setting
 * it (before the first spawn) is for tests and embedders. */
const char *ilv_process_executor_get_worker_path (IlvProcessExecutor *self);
void        ilv_process_executor_set_worker_path (IlvProcessExecutor *self,
                                                  const char         *path);
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
/* Children not yet reported to the exit callback. */
guint    ilv_process_executor_get_n_alive (IlvProcessExecutor *self);
/* Why a child was cut off (its event stream was bad), or NULL. Valid from
 * its exit callback until free. */
const char *ilv_process_executor_get_message (IlvProcessExecutor *self,
                                              guint32             lane);
void     ilv_process_executor_free       (IlvProcessExecutor  *self);

G_END_DECLS
