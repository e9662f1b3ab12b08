/* ilv-window.c: the main window: the scenario, its runs and their timeline
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ilv-scenario-diff.h"
#include "ilv-scenario-library.h"
#include "ilv-scenario-scale.h"
#include "ilv-selection-text.h"
#include "ilv-summary-text.h"
#include "ilv-window-files.h"
#include "ilv-window-private.h"

enum {
  PROP_0,
  PROP_SCENARIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IlvWindow, ilv_window, GTK_TYPE_APPLICATION_WINDOW)

GSettings *
ilv_window_get_settings (IlvWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!ILV_IS_APPLICATION (app))
    return NULL;

  return ilv_application_get_settings (ILV_APPLICATION (app));
}

gboolean
ilv_window_is_running (IlvWindow *self)
{
  return self->run != NULL && ilv_run_is_running (self->run);
}

static gboolean
has_finished_current (IlvWindow *self)
{
  return self->traces->len > self->n_kept &&
         ilv_trace_is_finished (g_ptr_array_index (self->traces, self->traces->len - 1));
}

void
ilv_window_update_actions (IlvWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean running = ilv_window_is_running (self);
  gboolean shown = self->traces->len > 0;

  gtk_widget_action_set_enabled (widget, "win.run-scenario", self->edited != NULL && !running);
  gtk_widget_action_set_enabled (widget, "win.stop-run", running);
  gtk_widget_action_set_enabled (widget, "win.toggle-run", self->edited != NULL || running);
  gtk_widget_action_set_enabled (widget, "win.keep-run",
                                 has_finished_current (self) && self->traces->len < ILV_WINDOW_MAX_RUNS);
  gtk_widget_action_set_enabled (widget, "win.clear-runs", self->n_kept > 0 && !running);
  gtk_widget_action_set_enabled (widget, "win.export-view", shown && !running);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-in", shown);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-out", shown);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-whole", shown);
  gtk_label_set_label (self->run_label, has_finished_current (self) ? _("_Run Again") : _("_Run"));
}

static void
clear_run (IlvWindow *self)
{
  if (self->run == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->run, self);
  g_clear_handle_id (&self->live_frame, g_source_remove);
  ilv_run_stop (self->run);
  g_clear_object (&self->run);
}

/* Drops the current run (not the kept ones). */
static void
drop_current (IlvWindow *self)
{
  clear_run (self);
  if (self->traces->len > self->n_kept)
    g_ptr_array_set_size (self->traces, self->n_kept);
}

/* In presentation mode the table is hidden: the strip says, large, what
 * the workers did in the selection. */
void
ilv_window_update_selection (IlvWindow *self)
{
  IlvTimelineModel *model = ilv_timeline_view_get_model (self->timeline);
  g_autofree char *text = NULL;
  gint64 start = 0;
  gint64 end = 0;

  if (self->presenting && self->traces->len > 0 && !ilv_window_is_running (self) &&
      ilv_timeline_model_get_selection (model, &start, &end))
    text = ilv_selection_text_format ((IlvTrace * const *) self->traces->pdata,
                                      self->traces->len, start, end);
  ilv_summary_strip_set_selection (self->summary_strip, text);
}

static void
update_table_now (IlvWindow *self)
{
  IlvTimelineModel *model = ilv_timeline_view_get_model (self->timeline);
  gint64 start = 0;
  gint64 end = 0;
  gboolean selected = ilv_timeline_model_get_selection (model, &start, &end);

  ilv_window_update_selection (self);
  if (ilv_window_is_running (self))
    {
      ilv_lane_table_clear (self->lane_table, _("The time of each lane in each state follows when the run ends"));
      return;
    }
  if (!selected)
    {
      start = 0;
      end = ilv_timeline_model_get_duration (model);
    }
  ilv_lane_table_update (self->lane_table, (IlvTrace * const *) self->traces->pdata,
                         self->traces->len, start, end, selected);
}

static gboolean
update_table_idle_cb (gpointer user_data)
{
  IlvWindow *self = user_data;

  self->table_idle = 0;
  update_table_now (self);
  return G_SOURCE_REMOVE;
}

/* The table follows the selection while it is dragged, at most once a
 * frame and never during a live run (it would be out of date at once). */
static void
selection_changed_cb (IlvWindow *self)
{
  if (self->table_idle == 0 && !ilv_window_is_running (self))
    self->table_idle = g_idle_add_full (G_PRIORITY_LOW, update_table_idle_cb, self, NULL);
}

/* Keys go to the focus widget first, and from a widget that is not shown
 * they reach no shortcut. GTK 4.8 leaves the focus on hidden widgets in
 * two places: the timeline behind the empty and "ready" pages, and an
 * item of a submenu (the chooser's topics) once its menu has closed, so
 * F5 did nothing after a scenario was chosen. Checked when GTK is done
 * (a closing menu puts the focus back into itself last), the focus goes
 * to the timeline when it is shown, else to the chooser. */
static gboolean
ensure_focus_shown_idle (gpointer data)
{
  g_autoptr(IlvWindow) self = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || (focus != NULL && gtk_widget_get_mapped (focus)))
    return G_SOURCE_REMOVE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->timeline)) || !gtk_widget_grab_focus (GTK_WIDGET (self->timeline)))
    gtk_widget_grab_focus (GTK_WIDGET (ilv_window_files_get_chooser (self)));
  return G_SOURCE_REMOVE;
}

static void
ensure_focus_shown (IlvWindow *self)
{
  g_idle_add (ensure_focus_shown_idle, g_object_ref (self));
}

void
ilv_window_show_traces (IlvWindow *self)
{
  /* One run's numbers are in the strip above it; in a comparison each
   * run's summary stands beside its label. */
  ilv_timeline_view_set_show_summary (self->timeline, self->traces->len > 1);
  ilv_timeline_view_set_traces (self->timeline, (IlvTrace * const *) self->traces->pdata,
                                self->traces->len);
  gtk_stack_set_visible_child_name (self->timeline_stack, self->traces->len > 0 ? "timeline" : "ready");
  gtk_widget_set_visible (self->strip_row, self->traces->len > 0);
  gtk_widget_set_visible (self->details, self->traces->len > 0 && !self->presenting);
  update_table_now (self);
  ilv_window_update_actions (self);
  ensure_focus_shown (self);
}

static void
show_summary (IlvWindow *self,
              IlvTrace  *trace)
{
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  g_autofree char *text = ilv_summary_text_format (summary, FALSE);

  ilv_summary_strip_set_summary (self->summary_strip, summary);
  gtk_label_set_label (self->run_summary, g_strchomp (text));
  gtk_widget_set_visible (GTK_WIDGET (self->run_summary), TRUE);

  if (ilv_trace_get_stop_reason (trace) == ILV_STOP_DEADLOCK)
    {
      const char *why = ilv_trace_get_stop_message (trace) ?: "";
      g_autofree char *message = NULL;

      /* The engine's message starts with what it found; the banner says
       * that already. */
      if (g_str_has_prefix (why, "deadlock: "))
        why += strlen ("deadlock: ");
      message = g_strdup_printf (_("Deadlock: no worker can go on. %s"), why);

      gtk_info_bar_set_message_type (self->banner, GTK_MESSAGE_WARNING);
      gtk_label_set_label (self->banner_label, message);
      gtk_info_bar_set_revealed (self->banner, TRUE);
    }
}

static const char *
status_text (IlvTrace *trace)
{
  switch (ilv_trace_get_stop_reason (trace))
    {
    case ILV_STOP_DEADLOCK:
      return _("Deadlocked");
    case ILV_STOP_TIMEOUT:
      return _("Timed out");
    case ILV_STOP_STOPPED:
      return _("Stopped");
    case ILV_STOP_ERROR:
      return _("Failed");
    case ILV_STOP_FINISHED:
    default:
      return _("Finished");
    }
}

/* A live run is drawn about 20 times a second, not on every tick of the
 * engine (about 60): a frame of many busy lanes costs several ms of the
 * main loop, which must stay free for input while workers load the cores. */
#define LIVE_FRAME_MS 50

static gboolean
live_frame_cb (gpointer user_data)
{
  IlvWindow *self = user_data;
  IlvTrace *trace;

  self->live_frame = 0;
  if (self->run == NULL)
    return G_SOURCE_REMOVE;

  trace = ilv_run_get_trace (self->run);
  ilv_timeline_view_traces_changed (self->timeline);
  ilv_summary_strip_set_running (self->summary_strip,
                                 ilv_trace_get_end (trace) - ilv_trace_get_start (trace));
  return G_SOURCE_REMOVE;
}

static void
run_updated_cb (IlvRun    *run,
                IlvWindow *self)
{
  if (self->live_frame == 0)
    self->live_frame = g_timeout_add (LIVE_FRAME_MS, live_frame_cb, self);
}

static void
run_finished_cb (IlvRun    *run,
                 IlvWindow *self)
{
  IlvTrace *trace = ilv_run_get_trace (run);

  g_clear_handle_id (&self->live_frame, g_source_remove);
  ilv_timeline_view_traces_changed (self->timeline);
  gtk_label_set_label (self->run_status, status_text (trace));
  show_summary (self, trace);
  update_table_now (self);
  ilv_window_update_actions (self);
  ilv_window_session_save (self);
  if (self->closing)
    gtk_window_destroy (GTK_WINDOW (self));
}

static IlvScenario *
scenario_to_run (IlvWindow *self,
                 GError   **error)
{
  if (self->slow_motion <= 1)
    return ilv_scenario_ref (self->edited);

  return ilv_scenario_scale_durations (self->edited, self->slow_motion, error);
}

/* The wall time ticking in the strip and the timeline growing say that
 * the run goes on; the spinner is not started: its animation, with the
 * strip's changing figure, had GTK lay out the whole window on every
 * frame, 60 times a second, each time asking the display server for the
 * window's geometry and work area, while the workers load the cores. */
static void
show_running (IlvWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->run_summary), FALSE);
  gtk_info_bar_set_revealed (self->banner, FALSE);
  ilv_summary_strip_set_running (self->summary_strip, 0);
  if (self->slow_motion > 1)
    {
      g_autofree char *status = g_strdup_printf (_("Running, ×%u slower…"), self->slow_motion);

      gtk_label_set_label (self->run_status, status);
    }
  else
    {
      gtk_label_set_label (self->run_status, _("Running…"));
    }
}

void
ilv_window_run (IlvWindow *self)
{
  g_autoptr(IlvScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;

  if (self->edited == NULL || ilv_window_is_running (self))
    return;

  drop_current (self);
  scenario = scenario_to_run (self, &error);
  if (scenario == NULL)
    {
      ilv_window_show_error (self, error->message);
      return;
    }

  self->run = ilv_run_new (scenario);
  if (self->scenario != NULL)
    {
      g_autofree char *changes = ilv_scenario_describe_changes (self->scenario, self->edited);

      ilv_trace_set_variant (ilv_run_get_trace (self->run), changes);
    }
  g_signal_connect (self->run, "updated", G_CALLBACK (run_updated_cb), self);
  g_signal_connect (self->run, "finished", G_CALLBACK (run_finished_cb), self);
  if (!ilv_run_start (self->run, &error))
    {
      clear_run (self);
      ilv_window_show_error (self, error->message);
      ilv_window_update_actions (self);
      return;
    }

  g_ptr_array_add (self->traces, ilv_trace_ref (ilv_run_get_trace (self->run)));
  show_running (self);
  gtk_stack_set_visible_child_name (self->stack, "scenario");
  ilv_window_show_traces (self);
}

static void
show_scenario (IlvWindow *self)
{
  drop_current (self);
  gtk_widget_set_visible (GTK_WIDGET (self->run_summary), FALSE);
  gtk_info_bar_set_revealed (self->banner, FALSE);
  ilv_summary_strip_set_summary (self->summary_strip, NULL);
  ilv_window_show_traces (self);

  if (self->scenario == NULL)
    {
      gtk_label_set_label (self->scenario_title, "");
      gtk_label_set_label (self->scenario_description, "");
      gtk_stack_set_visible_child_name (self->stack, self->n_kept > 0 ? "scenario" : "empty");
      return;
    }

  gtk_label_set_label (self->scenario_title, self->scenario->name);
  gtk_label_set_label (self->scenario_description,
                       self->scenario->description != NULL ? self->scenario->description : "");
  gtk_label_set_label (self->run_status, "");
  gtk_stack_set_visible_child_name (self->stack, "scenario");
}

gboolean
ilv_window_load_builtin (IlvWindow  *self,
                         const char *id,
                         GError    **error)
{
  g_autoptr(IlvScenario) scenario = ilv_scenario_library_load (id, NULL, error);

  if (scenario == NULL)
    return FALSE;

  ilv_window_load_scenario (self, scenario, id);
  return TRUE;
}

static void
banner_response_cb (GtkInfoBar *banner,
                    int         response,
                    IlvWindow  *self)
{
  gtk_info_bar_set_revealed (banner, FALSE);
}

static void
restore_state (IlvWindow *self)
{
  GSettings *settings = ilv_window_get_settings (self);
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
    ilv_window_load_builtin (self, last, NULL);
}

static void
save_state (IlvWindow *self)
{
  GSettings *settings = ilv_window_get_settings (self);
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
  ilv_window_session_restore (ILV_WINDOW (widget));

  GTK_WIDGET_CLASS (ilv_window_parent_class)->realize (widget);
}

static gboolean
ilv_window_close_request (GtkWindow *window)
{
  IlvWindow *self = ILV_WINDOW (window);

  save_state (self);
  /* What a run going on recorded so far is kept as a stopped run: the
   * window goes once it has stopped (within about a second). */
  if (ilv_window_is_running (self))
    {
      self->closing = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      ilv_run_stop (self->run);
      return TRUE;
    }
  ilv_window_session_save (self);
  ilv_window_session_cancel (self);

  return GTK_WINDOW_CLASS (ilv_window_parent_class)->close_request (window);
}

static void
ilv_window_dispose (GObject *object)
{
  IlvWindow *self = ILV_WINDOW (object);

  clear_run (self);
  ilv_window_session_cancel (self);
  g_clear_handle_id (&self->table_idle, g_source_remove);

  G_OBJECT_CLASS (ilv_window_parent_class)->dispose (object);
}

static void
ilv_window_finalize (GObject *object)
{
  IlvWindow *self = ILV_WINDOW (object);

  g_clear_pointer (&self->scenario, ilv_scenario_unref);
  g_clear_pointer (&self->edited, ilv_scenario_unref);
  g_clear_pointer (&self->scenario_id, g_free);
  g_clear_pointer (&self->traces, g_ptr_array_unref);
  g_clear_pointer (&self->theme, g_free);

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

  g_type_ensure (ILV_TYPE_SUMMARY_STRIP);
  g_type_ensure (ILV_TYPE_TIMELINE_VIEW);
  g_type_ensure (ILV_TYPE_LANE_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ilv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, chooser_slot);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, run_label);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, side_panel_slot);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, notes);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, scenario_title);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, scenario_description);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, summary_strip);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, run_status);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, details);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, strip_row);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, run_summary);
  gtk_widget_class_bind_template_child (widget_class, IlvWindow, lane_table);
  gtk_widget_class_bind_template_callback (widget_class, banner_response_cb);

  ilv_window_class_install_actions (widget_class);
}

static void
ilv_window_init (IlvWindow *self)
{
  IlvTimelineModel *model;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->traces = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_trace_unref);
  self->slow_motion = 1;
  self->theme = g_strdup ("auto");

  model = ilv_timeline_view_get_model (self->timeline);
  g_signal_connect_object (model, "notify::selection-start", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::selection-end", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  ilv_window_actions_init (self);
  ilv_window_files_install (self);
  ilv_window_update_actions (self);
  /* Not the notes: a selectable label with the focus selects all of it. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->timeline));
  g_signal_connect (self, "map", G_CALLBACK (ensure_focus_shown), NULL);
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
ilv_window_set_scenario (IlvWindow   *self,
                         IlvScenario *scenario)
{
  g_return_if_fail (ILV_IS_WINDOW (self));

  if (self->scenario == scenario)
    return;

  g_clear_pointer (&self->scenario, ilv_scenario_unref);
  g_clear_pointer (&self->edited, ilv_scenario_unref);
  g_clear_pointer (&self->scenario_id, g_free);
  if (scenario != NULL)
    {
      self->scenario = ilv_scenario_ref (scenario);
      self->edited = ilv_scenario_ref (scenario);
    }

  show_scenario (self);
  ilv_window_update_actions (self);
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

  drop_current (self);
  if (self->traces->len >= ILV_WINDOW_MAX_RUNS)
    g_ptr_array_set_size (self->traces, --self->n_kept);
  g_ptr_array_add (self->traces, ilv_trace_ref (trace));
  gtk_label_set_label (self->run_status, ilv_trace_get_title (trace));
  gtk_stack_set_visible_child_name (self->stack, "scenario");
  show_summary (self, trace);
  ilv_window_show_traces (self);
  ilv_window_session_save (self);
}

void
ilv_window_show_runs (IlvWindow        *self,
                      IlvTrace * const *traces,
                      guint             n_traces,
                      guint             n_kept)
{
  IlvTrace *last;

  g_return_if_fail (n_traces > 0);

  drop_current (self);
  g_ptr_array_set_size (self->traces, 0);
  for (guint i = 0; i < n_traces && i < ILV_WINDOW_MAX_RUNS; i++)
    g_ptr_array_add (self->traces, ilv_trace_ref (traces[i]));
  self->n_kept = MIN (n_kept, self->traces->len);

  last = g_ptr_array_index (self->traces, self->traces->len - 1);
  gtk_label_set_label (self->run_status, status_text (last));
  gtk_stack_set_visible_child_name (self->stack, "scenario");
  show_summary (self, last);
  ilv_window_show_traces (self);
}

void
ilv_window_show_error (IlvWindow  *self,
                       const char *message)
{
  g_return_if_fail (ILV_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  gtk_info_bar_set_message_type (self->banner, GTK_MESSAGE_ERROR);
  gtk_label_set_label (self->banner_label, message);
  gtk_info_bar_set_revealed (self->banner, TRUE);
}

void
ilv_window_set_side_panel (IlvWindow *self,
                           GtkWidget *panel)
{
  g_return_if_fail (ILV_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (panel));

  gtk_widget_set_visible (self->notes, FALSE);
  gtk_widget_set_vexpand (panel, TRUE);
  gtk_box_append (self->side_panel_slot, panel);
}

void
ilv_window_set_edited_scenario (IlvWindow   *self,
                                IlvScenario *scenario)
{
  g_return_if_fail (ILV_IS_WINDOW (self));

  if (scenario != NULL)
    ilv_scenario_ref (scenario);
  g_clear_pointer (&self->edited, ilv_scenario_unref);
  self->edited = scenario;
  ilv_window_update_actions (self);
}

void
ilv_window_set_chooser (IlvWindow *self,
                        GtkWidget *chooser)
{
  g_return_if_fail (ILV_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (chooser));

  gtk_box_append (self->chooser_slot, chooser);
}
