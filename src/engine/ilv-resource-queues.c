/* ilv-resource-queues.c: joinable queues and pipes, on one ring of item ids
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-resources-private.h"
#include "ilv-worker-strings.h"

static guint32 *
ilv_slot_ring (IlvResources *self,
               IlvSlot      *slot)
{
  return (guint32 *) (self->base + slot->data);
}

static gint64
ilv_slot_level (const IlvSlot *slot)
{
  if (slot->kind == ILV_RESOURCE_PIPE)
    return slot->count * ILV_PIPE_MESSAGE_BYTES;
  return slot->count;
}

/* put / send: blocks while the ring is full. */
static gboolean
ilv_resources_push (IlvResources *self,
                    guint         resource,
                    IlvEventType  type,
                    IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);
  gboolean waited = FALSE;
  guint32 id;

  ilv_slot_lock (slot);
  while (slot->count >= slot->capacity)
    if (!ilv_slot_wait_or_unlock (slot, waiter, ILV_STATE_QUEUE_WAIT, resource, &waited))
      return FALSE;

  id = ++slot->next_id;
  ilv_slot_ring (self, slot)[(slot->head + slot->count) % slot->capacity] = id;
  slot->count++;
  slot->unfinished++;
  ilv_slot_emit (waiter, type, resource, ilv_slot_level (slot), id);
  ilv_slot_broadcast (slot);
  ilv_slot_done (slot, waiter, waited);
  return TRUE;
}

/* get / recv: blocks while the ring is empty. */
static gboolean
ilv_resources_pop (IlvResources *self,
                   guint         resource,
                   IlvEventType  type,
                   IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);
  gboolean waited = FALSE;
  guint32 id;

  ilv_slot_lock (slot);
  while (slot->count == 0)
    if (!ilv_slot_wait_or_unlock (slot, waiter, ILV_STATE_QUEUE_WAIT, resource, &waited))
      return FALSE;

  id = ilv_slot_ring (self, slot)[slot->head];
  slot->head = (slot->head + 1) % slot->capacity;
  slot->count--;
  ilv_slot_emit (waiter, type, resource, ilv_slot_level (slot), id);
  ilv_slot_broadcast (slot);
  ilv_slot_done (slot, waiter, waited);
  return TRUE;
}

gboolean
ilv_resources_put (IlvResources *self,
                   guint         resource,
                   IlvWaiter    *waiter)
{
  return ilv_resources_push (self, resource, ILV_EVENT_QUEUE_PUT, waiter);
}

gboolean
ilv_resources_get (IlvResources *self,
                   guint         resource,
                   IlvWaiter    *waiter)
{
  return ilv_resources_pop (self, resource, ILV_EVENT_QUEUE_GET, waiter);
}

gboolean
ilv_resources_send (IlvResources *self,
                    guint         resource,
                    IlvWaiter    *waiter)
{
  return ilv_resources_push (self, resource, ILV_EVENT_SEND, waiter);
}

gboolean
ilv_resources_recv (IlvResources *self,
                    guint         resource,
                    IlvWaiter    *waiter)
{
  return ilv_resources_pop (self, resource, ILV_EVENT_RECV, waiter);
}

void
ilv_resources_task_done (IlvResources *self,
                         guint         resource,
                         IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);

  ilv_slot_lock (slot);
  if (slot->unfinished <= 0)
    {
      ilv_slot_emit (waiter, ILV_EVENT_MARK, -1, 0, ILV_STRING_TASK_DONE_TOO_MANY);
      ilv_slot_unlock (slot);
      return;
    }
  slot->unfinished--;
  ilv_slot_emit (waiter, ILV_EVENT_TASK_DONE, resource, slot->unfinished, 0);
  ilv_slot_broadcast (slot);
  ilv_slot_unlock (slot);
}

gboolean
ilv_resources_join (IlvResources *self,
                    guint         resource,
                    IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);
  gboolean waited = FALSE;

  ilv_slot_lock (slot);
  while (slot->unfinished > 0)
    if (!ilv_slot_wait_or_unlock (slot, waiter, ILV_STATE_QUEUE_WAIT, resource, &waited))
      return FALSE;
  ilv_slot_done (slot, waiter, waited);
  return TRUE;
}
