/* ilv-render-text.c: fonts and type sizes, one place for all of them
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ilv-render-private.h"

#define MIN_FONT_PX 11.0

/* px at scale 1: lane labels and ruler ≥ 14 px, titles larger. */
static const double font_px[ILV_N_FONTS] = {
  [ILV_FONT_TITLE]    = 24.0,
  [ILV_FONT_SUBTITLE] = 16.0,
  [ILV_FONT_LABEL]    = 15.0,
  [ILV_FONT_HEADER]   = 15.0,
  [ILV_FONT_SMALL]    = 13.0,
};

PangoContext *
ilv_text_context_new (void)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* Unhinted metrics: a label measures the same in the layout, on screen
   * and in every export, so ellipsizing decisions agree. */
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, font_options);
  pango_cairo_context_set_resolution (context, 96.0);
  cairo_font_options_destroy (font_options);
  return context;
}

double
ilv_text_font_px (IlvFontRole role,
                  double      scale)
{
  g_assert (role < ILV_N_FONTS);
  return MAX (MIN_FONT_PX, font_px[role] * scale);
}

double
ilv_text_line_height (IlvFontRole role,
                      double      scale)
{
  return ceil (ilv_text_font_px (role, scale) * 1.3);
}

PangoLayout *
ilv_text_layout_new (PangoContext *context,
                     IlvFontRole   role,
                     double        scale)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (desc, ilv_text_font_px (role, scale) * PANGO_SCALE);
  if (role == ILV_FONT_TITLE || role == ILV_FONT_HEADER)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_font_description_free (desc);
  return layout;
}

double
ilv_text_measure (PangoLayout *layout,
                  const char  *text)
{
  PangoRectangle logical;

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

void
ilv_text_draw_centered_y (cairo_t     *cr,
                          PangoLayout *layout,
                          double       x,
                          double       y)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_move_to (cr, x, round (y - (double) logical.height / PANGO_SCALE / 2));
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

char *
ilv_format_duration (gint64 ns)
{
  double a = fabs ((double) ns);

  if (a >= 10e9)
    return g_strdup_printf ("%.1f s", ns / 1e9);
  if (a >= 1e9)
    return g_strdup_printf ("%.2f s", ns / 1e9);
  if (a >= 100e6)
    return g_strdup_printf ("%.0f ms", ns / 1e6);
  if (a >= 1e6)
    return g_strdup_printf ("%.1f ms", ns / 1e6);
  if (a >= 1e3)
    return g_strdup_printf ("%.1f µs", ns / 1e3);
  return g_strdup_printf ("%" G_GINT64_FORMAT " ns", ns);
}
