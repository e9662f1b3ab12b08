/* ilv-selection-text.h: what the workers did in a selected range, as one line a room reads
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-trace.h"

G_BEGIN_DECLS

/* The share of the workers' time in each state within [start, end) (ns
 * from each run's start): of the time they were alive there, so that the
 * shares add up to 100 %. Returns FALSE when no worker was alive. */
gboolean ilv_selection_state_shares (IlvTrace *trace,
                                     gint64    start,
                                     gint64    end,
                                     double    shares[ILV_N_STATES]);

/* "Selection 20–40 ms: running 12 %, lock wait 80 %, I/O 8 %", with a
 * line for each run when there are several. */
char    *ilv_selection_text_format  (IlvTrace * const *traces,
                                     guint             n_traces,
                                     gint64            start,
                                     gint64            end);

G_END_DECLS
