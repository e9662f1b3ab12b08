/* ilv-wake-source.c: waking a run's main loop when a worker has ended
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "ilv-wake-source.h"

static gboolean
ilv_wake_source_dispatch (GSource     *source,
                          GSourceFunc  callback,
                          gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs ilv_wake_source_funcs = {
  NULL, NULL, ilv_wake_source_dispatch, NULL, NULL, NULL,
};

GSource *
ilv_wake_source_new (GSourceFunc func,
                     gpointer    user_data)
{
  GSource *source = g_source_new (&ilv_wake_source_funcs, sizeof (GSource));

  g_source_set_callback (source, func, user_data, NULL);
  g_source_set_ready_time (source, -1);
  return source;
}

void
ilv_wake_fd_write (gint fd)
{
  guint64 one = 1;

  if (fd >= 0 && write (fd, &one, sizeof one) < 0)
    return;
}
