/* ilv-application.h: the GtkApplication behind the window
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ilv-session.h"

G_BEGIN_DECLS

#define ILV_TYPE_APPLICATION (ilv_application_get_type ())

G_DECLARE_FINAL_TYPE (IlvApplication, ilv_application, ILV, APPLICATION, GtkApplication)

IlvApplication *ilv_application_new          (GApplicationFlags  flags);
/* The app's settings, or NULL when the schema is not installed (the app
 * then runs with its defaults and remembers nothing). */
GSettings      *ilv_application_get_settings (IlvApplication    *self);
/* Where the windows keep their runs across a close, a crash or a restart. */
IlvSession     *ilv_application_get_session  (IlvApplication    *self);
/* The single-key shortcuts of presentation mode (Space, arrows, +, -, 0,
 * K, E), kept beside the application's accelerators. */
void            ilv_application_add_presentation_shortcuts (GtkShortcutController *controller);

G_END_DECLS
