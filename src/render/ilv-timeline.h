/* ilv-timeline.h: draw one or more runs into any cairo_t
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "ilv-render-options.h"
#include "ilv-timeline-layout.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

/* Draws 1–4 traces one under the other on one time axis, into the
 * rectangle (0, 0, options->width, options->height) of `cr`'s user space.
 * The same call paints the window and every exported file. */
void ilv_timeline_draw        (cairo_t                *cr,
                               IlvTrace * const       *traces,
                               guint                   n_traces,
                               const IlvRenderOptions *options);

/* Draws with a layout a widget keeps for hit-testing. Costs about one item
 * per pixel column per lane, whatever the number of events; while the
 * traces' serials, the range, the size and the theme stay, each row draws
 * what it kept from the last frame (sampled columns, runs, pixel rows,
 * hold runs, the flows chosen), and a frame costs its pixels. */
void ilv_timeline_layout_draw (IlvTimelineLayout      *layout,
                               cairo_t                *cr);

G_END_DECLS
