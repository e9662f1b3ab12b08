/* ilv-reliability-util.h: helpers shared by the reliability tests
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-run.h"
#include "ilv-scenario.h"
#include "ilv-test-common.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

/* Runs the scenario on a private main context until every worker began,
 * then `run_ms` more (asserting none ended), then stops it
 * and waits for "finished". *stop_us: from ilv_run_stop() to "finished". */
IlvTrace    *ilv_rel_run_and_stop       (IlvScenario *scenario,
                                         guint        run_ms,
                                         gint64      *stop_us);
/* One run and stop, for what a process opens once and keeps. */
void         ilv_rel_warm_up            (IlvScenario *scenario,
                                         guint        run_ms);
/* Lists this process's descriptors as test messages (when a count is off). */
void         ilv_rel_print_fds          (void);
/* Every worker lane ended `done` (none crashed or failed to start). */
void         ilv_rel_assert_all_done    (IlvTrace    *trace);

/* g_test_message(), also from a test subprocess (which keeps its
 * messages to itself): there a TAP comment on the shared stdout. */
void         ilv_rel_message            (const char  *format,
                                         ...) G_GNUC_PRINTF (1, 2);

/* What this process holds right now. */
guint64      ilv_rel_rss_kib            (void);

/* The value below which `fraction` of `values` (gint64) lie. */
gint64       ilv_rel_percentile         (GArray      *values,
                                         double       fraction);

/* The interleave-worker of this build tree, found from the test's own
 * path (tests/reliability/ → src/worker/). */
char        *ilv_rel_build_worker_path  (void);

/* Built with AddressSanitizer: RSS grows with its quarantine, and it
 * cannot run under valgrind or an address-space limit. */
#if defined(__SANITIZE_ADDRESS__)
#define ILV_REL_ASAN 1
#else
#define ILV_REL_ASAN 0
#endif

G_END_DECLS
