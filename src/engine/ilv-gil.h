/* ilv-gil.h: the simulated global interpreter lock of one process
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-recorder.h"

G_BEGIN_DECLS

typedef struct _IlvGil IlvGil;

/* One per process (never shared between processes). Behaves like CPython's:
 * a thread must hold it to compute; it is dropped on sleep and on every
 * blocking wait; a thread that has waited longer than the switch interval
 * makes the holder drop it at its next check. */
IlvGil  *ilv_gil_new       (guint          process_index,
                            gint64         switch_interval_ns);
void     ilv_gil_free      (IlvGil        *self);

G_END_DECLS
