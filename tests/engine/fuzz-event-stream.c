/* fuzz-event-stream.c: the event-stream decoder against arbitrary bytes
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LLVMFuzzerTestOneInput() is the libFuzzer entry point (build with
 * -fsanitize=fuzzer and -DILV_FUZZ_LIBFUZZER to use libFuzzer's driver).
 * Without libFuzzer, main() replays the files named on its command line
 * and then runs N seeded mutations of valid streams:
 *
 *   fuzz-event-stream [--iterations N] [--seed S] [FILE…]
 *
 * Whatever the input, the decoder must not crash, must not hand out an
 * event that breaks the stream's promises, and must decode what the
 * encoder wrote exactly, however the bytes are split.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilv-event-stream.h"

#define FIRST_LANE  7
#define N_LANES     2
#define N_RESOURCES 5

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
check_events (const GArray *events)
{
  gint64 last[N_LANES] = { 0 };
  guint i;

  for (i = 0; i < events->len; i++)
    {
      const IlvEvent *event = &g_array_index (events, IlvEvent, i);
      guint lane = event->lane - FIRST_LANE;

      g_assert_cmpuint (lane, <, N_LANES);
      g_assert_cmpuint (event->type, >=, ILV_EVENT_STATE);
      g_assert_cmpuint (event->type, <, ILV_N_EVENT_TYPES);
      if (event->type != ILV_EVENT_GIL_ACQUIRED && event->type != ILV_EVENT_GIL_RELEASED)
        g_assert_cmpint (event->resource, <, N_RESOURCES);
      g_assert_cmpint (event->time_ns, >=, last[lane]);
      last[lane] = event->time_ns;
    }
}

/* The first byte chooses how the rest is cut into reads. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(IlvEventStreamDecoder) decoder = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  g_autoptr(GError) error = NULL;
  gsize step;
  gboolean ok = TRUE;

  if (size == 0)
    return 0;
  step = 1 + data[0] * 37;
  data++;
  size--;
  decoder = ilv_event_stream_decoder_new (FIRST_LANE, N_LANES, N_RESOURCES);
  while (size > 0 && ok)
    {
      gsize n = MIN (step, size);

      ok = ilv_event_stream_decoder_feed (decoder, data, n, events, &error);
      g_assert (ok == (error == NULL));
      data += n;
      size -= n;
    }
  if (ok)
    ok = ilv_event_stream_decoder_finish (decoder, &error);
  g_assert (ok == (error == NULL));
  g_assert (ok || error->domain == ILV_EVENT_STREAM_ERROR);
  g_assert_cmpuint (ilv_event_stream_decoder_get_n_events (decoder), ==, events->len);
  check_events (events);
  return 0;
}

#ifndef ILV_FUZZ_LIBFUZZER

/* A valid stream of `n_batches` batches, prefixed by the split byte. */
static GByteArray *
make_stream (GRand  *rand,
             guint   n_batches,
             GArray *expected)
{
  GByteArray *stream = g_byte_array_new ();
  guint8 split = g_rand_int_range (rand, 0, 256);
  gint64 time = 1000;
  guint b, i;

  g_byte_array_append (stream, &split, 1);
  for (b = 0; b < n_batches; b++)
    {
      IlvEvent events[ILV_EVENT_STREAM_MAX_EVENTS];
      guint8 buffer[ILV_EVENT_STREAM_MAX_BYTES];
      guint n = g_rand_int_range (rand, 1, ILV_EVENT_STREAM_MAX_EVENTS + 1);
      gsize length;

      memset (events, 0, sizeof events);
      for (i = 0; i < n; i++)
        {
          time += g_rand_int_range (rand, 0, 5000);
          events[i].time_ns = time;
          events[i].lane = FIRST_LANE + g_rand_int_range (rand, 0, N_LANES);
          events[i].type = g_rand_int_range (rand, ILV_EVENT_STATE, ILV_N_EVENT_TYPES);
          events[i].resource = g_rand_int_range (rand, 0, N_RESOURCES);
          if (events[i].type != ILV_EVENT_GIL_ACQUIRED && events[i].type != ILV_EVENT_GIL_RELEASED)
            events[i].resource--;
          events[i].value = events[i].type == ILV_EVENT_STATE ? g_rand_int_range (rand, 0, ILV_N_STATES)
                                                              : (gint64) g_rand_int (rand);
          events[i].aux = g_rand_int (rand);
        }
      length = ilv_event_stream_encode (events, n, b, buffer);
      if (expected != NULL)
        g_array_append_vals (expected, events, n);
      g_byte_array_append (stream, buffer, length);
    }
  return stream;
}

static void
mutate (GRand      *rand,
        GByteArray *stream)
{
  guint n = g_rand_int_range (rand, 1, 5);
  guint i;

  for (i = 0; i < n && stream->len > 1; i++)
    {
      guint at = g_rand_int_range (rand, 1, stream->len);
      guint span = g_rand_int_range (rand, 1, 4096);

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0: /* flip a bit */
          stream->data[at] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 1: /* an interesting byte */
          stream->data[at] = (guint8[]) { 0, 1, 0x7f, 0x80, 0xff, 'I', 'L', 'V' }[g_rand_int_range (rand, 0, 8)];
          break;
        case 2: /* cut the end off */
          g_byte_array_set_size (stream, at);
          break;
        case 3: /* drop a range */
          g_byte_array_remove_range (stream, at, MIN (stream->len - at, span % 64));
          break;
        case 4: /* repeat a range (a batch twice, say) */
          {
            guint len = MIN (stream->len - at, span);
            g_autofree guint8 *copy = g_memdup2 (stream->data + at, len);

            g_byte_array_append (stream, copy, len);
          }
          break;
        default: /* a random 32-bit word */
          if (at + 4 <= stream->len)
            {
              guint32 word = g_rand_int (rand);

              memcpy (stream->data + at, &word, 4);
            }
          break;
        }
    }
}

/* Unmutated streams must decode to exactly what was encoded. */
static void
check_round_trip (GRand *rand)
{
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  g_autoptr(GByteArray) stream = make_stream (rand, g_rand_int_range (rand, 1, 6), expected);
  g_autoptr(IlvEventStreamDecoder) decoder = ilv_event_stream_decoder_new (FIRST_LANE, N_LANES, N_RESOURCES);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  g_autoptr(GError) error = NULL;
  gsize offset = 1;

  while (offset < stream->len)
    {
      gsize want = g_rand_int_range (rand, 1, 9000);
      gsize n = MIN (want, stream->len - offset);

      g_assert_true (ilv_event_stream_decoder_feed (decoder, stream->data + offset, n, events, &error));
      g_assert_no_error (error);
      offset += n;
    }
  g_assert_true (ilv_event_stream_decoder_finish (decoder, &error));
  g_assert_cmpuint (events->len, ==, expected->len);
  g_assert_cmpmem (events->data, events->len * sizeof (IlvEvent),
                   expected->data, expected->len * sizeof (IlvEvent));
}

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      printf ("not ok - %s\n", error->message);
      return FALSE;
    }
  LLVMFuzzerTestOneInput ((const guint8 *) data, length);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  gint64 iterations = 100000;
  gint64 seed = 20260101;
  const GOptionEntry entries[] = {
    { "iterations", 'n', 0, G_OPTION_ARG_INT64, &iterations, "Mutations to run (default 100000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[FILE…]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  guint64 n_inputs = 0;
  gint64 i;
  int a;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      printf ("1..0 # SKIP bad arguments: %s\n", error->message);
      return 1;
    }
  printf ("1..2\n");
  for (a = 1; a < argc; a++, n_inputs++)
    if (!replay_file (argv[a]))
      return 1;
  printf ("ok 1 - replayed %d files\n", argc - 1);

  rand = g_rand_new_with_seed ((guint32) seed);
  for (i = 0; i < iterations; i++, n_inputs++)
    {
      g_autoptr(GByteArray) stream = NULL;

      if (i % 16 == 0)
        check_round_trip (rand);
      stream = make_stream (rand, g_rand_int_range (rand, 1, 4), NULL);
      if (i % 8 != 0)
        mutate (rand, stream);
      LLVMFuzzerTestOneInput (stream->data, stream->len);
    }
  printf ("ok 2 - %" G_GINT64_FORMAT " seeded mutations (seed %" G_GINT64_FORMAT ")\n", iterations, seed);
  printf ("# %" G_GUINT64_FORMAT " inputs ran\n", n_inputs);
  return 0;
}

#endif
