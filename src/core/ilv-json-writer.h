/* ilv-json-writer.h: a small streaming JSON writer that always writes valid JSON
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends to a GString; commas and nesting are handled for the caller.
 * Strings are made valid UTF-8 and escaped; non-finite numbers are written
 * as null; integers are exact. */
typedef struct _IlvJsonWriter IlvJsonWriter;

IlvJsonWriter *ilv_json_writer_new          (GString       *out);
void           ilv_json_writer_free         (IlvJsonWriter *self);
void           ilv_json_writer_begin_object (IlvJsonWriter *self);
void           ilv_json_writer_end_object   (IlvJsonWriter *self);
void           ilv_json_writer_begin_array  (IlvJsonWriter *self);
void           ilv_json_writer_end_array    (IlvJsonWriter *self);
void           ilv_json_writer_key          (IlvJsonWriter *self,
                                             const char    *key);
void           ilv_json_writer_string       (IlvJsonWriter *self,
                                             const char    *value);
void           ilv_json_writer_int          (IlvJsonWriter *self,
                                             gint64         value);
void           ilv_json_writer_double       (IlvJsonWriter *self,
                                             double         value);
void           ilv_json_writer_boolean      (IlvJsonWriter *self,
                                             gboolean       value);
void           ilv_json_writer_null         (IlvJsonWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvJsonWriter, ilv_json_writer_free)

G_END_DECLS
