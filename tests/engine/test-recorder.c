/* test-recorder.c: one writer and one concurrent collector lose nothing
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-recorder.h"

#define N_EVENTS 300000

static gpointer
writer_main (gpointer data)
{
  IlvRecorder *recorder = data;

  for (gint64 i = 0; i < N_EVENTS; i++)
    ilv_recorder_emit (recorder, 7, ILV_EVENT_MARK, -1, i, (guint32) i);
  return NULL;
}

static void
test_recorder_concurrent_drain (void)
{
  IlvRecorder *recorder = ilv_recorder_new ();
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  GThread *writer = g_thread_new ("writer", writer_main, recorder);
  guint drains = 0;

  while (out->len < N_EVENTS)
    {
      ilv_recorder_drain (recorder, out);
      drains++;
    }
  g_thread_join (writer);
  ilv_recorder_drain (recorder, out);

  g_assert_cmpuint (out->len, ==, N_EVENTS);
  g_assert_cmpuint (drains, >, 1);
  for (guint i = 0; i < out->len; i++)
    {
      const IlvEvent *e = &g_array_index (out, IlvEvent, i);

      g_assert_cmpint (e->value, ==, i);
      g_assert_cmpuint (e->lane, ==, 7);
      if (i > 0)
        g_assert_cmpint (e->time_ns, >=, g_array_index (out, IlvEvent, i - 1).time_ns);
    }
  ilv_recorder_free (recorder);
}

typedef struct
{
  guint  n_batches;
  guint  n_events;
  gsize  largest;
  gint64 next_value;
} SinkData;

static void
sink_cb (const IlvEvent *events,
         gsize           n_events,
         gpointer        user_data)
{
  SinkData *data = user_data;

  data->n_batches++;
  data->n_events += n_events;
  data->largest = MAX (data->largest, n_events);
  for (gsize i = 0; i < n_events; i++)
    g_assert_cmpint (events[i].value, ==, data->next_value++);
}

static void
test_recorder_sink_batches (void)
{
  SinkData data = { 0 };
  IlvRecorder *recorder = ilv_recorder_new_with_sink (sink_cb, &data);

  for (gint64 i = 0; i < 1000; i++)
    ilv_recorder_emit (recorder, 0, ILV_EVENT_STATE, -1, i, 0);
  g_assert_cmpuint (data.n_events, ==, 1000 / ILV_RECORDER_BATCH * ILV_RECORDER_BATCH);

  ilv_recorder_flush (recorder);
  g_assert_cmpuint (data.n_events, ==, 1000);
  ilv_recorder_emit (recorder, 0, ILV_EVENT_STATE, -1, 1000, 0);
  ilv_recorder_free (recorder);

  g_assert_cmpuint (data.n_events, ==, 1001);
  g_assert_cmpuint (data.largest, ==, ILV_RECORDER_BATCH);
  g_assert_cmpuint (ILV_RECORDER_BATCH * sizeof (IlvEvent) + 64, <=, 4096);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recorder/concurrent-drain", test_recorder_concurrent_drain);
  g_test_add_func ("/recorder/sink-batches", test_recorder_sink_batches);

  return g_test_run ();
}
