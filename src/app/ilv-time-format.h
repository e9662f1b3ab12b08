/* ilv-time-format.h: durations and state names as the window shows them
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ilv-types.h"

G_BEGIN_DECLS

/* "850 µs", "12.3 ms", "2.50 s": three significant digits, a unit a
 * person reads without counting zeros. */
char       *ilv_time_format       (gint64   ns);
/* "Waiting for the GIL": a state as a sentence fragment, translated. */
const char *ilv_state_describe    (IlvState state);

G_END_DECLS
