/* ilv-scenario-field.c: one editable key of a scenario, with its inline error
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-scenario-field.h"

#include <string.h>

/* Wide enough that every limit of the parser can be crossed and shown. */
#define NUMBER_MAX 1000000

struct _IlvScenarioField
{
  IlvFieldKind             kind;
  char                    *section;
  char                    *key;
  char                   **choices;
  GtkWidget               *box;      /* owned: a reference held until free */
  GtkWidget               *input;
  GtkWidget               *marked;   /* what carries the "error" class */
  GtkLabel                *error;
  IlvScenarioFieldChanged  changed;
  gpointer                 changed_data;
};

static void
emit_changed (IlvScenarioField *self)
{
  if (self->changed != NULL)
    self->changed (self, self->changed_data);
}

static void
editable_changed_cb (GtkEditable      *editable,
                     IlvScenarioField *self)
{
  emit_changed (self);
}

static void
notify_cb (GObject          *object,
           GParamSpec       *pspec,
           IlvScenarioField *self)
{
  emit_changed (self);
}

static void
buffer_changed_cb (GtkTextBuffer    *buffer,
                   IlvScenarioField *self)
{
  emit_changed (self);
}

static GtkWidget *
create_number (const char *value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, NUMBER_MAX, 1);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), g_ascii_strtod (value, NULL));
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  return spin;
}

static GtkWidget *
create_choice (IlvScenarioField   *self,
               const char         *value,
               const char * const *labels)
{
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (labels);
  guint selected = 0;

  for (guint i = 0; self->choices[i] != NULL; i++)
    if (g_strcmp0 (self->choices[i], value) == 0)
      selected = i;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  return dropdown;
}

static gboolean
resize_program_idle (gpointer data)
{
  GtkWidget *view = data;

  gtk_widget_queue_resize (view);
  g_object_unref (view);
  return G_SOURCE_REMOVE;
}

/* GTK 4.8's text view learns its text's height while it is being
 * allocated, and the resize it queues then is lost: a program field
 * added to a panel already on screen stayed one line of nothing tall
 * until something else laid the panel out again. Asked once more after
 * that first layout, it takes the height of its text. */
static void
program_mapped_cb (GtkWidget *view)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, resize_program_idle, g_object_ref (view), NULL);
}

static GtkWidget *
create_program (IlvScenarioField *self,
                const char       *value)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "program");
  gtk_text_buffer_set_text (buffer, value, -1);
  g_signal_connect (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);
  g_signal_connect (view, "map", G_CALLBACK (program_mapped_cb), NULL);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  self->marked = frame;
  return view;
}

static GtkWidget *
create_input (IlvScenarioField   *self,
              const char         *value,
              const char * const *labels)
{
  GtkWidget *input = NULL;

  switch (self->kind)
    {
    case ILV_FIELD_SWITCH:
      input = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (input), g_strcmp0 (value, "true") == 0);
      gtk_widget_set_valign (input, GTK_ALIGN_CENTER);
      g_signal_connect (input, "notify::active", G_CALLBACK (notify_cb), self);
      break;
    case ILV_FIELD_NUMBER:
      input = create_number (value);
      g_signal_connect (input, "changed", G_CALLBACK (editable_changed_cb), self);
      break;
    case ILV_FIELD_TEXT:
      input = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (input), value);
      gtk_editable_set_width_chars (GTK_EDITABLE (input), 8);
      g_signal_connect (input, "changed", G_CALLBACK (editable_changed_cb), self);
      break;
    case ILV_FIELD_CHOICE:
      input = create_choice (self, value, labels);
      g_signal_connect (input, "notify::selected", G_CALLBACK (notify_cb), self);
      break;
    case ILV_FIELD_PROGRAM:
      input = create_program (self, value);
      break;
    default:
      g_assert_not_reached ();
    }

  return input;
}

static GtkWidget *
create_title (const char *title,
              GtkWidget  *input)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), input);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  return label;
}

static void
build_box (IlvScenarioField *self,
           const char       *title)
{
  GtkWidget *label = create_title (title, self->input);
  GtkWidget *row;

  self->box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  gtk_widget_add_css_class (self->box, "field");

  /* A program needs the width; everything else sits beside its title. */
  row = gtk_box_new (self->kind == ILV_FIELD_PROGRAM ? GTK_ORIENTATION_VERTICAL
                                                     : GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), self->marked != NULL ? self->marked : self->input);
  gtk_box_append (GTK_BOX (self->box), row);

  self->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error, 0);
  gtk_label_set_wrap (self->error, TRUE);
  gtk_label_set_wrap_mode (self->error, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (self->error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->error));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->input),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error, NULL,
                                  -1);
}

/**
 * ilv_scenario_field_new:
 *
 * Returns: (transfer full): a field; free with ilv_scenario_field_free()
 */
IlvScenarioField *
ilv_scenario_field_new (IlvFieldKind        kind,
                        const char         *section,
                        const char         *key,
                        const char         *title,
                        const char         *value,
                        const char * const *choices,
                        const char * const *labels)
{
  IlvScenarioField *self;

  g_return_val_if_fail (section != NULL && key != NULL && title != NULL, NULL);
  g_return_val_if_fail ((kind == ILV_FIELD_CHOICE) == (choices != NULL && labels != NULL), NULL);

  self = g_new0 (IlvScenarioField, 1);
  self->kind = kind;
  self->section = g_strdup (section);
  self->key = g_strdup (key);
  self->choices = g_strdupv ((char **) choices);
  self->input = create_input (self, value != NULL ? value : "", labels);
  build_box (self, title);
  return self;
}

void
ilv_scenario_field_free (IlvScenarioField *self)
{
  if (self == NULL)
    return;

  /* The widgets may outlive the field inside a container being torn down:
   * cut their signals to it first. */
  if (self->kind == ILV_FIELD_PROGRAM)
    g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->input)), self);
  else
    g_signal_handlers_disconnect_by_data (self->input, self);
  g_clear_object (&self->box);
  g_free (self->section);
  g_free (self->key);
  g_strfreev (self->choices);
  g_free (self);
}

void
ilv_scenario_field_set_changed_func (IlvScenarioField        *self,
                                     IlvScenarioFieldChanged  func,
                                     gpointer                 user_data)
{
  g_return_if_fail (self != NULL);

  self->changed = func;
  self->changed_data = user_data;
}

GtkWidget *
ilv_scenario_field_get_widget (IlvScenarioField *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->box;
}

GtkWidget *
ilv_scenario_field_get_input (IlvScenarioField *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->input;
}

const char *
ilv_scenario_field_get_section (IlvScenarioField *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->section;
}

const char *
ilv_scenario_field_get_key (IlvScenarioField *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->key;
}

char *
ilv_scenario_field_get_value (IlvScenarioField *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  guint selected;

  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case ILV_FIELD_SWITCH:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (self->input)) ? "true" : "false");
    case ILV_FIELD_NUMBER:
    case ILV_FIELD_TEXT:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->input)));
    case ILV_FIELD_CHOICE:
      selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->input));
      return g_strdup (selected < g_strv_length (self->choices) ? self->choices[selected] : "");
    case ILV_FIELD_PROGRAM:
      buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->input));
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    default:
      g_assert_not_reached ();
    }
}

void
ilv_scenario_field_set_value (IlvScenarioField *self,
                              const char       *value)
{
  GtkTextBuffer *buffer;
  guint selected = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL);

  switch (self->kind)
    {
    case ILV_FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (self->input), g_str_equal (value, "true"));
      break;
    case ILV_FIELD_NUMBER:
    case ILV_FIELD_TEXT:
      gtk_editable_set_text (GTK_EDITABLE (self->input), value);
      break;
    case ILV_FIELD_CHOICE:
      for (guint i = 0; self->choices[i] != NULL; i++)
        if (g_str_equal (self->choices[i], value))
          selected = i;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->input), selected);
      break;
    case ILV_FIELD_PROGRAM:
      /* Replacing the text deletes, then inserts: one change, not two. */
      buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->input));
      g_signal_handlers_block_by_func (buffer, buffer_changed_cb, self);
      gtk_text_buffer_set_text (buffer, value, -1);
      g_signal_handlers_unblock_by_func (buffer, buffer_changed_cb, self);
      emit_changed (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
ilv_scenario_field_get_override (IlvScenarioField *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  value = ilv_scenario_field_get_value (self);
  return g_strdup_printf ("%s:%s=%s", self->section, self->key, value);
}

/* After "[SECTION]", the key and what follows it; NULL when the key is not there. */
static const char *
skip_key (const char *rest,
          const char *key)
{
  gsize len = strlen (key);

  if (rest[0] != ' ' || strncmp (rest + 1, key, len) != 0)
    return NULL;
  rest += 1 + len;
  if (*rest != ',' && *rest != ':' && *rest != ' ')
    return NULL;   /* "Count" must not match "Counts" */
  return rest;
}

char *
ilv_scenario_field_match_error (IlvScenarioField *self,
                                const char       *message,
                                gboolean          whole_section)
{
  g_autofree char *where = NULL;
  const char *from_set = _(" (from --set)");
  const char *found;
  const char *after_key;
  GString *rest;
  char *cut;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  /* Messages read "SOURCE:LINE: [SECTION] KEY, column C (from --set): what";
   * keep "column C: what", or just "what". */
  where = g_strdup_printf ("[%s]", self->section);
  found = strstr (message, where);
  if (found == NULL)
    return NULL;
  found += strlen (where);
  after_key = skip_key (found, self->key);
  if (after_key == NULL && !whole_section)
    return NULL;

  rest = g_string_new (after_key != NULL ? after_key : found);
  if ((cut = strstr (rest->str, from_set)) != NULL)
    g_string_erase (rest, cut - rest->str, strlen (from_set));
  while (rest->len > 0 && strchr (", :", rest->str[0]) != NULL)
    g_string_erase (rest, 0, 1);
  return g_string_free (rest, FALSE);
}

void
ilv_scenario_field_set_error (IlvScenarioField *self,
                              const char       *message)
{
  GtkWidget *marked;

  g_return_if_fail (self != NULL);

  marked = self->marked != NULL ? self->marked : self->input;
  gtk_label_set_label (self->error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (marked, "error");
  else
    gtk_widget_remove_css_class (marked, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

const char *
ilv_scenario_field_get_error (IlvScenarioField *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error)))
    return NULL;
  return gtk_label_get_label (self->error);
}
