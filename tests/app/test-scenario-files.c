/* test-scenario-files.c: the scenario panel, the chooser, scenario and run files, and the style
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ilv-app-test.h"
#include "ilv-scenario-library.h"
#include "ilv-scenario-panel.h"
#include "ilv-style-manager.h"
#include "ilv-window-files.h"
#include "ilv-window.h"

static gboolean
is_info_bar (GtkWidget     *widget,
             gconstpointer  unused)
{
  return GTK_IS_INFO_BAR (widget);
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  unused)
{
  return GTK_IS_LABEL (widget);
}

static gboolean
is_label_text (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* The banner's text when it is shown, else NULL. */
static const char *
banner_text (IlvWindow *window)
{
  GtkWidget *bar = ilv_app_test_find_widget (GTK_WIDGET (window), is_info_bar, NULL);
  GtkWidget *label;

  g_assert_nonnull (bar);
  if (!gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)))
    return NULL;
  label = ilv_app_test_find_widget (bar, is_label, NULL);
  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

static gboolean
run_enabled (IlvWindow *window)
{
  return gtk_widget_get_sensitive (ilv_app_test_get_button (window, "win.run-scenario"));
}

static void
set_text (IlvScenarioPanel *panel,
          const char       *section,
          const char       *key,
          const char       *text)
{
  GtkWidget *input = ilv_scenario_panel_get_field (panel, section, key);

  g_assert_nonnull (input);
  if (GTK_IS_TEXT_VIEW (input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (input), text);
}

static void
changed_cb (IlvScenarioPanel *panel,
            guint            *count)
{
  (*count)++;
}

/* Every edit reparses: a wrong count shows the parser's words under the
 * field and leaves no scenario; fixing it gives the edited scenario. */
static void
test_panel_edit (void)
{
  g_autoptr(IlvScenario) loaded = ilv_scenario_library_load ("race-condition", NULL, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *panel = ilv_scenario_panel_new ();
  IlvScenarioPanel *p = ILV_SCENARIO_PANEL (panel);
  IlvScenario *edited;
  const char *error;
  guint changes = 0;

  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (panel, "changed", G_CALLBACK (changed_cb), &changes);

  g_assert_false (ilv_scenario_panel_get_valid (p));
  ilv_scenario_panel_set_scenario (p, loaded);
  g_assert_true (ilv_scenario_panel_get_valid (p));
  g_assert_true (ilv_scenario_panel_get_scenario (p) == loaded);
  g_assert_cmpuint (changes, ==, 0);

  set_text (p, "Workers increase", "Count", "300");
  g_assert_cmpuint (changes, >=, 1);
  g_assert_false (ilv_scenario_panel_get_valid (p));
  g_assert_null (ilv_scenario_panel_get_scenario (p));
  error = ilv_scenario_panel_get_error (p, "Workers increase", "Count");
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "256"));
  g_assert_null (strstr (error, "builtin:"));   /* the file and section are the field's place */
  g_assert_true (gtk_widget_has_css_class (ilv_scenario_panel_get_field (p, "Workers increase", "Count"), "error"));
  g_assert_null (ilv_scenario_panel_get_error (p, "Workers increase", "Program"));

  set_text (p, "Workers increase", "Count", "3");
  g_assert_true (ilv_scenario_panel_get_valid (p));
  g_assert_null (ilv_scenario_panel_get_error (p, "Workers increase", "Count"));
  g_assert_false (gtk_widget_has_css_class (ilv_scenario_panel_get_field (p, "Workers increase", "Count"), "error"));
  edited = ilv_scenario_panel_get_scenario (p);
  g_assert_cmpuint (((IlvWorkerGroup *) g_ptr_array_index (edited->groups, 0))->count, ==, 3);
  g_assert_true (edited->gil);

  gtk_switch_set_active (GTK_SWITCH (ilv_scenario_panel_get_field (p, "Scenario", "GIL")), FALSE);
  edited = ilv_scenario_panel_get_scenario (p);
  g_assert_nonnull (edited);
  g_assert_false (edited->gil);
  g_assert_cmpuint (((IlvWorkerGroup *) g_ptr_array_index (edited->groups, 0))->count, ==, 3);

  /* A program on two lines parses; a step that does not exist does not. */
  set_text (p, "Workers increase", "Program", "load db_val; add 1\nsleep 2ms; store db_val");
  g_assert_true (ilv_scenario_panel_get_valid (p));
  set_text (p, "Workers increase", "Program", "load db_val; frobnicate 3");
  g_assert_false (ilv_scenario_panel_get_valid (p));
  g_assert_nonnull (strstr (ilv_scenario_panel_get_error (p, "Workers increase", "Program"), "frobnicate"));

  set_text (p, "Workers increase", "Program", "load db_val; add 1; store db_val");
  set_text (p, "Scenario", "SwitchInterval", "soon");
  g_assert_false (ilv_scenario_panel_get_valid (p));
  g_assert_nonnull (ilv_scenario_panel_get_error (p, "Scenario", "SwitchInterval"));
  g_assert_null (ilv_scenario_panel_get_error (p, "Workers increase", "Program"));

  /* Undo All Edits: back to the scenario as loaded, fields and all. */
  {
    GtkWidget *reset = ilv_app_test_find_widget (panel, is_label_text, "_Undo All Edits");
    guint before = changes;

    g_assert_nonnull (reset);
    reset = gtk_widget_get_ancestor (reset, GTK_TYPE_BUTTON);
    g_assert_true (gtk_widget_get_sensitive (reset));
    g_signal_emit_by_name (reset, "clicked");
    g_assert_cmpuint (changes, ==, before + 1);
    g_assert_true (ilv_scenario_panel_get_scenario (p) == loaded);
    g_assert_null (ilv_scenario_panel_get_error (p, "Scenario", "SwitchInterval"));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ilv_scenario_panel_get_field (p, "Workers increase", "Count"))), ==, "2");
    g_assert_false (gtk_widget_get_sensitive (reset));
  }

  /* Start, stop and daemon: TerminateAt only where the scenario has it. */
  g_assert_nonnull (ilv_scenario_panel_get_field (p, "Workers increase", "StartAt"));
  g_assert_nonnull (ilv_scenario_panel_get_field (p, "Workers increase", "Daemon"));
  g_assert_null (ilv_scenario_panel_get_field (p, "Workers increase", "TerminateAt"));
  set_text (p, "Workers increase", "StartAt", "20ms");
  g_assert_cmpint (((IlvWorkerGroup *) g_ptr_array_index (ilv_scenario_panel_get_scenario (p)->groups, 0))->start_at_ns, ==, 20 * G_TIME_SPAN_MILLISECOND * 1000);
  set_text (p, "Workers increase", "StartAt", "20");
  g_assert_nonnull (ilv_scenario_panel_get_error (p, "Workers increase", "StartAt"));
  set_text (p, "Workers increase", "StartAt", "0ms");
  g_assert_true (ilv_scenario_panel_get_valid (p));
  {
    g_autoptr(IlvScenario) terminate = ilv_scenario_library_load ("terminate-holding-lock", NULL, NULL);

    ilv_scenario_panel_set_scenario (p, terminate);
    g_assert_nonnull (ilv_scenario_panel_get_field (p, "Workers victim", "TerminateAt"));
    set_text (p, "Workers victim", "TerminateAt", "-5ms");
    g_assert_nonnull (strstr (ilv_scenario_panel_get_error (p, "Workers victim", "TerminateAt"), "negative"));
  }

  /* A queue's capacity and a barrier's parties are fields too. */
  {
    g_autoptr(IlvScenario) barrier = ilv_scenario_library_load ("barrier", NULL, NULL);
    IlvResource *r = g_ptr_array_index (barrier->resources, 0);
    g_autofree char *section = g_strdup_printf ("Barrier %s", r->name);

    g_assert_cmpint (r->kind, ==, ILV_RESOURCE_BARRIER);
    ilv_scenario_panel_set_scenario (p, barrier);
    g_assert_true (ilv_scenario_panel_get_valid (p));
    g_assert_nonnull (ilv_scenario_panel_get_field (p, section, "Parties"));
    set_text (p, section, "Parties", "0");
    g_assert_false (ilv_scenario_panel_get_valid (p));
    g_assert_nonnull (ilv_scenario_panel_get_error (p, section, "Parties"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* In the window: a wrong count disables Run; the edit is what runs. */
static void
window_edit_body (IlvWindow *window)
{
  IlvScenarioPanel *panel = ilv_window_files_get_panel (window);
  IlvScenario *ran;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", "race-condition"));
  g_assert_true (ilv_scenario_panel_get_valid (panel));
  g_assert_nonnull (ilv_app_test_find_widget (GTK_WIDGET (ilv_window_files_get_chooser (window)), is_label_text,
                                ilv_window_get_scenario (window)->name));
  g_assert_true (run_enabled (window));

  set_text (panel, "Workers increase", "Count", "0");
  g_assert_nonnull (ilv_scenario_panel_get_error (panel, "Workers increase", "Count"));
  g_assert_false (run_enabled (window));

  set_text (panel, "Workers increase", "Count", "3");
  g_assert_true (run_enabled (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  while (!ilv_app_test_is_finished (window))
    g_main_context_iteration (NULL, TRUE);
  /* Three increments: three lanes of workers, the last one ran after the edit. */
  ran = ilv_scenario_panel_get_scenario (panel);
  g_assert_cmpuint (ilv_scenario_count_workers (ran, ILV_WORKER_THREAD), ==, 3);
  g_assert_null (banner_text (window));
}

static gboolean
menu_has_label (GMenuModel *menu,
                const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_strcmp0 (text, label) == 0)
        return TRUE;
      if ((section != NULL && menu_has_label (section, label)) ||
          (submenu != NULL && menu_has_label (submenu, label)))
        return TRUE;
    }
  return FALSE;
}

static GtkWindow *
find_file_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* The action opens a file dialog for the window, which answers Cancel
 * without harm (what a chosen file does is tested through the calls the
 * dialog makes). */
static void
cancel_dialog (IlvWindow            *window,
               const char           *action,
               GtkFileChooserAction  expected)
{
  GtkWindow *dialog;

  g_assert_null (find_file_dialog ());
  g_action_group_activate_action (G_ACTION_GROUP (window), action, NULL);
  while ((dialog = find_file_dialog ()) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==, expected);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  while (find_file_dialog () != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Save the edited scenario, open it again from the recent files; save a
 * run and open it back; a broken file gives a banner naming it. */
static void
window_files_body (IlvWindow *window)
{
  g_autofree char *dir = g_dir_make_tmp ("interleave-files-XXXXXX", NULL);
  g_autofree char *scenario_path = g_build_filename (dir, "locked-race.scenario", NULL);
  g_autofree char *run_path = g_build_filename (dir, "race run.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "notes.json", NULL);
  GMenuModel *menu;
  IlvScenarioPanel *panel = ilv_window_files_get_panel (window);
  g_autoptr(IlvScenario) reread = NULL;
  g_autoptr(IlvTrace) ran = NULL;
  guint n_traces = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", "race-condition"));
  menu = gtk_menu_button_get_menu_model (ilv_window_files_get_chooser (window));
  g_assert_true (menu_has_label (menu, "Race condition: db__val += 1"));
  g_assert_false (menu_has_label (menu, "locked-race.scenario"));

  set_text (panel, "Workers increase", "Count", "4");
  g_assert_true (ilv_window_files_save_scenario (window, scenario_path));
  reread = ilv_scenario_new_from_file (scenario_path, NULL, NULL);
  g_assert_nonnull (reread);
  g_assert_true (ilv_scenario_equal (reread, ilv_scenario_panel_get_scenario (panel)));
  menu = gtk_menu_button_get_menu_model (ilv_window_files_get_chooser (window));
  g_assert_true (menu_has_label (menu, "locked-race.scenario"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", "deadlock"));
  cancel_dialog (window, "open-scenario", GTK_FILE_CHOOSER_ACTION_OPEN);
  cancel_dialog (window, "save-scenario-as", GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_true (ilv_window_files_open_scenario (window, scenario_path));
  g_assert_true (ilv_scenario_equal (ilv_window_get_scenario (window), reread));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-scenario", "s", "deadlock"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "open-recent"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-recent", g_variant_new_string (scenario_path));
  g_assert_true (ilv_scenario_equal (ilv_window_get_scenario (window), reread));
  g_assert_null (banner_text (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-scenario", NULL));
  while (!ilv_app_test_is_finished (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ilv_window_files_save_run (window, run_path));
  menu = gtk_menu_button_get_menu_model (ilv_window_files_get_chooser (window));
  g_assert_true (menu_has_label (menu, "race run.json"));
  /* A saved run opens again from the recent files: a new trace, as long. */
  ran = ilv_trace_ref (ilv_window_get_current_trace (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-recent", g_variant_new_string (run_path));
  ilv_window_get_current_traces (window, &n_traces);
  g_assert_cmpuint (n_traces, ==, 1);
  g_assert_true (ilv_window_get_current_trace (window) != ran);
  g_assert_cmpuint (ilv_trace_get_n_lanes (ilv_window_get_current_trace (window)), ==, ilv_trace_get_n_lanes (ran));
  g_assert_true (ilv_trace_is_finished (ilv_window_get_current_trace (window)));
  g_assert_true (ilv_window_files_open_run (window, run_path));
  ilv_window_get_current_traces (window, &n_traces);
  g_assert_cmpuint (n_traces, ==, 1);
  g_assert_cmpuint (ilv_trace_get_n_lanes (ilv_window_get_current_trace (window)), >=, 4);

  g_assert_true (g_file_set_contents (bad_path, "{\"traceEvents\": [", -1, NULL));
  cancel_dialog (window, "open-run", GTK_FILE_CHOOSER_ACTION_OPEN);
  cancel_dialog (window, "save-run", GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_false (ilv_window_files_open_run (window, bad_path));
  g_assert_nonnull (banner_text (window));
  g_assert_nonnull (strstr (banner_text (window), "notes.json"));

  /* A recent file that has gone: a banner says so, and the menu forgets it. */
  gtk_info_bar_set_revealed (GTK_INFO_BAR (ilv_app_test_find_widget (GTK_WIDGET (window), is_info_bar, NULL)), FALSE);
  g_remove (scenario_path);
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-recent", g_variant_new_string (scenario_path));
  g_assert_nonnull (banner_text (window));
  g_assert_nonnull (strstr (banner_text (window), "locked-race.scenario"));
  menu = gtk_menu_button_get_menu_model (ilv_window_files_get_chooser (window));
  g_assert_false (menu_has_label (menu, "locked-race.scenario"));

  g_remove (run_path);
  g_remove (bad_path);
  g_rmdir (dir);
}

static gboolean
prefers_dark (void)
{
  gboolean dark = FALSE;

  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  return dark;
}

/* With no session bus, "system" is light and nothing is printed; the
 * setting and the window's action choose light or dark. */
static void
window_style_body (IlvWindow *window)
{
  GSettings *settings = ilv_application_get_settings (ILV_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));

  g_assert_nonnull (settings);
  g_assert_false (prefers_dark ());
  g_action_group_change_action_state (G_ACTION_GROUP (window), "set-style", g_variant_new_string ("dark"));
  g_assert_true (prefers_dark ());
  g_assert_cmpstr (g_settings_get_string (settings, "style"), ==, "dark");
  g_settings_set_string (settings, "style", "light");
  g_assert_false (prefers_dark ());
  g_settings_set_string (settings, "style", "system");
  g_assert_false (prefers_dark ());
}

/* A stand-in for the desktop's Settings portal on a private bus. */
static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Settings'>"
  "    <method name='Read'>"
  "      <arg type='s' name='namespace' direction='in'/>"
  "      <arg type='s' name='key' direction='in'/>"
  "      <arg type='v' name='value' direction='out'/>"
  "    </method>"
  "    <signal name='SettingChanged'>"
  "      <arg type='s' name='namespace'/>"
  "      <arg type='s' name='key'/>"
  "      <arg type='v' name='value'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

static guint portal_reads;

static void
portal_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  const char *space = NULL;
  const char *key = NULL;

  g_variant_get (parameters, "(&s&s)", &space, &key);
  portal_reads++;
  if (g_str_equal (space, "org.freedesktop.appearance") && g_str_equal (key, "color-scheme"))
    /* The portal's version 1 wraps the value twice. */
    g_dbus_method_invocation_return_value (invocation,
      g_variant_new ("(v)", g_variant_new_variant (g_variant_new_uint32 (1))));
  else
    g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.portal.Error.NotFound",
                                                "no such setting");
}

static gboolean
manager_dark (IlvStyleManager *manager)
{
  return ilv_style_manager_get_system_dark (manager);
}

static gboolean
manager_light (IlvStyleManager *manager)
{
  return !ilv_style_manager_get_system_dark (manager);
}

static void
wait_manager (IlvStyleManager *manager,
              gboolean       (*done) (IlvStyleManager *manager))
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (manager) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done (manager));
}

/* The desktop says dark: "system" turns dark; it changes its mind: light. */
static void
test_style_portal (void)
{
  g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  IlvStyleManager *manager;
  GDBusInterfaceVTable vtable = { portal_method_cb, NULL, NULL, { 0 } };
  guint object_id;
  guint owner_id;

  g_test_dbus_up (bus);
  connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_assert_nonnull (connection);
  info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  object_id = g_dbus_connection_register_object (connection, "/org/freedesktop/portal/desktop",
                                                 info->interfaces[0], &vtable, NULL, NULL, NULL);
  owner_id = g_bus_own_name_on_connection (connection, "org.freedesktop.portal.Desktop",
                                           G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);

  manager = ilv_style_manager_new (gtk_settings_get_default (), NULL);
  g_assert_false (ilv_style_manager_get_dark (manager));
  wait_manager (manager, manager_dark);
  g_assert_cmpuint (portal_reads, ==, 1);
  g_assert_true (ilv_style_manager_get_dark (manager));
  g_assert_true (prefers_dark ());

  ilv_style_manager_set_style (manager, ILV_STYLE_LIGHT);
  g_assert_false (prefers_dark ());
  ilv_style_manager_set_style (manager, ILV_STYLE_SYSTEM);
  g_assert_true (prefers_dark ());

  g_dbus_connection_emit_signal (connection, NULL, "/org/freedesktop/portal/desktop",
                                 "org.freedesktop.portal.Settings", "SettingChanged",
                                 g_variant_new ("(ssv)", "org.freedesktop.appearance", "color-scheme",
                                                g_variant_new_uint32 (2)),
                                 NULL);
  wait_manager (manager, manager_light);
  g_assert_false (prefers_dark ());

  g_object_unref (manager);
  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (connection, object_id);
  g_clear_object (&connection);
  g_test_dbus_down (bus);
}

static void
test_style_names (void)
{
  IlvStyle style = ILV_STYLE_SYSTEM;

  g_assert_cmpstr (ilv_style_to_string (ILV_STYLE_DARK), ==, "dark");
  g_assert_true (ilv_style_from_string ("light", &style));
  g_assert_cmpint (style, ==, ILV_STYLE_LIGHT);
  g_assert_false (ilv_style_from_string ("purple", &style));
}

int
main (int   argc,
      char *argv[])
{
  /* No session bus: the style must fall back quietly (warnings are fatal). */
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_unsetenv ("XDG_RUNTIME_DIR");
  if (!ilv_app_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/app/scenario-panel/edit", test_panel_edit);
  ilv_app_test_add ("/app/scenario-panel/window-edit", window_edit_body);
  ilv_app_test_add ("/app/files/save-open", window_files_body);
  ilv_app_test_add ("/app/style/window", window_style_body);
  g_test_add_func ("/app/style/names", test_style_names);
  g_test_add_func ("/app/style/portal", test_style_portal);

  return g_test_run ();
}
