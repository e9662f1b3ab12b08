/* ilv-event-stream.c: the binary batches a process worker writes to its pipe
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ilv-event-stream.h"

/* A stream names few lanes (a process worker has one); more is a bug. */
#define MAX_LANES 4096

typedef struct
{
  guint32 magic;
  guint16 version;
  guint16 n_events;
  guint32 sequence;
  guint32 reserved;
} BatchHeader;

G_STATIC_ASSERT (sizeof (BatchHeader) == ILV_EVENT_STREAM_HEADER_SIZE);
G_STATIC_ASSERT (ILV_EVENT_STREAM_MAX_EVENTS >= 120);

struct _IlvEventStreamDecoder
{
  guint32  first_lane;
  guint32  n_lanes;
  guint    n_resources;
  guint32 *n_slots;           /* per resource: slots its value events may name */
  gint64  *last_time;         /* per lane, for the time order */
  guint32  next_sequence;
  guint64  n_events;
  gboolean failed;
  gsize    fill;              /* bytes of the current batch in `pending` */
  gsize    need;              /* its full length once the header is in */
  guint8   pending[ILV_EVENT_STREAM_MAX_BYTES];
};

G_DEFINE_QUARK (ilv-event-stream-error-quark, ilv_event_stream_error)

gsize
ilv_event_stream_encode (const IlvEvent *events,
                         gsize           n_events,
                         guint32         sequence,
                         guint8         *buffer)
{
  BatchHeader header = { ILV_EVENT_STREAM_MAGIC, ILV_EVENT_STREAM_VERSION,
                         (guint16) n_events, sequence, 0 };

  g_return_val_if_fail (n_events > 0 && n_events <= ILV_EVENT_STREAM_MAX_EVENTS, 0);
  g_return_val_if_fail (events != NULL && buffer != NULL, 0);

  memcpy (buffer, &header, sizeof header);
  memcpy (buffer + sizeof header, events, n_events * sizeof (IlvEvent));
  return sizeof header + n_events * sizeof (IlvEvent);
}

IlvEventStreamDecoder *
ilv_event_stream_decoder_new (guint32 first_lane,
                              guint32 n_lanes,
                              guint   n_resources)
{
  IlvEventStreamDecoder *self;

  g_return_val_if_fail (n_lanes > 0 && n_lanes <= MAX_LANES, NULL);
  g_return_val_if_fail (first_lane <= G_MAXUINT32 - n_lanes, NULL);
  g_return_val_if_fail (n_resources < G_MAXINT16, NULL);

  self = g_new0 (IlvEventStreamDecoder, 1);
  self->first_lane = first_lane;
  self->n_lanes = n_lanes;
  self->n_resources = n_resources;
  self->n_slots = g_new (guint32, MAX (n_resources, 1));
  for (guint i = 0; i < n_resources; i++)
    self->n_slots[i] = 1;
  self->last_time = g_new0 (gint64, n_lanes);
  return self;
}

void
ilv_event_stream_decoder_set_n_slots (IlvEventStreamDecoder *self,
                                      guint                  resource,
                                      guint32                n_slots)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (resource < self->n_resources);
  g_return_if_fail (n_slots > 0);

  self->n_slots[resource] = n_slots;
}

void
ilv_event_stream_decoder_free (IlvEventStreamDecoder *self)
{
  if (self == NULL)
    return;
  g_free (self->n_slots);
  g_free (self->last_time);
  g_free (self);
}

static gboolean
fail (IlvEventStreamDecoder *self,
      GError               **error,
      IlvEventStreamError    code,
      const char            *message)
{
  self->failed = TRUE;
  g_set_error (error, ILV_EVENT_STREAM_ERROR, code,
               _("Bad event stream after %" PRIu64 " events: %s"),
               self->n_events, message);
  return FALSE;
}

static gboolean
check_header (IlvEventStreamDecoder *self,
              GError               **error)
{
  BatchHeader header;

  memcpy (&header, self->pending, sizeof header);
  if (header.magic != ILV_EVENT_STREAM_MAGIC)
    return fail (self, error, ILV_EVENT_STREAM_ERROR_MAGIC,
                 _("a batch does not start with the batch magic"));
  if (header.version != ILV_EVENT_STREAM_VERSION)
    return fail (self, error, ILV_EVENT_STREAM_ERROR_VERSION,
                 _("the batch format version is not the one expected"));
  if (header.n_events == 0 || header.n_events > ILV_EVENT_STREAM_MAX_EVENTS)
    return fail (self, error, ILV_EVENT_STREAM_ERROR_COUNT,
                 _("a batch must hold between 1 and 127 events"));
  if (header.sequence != self->next_sequence || header.reserved != 0)
    return fail (self, error, ILV_EVENT_STREAM_ERROR_SEQUENCE,
                 _("a batch is missing or out of order"));
  self->need = sizeof header + header.n_events * sizeof (IlvEvent);
  return TRUE;
}

static const char *
check_event (IlvEventStreamDecoder *self,
             const IlvEvent        *event)
{
  guint32 lane;

  if (event->type < ILV_EVENT_STATE || event->type >= ILV_N_EVENT_TYPES)
    return _("an event has an unknown type");
  if (event->lane < self->first_lane || event->lane - self->first_lane >= self->n_lanes)
    return _("an event names a lane that is not this worker's");
  if (event->type == ILV_EVENT_GIL_ACQUIRED || event->type == ILV_EVENT_GIL_RELEASED)
    {
      if (event->resource < 0)
        return _("a GIL event names no process");
    }
  else if (event->resource < -1 || event->resource >= (gint) self->n_resources)
    return _("an event names a resource the scenario does not have");
  if (event->slot != 0 &&
      ((event->type != ILV_EVENT_VALUE_LOAD && event->type != ILV_EVENT_VALUE_STORE) ||
       event->resource < 0 || event->slot >= self->n_slots[event->resource]))
    return _("an event names an element its resource does not have");
  if (event->type == ILV_EVENT_STATE && (event->value < 0 || event->value >= ILV_N_STATES))
    return _("a state event names an unknown state");
  if (event->time_ns <= 0)
    return _("an event has no time");
  lane = event->lane - self->first_lane;
  if (event->time_ns < self->last_time[lane])
    return _("the events of a lane are not in time order");
  return NULL;
}

/* The batch in `pending` is complete: validate all of it, then append. */
static gboolean
take_batch (IlvEventStreamDecoder *self,
            GArray                *out,
            GError               **error)
{
  gsize n = (self->need - ILV_EVENT_STREAM_HEADER_SIZE) / sizeof (IlvEvent);
  guint old_len = out->len;
  gsize i;

  g_array_set_size (out, old_len + n);
  memcpy (&g_array_index (out, IlvEvent, old_len),
          self->pending + ILV_EVENT_STREAM_HEADER_SIZE, n * sizeof (IlvEvent));
  for (i = 0; i < n; i++)
    {
      IlvEvent *event = &g_array_index (out, IlvEvent, old_len + i);
      const char *problem = check_event (self, event);

      if (problem != NULL)
        {
          g_array_set_size (out, old_len);
          return fail (self, error, ILV_EVENT_STREAM_ERROR_EVENT, problem);
        }
      self->last_time[event->lane - self->first_lane] = event->time_ns;
    }
  self->n_events += n;
  self->next_sequence++;
  self->fill = 0;
  self->need = 0;
  return TRUE;
}

gboolean
ilv_event_stream_decoder_feed (IlvEventStreamDecoder *self,
                               const guint8          *data,
                               gsize                  length,
                               GArray                *out,
                               GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (out != NULL && g_array_get_element_size (out) == sizeof (IlvEvent), FALSE);

  if (self->failed)
    return fail (self, error, ILV_EVENT_STREAM_ERROR_EVENT,
                 _("the stream was already found bad"));

  while (length > 0)
    {
      gsize want = self->need > 0 ? self->need : ILV_EVENT_STREAM_HEADER_SIZE;
      gsize take = MIN (length, want - self->fill);

      memcpy (self->pending + self->fill, data, take);
      self->fill += take;
      data += take;
      length -= take;
      if (self->fill < want)
        break;
      if (self->need == 0 && !check_header (self, error))
        return FALSE;
      if (self->fill == self->need && !take_batch (self, out, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ilv_event_stream_decoder_finish (IlvEventStreamDecoder *self,
                                 GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->failed)
    return fail (self, error, ILV_EVENT_STREAM_ERROR_EVENT,
                 _("the stream was already found bad"));
  if (self->fill > 0)
    return fail (self, error, ILV_EVENT_STREAM_ERROR_TRUNCATED,
                 _("the stream ended inside a batch"));
  return TRUE;
}

guint64
ilv_event_stream_decoder_get_n_events (IlvEventStreamDecoder *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_events;
}
