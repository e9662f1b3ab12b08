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
append_item (GMenu                 *section,
             const IlvScenarioInfo *info,
             const char            *action)
{
  g_auto(GStrv) parts = g_strsplit (info->name, "_", -1);
  /* Menu labels take "_" as a mnemonic; a name like "db_val" needs "__". */
  g_autofree char *label = g_strjoinv ("__", parts);
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (info->id));
  g_menu_append_item (section, item);
}

/**
 * ilv_scenario_menu_new:
 * @action: a detailed action name taking a string, such as "win.load-scenario"
 *
 * Returns: (transfer full): the menu of built-in scenarios
 */
GMenuModel *
ilv_scenario_menu_new (const char *action)
{
  g_autoptr(GPtrArray) list = ilv_scenario_library_list ();
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = NULL;
  const char *topic = NULL;

  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < list->len; i++)
    {
      const IlvScenarioInfo *info = g_ptr_array_index (list, i);
      const char *this_topic = info->topic != NULL ? info->topic : _("Other");

      if (section == NULL || g_strcmp0 (topic, this_topic) != 0)
        {
          if (section != NULL)
            g_menu_append_section (menu, topic, G_MENU_MODEL (section));
          g_clear_object (&section);
          section = g_menu_new ();
          topic = this_topic;
        }
      append_item (section, info, action);
    }
  if (section != NULL)
    g_menu_append_section (menu, topic, G_MENU_MODEL (section));

  return G_MENU_MODEL (menu);
}
