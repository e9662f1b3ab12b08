/* ilv-event-stream.h: the binary batches a process worker writes to its pipe
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ilv-event.h"

G_BEGIN_DECLS

/* A batch is a 16-byte header followed by `n_events` IlvEvents, in native
 * byte order (both ends run on one machine):
 *
 *   guint32 magic      ILV_EVENT_STREAM_MAGIC
 *   guint16 version    ILV_EVENT_STREAM_VERSION
 *   guint16 n_events   1 … ILV_EVENT_STREAM_MAX_EVENTS
 *   guint32 sequence   batch number, from 0, one more per batch
 *   guint32 reserved   0
 *
 * A whole batch is at most PIPE_BUF (4096) bytes, so one write() of it to a
 * pipe is atomic. */
#define ILV_EVENT_STREAM_MAGIC       0x42564c49u  /* "ILVB" read as bytes */
#define ILV_EVENT_STREAM_VERSION     1
#define ILV_EVENT_STREAM_HEADER_SIZE 16
#define ILV_EVENT_STREAM_MAX_BYTES   4096
#define ILV_EVENT_STREAM_MAX_EVENTS  ((ILV_EVENT_STREAM_MAX_BYTES - ILV_EVENT_STREAM_HEADER_SIZE) / sizeof (IlvEvent))

#define ILV_EVENT_STREAM_ERROR (ilv_event_stream_error_quark ())

typedef enum
{
  ILV_EVENT_STREAM_ERROR_MAGIC,     /* not a batch header */
  ILV_EVENT_STREAM_ERROR_VERSION,   /* a header of another version */
  ILV_EVENT_STREAM_ERROR_COUNT,     /* no events, or more than fit in a batch */
  ILV_EVENT_STREAM_ERROR_SEQUENCE,  /* a batch went missing or came twice */
  ILV_EVENT_STREAM_ERROR_EVENT,     /* an event that cannot be right */
  ILV_EVENT_STREAM_ERROR_TRUNCATED, /* the stream ended inside a batch */
} IlvEventStreamError;

GQuark ilv_event_stream_error_quark (void);

/* Writes one batch of 1 … ILV_EVENT_STREAM_MAX_EVENTS events into `buffer`
 * (at least ILV_EVENT_STREAM_MAX_BYTES long) and returns its length. */
gsize  ilv_event_stream_encode      (const IlvEvent *events,
                                     gsize           n_events,
                                     guint32         sequence,
                                     guint8         *buffer);

typedef struct _IlvEventStreamDecoder IlvEventStreamDecoder;

/* A decoder for one stream whose events may only name lanes
 * first_lane … first_lane + n_lanes − 1 and resources −1 … n_resources − 1
 * (GIL events name a process index instead, which is not checked). */
IlvEventStreamDecoder *ilv_event_stream_decoder_new    (guint32                first_lane,
                                                        guint32                n_lanes,
                                                        guint                  n_resources);
void                   ilv_event_stream_decoder_free   (IlvEventStreamDecoder *self);
/* Lets VALUE_LOAD and VALUE_STORE events of `resource` (an Array) name
 * slots 0 … n_slots − 1. Every other event, and a value event of any other
 * resource, must have slot 0. */
void                   ilv_event_stream_decoder_set_n_slots (IlvEventStreamDecoder *self,
                                                             guint                  resource,
                                                             guint32                n_slots);
/* Takes any chunk of the stream (a partial read is fine) and appends every
 * event of the batches it completes to `out` (GArray of IlvEvent). On the
 * first bad byte it fails, appends nothing of that batch, and fails again on
 * every later call. */
gboolean               ilv_event_stream_decoder_feed   (IlvEventStreamDecoder *self,
                                                        const guint8          *data,
                                                        gsize                  length,
                                                        GArray                *out,
                                                        GError               **error);
/* At the end of the stream: fails when it ended inside a batch. */
gboolean               ilv_event_stream_decoder_finish (IlvEventStreamDecoder *self,
                                                        GError               **error);
/* Events decoded so far. */
guint64                ilv_event_stream_decoder_get_n_events (IlvEventStreamDecoder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvEventStreamDecoder, ilv_event_stream_decoder_free)

G_END_DECLS
