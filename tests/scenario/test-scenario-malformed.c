/* test-scenario-malformed.c: every file of the malformed corpus is rejected
 *
 * The corpus (malformed/, written by gen-malformed.py) comes with a
 * MANIFEST of "FILE LINE": the error must name the file and that line (or
 * no line when LINE is 0). Inputs too large to commit are made here.
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "ilv-scenario.h"

#define MIN_CORPUS 200

typedef struct
{
  char  *path;
  guint  line;
} Sample;

static void
sample_free (gpointer data)
{
  Sample *sample = data;

  g_free (sample->path);
  g_free (sample);
}

static void
check_rejected (const char *path,
                guint       line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) s = ilv_scenario_new_from_file (path, NULL, &error);
  g_autofree char *prefix = line > 0 ? g_strdup_printf ("%s:%u: ", path, line)
                                     : g_strdup_printf ("%s: ", path);

  if (s != NULL)
    g_error ("%s was accepted", path);
  g_assert_nonnull (error);
  g_assert_true (error->domain == ILV_SCENARIO_ERROR);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("%s: expected the message to start with \"%s\", got \"%s\"", path, prefix, error->message);
  /* every message says what was expected, or at least what was wrong */
  g_assert_cmpuint (strlen (error->message), >, strlen (prefix) + 10);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_sample (gconstpointer data)
{
  const Sample *sample = data;

  check_rejected (sample->path, sample->line);
}

static GPtrArray *
read_manifest (const char *dir)
{
  g_autofree char *manifest = g_build_filename (dir, "MANIFEST", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *samples = g_ptr_array_new_with_free_func (sample_free);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (manifest, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Sample *sample;

      if (*lines[i] == '\0' || *lines[i] == '#')
        continue;
      fields = g_strsplit (lines[i], " ", 2);
      g_assert_nonnull (fields[1]);
      sample = g_new0 (Sample, 1);
      sample->path = g_build_filename (dir, fields[0], NULL);
      sample->line = (guint) strtoul (fields[1], NULL, 10);
      g_ptr_array_add (samples, sample);
    }
  return samples;
}

/* Every .scenario in the folder is in the manifest, and vice versa. */
static void
test_corpus_complete (gconstpointer data)
{
  GPtrArray *samples = (GPtrArray *) data;
  g_autofree char *dir = g_path_get_dirname (((Sample *) g_ptr_array_index (samples, 0))->path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n_files = 0;
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".scenario"))
      n_files++;
  g_assert_cmpuint (n_files, ==, samples->len);
  g_assert_cmpuint (samples->len, >=, MIN_CORPUS);
  for (guint i = 0; i < samples->len; i++)
    g_assert_true (g_file_test (((Sample *) g_ptr_array_index (samples, i))->path, G_FILE_TEST_IS_REGULAR));
}

static char *
write_temp (const char *name,
            const char *data,
            gsize       length)
{
  g_autofree char *dir = g_dir_make_tmp ("ilv-malformed-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_huge_file (void)
{
  GString *s = g_string_new ("[Scenario]\nName=Huge\n[Workers w]\nProgram=sleep 1ms\n");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) scenario = NULL;

  while (s->len <= 1024 * 1024)
    g_string_append (s, "# padding padding padding padding padding padding padding\n");
  path = write_temp ("huge.scenario", s->str, s->len);
  g_string_free (s, TRUE);

  check_rejected (path, 0);
  scenario = ilv_scenario_new_from_file (path, NULL, &error);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
  remove_temp (path);
}

static void
test_megabyte_program (void)
{
  GString *s = g_string_new ("[Scenario]\nName=Huge\n[Lock l]\n[Workers w]\nProgram=");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) scenario = NULL;

  while (s->len < 1000 * 1000)
    g_string_append (s, "with l { sleep 1ms }; ");
  g_string_append (s, "\n");
  path = write_temp ("program.scenario", s->str, s->len);
  g_string_free (s, TRUE);

  check_rejected (path, 5);
  scenario = ilv_scenario_new_from_file (path, NULL, &error);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
  remove_temp (path);
}

static void
test_not_a_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) s = ilv_scenario_new_from_file ("/", NULL, &error);

  g_assert_null (s);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/: "));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) samples = NULL;
  g_autofree char *dir = NULL;

  g_test_init (&argc, &argv, NULL);

  /* the corpus folder: the first argument, else malformed/ in G_TEST_SRCDIR */
  if (argc > 1)
    dir = g_strdup (argv[1]);
  else
    dir = g_test_build_filename (G_TEST_DIST, "malformed", NULL);
  samples = read_manifest (dir);
  g_test_add_data_func ("/scenario-malformed/complete", samples, test_corpus_complete);
  for (guint i = 0; i < samples->len; i++)
    {
      const Sample *sample = g_ptr_array_index (samples, i);
      g_autofree char *base = g_path_get_basename (sample->path);
      g_autofree char *test_path = g_strdup_printf ("/scenario-malformed/corpus/%s", base);

      g_test_add_data_func (test_path, sample, test_sample);
    }
  g_test_add_func ("/scenario-malformed/huge-file", test_huge_file);
  g_test_add_func ("/scenario-malformed/megabyte-program", test_megabyte_program);
  g_test_add_func ("/scenario-malformed/not-a-file", test_not_a_file);

  return g_test_run ();
}
