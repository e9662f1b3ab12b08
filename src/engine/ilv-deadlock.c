/* ilv-deadlock.c: telling a deadlock (or a run that cannot move) from a slow run
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ilv-resources.h"
#include "ilv-run-private.h"

typedef struct
{
  guint32  lane;
  gint     waits_on;     /* resource, or -1 */
  GArray  *holders;      /* guint32 lanes holding waits_on */
  gint     color;        /* DFS: 0 new, 1 on the path, 2 done */
} IlvWaitNode;

static gboolean
ilv_lane_last_span (IlvTrace *trace,
                    guint32   lane,
                    IlvSpan  *span)
{
  gsize n = ilv_trace_lane_get_n_spans (trace, lane);

  if (n == 0)
    return FALSE;
  ilv_trace_lane_get_span (trace, lane, n - 1, span);
  return TRUE;
}

static gboolean
ilv_span_is_final (const IlvSpan *span)
{
  return span->state == ILV_STATE_DONE || span->state == ILV_STATE_CRASHED;
}

static gboolean
ilv_span_is_blocked (const IlvSpan *span)
{
  switch (span->state)
    {
    case ILV_STATE_LOCK_WAIT:
    case ILV_STATE_QUEUE_WAIT:
    case ILV_STATE_EVENT_WAIT:
      return span->resource >= 0;
    case ILV_STATE_SUSPENDED:
      return span->resource >= 0;   /* an await on a resource, not a sleep */
    default:
      return FALSE;
    }
}

static gboolean
ilv_lane_is_live (IlvTrace         *trace,
                  const IlvRunLane *info)
{
  IlvSpan span;

  if (info->ended)
    return FALSE;
  return !ilv_lane_last_span (trace, info->lane, &span) || !ilv_span_is_final (&span);
}

char *
ilv_deadlock_signature (IlvTrace     *trace,
                        const GArray *lanes)
{
  GString *sig = g_string_new (NULL);

  for (guint i = 0; i < lanes->len; i++)
    {
      const IlvRunLane *info = &g_array_index (lanes, IlvRunLane, i);
      IlvSpan span;

      if (ilv_lane_is_live (trace, info) && ilv_lane_last_span (trace, info->lane, &span))
        g_string_append_printf (sig, "%u:%" G_GINT64_FORMAT ":%d;",
                                info->lane, span.start, span.state);
    }
  return g_string_free (sig, FALSE);
}

static void
ilv_find_holders (IlvTrace     *trace,
                  IlvResources *resources,
                  const GArray *lanes,
                  gint          resource,
                  GArray       *holders)
{
  IlvResourceKind kind = ilv_trace_get_resource (trace, resource)->kind;

  if (kind != ILV_RESOURCE_SEMAPHORE)
    {
      gint owner = ilv_resources_get_owner (resources, resource);

      if (owner >= 0 && kind != ILV_RESOURCE_QUEUE && kind != ILV_RESOURCE_PIPE &&
          kind != ILV_RESOURCE_EVENT && kind != ILV_RESOURCE_BARRIER)
        g_array_append_val (holders, owner);
      return;
    }

  for (guint i = 0; i < lanes->len; i++)
    {
      guint32 lane = g_array_index (lanes, IlvRunLane, i).lane;
      const IlvHold *holds = ilv_trace_lane_get_holds (trace, lane);
      gsize n = ilv_trace_lane_get_n_holds (trace, lane);

      for (gsize j = 0; j < n; j++)
        if (holds[j].resource == resource && holds[j].end == G_MAXINT64)
          {
            g_array_append_val (holders, lane);
            break;
          }
    }
}

static IlvWaitNode *
ilv_find_node (GArray  *nodes,
               guint32  lane)
{
  for (guint i = 0; i < nodes->len; i++)
    if (g_array_index (nodes, IlvWaitNode, i).lane == lane)
      return &g_array_index (nodes, IlvWaitNode, i);
  return NULL;
}

/* Depth-first search for a cycle waiter -> holder; fills `path`. */
static gboolean
ilv_find_cycle (GArray      *nodes,
                IlvWaitNode *node,
                GArray      *path)
{
  node->color = 1;
  g_array_append_val (path, node->lane);
  for (guint i = 0; i < node->holders->len; i++)
    {
      IlvWaitNode *next = ilv_find_node (nodes, g_array_index (node->holders, guint32, i));

      if (next == NULL || next->color == 2)
        continue;
      if (next->color == 1)
        {
          guint start = 0;

          while (g_array_index (path, guint32, start) != next->lane)
            start++;
          g_array_remove_range (path, 0, start);
          return TRUE;
        }
      if (ilv_find_cycle (nodes, next, path))
        return TRUE;
    }
  node->color = 2;
  g_array_set_size (path, path->len - 1);
  return FALSE;
}

static const char *
ilv_lane_name (IlvTrace *trace,
               guint32   lane)
{
  return ilv_trace_get_lane (trace, lane)->name;
}

static const char *
ilv_resource_name (IlvTrace *trace,
                   gint      resource)
{
  return ilv_trace_get_resource (trace, resource)->name;
}

static char *
ilv_describe_cycle (IlvTrace *trace,
                    GArray   *nodes,
                    GArray   *path)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < path->len; i++)
    {
      guint32 lane = g_array_index (path, guint32, i);
      guint32 prev = g_array_index (path, guint32, (i + path->len - 1) % path->len);
      IlvWaitNode *node = ilv_find_node (nodes, lane);
      IlvWaitNode *prev_node = ilv_find_node (nodes, prev);

      g_ptr_array_add (parts, g_strdup_printf (_("%s holds %s and waits for %s"),
                                               ilv_lane_name (trace, lane),
                                               ilv_resource_name (trace, prev_node->waits_on),
                                               ilv_resource_name (trace, node->waits_on)));
    }
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv ("; ", (char **) parts->pdata);
  return g_strdup_printf (_("deadlock: %s"), joined);
}

static char *
ilv_describe_stall (IlvTrace *trace,
                    GArray   *nodes)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < nodes->len; i++)
    {
      IlvWaitNode *node = &g_array_index (nodes, IlvWaitNode, i);
      const char *name = ilv_lane_name (trace, node->lane);
      const char *res = ilv_resource_name (trace, node->waits_on);

      if (node->holders->len > 0)
        {
          guint32 holder = g_array_index (node->holders, guint32, 0);

          if (ilv_find_node (nodes, holder) == NULL)
            g_ptr_array_add (parts, g_strdup_printf (_("%s waits for %s, held by %s, which has ended"),
                                                     name, res, ilv_lane_name (trace, holder)));
          else
            g_ptr_array_add (parts, g_strdup_printf (_("%s waits for %s, held by %s"),
                                                     name, res, ilv_lane_name (trace, holder)));
        }
      else
        g_ptr_array_add (parts, g_strdup_printf (_("%s waits for %s"), name, res));
    }
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv ("; ", (char **) parts->pdata);
  return g_strdup_printf (_("no progress: %s"), joined);
}

static void
ilv_wait_node_clear (gpointer data)
{
  IlvWaitNode *node = data;

  g_array_unref (node->holders);
}

/* Nodes for every live lane; FALSE as soon as one of them can move. */
static gboolean
ilv_collect_waits (IlvTrace     *trace,
                   IlvResources *resources,
                   const GArray *lanes,
                   GArray       *nodes)
{
  for (guint i = 0; i < lanes->len; i++)
    {
      const IlvRunLane *info = &g_array_index (lanes, IlvRunLane, i);
      IlvWaitNode node = { info->lane, -1, NULL, 0 };
      IlvSpan span;

      if (!ilv_lane_is_live (trace, info))
        continue;
      if (!ilv_lane_last_span (trace, info->lane, &span) || !ilv_span_is_blocked (&span))
        return FALSE;

      node.waits_on = span.resource;
      node.holders = g_array_new (FALSE, FALSE, sizeof (guint32));
      ilv_find_holders (trace, resources, lanes, span.resource, node.holders);
      g_array_append_val (nodes, node);
    }
  return nodes->len > 0;
}

char *
ilv_deadlock_explain (IlvTrace     *trace,
                      IlvResources *resources,
                      const GArray *lanes,
                      gboolean     *cycle)
{
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (IlvWaitNode));
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_array_set_clear_func (nodes, ilv_wait_node_clear);
  *cycle = FALSE;

  if (!ilv_collect_waits (trace, resources, lanes, nodes))
    return NULL;

  for (guint i = 0; i < nodes->len; i++)
    {
      IlvWaitNode *node = &g_array_index (nodes, IlvWaitNode, i);

      if (node->color == 0 && ilv_find_cycle (nodes, node, path))
        {
          *cycle = TRUE;
          return ilv_describe_cycle (trace, nodes, path);
        }
    }
  return ilv_describe_stall (trace, nodes);
}
