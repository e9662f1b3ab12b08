/* ilv-wake-source.h: a GSource that runs when someone sets its ready time
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

G_END_DECLS
