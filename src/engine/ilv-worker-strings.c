/* ilv-worker-strings.c: the strings workers mark, numbered the same in every process
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-worker-strings.h"

struct _IlvWorkerStrings
{
  GPtrArray  *texts;     /* char*, in table order */
  GHashTable *index;     /* text -> first index + 1 */
  guint       task_base;
  guint       n_tasks;
};

/* These are Python's own exception messages, shown as Python shows them. */
static const char * const fixed_strings[ILV_N_FIXED_STRINGS] = {
  "ValueError: semaphore released too many times",
  "RuntimeError: release unlocked lock",
  "ValueError: task_done() called too many times",
};

static void
ilv_worker_strings_add (IlvWorkerStrings *self,
                        const char       *text)
{
  g_ptr_array_add (self->texts, g_strdup (text));
  if (!g_hash_table_contains (self->index, text))
    g_hash_table_insert (self->index, g_strdup (text),
                         GUINT_TO_POINTER (self->texts->len));
}

static void
ilv_worker_strings_add_steps (IlvWorkerStrings *self,
                              const IlvStep    *steps,
                              guint             n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    {
      if (steps[i].kind == ILV_STEP_MARK && steps[i].text != NULL)
        ilv_worker_strings_add (self, steps[i].text);
      if (steps[i].n_body > 0)
        ilv_worker_strings_add_steps (self, steps[i].body, steps[i].n_body);
    }
}

IlvWorkerStrings *
ilv_worker_strings_new (const IlvScenario *scenario)
{
  IlvWorkerStrings *self = g_new0 (IlvWorkerStrings, 1);

  self->texts = g_ptr_array_new_with_free_func (g_free);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < ILV_N_FIXED_STRINGS; i++)
    ilv_worker_strings_add (self, fixed_strings[i]);

  for (guint i = 0; i < scenario->groups->len; i++)
    {
      const IlvWorkerGroup *group = g_ptr_array_index (scenario->groups, i);

      if (group->program != NULL)
        ilv_worker_strings_add_steps (self, group->program->steps,
                                      group->program->n_steps);
    }

  for (guint i = 0; i < scenario->pools->len; i++)
    {
      const IlvPool *pool = g_ptr_array_index (scenario->pools, i);

      if (pool->program != NULL)
        ilv_worker_strings_add_steps (self, pool->program->steps,
                                      pool->program->n_steps);
      self->n_tasks = MAX (self->n_tasks, pool->tasks);
    }

  self->task_base = self->texts->len;
  for (guint i = 0; i < self->n_tasks; i++)
    {
      g_autofree char *label = g_strdup_printf ("task %u", i);

      g_ptr_array_add (self->texts, g_steal_pointer (&label));
    }

  return self;
}

void
ilv_worker_strings_free (IlvWorkerStrings *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->texts);
  g_hash_table_unref (self->index);
  g_free (self);
}

guint
ilv_worker_strings_get_size (IlvWorkerStrings *self)
{
  return self->texts->len;
}

const char *
ilv_worker_strings_get (IlvWorkerStrings *self,
                        guint             index)
{
  g_return_val_if_fail (index < self->texts->len, NULL);

  return g_ptr_array_index (self->texts, index);
}

guint32
ilv_worker_strings_lookup (IlvWorkerStrings *self,
                           const char       *text)
{
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, text));

  g_return_val_if_fail (found > 0, 0);

  return found - 1;
}

guint32
ilv_worker_strings_task (IlvWorkerStrings *self,
                         guint             task)
{
  g_return_val_if_fail (task < self->n_tasks, 0);

  return self->task_base + task;
}
