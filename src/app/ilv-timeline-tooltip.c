/* ilv-timeline-tooltip.c: what a point of the timeline shows when hovered
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-time-format.h"
#include "ilv-timeline-tooltip.h"

static const char *
resource_name (IlvTrace *trace,
               gint      resource)
{
  if (resource < 0 || (guint) resource >= ilv_trace_get_n_resources (trace))
    return NULL;

  return ilv_trace_get_resource (trace, resource)->name;
}

static const char *
lane_name (IlvTrace *trace,
           guint     lane)
{
  if (lane >= ilv_trace_get_n_lanes (trace))
    return "?";

  return ilv_trace_get_lane (trace, lane)->name;
}

static void
append_times (GString  *out,
              IlvTrace *trace,
              gint64    start,
              gint64    end)
{
  g_autofree char *at = ilv_time_format (start - ilv_trace_get_start (trace));

  g_string_append_printf (out, "\n%s %s", _("Start:"), at);
  if (end != G_MAXINT64 && end >= start)
    {
      g_autofree char *length = ilv_time_format (end - start);

      g_string_append_printf (out, "\n%s %s", _("Duration:"), length);
    }
  else
    {
      g_string_append_printf (out, "\n%s", _("Still going on"));
    }
}

static void
append_span (GString              *out,
             IlvTrace             *trace,
             const IlvTimelineRow *row,
             const IlvTimelineHit *hit)
{
  const IlvLaneInfo *lane = ilv_trace_get_lane (trace, row->index);
  const char *name;

  g_string_append_printf (out, "\n%s", ilv_state_describe (hit->span.state));
  append_times (out, trace, hit->span.start, hit->span.end);
  if (hit->span.resource < 0)
    return;

  if (lane->kind != ILV_LANE_WORKER)
    {
      g_string_append_printf (out, "\n%s %s",
                              lane->kind == ILV_LANE_GIL ? _("Held by:") : _("Running:"),
                              lane_name (trace, hit->span.resource));
      return;
    }

  name = resource_name (trace, hit->span.resource);
  if (name != NULL)
    g_string_append_printf (out, "\n%s %s", _("Waits for:"), name);
}

static void
append_flow (GString              *out,
             IlvTrace             *trace,
             const IlvTimelineHit *hit)
{
  const IlvFlow *f = &hit->flow;
  g_autofree char *from = ilv_time_format (f->from_time - ilv_trace_get_start (trace));
  g_autofree char *to = ilv_time_format (f->to_time - ilv_trace_get_start (trace));
  g_autofree char *delay = ilv_time_format (f->to_time - f->from_time);
  const char *what;

  switch (f->kind)
    {
    case ILV_FLOW_QUEUE:
      what = _("Item through queue:");
      break;
    case ILV_FLOW_PIPE:
      what = _("Message through pipe:");
      break;
    case ILV_FLOW_LOCK:
    default:
      what = _("Lock handed over:");
      break;
    }

  g_string_append_printf (out, "\n%s %s", what, resource_name (trace, f->resource) ?: "?");
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("From %s at %s"), lane_name (trace, f->from_lane), from);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("To %s at %s"), lane_name (trace, f->to_lane), to);
  g_string_append_printf (out, "\n%s %s", _("After:"), delay);
}

static void
append_hit (GString              *out,
            IlvTimelineLayout    *layout,
            const IlvTimelineRow *row,
            const IlvTimelineHit *hit)
{
  IlvTrace *trace = ilv_timeline_layout_get_trace (layout, hit->trace);

  switch (hit->kind)
    {
    case ILV_HIT_SPAN:
      append_span (out, trace, row, hit);
      break;
    case ILV_HIT_HOLD:
      g_string_append_c (out, '\n');
      g_string_append_printf (out, hit->hold.contended ? _("Holds %s (others waited)") : _("Holds %s"),
                              resource_name (trace, hit->hold.resource) ?: "?");
      append_times (out, trace, hit->hold.start, hit->hold.end);
      break;
    case ILV_HIT_FLOW:
      append_flow (out, trace, hit);
      break;
    case ILV_HIT_COUNTER:
      {
        g_autofree char *at = ilv_time_format (hit->time - ilv_trace_get_start (trace));
        g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, hit->value);

        g_string_append_c (out, '\n');
        g_string_append_printf (out, _("Value %s at %s"), value, at);
      }
      break;
    default:
      break;
    }
}

char *
ilv_timeline_tooltip_markup (IlvTimelineLayout    *layout,
                             const IlvTimelineHit *hit)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const IlvTimelineRow *row = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (layout != NULL && hit != NULL, NULL);

  switch (hit->kind)
    {
    case ILV_HIT_RULER:
      return g_strdup (_("Drag along the ruler to select a range"));
    case ILV_HIT_LEGEND:
      return g_markup_escape_text (ilv_state_describe (hit->state), -1);
    case ILV_HIT_LABEL:
      /* The whole name, where the label column cut it short. */
      if (hit->row < 0 || !ilv_timeline_layout_get_row (layout, hit->row)->ellipsized ||
          ilv_timeline_layout_get_row (layout, hit->row)->kind != ILV_ROW_LANE)
        return NULL;
      return g_markup_escape_text (ilv_trace_get_lane (ilv_timeline_layout_get_trace (layout, hit->trace),
                                                       ilv_timeline_layout_get_row (layout, hit->row)->index)->name,
                                   -1);
    case ILV_HIT_SPAN:
    case ILV_HIT_HOLD:
    case ILV_HIT_FLOW:
    case ILV_HIT_COUNTER:
      break;
    default:
      return NULL;
    }

  if (hit->row >= 0)
    row = ilv_timeline_layout_get_row (layout, hit->row);
  append_hit (out, layout, row, hit);
  escaped = g_markup_escape_text (out->str, -1);

  return g_strdup_printf ("<b>%s</b>%s",
                          row != NULL && row->label != NULL ? row->label : "",
                          escaped);
}

gint
ilv_timeline_hit_resource (IlvTimelineLayout    *layout,
                           const IlvTimelineHit *hit)
{
  IlvTrace *trace;

  g_return_val_if_fail (layout != NULL && hit != NULL, -1);

  trace = ilv_timeline_layout_get_trace (layout, hit->trace);
  switch (hit->kind)
    {
    case ILV_HIT_HOLD:
      return hit->hold.resource;
    case ILV_HIT_FLOW:
      return hit->flow.resource;
    case ILV_HIT_COUNTER:
      return (gint) ilv_timeline_layout_get_row (layout, hit->row)->index;
    case ILV_HIT_SPAN:
      if (hit->row >= 0 &&
          ilv_trace_get_lane (trace, ilv_timeline_layout_get_row (layout, hit->row)->index)->kind == ILV_LANE_WORKER &&
          (hit->span.state == ILV_STATE_LOCK_WAIT || hit->span.state == ILV_STATE_QUEUE_WAIT))
        return hit->span.resource;
      return -1;
    default:
      return -1;
    }
}
