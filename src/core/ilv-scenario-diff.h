/* ilv-scenario-diff.h: what an edited scenario changed, in a few words
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-scenario.h"

G_BEGIN_DECLS

/* A short line saying how `edited` differs from `original`, in the
 * scenario file's own spelling, such as "GIL=false" or
 * "increase: Kind=process; added Lock lock2", or for a program that only
 * took a lock around itself "increase: with db_lock { … }": what a
 * comparison of two runs needs to tell them apart. The name, topic and
 * description are left out. Returns NULL when nothing else differs. */
char *ilv_scenario_describe_changes (const IlvScenario *original,
                                     const IlvScenario *edited);

G_END_DECLS
