/* ilv-selection-text.c: what the workers did in a selected range, as one line a room reads
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-lane-table.h"
#include "ilv-selection-text.h"
#include "ilv-time-format.h"

/* The state's name inside a sentence: short, as in the table's headings. */
static const char *
state_name (IlvState state)
{
  switch (state)
    {
    case ILV_STATE_RUNNING:
      return _("running");
    case ILV_STATE_READY:
      return _("ready");
    case ILV_STATE_GIL_WAIT:
      return _("GIL wait");
    case ILV_STATE_LOCK_WAIT:
      return _("lock wait");
    case ILV_STATE_QUEUE_WAIT:
      return _("queue wait");
    case ILV_STATE_EVENT_WAIT:
      return _("event wait");
    case ILV_STATE_SLEEP:
      return _("I/O");
    case ILV_STATE_SUSPENDED:
      return _("suspended");
    default:
      return ilv_state_describe (state);
    }
}

gboolean
ilv_selection_state_shares (IlvTrace *trace,
                            gint64    start,
                            gint64    end,
                            double    shares[ILV_N_STATES])
{
  gint64 origin;
  gint64 totals[ILV_N_STATES] = { 0 };
  gint64 alive = 0;

  g_return_val_if_fail (trace != NULL, FALSE);
  g_return_val_if_fail (shares != NULL, FALSE);

  for (guint s = 0; s < ILV_N_STATES; s++)
    shares[s] = 0;
  if (end <= start)
    return FALSE;

  origin = ilv_trace_get_start (trace);
  for (guint lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    {
      gint64 times[ILV_N_STATES];

      if (ilv_trace_get_lane (trace, lane)->kind != ILV_LANE_WORKER)
        continue;
      ilv_trace_lane_state_times (trace, lane, origin + start, origin + end, times);
      for (guint s = 0; s < ILV_N_STATES; s++)
        totals[s] += times[s];
    }

  /* Alive: the states the table counts; not before the start, nor after
   * the end or a crash. */
  for (guint i = 0; i < ilv_lane_table_n_states; i++)
    alive += totals[ilv_lane_table_states[i]];
  if (alive <= 0)
    return FALSE;

  for (guint i = 0; i < ilv_lane_table_n_states; i++)
    {
      IlvState state = ilv_lane_table_states[i];

      shares[state] = (double) totals[state] / (double) alive;
    }
  return TRUE;
}

/* "running 12 %, lock wait 80 %": running always (that the workers
 * hardly ran is the point, often), the other states of at least half a
 * percent, in the table's order. */
static void
append_shares (GString  *out,
               IlvTrace *trace,
               gint64    start,
               gint64    end)
{
  double shares[ILV_N_STATES];
  gboolean first = TRUE;

  if (!ilv_selection_state_shares (trace, start, end, shares))
    {
      g_string_append (out, _("no worker was alive"));
      return;
    }

  for (guint i = 0; i < ilv_lane_table_n_states; i++)
    {
      IlvState state = ilv_lane_table_states[i];

      if (shares[state] < 0.005 && state != ILV_STATE_RUNNING)
        continue;
      if (!first)
        /* Translators: between two states and their shares */
        g_string_append (out, _(", "));
      /* Translators: a state and its share of the workers' time, "lock wait 80 %" */
      g_string_append_printf (out, _("%s %.0f %%"), state_name (state), 100 * shares[state]);
      first = FALSE;
    }
}

char *
ilv_selection_text_format (IlvTrace * const *traces,
                           guint             n_traces,
                           gint64            start,
                           gint64            end)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (n_traces == 0 || traces != NULL, NULL);

  a = ilv_time_format (start);
  b = ilv_time_format (end);
  if (n_traces == 1)
    {
      g_autoptr(GString) shares = g_string_new (NULL);

      append_shares (shares, traces[0], start, end);
      /* Translators: the selected range and what the workers did there,
       * "Selection 20.0 ms – 40.0 ms: running 12 %, lock wait 80 %" */
      g_string_append_printf (out, _("Selection %s – %s: %s"), a, b, shares->str);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  /* Translators: the selected range, "Selection 20.0 ms – 40.0 ms" */
  g_string_append_printf (out, _("Selection %s – %s"), a, b);
  for (guint i = 0; i < n_traces; i++)
    {
      g_autoptr(GString) shares = g_string_new (NULL);

      append_shares (shares, traces[i], start, end);
      g_string_append_c (out, '\n');
      /* Translators: one run of a comparison and what its workers did in
       * the selection, "Run 2: running 12 %, lock wait 80 %" */
      g_string_append_printf (out, _("Run %u: %s"), i + 1, shares->str);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
