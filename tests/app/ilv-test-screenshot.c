/* ilv-test-screenshot.c: the display as the window tests leave it, saved
 * as a picture to look at
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pictures of the README, and presentation mode as the room sees
 * it, are taken this way by the window tests.
 */

#include "config.h"

#include "ilv-test-screenshot.h"

#include "ilv-app-test.h"

void
ilv_test_screenshot_save (IlvWindow  *window,
                          const char *name)
{
  const char *dir = g_getenv ("ILV_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL)
    return;

  ilv_app_test_wait_frames (window, 15);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  argv[3] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}
