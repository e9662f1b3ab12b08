/* ilv-process-launcher.h: how an interleave-worker child is started
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ilv-worker.h"

G_BEGIN_DECLS

/* Private to the process executor: the worker program, the scenario text
 * in a sealed memfd, and the spawn itself (own process group, parent-death
 * signal, the inherited fds 3 = scenario, 4 = resources, 5 = events). */
typedef struct _IlvProcessLauncher IlvProcessLauncher;

IlvProcessLauncher *ilv_process_launcher_new      (const char          *scenario_data,
                                                   gsize                scenario_length,
                                                   int                  resources_fd,
                                                   gint64               origin_ns,
                                                   GError             **error);
void                ilv_process_launcher_free     (IlvProcessLauncher  *self);
const char         *ilv_process_launcher_get_path (IlvProcessLauncher  *self);
void                ilv_process_launcher_set_path (IlvProcessLauncher  *self,
                                                   const char          *path);
/* Starts the worker of `spec`, its events going to `events_fd` (which
 * stays the caller's); its pid, which is also its process group, in *pid. */
GSubprocess        *ilv_process_launcher_spawn    (IlvProcessLauncher  *self,
                                                   const IlvWorkerSpec *spec,
                                                   int                  events_fd,
                                                   gint64              *pid,
                                                   GError             **error);

G_END_DECLS
