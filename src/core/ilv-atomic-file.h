/* ilv-atomic-file.h: write a file so that a failure never harms the old one
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IlvAtomicFile IlvAtomicFile;

/* Creates a temporary file beside `path` (same directory, so rename is
 * atomic). Every failure of this file's functions is one G_FILE_ERROR
 * message: "Could not write “path”: " and the reason (the folder missing
 * or read-only, the name too long, the disk full). */
IlvAtomicFile *ilv_atomic_file_begin    (const char     *path,
                                         GError        **error);
const char    *ilv_atomic_file_get_tmp_path (IlvAtomicFile *self);
int            ilv_atomic_file_get_fd   (IlvAtomicFile  *self);
/* Writes all of data; on failure (a full disk) the error says so and the
 * caller aborts. */
gboolean       ilv_atomic_file_write    (IlvAtomicFile  *self,
                                         const char     *data,
                                         gsize           length,
                                         GError        **error);
/* fsyncs, closes and renames over `path`. On failure the temporary file is
 * removed and the old file is untouched. Frees self either way. */
gboolean       ilv_atomic_file_commit   (IlvAtomicFile  *self,
                                         GError        **error);
/* Removes the temporary file. Frees self. */
void           ilv_atomic_file_abort    (IlvAtomicFile  *self);
/* Convenience: the whole contents at once. */
gboolean       ilv_atomic_file_set_contents (const char *path,
                                         const char     *data,
                                         gsize           length,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvAtomicFile, ilv_atomic_file_abort)

G_END_DECLS
