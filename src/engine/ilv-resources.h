/* ilv-resources.h: a run's resources, in shared memory with process-shared primitives
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-scenario.h"

G_BEGIN_DECLS

typedef struct _IlvResources IlvResources;

/* Creates every resource of the scenario in one memfd-backed mapping, with
 * PTHREAD_PROCESS_SHARED mutexes and condition variables, so that thread
 * workers and process workers can share them. */
IlvResources *ilv_resources_new    (IlvScenario   *scenario,
                                    GError       **error);
/* In a process worker: maps the parent's resources from the inherited fd. */
IlvResources *ilv_resources_attach (IlvScenario   *scenario,
                                    int            fd,
                                    GError       **error);
int           ilv_resources_get_fd (IlvResources  *self);
void          ilv_resources_free   (IlvResources  *self);

/* Pools hand out task chunks from the shared mapping, like Pool.map:
 * returns FALSE when none is left; else the first task and count. */
gboolean      ilv_resources_next_chunk (IlvResources *self,
                                        guint         pool,
                                        guint        *first_task,
                                        guint        *n_tasks);

G_END_DECLS
