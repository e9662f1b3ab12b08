/* ilv-id-map.h: 63-bit keys to 32-bit values, for matching flow halves
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Open addressing with linear probing and backward-shift deletion: no
 * allocation per entry and no call through a function pointer, since a
 * live run looks up every put, get, send and receive. */
typedef struct
{
  guint64 *keys;    /* 0: empty; else key | bit 63 */
  guint32 *values;
  gsize    size;    /* a power of two, or 0 */
  gsize    n;
} IlvIdMap;

void     ilv_id_map_init   (IlvIdMap *map);
void     ilv_id_map_clear  (IlvIdMap *map);
/* Adds or replaces. Keys must be below 2^63. */
void     ilv_id_map_insert (IlvIdMap *map,
                            guint64   key,
                            guint32   value);
/* Removes the key; FALSE if it was not there. */
gboolean ilv_id_map_take   (IlvIdMap *map,
                            guint64   key,
                            guint32  *value);

G_END_DECLS
