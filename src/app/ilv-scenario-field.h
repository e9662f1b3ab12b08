/* ilv-scenario-field.h: one editable key of a scenario, with its inline error
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  ILV_FIELD_SWITCH,   /* true / false */
  ILV_FIELD_NUMBER,   /* a spin button; its text is the value, so "" or 0 reach the parser */
  ILV_FIELD_TEXT,     /* a one-line entry, such as a duration */
  ILV_FIELD_CHOICE,   /* a drop-down of fixed values */
  ILV_FIELD_PROGRAM,  /* a step program: monospace, several lines */
} IlvFieldKind;

typedef struct _IlvScenarioField IlvScenarioField;

typedef void (*IlvScenarioFieldChanged) (IlvScenarioField *field,
                                         gpointer          user_data);

/* A field for `[SECTION] KEY` showing `value`. For ILV_FIELD_CHOICE,
 * `choices` are the key's values and `labels` what the drop-down shows
 * (both NULL-terminated, the same length); NULL otherwise. */
IlvScenarioField *ilv_scenario_field_new         (IlvFieldKind             kind,
                                                  const char              *section,
                                                  const char              *key,
                                                  const char              *title,
                                                  const char              *value,
                                                  const char * const      *choices,
                                                  const char * const      *labels);
void              ilv_scenario_field_free        (IlvScenarioField        *self);

void              ilv_scenario_field_set_changed_func (IlvScenarioField        *self,
                                                       IlvScenarioFieldChanged  func,
                                                       gpointer                 user_data);

/* The widget to pack: title, input and the error line under it. */
GtkWidget        *ilv_scenario_field_get_widget  (IlvScenarioField        *self);
/* The input itself (the entry, spin button, switch, drop-down or text view). */
GtkWidget        *ilv_scenario_field_get_input   (IlvScenarioField        *self);
const char       *ilv_scenario_field_get_section (IlvScenarioField        *self);
const char       *ilv_scenario_field_get_key     (IlvScenarioField        *self);
char             *ilv_scenario_field_get_value   (IlvScenarioField        *self);
/* Shows `value` as if it had been typed or chosen (the changed function
 * runs once if the value changes). A choice that is not one of the
 * field's values picks the first. */
void              ilv_scenario_field_set_value   (IlvScenarioField        *self,
                                                  const char              *value);
/* "SECTION:KEY=VALUE", as ilv_scenario_new_from_data() takes it. */
char             *ilv_scenario_field_get_override (IlvScenarioField       *self);

/* If a parser message is about this field (or, with `whole_section`,
 * about its section), the part of it that says what is wrong (without
 * the file, section and key); else NULL. */
char             *ilv_scenario_field_match_error (IlvScenarioField        *self,
                                                  const char              *message,
                                                  gboolean                 whole_section);
/* Shows `message` under the input and marks both as an error; NULL clears. */
void              ilv_scenario_field_set_error   (IlvScenarioField        *self,
                                                  const char              *message);
const char       *ilv_scenario_field_get_error   (IlvScenarioField        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvScenarioField, ilv_scenario_field_free)

G_END_DECLS
