/* ilv-palette.c: the named colours of a theme, one meaning each
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ilv-palette.h"

#define HEX(rgb) { ((rgb) >> 16 & 0xff) / 255.0, ((rgb) >> 8 & 0xff) / 255.0, ((rgb) & 0xff) / 255.0, 1.0 }
#define HEXA(rgb, a) { ((rgb) >> 16 & 0xff) / 255.0, ((rgb) >> 8 & 0xff) / 255.0, ((rgb) & 0xff) / 255.0, (a) }

/* Okabe–Ito, as DESIGN.md names them: one meaning per colour. */
#define OKABE_ITO_STATES                                   \
  [ILV_STATE_NOT_STARTED] = HEXA (0x000000, 0.0),          \
  [ILV_STATE_RUNNING]     = HEX (0x009E73),                \
  [ILV_STATE_READY]       = HEX (0x0072B2),                \
  [ILV_STATE_GIL_WAIT]    = HEX (0xCC79A7),                \
  [ILV_STATE_LOCK_WAIT]   = HEX (0xD55E00),                \
  [ILV_STATE_QUEUE_WAIT]  = HEX (0xE69F00),                \
  [ILV_STATE_EVENT_WAIT]  = HEX (0xF0E442),                \
  [ILV_STATE_SLEEP]       = HEX (0x56B4E9),                \
  [ILV_STATE_DONE]        = HEXA (0x000000, 0.0),          \
  [ILV_STATE_IDLE]        = HEXA (0x000000, 0.0)

/* Locks get their own categorical set, darker and cooler than the states,
 * so that a hold bar never reads as a state. */
#define LOCK_COLORS \
  { HEX (0x332288), HEX (0x882255), HEX (0x117733), HEX (0x44AA99), HEX (0x999933), HEX (0xAA4499) }

static const IlvPalette light_palette = {
  .background   = HEX (0xFFFFFF),
  .foreground   = HEX (0x1A1A1A),
  .muted        = HEX (0x5E5E5E),
  .grid         = HEXA (0x000000, 0.08),
  .rule         = HEXA (0x000000, 0.30),
  .lane_alt     = HEXA (0x000000, 0.03),
  .header       = HEXA (0x000000, 0.06),
  .counter      = HEX (0x1A1A1A),
  .counter_fill = HEXA (0x0072B2, 0.16),
  .expected     = HEX (0x6A6A6A),
  .mismatch     = HEX (0xB8420A),
  .flow         = HEXA (0x1A1A1A, 0.55),
  .mark         = HEX (0x1A1A1A),
  .state        = { OKABE_ITO_STATES,
                    [ILV_STATE_SUSPENDED] = HEX (0xC8C8C8),
                    [ILV_STATE_CRASHED]   = HEX (0x000000) },
  .lock         = LOCK_COLORS,
  .holder       = { HEX (0x009E73), HEX (0x7FCDB6), HEX (0x00684C), HEX (0x4DB893) },
  .patterns     = FALSE,
  .outline_runs = FALSE,
};

static const IlvPalette dark_palette = {
  .background   = HEX (0x1E1E1E),
  .foreground   = HEX (0xEDEDED),
  .muted        = HEX (0xA8A8A8),
  .grid         = HEXA (0xFFFFFF, 0.10),
  .rule         = HEXA (0xFFFFFF, 0.35),
  .lane_alt     = HEXA (0xFFFFFF, 0.04),
  .header       = HEXA (0xFFFFFF, 0.08),
  .counter      = HEX (0xEDEDED),
  .counter_fill = HEXA (0x56B4E9, 0.22),
  .expected     = HEX (0xB0B0B0),
  .mismatch     = HEX (0xFF8A4C),
  .flow         = HEXA (0xEDEDED, 0.55),
  .mark         = HEX (0xEDEDED),
  .state        = { OKABE_ITO_STATES,
                    [ILV_STATE_SUSPENDED] = HEX (0x6E6E6E),
                    [ILV_STATE_CRASHED]   = HEX (0x000000) },
  .lock         = { HEX (0x8877DD), HEX (0xDD6699), HEX (0x55BB66), HEX (0x66CCBB), HEX (0xCCCC55), HEX (0xDD88CC) },
  .holder       = { HEX (0x009E73), HEX (0x66C2A5), HEX (0x00684C), HEX (0x3DAA86) },
  .patterns     = FALSE,
  .outline_runs = FALSE,
};

static const IlvPalette print_palette = {
  .background   = HEX (0xFFFFFF),
  .foreground   = HEX (0x000000),
  .muted        = HEX (0x4A4A4A),
  .grid         = HEXA (0x000000, 0.10),
  .rule         = HEXA (0x000000, 0.45),
  .lane_alt     = HEXA (0x000000, 0.03),
  .header       = HEXA (0x000000, 0.07),
  .counter      = HEX (0x000000),
  .counter_fill = HEXA (0x000000, 0.10),
  .expected     = HEX (0x4A4A4A),
  .mismatch     = HEX (0x000000),
  .flow         = HEXA (0x000000, 0.60),
  .mark         = HEX (0x000000),
  .state        = { OKABE_ITO_STATES,
                    [ILV_STATE_SUSPENDED] = HEX (0xCFCFCF),
                    [ILV_STATE_CRASHED]   = HEX (0x000000) },
  .lock         = LOCK_COLORS,
  .holder       = { HEX (0x009E73), HEX (0x7FCDB6), HEX (0x00684C), HEX (0x4DB893) },
  .patterns     = TRUE,
  .outline_runs = TRUE,
};

/* Deeper versions of the same hues, black type, stronger rules. */
static const IlvPalette high_contrast_palette = {
  .background   = HEX (0xFFFFFF),
  .foreground   = HEX (0x000000),
  .muted        = HEX (0x000000),
  .grid         = HEXA (0x000000, 0.22),
  .rule         = HEX (0x000000),
  .lane_alt     = HEXA (0x000000, 0.05),
  .header       = HEXA (0x000000, 0.12),
  .counter      = HEX (0x000000),
  .counter_fill = HEXA (0x0050A0, 0.25),
  .expected     = HEX (0x000000),
  .mismatch     = HEX (0xA02000),
  .flow         = HEX (0x000000),
  .mark         = HEX (0x000000),
  .state        = { [ILV_STATE_NOT_STARTED] = HEXA (0x000000, 0.0),
                    [ILV_STATE_RUNNING]     = HEX (0x007A58),
                    [ILV_STATE_READY]       = HEX (0x00508A),
                    [ILV_STATE_GIL_WAIT]    = HEX (0xB0508A),
                    [ILV_STATE_LOCK_WAIT]   = HEX (0xB84A00),
                    [ILV_STATE_QUEUE_WAIT]  = HEX (0xE08A00),
                    [ILV_STATE_EVENT_WAIT]  = HEX (0xFFE600),
                    [ILV_STATE_SLEEP]       = HEX (0x3AA0E0),
                    [ILV_STATE_SUSPENDED]   = HEX (0xA0A0A0),
                    [ILV_STATE_DONE]        = HEXA (0x000000, 0.0),
                    [ILV_STATE_CRASHED]     = HEX (0x000000),
                    [ILV_STATE_IDLE]        = HEXA (0x000000, 0.0) },
  .lock         = { HEX (0x220077), HEX (0x770033), HEX (0x005511), HEX (0x117766), HEX (0x666600), HEX (0x880077) },
  .holder       = { HEX (0x007A58), HEX (0x5FBFA0), HEX (0x004A35), HEX (0x2E9C77) },
  .patterns     = FALSE,
  .outline_runs = TRUE,
};

const IlvPalette *
ilv_palette_get (IlvTheme theme)
{
  switch (theme)
    {
    case ILV_THEME_DARK:
      return &dark_palette;
    case ILV_THEME_PRINT:
      return &print_palette;
    case ILV_THEME_HIGH_CONTRAST:
      return &high_contrast_palette;
    case ILV_THEME_LIGHT:
    default:
      return &light_palette;
    }
}

gboolean
ilv_palette_state_is_drawn (IlvState state)
{
  return state != ILV_STATE_NOT_STARTED &&
         state != ILV_STATE_DONE &&
         state != ILV_STATE_IDLE &&
         state < ILV_N_STATES;
}

const IlvRgba *
ilv_palette_lock_color (const IlvPalette *palette,
                        gint              resource)
{
  guint i = resource < 0 ? 0 : (guint) resource;

  return &palette->lock[i % ILV_PALETTE_N_LOCK_COLORS];
}

const IlvRgba *
ilv_palette_holder_color (const IlvPalette *palette,
                          gint              holder)
{
  guint i = holder < 0 ? 0 : (guint) holder;

  return &palette->holder[i % ILV_PALETTE_N_HOLDER_COLORS];
}

void
ilv_palette_set_source (cairo_t       *cr,
                        const IlvRgba *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
ilv_palette_set_source_alpha (cairo_t       *cr,
                              const IlvRgba *color,
                              double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

typedef enum
{
  MOTIF_NONE,
  MOTIF_FORWARD,     /* "/" */
  MOTIF_BACKWARD,    /* "\" */
  MOTIF_CROSS,       /* both diagonals */
  MOTIF_HORIZONTAL,
  MOTIF_VERTICAL,
  MOTIF_DOTS,
} Motif;

static Motif
motif_for_state (const IlvPalette *palette,
                 IlvState          state)
{
  if (state == ILV_STATE_READY)
    return MOTIF_FORWARD;
  if (!palette->patterns)
    return MOTIF_NONE;

  switch (state)
    {
    case ILV_STATE_GIL_WAIT:   return MOTIF_BACKWARD;
    case ILV_STATE_LOCK_WAIT:  return MOTIF_CROSS;
    case ILV_STATE_QUEUE_WAIT: return MOTIF_HORIZONTAL;
    case ILV_STATE_EVENT_WAIT: return MOTIF_DOTS;
    case ILV_STATE_SLEEP:      return MOTIF_VERTICAL;
    case ILV_STATE_SUSPENDED:  return MOTIF_DOTS;
    default:                   return MOTIF_NONE;
    }
}

static void
draw_motif (cairo_t *cr,
            Motif    motif,
            double   size)
{
  switch (motif)
    {
    case MOTIF_CROSS:
      cairo_move_to (cr, size, 0);
      cairo_line_to (cr, 0, size);
      G_GNUC_FALLTHROUGH;
    case MOTIF_FORWARD:
      cairo_move_to (cr, 0, 0);
      cairo_line_to (cr, size, size);
      break;
    case MOTIF_BACKWARD:
      cairo_move_to (cr, size, 0);
      cairo_line_to (cr, 0, size);
      break;
    case MOTIF_HORIZONTAL:
      cairo_move_to (cr, 0, size / 2);
      cairo_line_to (cr, size, size / 2);
      break;
    case MOTIF_VERTICAL:
      cairo_move_to (cr, size / 2, 0);
      cairo_line_to (cr, size / 2, size);
      break;
    case MOTIF_DOTS:
      cairo_arc (cr, size / 2, size / 2, size / 7, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    case MOTIF_NONE:
    default:
      return;
    }
  cairo_stroke (cr);
}

cairo_pattern_t *
ilv_palette_create_pattern (const IlvPalette *palette,
                            IlvState          state,
                            double            scale)
{
  Motif motif = motif_for_state (palette, state);
  cairo_surface_t *tile;
  cairo_pattern_t *pattern;
  cairo_t *cr;
  int size;

  if (motif == MOTIF_NONE)
    return NULL;

  size = MAX (6, (int) round (8 * scale));
  tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (tile);
  if (state == ILV_STATE_READY && !palette->patterns)
    cairo_set_source_rgba (cr, 1, 1, 1, 0.45);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
  cairo_set_line_width (cr, MAX (1.0, scale));
  draw_motif (cr, motif, size);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);
  return pattern;
}
