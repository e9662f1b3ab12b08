/* ilv-render-options.h: what to draw, how large, in which theme
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ILV_THEME_LIGHT,
  ILV_THEME_DARK,
  ILV_THEME_PRINT,          /* light, plus a pattern per state: nothing depends on colour alone */
  ILV_THEME_HIGH_CONTRAST,
} IlvTheme;

typedef struct
{
  double   width;           /* in user units (px at scale 1) */
  double   height;
  double   scale;           /* type and line scale: 1 normal, ~1.5 presentation */
  IlvTheme theme;
  gboolean show_title;
  gboolean show_summary;
  gboolean show_legend;
  gint64   t0;              /* visible range, absolute ns; t0 == t1: the whole run */
  gint64   t1;
  gint     highlight_resource; /* a lock or queue to highlight everywhere, or -1… */
  guint    highlight_trace;    /* …numbered as in this run; in the others the
                                * one of the same name and kind is highlighted */
  gboolean fill_height;     /* a fixed-size picture (a slide): lanes and counters
                             * grow until the rows fill the height, their bars
                             * up to about twice their size; off for a widget,
                             * on in every export */
} IlvRenderOptions;

/* 1920 × 1080, scale 1, light, title, summary and legend on, whole run,
 * rows at their natural size (fill_height off). */
void     ilv_render_options_init        (IlvRenderOptions *options);
void     ilv_render_options_fit_scale   (IlvRenderOptions *options);
gboolean ilv_theme_from_string          (const char       *str,
                                         IlvTheme         *theme);
const char *ilv_theme_to_string         (IlvTheme          theme);

G_END_DECLS
