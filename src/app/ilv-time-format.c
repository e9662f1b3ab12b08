/* ilv-time-format.c: durations and state names as the window shows them
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-time-format.h"

static char *
format_scaled (double      value,
               const char *unit)
{
  if (value >= 100)
    return g_strdup_printf ("%.0f %s", value, unit);
  if (value >= 10)
    return g_strdup_printf ("%.1f %s", value, unit);
  return g_strdup_printf ("%.2f %s", value, unit);
}

char *
ilv_time_format (gint64 ns)
{
  double abs_ns = ABS ((double) ns);
  double sign = ns < 0 ? -1 : 1;

  if (abs_ns >= 1e9)
    /* Translators: seconds */
    return format_scaled (sign * abs_ns / 1e9, _("s"));
  if (abs_ns >= 1e6)
    /* Translators: milliseconds */
    return format_scaled (sign * abs_ns / 1e6, _("ms"));
  if (abs_ns >= 1e3)
    /* Translators: microseconds */
    return format_scaled (sign * abs_ns / 1e3, _("µs"));
  /* Translators: nanoseconds */
  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", ns, _("ns"));
}

const char *
ilv_state_describe (IlvState state)
{
  switch (state)
    {
    case ILV_STATE_NOT_STARTED:
      return _("Not started");
    case ILV_STATE_RUNNING:
      return _("Running");
    case ILV_STATE_READY:
      return _("Ready, waiting for a core");
    case ILV_STATE_GIL_WAIT:
      return _("Waiting for the GIL");
    case ILV_STATE_LOCK_WAIT:
      return _("Waiting for a lock");
    case ILV_STATE_QUEUE_WAIT:
      return _("Waiting on a queue");
    case ILV_STATE_EVENT_WAIT:
      return _("Waiting for an event");
    case ILV_STATE_SLEEP:
      return _("Sleeping (I/O)");
    case ILV_STATE_SUSPENDED:
      return _("Suspended at an await");
    case ILV_STATE_DONE:
      return _("Done");
    case ILV_STATE_CRASHED:
      return _("Crashed");
    case ILV_STATE_IDLE:
      return _("Idle");
    case ILV_N_STATES:
    default:
      break;
    }

  return _("Unknown");
}
