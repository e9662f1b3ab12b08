/* bench-export.c: PNG, SVG and PDF of a 1M-event trace: time and size
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "ilv-export.h"
#include "synthetic-trace.h"

typedef struct
{
  double ms;
  gint64 bytes;
} Result;

static Result
export_one (IlvTrace   *trace,
            const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  IlvRenderOptions options;
  GStatBuf st;
  gint64 before;
  Result r;

  ilv_render_options_init (&options);
  before = g_get_monotonic_time ();
  if (!ilv_export_file (&trace, 1, path, &options, &error))
    g_error ("%s", error->message);
  r.ms = (g_get_monotonic_time () - before) / 1000.0;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  r.bytes = st.st_size;
  g_remove (path);
  printf ("%s of 1M events at 1920x1080: %.0f ms, %" G_GINT64_FORMAT " bytes\n", name, r.ms, r.bytes);
  return r;
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ilv-bench-export-XXXXXX", &error);
  IlvTrace *trace;
  Result png, svg, pdf;

  g_assert_no_error (error);
  trace = synth_uniform (64, 1000000, 10 * SYNTH_MS * 1000, NULL);
  png = export_one (trace, dir, "frame.png");
  svg = export_one (trace, dir, "frame.svg");
  pdf = export_one (trace, dir, "frame.pdf");
  ilv_trace_unref (trace);
  g_rmdir (dir);

  printf ("{\"bench\": \"export\", \"png_ms\": %.0f, \"svg_ms\": %.0f, \"pdf_ms\": %.0f, "
           "\"png_bytes\": %" G_GINT64_FORMAT ", \"svg_bytes\": %" G_GINT64_FORMAT ", \"pdf_bytes\": %" G_GINT64_FORMAT "}\n",
           png.ms, svg.ms, pdf.ms, png.bytes, svg.bytes, pdf.bytes);
  return 0;
}
