/* ilv-render-options.c: what to draw, how large, in which theme
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-render-options.h"

static const char * const theme_names[] = {
  [ILV_THEME_LIGHT]         = "light",
  [ILV_THEME_DARK]          = "dark",
  [ILV_THEME_PRINT]         = "print",
  [ILV_THEME_HIGH_CONTRAST] = "high-contrast",
};

void
ilv_render_options_init (IlvRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->width = 1920;
  options->height = 1080;
  options->scale = 1.0;
  options->theme = ILV_THEME_LIGHT;
  options->show_title = TRUE;
  options->show_summary = TRUE;
  options->show_legend = TRUE;
  options->t0 = 0;
  options->t1 = 0;
  options->highlight_resource = -1;
}

/**
 * ilv_render_options_fit_scale:
 *
 * Sets the type and line scale for a picture of the options' size that
 * is shown on a wall: 1 up to 1280 × 720, 1.5 for a 1920 × 1080 slide,
 * 3 at most. Seen from the back of a lecture hall, a slide's labels
 * must be as large a share of it as they are on a small one.
 */
void
ilv_render_options_fit_scale (IlvRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  options->scale = CLAMP (MIN (options->width / 1280.0, options->height / 720.0), 1.0, 3.0);
}

gboolean
ilv_theme_from_string (const char *str,
                       IlvTheme   *theme)
{
  g_return_val_if_fail (theme != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (theme_names); i++)
    {
      if (g_ascii_strcasecmp (str, theme_names[i]) == 0)
        {
          *theme = (IlvTheme) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
ilv_theme_to_string (IlvTheme theme)
{
  if ((guint) theme >= G_N_ELEMENTS (theme_names))
    return NULL;
  return theme_names[theme];
}
