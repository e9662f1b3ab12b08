/* ilv-palette.h: the named colours of a theme, one meaning each
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "ilv-render-options.h"
#include "ilv-types.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} IlvRgba;

#define ILV_PALETTE_N_LOCK_COLORS   6
#define ILV_PALETTE_N_HOLDER_COLORS 4

typedef struct
{
  IlvRgba  background;
  IlvRgba  foreground;
  IlvRgba  muted;          /* secondary text: descriptions, units */
  IlvRgba  grid;           /* faint vertical lines at ruler ticks */
  IlvRgba  rule;           /* separators, axes */
  IlvRgba  lane_alt;       /* every other lane's background */
  IlvRgba  header;         /* group header band */
  IlvRgba  counter;        /* counter step line */
  IlvRgba  counter_fill;
  IlvRgba  expected;       /* a value's expected line (dashed) */
  IlvRgba  mismatch;       /* "1 (expected 2)" when they differ */
  IlvRgba  flow;
  IlvRgba  mark;
  IlvRgba  state[ILV_N_STATES];
  IlvRgba  lock[ILV_PALETTE_N_LOCK_COLORS];       /* categorical, not the state colours */
  IlvRgba  holder[ILV_PALETTE_N_HOLDER_COLORS];   /* GIL and core lanes: tints per holder */
  gboolean patterns;       /* a pattern per state on top of its colour */
  gboolean outline_runs;   /* a thin outline around every state run */
} IlvPalette;

const IlvPalette *ilv_palette_get            (IlvTheme          theme);
/* TRUE for the states a lane draws with a fill (not not-started, done, idle). */
gboolean          ilv_palette_state_is_drawn (IlvState          state);
const IlvRgba    *ilv_palette_lock_color     (const IlvPalette *palette,
                                              gint              resource);
const IlvRgba    *ilv_palette_holder_color   (const IlvPalette *palette,
                                              gint              holder);
void              ilv_palette_set_source     (cairo_t          *cr,
                                              const IlvRgba    *color);
void              ilv_palette_set_source_alpha (cairo_t        *cr,
                                              const IlvRgba    *color,
                                              double            alpha);
/* A repeating pattern that marks `state` on top of its colour, or NULL when
 * the state has none in this palette (ready always has a light hatch). */
cairo_pattern_t  *ilv_palette_create_pattern (const IlvPalette *palette,
                                              IlvState          state,
                                              double            scale);

G_END_DECLS
