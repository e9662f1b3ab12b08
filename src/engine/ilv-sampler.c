/* ilv-sampler.c: which core each worker is on, read from /proc
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * About every millisecond (less often when a sweep over many tasks would
 * take more than a fifth of a core) the sampler pread()s, for every task,
 * /proc/<pid>/task/<tid>/stat (field 3: state, field 39: the cpu it last
 * ran on) and …/schedstat (time on a cpu, time waiting on a run queue),
 * keeping both files open. The rule that tells running from waiting:
 *
 *  - state other than R: not runnable (value −1, aux 0; its own lane says why);
 *  - R, and the run-queue wait grew by W ns since the last sample: it waited
 *    for a cpu and has got one since (the kernel adds the wait when the task
 *    arrives on a cpu): ready (aux 0) from W ns before now, running from now;
 *  - R, and its cpu time grew: running (aux 1);
 *  - R, and neither grew for STALE_NS: it is queued behind others: ready.
 *    (The kernel brings cpu time up to date at its tick, every 1–10 ms,
 *    so a still counter alone means nothing for a shorter while.)
 *
 * Events are emitted only on a change of cpu or of running/ready, per lane
 * in time order, to the sampler's own collector-mode recorder.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "ilv-sampler.h"

#define PERIOD_NS   G_GINT64_CONSTANT (1000000)
#define STALE_NS    G_GINT64_CONSTANT (12000000)
/* A sweep of S ns is followed by at least 4 S ns of sleep. */
#define MAX_BUSY_FACTOR 4

typedef struct
{
  gint64   pid;
  gint64   tid;
  guint32  lane;
  int      stat_fd;
  int      schedstat_fd;
  gboolean primed;        /* one sample taken: deltas mean something */
  gboolean removed;
  guint64  run_ns;
  guint64  delay_ns;
  gint64   moved_ns;      /* when a counter last moved */
  gint64   last_emit_ns;
  gint     cpu;           /* as last emitted; -1: nothing yet */
  gboolean on_cpu;
} Task;

struct _IlvSampler
{
  IlvRecorder *recorder;
  guint        n_cpus;
  gboolean     available;
  GMutex       mutex;      /* guards `pending` and `removed` */
  GPtrArray   *pending;    /* Task* added, not yet opened */
  GArray      *removed;    /* guint32 lanes */
  GPtrArray   *tasks;      /* Task*, the sampler thread's own */
  GThread     *thread;
  gint         stop;
  guint64      n_samples;  /* task samples taken */
  gint64       sample_ns;  /* time spent taking them */
};

static void
task_free (Task *task)
{
  if (task->stat_fd >= 0)
    close (task->stat_fd);
  if (task->schedstat_fd >= 0)
    close (task->schedstat_fd);
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
       guint64     run_ns,
       guint64     delay_ns)
{
  guint64 ran = task->primed ? run_ns - task->run_ns : 0;
  guint64 waited = task->primed ? delay_ns - task->delay_ns : 0;

  if (!task->primed || ran > 0 || waited > 0)
    task->moved_ns = now;
  task->primed = TRUE;
  task->run_ns = run_ns;
  task->delay_ns = delay_ns;

  if (state != 'R')
    emit (self, task, now, -1, FALSE);
  else if (waited > 0)
    {
      emit (self, task, now - (gint64) MIN (waited, (guint64) G_MAXINT64 / 2), cpu, FALSE);
      emit (self, task, now, cpu, TRUE);
    }
  else if (ran > 0 || task->cpu < 0)
    emit (self, task, now, cpu, TRUE);
  else if (now - task->moved_ns >= STALE_NS)
    emit (self, task, now, cpu, FALSE);
  else if (cpu != task->cpu)
    emit (self, task, now, cpu, task->on_cpu);
}

/* Returns FALSE when the task is gone. */
static gboolean
sample_task (IlvSampler *self,
             Task       *task)
{
  char stat[1024];
  char schedstat[128];
  guint64 run_ns = 0, delay_ns = 0;
  char state = '?';
  gint cpu = 0;
  gint64 before = ilv_now_ns ();

  if (!read_file (task->stat_fd, stat, sizeof stat) || !parse_stat (stat, &state, &cpu))
    return FALSE;
  if (task->schedstat_fd >= 0 && read_file (task->schedstat_fd, schedstat, sizeof schedstat))
    {
      char *end = NULL;

      run_ns = g_ascii_strtoull (schedstat, &end, 10);
      delay_ns = g_ascii_strtoull (end, NULL, 10);
    }
  self->sample_ns += ilv_now_ns () - before;
  self->n_samples++;
  if (state == 'Z' || state == 'X' || state == 'x')
    return FALSE;
  judge (self, task, before, state, cpu, run_ns, delay_ns);
  return TRUE;
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
      task->schedstat_fd = open_task_file (task->pid, task->tid, "schedstat");
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

static gpointer
sampler_thread (gpointer user_data)
{
  IlvSampler *self = user_data;
  gint64 next = ilv_now_ns ();
  guint i;

  while (!g_atomic_int_get (&self->stop))
    {
      gint64 sweep = ilv_now_ns ();

      update_tasks (self);
      for (i = self->tasks->len; i > 0; i--)
        if (!sample_task (self, g_ptr_array_index (self->tasks, i - 1)))
          drop_task (self, i - 1);
      sweep = ilv_now_ns () - sweep;

      /* Every PERIOD_NS, but never more than a fifth of a core: with many
       * tasks (or a slow /proc) the rate drops below 1 kHz. A late wake-up
       * is not made up for with a burst. */
      next = MAX (next + PERIOD_NS, ilv_now_ns () + MAX_BUSY_FACTOR * sweep);
      sleep_until (next);
    }
  update_tasks (self);
  while (self->tasks->len > 0)
    drop_task (self, self->tasks->len - 1);
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
  task->schedstat_fd = -1;
  task->cpu = -1;
  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->pending, task);
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
