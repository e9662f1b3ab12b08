/* ilv-test-common.h: helpers shared by the engine and reliability tests
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <time.h>

#include "ilv-scenario.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

/* Parses `text`; asserts it is a valid scenario. */
IlvScenario *ilv_test_parse                  (const char *text);

/* The time on `clock` in nanoseconds. CPU clocks
 * (CLOCK_THREAD_CPUTIME_ID, CLOCK_PROCESS_CPUTIME_ID) count only our own
 * time, which a machine shared with other processes does not blur. */
gint64       ilv_test_clock_ns               (clockid_t   clock);

/* Iterates `context` for `ms`, or until *done when `done` is not NULL. */
void         ilv_test_iterate_for            (GMainContext   *context,
                                              guint           ms,
                                              const gboolean *done);

/* What this process holds right now. */
guint        ilv_test_count_fds              (void);
guint        ilv_test_count_threads          (void);
/* No descriptor beyond the `before` ones is left open. GLib closes a
 * reaped child's watch (a pidfd) on its worker thread a moment later:
 * this gives it that moment, and allows the count to be lower than a
 * baseline taken while such a watch was open. */
void         ilv_test_assert_fds_back        (guint       before);
/* Every process worker of the trace is reaped and its process group is
 * gone (waits up to two seconds for the kernel to tear them down). */
void         ilv_test_assert_no_process_left (IlvTrace   *trace);

G_END_DECLS
