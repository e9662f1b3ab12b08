/* ilv-scenario-scale.h: a scenario slowed down so that a run can be followed by eye
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-scenario.h"

G_BEGIN_DECLS

#define ILV_SCENARIO_MAX_SCALE 100

/* A copy of `scenario` with every duration multiplied by `factor`
 * (1–ILV_SCENARIO_MAX_SCALE): compute and sleep steps, StartAt,
 * TerminateAt and the GIL switch interval. The timeout grows too but
 * stays within its limit. Fails (ILV_SCENARIO_ERROR_LIMIT) when a
 * stretched duration is beyond what a scenario may hold. */
IlvScenario *ilv_scenario_scale_durations (const IlvScenario *scenario,
                                           guint              factor,
                                           GError           **error);

G_END_DECLS
