/* ilv-summary-text.c: a run's summary as a few lines a person reads
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "ilv-summary-text.h"

static gint64
count_lost_updates (const IlvSummary *summary,
                    GString          *detail)
{
  gint64 lost = 0;

  if (summary->values == NULL)
    return 0;

  for (guint i = 0; i < summary->values->len; i++)
    {
      const IlvValueSummary *value = &g_array_index (summary->values, IlvValueSummary, i);

      if (value->lost_updates <= 0)
        continue;

      lost += value->lost_updates;
      if (detail->len > 0)
        g_string_append (detail, ", ");
      /* Translators: a shared value's final and expected value, e.g.
       * "db_val ended at 1, expected 2". PRId64 (not G_GINT64_FORMAT) so
       * that xgettext sees the whole string. */
      g_string_append_printf (detail, _("%s ended at %" PRId64 ", expected %" PRId64),
                              value->name, (int64_t) value->final, (int64_t) value->expected);
    }

  return lost;
}

static const char *
stop_reason_label (IlvStopReason reason)
{
  switch (reason)
    {
    case ILV_STOP_TIMEOUT:
      return _("Stopped at the time limit");
    case ILV_STOP_DEADLOCK:
      return _("Deadlock");
    case ILV_STOP_STOPPED:
      return _("Stopped");
    case ILV_STOP_ERROR:
      return _("Error");
    case ILV_STOP_FINISHED:
    default:
      return NULL;
    }
}

/**
 * ilv_summary_text_format:
 * @summary: a run's summary
 * @with_title: whether to start with the scenario's name
 *
 * Returns: (transfer full): the lines `interleave run` prints
 */
char *
ilv_summary_text_format (const IlvSummary *summary,
                         gboolean          with_title)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  GString *text = g_string_new (NULL);
  const char *reason;
  gint64 lost;

  g_return_val_if_fail (summary != NULL, NULL);

  if (with_title && summary->scenario != NULL)
    g_string_append_printf (text, "%s\n", summary->scenario);

  g_string_append_printf (text, _("Wall time: %.1f ms\n"), summary->wall_ms);
  g_string_append_printf (text, _("Speedup: %.2f× (the same work one step after another: %.1f ms)\n"),
                          summary->speedup, summary->sequential_ms);

  lost = count_lost_updates (summary, detail);
  if (lost > 0)
    g_string_append_printf (text, _("Lost updates: %" PRId64 " (%s)\n"), (int64_t) lost, detail->str);
  else
    g_string_append (text, _("Lost updates: 0\n"));

  /* The engine's message says what happened ("deadlock: left holds a and
   * waits for b; …"); the bare reason is the fallback. */
  reason = stop_reason_label (summary->stopped);
  if (reason != NULL && summary->stop_message != NULL && summary->stop_message[0] != '\0')
    g_string_append_printf (text, "%s\n", summary->stop_message);
  else if (reason != NULL)
    g_string_append_printf (text, "%s\n", reason);

  return g_string_free (text, FALSE);
}
