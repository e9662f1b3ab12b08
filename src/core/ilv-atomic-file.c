/* ilv-atomic-file.c: write a file so that a failure never harms the old one
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ilv-atomic-file.h"

/* NAME_MAX is 255 almost everywhere. */
#define MAX_TMP_BASE 200

struct _IlvAtomicFile
{
  char *path;
  char *tmp_path;
  int   fd;
};

/* The one message of every failure: which file, and why, in the system's
 * words; where those are cryptic for the folder a file goes in, a hint
 * follows them. The path is named once, the folder not again. */
static void
set_error (GError    **error,
           const char *path,
           int         saved_errno)
{
  const char *reason = g_strerror (saved_errno);
  g_autofree char *shown = g_filename_display_name (path);
  g_autofree char *hinted = NULL;

  switch (saved_errno)
    {
    case ENOENT:
      hinted = g_strdup_printf (_("%s (its folder does not exist)"), reason);
      break;
    case ENOTDIR:
      hinted = g_strdup_printf (_("%s (a part of the path is a file, not a folder)"), reason);
      break;
    case EACCES:
    case EPERM:
      hinted = g_strdup_printf (_("%s (no permission to write in its folder)"), reason);
      break;
    default:
      break;
    }
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), shown, hinted != NULL ? hinted : reason);
}

/* A name the folder cannot hold fails now, not at the final rename after
 * all the work (the temporary name is cut short, so it would fit). */
static gboolean
name_fits (const char *dir,
           const char *base)
{
  long name_max = pathconf (dir, _PC_NAME_MAX);

  return name_max <= 0 || strlen (base) <= (gsize) name_max;
}

/**
 * ilv_atomic_file_begin:
 * @path: the file to write
 *
 * Returns: (transfer full) (nullable): a temporary file beside @path
 */
IlvAtomicFile *
ilv_atomic_file_begin (const char  *path,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  IlvAtomicFile *self;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  if (*path == '\0' || g_str_has_suffix (path, G_DIR_SEPARATOR_S) || g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("Could not write “%s”: that is a folder, not a file name"), shown);
      return NULL;
    }
  if (!name_fits (dir, base))
    {
      set_error (error, path, ENAMETOOLONG);
      return NULL;
    }
  /* The temporary name adds 8 bytes to the file's: a long name is cut so
   * that any name the file system takes can be saved. */
  tmp = g_strdup_printf ("%s%s.%.*s.XXXXXX", dir, G_DIR_SEPARATOR_S,
                         (int) MIN (strlen (base), MAX_TMP_BASE), base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_error (error, path, errno);
      return NULL;
    }
  /* A replaced file keeps its permissions. */
  if (g_stat (path, &st) == 0)
    fchmod (fd, st.st_mode & 07777);
  self = g_new0 (IlvAtomicFile, 1);
  self->path = g_strdup (path);
  self->tmp_path = g_steal_pointer (&tmp);
  self->fd = fd;
  return self;
}

const char *
ilv_atomic_file_get_tmp_path (IlvAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tmp_path;
}

int
ilv_atomic_file_get_fd (IlvAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->fd;
}

static void
atomic_file_free (IlvAtomicFile *self)
{
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->path);
  g_free (self->tmp_path);
  g_free (self);
}

void
ilv_atomic_file_abort (IlvAtomicFile *self)
{
  if (self == NULL)
    return;
  g_unlink (self->tmp_path);
  atomic_file_free (self);
}

static gboolean
fail (IlvAtomicFile  *self,
      GError        **error,
      int             saved_errno)
{
  set_error (error, self->path, saved_errno);
  ilv_atomic_file_abort (self);
  return FALSE;
}

gboolean
ilv_atomic_file_commit (IlvAtomicFile  *self,
                        GError        **error)
{
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (fsync (self->fd) != 0)
    return fail (self, error, errno);
  fd = self->fd;
  self->fd = -1;
  if (close (fd) != 0)
    return fail (self, error, errno);
  if (g_rename (self->tmp_path, self->path) != 0)
    return fail (self, error, errno);
  atomic_file_free (self);
  return TRUE;
}

/* Writes everything, retrying short writes and interruptions. */
static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved_errno)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          *saved_errno = n < 0 ? errno : ENOSPC;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/**
 * ilv_atomic_file_write:
 *
 * Writes all of @data to the temporary file. On failure (a full disk,
 * say) the error names it; the caller then aborts.
 */
gboolean
ilv_atomic_file_write (IlvAtomicFile  *self,
                       const char     *data,
                       gsize           length,
                       GError        **error)
{
  int saved_errno = 0;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (write_all (self->fd, data, length, &saved_errno))
    return TRUE;
  set_error (error, self->path, saved_errno);
  return FALSE;
}

gboolean
ilv_atomic_file_set_contents (const char  *path,
                              const char  *data,
                              gsize        length,
                              GError     **error)
{
  IlvAtomicFile *self;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  self = ilv_atomic_file_begin (path, error);
  if (self == NULL)
    return FALSE;
  if (!ilv_atomic_file_write (self, data, length, error))
    {
      ilv_atomic_file_abort (self);
      return FALSE;
    }
  return ilv_atomic_file_commit (self, error);
}
