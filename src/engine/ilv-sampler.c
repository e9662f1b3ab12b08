/* ilv-sampler.c: which core each worker is on, read from /proc
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * About every millisecond (less often when a sweep over many tasks would
 * take more than a twentieth of a core) the sampler reads, for every task,
 * /proc/<pid>/task/<tid>/stat (kept open and pread(): field 3, the state;
 * field 39, the cpu it is on or queued for) and the task's CPU clock (a
 * thread of this process: its thread clock; a process worker: its process
 * clock), which the kernel brings up to date when read. The rule, for the
 * interval since the task's previous sample:
 *
 *  - it ran for at least half of the interval: running (aux 1) on that cpu;
 *  - else, state R (runnable): ready, queued on that cpu (aux 0);
 *  - else: not runnable (value −1, aux 0; its own lane says why);
 *  - ran most of the interval but is no longer R: running, then not
 *    runnable from this sample on.
 *
 * Each verdict is stamped at the start of the interval it describes, so a
 * lane's picture is at most one sampling interval off. An interval much
 * longer than planned (the sampler waited for a core itself) is split: on
 * a cpu for as long as the clock says, then as the task is now. Where no CPU clock
 * can be read (a thread of another process), R counts as running.
 * Events are emitted only on a change of cpu or of running/ready, per lane
 * in time order, to the sampler's own collector-mode recorder.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "ilv-sampler.h"

#define PERIOD_NS   G_GINT64_CONSTANT (1000000)
/* A sweep of S ns is followed by at least 19 S ns of sleep: at most a
 * twentieth of a core, however many tasks there are. */
#define MAX_BUSY_FACTOR 19
/* Below the window's threads (0), which it must never keep from a CPU,
 * and above the workers (ILV_WORKER_NICE), so that its samples are taken
 * on time while they keep every core busy. */
#define SAMPLER_NICE 10

typedef struct
{
  gint64    pid;
  gint64    tid;
  guint32   lane;
  int       stat_fd;
  clockid_t clock;
  gboolean  has_clock;
  gboolean  primed;        /* one sample taken: deltas mean something */
  gint64    sampled_ns;    /* when it was last sampled */
  gint64    cpu_time_ns;   /* its CPU time then */
  gint64    last_emit_ns;
  gint      cpu;           /* as last emitted; -1: not runnable, or nothing yet */
  gboolean  on_cpu;
} Task;

struct _IlvSampler
{
  IlvRecorder *recorder;
  guint        n_cpus;
  gboolean     available;
  GMutex       mutex;      /* guards `pending` and `removed` */
  GPtrArray   *pending;    /* Task* added, not yet opened */
  GArray      *removed;    /* guint32 lanes */
  gint         changed;    /* atomic: `pending` or `removed` may hold something */
  GPtrArray   *tasks;      /* Task*, the sampler thread's own */
  GThread     *thread;
  gint         stop;
  guint64      n_samples;  /* task samples taken */
  gint64       sample_ns;  /* time spent taking them */
  gint64       thread_ns;  /* its thread's life, start to end */
  gint64       thread_cpu_ns; /* and the CPU time it used */
};

static void
task_free (Task *task)
{
  if (task->stat_fd >= 0)
    close (task->stat_fd);
  g_free (task);
}

static int
open_task_file (gint64      pid,
                gint64      tid,
                const char *name)
{
  char path[96];

  g_snprintf (path, sizeof path, "/proc/%" G_GINT64_FORMAT "/task/%" G_GINT64_FORMAT "/%s",
              pid, tid, name);
  return open (path, O_RDONLY | O_CLOEXEC);
}

/* Field 3 (state) and field 39 (processor) of a stat line. The command
 * name (field 2) may hold spaces and parentheses: start after the last ')'. */
static gboolean
parse_stat (const char *text,
            char       *state,
            gint       *cpu)
{
  const char *p = strrchr (text, ')');
  guint field = 2;

  if (p == NULL || p[1] != ' ' || p[2] == '\0')
    return FALSE;
  *state = p[2];
  for (p++; *p != '\0' && field < 39; p++)
    if (*p == ' ')
      field++;
  if (field != 39 || !g_ascii_isdigit (*p))
    return FALSE;
  *cpu = (gint) g_ascii_strtoll (p, NULL, 10);
  return TRUE;
}

static gboolean
read_file (int   fd,
           char *buffer,
           gsize size)
{
  gssize n = pread (fd, buffer, size - 1, 0);

  if (n <= 0)
    return FALSE;
  buffer[n] = '\0';
  return TRUE;
}

static void
emit (IlvSampler *self,
      Task       *task,
      gint64      time_ns,
      gint        cpu,
      gboolean    on_cpu)
{
  IlvEvent event = { 0 };

  if (cpu == task->cpu && on_cpu == task->on_cpu)
    return;
  event.time_ns = MAX (time_ns, task->last_emit_ns);
  event.lane = task->lane;
  event.type = ILV_EVENT_CPU;
  event.resource = -1;
  event.value = cpu;
  event.aux = on_cpu ? 1 : 0;
  ilv_recorder_emit_event (self->recorder, &event);
  task->last_emit_ns = event.time_ns;
  task->cpu = cpu;
  task->on_cpu = on_cpu;
}

/* Applies the rule of the file's comment to one fresh reading. */
static void
judge (IlvSampler *self,
       Task       *task,
       gint64      now,
       char        state,
       gint        cpu,
       gint64      cpu_time_ns)
{
  gint64 from = task->sampled_ns;
  gint64 ran = 0;
  gboolean ran_most;

  if (!task->primed || cpu_time_ns < 0)
    ran_most = state == 'R';  /* nothing to compare with: take R as running */
  else
    {
      ran = CLAMP (cpu_time_ns - task->cpu_time_ns, 0, now - from);
      ran_most = ran * 2 >= now - from;
    }
  if (!task->primed)
    from = now;
  task->primed = TRUE;
  task->sampled_ns = now;
  task->cpu_time_ns = cpu_time_ns;

  if (ran_most)
    emit (self, task, from, cpu, TRUE);
  else if (state == 'R')
    emit (self, task, from, cpu, FALSE);
  else
    emit (self, task, from, -1, FALSE);
  /* A long interval (the sampler itself waited for a core) is not given
   * to one verdict: it ran `ran` ns of it, and is as it is now since. */
  if (ran_most && ran < now - from && now - from > 2 * PERIOD_NS)
    emit (self, task, from + ran, state == 'R' ? cpu : -1, FALSE);
  else if (ran_most && state != 'R')
    emit (self, task, now, -1, FALSE);
  else if (!ran_most && ran > 0 && now - from > 2 * PERIOD_NS)
    {
      emit (self, task, from, cpu, TRUE);
      emit (self, task, from + ran, state == 'R' ? cpu : -1, FALSE);
    }
}

/* The task's CPU time in ns, or -1 where there is no clock for it. */
static gint64
read_cpu_time (Task *task)
{
  struct timespec ts;

  if (!task->has_clock || clock_gettime (task->clock, &ts) != 0)
    return -1;
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

/* Returns FALSE when the task is gone. */
static gboolean
sample_task (IlvSampler *self,
             Task       *task)
{
  char stat[1024];
  char state = '?';
  gint cpu = 0;
  gint64 before = ilv_now_ns ();
  gint64 cpu_time_ns;

  if (!read_file (task->stat_fd, stat, sizeof stat) || !parse_stat (stat, &state, &cpu))
    return FALSE;
  cpu_time_ns = read_cpu_time (task);
  self->sample_ns += ilv_now_ns () - before;
  self->n_samples++;
  if (state == 'Z' || state == 'X' || state == 'x')
    return FALSE;
  /* The trace sizes its core lanes by n_cpus: never name one past it. */
  cpu = MIN (cpu, (gint) self->n_cpus - 1);
  judge (self, task, before, state, cpu, cpu_time_ns);
  return TRUE;
}

/* A thread of this process: its thread CPU clock, made from its tid as the
 * kernel defines it (CPUCLOCK_PERTHREAD | CPUCLOCK_SCHED). The main thread
 * of another process: that process's clock. Else none. */
static void
open_clock (Task *task)
{
  struct timespec ts;

  if (task->pid == getpid ())
    task->clock = (clockid_t) ((~(guint) task->tid << 3) | 4 | 2);  /* shifted unsigned: no UB */
  else if (task->tid != task->pid || clock_getcpuclockid ((pid_t) task->pid, &task->clock) != 0)
    return;
  task->has_clock = clock_gettime (task->clock, &ts) == 0;
}

static void
drop_task (IlvSampler *self,
           guint       index)
{
  Task *task = g_ptr_array_index (self->tasks, index);

  if (task->cpu >= 0)
    emit (self, task, ilv_now_ns (), -1, FALSE);
  g_ptr_array_remove_index_fast (self->tasks, index);
}

/* Takes in what ilv_sampler_add() and _remove() queued. */
static void
update_tasks (IlvSampler *self)
{
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GArray) removed = NULL;
  guint i, j;

  /* Most sweeps have nothing to take in: no lock, no allocation. */
  if (!g_atomic_int_compare_and_exchange (&self->changed, 1, 0))
    return;
  g_mutex_lock (&self->mutex);
  added = g_steal_pointer (&self->pending);
  removed = g_steal_pointer (&self->removed);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) task_free);
  self->removed = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_mutex_unlock (&self->mutex);

  for (i = 0; i < removed->len; i++)
    for (j = self->tasks->len; j > 0; j--)
      if (((Task *) g_ptr_array_index (self->tasks, j - 1))->lane == g_array_index (removed, guint32, i))
        drop_task (self, j - 1);

  for (i = 0; i < added->len; i++)
    {
      Task *task = g_ptr_array_index (added, i);

      task->stat_fd = open_task_file (task->pid, task->tid, "stat");
      open_clock (task);
      if (task->stat_fd >= 0)
        g_ptr_array_add (self->tasks, g_ptr_array_steal_index (added, i--));
    }
}

static void
sleep_until (gint64 deadline_ns)
{
  struct timespec ts = { deadline_ns / 1000000000, deadline_ns % 1000000000 };

  while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
    ;
}

static gint64
own_cpu_time_ns (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static gpointer
sampler_thread (gpointer user_data)
{
  IlvSampler *self = user_data;
  gint64 next = ilv_now_ns ();
  gint64 born = next;
  gint64 cpu = own_cpu_time_ns ();
  guint i;

  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), SAMPLER_NICE);

  while (!g_atomic_int_get (&self->stop))
    {
      gint64 cost;

      update_tasks (self);
      for (i = self->tasks->len; i > 0; i--)
        if (!sample_task (self, g_ptr_array_index (self->tasks, i - 1)))
          drop_task (self, i - 1);

      /* Every PERIOD_NS, but never more than a twentieth of a core: with
       * many tasks (or a slow /proc) the rate drops below 1 kHz. The cost
       * is the CPU time of the round, its wake-up included, not its wall
       * time: at its low priority a sweep may wait for a core, which costs
       * nobody anything. A late wake-up is not made up for with a burst. */
      cost = own_cpu_time_ns () - cpu;
      cpu += cost;
      next = MAX (next + PERIOD_NS, ilv_now_ns () + MAX_BUSY_FACTOR * cost);
      sleep_until (next);
    }
  update_tasks (self);
  while (self->tasks->len > 0)
    drop_task (self, self->tasks->len - 1);
  self->thread_ns = ilv_now_ns () - born;
  self->thread_cpu_ns = own_cpu_time_ns ();
  return NULL;
}

static gboolean
probe (void)
{
  int fd = open_task_file (getpid (), syscall (SYS_gettid), "stat");
  char stat[1024];
  char state;
  gint cpu;
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = read_file (fd, stat, sizeof stat) && parse_stat (stat, &state, &cpu);
  close (fd);
  return ok;
}

IlvSampler *
ilv_sampler_new (void)
{
  IlvSampler *self = g_new0 (IlvSampler, 1);

  self->recorder = ilv_recorder_new ();
  self->n_cpus = MAX (1, sysconf (_SC_NPROCESSORS_CONF));
  self->available = probe ();
  g_mutex_init (&self->mutex);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) task_free);
  self->removed = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) task_free);
  return self;
}

gboolean
ilv_sampler_is_available (IlvSampler *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->available;
}

guint
ilv_sampler_get_n_cpus (IlvSampler *self)
{
  g_return_val_if_fail (self != NULL, 1);
  return self->n_cpus;
}

IlvRecorder *
ilv_sampler_get_recorder (IlvSampler *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->recorder;
}

void
ilv_sampler_add (IlvSampler *self,
                 gint64      pid,
                 gint64      tid,
                 guint32     lane)
{
  Task *task;

  g_return_if_fail (self != NULL);
  g_return_if_fail (pid > 0 && tid > 0);

  task = g_new0 (Task, 1);
  task->pid = pid;
  task->tid = tid;
  task->lane = lane;
  task->stat_fd = -1;
  task->cpu = -1;
  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->pending, task);
  g_atomic_int_set (&self->changed, 1);
  g_mutex_unlock (&self->mutex);
}

void
ilv_sampler_remove (IlvSampler *self,
                    guint32     lane)
{
  guint i;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  for (i = self->pending->len; i > 0; i--)
    if (((Task *) g_ptr_array_index (self->pending, i - 1))->lane == lane)
      g_ptr_array_remove_index (self->pending, i - 1);
  g_array_append_val (self->removed, lane);
  g_atomic_int_set (&self->changed, 1);
  g_mutex_unlock (&self->mutex);
}

void
ilv_sampler_start (IlvSampler *self)
{
  g_return_if_fail (self != NULL);

  if (!self->available || self->thread != NULL)
    return;
  g_atomic_int_set (&self->stop, 0);
  self->thread = g_thread_try_new ("ilv-sampler", sampler_thread, self, NULL);
  if (self->thread == NULL)
    self->available = FALSE;
}

void
ilv_sampler_stop (IlvSampler *self)
{
  g_return_if_fail (self != NULL);

  if (self->thread == NULL)
    return;
  g_atomic_int_set (&self->stop, 1);
  g_thread_join (g_steal_pointer (&self->thread));
}

void
ilv_sampler_get_cost (IlvSampler *self,
                      guint64    *n_samples,
                      gint64     *total_ns)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->thread == NULL);

  if (n_samples != NULL)
    *n_samples = self->n_samples;
  if (total_ns != NULL)
    *total_ns = self->sample_ns;
}

double
ilv_sampler_get_cpu_share (IlvSampler *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  g_return_val_if_fail (self->thread == NULL, 0.0);

  return self->thread_ns > 0 ? (double) self->thread_cpu_ns / (double) self->thread_ns : 0.0;
}

void
ilv_sampler_free (IlvSampler *self)
{
  if (self == NULL)
    return;
  ilv_sampler_stop (self);
  ilv_recorder_free (self->recorder);
  g_ptr_array_unref (self->pending);
  g_array_unref (self->removed);
  g_ptr_array_unref (self->tasks);
  g_mutex_clear (&self->mutex);
  g_free (self);
}
