/* ilv-app-test.h: what the window tests share: running the application
 * around a test body, finding widgets, waiting for a run and its frames
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ilv-timeline-view.h"
#include "ilv-window.h"

G_BEGIN_DECLS

/* How long a whole window test may take before it fails. */
#define ILV_APP_TEST_TIMEOUT_SECONDS 60
/* How long one step of it (a run, a gesture and what it should do) may
 * take. */
#define ILV_APP_TEST_STEP_SECONDS 20

typedef void     (*IlvAppTestBody)      (IlvWindow    *window);
typedef gboolean (*IlvAppTestMatch)     (GtkWidget    *widget,
                                         gconstpointer data);
typedef gboolean (*IlvAppTestCondition) (gpointer      data);

gboolean         ilv_app_test_has_display          (void);
gboolean         ilv_app_test_skip_without_display (void);

/* Running: GTK for the test program, the application around a body. */
gboolean         ilv_app_test_init              (int                  *argc,
                                                 char               ***argv);
guint            ilv_app_test_add_timeout       (guint                 seconds);
void             ilv_app_test_run               (IlvAppTestBody        body);
void             ilv_app_test_add               (const char           *path,
                                                 IlvAppTestBody        body);

/* Finding widgets. */
GtkWidget       *ilv_app_test_find_widget       (GtkWidget            *root,
                                                 IlvAppTestMatch       match,
                                                 gconstpointer         data);
GtkWidget       *ilv_app_test_find_type         (GtkWidget            *root,
                                                 GType                 type);
gboolean         ilv_app_test_is_action         (GtkWidget            *widget,
                                                 gconstpointer         action_name);
GtkWidget       *ilv_app_test_get_child         (IlvWindow            *window,
                                                 GType                 type);
GtkWidget       *ilv_app_test_get_button        (IlvWindow            *window,
                                                 const char           *action_name);
GtkWidget       *ilv_app_test_find_tooltip      (IlvWindow            *window);
IlvTimelineView *ilv_app_test_get_view          (IlvWindow            *window);

/* Conditions on the window (an IlvWindow): its current run has
 * finished; the timeline has laid out all its runs, with lanes; it is
 * in presentation mode, or not. */
gboolean         ilv_app_test_is_finished       (gpointer              window);
gboolean         ilv_app_test_frame_drawn       (gpointer              window);
gboolean         ilv_app_test_is_presenting     (gpointer              window);
gboolean         ilv_app_test_is_not_presenting (gpointer              window);

/* Waiting: the main loop runs meanwhile; a step that does not happen
 * within ILV_APP_TEST_STEP_SECONDS fails the test, saying `what` it
 * waited for. */
void             ilv_app_test_wait_until        (IlvAppTestCondition   done,
                                                 gpointer              data,
                                                 const char           *what);
void             ilv_app_test_wait_frames       (IlvWindow            *window,
                                                 guint                 n);

/* Runs. */
void             ilv_app_test_set_scenario      (IlvWindow            *window,
                                                 const char           *source,
                                                 const char           *text);
void             ilv_app_test_run_builtin       (IlvWindow            *window,
                                                 const char           *id);

G_END_DECLS
