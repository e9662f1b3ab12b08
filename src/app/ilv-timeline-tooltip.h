/* ilv-timeline-tooltip.h: what a point of the timeline shows when hovered
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-timeline-layout.h"

G_BEGIN_DECLS

/* Pango markup: lane, state, start, duration, the resource waited on or
 * held and, for a flow, its other end. NULL where there is nothing to say. */
char *ilv_timeline_tooltip_markup (IlvTimelineLayout    *layout,
                                   const IlvTimelineHit *hit);
/* The lock or queue a click on `hit` highlights, or -1. */
gint  ilv_timeline_hit_resource   (IlvTimelineLayout    *layout,
                                   const IlvTimelineHit *hit);

G_END_DECLS
