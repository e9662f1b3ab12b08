/* ilv-scenario-menu.h: the built-in scenarios as a menu, grouped by topic
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The header bar's chooser: a submenu per topic of built-ins (activating
 * `builtin_action` with the id), the `recent` scenario and run files
 * (activating `recent_action` with the path; at most
 * ILV_SCENARIO_MENU_MAX_RECENT),
 * and the file actions win.open-scenario, win.save-scenario-as,
 * win.open-run and win.save-run. */
GMenuModel *ilv_scenario_menu_new_chooser (const char         *builtin_action,
                                           const char         *recent_action,
                                           const char * const *recent);

#define ILV_SCENARIO_MENU_MAX_RECENT 10

G_END_DECLS
