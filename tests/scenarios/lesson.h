/* lesson.h: helpers for the tests that check each built-in scenario's lesson
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-engine-test.h"
#include "ilv-json-reader.h"

G_BEGIN_DECLS

/* Runs the built-in scenario `id` (once per test program: later calls
 * return the same trace) and asserts that it ended the way `reason` says. */
IlvTrace   *lesson_run                (const char    *id,
                                       IlvStopReason  reason);
/* Runs it afresh, with `overrides` (NULL-terminated "SECTION:KEY=VALUE"). */
IlvTrace   *lesson_run_with           (const char         *id,
                                       const char * const *overrides,
                                       IlvStopReason       reason);
IlvSummary *lesson_summary            (const char    *id,
                                       IlvStopReason  reason);
/* Lanes of worker group (or pool) `group`, as lane numbers. */
GArray     *lesson_group_lanes        (IlvTrace      *trace,
                                       const char    *group);
/* Sum over the group's lanes of the time in the states of the mask. */
double      lesson_group_ms           (IlvTrace      *trace,
                                       const char    *group,
                                       guint          states);
/* The group's time in the states of `part` over its time in `whole`. */
double      lesson_group_share        (IlvTrace      *trace,
                                       const char    *group,
                                       guint          part,
                                       guint          whole);
/* How long each worker held the GIL of `process` before it went to
 * another worker (ms), sorted: one entry per hand-off. */
GArray     *lesson_gil_holds          (IlvTrace      *trace,
                                       guint          process);
/* The q-quantile (0..1) of a sorted array of doubles. */
double      lesson_quantile           (GArray        *sorted,
                                       double         q);
/* Most worker lanes of the group in a state of `states` at one time. */
guint       lesson_group_concurrency  (IlvTrace      *trace,
                                       const char    *group,
                                       guint          states);
/* Most lanes holding the lock or semaphore `resource` at one time. */
guint       lesson_max_holders        (IlvTrace      *trace,
                                       const char    *resource);
/* The lane's spans in `state`, in order (IlvSpan). */
GArray     *lesson_lane_spans         (IlvTrace      *trace,
                                       guint          lane,
                                       IlvState       state);
const IlvValueSummary *lesson_value   (IlvSummary    *summary,
                                       const char    *name);
const IlvLockSummary  *lesson_lock    (IlvSummary    *summary,
                                       const char    *name);
const IlvQueueSummary *lesson_queue   (IlvSummary    *summary,
                                       const char    *name);
/* Time-weighted mean of a resource's counter (queue depth, value) from
 * its first point to the end of the run. */
double      lesson_counter_mean       (IlvTrace      *trace,
                                       const char    *resource);
/* Times of the marks with `text`, in ms from the run's start, in order. */
GArray     *lesson_mark_times         (IlvTrace      *trace,
                                       const char    *text);

/* Cores this process can get right now: two threads spin for a while and
 * their CPU time is divided by the wall time (about 2 on an idle 2-core
 * machine, less when others keep the cores busy). */
double      lesson_free_cores         (void);
/* TRUE when at least 1.5 cores are free (probed once); otherwise says in
 * the test's output why a speed-up is not checked. */
gboolean    lesson_can_measure_speedup (void);

/* Runs tests/scenarios/python/SCRIPT with python3 and the arguments, and
 * returns the JSON object of its last output line. Marks the test case
 * skipped and returns NULL when python3 is not installed. */
IlvJsonNode *lesson_python            (const char    *script,
                                       ...) G_GNUC_NULL_TERMINATED;
double      lesson_json_double        (IlvJsonNode   *object,
                                       const char    *key);

/* For g_array_sort() of doubles. */
gint        lesson_compare_double     (gconstpointer  a,
                                       gconstpointer  b);

#define LESSON_MASK(s) (1u << (s))

G_END_DECLS
