/* ilv-scenario-panel-structure.c: adding, removing and renaming the
 * scenario's worker groups, pools and resources from the side panel
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fields edit keys, as overrides on top of the panel's base scenario. A
 * structural edit instead makes a new base: the edited scenario with a
 * section added, removed or renamed (ilv-scenario-edit.h), from which the
 * cards are built again.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ilv-scenario-edit.h"
#include "ilv-scenario-panel-private.h"

/* A parser message without "SOURCE:LINE: ", which says nothing here. */
static const char *
without_source (IlvScenarioPanel *self,
                const char       *message)
{
  const char *source = self->base->source;

  if (source == NULL || !g_str_has_prefix (message, source))
    return message;
  message += strlen (source);
  if (*message == ':')
    message++;
  while (g_ascii_isdigit (*message))
    message++;
  while (*message == ':' || *message == ' ')
    message++;
  return message;
}

static void
show_card_error (IlvScenarioPanel *self,
                 const char       *header,
                 const char       *message)
{
  GtkLabel *label = g_hash_table_lookup (self->messages, header);

  if (label == NULL)
    return;
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
show_add_error (IlvScenarioPanel *self,
                GError           *error)
{
  g_autofree char *message = g_strdup_printf (_("Not added: %s"), without_source (self, error->message));

  gtk_label_set_label (self->add_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->add_error), TRUE);
}

/* Once the new card has its place, the panel scrolls to show all of it;
 * the cards above may take a few frames to settle their heights, so this
 * follows the card until it stays where it is. */
typedef struct
{
  IlvScenarioPanel *self;
  double            last_top;
  guint             frames;
} Reveal;

static gboolean
reveal_card_cb (GtkWidget     *entry,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Reveal *reveal = user_data;
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (reveal->self->scroller);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  GtkWidget *viewport = gtk_scrolled_window_get_child (scroller);
  GtkWidget *card = gtk_widget_get_ancestor (entry, GTK_TYPE_FRAME);
  graphene_rect_t bounds;
  double top;

  if (gtk_widget_get_width (entry) == 0)
    return G_SOURCE_CONTINUE;
  /* In the viewport's coordinates, which start at the scrolled-to value. */
  if (card == NULL || viewport == NULL || !gtk_widget_compute_bounds (card, viewport, &bounds))
    return G_SOURCE_REMOVE;
  top = gtk_adjustment_get_value (adjustment) + bounds.origin.y;
  gtk_adjustment_clamp_page (adjustment, top, top + bounds.size.height);
  if (top == reveal->last_top || ++reveal->frames >= 10)
    return G_SOURCE_REMOVE;
  reveal->last_top = top;
  return G_SOURCE_CONTINUE;
}

/* The new or renamed section's structure becomes the panel's, and its Name
 * takes the focus, ready to rename, its card in view. */
static void
apply_and_focus (IlvScenarioPanel *self,
                 IlvScenario      *edited,
                 const char       *header)
{
  IlvScenarioField *name;
  GtkWidget *entry;
  Reveal *reveal;

  ilv_scenario_panel_apply_structure (self, edited);
  name = ilv_scenario_panel_find_in (self->names, header, "Name");
  if (name == NULL)
    return;
  entry = ilv_scenario_field_get_input (name);
  gtk_widget_grab_focus (entry);
  reveal = g_new0 (Reveal, 1);
  reveal->self = self;
  reveal->last_top = -1;
  gtk_widget_add_tick_callback (entry, reveal_card_cb, reveal, g_free);
}

static void
add_workers_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  IlvScenarioPanel *self = ILV_SCENARIO_PANEL (widget);
  gboolean pool = g_str_equal (action_name, "panel.add-pool");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *header = NULL;
  IlvScenario *edited;

  if (self->scenario == NULL)
    return;
  if (pool)
    edited = ilv_scenario_add_pool (self->scenario, &name, &error);
  else
    edited = ilv_scenario_add_workers (self->scenario, &name, &error);
  if (edited == NULL)
    {
      show_add_error (self, error);
      return;
    }
  header = g_strconcat (pool ? "Pool " : "Workers ", name, NULL);
  apply_and_focus (self, edited, header);
}

static void
add_resource_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  IlvScenarioPanel *self = ILV_SCENARIO_PANEL (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  IlvScenario *edited;

  if (self->scenario == NULL)
    return;
  for (guint k = 0; k < ILV_N_RESOURCE_KINDS; k++)
    if (g_str_equal (kind, ilv_resource_kind_to_string (k)))
      {
        g_autofree char *name = NULL;
        g_autofree char *header = NULL;

        edited = ilv_scenario_add_resource (self->scenario, k, &name, &error);
        if (edited == NULL)
          {
            show_add_error (self, error);
            return;
          }
        header = g_strdup_printf ("%s %s", kind, name);
        apply_and_focus (self, edited, header);
        return;
      }
}

/* The index of the resource that `header` names, or -1 for workers. */
static gint
find_resource_section (IlvScenario *scenario,
                       const char  *header)
{
  for (guint i = 0; i < scenario->resources->len; i++)
    {
      const IlvResource *r = g_ptr_array_index (scenario->resources, i);
      g_autofree char *h = g_strdup_printf ("%s %s", ilv_resource_kind_to_string (r->kind), r->name);

      if (g_str_equal (h, header))
        return (gint) i;
    }
  return -1;
}

/* A resource still used by a program stays, with a message saying where;
 * so does the last group of workers, with the parser's words. */
static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  IlvScenarioPanel *self = ILV_SCENARIO_PANEL (widget);
  const char *header = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  IlvScenario *edited;
  const char *user = NULL;
  gint resource;

  if (self->scenario == NULL)
    return;
  resource = find_resource_section (self->scenario, header);
  if (resource >= 0)
    user = ilv_scenario_resource_user (self->scenario, resource);
  if (user != NULL)
    {
      const IlvResource *r = g_ptr_array_index (self->scenario->resources, resource);
      g_autofree char *message =
        g_strdup_printf (_("%s is used by the program of “%s”; remove it there first"), r->name, user);

      show_card_error (self, header, message);
      return;
    }

  edited = ilv_scenario_remove_section (self->scenario, header, &error);
  if (edited == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Not removed: %s"), without_source (self, error->message));

      show_card_error (self, header, message);
      return;
    }
  ilv_scenario_panel_apply_structure (self, edited);
}

/* Renames the field's section to what its Name says; on Enter the Name
 * keeps the focus, while a rename on leaving it lets the focus go on. */
static void
commit_name (IlvScenarioPanel *self,
             IlvScenarioField *field,
             gboolean          keep_focus)
{
  const char *header = ilv_scenario_field_get_section (field);
  g_autofree char *name = ilv_scenario_field_get_value (field);
  g_autofree char *renamed = NULL;
  g_autoptr(GError) error = NULL;
  const char *space = strchr (header, ' ');
  IlvScenario *edited;

  g_assert (space != NULL);
  if (g_str_equal (space + 1, name))
    {
      ilv_scenario_field_set_error (field, NULL);
      return;
    }
  if (self->scenario == NULL)
    {
      ilv_scenario_field_set_error (field, _("Fix the error in the fields first, then rename"));
      return;
    }
  edited = ilv_scenario_rename_section (self->scenario, header, name, &error);
  if (edited == NULL)
    {
      ilv_scenario_field_set_error (field, without_source (self, error->message));
      return;
    }
  renamed = g_strdup_printf ("%.*s %s", (int) (space - header), header, name);
  if (keep_focus)
    apply_and_focus (self, edited, renamed);
  else
    ilv_scenario_panel_apply_structure (self, edited);
}

static void
name_activate_cb (GtkEntry         *entry,
                  IlvScenarioPanel *self)
{
  for (guint i = 0; i < self->names->len; i++)
    if (ilv_scenario_field_get_input (g_ptr_array_index (self->names, i)) == GTK_WIDGET (entry))
      {
        commit_name (self, g_ptr_array_index (self->names, i), TRUE);
        return;
      }
}

/* Leaving the Name renames too, once the focus has moved: renaming builds
 * the cards again, the entry among them. */
typedef struct
{
  IlvScenarioPanel *self;
  char             *header;
} PendingName;

static void
pending_name_free (PendingName *pending)
{
  g_object_unref (pending->self);
  g_free (pending->header);
  g_free (pending);
}

static gboolean
commit_name_idle (gpointer user_data)
{
  PendingName *pending = user_data;
  IlvScenarioField *field = NULL;

  if (pending->self->names != NULL)
    field = ilv_scenario_panel_find_in (pending->self->names, pending->header, "Name");
  if (field != NULL)
    commit_name (pending->self, field, FALSE);
  return G_SOURCE_REMOVE;
}

static void
name_leave_cb (GtkEventControllerFocus *controller,
               IlvScenarioPanel        *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  PendingName *pending;

  for (guint i = 0; i < self->names->len; i++)
    if (ilv_scenario_field_get_input (g_ptr_array_index (self->names, i)) == entry)
      {
        pending = g_new0 (PendingName, 1);
        pending->self = g_object_ref (self);
        pending->header = g_strdup (ilv_scenario_field_get_section (g_ptr_array_index (self->names, i)));
        g_idle_add_full (G_PRIORITY_DEFAULT, commit_name_idle, pending, (GDestroyNotify) pending_name_free);
        return;
      }
}

static const char * const structure_actions[] = {
  "panel.add-workers", "panel.add-pool", "panel.add-resource", "panel.remove",
};

/* Sections are added and removed only from a scenario that parses: the
 * buttons say so while a field is wrong. */
void
ilv_scenario_panel_update_structure (IlvScenarioPanel *self)
{
  gboolean valid = self->scenario != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (structure_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), structure_actions[i], valid);
  for (guint i = 0; i < self->structure->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->structure, i);

      gtk_widget_set_tooltip_text (button, valid ? g_object_get_data (G_OBJECT (button), "ilv-tooltip")
                                                 : _("Fix the error in the fields first"));
    }
}

static void
add_structure_button (IlvScenarioPanel *self,
                      GtkWidget        *button,
                      const char       *tooltip)
{
  g_object_set_data_full (G_OBJECT (button), "ilv-tooltip", g_strdup (tooltip), g_free);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_ptr_array_add (self->structure, button);
}

static GtkWidget *
create_remove_button (IlvScenarioPanel *self,
                      const char       *section,
                      const char       *name)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *label = g_strdup_printf (_("Remove %s"), name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "panel.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", section);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  add_structure_button (self, button, label);
  return button;
}

/* The Name of a card's section: renamed on Enter or when the focus leaves. */
static void
add_name (IlvScenarioPanel *self,
          GtkBox           *group,
          const char       *section,
          const char       *name)
{
  IlvScenarioField *field = ilv_scenario_field_new (ILV_FIELD_TEXT, section, "Name", _("Name"),
                                                    name, NULL, NULL);
  GtkWidget *entry = ilv_scenario_field_get_input (field);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
  gtk_widget_set_tooltip_text (entry, _("Press Enter to rename; the programs follow the new name"));
  g_signal_connect (entry, "activate", G_CALLBACK (name_activate_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (name_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  gtk_box_append (group, ilv_scenario_field_get_widget (field));
  g_ptr_array_add (self->names, field);
}

GtkLabel *
ilv_scenario_panel_create_message (void)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  return label;
}

static GtkWidget *
create_add_button (IlvScenarioPanel *self,
                   const char       *label,
                   const char       *action,
                   const char       *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  add_structure_button (self, button, tooltip);
  return button;
}

void
ilv_scenario_panel_add_workers_buttons (IlvScenarioPanel *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (row),
                  create_add_button (self, _("Add _Worker Group"), "panel.add-workers",
                                     _("Add a thread that computes for 10 ms; change its kind, count and program in its card")));
  gtk_box_append (GTK_BOX (row),
                  create_add_button (self, _("Add _Pool"), "panel.add-pool",
                                     _("Add a pool of two threads running four tasks, like Pool.map")));
  gtk_box_append (self->settings, row);
}

void
ilv_scenario_panel_add_resource_button (IlvScenarioPanel *self)
{
  static const IlvResourceKind kinds[] = {
    ILV_RESOURCE_LOCK, ILV_RESOURCE_SEMAPHORE, ILV_RESOURCE_VALUE, ILV_RESOURCE_ARRAY,
    ILV_RESOURCE_QUEUE, ILV_RESOURCE_EVENT, ILV_RESOURCE_BARRIER, ILV_RESOURCE_PIPE,
  };
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (ilv_scenario_panel_kind_label (kinds[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "panel.add-resource",
                                               g_variant_new_string (ilv_resource_kind_to_string (kinds[i])));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Add _Resource"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  add_structure_button (self, button, _("Add a lock, a shared value, a queue… with a name of its own"));
  gtk_box_append (self->settings, button);
}

/* What a card of a section starts with: what it is and a button that
 * removes it, a line for why it could not be, then its Name. */
void
ilv_scenario_panel_add_card_header (IlvScenarioPanel *self,
                                    GtkBox           *card,
                                    const char       *section,
                                    const char       *name,
                                    const char       *what)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *kind = gtk_label_new (what);
  GtkLabel *message = ilv_scenario_panel_create_message ();

  gtk_widget_add_css_class (kind, "name");
  gtk_label_set_ellipsize (GTK_LABEL (kind), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_widget_set_hexpand (kind, TRUE);
  gtk_box_append (GTK_BOX (header), kind);
  gtk_box_append (GTK_BOX (header), create_remove_button (self, section, name));
  gtk_box_append (card, header);
  gtk_box_append (card, GTK_WIDGET (message));
  g_hash_table_insert (self->messages, g_strdup (section), message);
  add_name (self, card, section, name);
}

void
ilv_scenario_panel_install_structure_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "panel.add-workers", NULL, add_workers_activated);
  gtk_widget_class_install_action (widget_class, "panel.add-pool", NULL, add_workers_activated);
  gtk_widget_class_install_action (widget_class, "panel.add-resource", "s", add_resource_activated);
  gtk_widget_class_install_action (widget_class, "panel.remove", "s", remove_activated);
}
