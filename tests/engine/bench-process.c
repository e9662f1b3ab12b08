/* bench-process.c: what a process worker costs: spawn, event pipe, sampler
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints its figures, then one line of JSON:
 *   spawn: request → first step of a process worker (its WORKER_START),
 *          and the time the spawn call blocks the caller;
 *   pipe:  events per second from one worker through its pipe into the
 *          app, and the app's CPU per event (decoding included);
 *   sampler: the cost of one task sample (two preads and a parse), and
 *          the sampler thread's CPU as a share of one core while 4 and
 *          32 busy threads at the workers' priority are sampled.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ilv-process-executor.h"
#include "ilv-resources.h"
#include "ilv-sampler.h"
#include "ilv-test-common.h"
#include "ilv-worker.h"

#define N_SPAWNS     16
#define N_PIPE_MARKS 400000

typedef struct
{
  GMainContext       *context;
  IlvScenario        *scenario;
  IlvResources       *resources;
  IlvProcessExecutor *executor;
  gint64              start_cost[N_SPAWNS];
  guint64             n_events;
  gint64              first_ns;
  gint64              last_ns;
  guint               n_exits;
} Bench;

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
events_cb (const IlvEvent *events,
           gsize           n_events,
           gpointer        user_data)
{
  Bench *b = user_data;
  gsize i;

  if (b->first_ns == 0)
    b->first_ns = ilv_now_ns ();
  b->last_ns = ilv_now_ns ();
  b->n_events += n_events;
  for (i = 0; i < n_events; i++)
    if (events[i].type == ILV_EVENT_WORKER_START && events[i].lane < N_SPAWNS)
      b->start_cost[events[i].lane] = events[i].value;
}

static void
exit_cb (guint32  lane,
         gint     exit_status,
         gpointer user_data)
{
  Bench *b = user_data;

  if (exit_status != 0)
    g_error ("worker %u ended with %d", lane, exit_status);
  b->n_exits++;
}

static void
bench_open (Bench      *b,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  memset (b, 0, sizeof *b);
  b->context = g_main_context_new ();
  g_main_context_push_thread_default (b->context);
  b->scenario = ilv_scenario_new_from_data (text, strlen (text), "bench", NULL, &error);
  g_assert_no_error (error);
  b->resources = ilv_resources_new (b->scenario, &error);
  g_assert_no_error (error);
  b->executor = ilv_process_executor_new (text, strlen (text), b->resources, ilv_now_ns (),
                                          events_cb, exit_cb, b);
}

static void
bench_spawn (Bench *b,
             guint  lane)
{
  g_autoptr(GError) error = NULL;
  IlvWorkerSpec spec = { 0 };
  gint64 pid;

  spec.lane = lane;
  spec.instance = lane;
  spec.process = lane + 1;
  if (!ilv_process_executor_spawn (b->executor, &spec, &pid, &error))
    g_error ("%s", error->message);
}

static void
bench_close (Bench *b)
{
  while (ilv_process_executor_get_n_alive (b->executor) > 0)
    g_main_context_iteration (b->context, TRUE);
  ilv_process_executor_free (b->executor);
  ilv_resources_free (b->resources);
  ilv_scenario_unref (b->scenario);
  g_main_context_pop_thread_default (b->context);
  g_main_context_unref (b->context);
}

/* Spawns one worker at a time, each after the last one ended. */
static gint64
children_cpu_ns (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_GINT64_CONSTANT (1000000000) +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * G_GINT64_CONSTANT (1000);
}

/* child_cpu_us: CPU time of one whole worker (exec, parse, attach, a
 * 1 ms sleep, exit): what a start costs whatever the machine's load. */
static void
bench_spawn_cost (double *first_step_us,
                  double *first_step_min_us,
                  double *call_us,
                  double *child_cpu_us)
{
  Bench b;
  gint64 calls[N_SPAWNS];
  gint64 cpu = children_cpu_ns ();
  guint i;

  bench_open (&b, "[Scenario]\nName=spawn\n[Workers w]\nKind=process\nCount=16\nProgram=sleep 1ms\n");
  for (i = 0; i < N_SPAWNS; i++)
    {
      gint64 t0 = ilv_now_ns ();

      bench_spawn (&b, i);
      calls[i] = ilv_now_ns () - t0;
      while (b.n_exits <= i)
        g_main_context_iteration (b.context, TRUE);
    }
  bench_close (&b);
  *child_cpu_us = (children_cpu_ns () - cpu) / 1000.0 / N_SPAWNS;
  qsort (b.start_cost, N_SPAWNS, sizeof (gint64), compare_gint64);
  qsort (calls, N_SPAWNS, sizeof (gint64), compare_gint64);
  *first_step_us = b.start_cost[N_SPAWNS / 2] / 1000.0;
  *first_step_min_us = b.start_cost[0] / 1000.0;
  *call_us = calls[N_SPAWNS / 2] / 1000.0;
}

static void
bench_pipe (double *events_per_s,
            double *parent_ns_per_event)
{
  g_autofree char *text = g_strdup_printf (
    "[Scenario]\nName=pipe\n[Workers w]\nKind=process\nProgram=repeat %d { mark \"m\" }\n",
    N_PIPE_MARKS);
  Bench b;
  gint64 cpu;

  bench_open (&b, text);
  cpu = ilv_test_clock_ns (CLOCK_THREAD_CPUTIME_ID);
  bench_spawn (&b, 0);
  while (b.n_exits == 0)
    g_main_context_iteration (b.context, TRUE);
  cpu = ilv_test_clock_ns (CLOCK_THREAD_CPUTIME_ID) - cpu;
  bench_close (&b);
  g_assert_cmpuint (b.n_events, >=, N_PIPE_MARKS);
  *events_per_s = b.n_events / ((b.last_ns - b.first_ns) / 1e9);
  *parent_ns_per_event = (double) cpu / b.n_events;
}

typedef struct
{
  IlvSampler *sampler;
  guint32     lane;
} Busy;

static gpointer
busy_cb (gpointer user_data)
{
  Busy *busy = user_data;
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;
  volatile guint64 n = 0;

  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), ILV_WORKER_NICE);
  ilv_sampler_add (busy->sampler, getpid (), syscall (SYS_gettid), busy->lane);
  while (g_get_monotonic_time () < until)
    n++;
  return NULL;
}

#define MAX_BUSY 32

static void
bench_sampler (guint   n_busy,
               double *us_per_sample,
               double *samples_per_s,
               double *cpu_share)
{
  IlvSampler *sampler = ilv_sampler_new ();
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (IlvEvent));
  GThread *threads[MAX_BUSY];
  Busy busy[MAX_BUSY];
  guint64 n = 0;
  gint64 ns = 0, t0;
  guint i;

  if (!ilv_sampler_is_available (sampler))
    {
      *us_per_sample = *samples_per_s = *cpu_share = -1;
      ilv_sampler_free (sampler);
      return;
    }
  t0 = g_get_monotonic_time ();
  ilv_sampler_start (sampler);
  for (i = 0; i < n_busy; i++)
    {
      busy[i].sampler = sampler;
      busy[i].lane = i;
      threads[i] = g_thread_new ("busy", busy_cb, &busy[i]);
    }
  for (i = 0; i < n_busy; i++)
    g_thread_join (threads[i]);
  ilv_sampler_stop (sampler);
  ilv_sampler_get_cost (sampler, &n, &ns);
  ilv_recorder_drain (ilv_sampler_get_recorder (sampler), events);
  *us_per_sample = n > 0 ? ns / 1000.0 / n : -1;
  *samples_per_s = n / ((g_get_monotonic_time () - t0) / 1e6);
  *cpu_share = ilv_sampler_get_cpu_share (sampler);
  g_print ("sampler, %u busy tasks: %u CPU events from %" G_GUINT64_FORMAT " samples\n",
           n_busy, events->len, n);
  ilv_sampler_free (sampler);
}

int
main (int   argc,
      char *argv[])
{
  double first_step_us, first_step_min_us, call_us, child_cpu_us;
  double events_per_s, parent_ns;
  double sample_us, samples_per_s, share;
  double sample_32_us, samples_32_per_s, share_32;

  signal (SIGPIPE, SIG_IGN);
  bench_spawn_cost (&first_step_us, &first_step_min_us, &call_us, &child_cpu_us);
  g_print ("spawn: request to first step %.0f us (median of %d; fastest %.0f us); "
           "the spawn call blocks %.0f us; a worker's own CPU %.0f us\n",
           first_step_us, N_SPAWNS, first_step_min_us, call_us, child_cpu_us);
  bench_pipe (&events_per_s, &parent_ns);
  g_print ("pipe: %.2f M events/s from one worker; app CPU %.1f ns per event\n",
           events_per_s / 1e6, parent_ns);
  bench_sampler (4, &sample_us, &samples_per_s, &share);
  g_print ("sampler: %.2f us per task sample, %.0f samples/s over 4 tasks; "
           "its thread %.1f %% of a core\n", sample_us, samples_per_s, 100 * share);
  bench_sampler (MAX_BUSY, &sample_32_us, &samples_32_per_s, &share_32);
  g_print ("sampler: %.2f us per task sample, %.0f samples/s over %d tasks; "
           "its thread %.1f %% of a core\n", sample_32_us, samples_32_per_s, MAX_BUSY, 100 * share_32);
  g_print ("{\"spawn_first_step_us\": %.1f, \"spawn_first_step_min_us\": %.1f, \"spawn_call_us\": %.1f, "
           "\"worker_cpu_us\": %.1f, "
           "\"pipe_events_per_s\": %.0f, \"pipe_app_cpu_ns_per_event\": %.2f, "
           "\"sampler_us_per_sample\": %.3f, \"sampler_samples_per_s\": %.0f, "
           "\"sampler_cpu_share_4\": %.4f, \"sampler_cpu_share_32\": %.4f}\n",
           first_step_us, first_step_min_us, call_us, child_cpu_us, events_per_s, parent_ns,
           sample_us, samples_per_s, share, share_32);
  return 0;
}
