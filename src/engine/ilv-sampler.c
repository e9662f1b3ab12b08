/* ilv-sampler.c: which core each worker is on, read from /proc
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "ilv-sampler.h"

struct _IlvSampler
{
  IlvRecorder *recorder;
  guint        n_cpus;
};

IlvSampler *
ilv_sampler_new (void)
{
  IlvSampler *self = g_new0 (IlvSampler, 1);

  self->recorder = ilv_recorder_new ();
  self->n_cpus = MAX (1, sysconf (_SC_NPROCESSORS_CONF));
  return self;
}

gboolean
ilv_sampler_is_available (IlvSampler *self)
{
  return FALSE;
}

guint
ilv_sampler_get_n_cpus (IlvSampler *self)
{
  g_return_val_if_fail (self != NULL, 1);
  return self->n_cpus;
}

IlvRecorder *
ilv_sampler_get_recorder (IlvSampler *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->recorder;
}

void
ilv_sampler_add (IlvSampler *self,
                 gint64      pid,
                 gint64      tid,
                 guint32     lane)
{
  g_return_if_fail (self != NULL);
}

void
ilv_sampler_remove (IlvSampler *self,
                    guint32     lane)
{
  g_return_if_fail (self != NULL);
}

void
ilv_sampler_start (IlvSampler *self)
{
  g_return_if_fail (self != NULL);
}

void
ilv_sampler_stop (IlvSampler *self)
{
  g_return_if_fail (self != NULL);
}

void
ilv_sampler_free (IlvSampler *self)
{
  if (self == NULL)
    return;
  ilv_recorder_free (self->recorder);
  g_free (self);
}
