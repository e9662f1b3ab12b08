/* ilv-program-parser.h: the step language, text to IlvProgram
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ilv-program.h"

G_BEGIN_DECLS

#define ILV_MAX_NESTING      16
#define ILV_MAX_REPEAT       1000000
#define ILV_MAX_MARK_BYTES   200
#define ILV_MAX_STEP_NS      (G_GINT64_CONSTANT (600) * G_GINT64_CONSTANT (1000000000))

typedef struct
{
  const GPtrArray *resources;    /* IlvResource*, for names and type checks */
  gboolean         allow_crash;  /* process workers and process pools only */
  GHashTable      *names;        /* optional: resource name → index + 1, for speed */
} IlvProgramContext;

/* Parses and checks a Program= value. On error returns NULL and sets
 * *error_column to the 1-based character column the error is about (or 0);
 * the message has no location (the caller prefixes it). */
IlvProgram *ilv_program_parse  (const char              *text,
                                const IlvProgramContext *context,
                                guint                   *error_column,
                                GError                 **error);

G_END_DECLS
