/* test-event-stream.c: the binary batches between a process worker and the app
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-event-stream.h"

#define LANE 3

static void
fill_events (IlvEvent *events,
             guint     n)
{
  guint i;

  memset (events, 0, n * sizeof (IlvEvent));
  for (i = 0; i < n; i++)
    {
      events[i].time_ns = 1000 + i * 10;
      events[i].lane = LANE;
      events[i].type = ILV_EVENT_STATE;
      events[i].resource = -1;
      events[i].value = ILV_STATE_RUNNING;
      events[i].aux = i;
    }
}

/* Encodes `n_batches` batches of `per_batch` events into one buffer. */
static GByteArray *
make_stream (guint     n_batches,
             guint     per_batch,
             GArray   *expected)
{
  GByteArray *stream = g_byte_array_new ();
  guint b;

  for (b = 0; b < n_batches; b++)
    {
      IlvEvent events[ILV_EVENT_STREAM_MAX_EVENTS];
      guint8 buffer[ILV_EVENT_STREAM_MAX_BYTES];
      gsize length;
      guint i;

      fill_events (events, per_batch);
      for (i = 0; i < per_batch; i++)
        events[i].time_ns += b * 100000;
      length = ilv_event_stream_encode (events, per_batch, b, buffer);
      g_assert_cmpuint (length, <=, 4096);
      g_byte_array_append (stream, buffer, length);
      if (expected != NULL)
        g_array_append_vals (expected, events, per_batch);
    }
  return stream;
}

static gboolean
decode (const guint8  *data,
        gsize          length,
        gsize          step,
        GArray        *out,
        GError       **error)
{
  g_autoptr(IlvEventStreamDecoder) decoder = ilv_event_stream_decoder_new (LANE, 1, 4);
  gsize offset;

  for (offset = 0; offset < length; offset += step)
    if (!ilv_event_stream_decoder_feed (decoder, data + offset, MIN (step, length - offset), out, error))
      return FALSE;
  return ilv_event_stream_decoder_finish (decoder, error);
}

static void
test_round_trip (void)
{
  const gsize steps[] = { 1, 7, 16, 32, 4096, 100000 };
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  g_autoptr(GByteArray) stream = make_stream (5, ILV_EVENT_STREAM_MAX_EVENTS, expected);
  guint i;

  g_assert_cmpuint (ILV_EVENT_STREAM_HEADER_SIZE + ILV_EVENT_STREAM_MAX_EVENTS * sizeof (IlvEvent), <=, 4096);
  for (i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
      g_autoptr(GError) error = NULL;

      g_assert_true (decode (stream->data, stream->len, steps[i], out, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (out->data, out->len * sizeof (IlvEvent),
                       expected->data, expected->len * sizeof (IlvEvent));
    }
}

/* Decodes `stream` after `patch` changed it; expects `code`. */
static void
expect_error (GByteArray *stream,
              gint        code)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  g_autoptr(GError) error = NULL;

  g_assert_false (decode (stream->data, stream->len, 5, out, &error));
  g_assert_error (error, ILV_EVENT_STREAM_ERROR, code);
  g_assert_nonnull (strstr (error->message, "stream"));
  /* Nothing of the bad batch is handed out: the first one was good. */
  g_assert_cmpuint (out->len % 10, ==, 0);
}

static IlvEvent *
event_at (GByteArray *stream,
          guint       batch,
          guint       index)
{
  gsize batch_len = ILV_EVENT_STREAM_HEADER_SIZE + 10 * sizeof (IlvEvent);

  return (IlvEvent *) (gpointer) (stream->data + batch * batch_len +
                                  ILV_EVENT_STREAM_HEADER_SIZE + index * sizeof (IlvEvent));
}

static void
test_bad_header (void)
{
  gsize second = ILV_EVENT_STREAM_HEADER_SIZE + 10 * sizeof (IlvEvent);
  g_autoptr(GByteArray) magic = make_stream (2, 10, NULL);
  g_autoptr(GByteArray) version = make_stream (2, 10, NULL);
  g_autoptr(GByteArray) count = make_stream (2, 10, NULL);
  g_autoptr(GByteArray) zero = make_stream (2, 10, NULL);
  g_autoptr(GByteArray) sequence = make_stream (2, 10, NULL);

  magic->data[second] ^= 0x40;
  expect_error (magic, ILV_EVENT_STREAM_ERROR_MAGIC);
  version->data[second + 4] = 9;
  expect_error (version, ILV_EVENT_STREAM_ERROR_VERSION);
  count->data[second + 6] = 0xff;
  count->data[second + 7] = 0xff;
  expect_error (count, ILV_EVENT_STREAM_ERROR_COUNT);
  zero->data[second + 6] = 0;
  zero->data[second + 7] = 0;
  expect_error (zero, ILV_EVENT_STREAM_ERROR_COUNT);
  /* The second batch claims to be the first again: a duplicate. */
  memset (sequence->data + second + 8, 0, 4);
  expect_error (sequence, ILV_EVENT_STREAM_ERROR_SEQUENCE);
}

static void
test_bad_events (void)
{
  g_autoptr(GByteArray) lane = make_stream (2, 10, NULL);
  g_autoptr(GByteArray) type = make_stream (2, 10, NULL);
  g_autoptr(GByteArray) resource = make_stream (2, 10, NULL);
  g_autoptr(GByteArray) state = make_stream (2, 10, NULL);
  g_autoptr(GByteArray) order = make_stream (2, 10, NULL);
  g_autoptr(GByteArray) gil = make_stream (2, 10, NULL);

  event_at (lane, 1, 3)->lane = LANE + 1;
  expect_error (lane, ILV_EVENT_STREAM_ERROR_EVENT);
  event_at (type, 1, 0)->type = ILV_N_EVENT_TYPES;
  expect_error (type, ILV_EVENT_STREAM_ERROR_EVENT);
  event_at (resource, 1, 9)->resource = 4;
  expect_error (resource, ILV_EVENT_STREAM_ERROR_EVENT);
  event_at (state, 1, 2)->value = ILV_N_STATES;
  expect_error (state, ILV_EVENT_STREAM_ERROR_EVENT);
  event_at (order, 1, 5)->time_ns = 1;
  expect_error (order, ILV_EVENT_STREAM_ERROR_EVENT);
  event_at (gil, 1, 5)->type = ILV_EVENT_GIL_ACQUIRED;
  event_at (gil, 1, 5)->resource = -1;
  expect_error (gil, ILV_EVENT_STREAM_ERROR_EVENT);
}

static void
test_gil_names_a_process (void)
{
  g_autoptr(GByteArray) stream = make_stream (1, 10, NULL);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  g_autoptr(GError) error = NULL;

  /* A process index, not a resource: 40 is fine with 4 resources. */
  event_at (stream, 0, 1)->type = ILV_EVENT_GIL_ACQUIRED;
  event_at (stream, 0, 1)->resource = 40;
  g_assert_true (decode (stream->data, stream->len, 64, out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (out, IlvEvent, 1).resource, ==, 40);
}

/* Resource 2 is an Array of 3 elements; event 4 is a value event on it. */
static gboolean
decode_slot (GByteArray   *stream,
             IlvEventType  type,
             gint          resource,
             guint32       slot,
             IlvEvent     *decoded)
{
  g_autoptr(IlvEventStreamDecoder) decoder = ilv_event_stream_decoder_new (LANE, 1, 4);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  g_autoptr(GError) error = NULL;
  IlvEvent *event = event_at (stream, 0, 4);
  gboolean ok;

  event->type = type;
  event->resource = resource;
  event->slot = slot;
  ilv_event_stream_decoder_set_n_slots (decoder, 2, 3);
  ok = ilv_event_stream_decoder_feed (decoder, stream->data, stream->len, out, &error);
  if (ok)
    {
      g_assert_no_error (error);
      *decoded = g_array_index (out, IlvEvent, 4);
    }
  else
    g_assert_error (error, ILV_EVENT_STREAM_ERROR, ILV_EVENT_STREAM_ERROR_EVENT);
  return ok;
}

static void
test_slots (void)
{
  g_autoptr(GByteArray) stream = make_stream (1, 10, NULL);
  IlvEvent decoded;

  /* An Array's element travels with its value events... */
  g_assert_true (decode_slot (stream, ILV_EVENT_VALUE_STORE, 2, 2, &decoded));
  g_assert_cmpuint (decoded.slot, ==, 2);
  g_assert_cmpint (decoded.resource, ==, 2);
  g_assert_true (decode_slot (stream, ILV_EVENT_VALUE_LOAD, 2, 0, &decoded));
  g_assert_true (decode_slot (stream, ILV_EVENT_VALUE_LOAD, 1, 0, &decoded));
  /* ...and nothing else may name one. */
  g_assert_false (decode_slot (stream, ILV_EVENT_VALUE_STORE, 2, 3, &decoded));
  g_assert_false (decode_slot (stream, ILV_EVENT_VALUE_STORE, 1, 1, &decoded));
  g_assert_false (decode_slot (stream, ILV_EVENT_VALUE_STORE, -1, 1, &decoded));
  g_assert_false (decode_slot (stream, ILV_EVENT_QUEUE_PUT, 2, 1, &decoded));
  g_assert_false (decode_slot (stream, ILV_EVENT_GIL_ACQUIRED, 2, 1, &decoded));
}

static void
test_truncated_and_sticky (void)
{
  g_autoptr(GByteArray) stream = make_stream (3, 10, NULL);
  g_autoptr(IlvEventStreamDecoder) decoder = ilv_event_stream_decoder_new (LANE, 1, 4);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  g_autoptr(GError) error = NULL;
  guint8 garbage[64];

  /* A stream cut inside its last batch. */
  g_assert_true (ilv_event_stream_decoder_feed (decoder, stream->data, stream->len - 1, out, &error));
  g_assert_cmpuint (out->len, ==, 20);
  g_assert_cmpuint (ilv_event_stream_decoder_get_n_events (decoder), ==, 20);
  g_assert_false (ilv_event_stream_decoder_finish (decoder, &error));
  g_assert_error (error, ILV_EVENT_STREAM_ERROR, ILV_EVENT_STREAM_ERROR_TRUNCATED);
  g_clear_error (&error);

  /* Once bad, always bad: no resynchronising on garbage. */
  g_clear_pointer (&decoder, ilv_event_stream_decoder_free);
  decoder = ilv_event_stream_decoder_new (LANE, 1, 4);
  memset (garbage, 0xab, sizeof garbage);
  g_assert_false (ilv_event_stream_decoder_feed (decoder, garbage, sizeof garbage, out, &error));
  g_clear_error (&error);
  g_assert_false (ilv_event_stream_decoder_feed (decoder, stream->data, stream->len, out, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (out->len, ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event-stream/round-trip", test_round_trip);
  g_test_add_func ("/event-stream/bad-header", test_bad_header);
  g_test_add_func ("/event-stream/bad-events", test_bad_events);
  g_test_add_func ("/event-stream/gil-names-a-process", test_gil_names_a_process);
  g_test_add_func ("/event-stream/slots", test_slots);
  g_test_add_func ("/event-stream/truncated-and-sticky", test_truncated_and_sticky);

  return g_test_run ();
}
