/* ilv-resources.c: the shared mapping, its primitives, values and pools
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "ilv-resources-private.h"
#include "ilv-run.h"

#define ILV_SHM_MAGIC G_GUINT64_CONSTANT (0x494c565245533031) /* "ILVRES01" */
#define ILV_WAIT_SLICE_NS (50 * G_GINT64_CONSTANT (1000000))

static gsize
ilv_align (gsize n)
{
  return (n + 63) & ~(gsize) 63;
}

static guint32
ilv_resource_ring_size (const IlvResource *res)
{
  switch (res->kind)
    {
    case ILV_RESOURCE_QUEUE:
    case ILV_RESOURCE_PIPE:
      return res->capacity > 0 ? MIN (res->capacity, ILV_QUEUE_UNBOUNDED_MAX)
                               : ILV_QUEUE_UNBOUNDED_MAX;
    case ILV_RESOURCE_ARRAY:
      return MAX (res->capacity, 1);
    default:
      return 0;
    }
}

static gsize
ilv_resource_data_size (const IlvResource *res)
{
  if (res->kind == ILV_RESOURCE_ARRAY)
    return ilv_align (ilv_resource_ring_size (res) * sizeof (gint64));
  return ilv_align (ilv_resource_ring_size (res) * sizeof (guint32));
}

/* The layout depends on the scenario only, so a child computes the same. */
static gsize
ilv_resources_layout (IlvScenario *scenario,
                      gsize       *slots,
                      gsize       *pools,
                      gsize       *data)
{
  gsize size = ilv_align (sizeof (IlvShmHeader));

  *slots = size;
  size += ilv_align (scenario->resources->len * sizeof (IlvSlot));
  *pools = size;
  size += ilv_align (scenario->pools->len * sizeof (IlvPoolSlot));
  *data = size;
  for (guint i = 0; i < scenario->resources->len; i++)
    size += ilv_resource_data_size (g_ptr_array_index (scenario->resources, i));
  return size;
}

static gboolean
ilv_slot_init_sync (IlvSlot *slot)
{
  pthread_mutexattr_t mattr;
  pthread_condattr_t cattr;
  int r;

  pthread_mutexattr_init (&mattr);
  pthread_mutexattr_setpshared (&mattr, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust (&mattr, PTHREAD_MUTEX_ROBUST);
  r = pthread_mutex_init (&slot->mutex, &mattr);
  pthread_mutexattr_destroy (&mattr);
  if (r != 0)
    return FALSE;

  pthread_condattr_init (&cattr);
  pthread_condattr_setpshared (&cattr, PTHREAD_PROCESS_SHARED);
  pthread_condattr_setclock (&cattr, CLOCK_MONOTONIC);
  r = pthread_cond_init (&slot->cond, &cattr);
  pthread_condattr_destroy (&cattr);
  return r == 0;
}

static gboolean
ilv_resources_init_slots (IlvResources *self,
                          gsize         data,
                          GError      **error)
{
  for (guint i = 0; i < self->scenario->resources->len; i++)
    {
      const IlvResource *res = g_ptr_array_index (self->scenario->resources, i);
      IlvSlot *slot = &self->slots[i];

      if (!ilv_slot_init_sync (slot))
        {
          g_set_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_RESOURCES,
                       _("Could not set up the process-shared lock of resource “%s”"),
                       res->name);
          return FALSE;
        }
      slot->kind = res->kind;
      slot->owner = -1;
      slot->initial = res->initial;
      slot->bounded = res->bounded;
      slot->data = data;
      slot->capacity = ilv_resource_ring_size (res);
      if (res->kind == ILV_RESOURCE_SEMAPHORE)
        slot->count = res->initial;
      else if (res->kind == ILV_RESOURCE_BARRIER)
        slot->capacity = MAX (res->capacity, 1);
      else if (res->kind == ILV_RESOURCE_VALUE)
        slot->count = res->initial;
      else if (res->kind == ILV_RESOURCE_ARRAY)
        for (guint j = 0; j < slot->capacity; j++)
          ((gint64 *) (self->base + data))[j] = res->initial;
      data += ilv_resource_data_size (res);
    }
  return TRUE;
}

static IlvResources *
ilv_resources_map (IlvScenario *scenario,
                   int          fd,
                   gsize        size,
                   GError     **error)
{
  IlvResources *self;
  void *base = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

  if (base == MAP_FAILED)
    {
      int saved = errno;

      g_set_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_RESOURCES,
                   _("Could not map the shared memory of the resources: %s"),
                   g_strerror (saved));
      return NULL;
    }

  self = g_new0 (IlvResources, 1);
  self->scenario = ilv_scenario_ref (scenario);
  self->fd = fd;
  self->base = base;
  self->size = size;
  self->header = base;
  return self;
}

IlvResources *
ilv_resources_new (IlvScenario *scenario,
                   GError     **error)
{
  IlvResources *self;
  gsize slots, pools, data, size;
  int fd;

  g_return_val_if_fail (scenario != NULL, NULL);

  size = ilv_resources_layout (scenario, &slots, &pools, &data);
  fd = memfd_create ("interleave-resources", MFD_CLOEXEC);
  if (fd < 0 || ftruncate (fd, size) < 0)
    {
      int saved = errno;

      g_set_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_RESOURCES,
                   _("Could not create the shared memory of the resources: %s"),
                   g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return NULL;
    }

  self = ilv_resources_map (scenario, fd, size, error);
  if (self == NULL)
    {
      close (fd);
      return NULL;
    }
  self->owns_fd = TRUE;
  self->slots = (IlvSlot *) (self->base + slots);
  self->pools = (IlvPoolSlot *) (self->base + pools);
  self->header->size = size;
  self->header->n_resources = scenario->resources->len;
  self->header->n_pools = scenario->pools->len;
  self->header->slots = slots;
  self->header->pools = pools;

  for (guint i = 0; i < scenario->pools->len; i++)
    {
      const IlvPool *pool = g_ptr_array_index (scenario->pools, i);

      self->pools[i].tasks = pool->tasks;
      self->pools[i].chunksize = MAX (pool->chunksize, 1);
    }

  if (!ilv_resources_init_slots (self, data, error))
    {
      ilv_resources_free (self);
      return NULL;
    }
  self->header->magic = ILV_SHM_MAGIC;
  return self;
}

IlvResources *
ilv_resources_attach (IlvScenario *scenario,
                      int          fd,
                      GError     **error)
{
  IlvResources *self;
  gsize slots, pools, data, size;

  g_return_val_if_fail (scenario != NULL, NULL);

  size = ilv_resources_layout (scenario, &slots, &pools, &data);
  self = ilv_resources_map (scenario, fd, size, error);
  if (self == NULL)
    return NULL;

  if (self->header->magic != ILV_SHM_MAGIC || self->header->size != size ||
      self->header->n_resources != scenario->resources->len ||
      self->header->n_pools != scenario->pools->len)
    {
      g_set_error (error, ILV_RUN_ERROR, ILV_RUN_ERROR_RESOURCES,
                   _("The shared memory does not hold this scenario’s resources"));
      ilv_resources_free (self);
      return NULL;
    }
  self->slots = (IlvSlot *) (self->base + slots);
  self->pools = (IlvPoolSlot *) (self->base + pools);
  return self;
}

int
ilv_resources_get_fd (IlvResources *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->fd;
}

void
ilv_resources_free (IlvResources *self)
{
  if (self == NULL)
    return;

  munmap (self->base, self->size);
  if (self->owns_fd)
    close (self->fd);
  ilv_scenario_unref (self->scenario);
  g_free (self);
}

gboolean
ilv_resources_next_chunk (IlvResources *self,
                          guint         pool,
                          guint        *first_task,
                          guint        *n_tasks)
{
  IlvPoolSlot *slot;
  guint32 first;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (pool < self->header->n_pools, FALSE);

  slot = &self->pools[pool];
  first = __atomic_fetch_add (&slot->next_task, slot->chunksize, __ATOMIC_RELAXED);
  if (first >= slot->tasks)
    return FALSE;

  *first_task = first;
  *n_tasks = MIN (slot->chunksize, slot->tasks - first);
  return TRUE;
}

IlvSlot *
ilv_resources_slot (IlvResources *self,
                    guint         resource)
{
  g_assert (resource < self->header->n_resources);

  return &self->slots[resource];
}

void
ilv_slot_lock (IlvSlot *slot)
{
  if (pthread_mutex_lock (&slot->mutex) == EOWNERDEAD)
    pthread_mutex_consistent (&slot->mutex);
}

void
ilv_slot_unlock (IlvSlot *slot)
{
  pthread_mutex_unlock (&slot->mutex);
}

void
ilv_slot_broadcast (IlvSlot *slot)
{
  pthread_cond_broadcast (&slot->cond);
}

gboolean
ilv_slot_wait (IlvSlot   *slot,
               IlvWaiter *waiter,
               IlvState   state,
               gint       resource,
               gboolean  *waited)
{
  if (!*waited)
    {
      *waited = TRUE;
      waiter->klass->enter (waiter, state, resource);
    }
  return waiter->klass->slice (waiter, &slot->mutex, &slot->cond);
}

gboolean
ilv_slot_wait_or_unlock (IlvSlot   *slot,
                         IlvWaiter *waiter,
                         IlvState   state,
                         gint       resource,
                         gboolean  *waited)
{
  if (ilv_slot_wait (slot, waiter, state, resource, waited))
    return TRUE;
  ilv_slot_unlock (slot);
  return FALSE;
}

void
ilv_slot_done (IlvSlot   *slot,
               IlvWaiter *waiter,
               gboolean   waited)
{
  ilv_slot_unlock (slot);
  if (waited)
    waiter->klass->leave (waiter);
}

void
ilv_slot_emit (IlvWaiter    *waiter,
               IlvEventType  type,
               gint          resource,
               gint64        value,
               guint32       aux)
{
  ilv_recorder_emit (waiter->recorder, waiter->lane, type, resource, value, aux);
}

/* The element an index names: always 0 for a plain value. */
static guint32
ilv_slot_element (IlvSlot *slot,
                  gint64   element)
{
  if (slot->kind != ILV_RESOURCE_ARRAY)
    return 0;
  return (guint32) CLAMP (element, 0, (gint64) slot->capacity - 1);
}

static gint64 *
ilv_slot_value (IlvResources *self,
                IlvSlot      *slot,
                guint32       element)
{
  if (slot->kind == ILV_RESOURCE_ARRAY)
    return &((gint64 *) (self->base + slot->data))[element];
  return &slot->count;
}

/* A value event names the element it touched, stamped in the critical
 * section like every resource event. */
static void
ilv_slot_emit_value (IlvWaiter    *waiter,
                     IlvEventType  type,
                     guint         resource,
                     guint32       element,
                     gint64        value,
                     guint32       aux)
{
  IlvEvent event = { ilv_now_ns (), value, waiter->lane, aux, type, (gint16) resource, element };

  ilv_recorder_emit_event (waiter->recorder, &event);
}

gint64
ilv_resources_load (IlvResources *self,
                    guint         resource,
                    gint64        element,
                    IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);
  guint32 index = ilv_slot_element (slot, element);
  gint64 value;

  ilv_slot_lock (slot);
  value = *ilv_slot_value (self, slot, index);
  ilv_slot_emit_value (waiter, ILV_EVENT_VALUE_LOAD, resource, index, value, 0);
  ilv_slot_unlock (slot);
  return value;
}

void
ilv_resources_store (IlvResources *self,
                     guint         resource,
                     gint64        element,
                     gint64        value,
                     gint64        increment,
                     IlvWaiter    *waiter)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);
  guint32 index = ilv_slot_element (slot, element);

  ilv_slot_lock (slot);
  *ilv_slot_value (self, slot, index) = value;
  /* aux carries the increment as a 32-bit two's complement number */
  ilv_slot_emit_value (waiter, ILV_EVENT_VALUE_STORE, resource, index, value,
                       (guint32) (gint32) increment);
  ilv_slot_unlock (slot);
}

gint64
ilv_resources_peek (IlvResources *self,
                    guint         resource,
                    gint64        element)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);
  gint64 value;

  ilv_slot_lock (slot);
  value = *ilv_slot_value (self, slot, ilv_slot_element (slot, element));
  ilv_slot_unlock (slot);
  return value;
}

gint
ilv_resources_get_owner (IlvResources *self,
                         guint         resource)
{
  IlvSlot *slot = ilv_resources_slot (self, resource);
  gint owner;

  ilv_slot_lock (slot);
  owner = slot->owner;
  ilv_slot_unlock (slot);
  return owner;
}
