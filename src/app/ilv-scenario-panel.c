/* ilv-scenario-panel.c: the scenario as lecture notes and editable fields
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-duration.h"
#include "ilv-program-hold.h"
#include "ilv-scenario-panel-private.h"

enum {
  PROP_0,
  PROP_SCENARIO,
  PROP_VALID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (IlvScenarioPanel, ilv_scenario_panel, GTK_TYPE_WIDGET)

static const char * const worker_kinds[] = { "thread", "process", "async", NULL };
static const char * const pool_kinds[] = { "thread", "process", NULL };

static void
show_error (IlvScenarioPanel *self,
            IlvScenarioField *edited,
            const char       *message)
{
  IlvScenarioField *shown = NULL;

  for (guint i = 0; i < self->fields->len; i++)
    {
      IlvScenarioField *field = g_ptr_array_index (self->fields, i);
      g_autofree char *what = message != NULL ? ilv_scenario_field_match_error (field, message, FALSE) : NULL;

      ilv_scenario_field_set_error (field, shown == NULL ? what : NULL);
      if (what != NULL && shown == NULL)
        shown = field;
    }

  /* A message about the whole section (too many workers in all), or about
   * another part, still belongs to the edit that caused it. */
  if (message != NULL && shown == NULL && edited != NULL)
    {
      g_autofree char *what = ilv_scenario_field_match_error (edited, message, TRUE);

      ilv_scenario_field_set_error (edited, what != NULL ? what : message);
    }
}

static void rebuild (IlvScenarioPanel *self);

IlvScenarioField *
ilv_scenario_panel_find_in (GPtrArray  *fields,
         const char *section,
         const char *key)
{
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      IlvScenarioField *field = g_ptr_array_index (fields, i);

      if (g_str_equal (ilv_scenario_field_get_section (field), section) &&
          g_str_equal (ilv_scenario_field_get_key (field), key))
        return field;
    }
  return NULL;
}

static void
hide_message (gpointer key,
              gpointer label,
              gpointer unused)
{
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
}

static void
reparse (IlvScenarioPanel *self,
         IlvScenarioField *edited)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) overrides = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  IlvScenario *scenario;
  gboolean was_valid = self->scenario != NULL;
  gsize length = 0;

  for (guint i = 0; i < self->fields->len; i++)
    {
      g_autofree char *override = ilv_scenario_field_get_override (g_ptr_array_index (self->fields, i));

      g_strv_builder_add (builder, override);
    }
  overrides = g_strv_builder_end (builder);

  data = ilv_scenario_to_data (self->base, &length);
  scenario = ilv_scenario_new_from_data (data, length, self->base->source,
                                         (const char * const *) overrides, &error);
  if (scenario != NULL)
    {
      g_free (scenario->source);
      scenario->source = g_strdup (self->base->source);
    }

  g_clear_pointer (&self->scenario, ilv_scenario_unref);
  self->scenario = scenario;
  show_error (self, edited, error != NULL ? error->message : NULL);
  /* A card's message about an earlier removal or rename is out of date. */
  for (guint i = 0; i < self->names->len; i++)
    ilv_scenario_field_set_error (g_ptr_array_index (self->names, i), NULL);
  g_hash_table_foreach (self->messages, hide_message, NULL);
  gtk_widget_set_sensitive (self->reset_button, TRUE);
  ilv_scenario_panel_update_structure (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  if (was_valid != (scenario != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Back to the scenario as loaded: the fields are built again from it. */
static void
reset_clicked_cb (IlvScenarioPanel *self)
{
  g_autoptr(IlvScenario) origin = NULL;

  if (self->origin == NULL)
    return;

  origin = ilv_scenario_ref (self->origin);
  ilv_scenario_panel_set_scenario (self, origin);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The hold choice of a program shows the lock the program is wholly
 * inside, or None. */
static void
sync_hold (IlvScenarioPanel *self,
           IlvScenarioField *program)
{
  IlvScenarioField *hold = ilv_scenario_panel_find_in (self->holds, ilv_scenario_field_get_section (program), "Hold");
  g_autofree char *text = NULL;
  g_autofree char *held = NULL;

  if (hold == NULL)
    return;
  text = ilv_scenario_field_get_value (program);
  held = ilv_program_text_get_hold (text);
  self->syncing = TRUE;
  ilv_scenario_field_set_value (hold, held != NULL ? held : "");
  self->syncing = FALSE;
}

static void
field_changed_cb (IlvScenarioField *field,
                  gpointer          user_data)
{
  IlvScenarioPanel *self = ILV_SCENARIO_PANEL (user_data);

  reparse (self, field);
  if (g_str_equal (ilv_scenario_field_get_key (field), "Program"))
    sync_hold (self, field);
}

/* Choosing a lock rewrites the program, which reparses as any edit does. */
static void
hold_changed_cb (IlvScenarioField *hold,
                 gpointer          user_data)
{
  IlvScenarioPanel *self = ILV_SCENARIO_PANEL (user_data);
  IlvScenarioField *program = ilv_scenario_panel_find_in (self->fields, ilv_scenario_field_get_section (hold), "Program");
  g_autofree char *lock = NULL;
  g_autofree char *text = NULL;
  g_autofree char *held = NULL;

  if (self->syncing || program == NULL)
    return;
  lock = ilv_scenario_field_get_value (hold);
  text = ilv_scenario_field_get_value (program);
  held = ilv_program_text_set_hold (text, lock[0] != '\0' ? lock : NULL);
  ilv_scenario_field_set_value (program, held);
}

/* The new sections become the base the fields edit: the panel is built
 * again from them, and Run runs them. */
void
ilv_scenario_panel_apply_structure (IlvScenarioPanel *self,
                                    IlvScenario      *edited)
{
  gboolean was_valid = self->scenario != NULL;

  g_clear_pointer (&self->base, ilv_scenario_unref);
  g_clear_pointer (&self->scenario, ilv_scenario_unref);
  self->base = edited;
  self->scenario = ilv_scenario_ref (edited);
  rebuild (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  if (!was_valid)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_field (IlvScenarioPanel   *self,
           GtkBox             *group,
           IlvFieldKind        kind,
           const char         *section,
           const char         *key,
           const char         *title,
           const char         *value,
           const char * const *choices,
           const char * const *labels)
{
  IlvScenarioField *field = ilv_scenario_field_new (kind, section, key, title, value, choices, labels);

  ilv_scenario_field_set_changed_func (field, field_changed_cb, self);
  gtk_box_append (group, ilv_scenario_field_get_widget (field));
  g_ptr_array_add (self->fields, field);
}

static void
add_number (IlvScenarioPanel *self,
            GtkBox           *group,
            const char       *section,
            const char       *key,
            const char       *title,
            gint64            value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  add_field (self, group, ILV_FIELD_NUMBER, section, key, title, text, NULL, NULL);
}

static void
add_heading (IlvScenarioPanel *self,
             const char       *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (self->settings, label);
}

const char *
ilv_scenario_panel_kind_label (IlvResourceKind kind)
{
  switch (kind)
    {
    case ILV_RESOURCE_LOCK: return _("Lock");
    case ILV_RESOURCE_SEMAPHORE: return _("Semaphore");
    case ILV_RESOURCE_VALUE: return _("Shared value");
    case ILV_RESOURCE_ARRAY: return _("Shared array");
    case ILV_RESOURCE_QUEUE: return _("Queue");
    case ILV_RESOURCE_EVENT: return _("Event");
    case ILV_RESOURCE_BARRIER: return _("Barrier");
    case ILV_RESOURCE_PIPE: return _("Pipe");
    case ILV_N_RESOURCE_KINDS:
    default: g_return_val_if_reached ("");
    }
}

/* A card: for a section, its header and Name, then its fields; with no
 * section, just a box for fields. */
static GtkBox *
add_group (IlvScenarioPanel *self,
           const char       *section,
           const char       *name,
           const char       *what)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_widget_add_css_class (frame, "group");
  gtk_frame_set_child (GTK_FRAME (frame), box);
  gtk_box_append (self->settings, frame);
  if (section != NULL)
    ilv_scenario_panel_add_card_header (self, GTK_BOX (box), section, name, what);
  return GTK_BOX (box);
}

/* The choice of a lock or semaphore to hold around the whole program. */
static void
add_hold (IlvScenarioPanel *self,
          GtkBox           *group,
          const char       *section,
          const char       *program)
{
  g_autoptr(GStrvBuilder) choices = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) choice_list = NULL;
  g_auto(GStrv) label_list = NULL;
  g_autofree char *held = ilv_program_text_get_hold (program);
  IlvScenarioField *field;
  GtkWidget *input;
  guint n_locks = 0;

  g_strv_builder_add (choices, "");
  g_strv_builder_add (labels, C_("lock", "None"));
  for (guint i = 0; i < self->base->resources->len; i++)
    {
      const IlvResource *r = g_ptr_array_index (self->base->resources, i);

      if (r->kind != ILV_RESOURCE_LOCK && r->kind != ILV_RESOURCE_SEMAPHORE)
        continue;
      g_strv_builder_add (choices, r->name);
      g_strv_builder_add (labels, r->name);
      n_locks++;
    }
  choice_list = g_strv_builder_end (choices);
  label_list = g_strv_builder_end (labels);

  field = ilv_scenario_field_new (ILV_FIELD_CHOICE, section, "Hold", _("Hold a lock around the program"),
                                  held != NULL ? held : "",
                                  (const char * const *) choice_list, (const char * const *) label_list);
  input = ilv_scenario_field_get_input (field);
  gtk_widget_set_valign (input, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (input, n_locks > 0);
  gtk_widget_set_tooltip_text (input, n_locks > 0
                               ? _("Wraps the program in with LOCK { … }: one worker at a time runs it")
                               : _("Add a Lock or a Semaphore under Resources to choose it here"));
  ilv_scenario_field_set_changed_func (field, hold_changed_cb, self);
  gtk_box_append (group, ilv_scenario_field_get_widget (field));
  g_ptr_array_add (self->holds, field);
}

static void
add_interpreter (IlvScenarioPanel *self)
{
  g_autofree char *interval = ilv_duration_format (self->base->switch_interval_ns);
  GtkBox *group;

  add_heading (self, _("Interpreter"));
  group = add_group (self, NULL, NULL, NULL);
  add_field (self, group, ILV_FIELD_SWITCH, "Scenario", "GIL", _("Global interpreter lock (GIL)"),
             self->base->gil ? "true" : "false", NULL, NULL);
  add_field (self, group, ILV_FIELD_TEXT, "Scenario", "SwitchInterval", _("Switch interval"),
             interval, NULL, NULL);
}

/* When a group starts, is terminated, and whether it is a daemon: folded
 * away unless the scenario uses them. */
static void
add_timing (IlvScenarioPanel     *self,
            GtkBox               *group,
            const char           *section,
            const IlvWorkerGroup *g)
{
  g_autofree char *start = ilv_duration_format (g->start_at_ns);
  GtkWidget *expander = gtk_expander_new (_("Start, stop and daemon"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_widget_set_margin_top (box, 8);
  gtk_expander_set_child (GTK_EXPANDER (expander), box);
  gtk_expander_set_expanded (GTK_EXPANDER (expander),
                             g->daemon || g->start_at_ns > 0 || g->terminate_at_ns >= 0);
  gtk_box_append (group, expander);

  add_field (self, GTK_BOX (box), ILV_FIELD_TEXT, section, "StartAt", _("Start after"),
             start, NULL, NULL);
  if (g->terminate_at_ns >= 0)
    {
      g_autofree char *terminate = ilv_duration_format (g->terminate_at_ns);

      add_field (self, GTK_BOX (box), ILV_FIELD_TEXT, section, "TerminateAt", _("Terminate after"),
                 terminate, NULL, NULL);
    }
  add_field (self, GTK_BOX (box), ILV_FIELD_SWITCH, section, "Daemon", _("Daemon (ends with the run)"),
             g->daemon ? "true" : "false", NULL, NULL);
}

static void
add_workers (IlvScenarioPanel *self)
{
  const char *kind_labels[] = { _("Thread"), _("Process"), _("Async task"), NULL };
  /* Pools are threads or processes only: the same labels, one fewer. */
  const char *pool_labels[] = { kind_labels[0], kind_labels[1], NULL };

  add_heading (self, _("Workers"));

  for (guint i = 0; i < self->base->groups->len; i++)
    {
      const IlvWorkerGroup *g = g_ptr_array_index (self->base->groups, i);
      g_autofree char *section = g_strconcat ("Workers ", g->name, NULL);
      GtkBox *group = add_group (self, section, g->name, _("Worker group"));

      add_field (self, group, ILV_FIELD_CHOICE, section, "Kind", _("Kind"),
                 ilv_worker_kind_to_string (g->kind), worker_kinds, kind_labels);
      add_number (self, group, section, "Count", _("Count"), g->count);
      add_field (self, group, ILV_FIELD_PROGRAM, section, "Program", _("Program"),
                 g->program_text, NULL, NULL);
      add_hold (self, group, section, g->program_text);
      add_timing (self, group, section, g);
    }

  for (guint i = 0; i < self->base->pools->len; i++)
    {
      const IlvPool *p = g_ptr_array_index (self->base->pools, i);
      g_autofree char *section = g_strconcat ("Pool ", p->name, NULL);
      GtkBox *group = add_group (self, section, p->name, _("Pool"));

      add_field (self, group, ILV_FIELD_CHOICE, section, "Kind", _("Kind"),
                 ilv_worker_kind_to_string (p->kind), pool_kinds, pool_labels);
      add_number (self, group, section, "Workers", _("Workers"), p->workers);
      add_number (self, group, section, "Tasks", _("Tasks"), p->tasks);
      add_number (self, group, section, "Chunksize", _("Chunk size"), p->chunksize);
      add_field (self, group, ILV_FIELD_PROGRAM, section, "Program", _("Program, once per task"),
                 p->program_text, NULL, NULL);
      add_hold (self, group, section, p->program_text);
    }
  ilv_scenario_panel_add_workers_buttons (self);
}

/* The numbers a resource of each kind has, in the order they are shown:
 * the scenario file's key, its title, and whether it is the resource's
 * capacity (else its initial value). */
static const struct
{
  IlvResourceKind kind;
  const char     *key;
  const char     *title;
  gboolean        is_capacity;
} resource_numbers[] = {
  { ILV_RESOURCE_SEMAPHORE, "Value", N_("Initial value"), FALSE },
  { ILV_RESOURCE_ARRAY, "Length", N_("Length"), TRUE },
  { ILV_RESOURCE_ARRAY, "Initial", N_("Initial value"), FALSE },
  { ILV_RESOURCE_VALUE, "Initial", N_("Initial value"), FALSE },
  { ILV_RESOURCE_QUEUE, "Capacity", N_("Capacity (0: unbounded)"), TRUE },
  { ILV_RESOURCE_PIPE, "Capacity", N_("Capacity in messages"), TRUE },
  { ILV_RESOURCE_BARRIER, "Parties", N_("Parties"), TRUE },
};

static void
add_resource (IlvScenarioPanel  *self,
              const IlvResource *r)
{
  g_autofree char *section = g_strdup_printf ("%s %s", ilv_resource_kind_to_string (r->kind), r->name);
  GtkBox *group = add_group (self, section, r->name, ilv_scenario_panel_kind_label (r->kind));

  for (guint i = 0; i < G_N_ELEMENTS (resource_numbers); i++)
    {
      if (resource_numbers[i].kind != r->kind)
        continue;
      add_number (self, group, section, resource_numbers[i].key, _(resource_numbers[i].title),
                  resource_numbers[i].is_capacity ? (gint64) r->capacity : r->initial);
    }
}

static void
clear_fields (IlvScenarioPanel *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->fields, 0);
  g_ptr_array_set_size (self->names, 0);
  g_ptr_array_set_size (self->holds, 0);
  g_ptr_array_set_size (self->structure, 0);
  g_hash_table_remove_all (self->messages);
  self->add_error = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->settings))) != NULL)
    gtk_box_remove (self->settings, child);
}

static void
rebuild (IlvScenarioPanel *self)
{
  gboolean shown = self->base != NULL;

  clear_fields (self);
  gtk_widget_set_sensitive (self->reset_button, self->base != self->origin);
  gtk_widget_set_visible (self->reset_button, shown);
  gtk_widget_set_visible (self->placeholder, !shown);
  gtk_widget_set_visible (GTK_WIDGET (self->title), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->notes), shown && self->base->description != NULL);
  if (!shown)
    return;

  gtk_label_set_label (self->title, self->base->name);
  gtk_label_set_label (self->notes, self->base->description != NULL ? self->base->description : "");
  add_interpreter (self);
  add_workers (self);
  add_heading (self, _("Resources"));
  for (guint i = 0; i < self->base->resources->len; i++)
    add_resource (self, g_ptr_array_index (self->base->resources, i));
  ilv_scenario_panel_add_resource_button (self);

  self->add_error = ilv_scenario_panel_create_message ();
  gtk_box_append (self->settings, GTK_WIDGET (self->add_error));
  ilv_scenario_panel_update_structure (self);
}

static void
ilv_scenario_panel_dispose (GObject *object)
{
  IlvScenarioPanel *self = ILV_SCENARIO_PANEL (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->holds, g_ptr_array_unref);
  g_clear_pointer (&self->structure, g_ptr_array_unref);
  g_clear_pointer (&self->messages, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ILV_TYPE_SCENARIO_PANEL);

  G_OBJECT_CLASS (ilv_scenario_panel_parent_class)->dispose (object);
}

static void
ilv_scenario_panel_finalize (GObject *object)
{
  IlvScenarioPanel *self = ILV_SCENARIO_PANEL (object);

  g_clear_pointer (&self->origin, ilv_scenario_unref);
  g_clear_pointer (&self->base, ilv_scenario_unref);
  g_clear_pointer (&self->scenario, ilv_scenario_unref);

  G_OBJECT_CLASS (ilv_scenario_panel_parent_class)->finalize (object);
}

static void
ilv_scenario_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  IlvScenarioPanel *self = ILV_SCENARIO_PANEL (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_pointer (value, self->scenario);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, ilv_scenario_panel_get_valid (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ilv_scenario_panel_class_init (IlvScenarioPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ilv_scenario_panel_dispose;
  object_class->finalize = ilv_scenario_panel_finalize;
  object_class->get_property = ilv_scenario_panel_get_property;

  /**
   * IlvScenarioPanel:scenario:
   *
   * The edited scenario (an IlvScenario) when it parses, else NULL.
   */
  properties[PROP_SCENARIO] =
    g_param_spec_pointer ("scenario", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IlvScenarioPanel::changed:
   *
   * A field was edited, or a section added, removed or renamed;
   * "scenario" and "valid" say the outcome.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ilv-scenario-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, IlvScenarioPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, IlvScenarioPanel, title);
  gtk_widget_class_bind_template_child (widget_class, IlvScenarioPanel, notes);
  gtk_widget_class_bind_template_child (widget_class, IlvScenarioPanel, placeholder);
  gtk_widget_class_bind_template_child (widget_class, IlvScenarioPanel, settings);
  gtk_widget_class_bind_template_child (widget_class, IlvScenarioPanel, reset_button);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
  ilv_scenario_panel_install_structure_actions (widget_class);
  gtk_widget_class_set_css_name (widget_class, "scenariopanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ilv_scenario_panel_init (IlvScenarioPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_scenario_field_free);
  self->names = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_scenario_field_free);
  self->holds = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_scenario_field_free);
  self->structure = g_ptr_array_new ();
  self->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scenario"),
                                  -1);
  rebuild (self);
}

GtkWidget *
ilv_scenario_panel_new (void)
{
  return g_object_new (ILV_TYPE_SCENARIO_PANEL, NULL);
}

IlvScenario *
ilv_scenario_panel_get_scenario (IlvScenarioPanel *self)
{
  g_return_val_if_fail (ILV_IS_SCENARIO_PANEL (self), NULL);

  return self->scenario;
}

gboolean
ilv_scenario_panel_get_valid (IlvScenarioPanel *self)
{
  g_return_val_if_fail (ILV_IS_SCENARIO_PANEL (self), FALSE);

  return self->scenario != NULL;
}

void
ilv_scenario_panel_set_scenario (IlvScenarioPanel *self,
                                 IlvScenario      *scenario)
{
  gboolean was_valid;

  g_return_if_fail (ILV_IS_SCENARIO_PANEL (self));

  if (scenario != NULL && scenario == self->scenario)
    return;

  was_valid = self->scenario != NULL;
  g_clear_pointer (&self->origin, ilv_scenario_unref);
  g_clear_pointer (&self->base, ilv_scenario_unref);
  g_clear_pointer (&self->scenario, ilv_scenario_unref);
  if (scenario != NULL)
    {
      self->origin = ilv_scenario_ref (scenario);
      self->base = ilv_scenario_ref (scenario);
      self->scenario = ilv_scenario_ref (scenario);
    }
  rebuild (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  if (was_valid != (scenario != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

/* Keys of the scenario first, then a card's Name and its Hold choice. */
static IlvScenarioField *
find_field (IlvScenarioPanel *self,
            const char       *section,
            const char       *key)
{
  IlvScenarioField *field = ilv_scenario_panel_find_in (self->fields, section, key);

  if (field == NULL)
    field = ilv_scenario_panel_find_in (self->names, section, key);
  if (field == NULL)
    field = ilv_scenario_panel_find_in (self->holds, section, key);
  return field;
}

GtkWidget *
ilv_scenario_panel_get_field (IlvScenarioPanel *self,
                              const char       *section,
                              const char       *key)
{
  IlvScenarioField *field;

  g_return_val_if_fail (ILV_IS_SCENARIO_PANEL (self), NULL);
  g_return_val_if_fail (section != NULL && key != NULL, NULL);

  field = find_field (self, section, key);
  return field != NULL ? ilv_scenario_field_get_input (field) : NULL;
}

const char *
ilv_scenario_panel_get_error (IlvScenarioPanel *self,
                              const char       *section,
                              const char       *key)
{
  IlvScenarioField *field;
  GtkLabel *message;

  g_return_val_if_fail (ILV_IS_SCENARIO_PANEL (self), NULL);
  g_return_val_if_fail (section != NULL, NULL);

  if (key == NULL)
    {
      message = g_hash_table_lookup (self->messages, section);
      if (message == NULL || !gtk_widget_get_visible (GTK_WIDGET (message)))
        return NULL;
      return gtk_label_get_label (message);
    }
  field = find_field (self, section, key);
  return field != NULL ? ilv_scenario_field_get_error (field) : NULL;
}
