/* ilv-scenario-edit.c: a scenario with a section added, removed or renamed
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit goes through the scenario's text: the scenario is written with
 * ilv_scenario_to_data(), the text changed, and the result parsed again, so
 * that an edited scenario is checked exactly like a file.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ilv-scenario-edit.h"
#include "ilv-scenario-private.h"

static gboolean
name_is_taken (const IlvScenario *self,
               const char        *name)
{
  for (guint i = 0; i < self->resources->len; i++)
    if (g_str_equal (((const IlvResource *) g_ptr_array_index (self->resources, i))->name, name))
      return TRUE;
  for (guint i = 0; i < self->groups->len; i++)
    if (g_str_equal (((const IlvWorkerGroup *) g_ptr_array_index (self->groups, i))->name, name))
      return TRUE;
  for (guint i = 0; i < self->pools->len; i++)
    if (g_str_equal (((const IlvPool *) g_ptr_array_index (self->pools, i))->name, name))
      return TRUE;
  return FALSE;
}

/**
 * ilv_scenario_unique_name:
 *
 * Returns: (transfer full): a name nothing in the scenario has yet
 */
char *
ilv_scenario_unique_name (const IlvScenario *self,
                          const char        *stem)
{
  char *name;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (stem != NULL, NULL);

  name = g_strdup (stem);
  for (guint n = 2; name_is_taken (self, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s%u", stem, n);
    }
  return name;
}

/* The program as ilv_scenario_to_data() spells it, with the names of the
 * scenario's resources. */
static char *
spell_program (const IlvScenario *scenario,
               const IlvProgram  *program)
{
  g_autofree const char **names = g_new0 (const char *, scenario->resources->len + 1);

  for (guint i = 0; i < scenario->resources->len; i++)
    names[i] = ((const IlvResource *) g_ptr_array_index (scenario->resources, i))->name;
  return ilv_program_to_string (program, names, scenario->resources->len);
}

static void
get_item (const IlvScenario  *scenario,
          gboolean            pools,
          guint               i,
          const char        **name,
          const IlvProgram  **program,
          const char        **text)
{
  if (pools)
    {
      const IlvPool *p = g_ptr_array_index (scenario->pools, i);

      *name = p->name;
      *program = p->program;
      *text = p->program_text;
    }
  else
    {
      const IlvWorkerGroup *g = g_ptr_array_index (scenario->groups, i);

      *name = g->name;
      *program = g->program;
      *text = g->program_text;
    }
}

/* Gives a program of `to` the spelling it has in `from` when it reads the
 * same in both (written out, a program loses its lines and indents). The
 * program in `from` is the one at the same place when `same_places`, else
 * the one of the group or pool of the same name. */
static void
keep_spelling (const IlvScenario  *from,
               const IlvScenario  *to,
               gboolean            pools,
               guint               index,
               gboolean            same_places,
               char              **text)
{
  const char *name, *old_name, *old_text, *unused;
  const IlvProgram *program, *old_program;
  guint n = pools ? from->pools->len : from->groups->len;

  get_item (to, pools, index, &name, &program, &unused);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      get_item (from, pools, i, &old_name, &old_program, &old_text);
      if (same_places ? i != index : !g_str_equal (old_name, name))
        continue;
      before = spell_program (from, old_program);
      after = spell_program (to, program);
      if (g_str_equal (before, after))
        {
          g_free (*text);
          *text = g_strdup (old_text);
        }
      return;
    }
}

/* The scenario's text parsed again; the copy keeps the source's name for
 * its messages, and the programs that did not change keep their spelling. */
static IlvScenario *
parse_text (const IlvScenario  *self,
            const char         *data,
            gboolean            same_places,
            GError            **error)
{
  IlvScenario *parsed = ilv_scenario_new_from_data (data, strlen (data), self->source, NULL, error);

  if (parsed == NULL)
    return NULL;
  g_free (parsed->source);
  parsed->source = g_strdup (self->source);
  for (guint i = 0; i < parsed->groups->len; i++)
    {
      IlvWorkerGroup *g = g_ptr_array_index (parsed->groups, i);

      keep_spelling (self, parsed, FALSE, i, same_places, &g->program_text);
    }
  for (guint i = 0; i < parsed->pools->len; i++)
    {
      IlvPool *p = g_ptr_array_index (parsed->pools, i);

      keep_spelling (self, parsed, TRUE, i, same_places, &p->program_text);
    }
  return parsed;
}

/* Appends `section`, whose "@NAME@" becomes a unique name made of `stem`. */
static IlvScenario *
add_section (const IlvScenario  *self,
             const char         *stem,
             const char         *section,
             char              **name,
             GError            **error)
{
  g_autofree char *unique = ilv_scenario_unique_name (self, stem);
  g_autofree char *data = ilv_scenario_to_data (self, NULL);
  g_autoptr(GString) text = g_string_new (data);
  IlvScenario *result;

  g_string_append_c (text, '\n');
  g_string_append (text, section);
  g_string_replace (text, "@NAME@", unique, 1);

  result = parse_text (self, text->str, FALSE, error);
  if (result != NULL && name != NULL)
    *name = g_steal_pointer (&unique);
  return result;
}

/**
 * ilv_scenario_add_workers:
 * @name: (out) (optional): the new group's name
 *
 * Returns: (transfer full) (nullable): the scenario with one more group
 */
IlvScenario *
ilv_scenario_add_workers (const IlvScenario  *self,
                          char              **name,
                          GError            **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return add_section (self, "workers",
                      "[Workers @NAME@]\nKind=thread\nCount=1\nProgram=compute 10ms\n",
                      name, error);
}

/**
 * ilv_scenario_add_pool:
 * @name: (out) (optional): the new pool's name
 *
 * Returns: (transfer full) (nullable): the scenario with one more pool
 */
IlvScenario *
ilv_scenario_add_pool (const IlvScenario  *self,
                       char              **name,
                       GError            **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return add_section (self, "pool",
                      "[Pool @NAME@]\nKind=thread\nWorkers=2\nTasks=4\nChunksize=1\nProgram=compute 10ms\n",
                      name, error);
}

/* What a new resource of each kind starts with: a stem for its name and
 * the keys after its header. */
static const struct
{
  const char *stem;
  const char *keys;
} resource_defaults[ILV_N_RESOURCE_KINDS] = {
  [ILV_RESOURCE_LOCK] = { "lock", "" },
  [ILV_RESOURCE_SEMAPHORE] = { "semaphore", "Value=1\n" },
  [ILV_RESOURCE_VALUE] = { "value", "Initial=0\n" },
  [ILV_RESOURCE_ARRAY] = { "array", "Length=4\nInitial=0\n" },
  [ILV_RESOURCE_QUEUE] = { "queue", "Capacity=0\n" },
  [ILV_RESOURCE_EVENT] = { "event", "" },
  [ILV_RESOURCE_BARRIER] = { "barrier", "Parties=2\n" },
  [ILV_RESOURCE_PIPE] = { "pipe", "Capacity=1\n" },
};

/**
 * ilv_scenario_add_resource:
 * @name: (out) (optional): the new resource's name
 *
 * Returns: (transfer full) (nullable): the scenario with one more resource
 */
IlvScenario *
ilv_scenario_add_resource (const IlvScenario  *self,
                           IlvResourceKind     kind,
                           char              **name,
                           GError            **error)
{
  g_autofree char *section = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind < ILV_N_RESOURCE_KINDS, NULL);

  section = g_strdup_printf ("[%s @NAME@]\n%s", ilv_resource_kind_to_string (kind),
                             resource_defaults[kind].keys);
  return add_section (self, resource_defaults[kind].stem, section, name, error);
}

/* Where the section `header` starts in `data` (its leading newline), or NULL. */
static const char *
find_header (const char *data,
             const char *header)
{
  g_autofree char *line = g_strdup_printf ("\n[%s]\n", header);

  return strstr (data, line);
}

static gboolean
no_such_section (const IlvScenario  *self,
                 const char         *header,
                 GError            **error)
{
  g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID,
               _("%s: there is no section [%s]"), self->source, header);
  return FALSE;
}

/**
 * ilv_scenario_remove_section:
 *
 * Returns: (transfer full) (nullable): the scenario without the section
 * `header`; NULL with the parser's error when what is left does not parse
 * (a program still uses the resource, no workers are left)
 */
IlvScenario *
ilv_scenario_remove_section (const IlvScenario  *self,
                             const char         *header,
                             GError            **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GString) text = NULL;
  const char *start;
  const char *end;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (header != NULL, NULL);

  /* Values are written with their newlines escaped, so "\n[" only ever
   * starts a section. */
  data = ilv_scenario_to_data (self, NULL);
  start = find_header (data, header);
  if (start == NULL || g_str_equal (header, "Scenario"))
    {
      no_such_section (self, header, error);
      return NULL;
    }
  end = strstr (start + 1, "\n[");
  if (end == NULL)
    end = data + strlen (data);

  text = g_string_new_len (data, start - data);
  g_string_append (text, end);
  return parse_text (self, text->str, FALSE, error);
}

/* The name field of whatever the section `header` holds in `copy`. */
static char **
find_name (IlvScenario *copy,
           const char  *header)
{
  for (guint i = 0; i < copy->resources->len; i++)
    {
      IlvResource *r = g_ptr_array_index (copy->resources, i);
      g_autofree char *h = g_strdup_printf ("%s %s", ilv_resource_kind_to_string (r->kind), r->name);

      if (g_str_equal (h, header))
        return &r->name;
    }
  for (guint i = 0; i < copy->groups->len; i++)
    {
      IlvWorkerGroup *g = g_ptr_array_index (copy->groups, i);
      g_autofree char *h = g_strconcat ("Workers ", g->name, NULL);

      if (g_str_equal (h, header))
        return &g->name;
    }
  for (guint i = 0; i < copy->pools->len; i++)
    {
      IlvPool *p = g_ptr_array_index (copy->pools, i);
      g_autofree char *h = g_strconcat ("Pool ", p->name, NULL);

      if (g_str_equal (h, header))
        return &p->name;
    }
  return NULL;
}

/**
 * ilv_scenario_rename_section:
 *
 * Returns: (transfer full) (nullable): the scenario with the section
 * renamed; NULL when `name` is not a name or is taken
 */
IlvScenario *
ilv_scenario_rename_section (const IlvScenario  *self,
                             const char         *header,
                             const char         *name,
                             GError            **error)
{
  g_autofree char *data = NULL;
  g_autofree char *renamed = NULL;
  g_autoptr(IlvScenario) copy = NULL;
  char **slot;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (header != NULL && name != NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL) || !ilv_scenario_is_name (name))
    {
      g_autofree char *shown = g_utf8_make_valid (name, -1);

      g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID,
                   _("“%s” is not a name; expected letters, digits and _, not starting with a digit"),
                   shown);
      return NULL;
    }

  /* A copy to rename in: programs refer to resources by their place, so
   * writing the copy out spells every use with the new name. */
  data = ilv_scenario_to_data (self, NULL);
  copy = parse_text (self, data, TRUE, error);
  if (copy == NULL)
    return NULL;
  slot = find_name (copy, header);
  if (slot == NULL)
    {
      no_such_section (self, header, error);
      return NULL;
    }
  if (g_str_equal (*slot, name))
    return g_steal_pointer (&copy);
  if (name_is_taken (copy, name))
    {
      g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID,
                   _("the name %s is already used; expected a unique name"), name);
      return NULL;
    }

  g_free (*slot);
  *slot = g_strdup (name);
  renamed = ilv_scenario_to_data (copy, NULL);
  return parse_text (self, renamed, TRUE, error);
}

static gboolean
steps_use (const IlvStep *steps,
           guint          n_steps,
           gint           index)
{
  for (guint i = 0; i < n_steps; i++)
    if (steps[i].resource == index || steps_use (steps[i].body, steps[i].n_body, index))
      return TRUE;
  return FALSE;
}

const char *
ilv_scenario_resource_user (const IlvScenario *self,
                            guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->groups->len; i++)
    {
      const IlvWorkerGroup *g = g_ptr_array_index (self->groups, i);

      if (steps_use (g->program->steps, g->program->n_steps, (gint) index))
        return g->name;
    }
  for (guint i = 0; i < self->pools->len; i++)
    {
      const IlvPool *p = g_ptr_array_index (self->pools, i);

      if (steps_use (p->program->steps, p->program->n_steps, (gint) index))
        return p->name;
    }
  return NULL;
}
