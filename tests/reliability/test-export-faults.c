/* test-export-faults.c: every export format against every write fault
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Formats: png, svg, pdf, json. Faults: a full disk (RLIMIT_FSIZE: writes
 * past the limit fail with EFBIG, the same path as ENOSPC), a read-only
 * folder (an immutable folder where the file system allows it, else /sys,
 * which refuses even root), a missing folder, a parent that is a regular
 * file, and a name longer than NAME_MAX. Each runs through
 * ilv_export_file() and, when the app is built, through
 * `interleave run … --export` (exit status 3). Every time: the error is
 * reported once, naming the file once and giving the system's reason, an
 * old file keeps its contents, the folder holds exactly what it held
 * before (no temporary file).
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <linux/fs.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ilv-export.h"
#include "ilv-reliability-util.h"

#define OLD_CONTENTS "the old file, which must survive"
/* Smaller than any export, larger than the old file and than the run's
 * shared memory (a memfd, which the limit binds too). */
#define FSIZE_LIMIT 4096

static const char *formats[] = { "png", "svg", "pdf", "json" };

static const char *scenario_text =
  "[Scenario]\nName=Export faults\nGIL=true\n"
  "[Lock l]\n"
  "[Workers w]\nKind=thread\nCount=2\nProgram=repeat 10 { with l { compute 1ms }; sleep 1ms }\n";

typedef enum
{
  VIA_API,
  VIA_CLI,
} Via;

static IlvTrace *the_trace;
static char *scenario_path;

static IlvTrace *
get_trace (void)
{
  if (the_trace == NULL)
    {
      g_autoptr(IlvScenario) scenario = ilv_test_parse (scenario_text);
      g_autoptr(GError) error = NULL;

      the_trace = ilv_run_scenario_sync (scenario, &error);
      g_assert_no_error (error);
    }
  return the_trace;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The folder's entries, sorted, as one string. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

static void
ignore_sigxfsz (void)
{
  struct rlimit limit;

  /* Ignored, not handled: the disposition survives exec. */
  signal (SIGXFSZ, SIG_IGN);
  getrlimit (RLIMIT_FSIZE, &limit);
  limit.rlim_cur = FSIZE_LIMIT;
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
child_setup_disk_full (gpointer user_data)
{
  ignore_sigxfsz ();
}

/* `interleave run SCENARIO --export target`; returns its stderr. */
static char *
export_cli (const char *target,
            gboolean    disk_full)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *err = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  /* The system's reasons in the words g_strerror() gives this process. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (disk_full)
    g_subprocess_launcher_set_child_setup (launcher, child_setup_disk_full, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ILV_INTERLEAVE"),
                                         "run", scenario_path, "--export", target,
                                         "--width", "800", "--height", "400", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (g_subprocess_get_exit_status (process) != 3)
    g_printerr ("%s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 3);
  return err;
}

/* ilv_export_file() to target; returns the error message. */
static char *
export_api (const char *target,
            gboolean    disk_full)
{
  IlvTrace *trace = get_trace ();
  g_autoptr(GError) error = NULL;
  IlvRenderOptions options;
  struct rlimit saved;
  gboolean ok;

  ilv_render_options_init (&options);
  options.width = 800;
  options.height = 400;
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  if (disk_full)
    ignore_sigxfsz ();
  ok = ilv_export_file (&trace, 1, target, &options, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_false (ok);
  g_assert_error (error, ILV_EXPORT_ERROR, ILV_EXPORT_ERROR_WRITE);
  return g_strdup (error->message);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + strlen (needle), needle))
    n++;
  return n;
}

/* Says what failed once, and why: "Could not write “target”: " then the
 * system's reason for `reason` (or for `other_reason`, when not 0). */
static void
check_message (const char *message,
               const char *target,
               int         reason,
               int         other_reason)
{
  g_autofree char *quoted = g_strdup_printf ("“%s”", target);

  g_assert_true (g_str_has_prefix (message, "Could not write “"));
  g_assert_cmpuint (count_occurrences (message, "Could not"), ==, 1);
  g_assert_cmpuint (count_occurrences (message, target), ==, 1);
  g_assert_nonnull (strstr (message, quoted));
  g_assert_true (strstr (message, g_strerror (reason)) != NULL ||
                 (other_reason != 0 && strstr (message, g_strerror (other_reason)) != NULL));
}

/* Exports to `target` in `dir`, which must fail for `reason` (or
 * `other_reason`) and change nothing. */
static void
check_fault (const char *label,
             const char *dir,
             const char *target,
             gboolean    has_old,
             gboolean    disk_full,
             int         reason,
             int         other_reason,
             Via         via)
{
  g_autofree char *before = NULL, *after = NULL, *message = NULL, *contents = NULL;

  if (has_old && !g_file_test (target, G_FILE_TEST_EXISTS))
    g_assert_true (g_file_set_contents (target, OLD_CONTENTS, -1, NULL));
  before = list_dir (dir);
  message = via == VIA_API ? export_api (target, disk_full) : export_cli (target, disk_full);
  g_strchomp (message);
  ilv_rel_message ("%s, %s: %s", label, via == VIA_API ? "api" : "cli", message);
  check_message (message, target, reason, other_reason);
  after = list_dir (dir);
  g_assert_cmpstr (after, ==, before);
  if (has_old)
    {
      g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, OLD_CONTENTS);
    }
}

static gboolean
via_available (Via via)
{
  return via == VIA_API || g_getenv ("ILV_INTERLEAVE") != NULL;
}

/* The faults a plain temporary folder can stage, every format. */
static void
run_plain_faults (Via via)
{
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *long_base = g_strnfill (300, 'n');

  if (!via_available (via))
    {
      g_test_skip ("the app is not built (-Dgui=disabled)");
      return;
    }
  dir = g_dir_make_tmp ("ilv-export-faults-XXXXXX", NULL);
  g_assert_nonnull (dir);
  file = g_build_filename (dir, "plain", NULL);
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *old = g_strdup_printf ("%s/old.%s", dir, formats[i]);
      g_autofree char *missing = g_strdup_printf ("%s/missing/run.%s", dir, formats[i]);
      g_autofree char *not_dir = g_strdup_printf ("%s/run.%s", file, formats[i]);
      g_autofree char *long_name = g_strdup_printf ("%s/%s.%s", dir, long_base, formats[i]);
      g_autofree char *label = NULL;

      label = g_strdup_printf ("%s disk full", formats[i]);
      check_fault (label, dir, old, TRUE, TRUE, EFBIG, ENOSPC, via);
      g_clear_pointer (&label, g_free);
      label = g_strdup_printf ("%s missing folder", formats[i]);
      check_fault (label, dir, missing, FALSE, FALSE, ENOENT, 0, via);
      g_clear_pointer (&label, g_free);
      label = g_strdup_printf ("%s parent is a file", formats[i]);
      check_fault (label, dir, not_dir, FALSE, FALSE, ENOTDIR, 0, via);
      g_clear_pointer (&label, g_free);
      label = g_strdup_printf ("%s name over NAME_MAX", formats[i]);
      check_fault (label, dir, long_name, FALSE, FALSE, ENAMETOOLONG, 0, via);
      g_assert_cmpint (g_unlink (old), ==, 0);
    }
  g_assert_cmpint (g_unlink (file), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_plain_api (void)
{
  run_plain_faults (VIA_API);
}

static void
test_plain_cli (void)
{
  run_plain_faults (VIA_CLI);
}

/* An immutable folder refuses new entries and renames even to root. */
static gboolean
set_immutable (const char *path,
               gboolean    immutable)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int flags = 0;
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0;
  if (ok)
    {
      flags = immutable ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
      ok = ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
  close (fd);
  return ok;
}

static char *
read_only_dir (pid_t owner)
{
  g_autofree char *base = g_strdup_printf ("ilv-export-read-only-%d", (int) owner);

  return g_build_filename (g_get_tmp_dir (), base, NULL);
}

static void
check_read_only (const char *dir,
                 gboolean    has_old,
                 Via         via)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *target = g_strdup_printf ("%s/old.%s", dir, formats[i]);
      g_autofree char *label = g_strdup_printf ("%s read-only folder %s", formats[i], dir);

      /* Immutable: EPERM; /sys refuses with EACCES. */
      check_fault (label, dir, target, has_old, FALSE, EPERM, EACCES, via);
    }
}

/* The folder is made immutable by the parent, which takes it back whatever
 * happens in the subprocess that exports into it. */
static void
run_read_only (Via via)
{
  g_autofree char *dir = NULL;
  gboolean immutable;

  if (g_test_subprocess ())
    {
      dir = read_only_dir (getppid ());
      check_read_only (dir, TRUE, via);
      return;
    }
  if (!via_available (via))
    {
      g_test_skip ("the app is not built (-Dgui=disabled)");
      return;
    }
  dir = read_only_dir (getpid ());
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *old = g_strdup_printf ("%s/old.%s", dir, formats[i]);

      g_assert_true (g_file_set_contents (old, OLD_CONTENTS, -1, NULL));
    }
  immutable = set_immutable (dir, TRUE);
  if (immutable)
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                       G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_assert_true (set_immutable (dir, FALSE));
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *old = g_strdup_printf ("%s/old.%s", dir, formats[i]);

      g_assert_cmpint (g_unlink (old), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  if (immutable)
    g_test_trap_assert_passed ();
  else  /* No immutable folders here (not root, or the file system) */
    check_read_only ("/sys", FALSE, via);
}

static void
test_read_only_api (void)
{
  run_read_only (VIA_API);
}

static void
test_read_only_cli (void)
{
  run_read_only (VIA_CLI);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);

  tmp = g_dir_make_tmp ("ilv-export-scenario-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  scenario_path = g_build_filename (tmp, "faults.scenario", NULL);
  g_assert_true (g_file_set_contents (scenario_path, scenario_text, -1, NULL));

  g_test_add_func ("/reliability/export/plain-faults/api", test_plain_api);
  g_test_add_func ("/reliability/export/plain-faults/cli", test_plain_cli);
  g_test_add_func ("/reliability/export/read-only/api", test_read_only_api);
  g_test_add_func ("/reliability/export/read-only/cli", test_read_only_cli);

  status = g_test_run ();
  g_unlink (scenario_path);
  g_rmdir (tmp);
  g_clear_pointer (&scenario_path, g_free);
  g_clear_pointer (&the_trace, ilv_trace_unref);
  return status;
}
