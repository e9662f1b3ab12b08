/* ilv-scenario.c: a validated scenario: life cycle, queries, writing back
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ilv-duration.h"
#include "ilv-scenario-private.h"

G_DEFINE_QUARK (ilv-scenario-error-quark, ilv_scenario_error)

void
ilv_scenario_set_error (GError           **error,
                        gint               code,
                        const char        *source,
                        const IlvSection  *section,
                        const IlvEntry    *entry,
                        guint              column,
                        const char        *format,
                        ...)
{
  g_autofree char *display = g_filename_display_name (source);
  g_autoptr(GString) where = g_string_new (display);
  g_autofree char *message = NULL;
  guint line = entry != NULL ? entry->line : section != NULL ? section->line : 0;
  gsize mark;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    g_string_append_printf (where, ":%u", line);
  g_string_append (where, ":");
  mark = where->len;
  if (section != NULL)
    {
      g_autofree char *header = ilv_text_excerpt (section->header);

      g_string_append_printf (where, " [%s]", header);
    }
  if (entry != NULL && *entry->key != '\0')
    {
      g_autofree char *key = ilv_text_excerpt (entry->key);

      g_string_append_printf (where, " %s", key);
    }
  if (column > 0)
    g_string_append_printf (where, _(", column %u"), column);
  if (entry != NULL && entry->from_set)
    g_string_append (where, _(" (from --set)"));
  if (where->len > mark)
    g_string_append (where, ":");

  g_set_error (error, ILV_SCENARIO_ERROR, code, "%s %s", where->str, message);
}

void
ilv_resource_free (IlvResource *resource)
{
  g_free (resource->name);
  g_free (resource);
}

void
ilv_worker_group_free (IlvWorkerGroup *group)
{
  g_free (group->name);
  g_free (group->program_text);
  ilv_program_free (group->program);
  g_free (group);
}

void
ilv_pool_free (IlvPool *pool)
{
  g_free (pool->name);
  g_free (pool->program_text);
  ilv_program_free (pool->program);
  g_free (pool);
}

IlvScenario *
ilv_scenario_new_empty (const char *source)
{
  IlvScenario *self = g_new0 (IlvScenario, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->source = g_strdup (source);
  self->gil = TRUE;
  self->switch_interval_ns = 5 * ILV_NS_PER_MS;
  self->timeout_ns = 60 * ILV_NS_PER_S;
  self->resources = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_resource_free);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_worker_group_free);
  self->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_pool_free);
  return self;
}

IlvScenario *
ilv_scenario_ref (IlvScenario *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ilv_scenario_unref (IlvScenario *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->source);
  g_free (self->name);
  g_free (self->description);
  g_free (self->topic);
  g_ptr_array_unref (self->resources);
  g_ptr_array_unref (self->groups);
  g_ptr_array_unref (self->pools);
  g_free (self);
}

gint
ilv_scenario_find_resource (const IlvScenario *self,
                            const char        *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->resources->len; i++)
    {
      const IlvResource *r = g_ptr_array_index (self->resources, i);

      if (strcmp (r->name, name) == 0)
        return (gint) i;
    }
  return -1;
}

guint
ilv_scenario_count_workers (const IlvScenario *self,
                            IlvWorkerKind      kind)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->groups->len; i++)
    {
      const IlvWorkerGroup *g = g_ptr_array_index (self->groups, i);

      if (g->kind == kind)
        n += g->count;
    }
  for (guint i = 0; i < self->pools->len; i++)
    {
      const IlvPool *p = g_ptr_array_index (self->pools, i);

      if (p->kind == kind)
        n += p->workers;
    }
  return n;
}

static gboolean
resources_equal (const IlvResource *a,
                 const IlvResource *b)
{
  return strcmp (a->name, b->name) == 0 && a->kind == b->kind &&
         a->initial == b->initial && a->capacity == b->capacity &&
         a->bounded == b->bounded && a->locked == b->locked;
}

static gboolean
groups_equal (const IlvWorkerGroup *a,
              const IlvWorkerGroup *b)
{
  return strcmp (a->name, b->name) == 0 && a->kind == b->kind &&
         a->count == b->count && a->daemon == b->daemon &&
         a->start_at_ns == b->start_at_ns && a->terminate_at_ns == b->terminate_at_ns &&
         ilv_program_equal (a->program, b->program);
}

static gboolean
pools_equal (const IlvPool *a,
             const IlvPool *b)
{
  return strcmp (a->name, b->name) == 0 && a->kind == b->kind &&
         a->workers == b->workers && a->tasks == b->tasks &&
         a->chunksize == b->chunksize && ilv_program_equal (a->program, b->program);
}

typedef gboolean (*ItemEqualFunc) (gconstpointer a, gconstpointer b);

static gboolean
arrays_equal (GPtrArray     *a,
              GPtrArray     *b,
              ItemEqualFunc  equal)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

gboolean
ilv_scenario_equal (const IlvScenario *a,
                    const IlvScenario *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         g_strcmp0 (a->topic, b->topic) == 0 &&
         a->gil == b->gil &&
         a->switch_interval_ns == b->switch_interval_ns &&
         a->timeout_ns == b->timeout_ns &&
         arrays_equal (a->resources, b->resources, (ItemEqualFunc) resources_equal) &&
         arrays_equal (a->groups, b->groups, (ItemEqualFunc) groups_equal) &&
         arrays_equal (a->pools, b->pools, (ItemEqualFunc) pools_equal);
}

/* GKeyFile escapes, and \s for white space at either end so it survives. */
static void
append_value (GString    *out,
              const char *key,
              const char *value)
{
  gsize len = strlen (value);

  g_string_append_printf (out, "%s=", key);
  for (gsize i = 0; i < len; i++)
    {
      char c = value[i];

      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == ' ' && (i == 0 || i == len - 1))
        g_string_append (out, "\\s");
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '\n');
}

static void
append_duration (GString    *out,
                 const char *key,
                 gint64      ns)
{
  g_autofree char *text = ilv_duration_format (ns);

  append_value (out, key, text);
}

static void
append_int (GString    *out,
            const char *key,
            gint64      value)
{
  g_string_append_printf (out, "%s=%" G_GINT64_FORMAT "\n", key, value);
}

static void
append_bool (GString    *out,
             const char *key,
             gboolean    value)
{
  g_string_append_printf (out, "%s=%s\n", key, value ? "true" : "false");
}

static void
append_resource (GString           *out,
                 const IlvResource *r)
{
  g_string_append_printf (out, "\n[%s %s]\n", ilv_resource_kind_to_string (r->kind), r->name);
  switch (r->kind)
    {
    case ILV_RESOURCE_SEMAPHORE:
      append_int (out, "Value", r->initial);
      append_bool (out, "Bounded", r->bounded);
      break;
    case ILV_RESOURCE_ARRAY:
      append_int (out, "Length", r->capacity);
      G_GNUC_FALLTHROUGH;
    case ILV_RESOURCE_VALUE:
      append_int (out, "Initial", r->initial);
      append_bool (out, "Lock", r->locked);
      break;
    case ILV_RESOURCE_QUEUE:
    case ILV_RESOURCE_PIPE:
      append_int (out, "Capacity", r->capacity);
      break;
    case ILV_RESOURCE_BARRIER:
      append_int (out, "Parties", r->capacity);
      break;
    case ILV_RESOURCE_LOCK:
    case ILV_RESOURCE_EVENT:
    case ILV_N_RESOURCE_KINDS:
    default:
      break;
    }
}

static void
append_program (GString           *out,
                const IlvScenario *self,
                const IlvProgram  *program)
{
  g_autofree const char **names = g_new0 (const char *, self->resources->len + 1);
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->resources->len; i++)
    names[i] = ((const IlvResource *) g_ptr_array_index (self->resources, i))->name;
  text = ilv_program_to_string (program, names, self->resources->len);
  append_value (out, "Program", text);
}

static void
append_workers (GString           *out,
                const IlvScenario *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      const IlvWorkerGroup *g = g_ptr_array_index (self->groups, i);

      g_string_append_printf (out, "\n[Workers %s]\n", g->name);
      append_value (out, "Kind", ilv_worker_kind_to_string (g->kind));
      append_int (out, "Count", g->count);
      append_program (out, self, g->program);
      append_bool (out, "Daemon", g->daemon);
      append_duration (out, "StartAt", g->start_at_ns);
      if (g->terminate_at_ns >= 0)
        append_duration (out, "TerminateAt", g->terminate_at_ns);
    }
  for (guint i = 0; i < self->pools->len; i++)
    {
      const IlvPool *p = g_ptr_array_index (self->pools, i);

      g_string_append_printf (out, "\n[Pool %s]\n", p->name);
      append_value (out, "Kind", ilv_worker_kind_to_string (p->kind));
      append_int (out, "Workers", p->workers);
      append_int (out, "Tasks", p->tasks);
      append_int (out, "Chunksize", p->chunksize);
      append_program (out, self, p->program);
    }
}

char *
ilv_scenario_to_data (const IlvScenario *self,
                      gsize             *length)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new ("[Scenario]\n");
  append_value (out, "Name", self->name);
  if (self->description != NULL)
    append_value (out, "Description", self->description);
  if (self->topic != NULL)
    append_value (out, "Topic", self->topic);
  append_bool (out, "GIL", self->gil);
  append_duration (out, "SwitchInterval", self->switch_interval_ns);
  append_duration (out, "Timeout", self->timeout_ns);

  for (guint i = 0; i < self->resources->len; i++)
    append_resource (out, g_ptr_array_index (self->resources, i));
  append_workers (out, self);

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
