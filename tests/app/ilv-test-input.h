/* ilv-test-input.h: real pointer and key input for the window tests:
 * xdotool (XTest) on a private X server, and where things are on screen
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ilv-timeline-view.h"
#include "ilv-window.h"

G_BEGIN_DECLS

/* A window and a number to compare with: the visible width or start. */
typedef struct
{
  IlvWindow *window;
  gint64     width;
} IlvInputVisible;

gboolean          ilv_input_init            (int               *argc,
                                             char            ***argv);

/* Input: `xdotool ARGS…`, printf style, and every event it made handled. */
void              ilv_input_xdo             (IlvWindow         *window,
                                             const char        *format,
                                             ...) G_GNUC_PRINTF (2, 3);
gulong            ilv_input_window_xid      (IlvWindow         *window);
void              ilv_input_view_to_surface (IlvWindow         *window,
                                             double             x,
                                             double             y,
                                             int               *surface_x,
                                             int               *surface_y);
void              ilv_input_move_to         (IlvWindow         *window,
                                             double             x,
                                             double             y);
void              ilv_input_move_to_middle  (IlvWindow         *window);
void              ilv_input_drag            (IlvWindow         *window,
                                             double             x0,
                                             double             x1,
                                             double             y);

/* The timeline on screen (view coordinates) and what it shows. */
IlvTimelineModel *ilv_input_get_model       (IlvWindow         *window);
void              ilv_input_plot_area       (IlvWindow         *window,
                                             IlvRect           *plot);
gint              ilv_input_find_lane       (IlvWindow         *window,
                                             const char        *label);
double            ilv_input_lane_y          (IlvWindow         *window,
                                             const char        *label);
double            ilv_input_ns_per_px       (IlvWindow         *window);
gint64            ilv_input_visible_width   (IlvWindow         *window);
gint64            ilv_input_visible_start   (IlvWindow         *window);
/* IlvInputVisible conditions: the width or start differs from `width`. */
gboolean          ilv_input_width_changed   (gpointer           data);
gboolean          ilv_input_start_changed   (gpointer           data);

G_END_DECLS
