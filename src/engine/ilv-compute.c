/* ilv-compute.c: calibrated real CPU work
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "ilv-compute.h"

static volatile guint64 ilv_compute_sink;

void
ilv_compute_spin (guint64 iterations)
{
  guint64 x = ilv_compute_sink | 1;

  for (guint64 i = 0; i < iterations; i++)
    {
      /* xorshift64*: a dependent chain the compiler cannot shortcut */
      x ^= x >> 12;
      x ^= x << 25;
      x ^= x >> 27;
      x *= G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
    }
  ilv_compute_sink = x;
}

static gint64
ilv_thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

/* Thread CPU time, so that a busy machine does not skew the figure; the
 * fastest of a few rounds is the idle-core rate. */
static guint64
ilv_compute_calibrate (void)
{
  const guint64 round = 100000;
  gdouble best = 0;

  ilv_compute_spin (round / 4);
  for (guint i = 0; i < 5; i++)
    {
      gint64 t0 = ilv_thread_cpu_ns ();
      gint64 elapsed;

      ilv_compute_spin (round);
      elapsed = MAX (ilv_thread_cpu_ns () - t0, 1);
      best = MAX (best, (gdouble) round * 1e6 / elapsed);
    }
  return MAX ((guint64) best, 1);
}

static gsize ilv_compute_rate = 0;

guint64
ilv_compute_iterations_per_ms (void)
{
  if (g_once_init_enter (&ilv_compute_rate))
    g_once_init_leave (&ilv_compute_rate, (gsize) ilv_compute_calibrate ());
  return ilv_compute_rate;
}

void
ilv_compute_set_iterations_per_ms (guint64 rate)
{
  if (g_once_init_enter (&ilv_compute_rate))
    g_once_init_leave (&ilv_compute_rate, (gsize) MAX (rate, 1));
}
