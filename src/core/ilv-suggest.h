/* ilv-suggest.h: "did you mean …?" for misspelt names
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The candidate that a word most likely misspells or cuts short: one that
 * starts with it, else the nearest by edit distance if near enough; NULL
 * when none is close. */
const char *ilv_closest_word (const char         *word,
                              const char * const *candidates,
                              guint               n_candidates);

G_END_DECLS
