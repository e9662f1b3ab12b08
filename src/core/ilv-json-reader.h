/* ilv-json-reader.h: a small, strict, bounded JSON reader
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Recursive descent with a depth limit, over a buffer that need not be
 * NUL-terminated. It never reads past the end, never recurses deeper than
 * ILV_JSON_MAX_DEPTH, and tells a truncated document (ILV_JSON_ERROR_TRUNCATED)
 * from a malformed one. Values can be read one at a time, so that a long
 * array is streamed rather than held whole. */

#define ILV_JSON_MAX_DEPTH 64

#define ILV_JSON_ERROR (ilv_json_error_quark ())

typedef enum
{
  ILV_JSON_ERROR_SYNTAX,
  ILV_JSON_ERROR_TRUNCATED,
  ILV_JSON_ERROR_TOO_DEEP,
} IlvJsonError;

typedef enum
{
  ILV_JSON_NULL,
  ILV_JSON_BOOLEAN,
  ILV_JSON_NUMBER,
  ILV_JSON_STRING,
  ILV_JSON_ARRAY,
  ILV_JSON_OBJECT,
} IlvJsonType;

typedef struct _IlvJsonNode IlvJsonNode;

struct _IlvJsonNode
{
  IlvJsonType  type;
  gboolean     boolean;
  double       number;
  gboolean     is_integer;  /* the literal was an integer that fits in gint64 */
  gint64       integer;
  char        *string;
  GPtrArray   *items;       /* arrays: IlvJsonNode; objects: values */
  GPtrArray   *keys;        /* objects: char *, parallel to items */
};

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
} IlvJsonReader;

GQuark       ilv_json_error_quark    (void);

void         ilv_json_reader_init    (IlvJsonReader     *reader,
                                      const char        *data,
                                      gsize              length);
/* Reads one whole value at the cursor. */
IlvJsonNode *ilv_json_reader_value   (IlvJsonReader     *reader,
                                      GError           **error);
/* Expects `c` (after white space) and consumes it. */
gboolean     ilv_json_reader_expect  (IlvJsonReader     *reader,
                                      char               c,
                                      GError           **error);
/* After an opening bracket: TRUE while there is another member; consumes
 * the comma between members, and the closing bracket at the end. */
gboolean     ilv_json_reader_next    (IlvJsonReader     *reader,
                                      char               close,
                                      gboolean          *first,
                                      GError           **error);
/* An object member's key and its colon. */
char        *ilv_json_reader_key     (IlvJsonReader     *reader,
                                      GError           **error);
/* Only white space is left. */
gboolean     ilv_json_reader_at_end  (IlvJsonReader     *reader);

IlvJsonNode *ilv_json_parse          (const char        *data,
                                      gsize              length,
                                      GError           **error);
void         ilv_json_node_free      (IlvJsonNode       *node);

const IlvJsonNode *ilv_json_node_get (const IlvJsonNode *object,
                                      const char        *key);
/* Typed members: FALSE when missing or of another type. */
gboolean     ilv_json_node_get_int   (const IlvJsonNode *object,
                                      const char        *key,
                                      gint64            *value);
gboolean     ilv_json_node_get_double (const IlvJsonNode *object,
                                      const char        *key,
                                      double            *value);
const char  *ilv_json_node_get_string (const IlvJsonNode *object,
                                      const char        *key);
gboolean     ilv_json_node_get_boolean (const IlvJsonNode *object,
                                      const char        *key,
                                      gboolean          *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvJsonNode, ilv_json_node_free)

G_END_DECLS
