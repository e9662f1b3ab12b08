/* ilv-flow-index.c: flows sorted by their ends, kept across frames
 *
 * The trace keeps its flows in order of from_time; a layout that lives
 * across frames keeps them in order of to_time too, per trace serial: a
 * frame then finds the flows of its range by binary search instead of
 * reading them all.
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ilv-render-private.h"

typedef struct
{
  gint64  time;
  guint32 index;
} Keyed;

static int
compare_keyed (const void *a,
               const void *b)
{
  const Keyed *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static void
rebuild (IlvFlowIndex  *index,
         const IlvFlow *flows,
         gsize          n)
{
  g_autofree Keyed *keyed = g_new (Keyed, MAX (n, 1));

  ilv_flow_index_clear (index);
  index->by_to = g_new (guint32, MAX (n, 1));
  index->by_from = g_new (guint32, MAX (n, 1));
  for (gsize f = 0; f < n; f++)
    {
      keyed[f] = (Keyed) { flows[f].to_time, (guint32) f };
      index->by_from[f] = (guint32) f;   /* the trace keeps them by from_time */
    }
  qsort (keyed, n, sizeof (Keyed), compare_keyed);
  for (gsize f = 0; f < n; f++)
    index->by_to[f] = keyed[f].index;
  index->n = n;
}

/* Rebuilt when the trace changed: a new flow may sort in anywhere (the
 * trace keeps them by from_time), so earlier indices do not stay. */
const IlvFlowIndex *
ilv_flow_index_get (IlvTimelineLayout *layout,
                    guint              t)
{
  IlvFlowIndex *index = &layout->flow_index[t];
  IlvTrace *trace = layout->traces[t];
  gsize n = ilv_trace_get_n_flows (trace);
  const IlvFlow *flows = ilv_trace_get_flows (trace);
  guint64 serial = ilv_trace_get_serial (trace);

  if (n > G_MAXINT32)
    return NULL;
  if (index->by_to == NULL || index->serial != serial || index->n != n)
    {
      rebuild (index, flows, n);
      index->serial = serial;
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
