/* ilv-export.c: a timeline (or a comparison of runs) to PNG, SVG, PDF or JSON
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "ilv-atomic-file.h"
#include "ilv-chrome-trace.h"
#include "ilv-export.h"
#include "ilv-timeline.h"

#define MAX_SIDE 32767

G_DEFINE_QUARK (ilv-export-error-quark, ilv_export_error)

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
  FORMAT_JSON,
  FORMAT_UNKNOWN,
} Format;

typedef struct
{
  int fd;
  int saved_errno;
} Sink;

static Format
format_from_path (const char *path)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, G_DIR_SEPARATOR);

  if (dot == NULL || (slash != NULL && dot < slash))
    return FORMAT_UNKNOWN;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return FORMAT_PNG;
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return FORMAT_SVG;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return FORMAT_PDF;
  if (g_ascii_strcasecmp (dot, ".json") == 0)
    return FORMAT_JSON;
  return FORMAT_UNKNOWN;
}

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          sink->saved_errno = n < 0 ? errno : EIO;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
draw_into (cairo_surface_t        *surface,
           IlvTrace * const       *traces,
           guint                   n_traces,
           const IlvRenderOptions *options)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  ilv_timeline_draw (cr, traces, n_traces, options);
  status = cairo_status (cr);
  cairo_destroy (cr);
  return status;
}

/* Draws and writes to the sink; the status after finish is what counts
 * (an SVG on a full disk reports success until then). */
static cairo_status_t
render_to_sink (Format                  format,
                Sink                   *sink,
                IlvTrace * const       *traces,
                guint                   n_traces,
                const IlvRenderOptions *options)
{
  int w = (int) ceil (options->width), h = (int) ceil (options->height);
  cairo_surface_t *surface;
  cairo_status_t status;

  if (format == FORMAT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  else if (format == FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (sink_write, sink, options->width, options->height);
  else
    surface = cairo_pdf_surface_create_for_stream (sink_write, sink, options->width, options->height);
  if (format == FORMAT_SVG)
    cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);

  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = draw_into (surface, traces, n_traces, options);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, sink_write, sink);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

/* A file error already says which file and why: it is passed on as the
 * export's, not wrapped in a second "Could not write". */
static void
propagate_write_error (GError **error,
                       GError  *file_error)
{
  g_set_error_literal (error, ILV_EXPORT_ERROR, ILV_EXPORT_ERROR_WRITE, file_error->message);
}

static gboolean
export_image (Format                  format,
              IlvTrace * const       *traces,
              guint                   n_traces,
              const char             *path,
              const IlvRenderOptions *options,
              GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  IlvAtomicFile *file;
  cairo_status_t status;
  Sink sink = { -1, 0 };

  file = ilv_atomic_file_begin (path, &local_error);
  if (file == NULL)
    {
      propagate_write_error (error, local_error);
      return FALSE;
    }
  sink.fd = ilv_atomic_file_get_fd (file);
  status = render_to_sink (format, &sink, traces, n_traces, options);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *shown = g_filename_display_name (path);

      ilv_atomic_file_abort (file);
      g_set_error (error, ILV_EXPORT_ERROR, ILV_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), shown,
                   sink.saved_errno != 0 ? g_strerror (sink.saved_errno) : cairo_status_to_string (status));
      return FALSE;
    }
  if (!ilv_atomic_file_commit (file, &local_error))
    {
      propagate_write_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_size (const char             *path,
            const IlvRenderOptions *options,
            GError                **error)
{
  g_autofree char *shown = NULL;

  if (options->width >= 1 && options->height >= 1 &&
      options->width <= MAX_SIDE && options->height <= MAX_SIDE)
    return TRUE;
  shown = g_filename_display_name (path);
  g_set_error (error, ILV_EXPORT_ERROR, ILV_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: the size %g × %g is not between 1 and %d px"),
               shown, options->width, options->height, MAX_SIDE);
  return FALSE;
}

gboolean
ilv_export_file (IlvTrace * const       *traces,
                 guint                   n_traces,
                 const char             *path,
                 const IlvRenderOptions *options,
                 GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  IlvRenderOptions slide;
  Format format;

  g_return_val_if_fail (traces != NULL && n_traces >= 1 && n_traces <= 4, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = format_from_path (path);
  if (format == FORMAT_UNKNOWN)
    {
      g_set_error (error, ILV_EXPORT_ERROR, ILV_EXPORT_ERROR_FORMAT,
                   _("Cannot export to “%s”: unknown file type (supported: .png, .svg, .pdf, .json)"),
                   path);
      return FALSE;
    }
  if (format == FORMAT_JSON)
    {
      if (ilv_chrome_trace_save (traces[0], path, &local_error))
        return TRUE;
      propagate_write_error (error, local_error);
      return FALSE;
    }
  if (!check_size (path, options, error))
    return FALSE;
  /* A file has a fixed size: its rows fill it. */
  slide = *options;
  slide.fill_height = TRUE;
  return export_image (format, traces, n_traces, path, &slide, error);
}
