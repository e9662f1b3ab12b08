/* test-cli.c: the `interleave` command line, with no display at all
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs the built `interleave` with DISPLAY and WAYLAND_DISPLAY unset. */
static void
run_interleave (Result      *result,
                const char  *first_arg,
                ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("ILV_INTERLEAVE"));
  g_assert_nonnull (args->pdata[0]);
  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

static void
test_version (void)
{
  g_auto(Result) result = { 0 };

  run_interleave (&result, "--version", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "interleave " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Result) result = { 0 };
  g_auto(Result) run_help = { 0 };

  run_interleave (&result, "--help", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "run SCENARIO"));
  g_assert_nonnull (strstr (result.out, "--list"));

  run_interleave (&run_help, "run", "--help", NULL);
  g_assert_cmpint (run_help.status, ==, 0);
  g_assert_nonnull (strstr (run_help.out, "--export"));
  g_assert_nonnull (strstr (run_help.out, "--summary"));
}

static void
test_list (void)
{
  g_auto(Result) result = { 0 };

  run_interleave (&result, "--list", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "race-condition"));
  /* Grouped by topic: a heading, then indented scenarios. */
  g_assert_nonnull (strstr (result.out, "\n  race-condition "));
}

static void
test_run_missing_file (void)
{
  g_auto(Result) result = { 0 };
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "no-such-dir-ilv", "lost.scenario", NULL);

  run_interleave (&result, "run", path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, path));
  g_assert_cmpstr (result.out, ==, "");
}

static void
test_run_bad_options (void)
{
  g_auto(Result) unknown = { 0 };
  g_auto(Result) no_scenario = { 0 };
  g_auto(Result) bad_theme = { 0 };
  g_auto(Result) bad_timeout = { 0 };

  run_interleave (&unknown, "run", "--frobnicate", "race-condition", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "--frobnicate"));

  run_interleave (&no_scenario, "run", NULL);
  g_assert_cmpint (no_scenario.status, ==, 2);

  run_interleave (&bad_theme, "run", "--theme", "sepia", "race-condition", NULL);
  g_assert_cmpint (bad_theme.status, ==, 2);
  g_assert_nonnull (strstr (bad_theme.err, "sepia"));

  run_interleave (&bad_timeout, "run", "--timeout", "soon", "race-condition", NULL);
  g_assert_cmpint (bad_timeout.status, ==, 2);
}

static void
test_run_summary (void)
{
  g_auto(Result) result = { 0 };

  run_interleave (&result, "run", "race-condition", "--summary", "-", NULL);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "{"));
  g_assert_true (g_str_has_suffix (result.out, "}\n"));
  g_assert_nonnull (strstr (result.out, "db_val"));
}

static void
test_run_human_summary (void)
{
  g_auto(Result) result = { 0 };

  run_interleave (&result, "run", "race-condition", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Wall time"));
  /* Two threads read 0 and both write 1: one update is lost. */
  g_assert_nonnull (strstr (result.out, "Lost updates: 1"));
}

static void
test_run_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ilv-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "race.png", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "missing", "race.png", NULL);
  g_autofree char *contents = NULL;
  g_auto(Result) result = { 0 };
  g_auto(Result) failed = { 0 };
  gsize length = 0;

  g_assert_nonnull (dir);
  run_interleave (&result, "run", "race-condition", "--export", png,
                  "--width", "800", "--height", "450", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  run_interleave (&failed, "run", "race-condition", "--export", unwritable, NULL);
  g_assert_cmpint (failed.status, ==, 3);
  g_assert_false (g_file_test (unwritable, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_unlink (png), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/cli/version", test_version);
  g_test_add_func ("/app/cli/help", test_help);
  g_test_add_func ("/app/cli/list", test_list);
  g_test_add_func ("/app/cli/run/missing-file", test_run_missing_file);
  g_test_add_func ("/app/cli/run/bad-options", test_run_bad_options);
  g_test_add_func ("/app/cli/run/summary", test_run_summary);
  g_test_add_func ("/app/cli/run/human-summary", test_run_human_summary);
  g_test_add_func ("/app/cli/run/export", test_run_export);

  return g_test_run ();
}
