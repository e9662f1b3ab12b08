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

/* Takes the GIL for `lane`: records STATE gil-wait if it has to wait, then
 * GIL_ACQUIRED and STATE running, stamped while the GIL is taken. Waits in
 * slices of at most 50 ms; FALSE (without the GIL) once *stop is raised. */
gboolean ilv_gil_acquire   (IlvGil        *self,
                            IlvRecorder   *recorder,
                            guint32        lane,
                            volatile gint *stop);
/* Drops the GIL: records STATE `next` (on `resource`) and GIL_RELEASED
 * before another thread can take it, so that no two lanes of a process
 * are ever running at once. */
void     ilv_gil_release   (IlvGil        *self,
                            IlvRecorder   *recorder,
                            guint32        lane,
                            IlvState       next,
                            gint           resource);
/* The holder's periodic check (between steps, every ~50 µs of compute):
 * if a waiter asked for a drop, hands the GIL over and takes it back after
 * the switch (a forced switch). FALSE (without the GIL) if stopped. */
gboolean ilv_gil_check     (IlvGil        *self,
                            IlvRecorder   *recorder,
                            guint32        lane,
                            volatile gint *stop);
/* Lane holding the GIL, or -1. */
gint     ilv_gil_get_holder (IlvGil       *self);

G_END_DECLS
