/* ilv-gil.c: the simulated GIL, with CPython's drop requests and forced switches
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-gil.h"

#define ILV_GIL_SLICE_US (50 * G_TIME_SPAN_MILLISECOND)

struct _IlvGil
{
  GMutex   mutex;
  GCond    cond;            /* broadcast when the GIL is released or taken */
  gint     holder;          /* lane, or -1 */
  guint64  switch_number;   /* bumped on every take */
  gint     drop_request;    /* atomic: a waiter asks the holder to drop it */
  guint    n_waiting;
  gint64   interval_us;
  guint    process;
};

IlvGil *
ilv_gil_new (guint  process_index,
             gint64 switch_interval_ns)
{
  IlvGil *self = g_new0 (IlvGil, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->holder = -1;
  self->process = process_index;
  self->interval_us = MAX (switch_interval_ns / 1000, 1);
  return self;
}

void
ilv_gil_free (IlvGil *self)
{
  if (self == NULL)
    return;

  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

static gboolean
ilv_gil_stopped (volatile gint *stop)
{
  return stop != NULL && g_atomic_int_get (stop) != 0;
}

/* Waits (mutex held) until the GIL is free. A waiter that sees no switch
 * for a whole interval sets the drop request, as CPython's take_gil does. */
static gboolean
ilv_gil_wait_free (IlvGil        *self,
                   volatile gint *stop)
{
  gint64 interval_end = g_get_monotonic_time () + self->interval_us;
  guint64 seen = self->switch_number;

  self->n_waiting++;
  while (self->holder >= 0)
    {
      gint64 now;

      if (ilv_gil_stopped (stop))
        {
          self->n_waiting--;
          return FALSE;
        }
      g_cond_wait_until (&self->cond, &self->mutex,
                         MIN (interval_end, g_get_monotonic_time () + ILV_GIL_SLICE_US));
      now = g_get_monotonic_time ();
      if (self->switch_number != seen)
        {
          seen = self->switch_number;
          interval_end = now + self->interval_us;
        }
      else if (now >= interval_end && self->holder >= 0)
        {
          g_atomic_int_set (&self->drop_request, 1);
          interval_end = now + self->interval_us;
        }
    }
  self->n_waiting--;
  return TRUE;
}

static gboolean
ilv_gil_take_locked (IlvGil        *self,
                     IlvRecorder   *recorder,
                     guint32        lane,
                     volatile gint *stop,
                     gboolean       announced)
{
  if (self->holder >= 0 && !announced)
    ilv_recorder_emit (recorder, lane, ILV_EVENT_STATE, -1, ILV_STATE_GIL_WAIT, 0);

  if (!ilv_gil_wait_free (self, stop))
    return FALSE;

  self->holder = lane;
  self->switch_number++;
  g_atomic_int_set (&self->drop_request, 0);
  ilv_recorder_emit (recorder, lane, ILV_EVENT_GIL_ACQUIRED, self->process, 0, 0);
  ilv_recorder_emit (recorder, lane, ILV_EVENT_STATE, -1, ILV_STATE_RUNNING, 0);
  g_cond_broadcast (&self->cond);
  return TRUE;
}

gboolean
ilv_gil_acquire (IlvGil        *self,
                 IlvRecorder   *recorder,
                 guint32        lane,
                 volatile gint *stop)
{
  gboolean ok;

  g_mutex_lock (&self->mutex);
  ok = ilv_gil_take_locked (self, recorder, lane, stop, FALSE);
  g_mutex_unlock (&self->mutex);
  return ok;
}

static void
ilv_gil_drop_locked (IlvGil      *self,
                     IlvRecorder *recorder,
                     guint32      lane,
                     IlvState     next,
                     gint         resource)
{
  ilv_recorder_emit (recorder, lane, ILV_EVENT_STATE, resource, next, 0);
  /* A worker whose re-take was cut short by a stop does not hold it. */
  if (self->holder != (gint) lane)
    return;
  self->holder = -1;
  ilv_recorder_emit (recorder, lane, ILV_EVENT_GIL_RELEASED, self->process, 0, 0);
  g_cond_broadcast (&self->cond);
}

void
ilv_gil_release (IlvGil      *self,
                 IlvRecorder *recorder,
                 guint32      lane,
                 IlvState     next,
                 gint         resource)
{
  g_mutex_lock (&self->mutex);
  ilv_gil_drop_locked (self, recorder, lane, next, resource);
  g_mutex_unlock (&self->mutex);
}

gboolean
ilv_gil_check (IlvGil        *self,
               IlvRecorder   *recorder,
               guint32        lane,
               volatile gint *stop)
{
  guint64 seen;
  gboolean ok;

  if (G_LIKELY (g_atomic_int_get (&self->drop_request) == 0))
    return !ilv_gil_stopped (stop);

  g_mutex_lock (&self->mutex);
  if (self->holder != (gint) lane || self->n_waiting == 0)
    {
      g_atomic_int_set (&self->drop_request, 0);
      g_mutex_unlock (&self->mutex);
      return !ilv_gil_stopped (stop);
    }

  ilv_gil_drop_locked (self, recorder, lane, ILV_STATE_GIL_WAIT, -1);

  /* Forced switch: let a waiter take it before trying again. */
  seen = self->switch_number;
  while (self->switch_number == seen && self->n_waiting > 0 && !ilv_gil_stopped (stop))
    g_cond_wait_until (&self->cond, &self->mutex,
                       g_get_monotonic_time () + ILV_GIL_SLICE_US);

  ok = ilv_gil_take_locked (self, recorder, lane, stop, TRUE);
  g_mutex_unlock (&self->mutex);
  return ok;
}

gint
ilv_gil_get_holder (IlvGil *self)
{
  gint holder;

  g_mutex_lock (&self->mutex);
  holder = self->holder;
  g_mutex_unlock (&self->mutex);
  return holder;
}
