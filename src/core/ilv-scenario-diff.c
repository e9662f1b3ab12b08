/* ilv-scenario-diff.c: what an edited scenario changed, in a few words
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ilv-program-hold.h"
#include "ilv-scenario-diff.h"

/* Both scenarios are compared in their canonical written form, so that
 * "Count=02" and "Count=2", or a default left out and written in, are
 * the same. */
static GKeyFile *
canonical_key_file (const IlvScenario *scenario)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length = 0;

  data = ilv_scenario_to_data (scenario, &length);
  if (!g_key_file_load_from_data (file, data, length, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_steal_pointer (&file);
}

static gboolean
is_notes_key (const char *group,
              const char *key)
{
  return g_str_equal (group, "Scenario") &&
         (g_str_equal (key, "Name") || g_str_equal (key, "Description") || g_str_equal (key, "Topic"));
}

/* "Workers increase" → "increase: "; the [Scenario] section has no
 * prefix. Without a key, `value` says the change by itself. */
static void
append_change (GString    *out,
               const char *group,
               const char *key,
               const char *value)
{
  const char *space = strchr (group, ' ');

  if (out->len > 0)
    g_string_append (out, "; ");
  if (!g_str_equal (group, "Scenario"))
    g_string_append_printf (out, "%s: ", space != NULL ? space + 1 : group);
  if (key != NULL)
    g_string_append_printf (out, "%s=", key);
  g_string_append (out, value != NULL ? value : "");
}

/* A program that only took or let go of a lock around itself is said so:
 * "with db_lock { … }" or "without db_lock", not the whole text again. */
static char *
describe_hold_change (const char *before,
                      const char *after)
{
  g_autofree char *held_before = ilv_program_text_get_hold (before);
  g_autofree char *held_after = ilv_program_text_get_hold (after);
  g_autofree char *body_before = ilv_program_text_set_hold (before, NULL);
  g_autofree char *body_after = ilv_program_text_set_hold (after, NULL);

  if (g_strcmp0 (held_before, held_after) == 0 ||
      g_strcmp0 (g_strstrip (body_before), g_strstrip (body_after)) != 0)
    return NULL;
  if (held_after != NULL)
    return g_strdup_printf ("with %s { … }", held_after);
  /* TRANSLATORS: a program that no longer holds the lock %s around itself */
  return g_strdup_printf (_("without %s"), held_before);
}

static void
append_section (GString *out,
                char    *text)
{
  if (out->len > 0)
    g_string_append (out, "; ");
  g_string_append (out, text);
  g_free (text);
}

static void
compare_group (GString    *out,
               GKeyFile   *original,
               GKeyFile   *edited,
               const char *group)
{
  g_auto(GStrv) keys = g_key_file_get_keys (edited, group, NULL, NULL);

  for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
    {
      g_autofree char *now = g_key_file_get_string (edited, group, keys[k], NULL);
      g_autofree char *before = g_key_file_get_string (original, group, keys[k], NULL);

      g_autofree char *hold = NULL;

      if (is_notes_key (group, keys[k]) || g_strcmp0 (now, before) == 0)
        continue;
      if (g_str_equal (keys[k], "Program") && before != NULL && now != NULL &&
          (hold = describe_hold_change (before, now)) != NULL)
        append_change (out, group, NULL, hold);
      else
        append_change (out, group, keys[k], now);
    }
}

char *
ilv_scenario_describe_changes (const IlvScenario *original,
                               const IlvScenario *edited)
{
  g_autoptr(GKeyFile) before = NULL;
  g_autoptr(GKeyFile) after = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) groups = NULL;
  g_auto(GStrv) old_groups = NULL;

  g_return_val_if_fail (original != NULL, NULL);
  g_return_val_if_fail (edited != NULL, NULL);

  before = canonical_key_file (original);
  after = canonical_key_file (edited);
  if (before == NULL || after == NULL)
    return NULL;

  groups = g_key_file_get_groups (after, NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      if (!g_key_file_has_group (before, groups[g]))
        /* TRANSLATORS: %s is a scenario section, such as "Lock db_lock" */
        append_section (out, g_strdup_printf (_("added %s"), groups[g]));
      else
        compare_group (out, before, after, groups[g]);
    }

  old_groups = g_key_file_get_groups (before, NULL);
  for (guint g = 0; old_groups[g] != NULL; g++)
    if (!g_key_file_has_group (after, old_groups[g]))
      /* TRANSLATORS: %s is a scenario section, such as "Workers increase" */
      append_section (out, g_strdup_printf (_("removed %s"), old_groups[g]));

  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
