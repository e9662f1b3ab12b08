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

static void
set_error (GError    **error,
           int         saved_errno,
           const char *message)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), message);
}

/* Says why the directory cannot take the file, in words for a person. */
static char *
describe_create_error (const char *path,
                       const char *dir,
                       int         saved_errno)
{
  switch (saved_errno)
    {
    case ENOENT:
      return g_strdup_printf (_("Cannot save “%s”: the folder “%s” does not exist"), path, dir);
    case ENOTDIR:
      return g_strdup_printf (_("Cannot save “%s”: “%s” is not a folder"), path, dir);
    case EACCES:
    case EPERM:
      return g_strdup_printf (_("Cannot save “%s”: no permission to write in the folder “%s”"), path, dir);
    case EROFS:
      return g_strdup_printf (_("Cannot save “%s”: the folder “%s” is on a read-only file system"), path, dir);
    case ENAMETOOLONG:
      return g_strdup_printf (_("Cannot save “%s”: the file name is too long"), path);
    case ENOSPC:
    case EDQUOT:
      return g_strdup_printf (_("Cannot save “%s”: the disk is full"), path);
    default:
      return g_strdup_printf (_("Cannot save “%s”: cannot create a file in “%s”: %s"),
                              path, dir, g_strerror (saved_errno));
    }
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
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("Cannot save “%s”: that is a folder, not a file name"), path);
      return NULL;
    }
  /* The temporary name adds 8 bytes to the file's: a long name is cut so
   * that any name the file system takes can be saved. */
  tmp = g_strdup_printf ("%s%s.%.*s.XXXXXX", dir, G_DIR_SEPARATOR_S,
                         (int) MIN (strlen (base), MAX_TMP_BASE), base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *message = describe_create_error (path, dir, saved_errno);

      set_error (error, saved_errno, message);
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

static void
set_write_error (IlvAtomicFile  *self,
                 GError        **error,
                 int             saved_errno,
                 const char     *what)
{
  g_autofree char *message = NULL;

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    message = g_strdup_printf (_("Cannot save “%s”: the disk is full (%s)"), self->path, what);
  else
    message = g_strdup_printf (_("Cannot save “%s”: %s failed: %s"),
                               self->path, what, g_strerror (saved_errno));
  set_error (error, saved_errno, message);
}

static gboolean
fail (IlvAtomicFile  *self,
      GError        **error,
      int             saved_errno,
      const char     *what)
{
  set_write_error (self, error, saved_errno, what);
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
    return fail (self, error, errno, _("writing to the disk"));
  fd = self->fd;
  self->fd = -1;
  if (close (fd) != 0)
    return fail (self, error, errno, _("closing the file"));
  if (g_rename (self->tmp_path, self->path) != 0)
    return fail (self, error, errno, _("replacing the old file"));
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
  set_write_error (self, error, saved_errno, _("writing"));
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
