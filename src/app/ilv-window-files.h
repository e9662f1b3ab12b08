/* ilv-window-files.h: the window's scenario panel, chooser and files
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-scenario-panel.h"
#include "ilv-window.h"

G_BEGIN_DECLS

/* Puts the scenario panel in the side panel and the chooser (built-ins by
 * topic, recent files, file actions) in the header bar, and adds
 * win.open-scenario, win.save-scenario-as, win.open-run, win.save-run,
 * win.open-recent (a path) and win.set-style ("system", "light", "dark").
 * Call once, from the window's init. */
void              ilv_window_files_install       (IlvWindow  *self);

IlvScenarioPanel *ilv_window_files_get_panel     (IlvWindow  *self);
GtkMenuButton    *ilv_window_files_get_chooser   (IlvWindow  *self);

/* What the file dialogs do once a file is chosen. Each returns FALSE when
 * it failed, after showing why in the window's banner. */
gboolean          ilv_window_files_open_scenario (IlvWindow  *self,
                                                  const char *path);
gboolean          ilv_window_files_save_scenario (IlvWindow  *self,
                                                  const char *path);
gboolean          ilv_window_files_open_run      (IlvWindow  *self,
                                                  const char *path);
gboolean          ilv_window_files_save_run      (IlvWindow  *self,
                                                  const char *path);

G_END_DECLS
