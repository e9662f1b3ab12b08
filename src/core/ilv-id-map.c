/* ilv-id-map.c: 63-bit keys to 32-bit values, for matching flow halves
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-id-map.h"

#define USED (G_GUINT64_CONSTANT (1) << 63)

static inline gsize
slot_of (const IlvIdMap *map,
         guint64         stored)
{
  guint64 k = stored;

  k ^= k >> 29;
  k *= G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return (gsize) (k >> 32) & (map->size - 1);
}

void
ilv_id_map_init (IlvIdMap *map)
{
  map->keys = NULL;
  map->values = NULL;
  map->size = 0;
  map->n = 0;
}

void
ilv_id_map_clear (IlvIdMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
  map->size = 0;
  map->n = 0;
}

static void
put (IlvIdMap *map,
     guint64   stored,
     guint32   value)
{
  gsize i = slot_of (map, stored);

  while (map->keys[i] != 0 && map->keys[i] != stored)
    i = (i + 1) & (map->size - 1);
  if (map->keys[i] == 0)
    map->n++;
  map->keys[i] = stored;
  map->values[i] = value;
}

static void
grow (IlvIdMap *map)
{
  guint64 *keys = map->keys;
  guint32 *values = map->values;
  gsize old_size = map->size;

  map->size = MAX (64, old_size * 2);
  map->keys = g_new0 (guint64, map->size);
  map->values = g_new (guint32, map->size);
  map->n = 0;
  for (gsize i = 0; i < old_size; i++)
    if (keys[i] != 0)
      put (map, keys[i], values[i]);
  g_free (keys);
  g_free (values);
}

void
ilv_id_map_insert (IlvIdMap *map,
                   guint64   key,
                   guint32   value)
{
  g_assert (key < USED);

  if (2 * (map->n + 1) > map->size)
    grow (map);
  put (map, key | USED, value);
}

/* Is `home` cyclically outside (hole, j]? Then the entry at j may move
 * into the hole. */
static inline gboolean
may_move (gsize hole,
          gsize j,
          gsize home)
{
  return hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
}

gboolean
ilv_id_map_take (IlvIdMap *map,
                 guint64   key,
                 guint32  *value)
{
  guint64 stored = key | USED;
  gsize mask = map->size - 1;
  gsize i, j;

  if (map->size == 0)
    return FALSE;
  for (i = slot_of (map, stored); map->keys[i] != stored; i = (i + 1) & mask)
    if (map->keys[i] == 0)
      return FALSE;
  *value = map->values[i];
  for (j = (i + 1) & mask; map->keys[j] != 0; j = (j + 1) & mask)
    if (may_move (i, j, slot_of (map, map->keys[j])))
      {
        map->keys[i] = map->keys[j];
        map->values[i] = map->values[j];
        i = j;
      }
  map->keys[i] = 0;
  map->n--;
  return TRUE;
}
