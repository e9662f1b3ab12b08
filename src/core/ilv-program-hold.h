/* ilv-program-hold.h: a program's text held under a lock, or let go of it
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The lock or semaphore that the program `text` holds from its first step
 * to its last (it is wholly "with NAME { … }"), or NULL. */
char *ilv_program_text_get_hold (const char *text);
/* `text` without the lock it wholly holds, then, unless `lock` is NULL,
 * wrapped in "with LOCK { … }". */
char *ilv_program_text_set_hold (const char *text,
                                 const char *lock);

G_END_DECLS
