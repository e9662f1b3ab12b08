/* ilv-test-folder.h: temporary folders for the tests, made and removed
 * with all they hold
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new, empty folder of this user's in the temporary folder, named
 * after `prefix`; asserts it could be made. Free the path with g_free. */
char *ilv_test_folder_new    (const char *prefix);

/* Removes `path` and everything below it. A link is removed, never
 * followed. Whatever cannot be removed stays, without a word. */
void  ilv_test_folder_remove (const char *path);

G_END_DECLS
