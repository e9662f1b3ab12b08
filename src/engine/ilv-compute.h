/* ilv-compute.h: calibrated real CPU work
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Iterations of ilv_compute_spin() worth one millisecond on an idle core.
 * Measured once per process (a few ms of thread CPU time) and cached. */
guint64 ilv_compute_iterations_per_ms (void);
/* A process worker takes the app's figure (same machine, same code) rather
 * than spend milliseconds of its start measuring it again. Only before the
 * first ilv_compute_iterations_per_ms(). */
void    ilv_compute_set_iterations_per_ms (guint64 rate);
/* Real arithmetic; its result is kept so that it cannot be optimised out. */
void    ilv_compute_spin              (guint64 iterations);

G_END_DECLS
