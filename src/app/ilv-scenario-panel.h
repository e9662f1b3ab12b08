/* ilv-scenario-panel.h: the scenario as lecture notes and editable fields
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ilv-scenario.h"

G_BEGIN_DECLS

#define ILV_TYPE_SCENARIO_PANEL (ilv_scenario_panel_get_type ())

G_DECLARE_FINAL_TYPE (IlvScenarioPanel, ilv_scenario_panel, ILV, SCENARIO_PANEL, GtkWidget)

GtkWidget   *ilv_scenario_panel_new          (void);
/* The edited scenario when every field parses, else NULL. */
IlvScenario *ilv_scenario_panel_get_scenario (IlvScenarioPanel *self);
gboolean     ilv_scenario_panel_get_valid    (IlvScenarioPanel *self);
/* Shows `scenario` (nullable) unedited: this does not emit "changed". */
void         ilv_scenario_panel_set_scenario (IlvScenarioPanel *self,
                                              IlvScenario      *scenario);
/* The input of `[SECTION] KEY` ("Workers increase", "Count"), or NULL.
 * The key "Name" gives a card's name (renamed on Enter), "Hold" the choice
 * of a lock held around its program. */
GtkWidget   *ilv_scenario_panel_get_field    (IlvScenarioPanel *self,
                                              const char       *section,
                                              const char       *key);
/* The message shown under that field, or NULL when it has none; with a
 * NULL `key`, the card's message (why it was not removed). */
const char  *ilv_scenario_panel_get_error    (IlvScenarioPanel *self,
                                              const char       *section,
                                              const char       *key);

G_END_DECLS
