/* ilv-scenario-menu.h: the built-in scenarios as a menu, grouped by topic
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One section per topic, one item per scenario; each item activates
 * `action` with the scenario's id as a string target. */
GMenuModel *ilv_scenario_menu_new (const char *action);

G_END_DECLS
