/* ilv-timeline-model.h: what part of the runs is seen and selected
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ILV_TYPE_TIMELINE_MODEL (ilv_timeline_model_get_type ())

G_DECLARE_FINAL_TYPE (IlvTimelineModel, ilv_timeline_model, ILV, TIMELINE_MODEL, GObject)

/* All times are ns from the runs' start, shared by the runs compared.
 *
 * Properties:
 *   "duration"        the longest run's length so far (grows while a run goes on)
 *   "visible-start"   the visible range
 *   "visible-end"
 *   "selection-start" the selected range; equal ends: no selection
 *   "selection-end"
 *   "following"       the visible range grows with a live run (until the
 *                     view is zoomed or panned)
 *   "highlight"       a lock or queue shown highlighted everywhere, or -1,
 *                     numbered as in run "highlight trace" (no property)
 */

IlvTimelineModel *ilv_timeline_model_new               (void);

gint64            ilv_timeline_model_get_duration      (IlvTimelineModel *self);
void              ilv_timeline_model_get_visible       (IlvTimelineModel *self,
                                                        gint64           *start,
                                                        gint64           *end);
gboolean          ilv_timeline_model_get_selection     (IlvTimelineModel *self,
                                                        gint64           *start,
                                                        gint64           *end);
gboolean          ilv_timeline_model_get_following     (IlvTimelineModel *self);
gint              ilv_timeline_model_get_highlight     (IlvTimelineModel *self);
guint             ilv_timeline_model_get_highlight_trace (IlvTimelineModel *self);
/* The visible range is the whole run. */
gboolean          ilv_timeline_model_is_whole          (IlvTimelineModel *self);

/* A new run (or none): the whole of it is shown, following it. */
void              ilv_timeline_model_reset             (IlvTimelineModel *self,
                                                        gint64            duration);
void              ilv_timeline_model_set_duration      (IlvTimelineModel *self,
                                                        gint64            duration);
void              ilv_timeline_model_set_visible       (IlvTimelineModel *self,
                                                        gint64            start,
                                                        gint64            end);
void              ilv_timeline_model_set_selection     (IlvTimelineModel *self,
                                                        gint64            start,
                                                        gint64            end);
void              ilv_timeline_model_clear_selection   (IlvTimelineModel *self);
void              ilv_timeline_model_set_following     (IlvTimelineModel *self,
                                                        gboolean          following);
void              ilv_timeline_model_set_highlight     (IlvTimelineModel *self,
                                                        guint             trace,
                                                        gint              resource);

/* factor > 1 zooms in, keeping `anchor` (a time) where it is on screen. */
void              ilv_timeline_model_zoom              (IlvTimelineModel *self,
                                                        double            factor,
                                                        gint64            anchor);
/* Moves the visible range by `fraction` of its width (negative: back). */
void              ilv_timeline_model_pan               (IlvTimelineModel *self,
                                                        double            fraction);
void              ilv_timeline_model_zoom_whole        (IlvTimelineModel *self);
gboolean          ilv_timeline_model_zoom_to_selection (IlvTimelineModel *self);

G_END_DECLS
