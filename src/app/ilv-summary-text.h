/* ilv-summary-text.h: a run's summary as a few lines a person reads
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-summary.h"

G_BEGIN_DECLS

/* The scenario's name (when `with_title`), wall time, speedup, lost
 * updates and, when the run did not simply finish, why it stopped;
 * newline-terminated lines. */
char *ilv_summary_text_format (const IlvSummary *summary,
                               gboolean          with_title);

G_END_DECLS
