/* ilv-scenario-edit.h: a scenario with a section added, removed or renamed
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-scenario.h"

G_BEGIN_DECLS

/* Each edit returns a new scenario, parsed and validated again, or NULL
 * with the parser's error; `self` is left as it was. A section is named by
 * its header text, such as "Workers increase" or "Lock db_lock". */

/* `stem`, or `stem2`, `stem3`…: the first that no resource, worker group
 * or pool of the scenario is called. */
char        *ilv_scenario_unique_name     (const IlvScenario  *self,
                                           const char         *stem);

/* A thread worker group with one worker that computes for 10 ms. */
IlvScenario *ilv_scenario_add_workers     (const IlvScenario  *self,
                                           char              **name,
                                           GError            **error);
/* A pool of two thread workers running four tasks of 10 ms. */
IlvScenario *ilv_scenario_add_pool        (const IlvScenario  *self,
                                           char              **name,
                                           GError            **error);
/* A resource of `kind` with a unique name and valid defaults. */
IlvScenario *ilv_scenario_add_resource    (const IlvScenario  *self,
                                           IlvResourceKind     kind,
                                           char              **name,
                                           GError            **error);
IlvScenario *ilv_scenario_remove_section  (const IlvScenario  *self,
                                           const char         *header,
                                           GError            **error);
/* Renames the section's resource, worker group or pool; the programs that
 * use a renamed resource are rewritten with the new name. */
IlvScenario *ilv_scenario_rename_section  (const IlvScenario  *self,
                                           const char         *header,
                                           const char         *name,
                                           GError            **error);

/* The worker group or pool whose program uses the resource `index` first,
 * or NULL when no program uses it. */
const char  *ilv_scenario_resource_user   (const IlvScenario  *self,
                                           guint               index);

G_END_DECLS
