/* ilv-process-executor.c: process workers as interleave-worker children
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ilv-process-executor.h"

struct _IlvProcessExecutor
{
  char                 *scenario_data;
  gsize                 scenario_length;
  IlvResources         *resources;
  gint64                origin_ns;
  IlvProcessEventsFunc  events_func;
  IlvProcessExitFunc    exit_func;
  gpointer              user_data;
};

IlvProcessExecutor *
ilv_process_executor_new (const char           *scenario_data,
                          gsize                 scenario_length,
                          IlvResources         *resources,
                          gint64                origin_ns,
                          IlvProcessEventsFunc  events_func,
                          IlvProcessExitFunc    exit_func,
                          gpointer              user_data)
{
  IlvProcessExecutor *self;

  g_return_val_if_fail (scenario_data != NULL, NULL);

  self = g_new0 (IlvProcessExecutor, 1);
  self->scenario_data = g_memdup2 (scenario_data, scenario_length);
  self->scenario_length = scenario_length;
  self->resources = resources;
  self->origin_ns = origin_ns;
  self->events_func = events_func;
  self->exit_func = exit_func;
  self->user_data = user_data;
  return self;
}

gboolean
ilv_process_executor_spawn (IlvProcessExecutor  *self,
                            const IlvWorkerSpec *spec,
                            gint64              *pid,
                            GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("Process workers are not available yet"));
  return FALSE;
}

void
ilv_process_executor_terminate (IlvProcessExecutor *self,
                                guint32             lane)
{
  g_return_if_fail (self != NULL);
}

void
ilv_process_executor_stop (IlvProcessExecutor *self)
{
  g_return_if_fail (self != NULL);
}

guint
ilv_process_executor_get_n_alive (IlvProcessExecutor *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return 0;
}

void
ilv_process_executor_free (IlvProcessExecutor *self)
{
  if (self == NULL)
    return;
  g_free (self->scenario_data);
  g_free (self);
}
