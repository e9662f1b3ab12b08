/* ilv-scenario-parser.c: scenario text to sections and keys, with lines
 *
 * The format is GKeyFile syntax, read by our own line scanner so that
 * every error names its line, duplicates are caught, and a `#` comment may
 * follow a value. Values take GKeyFile's escapes (\n \t \r \s \\).
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ilv-duration.h"
#include "ilv-program-parser.h"
#include "ilv-suggest.h"
#include "ilv-scenario-private.h"

static const char * const section_words[ILV_N_SECTION_KINDS] = {
  [ILV_SECTION_SCENARIO] = "Scenario",
  [ILV_SECTION_LOCK] = "Lock",
  [ILV_SECTION_SEMAPHORE] = "Semaphore",
  [ILV_SECTION_VALUE] = "Value",
  [ILV_SECTION_ARRAY] = "Array",
  [ILV_SECTION_QUEUE] = "Queue",
  [ILV_SECTION_EVENT] = "Event",
  [ILV_SECTION_BARRIER] = "Barrier",
  [ILV_SECTION_PIPE] = "Pipe",
  [ILV_SECTION_WORKERS] = "Workers",
  [ILV_SECTION_POOL] = "Pool",
};

/* Free text: a '#' in these values is text, not a comment. */
static const char * const free_text_keys[] = { "Name", "Description", "Topic" };

const char *
ilv_section_kind_to_string (IlvSectionKind kind)
{
  g_return_val_if_fail ((guint) kind < ILV_N_SECTION_KINDS, NULL);

  return section_words[kind];
}

static void
entry_free (IlvEntry *entry)
{
  g_free (entry->key);
  g_free (entry->value);
  g_free (entry);
}

static void
section_free (IlvSection *section)
{
  g_free (section->header);
  g_free (section->name);
  g_hash_table_unref (section->keys);
  g_ptr_array_unref (section->entries);
  g_free (section);
}

/* Whether `s` can name a resource or a worker group: letters, digits and
 * _, not starting with a digit. The editor renames by the same rule. */
gboolean
ilv_scenario_is_name (const char *s)
{
  if (!(g_ascii_isalpha (*s) || *s == '_'))
    return FALSE;
  for (s++; *s != '\0'; s++)
    if (!(g_ascii_isalnum (*s) || *s == '_'))
      return FALSE;
  return TRUE;
}

static guint
line_of (const char *data,
         const char *at)
{
  guint line = 1;

  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

/* Empty, too large, NUL bytes, invalid UTF-8: checked before scanning. */
static gboolean
check_raw (const char  *data,
           gsize        length,
           const char  *source,
           GError     **error)
{
  const char *end;
  const char *nul;

  if (length > ILV_MAX_FILE_BYTES)
    {
      ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_LIMIT, source, NULL, NULL, 0,
                              _("the file is larger than 1 MiB; expected at most %d bytes"),
                              ILV_MAX_FILE_BYTES);
      return FALSE;
    }
  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      IlvEntry where = { (char *) "", NULL, line_of (data, nul), FALSE };

      ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_SYNTAX, source, NULL, &where, 0,
                              _("a NUL byte; expected a UTF-8 text file"));
      return FALSE;
    }
  if (!g_utf8_validate (data, length, &end))
    {
      IlvEntry where = { (char *) "", NULL, line_of (data, end), FALSE };

      ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_SYNTAX, source, NULL, &where, 0,
                              _("invalid UTF-8 (byte %zu of the file); expected a UTF-8 text file"),
                              (gsize) (end - data) + 1);
      return FALSE;
    }
  return TRUE;
}

/* GKeyFile's escapes; any other backslash stays as written. */
static char *
unescape (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));

  for (; *s != '\0'; s++)
    {
      char c = s[1];

      if (*s != '\\' || c == '\0')
        {
          g_string_append_c (out, *s);
          continue;
        }
      if (c == 'n' || c == 't' || c == 'r' || c == 's' || c == '\\')
        {
          g_string_append_c (out, c == 'n' ? '\n' : c == 't' ? '\t' :
                                  c == 'r' ? '\r' : c == 's' ? ' ' : '\\');
          s++;
        }
      else
        g_string_append_c (out, *s);
    }
  return g_string_free (out, FALSE);
}

/* A '#' after white space starts a comment that runs to the end of the
 * line (values may hold \n), except inside "quotes". */
static gboolean
strip_comment (char *value)
{
  gboolean quoted = FALSE;
  gboolean stripped = FALSE;
  gsize w = 0;

  for (gsize r = 0; value[r] != '\0'; r++)
    {
      char c = value[r];

      if (c == '#' && !quoted && (r == 0 || value[r - 1] == ' ' || value[r - 1] == '\t'))
        {
          while (value[r + 1] != '\0' && value[r + 1] != '\n')
            r++;
          stripped = TRUE;
          continue;
        }
      value[w++] = c;
      if (c == '\\' && value[r + 1] != '\0')
        value[w++] = value[++r];
      else if (c == '"')
        quoted = !quoted;
      else if (c == '\n')
        quoted = FALSE;
    }
  value[w] = '\0';
  return stripped;
}

static gboolean
key_is_free_text (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (free_text_keys); i++)
    if (g_str_has_prefix (key, free_text_keys[i]) &&
        (key[strlen (free_text_keys[i])] == '\0' || key[strlen (free_text_keys[i])] == '['))
      return TRUE;
  return FALSE;
}

static IlvSection *
find_section (IlvScenarioText *text,
              const char      *header)
{
  return g_hash_table_lookup (text->by_header, header);
}

static IlvEntry *
find_entry (IlvSection *section,
            const char *key)
{
  return g_hash_table_lookup (section->keys, key);
}

static void
add_entry (IlvSection *section,
           IlvEntry   *entry)
{
  g_ptr_array_add (section->entries, entry);
  g_hash_table_insert (section->keys, entry->key, entry);
}

static gboolean
header_error (const char  *source,
              const char  *header,
              guint        line,
              GError     **error,
              const char  *message)
{
  IlvSection where = { (char *) header, 0, NULL, line, NULL };

  ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_SYNTAX, source, &where, NULL, 0,
                          "%s", message);
  return FALSE;
}

static gboolean
parse_header_words (const char     *source,
                    const char     *text,
                    guint           line,
                    IlvSectionKind *kind,
                    char          **name,
                    GError        **error)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *near;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (parts, words[i]);
  if (parts->len == 0)
    return header_error (source, text, line, error,
                         _("empty section header; expected [Scenario] or [Kind name]"));

  for (guint k = 0; k < ILV_N_SECTION_KINDS; k++)
    if (strcmp (g_ptr_array_index (parts, 0), section_words[k]) == 0)
      {
        *kind = (IlvSectionKind) k;
        if (k == ILV_SECTION_SCENARIO && parts->len != 1)
          return header_error (source, text, line, error, _("[Scenario] takes no name; expected [Scenario]"));
        if (k != ILV_SECTION_SCENARIO && parts->len != 2)
          {
            g_autofree char *msg = g_strdup_printf (_("expected one name after %s, such as [%s name]"),
                                                    section_words[k], section_words[k]);
            return header_error (source, text, line, error, msg);
          }
        if (k != ILV_SECTION_SCENARIO && !ilv_scenario_is_name (g_ptr_array_index (parts, 1)))
          {
            g_autofree char *quoted = ilv_quote_excerpt (g_ptr_array_index (parts, 1));
            g_autofree char *msg = g_strdup_printf (_("%s is not a valid name; expected letters, digits and _ (not starting with a digit)"),
                                                    quoted);
            return header_error (source, text, line, error, msg);
          }
        *name = k == ILV_SECTION_SCENARIO ? NULL : g_strdup (g_ptr_array_index (parts, 1));
        return TRUE;
      }

  near = ilv_closest_word (g_ptr_array_index (parts, 0), section_words, ILV_N_SECTION_KINDS);
  {
    g_autofree char *quoted = ilv_quote_excerpt (g_ptr_array_index (parts, 0));
    g_autofree char *msg = near != NULL
      ? g_strdup_printf (_("unknown section %s; did you mean \"%s\"?"), quoted, near)
      : g_strdup_printf (_("unknown section %s; expected Scenario, Lock, Semaphore, Value, Array, Queue, Event, Barrier, Pipe, Workers or Pool"),
                         quoted);
    return header_error (source, text, line, error, msg);
  }
}

static gboolean
is_resource_section (IlvSectionKind kind)
{
  return kind != ILV_SECTION_SCENARIO && kind != ILV_SECTION_WORKERS && kind != ILV_SECTION_POOL;
}

/* Resource names are unique across resources, worker names across
 * [Workers] and [Pool]. */
static gboolean
check_unique (IlvScenarioText *text,
              IlvSection      *section,
              GError         **error)
{
  g_autofree char *msg = NULL;
  g_autofree char *name_key = NULL;
  const IlvSection *s = find_section (text, section->header);

  if (s != NULL)
    msg = g_strdup_printf (_("duplicate section; the first [%s] is at line %u"), s->header, s->line);
  else if (section->name != NULL)
    {
      name_key = g_strconcat (is_resource_section (section->kind) ? "r:" : "w:", section->name, NULL);
      s = g_hash_table_lookup (text->by_name, name_key);
      if (s != NULL)
        msg = g_strdup_printf (_("the name %s is already used by [%s] at line %u; expected a unique name"),
                               s->name, s->header, s->line);
    }
  if (msg != NULL)
    {
      ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_INVALID, text->source, section, NULL, 0,
                              "%s", msg);
      return FALSE;
    }

  g_hash_table_insert (text->by_header, section->header, section);
  if (name_key != NULL)
    g_hash_table_insert (text->by_name, g_steal_pointer (&name_key), section);
  return TRUE;
}

static gboolean
scan_header (IlvScenarioText  *text,
             const char       *line_text,
             guint             line,
             GError          **error)
{
  g_autofree char *inner = NULL;
  g_autoptr(GString) header = NULL;
  IlvSection *section;
  IlvSectionKind kind = ILV_SECTION_SCENARIO;
  char *name = NULL;
  gsize len = strlen (line_text);

  if (line_text[len - 1] != ']')
    return header_error (text->source, line_text + 1, line, error,
                         _("unclosed section header; expected [Kind name]"));
  inner = g_strstrip (g_strndup (line_text + 1, len - 2));
  if (!parse_header_words (text->source, inner, line, &kind, &name, error))
    return FALSE;

  header = g_string_new (section_words[kind]);
  if (name != NULL)
    g_string_append_printf (header, " %s", name);
  section = g_new0 (IlvSection, 1);
  section->header = g_string_free (g_steal_pointer (&header), FALSE);
  section->kind = kind;
  section->name = name;
  section->line = line;
  section->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  section->keys = g_hash_table_new (g_str_hash, g_str_equal);
  if (!check_unique (text, section, error))
    {
      section_free (section);
      return FALSE;
    }
  g_ptr_array_add (text->sections, section);
  return TRUE;
}

static gboolean
scan_entry (IlvScenarioText  *text,
            const char       *line_text,
            guint             line,
            GError          **error)
{
  IlvSection *section;
  IlvEntry *entry;
  IlvEntry *previous;
  const char *eq = strchr (line_text, '=');
  g_autofree char *key = NULL;
  g_autofree char *raw = NULL;

  if (eq == NULL || eq == line_text)
    {
      g_autofree char *quoted = ilv_quote_excerpt (line_text);
      IlvEntry where = { (char *) "", NULL, line, FALSE };

      ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_SYNTAX, text->source, NULL, &where, 0,
                              _("%s is not a key line; expected Key=Value, [Section] or a # comment"),
                              quoted);
      return FALSE;
    }
  key = g_strchomp (g_strndup (line_text, eq - line_text));
  if (text->sections->len == 0)
    {
      IlvEntry where = { key, NULL, line, FALSE };

      ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_SYNTAX, text->source, NULL, &where, 0,
                              _("a key before any section; expected [Scenario] first"));
      return FALSE;
    }
  section = g_ptr_array_index (text->sections, text->sections->len - 1);
  raw = g_strstrip (g_strdup (eq + 1));

  entry = g_new0 (IlvEntry, 1);
  entry->value = unescape (raw);
  if (!key_is_free_text (key) && strip_comment (entry->value))
    g_strchomp (entry->value);
  entry->key = g_steal_pointer (&key);
  entry->line = line;
  previous = find_entry (section, entry->key);
  if (previous != NULL)
    {
      ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_INVALID, text->source, section, entry, 0,
                              _("duplicate key; %s is already set at line %u"),
                              entry->key, previous->line);
      entry_free (entry);
      return FALSE;
    }
  add_entry (section, entry);
  return TRUE;
}

static gboolean
scan_lines (IlvScenarioText  *text,
            const char       *data,
            gsize             length,
            GError          **error)
{
  const char *end = data + length;
  const char *p = data;
  guint line = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl != NULL ? nl : end;
      g_autofree char *line_text = g_strstrip (g_strndup (p, stop - p));

      line++;
      p = stop + 1;
      if (*line_text == '\0' || *line_text == '#')
        continue;
      if (*line_text == '[' && !scan_header (text, line_text, line, error))
        return FALSE;
      if (*line_text != '[' && !scan_entry (text, line_text, line, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
no_such_section (IlvScenarioText  *text,
                 const char       *quoted,
                 const char       *header,
                 GError          **error)
{
  g_autofree const char **headers = g_new0 (const char *, text->sections->len + 1);
  const char *near;

  for (guint i = 0; i < text->sections->len; i++)
    headers[i] = ((const IlvSection *) g_ptr_array_index (text->sections, i))->header;
  near = ilv_closest_word (header, headers, text->sections->len);
  if (near != NULL)
    ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_INVALID, text->source, NULL, NULL, 0,
                            _("--set %s: there is no section [%s]; did you mean \"%s\"?"),
                            quoted, header, near);
  else
    ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_INVALID, text->source, NULL, NULL, 0,
                            _("--set %s: there is no section [%s]; expected the full header text, such as \"Workers increase\""),
                            quoted, header);
  return FALSE;
}

static gboolean
apply_override (IlvScenarioText  *text,
                const char       *override,
                GError          **error)
{
  const char *colon = strchr (override, ':');
  const char *eq = colon != NULL ? strchr (colon, '=') : NULL;
  g_autofree char *header = NULL;
  g_autofree char *key = NULL;
  g_autofree char *quoted = ilv_quote_excerpt (override);
  IlvSection *section;
  IlvEntry *entry;

  if (!g_utf8_validate (override, -1, NULL))
    {
      ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_INVALID, text->source, NULL, NULL, 0,
                              _("--set %s is not valid UTF-8; expected SECTION:KEY=VALUE in UTF-8"),
                              quoted);
      return FALSE;
    }
  if (colon == NULL || eq == NULL)
    {
      ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_INVALID, text->source, NULL, NULL, 0,
                              _("--set %s: expected SECTION:KEY=VALUE, such as \"Scenario:GIL=false\""),
                              quoted);
      return FALSE;
    }
  header = g_strstrip (g_strndup (override, colon - override));
  key = g_strstrip (g_strndup (colon + 1, eq - colon - 1));
  section = find_section (text, header);
  if (section == NULL)
    return no_such_section (text, quoted, header, error);
  entry = find_entry (section, key);
  if (entry == NULL)
    {
      entry = g_new0 (IlvEntry, 1);
      entry->key = g_steal_pointer (&key);
      add_entry (section, entry);
    }
  g_free (entry->value);
  entry->value = g_strstrip (g_strdup (eq + 1));
  entry->line = 0;
  entry->from_set = TRUE;
  return TRUE;
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

IlvScenario *
ilv_scenario_new_from_data (const char         *data,
                            gsize               length,
                            const char         *source,
                            const char * const *overrides,
                            GError            **error)
{
  IlvScenarioText text = { source != NULL ? source : "<scenario>", NULL, NULL, NULL };
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  g_autoptr(GHashTable) by_header = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text.sections = sections;
  text.by_header = by_header;
  text.by_name = by_name;
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!check_raw (data, length, text.source, error))
    return NULL;
  if (is_blank (data, length))
    {
      ilv_scenario_set_error (error, ILV_SCENARIO_ERROR_SYNTAX, text.source, NULL, NULL, 0,
                              _("the file is empty; expected a [Scenario] section and at least one [Workers] or [Pool]"));
      return NULL;
    }
  if (!scan_lines (&text, data, length, error))
    return NULL;
  for (guint i = 0; overrides != NULL && overrides[i] != NULL; i++)
    if (!apply_override (&text, overrides[i], error))
      return NULL;

  return ilv_scenario_build (&text, error);
}

IlvScenario *
ilv_scenario_new_from_file (const char         *path,
                            const char * const *overrides,
                            GError            **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *buffer = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local);
  buffer = g_malloc (ILV_MAX_FILE_BYTES + 1);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, ILV_MAX_FILE_BYTES + 1,
                                &length, NULL, &local))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_IO,
                   _("%s: cannot read the scenario: %s"), display, local->message);
      return NULL;
    }
  return ilv_scenario_new_from_data (buffer, length, path, overrides, error);
}
