/* ilv-flow-index.c: flows sorted by their ends, kept across frames
 *
 * A trace appends flows in the order their second end arrives, batch by
 * batch, so they are not in time order. A layout that lives across frames
 * keeps two sorted index arrays per trace and merges in the flows that
 * arrived since: a frame then finds the flows of its range by binary
 * search instead of reading them all.
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-render-private.h"

static gint
compare_to (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  const IlvFlow *flows = user_data;
  gint64 x = flows[*(const guint32 *) a].to_time, y = flows[*(const guint32 *) b].to_time;

  return x < y ? -1 : x > y;
}

static gint
compare_from (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const IlvFlow *flows = user_data;
  gint64 x = flows[*(const guint32 *) a].from_time, y = flows[*(const guint32 *) b].from_time;

  return x < y ? -1 : x > y;
}

/* Sorts the new indices [old_n, n) and merges them with the sorted [0, old_n). */
static guint32 *
extend (guint32        *sorted,
        gsize           old_n,
        gsize           n,
        const IlvFlow  *flows,
        GCompareDataFunc compare)
{
  guint32 *merged = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *tail = g_new (guint32, MAX (n - old_n, 1));
  gsize i = 0, j = 0, k = 0;

  for (gsize f = old_n; f < n; f++)
    tail[f - old_n] = (guint32) f;
  g_qsort_with_data (tail, (gint) (n - old_n), sizeof (guint32), compare, (gpointer) flows);
  while (i < old_n || j < n - old_n)
    {
      if (j == n - old_n || (i < old_n && compare (&sorted[i], &tail[j], (gpointer) flows) <= 0))
        merged[k++] = sorted[i++];
      else
        merged[k++] = tail[j++];
    }
  g_free (sorted);
  return merged;
}

const IlvFlowIndex *
ilv_flow_index_get (IlvTimelineLayout *layout,
                    guint              t)
{
  IlvFlowIndex *index = &layout->flow_index[t];
  IlvTrace *trace = layout->traces[t];
  gsize n = ilv_trace_get_n_flows (trace);
  const IlvFlow *flows = ilv_trace_get_flows (trace);

  if (n > G_MAXINT32)
    return NULL;
  if (n < index->n)
    {
      g_clear_pointer (&index->by_to, g_free);
      g_clear_pointer (&index->by_from, g_free);
      index->n = 0;
    }
  if (n > index->n)
    {
      index->by_to = extend (index->by_to, index->n, n, flows, compare_to);
      index->by_from = extend (index->by_from, index->n, n, flows, compare_from);
      index->n = n;
    }
  return index;
}

gsize
ilv_flow_index_lower_bound (const guint32 *sorted,
                            gsize          n,
                            const IlvFlow *flows,
                            gboolean       by_to,
                            gint64         t)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      const IlvFlow *f = &flows[sorted[mid]];

      if ((by_to ? f->to_time : f->from_time) < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
ilv_flow_index_clear (IlvFlowIndex *index)
{
  g_clear_pointer (&index->by_to, g_free);
  g_clear_pointer (&index->by_from, g_free);
  index->n = 0;
}
