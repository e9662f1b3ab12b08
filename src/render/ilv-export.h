/* ilv-export.h: a timeline (or a comparison of runs) to PNG, SVG, PDF or JSON
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-render-options.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

#define ILV_EXPORT_ERROR (ilv_export_error_quark ())

typedef enum
{
  ILV_EXPORT_ERROR_FORMAT,  /* unknown extension */
  ILV_EXPORT_ERROR_WRITE,   /* the file could not be written; the old one is intact */
} IlvExportError;

GQuark   ilv_export_error_quark (void);

/* The format follows the extension (.png .svg .pdf .json). `traces` holds
 * 1–4 runs drawn one under the other on the same time axis (JSON takes the
 * first). Written through a temporary file and renamed: on any error the
 * old file is untouched and no temporary file is left. */
gboolean ilv_export_file        (IlvTrace * const       *traces,
                                 guint                   n_traces,
                                 const char             *path,
                                 const IlvRenderOptions *options,
                                 GError                **error);

G_END_DECLS
