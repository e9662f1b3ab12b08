/* ilv-window-actions.c: what the main window does on a click or key: run, keep, zoom, present
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-export-dialog.h"
#include "ilv-scenario-library.h"
#include "ilv-window-private.h"

/* Type and lanes in presentation mode, for a projector. */
#define PRESENTATION_SCALE 1.6

static IlvTimelineModel *
get_model (IlvWindow *self)
{
  return ilv_timeline_view_get_model (self->timeline);
}

static void
load_scenario_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  IlvWindow *self = ILV_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!ilv_window_load_builtin (self, g_variant_get_string (parameter, NULL), &error))
    ilv_window_show_error (self, error->message);
}

/* Whether the focus is in a field of the side panel, where a person may
 * be typing. */
static gboolean
is_typing_in_panel (IlvWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL &&
         (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)) &&
         gtk_widget_is_ancestor (focus, GTK_WIDGET (self->side_panel_slot));
}

/* A run started from the keyboard leaves the focus on the timeline, so
 * that the arrows and the zoom keys work on it at once; not while a
 * field of the side panel is being edited. */
static void
run_and_focus (IlvWindow *self)
{
  ilv_window_run (self);
  if (ilv_window_is_running (self) && !is_typing_in_panel (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
}

static void
run_scenario_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  run_and_focus (ILV_WINDOW (widget));
}

/* Stops the run going on, if any; returns whether there was one. */
static gboolean
stop_going_run (IlvWindow *self)
{
  if (!ilv_window_is_running (self))
    return FALSE;

  gtk_label_set_label (self->run_status, _("Stopping…"));
  ilv_run_stop (self->run);
  return TRUE;
}

static void
stop_run_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  stop_going_run (ILV_WINDOW (widget));
}

static void
toggle_run_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  IlvWindow *self = ILV_WINDOW (widget);

  if (!stop_going_run (self))
    run_and_focus (self);
}

static void
keep_run_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IlvWindow *self = ILV_WINDOW (widget);

  if (self->traces->len <= self->n_kept || self->traces->len > ILV_WINDOW_MAX_RUNS)
    return;

  self->n_kept = self->traces->len;
  gtk_label_set_label (self->run_status,
                       self->n_kept < ILV_WINDOW_MAX_RUNS
                         ? _("Kept: the next run is drawn beneath this one")
                         : _("Kept: four runs are the most shown at once"));
  ilv_window_update_actions (self);
  ilv_window_session_save (self);
}

static void
clear_runs_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  IlvWindow *self = ILV_WINDOW (widget);

  g_ptr_array_remove_range (self->traces, 0, self->n_kept);
  self->n_kept = 0;
  ilv_window_show_traces (self);
  ilv_window_session_save (self);
}

static void
export_view_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  IlvWindow *self = ILV_WINDOW (widget);
  IlvRenderOptions view;
  GtkWidget *dialog;

  if (self->traces->len == 0)
    return;

  ilv_timeline_view_get_options (self->timeline, &view);
  dialog = ilv_export_dialog_new (GTK_WINDOW (self), (IlvTrace * const *) self->traces->pdata,
                                  self->traces->len, &view);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
step_scenario (IlvWindow *self,
               int        delta)
{
  g_autoptr(GPtrArray) list = ilv_scenario_library_list ();
  g_autoptr(GError) error = NULL;
  int current = -1;
  int next;

  if (ilv_window_is_running (self) || list->len == 0)
    return;

  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((IlvScenarioInfo *) g_ptr_array_index (list, i))->id, self->scenario_id) == 0)
      current = i;

  if (current < 0)
    next = delta > 0 ? 0 : (int) list->len - 1;
  else
    next = CLAMP (current + delta, 0, (int) list->len - 1);
  if (next == current)
    return;

  if (!ilv_window_load_builtin (self, ((IlvScenarioInfo *) g_ptr_array_index (list, next))->id, &error))
    ilv_window_show_error (self, error->message);
}

static void
previous_scenario_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  step_scenario (ILV_WINDOW (widget), -1);
}

static void
next_scenario_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  step_scenario (ILV_WINDOW (widget), 1);
}

static void
toggle_presentation_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  IlvWindow *self = ILV_WINDOW (widget);

  ilv_window_set_presenting (self, !self->presenting);
}

/* Escape in presentation mode: stop the run, or with none going on,
 * leave presentation mode, as full-screen views do. */
static void
escape_presentation_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  IlvWindow *self = ILV_WINDOW (widget);

  if (!stop_going_run (self))
    ilv_window_set_presenting (self, FALSE);
}

static void
toggle_panel_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  IlvWindow *self = ILV_WINDOW (widget);

  gtk_toggle_button_set_active (self->panel_button,
                                !gtk_toggle_button_get_active (self->panel_button));
}

/* The panes that F6 goes through, in order. */
enum {
  PANE_HEADER_BAR,
  PANE_SIDE_PANEL,
  PANE_TIMELINE,
  PANE_TABLE,
  N_PANES
};

static GtkWidget *
get_pane (IlvWindow *self,
          guint      pane)
{
  switch (pane)
    {
    case PANE_HEADER_BAR:
      return GTK_WIDGET (self->header_bar);
    case PANE_SIDE_PANEL:
      return GTK_WIDGET (self->side_panel_slot);
    case PANE_TIMELINE:
      return GTK_WIDGET (self->timeline);
    case PANE_TABLE:
    default:
      return self->details;
    }
}

/* The first control of a pane that takes the focus: not a text to read
 * (a selectable label would select all of itself). */
static GtkWidget *
first_control (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return NULL;
  if (gtk_widget_get_focusable (widget) && !GTK_IS_LABEL (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_control (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The pane that holds the focus, or -1. */
static int
focused_pane (IlvWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return -1;
  for (guint pane = 0; pane < N_PANES; pane++)
    if (focus == get_pane (self, pane) || gtk_widget_is_ancestor (focus, get_pane (self, pane)))
      return pane;

  return -1;
}

/* F6 and Shift+F6, as in GNOME applications: from pane to pane (header
 * bar, side panel, timeline, table), skipping those not shown, where Tab
 * would cross every field of the side panel on the way. */
static void
focus_pane (IlvWindow *self,
            int        delta)
{
  int current = focused_pane (self);
  int start = current >= 0 ? current : (delta > 0 ? N_PANES - 1 : 0);

  for (int step = 1; step <= N_PANES; step++)
    {
      int pane = ((start + delta * step) % N_PANES + N_PANES) % N_PANES;
      GtkWidget *control;

      if (pane == current)
        return;
      control = first_control (get_pane (self, pane));
      if (control != NULL && gtk_widget_grab_focus (control))
        {
          gtk_window_set_focus_visible (GTK_WINDOW (self), TRUE);
          return;
        }
    }
}

static void
focus_next_pane_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  focus_pane (ILV_WINDOW (widget), 1);
}

static void
focus_previous_pane_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  focus_pane (ILV_WINDOW (widget), -1);
}

static void
zoom_in_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  IlvTimelineModel *model = get_model (ILV_WINDOW (widget));
  gint64 start;
  gint64 end;

  ilv_timeline_model_get_visible (model, &start, &end);
  ilv_timeline_model_zoom (model, ILV_TIMELINE_ZOOM_STEP, start + (end - start) / 2);
}

static void
zoom_out_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IlvTimelineModel *model = get_model (ILV_WINDOW (widget));
  gint64 start;
  gint64 end;

  ilv_timeline_model_get_visible (model, &start, &end);
  ilv_timeline_model_zoom (model, 1 / ILV_TIMELINE_ZOOM_STEP, start + (end - start) / 2);
}

static void
zoom_whole_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ilv_timeline_model_zoom_whole (get_model (ILV_WINDOW (widget)));
}

static void
zoom_selection_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ilv_timeline_model_zoom_to_selection (get_model (ILV_WINDOW (widget)));
}

void
ilv_window_class_install_actions (GtkWidgetClass *widget_class)
{
  static const struct {
    const char *name;
    const char *parameter_type;
    GtkWidgetActionActivateFunc activate;
  } actions[] = {
    { "win.load-scenario", "s", load_scenario_activated },
    { "win.run-scenario", NULL, run_scenario_activated },
    { "win.stop-run", NULL, stop_run_activated },
    { "win.toggle-run", NULL, toggle_run_activated },
    { "win.keep-run", NULL, keep_run_activated },
    { "win.clear-runs", NULL, clear_runs_activated },
    { "win.export-view", NULL, export_view_activated },
    { "win.previous-scenario", NULL, previous_scenario_activated },
    { "win.next-scenario", NULL, next_scenario_activated },
    { "win.toggle-presentation", NULL, toggle_presentation_activated },
    { "win.toggle-panel", NULL, toggle_panel_activated },
    { "win.escape-presentation", NULL, escape_presentation_activated },
    { "win.focus-next-pane", NULL, focus_next_pane_activated },
    { "win.focus-previous-pane", NULL, focus_previous_pane_activated },
    { "timeline.zoom-in", NULL, zoom_in_activated },
    { "timeline.zoom-out", NULL, zoom_out_activated },
    { "timeline.zoom-whole", NULL, zoom_whole_activated },
    { "timeline.zoom-selection", NULL, zoom_selection_activated },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name,
                                     actions[i].parameter_type, actions[i].activate);
}

static gboolean
settings_has_key (GSettings  *settings,
                  const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static IlvTheme
resolve_theme (IlvWindow *self)
{
  IlvTheme theme = ILV_THEME_LIGHT;
  gboolean dark = FALSE;

  if (g_strcmp0 (self->theme, "auto") != 0 && ilv_theme_from_string (self->theme, &theme))
    return theme;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-application-prefer-dark-theme", &dark,
                NULL);
  return dark ? ILV_THEME_DARK : ILV_THEME_LIGHT;
}

void
ilv_window_apply_theme (IlvWindow *self)
{
  ilv_timeline_view_set_theme (self->timeline, resolve_theme (self));
}

static void
timeline_theme_changed (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  IlvWindow *self = user_data;
  const char *theme = g_variant_get_string (state, NULL);
  GSettings *settings = ilv_window_get_settings (self);
  IlvTheme parsed;

  if (g_strcmp0 (theme, "auto") != 0 && !ilv_theme_from_string (theme, &parsed))
    return;

  g_simple_action_set_state (action, state);
  g_free (self->theme);
  self->theme = g_strdup (theme);
  ilv_window_apply_theme (self);
  if (settings_has_key (settings, "timeline-theme"))
    g_settings_set_string (settings, "timeline-theme", theme);
}

static void
slow_motion_changed (GSimpleAction *action,
                     GVariant      *state,
                     gpointer       user_data)
{
  IlvWindow *self = user_data;
  guint factor = g_variant_get_uint32 (state);
  GSettings *settings = ilv_window_get_settings (self);

  if (factor < 1 || factor > 10)
    return;

  g_simple_action_set_state (action, state);
  self->slow_motion = factor;
  if (settings_has_key (settings, "slow-motion"))
    g_settings_set_uint (settings, "slow-motion", factor);
}

static const GActionEntry stateful_actions[] = {
  { "timeline-theme", NULL, "s", "'auto'", timeline_theme_changed },
  { "slow-motion", NULL, "u", "uint32 1", slow_motion_changed },
};

/* GTK 4.8's tooltip window, while it shows, asks its window to call it
 * back when the window's surface moves within it, which happens when the
 * window's frame changes: full screen, maximized or tiled, in or out. The
 * callback takes the widget it is called for, our window, for the tooltip
 * window (gtktooltipwindow.c, surface_transform_changed_cb): "invalid
 * cast from 'IlvWindow' to 'GtkTooltipWindow'", then it lays the tooltip
 * out with our window's fields. So no tooltip is up when the window's
 * state changes: it is hidden before, and the next hover shows it again. */
static void
hide_tooltip (IlvWindow *self)
{
  GType tooltip_type = g_type_from_name ("GtkTooltipWindow");

  if (tooltip_type == 0)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, tooltip_type) && gtk_widget_get_visible (child))
      gtk_widget_set_visible (child, FALSE);
}

void
ilv_window_set_presenting (IlvWindow *self,
                           gboolean   presenting)
{
  GtkWidget *widget = GTK_WIDGET (self);

  presenting = !!presenting;
  if (self->presenting == presenting)
    return;

  self->presenting = presenting;
  hide_tooltip (self);
  if (presenting)
    {
      gtk_window_fullscreen (GTK_WINDOW (self));
      gtk_widget_add_css_class (widget, "presentation");
    }
  else
    {
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_widget_remove_css_class (widget, "presentation");
    }

  /* The timeline takes the room of the side panel and the table. */
  gtk_widget_set_visible (GTK_WIDGET (self->side_panel_slot),
                          !presenting && gtk_toggle_button_get_active (self->panel_button));
  gtk_widget_set_visible (self->details, !presenting && self->traces->len > 0);
  ilv_window_update_selection (self);
  ilv_timeline_view_set_scale (self->timeline, presenting ? PRESENTATION_SCALE : 1.0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->presentation_keys),
                                              presenting ? GTK_PHASE_CAPTURE : GTK_PHASE_NONE);
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
}

static void
panel_toggled_cb (GtkToggleButton *button,
                  IlvWindow       *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->side_panel_slot),
                          gtk_toggle_button_get_active (button) && !self->presenting);
}

static void
restore_preferences (IlvWindow *self)
{
  GSettings *settings = ilv_window_get_settings (self);

  if (settings_has_key (settings, "timeline-theme"))
    {
      g_autofree char *theme = g_settings_get_string (settings, "timeline-theme");

      g_action_group_change_action_state (G_ACTION_GROUP (self), "timeline-theme",
                                          g_variant_new_string (theme));
    }
  if (settings_has_key (settings, "slow-motion"))
    g_action_group_change_action_state (G_ACTION_GROUP (self), "slow-motion",
                                        g_variant_new_uint32 (g_settings_get_uint (settings, "slow-motion")));
}

static void
realize_cb (IlvWindow *self)
{
  restore_preferences (self);
  ilv_window_apply_theme (self);
  /* The window manager may change the state too (a key of its own that
   * maximizes or tiles); the state comes before the new frame is laid out. */
  g_signal_connect_object (gtk_native_get_surface (GTK_NATIVE (self)), "notify::state",
                           G_CALLBACK (hide_tooltip), self, G_CONNECT_SWAPPED);
}

void
ilv_window_actions_init (IlvWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), stateful_actions,
                                   G_N_ELEMENTS (stateful_actions), self);

  self->presentation_keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->presentation_keys),
                                              GTK_PHASE_NONE);
  ilv_application_add_presentation_shortcuts (self->presentation_keys);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->presentation_keys));

  g_signal_connect (self->panel_button, "toggled", G_CALLBACK (panel_toggled_cb), self);
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)),
                           "notify::gtk-application-prefer-dark-theme",
                           G_CALLBACK (ilv_window_apply_theme), self, G_CONNECT_SWAPPED);
}
