/* ilv-resource-events.c: events (set, clear, wait) and barriers
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-resources-private.h"

void
ilv_resources_set (IlvResources *self,
                   guint         resource,
                   gboolean      flag,
                   IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);

  ilv_slot_lock (slot);
  slot->count = flag ? 1 : 0;
  ilv_slot_emit (waiter, ILV_EVENT_SIGNAL, resource, slot->count, 0);
  ilv_slot_broadcast (slot);
  ilv_slot_unlock (slot);
}

static gboolean
ilv_resources_wait_event (IlvResources *self,
                          guint         resource,
                          IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);
  gboolean waited = FALSE;

  ilv_slot_lock (slot);
  while (slot->count == 0)
    if (!ilv_slot_wait_or_unlock (slot, waiter, ILV_STATE_EVENT_WAIT, resource, &waited))
      return FALSE;
  ilv_slot_done (slot, waiter, waited);
  return TRUE;
}

/* The last party to arrive trips the barrier (SIGNAL, value: the new
 * generation) and every party of that generation leaves. */
static gboolean
ilv_resources_wait_barrier (IlvResources *self,
                            guint         resource,
                            IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);
  gboolean waited = FALSE;
  guint64 generation;

  ilv_slot_lock (slot);
  generation = slot->generation;
  slot->count++;
  if (slot->count >= slot->capacity)
    {
      slot->count = 0;
      slot->generation++;
      ilv_slot_emit (waiter, ILV_EVENT_SIGNAL, resource, (gint64) slot->generation, 0);
      ilv_slot_broadcast (slot);
    }

  while (slot->generation == generation)
    {
      if (!ilv_slot_wait (slot, waiter, ILV_STATE_EVENT_WAIT, resource, &waited))
        {
          slot->count--;
          ilv_slot_unlock (slot);
          return FALSE;
        }
    }
  ilv_slot_done (slot, waiter, waited);
  return TRUE;
}

gboolean
ilv_resources_wait (IlvResources *self,
                    guint         resource,
                    IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);

  if (slot->kind == ILV_RESOURCE_BARRIER)
    return ilv_resources_wait_barrier (self, resource, waiter);
  return ilv_resources_wait_event (self, resource, waiter);
}
