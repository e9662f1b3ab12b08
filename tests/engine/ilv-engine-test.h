/* ilv-engine-test.h: helpers shared by the engine tests
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-run.h"
#include "ilv-summary.h"
#include "ilv-test-common.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

/* Parses `text` (a scenario) and runs it to its end; asserts both work. */
IlvTrace *ilv_test_run_text          (const char *text);
gint      ilv_test_find_lane         (IlvTrace   *trace,
                                      const char *name);
gint      ilv_test_find_resource     (IlvTrace   *trace,
                                      const char *name);
/* The summary of the value `name`, or NULL. */
const IlvValueSummary *ilv_test_find_value (IlvSummary *summary,
                                            const char *name);
/* Time the lane spent in `state` over the whole run. */
gint64    ilv_test_state_time        (IlvTrace   *trace,
                                      guint       lane,
                                      IlvState    state);
/* Last point of a resource's counter series. */
gint64    ilv_test_last_value        (IlvTrace   *trace,
                                      guint       resource);
/* Highest point of a resource's counter series (0 when none is higher). */
gint64    ilv_test_max_value         (IlvTrace   *trace,
                                      guint       resource);
/* Marks of the run reading `text`: how many, the first and last time
 * (G_MAXINT64 and G_MININT64 when none); first and last may be NULL. */
guint     ilv_test_collect_marks     (IlvTrace   *trace,
                                      const char *text,
                                      gint64     *first,
                                      gint64     *last);
/* Running as the interpreter sees it: on a core or preempted by the OS
 * (the sampler tells `ready` from `running`). */
#define ILV_TEST_RUNNING ((1u << ILV_STATE_RUNNING) | (1u << ILV_STATE_READY))
/* Longest time two worker lanes of `process` were both in a state of
 * `states` (a mask of 1 << IlvState). */
gint64    ilv_test_max_overlap       (IlvTrace   *trace,
                                      guint       process,
                                      guint       states);
/* Share of the union of the lanes' time in `states` covered by at least
 * two lanes at once (0: one after another, 1: all together). */
double    ilv_test_overlap_share     (IlvTrace   *trace,
                                      guint       states);
/* Time during which at least two worker lanes were in a state of `states`. */
gint64    ilv_test_overlap_time      (IlvTrace   *trace,
                                      guint       states);
/* Most worker lanes in a state of `states` at one time. */
guint     ilv_test_max_concurrency   (IlvTrace   *trace,
                                      guint       states);
/* Time the lane spent in any state of `states`. */
gint64    ilv_test_states_time       (IlvTrace   *trace,
                                      guint       lane,
                                      guint       states);
guint     ilv_test_n_cpus            (void);

G_END_DECLS
