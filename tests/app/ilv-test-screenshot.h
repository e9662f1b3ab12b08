/* ilv-test-screenshot.h: the display as the window tests leave it, saved
 * as a picture to look at
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-window.h"

G_BEGIN_DECLS

/* With ILV_SCREENSHOT_DIR set, captures the whole display into
 * `name`.png there (ImageMagick's import) once the window has drawn
 * what it shows; without it, does nothing. */
void ilv_test_screenshot_save (IlvWindow  *window,
                               const char *name);

G_END_DECLS
