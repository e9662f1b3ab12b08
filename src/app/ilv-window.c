/* ilv-window.c: the main window
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-run.h"
#include "ilv-scenario-library.h"
#include "ilv-scenario-menu.h"
#include "ilv-summary-text.h"
#include "ilv-window.h"

struct _IlvWindow
{
  GtkApplicationWindow  parent_instance;

  GtkMenuButton        *scenario_button;
  GtkStack             *stack;
  GtkLabel             *scenario_title;
  GtkLabel             *scenario_description;
  GtkSpinner           *run_spinner;
  GtkLabel             *run_status;
  GtkLabel             *run_summary;

  IlvScenario          *scenario;
  char                 *scenario_id;
  IlvRun               *run;
  GPtrArray            *traces;   /* IlvTrace*: kept runs, then the current one */
};

enum {
  PROP_0,
  PROP_SCENARIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IlvWindow, ilv_window, GTK_TYPE_APPLICATION_WINDOW)

static GSettings *
get_settings (IlvWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!ILV_IS_APPLICATION (app))
    return NULL;

  return ilv_application_get_settings (ILV_APPLICATION (app));
}

static void
update_actions (IlvWindow *self)
{
  gboolean running = self->run != NULL && ilv_run_is_running (self->run);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run-scenario",
                                 self->scenario != NULL && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-run", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-scenario", !running);
}

static void
clear_run (IlvWindow *self)
{
  if (self->run == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->run, self);
  ilv_run_stop (self->run);
  g_clear_object (&self->run);
}

static void
show_scenario (IlvWindow *self)
{
  clear_run (self);
  gtk_spinner_stop (self->run_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->run_summary), FALSE);

  if (self->scenario == NULL)
    {
      gtk_menu_button_set_label (self->scenario_button, _("Choose Scenario"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_menu_button_set_label (self->scenario_button, self->scenario->name);
  gtk_label_set_label (self->scenario_title, self->scenario->name);
  gtk_label_set_label (self->scenario_description,
                       self->scenario->description != NULL ? self->scenario->description : "");
  gtk_label_set_label (self->run_status, _("Press Run to start the scenario"));
  gtk_stack_set_visible_child_name (self->stack, "scenario");
}

static void
run_finished_cb (IlvRun    *run,
                 IlvWindow *self)
{
  g_autoptr(IlvSummary) summary = ilv_summary_new (ilv_run_get_trace (run));
  g_autofree char *text = ilv_summary_text_format (summary, FALSE);

  gtk_spinner_stop (self->run_spinner);
  gtk_label_set_label (self->run_status, _("Finished"));
  gtk_label_set_label (self->run_summary, g_strchomp (text));
  gtk_widget_set_visible (GTK_WIDGET (self->run_summary), TRUE);
  update_actions (self);
}

static void
run_scenario_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  IlvWindow *self = ILV_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->scenario != NULL);

  clear_run (self);
  gtk_widget_set_visible (GTK_WIDGET (self->run_summary), FALSE);

  self->run = ilv_run_new (self->scenario);
  g_signal_connect (self->run, "finished", G_CALLBACK (run_finished_cb), self);
  if (!ilv_run_start (self->run, &error))
    {
      clear_run (self);
      gtk_label_set_label (self->run_status, error->message);
      update_actions (self);
      return;
    }

  gtk_spinner_start (self->run_spinner);
  gtk_label_set_label (self->run_status, _("Running…"));
  update_actions (self);
}

static void
stop_run_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IlvWindow *self = ILV_WINDOW (widget);

  if (self->run != NULL)
    {
      gtk_label_set_label (self->run_status, _("Stopping…"));
      ilv_run_stop (self->run);
    }
}

static gboolean
load_builtin (IlvWindow  *self,
              const char *id,
              GError    **error)
{
  g_autoptr(IlvScenario) scenario = ilv_scenario_library_load (id, NULL, error);

  if (scenario == NULL)
    return FALSE;

  ilv_window_set_scenario (self, scenario);
  self->scenario_id = g_strdup (id);
  return TRUE;
}

static void
load_scenario_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  IlvWindow *self = ILV_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!load_builtin (self, g_variant_get_string (parameter, NULL), &error))
    {
      /* Only a broken build can get here: the menu lists the built-ins. */
      g_critical ("%s", error->message);
    }
}

static void
restore_state (IlvWindow *self)
{
  GSettings *settings = get_settings (self);
  g_autofree char *last = NULL;

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* A built-in that no longer exists is simply not loaded again. */
  last = g_settings_get_string (settings, "last-scenario");
  if (self->scenario == NULL && last[0] != '\0')
    load_builtin (self, last, NULL);
}

static void
save_state (IlvWindow *self)
{
  GSettings *settings = get_settings (self);
  int width = 0;
  int height = 0;

  if (settings == NULL)
    return;

  /* The default size tracks the unmaximized size, which is what a
   * window should come back at. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (settings, "last-scenario",
                         self->scenario_id != NULL ? self->scenario_id : "");
  g_settings_apply (settings);
}

static void
ilv_window_realize (GtkWidget *widget)
{
  /* Not in constructed(): "application" is set only after it. */
  restore_state (ILV_WINDOW (widget));

  GTK_WIDGET_CLASS (ilv_window_parent_class)->realize (widget);
}

static gboolean
ilv_window_close_request (GtkWindow *window)
{
  save_state (ILV_WINDOW (window));

  return GTK_WINDOW_CLASS (ilv_window_parent_class)->close_request (window);
}

static void
ilv_window_dispose (GObject *object)
{
  IlvWindow *self = ILV_WINDOW (object);

  clear_run (self);

  G_OBJECT_CLASS (ilv_window_parent_class)->dispose (object);
}

static void
ilv_window_finalize (GObject *object)
{
  IlvWindow *self = ILV_WINDOW (object);

  g_clear_pointer (&self->scenario, ilv_scenario_unref);
  g_clear_pointer (&self->scenario_id, g_free);
  g_clear_pointer (&self->traces, g_ptr_array_unref);

  G_OBJECT_CLASS (ilv_window_parent_class)->finalize (object);
}

static void
ilv_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  IlvWindow *self = ILV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_pointer (value, self->scenario);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ilv_window_class_init (IlvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ilv_window_dispose;
  object_class->finalize = ilv_window_finalize;
  object_class->get_property = ilv_window_get_property;

  widget_class->realize = ilv_window_realize;

  window_class->close_request = ilv_window_close_request;

  /**
   * IlvWindow:scenario:
   *
   * The loaded scenario (an IlvScenario), or NULL.
   */
  properties[PROP_SCENARIO] =
    g_param_spec_pointer ("scenario", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ilv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, scenario_button);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, scenario_title);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, scenario_description);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, run_spinner);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, run_status);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, run_summary);

  gtk_widget_class_install_action (widget_class, "win.load-scenario", "s",
                                   load_scenario_activated);
  gtk_widget_class_install_action (widget_class, "win.run-scenario", NULL,
                                   run_scenario_activated);
  gtk_widget_class_install_action (widget_class, "win.stop-run", NULL,
                                   stop_run_activated);
}

static void
ilv_window_init (IlvWindow *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->traces = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_trace_unref);

  menu = ilv_scenario_menu_new ("win.load-scenario");
  gtk_menu_button_set_menu_model (self->scenario_button, menu);
  update_actions (self);
}

/**
 * ilv_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new main window, owned by @application
 */
IlvWindow *
ilv_window_new (IlvApplication *application)
{
  g_return_val_if_fail (ILV_IS_APPLICATION (application), NULL);

  return g_object_new (ILV_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

IlvScenario *
ilv_window_get_scenario (IlvWindow *self)
{
  g_return_val_if_fail (ILV_IS_WINDOW (self), NULL);

  return self->scenario;
}

void
ilv_window_set_scenario (IlvWindow   *self,
                         IlvScenario *scenario)
{
  g_return_if_fail (ILV_IS_WINDOW (self));

  if (self->scenario == scenario)
    return;

  g_clear_pointer (&self->scenario, ilv_scenario_unref);
  g_clear_pointer (&self->scenario_id, g_free);
  if (scenario != NULL)
    self->scenario = ilv_scenario_ref (scenario);

  show_scenario (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
}

void
ilv_window_load_scenario (IlvWindow   *self,
                          IlvScenario *scenario,
                          const char  *builtin_id)
{
  g_return_if_fail (ILV_IS_WINDOW (self));

  ilv_window_set_scenario (self, scenario);
  g_free (self->scenario_id);
  self->scenario_id = g_strdup (builtin_id);
}

void
ilv_window_load_trace (IlvWindow *self,
                       IlvTrace  *trace)
{
  g_return_if_fail (ILV_IS_WINDOW (self));
  g_return_if_fail (trace != NULL);

  clear_run (self);
  g_ptr_array_set_size (self->traces, 0);
  g_ptr_array_add (self->traces, ilv_trace_ref (trace));
}

IlvTrace * const *
ilv_window_get_current_traces (IlvWindow *self,
                               guint     *n_traces)
{
  g_return_val_if_fail (ILV_IS_WINDOW (self), NULL);
  g_return_val_if_fail (n_traces != NULL, NULL);

  *n_traces = self->traces->len;
  return self->traces->len > 0 ? (IlvTrace * const *) self->traces->pdata : NULL;
}

IlvTrace *
ilv_window_get_current_trace (IlvWindow *self)
{
  g_return_val_if_fail (ILV_IS_WINDOW (self), NULL);

  return self->traces->len > 0 ? g_ptr_array_index (self->traces, self->traces->len - 1) : NULL;
}

void
ilv_window_show_error (IlvWindow  *self,
                       const char *message)
{
  g_return_if_fail (ILV_IS_WINDOW (self));

  gtk_label_set_label (self->run_status, message);
}

void
ilv_window_set_chooser (IlvWindow *self,
                        GtkWidget *chooser)
{
  g_return_if_fail (ILV_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (chooser));

  gtk_header_bar_pack_start (GTK_HEADER_BAR (gtk_window_get_titlebar (GTK_WINDOW (self))), chooser);
  gtk_widget_set_visible (GTK_WIDGET (self->scenario_button), FALSE);
}
