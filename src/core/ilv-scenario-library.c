/* ilv-scenario-library.c: the built-in scenarios compiled into the GResource
 *
 * The scenarios are RESOURCE_PREFIX/scenarios/ID.scenario; the file
 * "course-order" next to them lists the ids in course order (one a line,
 * # comments). Built-ins missing from it come last, by id.
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ilv-program-parser.h"
#include "ilv-suggest.h"
#include "ilv-scenario-library.h"

#define SCENARIO_DIR RESOURCE_PREFIX "/scenarios/"
#define SCENARIO_SUFFIX ".scenario"
#define ORDER_FILE "course-order"

void
ilv_scenario_info_free (IlvScenarioInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->id);
  g_free (info->name);
  g_free (info->summary);
  g_free (info->topic);
  g_free (info);
}

static gboolean
is_valid_id (const char *id)
{
  if (*id == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_'))
      return FALSE;
  return TRUE;
}

/* All built-in ids, unordered. */
static GPtrArray *
list_ids (void)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) children = g_resources_enumerate_children (SCENARIO_DIR,
                                                           G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                           NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    if (g_str_has_suffix (children[i], SCENARIO_SUFFIX))
      g_ptr_array_add (ids, g_strndup (children[i],
                                       strlen (children[i]) - strlen (SCENARIO_SUFFIX)));
  return ids;
}

static GHashTable *
read_order (void)
{
  GHashTable *rank = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (SCENARIO_DIR ORDER_FILE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (bytes == NULL)
    return rank;
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0' && *line != '#' && !g_hash_table_contains (rank, line))
        g_hash_table_insert (rank, g_strdup (line), GUINT_TO_POINTER (++n));
    }
  return rank;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const char *ia = *(const char * const *) a;
  const char *ib = *(const char * const *) b;
  GHashTable *rank = user_data;
  guint ra = GPOINTER_TO_UINT (g_hash_table_lookup (rank, ia));
  guint rb = GPOINTER_TO_UINT (g_hash_table_lookup (rank, ib));

  if (ra == 0)
    ra = G_MAXUINT;
  if (rb == 0)
    rb = G_MAXUINT;
  if (ra != rb)
    return ra < rb ? -1 : 1;
  return strcmp (ia, ib);
}

static char *
first_sentence (const char *text)
{
  const char *end;

  if (text == NULL)
    return g_strdup ("");
  end = strstr (text, ". ");
  if (end == NULL)
    return g_strstrip (g_strdup (text));
  return g_strstrip (g_strndup (text, end - text + 1));
}

static IlvScenarioInfo *
info_new (const char        *id,
          const IlvScenario *scenario)
{
  IlvScenarioInfo *info = g_new0 (IlvScenarioInfo, 1);

  info->id = g_strdup (id);
  info->name = g_strdup (scenario->name);
  info->summary = first_sentence (scenario->description);
  info->topic = g_strdup (scenario->topic);
  return info;
}

/* Stable grouping: topics in the order they first appear. */
static GPtrArray *
group_by_topic (GPtrArray *infos)
{
  GPtrArray *grouped = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_scenario_info_free);
  g_autofree gboolean *taken = g_new0 (gboolean, infos->len + 1);

  for (guint i = 0; i < infos->len; i++)
    {
      const IlvScenarioInfo *first = g_ptr_array_index (infos, i);

      if (taken[i])
        continue;
      for (guint j = i; j < infos->len; j++)
        {
          IlvScenarioInfo *info = g_ptr_array_index (infos, j);

          if (!taken[j] && g_strcmp0 (info->topic, first->topic) == 0)
            {
              taken[j] = TRUE;
              g_ptr_array_add (grouped, info);
            }
        }
    }
  g_ptr_array_set_free_func (infos, NULL);
  return grouped;
}

/**
 * ilv_scenario_library_list:
 *
 * Returns: (transfer full): the built-ins in course order, grouped by topic.
 */
GPtrArray *
ilv_scenario_library_list (void)
{
  g_autoptr(GPtrArray) ids = list_ids ();
  g_autoptr(GHashTable) rank = read_order ();
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_scenario_info_free);

  g_ptr_array_sort_with_data (ids, compare_ids, rank);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(IlvScenario) scenario = ilv_scenario_library_load (id, NULL, &error);

      if (scenario == NULL)
        {
          g_warning ("Built-in scenario %s does not load: %s", id, error->message);
          continue;
        }
      g_ptr_array_add (infos, info_new (id, scenario));
    }
  return group_by_topic (infos);
}

static gboolean
no_such_scenario (const char  *what,
                  GError     **error)
{
  g_autoptr(GPtrArray) ids = list_ids ();
  g_autofree char *display = g_filename_display_name (what);
  const char *near = ilv_closest_word (display, (const char * const *) ids->pdata, ids->len);

  if (near != NULL)
    g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_IO,
                 _("%s: no such file and no built-in scenario of that name; did you mean \"%s\"? `interleave --list` lists the built-ins"),
                 display, near);
  else
    g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_IO,
                 _("%s: no such file and no built-in scenario of that name; `interleave --list` lists the built-ins"),
                 display);
  return FALSE;
}

IlvScenario *
ilv_scenario_library_load (const char         *id,
                           const char * const *overrides,
                           GError            **error)
{
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (id != NULL, NULL);

  if (is_valid_id (id))
    {
      path = g_strconcat (SCENARIO_DIR, id, SCENARIO_SUFFIX, NULL);
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    }
  if (bytes == NULL)
    {
      no_such_scenario (id, error);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  source = g_strconcat ("builtin:", id, NULL);
  return ilv_scenario_new_from_data (data, size, source, overrides, error);
}

IlvScenario *
ilv_scenario_load (const char         *path_or_id,
                   const char * const *overrides,
                   GError            **error)
{
  g_return_val_if_fail (path_or_id != NULL, NULL);

  if (g_file_test (path_or_id, G_FILE_TEST_EXISTS))
    return ilv_scenario_new_from_file (path_or_id, overrides, error);
  return ilv_scenario_library_load (path_or_id, overrides, error);
}
