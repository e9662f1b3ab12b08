/* ilv-timeline-view-private.h: what the timeline widget's files share
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-timeline-view.h"

G_BEGIN_DECLS

#define ILV_TIMELINE_VIEW_MAX_TRACES 4

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_SELECT,
} IlvDragMode;

struct _IlvTimelineView
{
  GtkWidget          parent_instance;

  IlvTimelineModel  *model;
  GPtrArray         *traces;
  guint64            serials[ILV_TIMELINE_VIEW_MAX_TRACES];
  IlvTimelineLayout *layout;
  IlvRenderOptions   options;
  /* The drawing of the runs, kept while nothing it shows changes: a
   * frame that only moves the selection or focus replays it. */
  GskRenderNode     *cached;

  IlvDragMode           drag;
  gint64             drag_start;
  gint64             drag_visible_start;
  gint64             drag_visible_end;
  double             pointer_x;
  double             zoom_scale;
  gint               focus_row;
};

/* ilv-timeline-view-input.c: pointer, touch and key input */
void ilv_timeline_view_add_controllers (IlvTimelineView *self);

G_END_DECLS
