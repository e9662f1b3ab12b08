/* render-test-util.h: drawing to image surfaces and reading pixels back
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "ilv-timeline.h"
#include "ilv-timeline-layout.h"

G_BEGIN_DECLS

/* Draws into a new RGB image surface of options->width × height at
 * `device_scale`; *layout_out (if not NULL) gets the layout used. */
cairo_surface_t *render_to_image   (IlvTrace * const       *traces,
                                    guint                   n_traces,
                                    const IlvRenderOptions *options,
                                    double                  device_scale,
                                    IlvTimelineLayout     **layout_out);
/* 0xRRGGBB of the pixel at user coordinates (x, y). */
guint32          pixel_at          (cairo_surface_t        *surface,
                                    double                  x,
                                    double                  y);
/* How many device pixels of colour `rgb` lie in the user rectangle. */
guint            count_color       (cairo_surface_t        *surface,
                                    const IlvRect          *rect,
                                    guint32                 rgb);
/* Writes the surface as a PNG into $ILV_RENDER_SNAPSHOTS/name when that
 * variable names a directory, so that a person can look at it. */
void             maybe_snapshot    (cairo_surface_t        *surface,
                                    const char             *name);

G_END_DECLS
