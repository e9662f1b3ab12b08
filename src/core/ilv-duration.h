/* ilv-duration.h: the numbers of a scenario file, durations and integers
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ILV_NS_PER_US  G_GINT64_CONSTANT (1000)
#define ILV_NS_PER_MS  G_GINT64_CONSTANT (1000000)
#define ILV_NS_PER_S   G_GINT64_CONSTANT (1000000000)

/* Parses "10ms", "1.5 s", "250us", "250µs", "40ns" into nanoseconds and
 * checks min_ns..max_ns. Rejects a missing unit, signs, exponents, NaN and
 * infinities, and overflow. Errors are ILV_SCENARIO_ERROR with a message
 * that has no location yet (the caller prefixes it). */
gboolean  ilv_duration_parse   (const char  *text,
                                gint64       min_ns,
                                gint64       max_ns,
                                gint64      *out_ns,
                                GError     **error);
/* The shortest exact spelling: "5ms", "1500us", "2s", "0ns". */
char     *ilv_duration_format  (gint64       ns);

/* Parses a whole decimal number (an optional '-' then digits, nothing
 * else) and checks min..max. */
gboolean  ilv_integer_parse    (const char  *text,
                                gint64       min,
                                gint64       max,
                                gint64      *out,
                                GError     **error);

/* A short excerpt of user text for messages, made valid UTF-8: abc or
 * abcdef…; ilv_quote_excerpt() puts it in double quotes. */
char     *ilv_text_excerpt     (const char  *text);
char     *ilv_quote_excerpt    (const char  *text);

G_END_DECLS
