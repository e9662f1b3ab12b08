/* ilv-window-private.h: what the main window's files share
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-lane-table.h"
#include "ilv-run.h"
#include "ilv-summary-strip.h"
#include "ilv-timeline-view.h"
#include "ilv-window.h"

G_BEGIN_DECLS

struct _IlvWindow
{
  GtkApplicationWindow   parent_instance;

  GtkHeaderBar          *header_bar;
  GtkToggleButton       *panel_button;
  GtkBox                *chooser_slot;
  GtkLabel              *run_label;
  GtkInfoBar            *banner;
  GtkLabel              *banner_label;
  GtkPaned              *paned;
  GtkBox                *side_panel_slot;
  GtkWidget             *notes;
  GtkLabel              *scenario_title;
  GtkLabel              *scenario_description;
  GtkStack              *stack;
  IlvSummaryStrip       *summary_strip;
  GtkLabel              *run_status;
  GtkWidget             *details;
  GtkStack              *timeline_stack;
  GtkWidget             *strip_row;
  IlvTimelineView       *timeline;
  GtkLabel              *run_summary;
  IlvLaneTable          *lane_table;

  GtkShortcutController *presentation_keys;

  IlvScenario           *scenario;
  /* What Run runs: the scenario as edited in the side panel; NULL while
   * the edit does not parse. Equal to `scenario` until an edit. */
  IlvScenario           *edited;
  char                  *scenario_id;
  IlvRun                *run;
  /* IlvTrace*: the kept runs, then the current one (if any). */
  GPtrArray             *traces;
  guint                  n_kept;
  guint                  slow_motion;
  gboolean               presenting;
  char                  *theme;       /* "auto", "light", "dark", "high-contrast" */
  guint                  table_idle;
  guint                  live_frame;
  /* The session: being read back, and the run stopping as the window
   * closes (it is saved, then the window goes). */
  GCancellable          *session_restore;
  gboolean               session_connected;
  gboolean               closing;
};

/* ilv-window.c */
GSettings  *ilv_window_get_settings        (IlvWindow  *self);
gboolean    ilv_window_is_running          (IlvWindow  *self);
void        ilv_window_update_actions      (IlvWindow  *self);
void        ilv_window_run                 (IlvWindow  *self);
void        ilv_window_show_traces         (IlvWindow  *self);
void        ilv_window_update_selection    (IlvWindow  *self);
gboolean    ilv_window_load_builtin        (IlvWindow  *self,
                                            const char *id,
                                            GError    **error);
/* Shows runs read back, the last one as the current run. */
void        ilv_window_show_runs           (IlvWindow  *self,
                                            IlvTrace * const *traces,
                                            guint       n_traces,
                                            guint       n_kept);

/* ilv-window-actions.c */
void        ilv_window_class_install_actions (GtkWidgetClass *widget_class);
void        ilv_window_actions_init        (IlvWindow  *self);
void        ilv_window_apply_theme         (IlvWindow  *self);
void        ilv_window_set_presenting      (IlvWindow  *self,
                                            gboolean    presenting);

/* ilv-window-session.c: with the restore-session setting on, the runs
 * shown are saved as the session (in a thread) and read back when the
 * window opens. */
void        ilv_window_session_save        (IlvWindow  *self);
void        ilv_window_session_restore     (IlvWindow  *self);
void        ilv_window_session_cancel      (IlvWindow  *self);

G_END_DECLS
