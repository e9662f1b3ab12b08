/* ilv-window.h: the main window
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ilv-application.h"
#include "ilv-scenario.h"

G_BEGIN_DECLS

#define ILV_TYPE_WINDOW (ilv_window_get_type ())

G_DECLARE_FINAL_TYPE (IlvWindow, ilv_window, ILV, WINDOW, GtkApplicationWindow)

IlvWindow   *ilv_window_new          (IlvApplication *application);
IlvScenario *ilv_window_get_scenario (IlvWindow      *self);
/* Loads a scenario into the window: this enables win.run-scenario. NULL
 * unloads it. */
void         ilv_window_set_scenario (IlvWindow      *self,
                                      IlvScenario    *scenario);

G_END_DECLS
