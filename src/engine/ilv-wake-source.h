/* ilv-wake-source.h: waking a run's main loop when a worker has ended
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dispatches `func` once its ready time (g_source_set_ready_time(), which
 * any thread may call) has come, then waits for the next one. Not ready
 * until then. */
GSource *ilv_wake_source_new (GSourceFunc func,
                              gpointer    user_data);

/* Wakes the loop that watches `fd` (an eventfd; -1: nobody), from any
 * thread. Threads at the workers' low priority use this rather than
 * g_source_set_ready_time(), which takes the main context's lock: one of
 * them holding it could wait long for a CPU while the main loop waits for
 * the lock. A write to an eventfd takes none; if it fails, the loop's
 * next tick sees the end anyway. */
void     ilv_wake_fd_write   (gint        fd);

G_END_DECLS
