/* ilv-window.h: the main window
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ilv-application.h"
#include "ilv-scenario.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

#define ILV_TYPE_WINDOW (ilv_window_get_type ())

/* Runs compared one under the other at most. */
#define ILV_WINDOW_MAX_RUNS 4

G_DECLARE_FINAL_TYPE (IlvWindow, ilv_window, ILV, WINDOW, GtkApplicationWindow)

IlvWindow   *ilv_window_new          (IlvApplication *application);
IlvScenario *ilv_window_get_scenario (IlvWindow      *self);
/* Loads a scenario into the window: this enables win.run-scenario. NULL
 * unloads it. */
void         ilv_window_set_scenario (IlvWindow      *self,
                                      IlvScenario    *scenario);
/* Like ilv_window_set_scenario(); `builtin_id` names a built-in scenario
 * (remembered as the last scenario), or is NULL for one from a file. */
void         ilv_window_load_scenario (IlvWindow     *self,
                                       IlvScenario   *scenario,
                                       const char    *builtin_id);
/* Shows a recorded run (read back from a file) as the current run, as if
 * it had just finished; kept runs stay above it. */
void         ilv_window_load_trace   (IlvWindow      *self,
                                      IlvTrace       *trace);
/* The runs on screen, kept ones first and the current one last (it may
 * still be going on). Returns the array (owned by the window, valid until
 * the next run) and sets `n_traces`; NULL and 0 when there is none. */
IlvTrace * const *ilv_window_get_current_traces (IlvWindow *self,
                                                 guint     *n_traces);
/* The current (last) run's trace, or NULL. */
IlvTrace    *ilv_window_get_current_trace (IlvWindow *self);
/* Shows an error in the window's banner (not only on stderr). */
void         ilv_window_show_error   (IlvWindow      *self,
                                      const char     *message);
/* Puts `panel` (the scenario editor) in the side panel in place of the
 * read-only notes. */
void         ilv_window_set_side_panel (IlvWindow    *self,
                                        GtkWidget    *panel);
/* The edited version of the loaded scenario: what Run runs from now on.
 * NULL while the edit does not parse: Run is then disabled. The runs
 * shown stay. */
void         ilv_window_set_edited_scenario (IlvWindow   *self,
                                             IlvScenario *scenario);
/* Puts `chooser` in the header bar in place of the built-in scenario
 * menu button. */
void         ilv_window_set_chooser  (IlvWindow      *self,
                                      GtkWidget      *chooser);

G_END_DECLS
