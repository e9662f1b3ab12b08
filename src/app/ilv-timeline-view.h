/* ilv-timeline-view.h: the timeline widget: runs drawn live, explored by zoom, pan and selection
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ilv-render-options.h"
#include "ilv-timeline-layout.h"
#include "ilv-timeline-model.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

#define ILV_TYPE_TIMELINE_VIEW (ilv_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (IlvTimelineView, ilv_timeline_view, ILV, TIMELINE_VIEW, GtkWidget)

/* Zoom step of Ctrl+plus / Ctrl+minus and of one scroll notch. */
#define ILV_TIMELINE_ZOOM_STEP 1.5

GtkWidget        *ilv_timeline_view_new         (void);
IlvTimelineModel *ilv_timeline_view_get_model   (IlvTimelineView   *self);
/* 1–4 runs one under the other (kept runs first); 0 clears. The view
 * keeps references. */
void              ilv_timeline_view_set_traces  (IlvTimelineView   *self,
                                                 IlvTrace * const  *traces,
                                                 guint              n_traces);
/* A trace grew: the model's duration follows and the next frame shows it. */
void              ilv_timeline_view_traces_changed (IlvTimelineView *self);
void              ilv_timeline_view_set_theme   (IlvTimelineView   *self,
                                                 IlvTheme           theme);
IlvTheme          ilv_timeline_view_get_theme   (IlvTimelineView   *self);
/* Type and line scale: 1 normal, larger for a projector. */
void              ilv_timeline_view_set_scale   (IlvTimelineView   *self,
                                                 double             scale);
/* Each run's summary in its header. A live run's summary would be
 * computed again on every frame: the window turns it off meanwhile. */
void              ilv_timeline_view_set_show_summary (IlvTimelineView *self,
                                                      gboolean         show_summary);
/* The options the view draws with (range, theme, size, highlight), for
 * an export of "the current view". */
void              ilv_timeline_view_get_options (IlvTimelineView   *self,
                                                 IlvRenderOptions  *options);
/* The layout of the last frame, or NULL before the first. */
IlvTimelineLayout *ilv_timeline_view_get_layout (IlvTimelineView   *self);
/* Lane rows in the last frame. */
guint             ilv_timeline_view_get_n_lanes (IlvTimelineView   *self);
/* Keyboard navigation: the focused lane row moves by `delta` lanes. */
void              ilv_timeline_view_move_focus_lane (IlvTimelineView *self,
                                                     int              delta);
/* A click at (x, y): highlights the lock or queue there (or clears the
 * highlight) and focuses the lane there. */
void              ilv_timeline_view_click_at    (IlvTimelineView   *self,
                                                 double             x,
                                                 double             y);
/* A short text of what is shown, kept as the accessible description. */
char             *ilv_timeline_view_describe    (IlvTimelineView   *self);
/* What the tooltip shows at (x, y), or NULL over empty space. */
char             *ilv_timeline_view_describe_at (IlvTimelineView   *self,
                                                 double             x,
                                                 double             y);

G_END_DECLS
