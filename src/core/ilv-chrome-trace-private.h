/* ilv-chrome-trace-private.h: what the Chrome trace writer and reader share
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The version of the top-level "interleave" object. A reader refuses
 * files of a newer format rather than misreading them. */
#define ILV_CHROME_TRACE_FORMAT 1
