/* test-export.c: PNG, SVG, PDF and JSON files, and failures that harm nothing
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "ilv-export.h"
#include "synthetic-trace.h"

typedef struct
{
  char     *dir;
  IlvTrace *trace;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ilv-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->trace = synth_race ();
}

static void
remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_remove (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  ilv_trace_unref (f->trace);
}

static guint
count_entries (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

static char *
export (Fixture    *f,
        const char *name,
        GError    **error)
{
  char *path = g_build_filename (f->dir, name, NULL);
  IlvRenderOptions options;

  ilv_render_options_init (&options);
  options.width = 1200;
  options.height = 700;
  if (!ilv_export_file (&f->trace, 1, path, &options, error))
    g_clear_pointer (&path, g_free);
  return path;
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export (f, "race.png", &error);
  g_autofree char *contents = NULL;
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize length;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 33);
  g_assert_cmpmem (contents, 8, signature, 8);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 ((const guint8 *) contents + 16), ==, 1200);
  g_assert_cmpuint (read_be32 ((const guint8 *) contents + 20), ==, 700);
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
}

/* Runs a checking tool; FALSE when it is not installed. */
static gboolean
run_tool (const char * const *argv,
          const char         *tool)
{
  g_autofree char *found = g_find_program_in_path (tool);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (found == NULL)
    return FALSE;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", tool, err);
  return TRUE;
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export (f, "race.svg", &error);
  g_autofree char *contents = NULL;
  const char *argv[] = { "xmllint", "--noout", NULL, NULL };

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"1200px\""));
  argv[2] = path;
  if (!run_tool (argv, "xmllint"))
    g_test_skip ("xmllint is not installed: the SVG was not parsed as XML");
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export (f, "race.pdf", &error);
  g_autofree char *contents = NULL;
  g_autofree char *prefix = g_build_filename (f->dir, "page", NULL);
  g_autofree char *page = g_build_filename (f->dir, "page-1.png", NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", "24", NULL, NULL, NULL };

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  argv[4] = path;
  argv[5] = prefix;
  if (!run_tool (argv, "pdftoppm"))
    {
      g_test_skip ("pdftoppm is not installed: the PDF was not opened");
      return;
    }
  g_assert_true (g_file_test (page, G_FILE_TEST_IS_REGULAR));
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export (f, "race.json", &error);
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "traceEvents"));
}

static void
test_unknown_format (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export (f, "race.bmp", &error);

  g_assert_null (path);
  g_assert_error (error, ILV_EXPORT_ERROR, ILV_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, ".png"));
  g_assert_nonnull (strstr (error->message, ".pdf"));
  g_assert_cmpuint (count_entries (f->dir), ==, 0);
}

static void
check_write_fails (Fixture    *f,
                   const char *name,
                   guint       entries)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export (f, name, &error);

  g_assert_null (path);
  g_assert_error (error, ILV_EXPORT_ERROR, ILV_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_cmpuint (count_entries (f->dir), ==, entries);
}

static void
test_write_failures (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "taken.png", NULL);
  g_autofree char *file = g_build_filename (f->dir, "plain", NULL);

  check_write_fails (f, "missing/race.png", 0);

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  check_write_fails (f, "taken.png", 1);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (dir), ==, 0);

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  check_write_fails (f, "plain/race.svg", 2);
}

/* A write that fails half way (the file-size limit stands in for a full
 * disk): the old file keeps its contents and no temporary file is left. */
static void
test_failed_write_keeps_old (Fixture       *f,
                             gconstpointer  data)
{
  static const char *names[] = { "old.png", "old.svg", "old.pdf" };
  struct rlimit saved, small;

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *old = g_build_filename (f->dir, names[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_set_contents (old, "the old file", -1, NULL));
      small = saved;
      small.rlim_cur = 2048;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
      check_write_fails (f, names[i], i + 1);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      g_assert_true (g_file_get_contents (old, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "the old file");
    }
}

static void
test_comparison_export (Fixture       *f,
                        gconstpointer  data)
{
  IlvTrace *traces[2] = { f->trace, NULL };
  g_autofree char *path = g_build_filename (f->dir, "both.png", NULL);
  g_autoptr(GError) error = NULL;
  IlvRenderOptions options;

  traces[1] = synth_gil_threads ();
  ilv_render_options_init (&options);
  g_assert_true (ilv_export_file (traces, 2, path, &options, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  ilv_trace_unref (traces[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/render/export/png", test_png);
  ADD ("/render/export/svg", test_svg);
  ADD ("/render/export/pdf", test_pdf);
  ADD ("/render/export/json", test_json);
  ADD ("/render/export/unknown-format", test_unknown_format);
  ADD ("/render/export/write-failures", test_write_failures);
  ADD ("/render/export/failed-write-keeps-old", test_failed_write_keeps_old);
  ADD ("/render/export/comparison", test_comparison_export);
#undef ADD

  return g_test_run ();
}
