/* ilv-scenario-panel-private.h: what the scenario panel's parts share
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-scenario-field.h"
#include "ilv-scenario-panel.h"

G_BEGIN_DECLS

struct _IlvScenarioPanel
{
  GtkWidget    parent_instance;

  GtkWidget   *scroller;
  GtkLabel    *title;
  GtkLabel    *notes;
  GtkWidget   *placeholder;
  GtkBox      *settings;
  GtkWidget   *reset_button;

  IlvScenario *origin;     /* as loaded: Undo All Edits goes back to it */
  IlvScenario *base;       /* its sections now; field edits are overrides on top */
  IlvScenario *scenario;   /* the edited one, NULL while a field is wrong */
  GPtrArray   *fields;     /* IlvScenarioField*: the keys of the sections */
  GPtrArray   *names;      /* IlvScenarioField*: each card's Name, renamed on Enter */
  GPtrArray   *holds;      /* IlvScenarioField*: the lock held around each program */
  GPtrArray   *structure;  /* GtkWidget*: the buttons that add and remove sections */
  GHashTable  *messages;   /* section → GtkLabel*: why a card could not be removed */
  GtkLabel    *add_error;  /* why a section could not be added */
  gboolean     syncing;    /* a hold choice follows its program: not an edit */
};

/* ilv-scenario-panel.c */
IlvScenarioField *ilv_scenario_panel_find_in                   (GPtrArray          *fields,
                                                                const char         *section,
                                                                const char         *key);
const char       *ilv_scenario_panel_kind_label                (IlvResourceKind     kind);
void              ilv_scenario_panel_apply_structure           (IlvScenarioPanel   *self,
                                                                IlvScenario        *edited);

/* ilv-scenario-panel-structure.c */
void              ilv_scenario_panel_install_structure_actions (GtkWidgetClass     *widget_class);
void              ilv_scenario_panel_update_structure          (IlvScenarioPanel   *self);
GtkLabel         *ilv_scenario_panel_create_message            (void);
void              ilv_scenario_panel_add_card_header           (IlvScenarioPanel   *self,
                                                                GtkBox             *card,
                                                                const char         *section,
                                                                const char         *name,
                                                                const char         *what);
void              ilv_scenario_panel_add_workers_buttons       (IlvScenarioPanel   *self);
void              ilv_scenario_panel_add_resource_button       (IlvScenarioPanel   *self);

G_END_DECLS
