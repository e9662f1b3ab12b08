/* ilv-session-index.c: the list of the window's runs kept for next time
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ilv-session-index.h"

#define GROUP "Session"

IlvSessionIndex *
ilv_session_index_new (void)
{
  IlvSessionIndex *self = g_new0 (IlvSessionIndex, 1);

  self->runs = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
ilv_session_index_free (IlvSessionIndex *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->runs);
  g_free (self->scenario_id);
  g_free (self->scenario_path);
  g_free (self);
}

gboolean
ilv_session_index_is_run_name (const char *name)
{
  gsize length;

  if (name == NULL || !g_str_has_prefix (name, "run-") || !g_str_has_suffix (name, ".json"))
    return FALSE;

  length = strlen (name);
  if (length <= strlen ("run-.json") || length > 64)
    return FALSE;
  for (gsize i = strlen ("run-"); i < length - strlen (".json"); i++)
    if (!g_ascii_isdigit (name[i]) && name[i] != '-')
      return FALSE;
  return TRUE;
}

/**
 * ilv_session_index_to_data:
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the index as a key file
 */
char *
ilv_session_index_to_data (IlvSessionIndex *self,
                           gsize           *length)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  g_return_val_if_fail (self != NULL, NULL);

  g_key_file_set_integer (key_file, GROUP, "Version", ILV_SESSION_INDEX_VERSION);
  g_key_file_set_string_list (key_file, GROUP, "Runs",
                              (const char * const *) self->runs->pdata, self->runs->len);
  g_key_file_set_integer (key_file, GROUP, "Kept", (int) MIN (self->n_kept, self->runs->len));
  if (self->scenario_id != NULL)
    g_key_file_set_string (key_file, GROUP, "Scenario", self->scenario_id);
  else if (self->scenario_path != NULL)
    g_key_file_set_string (key_file, GROUP, "ScenarioFile", self->scenario_path);

  return g_key_file_to_data (key_file, length, NULL);
}

static char *
string_or_null (GKeyFile   *key_file,
                const char *key)
{
  g_autofree char *value = g_key_file_get_string (key_file, GROUP, key, NULL);

  if (value == NULL || value[0] == '\0' || !g_utf8_validate (value, -1, NULL))
    return NULL;
  return g_steal_pointer (&value);
}

IlvSessionIndex *
ilv_session_index_parse (const char  *data,
                         gsize        length,
                         guint        max_runs,
                         GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(IlvSessionIndex) self = NULL;
  g_auto(GStrv) runs = NULL;
  gsize n_runs = 0;
  gsize first = 0;
  gint version;
  gint kept;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!g_key_file_load_from_data (key_file, data != NULL ? data : "", length, G_KEY_FILE_NONE, error))
    return NULL;

  version = g_key_file_get_integer (key_file, GROUP, "Version", error);
  if (version <= 0 && error != NULL && *error != NULL)
    return NULL;
  if (version != ILV_SESSION_INDEX_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The saved runs are of format %d; this version reads format %d"),
                   version, ILV_SESSION_INDEX_VERSION);
      return NULL;
    }

  self = ilv_session_index_new ();
  runs = g_key_file_get_string_list (key_file, GROUP, "Runs", &n_runs, NULL);
  kept = g_key_file_get_integer (key_file, GROUP, "Kept", NULL);
  kept = CLAMP (kept, 0, (gint) n_runs);
  if (max_runs > 0 && n_runs > max_runs)
    first = n_runs - max_runs;

  for (gsize i = 0; i < n_runs; i++)
    {
      gboolean usable = i >= first && ilv_session_index_is_run_name (runs[i]);

      if (usable)
        {
          g_ptr_array_add (self->runs, g_strdup (runs[i]));
          if ((gint) i < kept)
            self->n_kept++;
        }
    }

  self->scenario_id = string_or_null (key_file, "Scenario");
  if (self->scenario_id == NULL)
    self->scenario_path = string_or_null (key_file, "ScenarioFile");

  return g_steal_pointer (&self);
}
