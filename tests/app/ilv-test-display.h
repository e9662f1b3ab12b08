/* ilv-test-display.h: a private X server, with a window manager if asked,
 * for the tests that move the pointer, press keys and go full screen
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The screen of the private server. */
#define ILV_TEST_DISPLAY_WIDTH  1920
#define ILV_TEST_DISPLAY_HEIGHT 1080

/* Starts Xvfb on a free display number and, with `window_manager`,
 * openbox on it, and points DISPLAY at it, so that the real pointer and
 * keyboard of the test are nobody else's. Call it before gtk_init.
 * Returns FALSE and sets `skip_reason` when a program is missing or
 * does not start. The server and the window manager end with the test
 * program, even when it aborts. */
gboolean ilv_test_display_start (gboolean   window_manager,
                                 char     **skip_reason);
void     ilv_test_display_stop  (void);
/* Runs the tests added, then ends the server; returns g_test_run()'s
 * status, for main() to return. */
int      ilv_test_display_run_tests (void);

G_END_DECLS
