/* test-gil.c: the GIL on its own: hand-over on request, stop while waiting
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-compute.h"
#include "ilv-gil.h"

typedef struct
{
  IlvGil       *gil;
  IlvRecorder  *recorder;
  volatile gint stop;
  gint          waiter_has_it;  /* atomic */
  gint          holder_ready;   /* atomic */
  guint         holder_checks;
} Fixture;

/* Holds the GIL and computes, checking between chunks, until the waiter
 * got it (or two seconds passed: then the test fails). */
static gpointer
holder_main (gpointer data)
{
  Fixture *f = data;
  gint64 give_up = ilv_now_ns () + 2 * G_GINT64_CONSTANT (1000000000);
  guint64 chunk = ilv_compute_iterations_per_ms () / 20;

  g_assert_true (ilv_gil_acquire (f->gil, f->recorder, 1, &f->stop));
  g_atomic_int_set (&f->holder_ready, 1);
  while (!g_atomic_int_get (&f->waiter_has_it) && ilv_now_ns () < give_up)
    {
      ilv_compute_spin (chunk);
      g_assert_true (ilv_gil_check (f->gil, f->recorder, 1, &f->stop));
      f->holder_checks++;
    }
  ilv_gil_release (f->gil, f->recorder, 1, ILV_STATE_DONE, -1);
  return NULL;
}

static void
test_gil_forced_switch (void)
{
  Fixture f = { 0 };
  IlvRecorder *waiter_recorder = ilv_recorder_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  GThread *holder;
  gint64 released_at = 0, acquired_at = 0;

  f.gil = ilv_gil_new (0, 2 * G_GINT64_CONSTANT (1000000));
  f.recorder = ilv_recorder_new ();
  holder = g_thread_new ("holder", holder_main, &f);
  while (!g_atomic_int_get (&f.holder_ready))
    g_usleep (100);

  g_assert_true (ilv_gil_acquire (f.gil, waiter_recorder, 2, &f.stop));
  g_atomic_int_set (&f.waiter_has_it, 1);
  g_assert_cmpint (ilv_gil_get_holder (f.gil), ==, 2);
  ilv_gil_release (f.gil, waiter_recorder, 2, ILV_STATE_DONE, -1);
  g_thread_join (holder);

  /* The holder dropped it on request, before the waiter took it. */
  ilv_recorder_drain (f.recorder, events);
  for (guint i = 0; i < events->len; i++)
    if (g_array_index (events, IlvEvent, i).type == ILV_EVENT_GIL_RELEASED && released_at == 0)
      released_at = g_array_index (events, IlvEvent, i).time_ns;
  g_array_set_size (events, 0);
  ilv_recorder_drain (waiter_recorder, events);
  g_assert_cmpint (g_array_index (events, IlvEvent, 0).type, ==, ILV_EVENT_STATE);
  g_assert_cmpint (g_array_index (events, IlvEvent, 0).value, ==, ILV_STATE_GIL_WAIT);
  for (guint i = 0; i < events->len; i++)
    if (g_array_index (events, IlvEvent, i).type == ILV_EVENT_GIL_ACQUIRED)
      acquired_at = g_array_index (events, IlvEvent, i).time_ns;
  g_assert_cmpint (released_at, >, 0);
  g_assert_cmpint (acquired_at, >=, released_at);
  g_assert_cmpuint (f.holder_checks, >, 0);

  ilv_recorder_free (waiter_recorder);
  ilv_recorder_free (f.recorder);
  ilv_gil_free (f.gil);
}

static gpointer
stuck_holder_main (gpointer data)
{
  Fixture *f = data;

  /* takes the GIL and never checks: a C extension that never lets go */
  g_assert_true (ilv_gil_acquire (f->gil, f->recorder, 1, &f->stop));
  g_atomic_int_set (&f->holder_ready, 1);
  while (!g_atomic_int_get (&f->waiter_has_it))
    g_usleep (1000);
  ilv_gil_release (f->gil, f->recorder, 1, ILV_STATE_DONE, -1);
  return NULL;
}

/* A waiter for a GIL that is never dropped still sees the stop flag. */
static void
test_gil_stop_while_waiting (void)
{
  Fixture f = { 0 };
  IlvRecorder *waiter_recorder = ilv_recorder_new ();
  GThread *holder;

  f.gil = ilv_gil_new (0, 1000000);
  f.recorder = ilv_recorder_new ();
  holder = g_thread_new ("holder", stuck_holder_main, &f);
  while (!g_atomic_int_get (&f.holder_ready))
    g_usleep (100);

  g_atomic_int_set (&f.stop, 1);
  g_assert_false (ilv_gil_acquire (f.gil, waiter_recorder, 2, &f.stop));
  g_assert_cmpint (ilv_gil_get_holder (f.gil), ==, 1);
  g_atomic_int_set (&f.waiter_has_it, 1);
  g_thread_join (holder);
  g_assert_cmpint (ilv_gil_get_holder (f.gil), ==, -1);

  ilv_recorder_free (waiter_recorder);
  ilv_recorder_free (f.recorder);
  ilv_gil_free (f.gil);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gil/forced-switch", test_gil_forced_switch);
  g_test_add_func ("/gil/stop-while-waiting", test_gil_stop_while_waiting);

  return g_test_run ();
}
