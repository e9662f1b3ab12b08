/* ilv-export-dialog.h: export the timeline (or the comparison) as a picture or a trace file
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ilv-render-options.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

#define ILV_TYPE_EXPORT_DIALOG (ilv_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (IlvExportDialog, ilv_export_dialog, ILV, EXPORT_DIALOG, GtkWindow)

typedef enum
{
  ILV_EXPORT_PNG,
  ILV_EXPORT_SVG,
  ILV_EXPORT_PDF,
  ILV_EXPORT_JSON,
} IlvExportFormat;

typedef enum
{
  ILV_EXPORT_SIZE_SLIDE,       /* 1920 × 1080 */
  ILV_EXPORT_SIZE_FOUR_THREE,  /* 1600 × 1200 */
  ILV_EXPORT_SIZE_VIEW,        /* as large as the window's timeline */
} IlvExportSize;

/* `view` is what the window's timeline draws now: its size, visible
 * range and highlight. The dialog keeps references to the traces. */
GtkWidget  *ilv_export_dialog_new         (GtkWindow              *parent,
                                           IlvTrace * const       *traces,
                                           guint                   n_traces,
                                           const IlvRenderOptions *view);
void        ilv_export_dialog_set_format  (IlvExportDialog        *self,
                                           IlvExportFormat         format);
void        ilv_export_dialog_set_size    (IlvExportDialog        *self,
                                           IlvExportSize           size);
void        ilv_export_dialog_set_theme   (IlvExportDialog        *self,
                                           IlvTheme                theme);
/* The options the chosen fields give. */
void        ilv_export_dialog_get_options (IlvExportDialog        *self,
                                           IlvRenderOptions       *options);
/* ".png", ".svg", ".pdf" or ".json", after the chosen format. */
const char *ilv_export_dialog_get_extension (IlvExportDialog      *self);
/* Writes the file the Export button would (the chosen extension is
 * added when `path` lacks it). */
gboolean    ilv_export_dialog_write       (IlvExportDialog        *self,
                                           const char             *path,
                                           GError                **error);

G_END_DECLS
