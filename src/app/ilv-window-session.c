/* ilv-window-session.c: the window's runs come back after a close, a
 * crash or a restart
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-session.h"
#include "ilv-window-private.h"

static IlvSession *
get_session (IlvWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = ilv_window_get_settings (self);
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL || !ILV_IS_APPLICATION (app))
    return NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, "restore-session") ||
      !g_settings_get_boolean (settings, "restore-session"))
    return NULL;

  return ilv_application_get_session (ILV_APPLICATION (app));
}

static void
save_failed_cb (IlvSession *session,
                const char *message,
                IlvWindow  *self)
{
  g_autofree char *text = g_strdup_printf (_("The runs could not be kept for next time: %s"), message);

  ilv_window_show_error (self, text);
}

/* A scenario from a file is named by its path; a built-in by its id. */
static const char *
scenario_path (IlvWindow *self)
{
  const char *source;

  if (self->scenario_id != NULL || self->scenario == NULL)
    return NULL;

  source = self->scenario->source;
  if (source == NULL || g_str_has_prefix (source, "builtin:") || !g_path_is_absolute (source))
    return NULL;
  return source;
}

void
ilv_window_session_save (IlvWindow *self)
{
  IlvSession *session = get_session (self);

  /* Until the session is read back, saving what the window shows would
   * put nothing, or less, in its place. */
  if (session == NULL || self->session_restore != NULL)
    return;

  if (!self->session_connected)
    {
      g_signal_connect_object (session, "save-failed", G_CALLBACK (save_failed_cb), self, 0);
      self->session_connected = TRUE;
    }
  ilv_session_save (session, (IlvTrace * const *) self->traces->pdata, self->traces->len,
                    self->n_kept, self->scenario_id, scenario_path (self));
}

static void
show_problems (IlvWindow *self,
               GPtrArray *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (problems, i));
    }

  gtk_info_bar_set_message_type (self->banner, GTK_MESSAGE_WARNING);
  gtk_label_set_label (self->banner_label, text->str);
  gtk_info_bar_set_revealed (self->banner, TRUE);
}

/* The scenario the runs came from, if it still loads; no word if not:
 * the runs are what matters. */
static void
load_scenario (IlvWindow      *self,
               IlvSessionRuns *runs)
{
  if (runs->scenario_id != NULL)
    {
      if (g_strcmp0 (runs->scenario_id, self->scenario_id) != 0)
        ilv_window_load_builtin (self, runs->scenario_id, NULL);
    }
  else if (runs->scenario_path != NULL)
    {
      g_autoptr(IlvScenario) scenario = ilv_scenario_new_from_file (runs->scenario_path, NULL, NULL);

      if (scenario != NULL)
        ilv_window_load_scenario (self, scenario, NULL);
    }
}

static void
restored_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(IlvWindow) self = user_data;
  g_autoptr(IlvSessionRuns) runs = NULL;

  runs = ilv_session_restore_finish (ILV_SESSION (source_object), result, NULL);
  if (runs == NULL || self->session_restore == NULL)
    return;
  g_clear_object (&self->session_restore);

  /* A run made while the session was read wins over it. */
  if (runs->traces->len > 0 && self->traces->len == 0 && !ilv_window_is_running (self))
    {
      load_scenario (self, runs);
      ilv_window_show_runs (self, (IlvTrace * const *) runs->traces->pdata,
                            runs->traces->len, runs->n_kept);
    }
  else if (self->traces->len > 0 && !ilv_window_is_running (self))
    {
      ilv_window_session_save (self);
    }
  if (runs->problems->len > 0)
    show_problems (self, runs->problems);
}

/* Turned on, the session becomes what the window shows now; turned off,
 * what was kept stays on disk but is neither written nor read. */
static void
setting_changed_cb (GSettings  *settings,
                    const char *key,
                    IlvWindow  *self)
{
  if (g_settings_get_boolean (settings, key) && !ilv_window_is_running (self))
    ilv_window_session_save (self);
}

/* win.restore-session, a check item of the main menu. */
static void
add_setting_action (IlvWindow *self)
{
  GSettings *settings = ilv_window_get_settings (self);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GAction) action = NULL;

  if (settings == NULL || g_action_map_lookup_action (G_ACTION_MAP (self), "restore-session") != NULL)
    return;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, "restore-session"))
    return;

  action = g_settings_create_action (settings, "restore-session");
  g_action_map_add_action (G_ACTION_MAP (self), action);
  g_signal_connect_object (settings, "changed::restore-session",
                           G_CALLBACK (setting_changed_cb), self, 0);
}

void
ilv_window_session_restore (IlvWindow *self)
{
  IlvSession *session;

  add_setting_action (self);
  session = get_session (self);
  if (session == NULL || self->session_restore != NULL)
    return;

  self->session_restore = g_cancellable_new ();
  ilv_session_restore_async (session, self->session_restore, restored_cb, g_object_ref (self));
}

void
ilv_window_session_cancel (IlvWindow *self)
{
  if (self->session_restore == NULL)
    return;

  g_cancellable_cancel (self->session_restore);
  g_clear_object (&self->session_restore);
}
