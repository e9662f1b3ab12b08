/* ilv-window-files.c: the window's scenario panel, chooser and files
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-atomic-file.h"
#include "ilv-chrome-trace.h"
#include "ilv-scenario-menu.h"
#include "ilv-style-manager.h"
#include "ilv-window-files.h"

#define FILES_KEY         "ilv-window-files"
#define STYLE_MANAGER_KEY "ilv-style-manager"

typedef struct
{
  GtkMenuButton    *chooser;
  GtkLabel         *chooser_label;
  IlvScenarioPanel *panel;
  GSettings        *settings;   /* NULL until the window has its application */
} Files;

typedef gboolean (*FileFunc) (IlvWindow  *self,
                              const char *path);

static void
files_free (Files *files)
{
  g_clear_object (&files->settings);
  g_free (files);
}

static Files *
get_files (IlvWindow *self)
{
  return g_object_get_data (G_OBJECT (self), FILES_KEY);
}

/* `message` is a format naming the file, then the reason. */
static void G_GNUC_PRINTF (2, 3)
show_file_error (IlvWindow  *self,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  ilv_window_show_error (self, message);
}

static void
show_nothing_to_save (IlvWindow *self,
                      gboolean   run)
{
  if (run)
    ilv_window_show_error (self, _("There is no run to save yet: press Run first."));
  else
    ilv_window_show_error (self, _("There is no valid scenario to save: choose one, or correct the fields marked in red."));
}

static void
update_chooser_menu (IlvWindow *self)
{
  Files *files = get_files (self);
  g_auto(GStrv) recent = NULL;
  g_autoptr(GMenuModel) menu = NULL;

  if (files->settings != NULL)
    recent = g_settings_get_strv (files->settings, "recent-files");
  menu = ilv_scenario_menu_new_chooser ("win.load-scenario", "win.open-recent",
                                        (const char * const *) recent);
  gtk_menu_button_set_menu_model (files->chooser, menu);
}

static void
add_recent (IlvWindow  *self,
            const char *path)
{
  Files *files = get_files (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) recent = NULL;
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  guint n = 1;

  if (files->settings == NULL)
    return;

  old = g_settings_get_strv (files->settings, "recent-files");
  g_strv_builder_add (builder, absolute);
  for (guint i = 0; old[i] != NULL && n < ILV_SCENARIO_MENU_MAX_RECENT; i++)
    if (!g_str_equal (old[i], absolute))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (files->settings, "recent-files", (const char * const *) recent);
}

/* A recent file that is gone is no use in the menu. */
static void
forget_recent (IlvWindow  *self,
               const char *path)
{
  Files *files = get_files (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) recent = NULL;

  if (files->settings == NULL)
    return;

  old = g_settings_get_strv (files->settings, "recent-files");
  for (guint i = 0; old[i] != NULL; i++)
    if (!g_str_equal (old[i], path))
      g_strv_builder_add (builder, old[i]);
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (files->settings, "recent-files", (const char * const *) recent);
}

static void
remember_folder (IlvWindow  *self,
                 const char *path)
{
  Files *files = get_files (self);
  g_autofree char *folder = g_path_get_dirname (path);

  if (files->settings != NULL)
    g_settings_set_string (files->settings, "last-folder", folder);
}

static void
dialog_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (dialog);
  IlvWindow *self = ILV_IS_WINDOW (parent) ? ILV_WINDOW (parent) : NULL;
  FileFunc func = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  /* The window may have closed while the dialog was open. */
  if (self != NULL && response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && func (self, path))
    remember_folder (self, path);

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, filter);
}

/* The dialog owns itself until it answers; `suggested` names a new file. */
static void
run_dialog (IlvWindow  *self,
            const char *title,
            const char *accept,
            const char *filter_name,
            const char *pattern,
            const char *suggested,
            FileFunc    func)
{
  Files *files = get_files (self);
  GtkFileChooserAction action = suggested != NULL ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                  : GTK_FILE_CHOOSER_ACTION_OPEN;
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                              accept, _("_Cancel"));
  g_autofree char *folder = NULL;

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  add_filter (GTK_FILE_CHOOSER (dialog), filter_name, pattern);
  if (files->settings != NULL)
    folder = g_settings_get_string (files->settings, "last-folder");
  if (folder != NULL && folder[0] != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) location = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), location, NULL);
    }
  if (suggested != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);

  g_signal_connect (dialog, "response", G_CALLBACK (dialog_response_cb), func);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* "Race condition: db_val += 1" → "race-condition-db_val-1" */
static char *
file_name_for (const char *title,
               const char *extension)
{
  g_autofree char *lower = g_utf8_strdown (title != NULL ? title : "", -1);
  GString *name = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_')
        g_string_append_c (name, *p);
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, "interleave");
  g_string_append (name, extension);
  return g_string_free (name, FALSE);
}

static void
open_scenario_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  run_dialog (user_data, _("Open Scenario"), _("_Open"), _("Scenarios"), "*.scenario",
              NULL, ilv_window_files_open_scenario);
}

static void
save_scenario_as_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  IlvWindow *self = user_data;
  IlvScenario *scenario = ilv_scenario_panel_get_scenario (get_files (self)->panel);
  g_autofree char *name = NULL;

  if (scenario == NULL)
    {
      show_nothing_to_save (self, FALSE);
      return;
    }
  name = file_name_for (scenario->name, ".scenario");
  run_dialog (self, _("Save Scenario"), _("_Save"), _("Scenarios"), "*.scenario",
              name, ilv_window_files_save_scenario);
}

static void
open_run_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  run_dialog (user_data, _("Open Recorded Run"), _("_Open"), _("Recorded runs (Chrome trace JSON)"),
              "*.json", NULL, ilv_window_files_open_run);
}

static void
save_run_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  IlvWindow *self = user_data;
  IlvTrace *trace = ilv_window_get_current_trace (self);
  g_autofree char *name = NULL;

  if (trace == NULL)
    {
      show_nothing_to_save (self, TRUE);
      return;
    }
  name = file_name_for (ilv_trace_get_title (trace), ".json");
  run_dialog (self, _("Save Run"), _("_Save"), _("Recorded runs (Chrome trace JSON)"), "*.json",
              name, ilv_window_files_save_run);
}

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  const char *path = g_variant_get_string (parameter, NULL);
  /* Recorded runs are kept beside scenarios: a lecture's prepared runs. */
  FileFunc open = g_str_has_suffix (path, ".json") ? ilv_window_files_open_run
                                                   : ilv_window_files_open_scenario;

  if (!open (user_data, path) && !g_file_test (path, G_FILE_TEST_EXISTS))
    forget_recent (user_data, path);
}

static void
set_style_changed (GSimpleAction *action,
                   GVariant      *value,
                   gpointer       user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (user_data));
  IlvStyleManager *manager = app != NULL ? g_object_get_data (G_OBJECT (app), STYLE_MANAGER_KEY) : NULL;
  IlvStyle style;

  if (!ilv_style_from_string (g_variant_get_string (value, NULL), &style))
    return;

  g_simple_action_set_state (action, value);
  if (manager != NULL)
    ilv_style_manager_set_style (manager, style);
}

static const GActionEntry file_actions[] = {
  { "open-scenario", open_scenario_activated },
  { "save-scenario-as", save_scenario_as_activated },
  { "open-run", open_run_activated },
  { "save-run", save_run_activated },
  { "open-recent", open_recent_activated, "s" },
  { "set-style", NULL, NULL, "'system'", set_style_changed },
};

/* What Run runs: NULL while a field is wrong, which disables Run. */
static void
panel_changed_cb (IlvScenarioPanel *panel,
                  IlvWindow        *self)
{
  ilv_window_set_edited_scenario (self, ilv_scenario_panel_get_scenario (panel));
}

static void
window_scenario_cb (IlvWindow  *self,
                    GParamSpec *pspec,
                    Files      *files)
{
  IlvScenario *scenario = ilv_window_get_scenario (self);

  ilv_scenario_panel_set_scenario (files->panel, scenario);
  gtk_label_set_label (files->chooser_label, scenario != NULL ? scenario->name : _("Choose Scenario"));
}

static IlvStyleManager *
ensure_style_manager (GtkApplication *app,
                      GSettings      *settings)
{
  IlvStyleManager *manager = g_object_get_data (G_OBJECT (app), STYLE_MANAGER_KEY);

  if (manager == NULL)
    {
      manager = ilv_style_manager_new (gtk_settings_get_default (), settings);
      g_object_set_data_full (G_OBJECT (app), STYLE_MANAGER_KEY, manager, g_object_unref);
    }
  return manager;
}

/* The application (and with it the settings) comes after init. */
static void
application_cb (IlvWindow  *self,
                GParamSpec *pspec,
                Files      *files)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GAction *style_action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-style");
  IlvStyleManager *manager;

  if (app == NULL || files->settings != NULL)
    return;

  if (ILV_IS_APPLICATION (app) && ilv_application_get_settings (ILV_APPLICATION (app)) != NULL)
    {
      files->settings = g_object_ref (ilv_application_get_settings (ILV_APPLICATION (app)));
      g_signal_connect_object (files->settings, "changed::recent-files",
                               G_CALLBACK (update_chooser_menu), self, G_CONNECT_SWAPPED);
    }
  manager = ensure_style_manager (app, files->settings);
  g_simple_action_set_state (G_SIMPLE_ACTION (style_action),
                             g_variant_new_string (ilv_style_to_string (ilv_style_manager_get_style (manager))));
  update_chooser_menu (self);
}

/* A label of its own, so that a long scenario name is cut short rather
 * than widening the header bar (and with it the window). */
static void
create_chooser (Files *files)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (_("Choose Scenario"));

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));

  files->chooser = GTK_MENU_BUTTON (gtk_menu_button_new ());
  files->chooser_label = GTK_LABEL (label);
  gtk_menu_button_set_child (files->chooser, box);
  gtk_widget_set_tooltip_text (GTK_WIDGET (files->chooser), _("Choose a Built-in Scenario or Open a File"));
  gtk_widget_add_css_class (GTK_WIDGET (files->chooser), "chooser");
}

void
ilv_window_files_install (IlvWindow *self)
{
  Files *files;

  g_return_if_fail (ILV_IS_WINDOW (self));
  g_return_if_fail (get_files (self) == NULL);

  files = g_new0 (Files, 1);
  g_object_set_data_full (G_OBJECT (self), FILES_KEY, files, (GDestroyNotify) files_free);
  g_action_map_add_action_entries (G_ACTION_MAP (self), file_actions, G_N_ELEMENTS (file_actions), self);

  create_chooser (files);
  ilv_window_set_chooser (self, GTK_WIDGET (files->chooser));
  update_chooser_menu (self);

  files->panel = ILV_SCENARIO_PANEL (ilv_scenario_panel_new ());
  ilv_window_set_side_panel (self, GTK_WIDGET (files->panel));
  g_signal_connect_object (files->panel, "changed", G_CALLBACK (panel_changed_cb), self, 0);

  g_signal_connect (self, "notify::scenario", G_CALLBACK (window_scenario_cb), files);
  g_signal_connect (self, "notify::application", G_CALLBACK (application_cb), files);
  window_scenario_cb (self, NULL, files);
  application_cb (self, NULL, files);
}

IlvScenarioPanel *
ilv_window_files_get_panel (IlvWindow *self)
{
  g_return_val_if_fail (ILV_IS_WINDOW (self) && get_files (self) != NULL, NULL);

  return get_files (self)->panel;
}

GtkMenuButton *
ilv_window_files_get_chooser (IlvWindow *self)
{
  g_return_val_if_fail (ILV_IS_WINDOW (self) && get_files (self) != NULL, NULL);

  return get_files (self)->chooser;
}

gboolean
ilv_window_files_open_scenario (IlvWindow  *self,
                                const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) scenario = NULL;

  g_return_val_if_fail (ILV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  scenario = ilv_scenario_new_from_file (path, NULL, &error);
  if (scenario == NULL)
    {
      /* The parser's message already names the file. */
      ilv_window_show_error (self, error->message);
      return FALSE;
    }

  ilv_window_load_scenario (self, scenario, NULL);
  add_recent (self, path);
  return TRUE;
}

gboolean
ilv_window_files_save_scenario (IlvWindow  *self,
                                const char *path)
{
  g_autoptr(GError) error = NULL;
  IlvScenario *scenario;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (ILV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The scenario as edited, which is what a lecturer means to keep; it
   * may have become wrong while the dialog was open. */
  scenario = ilv_scenario_panel_get_scenario (get_files (self)->panel);
  if (scenario == NULL)
    {
      show_nothing_to_save (self, FALSE);
      return FALSE;
    }

  data = ilv_scenario_to_data (scenario, &length);
  /* The error names the file and says why. */
  if (!ilv_atomic_file_set_contents (path, data, length, &error))
    {
      ilv_window_show_error (self, error->message);
      return FALSE;
    }

  add_recent (self, path);
  return TRUE;
}

gboolean
ilv_window_files_open_run (IlvWindow  *self,
                           const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvTrace) trace = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (ILV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_get_contents (path, &data, &length, &error))
    trace = ilv_chrome_trace_load (data, length, &error);
  if (trace == NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);

      /* A file error names the file already; a parse error does not. */
      if (error->domain == G_FILE_ERROR)
        ilv_window_show_error (self, error->message);
      else
        show_file_error (self, _("Could not open the run “%s”: %s"), name, error->message);
      return FALSE;
    }

  ilv_window_load_trace (self, trace);
  add_recent (self, path);
  return TRUE;
}

gboolean
ilv_window_files_save_run (IlvWindow  *self,
                           const char *path)
{
  g_autoptr(GError) error = NULL;
  IlvTrace *trace;

  g_return_val_if_fail (ILV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  trace = ilv_window_get_current_trace (self);
  if (trace == NULL)
    {
      show_nothing_to_save (self, TRUE);
      return FALSE;
    }

  if (!ilv_chrome_trace_save (trace, path, &error))
    {
      ilv_window_show_error (self, error->message);
      return FALSE;
    }
  add_recent (self, path);
  return TRUE;
}
