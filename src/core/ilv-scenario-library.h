/* ilv-scenario-library.h: the built-in scenarios compiled into the GResource
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-scenario.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;           /* file name without ".scenario": what `interleave run ID` takes */
  char *name;         /* [Scenario] Name */
  char *summary;      /* first sentence of the Description */
  char *topic;        /* [Scenario] Topic */
} IlvScenarioInfo;

void          ilv_scenario_info_free     (IlvScenarioInfo    *info);

/* The built-ins in course order (grouped by topic), IlvScenarioInfo*. */
GPtrArray    *ilv_scenario_library_list  (void);
IlvScenario  *ilv_scenario_library_load  (const char         *id,
                                          const char * const *overrides,
                                          GError            **error);
/* A path if such a file exists, else a built-in id; else an error that
 * says neither exists and points at `interleave --list`. */
IlvScenario  *ilv_scenario_load          (const char         *path_or_id,
                                          const char * const *overrides,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvScenarioInfo, ilv_scenario_info_free)

G_END_DECLS
