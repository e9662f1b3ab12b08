/* ilv-chrome-trace.h: a trace as Chrome Trace Event JSON, and back
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-trace.h"

G_BEGIN_DECLS

/* The JSON object format ({"traceEvents": [...], ...}) that Perfetto and
 * chrome://tracing open: states as complete ("X") slices, lock holds as
 * async slices, counters as "C" events, flows with ids, process and thread
 * names as metadata; times in µs from the run's start. Interleave's own
 * details ride in "args" and a top-level "interleave" object, so that a run
 * saved this way reads back whole. */
GString  *ilv_chrome_trace_write (IlvTrace    *trace);
gboolean  ilv_chrome_trace_save  (IlvTrace    *trace,
                                  const char  *path,
                                  GError     **error);
/* Reads a run that Interleave saved (the "interleave" object, format 1,
 * comes first so that a cut file keeps it). A file from elsewhere gives a
 * clear error (G_IO_ERROR_INVALID_DATA; a newer format:
 * G_IO_ERROR_NOT_SUPPORTED). A file cut short among its events gives what
 * could be read, stopped with ILV_STOP_ERROR and a message saying so; cut
 * before that, an error. Never a crash, whatever the bytes. */
IlvTrace *ilv_chrome_trace_load  (const char  *data,
                                  gsize        length,
                                  GError     **error);

G_END_DECLS
