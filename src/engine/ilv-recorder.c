/* ilv-recorder.c: per-thread chunked event buffer, one writer, one collector
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-recorder.h"

/* 1024 events of 32 bytes: 32 KiB per chunk. The writer fills a chunk and
 * publishes its fill count with a release store; the collector reads the
 * count with an acquire load and copies what is published. A full chunk
 * links to the next one; the collector frees a chunk once it has read all
 * of it and the writer has moved on, so the writer never touches freed
 * memory and neither side ever takes a lock. */
#define CHUNK_EVENTS 1024

typedef struct _IlvChunk IlvChunk;

struct _IlvChunk
{
  IlvChunk *next;       /* published with a release store */
  guint     published;  /* events readable; release store / acquire load */
  IlvEvent  events[CHUNK_EVENTS];
};

struct _IlvRecorder
{
  /* Writer side */
  IlvChunk            *write_chunk;
  guint                write_pos;

  /* Collector side */
  IlvChunk            *read_chunk;
  guint                read_pos;

  /* Sink mode */
  IlvRecorderSinkFunc  sink;
  gpointer             sink_data;
  IlvEvent             batch[ILV_RECORDER_BATCH];
  guint                n_batch;
};

static IlvChunk *
ilv_chunk_new (void)
{
  IlvChunk *chunk = g_malloc (sizeof (IlvChunk));

  chunk->next = NULL;
  chunk->published = 0;
  return chunk;
}

/**
 * ilv_recorder_new:
 *
 * Creates a recorder in collector mode: one thread writes, another drains.
 */
IlvRecorder *
ilv_recorder_new (void)
{
  IlvRecorder *self = g_new0 (IlvRecorder, 1);

  self->write_chunk = ilv_chunk_new ();
  self->read_chunk = self->write_chunk;
  return self;
}

/**
 * ilv_recorder_new_with_sink:
 * @func: receives batches of at most %ILV_RECORDER_BATCH events
 * @user_data: for @func
 *
 * Creates a recorder that hands its events to @func in batches.
 */
IlvRecorder *
ilv_recorder_new_with_sink (IlvRecorderSinkFunc func,
                            gpointer            user_data)
{
  IlvRecorder *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (IlvRecorder, 1);
  self->sink = func;
  self->sink_data = user_data;
  return self;
}

void
ilv_recorder_free (IlvRecorder *self)
{
  IlvChunk *chunk;

  if (self == NULL)
    return;

  if (self->sink != NULL)
    ilv_recorder_flush (self);

  chunk = self->read_chunk;
  while (chunk != NULL)
    {
      IlvChunk *next = chunk->next;

      g_free (chunk);
      chunk = next;
    }
  g_free (self);
}

/* Where the next event goes: the writer's slot in its current chunk, or
 * the sink batch. Publishing is separate, so that the event is written in
 * place with no copy. */
static inline IlvEvent *
ilv_recorder_slot (IlvRecorder *self)
{
  if (G_UNLIKELY (self->sink != NULL))
    return &self->batch[self->n_batch];

  if (G_UNLIKELY (self->write_pos == CHUNK_EVENTS))
    {
      IlvChunk *chunk = ilv_chunk_new ();

      __atomic_store_n (&self->write_chunk->next, chunk, __ATOMIC_RELEASE);
      self->write_chunk = chunk;
      self->write_pos = 0;
    }
  return &self->write_chunk->events[self->write_pos];
}

static inline void
ilv_recorder_publish (IlvRecorder *self)
{
  if (G_UNLIKELY (self->sink != NULL))
    {
      if (++self->n_batch == ILV_RECORDER_BATCH)
        ilv_recorder_flush (self);
      return;
    }
  __atomic_store_n (&self->write_chunk->published, ++self->write_pos, __ATOMIC_RELEASE);
}

void
ilv_recorder_emit (IlvRecorder  *self,
                   guint32       lane,
                   IlvEventType  type,
                   gint          resource,
                   gint64        value,
                   guint32       aux)
{
  IlvEvent *event = ilv_recorder_slot (self);

  event->time_ns = ilv_now_ns ();
  event->value = value;
  event->lane = lane;
  event->aux = aux;
  event->type = type;
  event->resource = resource;
  event->slot = 0;
  ilv_recorder_publish (self);
}

void
ilv_recorder_emit_event (IlvRecorder    *self,
                         const IlvEvent *event)
{
  *ilv_recorder_slot (self) = *event;
  ilv_recorder_publish (self);
}

void
ilv_recorder_flush (IlvRecorder *self)
{
  g_return_if_fail (self != NULL);

  if (self->sink == NULL || self->n_batch == 0)
    return;

  self->sink (self->batch, self->n_batch, self->sink_data);
  self->n_batch = 0;
}

gsize
ilv_recorder_drain (IlvRecorder *self,
                    GArray      *out)
{
  gsize total = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->sink == NULL, 0);

  for (;;)
    {
      IlvChunk *chunk = self->read_chunk;
      guint published = __atomic_load_n (&chunk->published, __ATOMIC_ACQUIRE);
      IlvChunk *next;

      if (published > self->read_pos)
        {
          g_array_append_vals (out, &chunk->events[self->read_pos],
                               published - self->read_pos);
          total += published - self->read_pos;
          self->read_pos = published;
        }

      if (self->read_pos < CHUNK_EVENTS)
        break;

      next = __atomic_load_n (&chunk->next, __ATOMIC_ACQUIRE);
      if (next == NULL)
        break;

      self->read_chunk = next;
      self->read_pos = 0;
      g_free (chunk);
    }

  return total;
}
