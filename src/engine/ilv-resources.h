/* ilv-resources.h: a run's resources, in shared memory with process-shared primitives
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pthread.h>

#include "ilv-recorder.h"
#include "ilv-scenario.h"

G_BEGIN_DECLS

typedef struct _IlvResources IlvResources;

/* An unbounded queue or pipe holds at most this many items; a put or send
 * beyond it blocks, as if the memory behind it were full. */
#define ILV_QUEUE_UNBOUNDED_MAX 4096
/* A pipe's SEND/RECV events count bytes: every message stands for this many. */
#define ILV_PIPE_MESSAGE_BYTES 8

/* Creates every resource of the scenario in one memfd-backed mapping, with
 * PTHREAD_PROCESS_SHARED mutexes and condition variables, so that thread
 * workers and process workers can share them. */
IlvResources *ilv_resources_new    (IlvScenario   *scenario,
                                    GError       **error);
/* In a process worker: maps the parent's resources from the inherited fd.
 * The fd stays the caller's. */
IlvResources *ilv_resources_attach (IlvScenario   *scenario,
                                    int            fd,
                                    GError       **error);
/* The memfd; it stays owned by `self` (dup it before handing it over). */
int           ilv_resources_get_fd (IlvResources  *self);
void          ilv_resources_free   (IlvResources  *self);

/* Pools hand out task chunks from the shared mapping, like Pool.map:
 * returns FALSE when none is left; else the first task and count. */
gboolean      ilv_resources_next_chunk (IlvResources *self,
                                        guint         pool,
                                        guint        *first_task,
                                        guint        *n_tasks);

/* How a worker waits. A thread blocks on the resource's condition variable
 * in slices; an async task yields to its event loop between checks. */
typedef struct _IlvWaiter IlvWaiter;

typedef struct
{
  /* About to block on `resource` (called with its mutex held): record the
   * wait state, drop the GIL. */
  void     (*enter) (IlvWaiter       *waiter,
                     IlvState         state,
                     gint             resource);
  /* Called with `mutex` held; waits at most 50 ms for `cond` (or yields).
   * Returns FALSE when the worker must stop. */
  gboolean (*slice) (IlvWaiter       *waiter,
                     pthread_mutex_t *mutex,
                     pthread_cond_t  *cond);
  /* The wait is over (mutex no longer held): take the GIL back, record
   * running. Not called when the wait was stopped. */
  void     (*leave) (IlvWaiter       *waiter);
} IlvWaiterClass;

struct _IlvWaiter
{
  const IlvWaiterClass *klass;
  IlvRecorder          *recorder;
  guint32               lane;
  volatile gint        *stop;
};

/* The operations of the step interpreter. Each returns FALSE only when the
 * worker was stopped while waiting. Resource events are recorded to the
 * waiter's recorder inside the resource's critical section. Error marks
 * (e.g. a bounded semaphore released too often) use the fixed string ids
 * of ilv-worker-strings.h. */
gboolean ilv_resources_acquire   (IlvResources *self,
                                  guint         resource,
                                  IlvWaiter    *waiter);
void     ilv_resources_release   (IlvResources *self,
                                  guint         resource,
                                  IlvWaiter    *waiter);
gint64   ilv_resources_load      (IlvResources *self,
                                  guint         resource,
                                  gint64        element,
                                  IlvWaiter    *waiter);
void     ilv_resources_store     (IlvResources *self,
                                  guint         resource,
                                  gint64        element,
                                  gint64        value,
                                  gint64        increment,
                                  IlvWaiter    *waiter);
gboolean ilv_resources_put       (IlvResources *self,
                                  guint         resource,
                                  IlvWaiter    *waiter);
gboolean ilv_resources_get       (IlvResources *self,
                                  guint         resource,
                                  IlvWaiter    *waiter);
void     ilv_resources_task_done (IlvResources *self,
                                  guint         resource,
                                  IlvWaiter    *waiter);
gboolean ilv_resources_join      (IlvResources *self,
                                  guint         resource,
                                  IlvWaiter    *waiter);
void     ilv_resources_set       (IlvResources *self,
                                  guint         resource,
                                  gboolean      flag,
                                  IlvWaiter    *waiter);
/* Waits for an event to be set, or for a barrier's other parties. */
gboolean ilv_resources_wait      (IlvResources *self,
                                  guint         resource,
                                  IlvWaiter    *waiter);
gboolean ilv_resources_send      (IlvResources *self,
                                  guint         resource,
                                  IlvWaiter    *waiter);
gboolean ilv_resources_recv      (IlvResources *self,
                                  guint         resource,
                                  IlvWaiter    *waiter);

/* The lane holding a lock (or a value's own lock), -1 when free. */
gint     ilv_resources_get_owner (IlvResources *self,
                                  guint         resource);
/* A value or an array element, read without recording. */
gint64   ilv_resources_peek      (IlvResources *self,
                                  guint         resource,
                                  gint64        element);

G_END_DECLS
