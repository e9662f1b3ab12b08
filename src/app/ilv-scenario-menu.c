/* ilv-scenario-menu.c: the built-in scenarios as a menu, grouped by topic
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-scenario-library.h"
#include "ilv-scenario-menu.h"

static void
append_target (GMenu      *section,
               const char *text,
               const char *action,
               const char *target)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);
  /* Menu labels take "_" as a mnemonic; a name like "db_val" needs "__". */
  g_autofree char *label = g_strjoinv ("__", parts);
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (target));
  g_menu_append_item (section, item);
}

static void
append_item (GMenu                 *section,
             const IlvScenarioInfo *info,
             const char            *action)
{
  append_target (section, info->name, action, info->id);
}

/* A submenu per topic: the built-ins in sections would be taller than a
 * screen. */
static void
append_builtins (GMenu      *menu,
                 const char *action)
{
  g_autoptr(GPtrArray) list = ilv_scenario_library_list ();
  g_autoptr(GMenu) section = NULL;
  const char *topic = NULL;

  for (guint i = 0; i < list->len; i++)
    {
      const IlvScenarioInfo *info = g_ptr_array_index (list, i);
      const char *this_topic = info->topic != NULL ? info->topic : _("Other");

      if (section == NULL || g_strcmp0 (topic, this_topic) != 0)
        {
          if (section != NULL)
            g_menu_append_submenu (menu, topic, G_MENU_MODEL (section));
          g_clear_object (&section);
          section = g_menu_new ();
          topic = this_topic;
        }
      append_item (section, info, action);
    }
  if (section != NULL)
    g_menu_append_submenu (menu, topic, G_MENU_MODEL (section));
}

static GMenu *
new_files_section (void)
{
  GMenu *files = g_menu_new ();

  g_menu_append (files, _("_Open Scenario File…"), "win.open-scenario");
  g_menu_append (files, _("Save Scenario _As…"), "win.save-scenario-as");
  g_menu_append (files, _("Open Recorded R_un…"), "win.open-run");
  g_menu_append (files, _("Save This _Run…"), "win.save-run");
  return files;
}

/**
 * ilv_scenario_menu_new_chooser:
 * @builtin_action: a detailed action name taking a built-in's id
 * @recent_action: a detailed action name taking a path
 * @recent: (nullable): recent files, newest first
 *
 * Returns: (transfer full): the chooser's menu
 */
GMenuModel *
ilv_scenario_menu_new_chooser (const char         *builtin_action,
                               const char         *recent_action,
                               const char * const *recent)
{
  GMenu *menu;
  g_autoptr(GMenu) builtins = g_menu_new ();
  g_autoptr(GMenu) recents = g_menu_new ();
  g_autoptr(GMenu) files = new_files_section ();

  g_return_val_if_fail (builtin_action != NULL && recent_action != NULL, NULL);

  append_builtins (builtins, builtin_action);
  for (guint i = 0; recent != NULL && recent[i] != NULL && i < ILV_SCENARIO_MENU_MAX_RECENT; i++)
    {
      g_autofree char *name = g_path_get_basename (recent[i]);

      append_target (recents, name, recent_action, recent[i]);
    }

  menu = g_menu_new ();
  g_menu_append_section (menu, _("Built-in Scenarios"), G_MENU_MODEL (builtins));
  if (g_menu_model_get_n_items (G_MENU_MODEL (recents)) > 0)
    g_menu_append_section (menu, _("Recent Files"), G_MENU_MODEL (recents));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (files));
  return G_MENU_MODEL (menu);
}
