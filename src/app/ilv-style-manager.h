/* ilv-style-manager.h: light or dark, following the desktop unless told
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  ILV_STYLE_SYSTEM,
  ILV_STYLE_LIGHT,
  ILV_STYLE_DARK,
} IlvStyle;

#define ILV_TYPE_STYLE (ilv_style_get_type ())
GType ilv_style_get_type (void);

#define ILV_TYPE_STYLE_MANAGER (ilv_style_manager_get_type ())

G_DECLARE_FINAL_TYPE (IlvStyleManager, ilv_style_manager, ILV, STYLE_MANAGER, GObject)

/* Applies the style to `gtk_settings` ("gtk-application-prefer-dark-theme").
 * With `settings` (nullable) the "style" key is the preference and follows
 * it. The desktop's preference is read from the Settings portal when a
 * session bus exists; without one, "system" means light, quietly. */
IlvStyleManager *ilv_style_manager_new            (GtkSettings     *gtk_settings,
                                                   GSettings       *settings);
IlvStyle         ilv_style_manager_get_style      (IlvStyleManager *self);
void             ilv_style_manager_set_style      (IlvStyleManager *self,
                                                   IlvStyle         style);
/* Whether the desktop prefers dark (the portal's "color-scheme" is 1). */
gboolean         ilv_style_manager_get_system_dark (IlvStyleManager *self);
/* Whether the window is dark now. */
gboolean         ilv_style_manager_get_dark       (IlvStyleManager *self);

const char      *ilv_style_to_string              (IlvStyle         style);
gboolean         ilv_style_from_string            (const char      *str,
                                                   IlvStyle        *style);

G_END_DECLS
