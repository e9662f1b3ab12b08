/* test-sampler.c: the /proc sampler on real threads, busy, sleeping and gone
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ilv-sampler.h"
#include "ilv-test-common.h"
#include "ilv-worker.h"

#define MAX_THREADS 16
#define N_SPINNERS  32

typedef enum
{
  KIND_BUSY,
  KIND_SLEEPY,
  KIND_BRIEF,    /* ends on its own, without being removed */
} Kind;

typedef struct
{
  IlvSampler *sampler;
  Kind        kind;
  guint32     lane;
  gint        stop;
  gint        registered;
  gint64      cpu_ns;      /* its own CPU time at its end */
} Worker;

static gpointer
worker_cb (gpointer user_data)
{
  Worker *w = user_data;
  volatile guint64 n = 0;

  ilv_sampler_add (w->sampler, getpid (), syscall (SYS_gettid), w->lane);
  g_atomic_int_set (&w->registered, 1);
  if (w->kind == KIND_BRIEF)
    {
      /* Long enough for a few sweeps of a sampler that keeps to a small
       * share of a core on a busy machine; ended well before lane 0 is
       * removed at 300 ms. */
      gint64 until = g_get_monotonic_time () + 150 * 1000;

      while (g_get_monotonic_time () < until)
        n++;
      return NULL;
    }
  while (!g_atomic_int_get (&w->stop))
    {
      if (w->kind == KIND_SLEEPY)
        g_usleep (15 * 1000);
      else
        n++;
    }
  w->cpu_ns = ilv_test_clock_ns (CLOCK_THREAD_CPUTIME_ID);
  return NULL;
}

typedef struct
{
  gint64  on_cpu_ns;     /* time with aux 1 */
  guint   n_events;
  guint   n_ready;       /* runnable, waiting for a cpu */
  guint   n_off;         /* not runnable */
  gint64  last_time;
  gint64  last_value;
} LaneStats;

/* Checks every event and sums up each lane. */
static void
collect (GArray    *events,
         guint      n_lanes,
         guint      n_cpus,
         gint64     end,
         LaneStats *stats)
{
  gint64 on_since[MAX_THREADS] = { 0 };
  guint i;

  for (i = 0; i < events->len; i++)
    {
      const IlvEvent *e = &g_array_index (events, IlvEvent, i);
      LaneStats *s;

      g_assert_cmpuint (e->type, ==, ILV_EVENT_CPU);
      g_assert_cmpuint (e->lane, <, n_lanes);
      g_assert_cmpint (e->value, >=, -1);
      g_assert_cmpint (e->value, <, n_cpus);
      g_assert_cmpuint (e->aux, <=, 1);
      g_assert_true (e->aux == 0 || e->value >= 0);
      s = &stats[e->lane];
      g_assert_cmpint (e->time_ns, >=, s->last_time);  /* per lane in time order */
      if (on_since[e->lane] > 0)
        s->on_cpu_ns += e->time_ns - on_since[e->lane];
      on_since[e->lane] = e->aux ? e->time_ns : 0;
      s->n_ready += e->aux == 0 && e->value >= 0;
      s->n_off += e->value < 0;
      s->n_events++;
      s->last_time = e->time_ns;
      s->last_value = e->value;
    }
  for (i = 0; i < n_lanes; i++)
    if (on_since[i] > 0)
      stats[i].on_cpu_ns += end - on_since[i];
}

static void
test_sampler_threads (void)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  IlvSampler *sampler = ilv_sampler_new ();
  guint online = (guint) MAX (1, sysconf (_SC_NPROCESSORS_ONLN));
  guint n_busy = MIN (online + 1, MAX_THREADS - 2);
  guint n = n_busy + 2;
  Worker workers[MAX_THREADS] = { { 0 } };
  GThread *threads[MAX_THREADS] = { NULL };
  LaneStats stats[MAX_THREADS] = { { 0 } };
  guint64 n_samples = 0;
  gint64 sample_ns = 0, end, removed_at;
  guint i, ready = 0;
  gint64 busy_on = 0, seen_on = 0, real_cpu = 0;

  if (!ilv_sampler_is_available (sampler))
    {
      g_test_skip ("no /proc/<pid>/task/<tid>/stat here");
      ilv_sampler_free (sampler);
      return;
    }
  g_assert_cmpuint (ilv_sampler_get_n_cpus (sampler), >=, online);

  ilv_sampler_start (sampler);
  for (i = 0; i < n; i++)
    {
      workers[i].sampler = sampler;
      workers[i].lane = i;
      workers[i].kind = i < n_busy ? KIND_BUSY : i == n_busy ? KIND_SLEEPY : KIND_BRIEF;
      threads[i] = g_thread_new ("worker", worker_cb, &workers[i]);
    }
  g_usleep (300 * 1000);

  /* Lane 0 is removed while it still runs: nothing of it after that. */
  ilv_sampler_remove (sampler, 0);
  removed_at = ilv_now_ns ();
  g_usleep (50 * 1000);
  for (i = 0; i < n; i++)
    {
      g_atomic_int_set (&workers[i].stop, 1);
      g_thread_join (threads[i]);
    }
  ilv_sampler_stop (sampler);
  end = ilv_now_ns ();

  ilv_recorder_drain (ilv_sampler_get_recorder (sampler), events);
  ilv_sampler_get_cost (sampler, &n_samples, &sample_ns);
  g_test_message ("%u events from %" G_GUINT64_FORMAT " samples; %.2f us per sample",
                  events->len, n_samples, n_samples > 0 ? sample_ns / 1000.0 / n_samples : 0.0);
  collect (events, n, ilv_sampler_get_n_cpus (sampler), end, stats);

  /* It sampled, and it writes only changes. */
  g_assert_cmpuint (n_samples, >, 100);
  g_assert_cmpuint (events->len, <, n_samples);
  for (i = 0; i < n_busy; i++)
    {
      g_assert_cmpuint (stats[i].n_events, >, 0);
      g_assert_cmpint (stats[i].on_cpu_ns, >, 0);
      busy_on += stats[i].on_cpu_ns;
      ready += stats[i].n_ready;
      if (i > 0)  /* lane 0 was removed early */
        {
          seen_on += stats[i].on_cpu_ns;
          real_cpu += workers[i].cpu_ns;
        }
    }
  /* What the sampler saw on a cpu is what the threads really got. */
  g_test_message ("busy lanes 1..%u: %.1f ms on a cpu as sampled, %.1f ms of CPU time",
                  n_busy - 1, seen_on / 1e6, real_cpu / 1e6);
  g_assert_cmpint (ABS (seen_on - real_cpu), <, real_cpu / 4 + 10 * 1000000);
  /* More busy threads than cores: someone waited for a core. */
  g_test_message ("busy lanes: %u ready events, %.1f ms on a cpu; sleepy lane %.1f ms",
                  ready, busy_on / 1e6, stats[n_busy].on_cpu_ns / 1e6);
  g_assert_cmpuint (ready, >, 0);
  /* The sleeper is off the cpu most of the time, and said so. */
  g_assert_cmpuint (stats[n_busy].n_off, >, 0);
  g_assert_cmpint (stats[n_busy].on_cpu_ns * n_busy, <, busy_on);
  /* Removed, or gone: the lane's last word is "not runnable". */
  g_assert_cmpint (stats[0].last_value, ==, -1);
  /* By the next sweep or two: the sampler keeps to a small share of a
   * core, so under load (or a sanitizer) sweeps are tens of ms apart. */
  g_assert_cmpint (stats[0].last_time, <=, removed_at + 150 * 1000000);
  g_assert_cmpuint (stats[n_busy + 1].n_events, >, 0);
  g_assert_cmpint (stats[n_busy + 1].last_value, ==, -1);
  g_assert_cmpint (stats[n_busy + 1].last_time, <, removed_at);

  ilv_sampler_free (sampler);
}

static void
test_sampler_idle_lifecycle (void)
{
  IlvSampler *sampler = ilv_sampler_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (IlvEvent));

  /* Stop without start, start twice, stop twice: all fine. */
  ilv_sampler_stop (sampler);
  ilv_sampler_start (sampler);
  ilv_sampler_start (sampler);
  /* A task that does not exist is dropped quietly. */
  ilv_sampler_add (sampler, getpid (), G_MAXINT32 - 1, 3);
  g_usleep (20 * 1000);
  ilv_sampler_stop (sampler);
  ilv_sampler_stop (sampler);
  g_assert_cmpuint (ilv_recorder_drain (ilv_sampler_get_recorder (sampler), events), ==, 0);
  ilv_sampler_free (sampler);
}

/* The nice value of this process's thread named `name`, or G_MININT. */
static gint
thread_nice (const char *name)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL) && g_str_equal (g_strchomp (comm), name))
        {
          errno = 0;
          return getpriority (PRIO_PROCESS, (id_t) g_ascii_strtoll (tid, NULL, 10));
        }
    }
  return G_MININT;
}

static gpointer
spinner_cb (gpointer user_data)
{
  Worker *w = user_data;
  volatile guint64 n = 0;

  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), ILV_WORKER_NICE);
  ilv_sampler_add (w->sampler, getpid (), syscall (SYS_gettid), w->lane);
  while (!g_atomic_int_get (&w->stop))
    n++;
  return NULL;
}

/* The sampler never competes with the window's thread for a core: it runs
 * below it (and above the workers, to sample on time), and even with 32
 * busy workers to read it takes a small share of one core (it took about
 * a tenth before it kept to a budget). */
static void
test_sampler_modest (void)
{
  IlvSampler *sampler = ilv_sampler_new ();
  Worker spinners[N_SPINNERS] = { { 0 } };
  GThread *threads[N_SPINNERS];
  gint nice;
  double share;

  if (!ilv_sampler_is_available (sampler))
    {
      g_test_skip ("no /proc/<pid>/task/<tid>/stat here");
      ilv_sampler_free (sampler);
      return;
    }
  ilv_sampler_start (sampler);
  for (guint i = 0; i < N_SPINNERS; i++)
    {
      spinners[i].sampler = sampler;
      spinners[i].lane = i;
      threads[i] = g_thread_new ("spinner", spinner_cb, &spinners[i]);
    }
  g_usleep (400 * 1000);
  nice = thread_nice ("ilv-sampler");
  for (guint i = 0; i < N_SPINNERS; i++)
    {
      g_atomic_int_set (&spinners[i].stop, 1);
      g_thread_join (threads[i]);
    }
  ilv_sampler_stop (sampler);
  share = ilv_sampler_get_cpu_share (sampler);
  g_test_message ("sampler thread: nice %d, %.1f %% of a core over %d busy tasks",
                  nice, 100 * share, N_SPINNERS);

  g_assert_cmpint (nice, >, 0);
  g_assert_cmpint (nice, <, ILV_WORKER_NICE);
  g_assert_cmpfloat (share, >, 0);
  g_assert_cmpfloat (share, <, 0.07);
  ilv_sampler_free (sampler);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sampler/threads", test_sampler_threads);
  g_test_add_func ("/sampler/idle-lifecycle", test_sampler_idle_lifecycle);
  g_test_add_func ("/sampler/modest", test_sampler_modest);

  return g_test_run ();
}
