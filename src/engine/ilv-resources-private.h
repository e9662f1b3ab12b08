/* ilv-resources-private.h: the shared mapping's layout, for the resource files
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-resources.h"

G_BEGIN_DECLS

/* One resource in the shared mapping. Its state is plain words guarded by
 * `mutex`, a short robust process-shared mutex: a worker that dies holding
 * it leaves the words as they were (a lock it held stays held). */
typedef struct
{
  pthread_mutex_t mutex;
  pthread_cond_t  cond;       /* broadcast on every change */
  gint32          kind;       /* IlvResourceKind */
  gint32          owner;      /* locks, a value's own lock: holder lane or -1 */
  gint64          count;      /* semaphore: value; event: flag; barrier: arrived; queue/pipe: depth */
  gint64          initial;
  guint32         capacity;   /* queue/pipe ring size; barrier parties; array length */
  guint32         waiters;    /* lock waiters */
  guint32         head;       /* queue/pipe: ring index of the oldest item */
  gboolean        bounded;
  gint64          unfinished; /* queue: put but not task_done'd */
  guint64         generation; /* barrier */
  guint32         next_id;    /* queue/pipe item ids, from 1 */
  guint32         _pad;
  guint64         data;       /* offset of the ring (guint32 ids) or the array (gint64) */
} IlvSlot;

typedef struct
{
  guint32 next_task;          /* atomic */
  guint32 tasks;
  guint32 chunksize;
  guint32 _pad;
} IlvPoolSlot;

typedef struct
{
  guint64 magic;
  guint64 size;
  guint32 n_resources;
  guint32 n_pools;
  guint64 slots;              /* offset of IlvSlot[n_resources] */
  guint64 pools;              /* offset of IlvPoolSlot[n_pools] */
} IlvShmHeader;

struct _IlvResources
{
  IlvScenario  *scenario;
  int           fd;
  gboolean      owns_fd;
  guint8       *base;
  gsize         size;
  IlvShmHeader *header;
  IlvSlot      *slots;
  IlvPoolSlot  *pools;
};

IlvSlot *ilv_resources_slot   (IlvResources *self,
                               guint         resource);
void     ilv_slot_lock        (IlvSlot      *slot);
void     ilv_slot_unlock      (IlvSlot      *slot);
void     ilv_slot_broadcast   (IlvSlot      *slot);
/* Waits one slice; the first call records the wait (`*waited` set). */
gboolean ilv_slot_wait        (IlvSlot      *slot,
                               IlvWaiter    *waiter,
                               IlvState      state,
                               gint          resource,
                               gboolean     *waited);
/* ilv_slot_wait() for a wait with nothing to undo: when the wait is cut
 * short (a stop), also unlocks the slot. */
gboolean ilv_slot_wait_or_unlock (IlvSlot   *slot,
                                  IlvWaiter *waiter,
                                  IlvState   state,
                                  gint       resource,
                                  gboolean  *waited);
/* Unlocks; if the operation waited, lets the worker run again. */
void     ilv_slot_done        (IlvSlot      *slot,
                               IlvWaiter    *waiter,
                               gboolean      waited);
void     ilv_slot_emit        (IlvWaiter    *waiter,
                               IlvEventType  type,
                               gint          resource,
                               gint64        value,
                               guint32       aux);

G_END_DECLS
