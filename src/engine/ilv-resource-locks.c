/* ilv-resource-locks.c: locks, a value's own lock, and semaphores
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-resources-private.h"
#include "ilv-worker-strings.h"

/* A lock's state is `owner`; a semaphore's is `count`. Both sit behind the
 * slot's short mutex, so a holder that dies leaves them held. */
static gboolean
ilv_slot_is_free (const IlvSlot *slot)
{
  if (slot->kind == ILV_RESOURCE_SEMAPHORE)
    return slot->count > 0;
  return slot->owner < 0;
}

static void
ilv_slot_take (IlvSlot *slot,
               guint32  lane)
{
  if (slot->kind == ILV_RESOURCE_SEMAPHORE)
    slot->count--;
  else
    slot->owner = lane;
}

/* The waiters counter of a lock or semaphore. A Value's or an Array's own
 * lock has none: its counter series is the value itself. */
static void
ilv_slot_emit_waiters (IlvSlot   *slot,
                       IlvWaiter *waiter,
                       guint      resource)
{
  if (slot->kind == ILV_RESOURCE_VALUE || slot->kind == ILV_RESOURCE_ARRAY)
    return;
  ilv_slot_emit (waiter, ILV_EVENT_LOCK_WAITERS, resource, slot->waiters, 0);
}

gboolean
ilv_resources_acquire (IlvResources *self,
                       guint         resource,
                       IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);
  gboolean waited = FALSE;

  ilv_slot_lock (slot);
  if (!ilv_slot_is_free (slot))
    {
      slot->waiters++;
      ilv_slot_emit_waiters (slot, waiter, resource);
      while (!ilv_slot_is_free (slot))
        {
          if (!ilv_slot_wait (slot, waiter, ILV_STATE_LOCK_WAIT, resource, &waited))
            {
              slot->waiters--;
              ilv_slot_emit_waiters (slot, waiter, resource);
              ilv_slot_unlock (slot);
              return FALSE;
            }
        }
      slot->waiters--;
      /* One waiter fewer: the counter comes down as well as up. */
      ilv_slot_emit_waiters (slot, waiter, resource);
    }

  ilv_slot_take (slot, waiter->lane);
  ilv_slot_emit (waiter, ILV_EVENT_LOCK_ACQUIRED, resource, slot->waiters,
                 waited ? 1 : 0);
  ilv_slot_done (slot, waiter, waited);
  return TRUE;
}

static void
ilv_slot_mark (IlvWaiter *waiter,
               guint32    string)
{
  ilv_slot_emit (waiter, ILV_EVENT_MARK, -1, 0, string);
}

void
ilv_resources_release (IlvResources *self,
                       guint         resource,
                       IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);

  ilv_slot_lock (slot);
  if (slot->kind == ILV_RESOURCE_SEMAPHORE)
    {
      if (slot->bounded && slot->count >= slot->initial)
        {
          ilv_slot_mark (waiter, ILV_STRING_SEMAPHORE_OVER_RELEASE);
          ilv_slot_unlock (slot);
          return;
        }
      slot->count++;
    }
  else
    {
      /* Like threading.Lock, any thread may release a held lock. */
      if (slot->owner < 0)
        {
          ilv_slot_mark (waiter, ILV_STRING_RELEASE_UNLOCKED);
          ilv_slot_unlock (slot);
          return;
        }
      slot->owner = -1;
    }

  ilv_slot_emit (waiter, ILV_EVENT_LOCK_RELEASED, resource, slot->waiters, 0);
  ilv_slot_broadcast (slot);
  ilv_slot_unlock (slot);
}
