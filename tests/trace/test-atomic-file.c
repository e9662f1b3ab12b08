/* test-atomic-file.c: a failed save names what failed, keeps the old file
 * and leaves no temporary file behind
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ilv-atomic-file.h"

typedef struct
{
  char *dir;
  char *path;   /* dir/out.json, holding "old" */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ilv-atomic-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "out.json", NULL);
  g_assert_true (g_file_set_contents (f->path, "old", -1, &error));
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  chmod (f->dir, 0700);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.json", NULL);
  g_autofree char *almost = g_strnfill (250, 'y');
  g_autofree char *almost_too_long = g_build_filename (f->dir, almost, NULL);
  struct stat st;

  g_assert_cmpint (chmod (f->path, 0640), ==, 0);
  g_assert_true (ilv_atomic_file_set_contents (f->path, "new contents", 12, &error));
  g_assert_no_error (error);
  assert_contents (f->path, "new contents");
  g_assert_cmpint (stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);   /* permissions kept */

  g_assert_true (ilv_atomic_file_set_contents (fresh, "", 0, &error));
  assert_contents (fresh, "");
  /* A name that only just fits still saves. */
  g_assert_true (ilv_atomic_file_set_contents (almost_too_long, "long", 4, &error));
  g_assert_no_error (error);
  assert_contents (almost_too_long, "long");
  g_assert_cmpuint (count_entries (f->dir), ==, 3);
}

/* One message: the file, named once, and why. */
static void
assert_message (const char *message,
                const char *path,
                const char *words)
{
  g_autofree char *head = g_strdup_printf ("Could not write “%s”: ", path);
  const char *again = strstr (message, path);

  g_test_message ("%s", message);
  g_assert_true (g_str_has_prefix (message, head));
  g_assert_null (strstr (again + strlen (path), path));
  g_assert_nonnull (strstr (message + strlen (head), words));
}

static void
assert_fails (Fixture    *f,
              const char *path,
              gint        code,
              const char *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ilv_atomic_file_set_contents (path, "new", 3, &error));
  g_assert_error (error, G_FILE_ERROR, code);
  assert_message (error->message, path, words);
  assert_contents (f->path, "old");
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
}

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "nope", "out.json", NULL);
  g_autofree char *under_file = g_build_filename (f->path, "out.json", NULL);
  g_autofree char *long_name = g_strnfill (300, 'x');
  g_autofree char *too_long = g_build_filename (f->dir, long_name, NULL);

  assert_fails (f, missing, G_FILE_ERROR_NOENT, g_strerror (ENOENT));
  assert_fails (f, missing, G_FILE_ERROR_NOENT, "its folder does not exist");
  assert_fails (f, under_file, G_FILE_ERROR_NOTDIR, g_strerror (ENOTDIR));
  assert_fails (f, under_file, G_FILE_ERROR_NOTDIR, "not a folder");
  /* Refused before anything is written, in the words of the system. */
  assert_fails (f, too_long, G_FILE_ERROR_NAMETOOLONG, g_strerror (ENAMETOOLONG));
  assert_fails (f, f->dir, G_FILE_ERROR_ISDIR, "folder");
  /* A name that is not UTF-8 is shown as text a label can take. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *odd = g_build_filename (f->dir, "n\xff\xfe", "out.json", NULL);

    g_assert_false (ilv_atomic_file_set_contents (odd, "x", 1, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
    g_assert_true (g_str_has_prefix (error->message, "Could not write “"));
  }
  /* Nothing may be created in /proc, even by root. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ilv_atomic_file_set_contents ("/proc/interleave-test.json", "x", 1, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "/proc"));
  }
}

static void
test_read_only_dir (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *inside = g_build_filename (f->dir, "out.json", NULL);

  if (geteuid () == 0)
    {
      g_test_skip ("running as root, who may write in a read-only folder");
      return;
    }
  g_assert_cmpint (chmod (f->dir, 0500), ==, 0);
  assert_fails (f, inside, G_FILE_ERROR_ACCES, g_strerror (EACCES));
  assert_fails (f, inside, G_FILE_ERROR_ACCES, "no permission");
}

/* A full disk: writes to /dev/full fail with ENOSPC. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  IlvAtomicFile *file = ilv_atomic_file_begin (f->path, &error);
  g_autofree char *tmp = NULL;
  int full = open ("/dev/full", O_WRONLY | O_CLOEXEC);

  g_assert_no_error (error);
  if (full < 0)
    {
      ilv_atomic_file_abort (file);
      g_test_skip ("/dev/full is not available");
      return;
    }
  tmp = g_strdup (ilv_atomic_file_get_tmp_path (file));
  g_assert_true (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_assert_true (g_str_has_prefix (tmp, f->dir));
  g_assert_cmpint (fcntl (ilv_atomic_file_get_fd (file), F_GETFD), &, FD_CLOEXEC);
  g_assert_cmpint (dup2 (full, ilv_atomic_file_get_fd (file)), >=, 0);
  close (full);

  g_assert_false (ilv_atomic_file_write (file, "new", 3, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  assert_message (error->message, f->path, g_strerror (ENOSPC));
  ilv_atomic_file_abort (file);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  assert_contents (f->path, "old");
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
}

/* Written piece by piece, then committed; abort leaves nothing. */
static void
test_begin_commit_abort (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  IlvAtomicFile *file = ilv_atomic_file_begin (f->path, &error);

  g_assert_no_error (error);
  g_assert_true (ilv_atomic_file_write (file, "one ", 4, &error));
  g_assert_true (ilv_atomic_file_write (file, "two", 3, &error));
  assert_contents (f->path, "old");   /* not yet */
  g_assert_true (ilv_atomic_file_commit (file, &error));
  g_assert_no_error (error);
  assert_contents (f->path, "one two");

  file = ilv_atomic_file_begin (f->path, &error);
  g_assert_true (ilv_atomic_file_write (file, "three", 5, &error));
  ilv_atomic_file_abort (file);
  assert_contents (f->path, "one two");
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/atomic-file/replace", Fixture, NULL, fixture_set_up, test_replace, fixture_tear_down);
  g_test_add ("/atomic-file/failures", Fixture, NULL, fixture_set_up, test_failures, fixture_tear_down);
  g_test_add ("/atomic-file/read-only-dir", Fixture, NULL, fixture_set_up, test_read_only_dir, fixture_tear_down);
  g_test_add ("/atomic-file/disk-full", Fixture, NULL, fixture_set_up, test_disk_full, fixture_tear_down);
  g_test_add ("/atomic-file/begin-commit-abort", Fixture, NULL, fixture_set_up, test_begin_commit_abort, fixture_tear_down);

  return g_test_run ();
}
