/* ilv-session.c: the window's runs, kept on disk across a close, a crash
 * or a restart
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ilv-atomic-file.h"
#include "ilv-chrome-trace.h"
#include "ilv-session.h"
#include "ilv-session-index.h"

#define INDEX_NAME "session.ini"

/* What a save asked for, until its turn comes. */
typedef struct
{
  GPtrArray *traces;         /* IlvTrace * */
  guint      n_kept;
  char      *scenario_id;
  char      *scenario_path;
} Snapshot;

typedef struct
{
  IlvTrace *trace;
  char     *name;
  gboolean  write;           /* not on disk yet */
  gboolean  ok;              /* on disk (set by the thread) */
} SaveRun;

typedef struct
{
  char      *folder;
  GPtrArray *runs;           /* SaveRun * */
  guint      n_kept;
  char      *scenario_id;
  char      *scenario_path;
  char      *failure;        /* the first error, for the window */
} SaveJob;

struct _IlvSession
{
  GObject       parent_instance;

  char         *folder;
  guint         max_runs;
  /* IlvTrace * (a reference) -> its file name: runs already on disk. */
  GHashTable   *written;
  Snapshot     *pending;
  GCancellable *cancellable; /* of the save writing now, if any */
  gboolean      busy;        /* a save or a restore is at work in a thread */
  GQueue        restores;    /* GTask *, waiting for their turn */
  GApplication *held;
  guint         serial;
};

enum {
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (IlvSession, ilv_session, G_TYPE_OBJECT)

static void run_next (IlvSession *self);

static void
snapshot_free (Snapshot *snapshot)
{
  g_ptr_array_unref (snapshot->traces);
  g_free (snapshot->scenario_id);
  g_free (snapshot->scenario_path);
  g_free (snapshot);
}

static void
save_run_free (SaveRun *run)
{
  ilv_trace_unref (run->trace);
  g_free (run->name);
  g_free (run);
}

static void
save_job_free (SaveJob *job)
{
  g_free (job->folder);
  g_ptr_array_unref (job->runs);
  g_free (job->scenario_id);
  g_free (job->scenario_path);
  g_free (job->failure);
  g_free (job);
}

void
ilv_session_runs_free (IlvSessionRuns *runs)
{
  if (runs == NULL)
    return;

  g_ptr_array_unref (runs->traces);
  g_ptr_array_unref (runs->problems);
  g_free (runs->scenario_id);
  g_free (runs->scenario_path);
  g_free (runs);
}

/* A trace puts some of what several lanes feed in order when it is next
 * read. Done here, on the main thread, the writer's thread only reads. */
static void
settle (IlvTrace *trace)
{
  ilv_trace_get_n_flows (trace);
  for (guint i = 0; i < ilv_trace_get_n_resources (trace); i++)
    ilv_trace_counter_get_n_points (trace, i);
  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    ilv_trace_lane_get_n_spans (trace, i);
}

static void
hold_application (IlvSession *self)
{
  GApplication *app = g_application_get_default ();

  if (self->held != NULL || app == NULL)
    return;

  self->held = g_object_ref (app);
  g_application_hold (app);
}

static void
release_application (IlvSession *self)
{
  g_autoptr(GApplication) app = g_steal_pointer (&self->held);

  if (app != NULL)
    g_application_release (app);
}

/* The thread: writes the runs not on disk yet, then the index, then
 * removes what no longer belongs to the session. */
static gboolean
write_runs (SaveJob      *job,
            GCancellable *cancellable)
{
  for (guint i = 0; i < job->runs->len; i++)
    {
      SaveRun *run = g_ptr_array_index (job->runs, i);
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      if (!run->write)
        {
          run->ok = TRUE;
          continue;
        }

      path = g_build_filename (job->folder, run->name, NULL);
      run->ok = ilv_chrome_trace_save (run->trace, path, &error);
      if (!run->ok && job->failure == NULL)
        job->failure = g_strdup (error->message);
    }
  return !g_cancellable_is_cancelled (cancellable);
}

static gboolean
write_index (SaveJob *job)
{
  g_autoptr(IlvSessionIndex) index = ilv_session_index_new ();
  g_autofree char *path = g_build_filename (job->folder, INDEX_NAME, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  for (guint i = 0; i < job->runs->len; i++)
    {
      SaveRun *run = g_ptr_array_index (job->runs, i);

      if (!run->ok)
        continue;
      g_ptr_array_add (index->runs, g_strdup (run->name));
      if (i < job->n_kept)
        index->n_kept++;
    }
  index->scenario_id = g_strdup (job->scenario_id);
  index->scenario_path = g_strdup (job->scenario_path);

  data = ilv_session_index_to_data (index, &length);
  if (ilv_atomic_file_set_contents (path, data, length, &error))
    return TRUE;

  if (job->failure == NULL)
    job->failure = g_strdup (error->message);
  return FALSE;
}

static gboolean
in_job (SaveJob    *job,
        const char *name)
{
  for (guint i = 0; i < job->runs->len; i++)
    {
      SaveRun *run = g_ptr_array_index (job->runs, i);

      if (run->ok && g_str_equal (run->name, name))
        return TRUE;
    }
  return FALSE;
}

/* Run files no longer listed, and what a write cut short by a crash left
 * (the atomic writer's hidden temporary files). */
static void
remove_stale (SaveJob *job)
{
  g_autoptr(GDir) dir = g_dir_open (job->folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean stale = ilv_session_index_is_run_name (name) ? !in_job (job, name)
                                                            : (g_str_has_prefix (name, ".run-") ||
                                                               g_str_has_prefix (name, "." INDEX_NAME));

      if (stale)
        {
          g_autofree char *path = g_build_filename (job->folder, name, NULL);

          g_unlink (path);
        }
    }
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;

  if (g_mkdir_with_parents (job->folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (job->folder);

      job->failure = g_strdup_printf (_("Could not create the folder “%s”: %s"),
                                      name, g_strerror (saved_errno));
      g_task_return_boolean (task, FALSE);
      return;
    }

  if (!write_runs (job, cancellable) || !write_index (job))
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  remove_stale (job);
  g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  IlvSession *self = ILV_SESSION (source_object);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  gboolean complete = g_task_propagate_boolean (G_TASK (result), NULL);

  /* After a complete save only its runs are on disk. */
  if (complete)
    g_hash_table_remove_all (self->written);
  for (guint i = 0; i < job->runs->len; i++)
    {
      SaveRun *run = g_ptr_array_index (job->runs, i);

      if (run->ok)
        g_hash_table_replace (self->written, ilv_trace_ref (run->trace), g_strdup (run->name));
    }

  if (job->failure != NULL)
    g_signal_emit (self, signals[SAVE_FAILED], 0, job->failure);

  self->busy = FALSE;
  g_clear_object (&self->cancellable);
  run_next (self);
}

static SaveJob *
save_job_new (IlvSession *self,
              Snapshot   *snapshot)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->folder = g_strdup (self->folder);
  job->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) save_run_free);
  job->n_kept = snapshot->n_kept;
  job->scenario_id = g_strdup (snapshot->scenario_id);
  job->scenario_path = g_strdup (snapshot->scenario_path);

  for (guint i = 0; i < snapshot->traces->len; i++)
    {
      IlvTrace *trace = g_ptr_array_index (snapshot->traces, i);
      const char *name = g_hash_table_lookup (self->written, trace);
      SaveRun *run = g_new0 (SaveRun, 1);

      run->trace = ilv_trace_ref (trace);
      run->write = name == NULL;
      if (name != NULL)
        run->name = g_strdup (name);
      else
        run->name = g_strdup_printf ("run-%" G_GINT64_FORMAT "-%u.json",
                                     g_get_real_time (), ++self->serial);
      g_ptr_array_add (job->runs, run);
    }
  return job;
}

static void restore_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable);

/* One thing at a time: the newest save waiting, then the restores. When
 * nothing is left the application may quit again. */
static void
run_next (IlvSession *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->busy)
    return;

  if (self->pending != NULL)
    {
      Snapshot *snapshot = g_steal_pointer (&self->pending);

      self->busy = TRUE;
      self->cancellable = g_cancellable_new ();
      task = g_task_new (self, self->cancellable, save_done_cb, NULL);
      g_task_set_source_tag (task, ilv_session_save);
      g_task_set_task_data (task, save_job_new (self, snapshot), (GDestroyNotify) save_job_free);
      snapshot_free (snapshot);
      g_task_run_in_thread (task, save_thread);
      return;
    }

  if (!g_queue_is_empty (&self->restores))
    {
      task = g_queue_pop_head (&self->restores);
      self->busy = TRUE;
      g_task_run_in_thread (task, restore_thread);
      return;
    }

  release_application (self);
}

/* Restoring */

typedef struct
{
  char           *folder;
  guint           max_runs;
  IlvSessionRuns *runs;
  GPtrArray      *names;      /* char *, beside runs->traces */
} RestoreJob;

static void
restore_job_free (RestoreJob *job)
{
  g_free (job->folder);
  g_clear_pointer (&job->runs, ilv_session_runs_free);
  g_ptr_array_unref (job->names);
  g_free (job);
}

static IlvTrace *
read_run (const char *folder,
          const char *name,
          GError    **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return ilv_chrome_trace_load (data, length, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Without a readable index, the run files of the folder are still the
 * lecturer's runs: the newest (their names grow with time) come back,
 * none of them kept, rather than being lost at the next save. */
static IlvSessionIndex *
index_from_folder (const char *folder,
                   guint       max_runs)
{
  IlvSessionIndex *index = ilv_session_index_new ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (ilv_session_index_is_run_name (name))
      g_ptr_array_add (index->runs, g_strdup (name));

  g_ptr_array_sort (index->runs, compare_names);
  if (index->runs->len > max_runs)
    g_ptr_array_remove_range (index->runs, 0, index->runs->len - max_runs);
  return index;
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreJob *job = task_data;
  IlvSessionRuns *runs = job->runs;
  g_autofree char *path = g_build_filename (job->folder, INDEX_NAME, NULL);
  g_autofree char *data = NULL;
  g_autoptr(IlvSessionIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_ptr_array_add (runs->problems, g_strdup (error->message));
      g_task_return_boolean (task, TRUE);
      return;
    }

  index = ilv_session_index_parse (data, length, job->max_runs, &error);
  if (index == NULL)
    {
      g_ptr_array_add (runs->problems,
                       g_strdup_printf (_("The list of the runs kept from last time could not be read: %s"),
                                        error->message));
      index = index_from_folder (job->folder, job->max_runs);
    }

  runs->scenario_id = g_strdup (index->scenario_id);
  runs->scenario_path = g_strdup (index->scenario_path);
  for (guint i = 0; i < index->runs->len; i++)
    {
      const char *name = g_ptr_array_index (index->runs, i);
      g_autoptr(GError) run_error = NULL;
      IlvTrace *trace;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      trace = read_run (job->folder, name, &run_error);
      if (trace == NULL)
        {
          g_ptr_array_add (runs->problems,
                           g_strdup_printf (_("A run kept from last time could not be read back (%s): %s"),
                                            name, run_error->message));
          continue;
        }
      g_ptr_array_add (runs->traces, trace);
      g_ptr_array_add (job->names, g_strdup (name));
      if (i < index->n_kept)
        runs->n_kept++;
    }
  g_task_return_boolean (task, TRUE);
}

static void
restore_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  IlvSession *self = ILV_SESSION (source_object);
  g_autoptr(GTask) outer = user_data;
  RestoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      run_next (self);
      return;
    }

  /* What was read back is on disk already: a save keeps those files. */
  for (guint i = 0; i < job->names->len; i++)
    g_hash_table_replace (self->written,
                          ilv_trace_ref (g_ptr_array_index (job->runs->traces, i)),
                          g_strdup (g_ptr_array_index (job->names, i)));

  g_task_return_pointer (outer, g_steal_pointer (&job->runs), (GDestroyNotify) ilv_session_runs_free);
  run_next (self);
}

static void
ilv_session_dispose (GObject *object)
{
  IlvSession *self = ILV_SESSION (object);

  g_clear_pointer (&self->pending, snapshot_free);
  release_application (self);

  G_OBJECT_CLASS (ilv_session_parent_class)->dispose (object);
}

static void
ilv_session_finalize (GObject *object)
{
  IlvSession *self = ILV_SESSION (object);

  g_free (self->folder);
  g_hash_table_unref (self->written);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ilv_session_parent_class)->finalize (object);
}

static void
ilv_session_class_init (IlvSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ilv_session_dispose;
  object_class->finalize = ilv_session_finalize;

  /**
   * IlvSession::save-failed:
   * @message: what went wrong, to show
   *
   * A save could not write everything (a full disk, a read-only folder).
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ilv_session_init (IlvSession *self)
{
  self->written = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                         (GDestroyNotify) ilv_trace_unref, g_free);
  g_queue_init (&self->restores);
}

/**
 * ilv_session_new:
 * @folder: where the session is kept
 * @max_runs: the most runs it holds; a save keeps the last ones
 *
 * Returns: (transfer full): a session kept in @folder
 */
IlvSession *
ilv_session_new (const char *folder,
                 guint       max_runs)
{
  IlvSession *self;

  g_return_val_if_fail (folder != NULL, NULL);

  self = g_object_new (ILV_TYPE_SESSION, NULL);
  self->folder = g_strdup (folder);
  self->max_runs = MAX (max_runs, 1);
  return self;
}

char *
ilv_session_default_folder (void)
{
  return g_build_filename (g_get_user_state_dir (), "interleave", "session", NULL);
}

const char *
ilv_session_get_folder (IlvSession *self)
{
  g_return_val_if_fail (ILV_IS_SESSION (self), NULL);

  return self->folder;
}

void
ilv_session_save (IlvSession       *self,
                  IlvTrace * const *traces,
                  guint             n_traces,
                  guint             n_kept,
                  const char       *scenario_id,
                  const char       *scenario_path)
{
  Snapshot *snapshot;
  guint first = 0;

  g_return_if_fail (ILV_IS_SESSION (self));
  g_return_if_fail (traces != NULL || n_traces == 0);

  snapshot = g_new0 (Snapshot, 1);
  snapshot->traces = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_trace_unref);
  if (n_traces > self->max_runs)
    first = n_traces - self->max_runs;
  for (guint i = first; i < n_traces; i++)
    {
      if (!ilv_trace_is_finished (traces[i]))
        continue;
      settle (traces[i]);
      g_ptr_array_add (snapshot->traces, ilv_trace_ref (traces[i]));
      if (i < n_kept)
        snapshot->n_kept++;
    }
  snapshot->scenario_id = g_strdup (scenario_id);
  snapshot->scenario_path = scenario_id == NULL ? g_strdup (scenario_path) : NULL;

  g_clear_pointer (&self->pending, snapshot_free);
  self->pending = snapshot;
  /* Only the newest save counts: the one writing stops early. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  hold_application (self);
  run_next (self);
}

gboolean
ilv_session_is_saving (IlvSession *self)
{
  g_return_val_if_fail (ILV_IS_SESSION (self), FALSE);

  return self->pending != NULL || self->cancellable != NULL;
}

void
ilv_session_restore_async (IlvSession          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *outer;
  GTask *inner;
  RestoreJob *job;

  g_return_if_fail (ILV_IS_SESSION (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, ilv_session_restore_async);

  job = g_new0 (RestoreJob, 1);
  job->folder = g_strdup (self->folder);
  job->max_runs = self->max_runs;
  job->runs = g_new0 (IlvSessionRuns, 1);
  job->runs->traces = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_trace_unref);
  job->runs->problems = g_ptr_array_new_with_free_func (g_free);
  job->names = g_ptr_array_new_with_free_func (g_free);

  inner = g_task_new (self, cancellable, restore_done_cb, outer);
  g_task_set_source_tag (inner, ilv_session_restore_async);
  g_task_set_task_data (inner, job, (GDestroyNotify) restore_job_free);
  g_queue_push_tail (&self->restores, inner);
  run_next (self);
}

IlvSessionRuns *
ilv_session_restore_finish (IlvSession   *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (ILV_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
