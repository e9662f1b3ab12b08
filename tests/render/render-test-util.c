/* render-test-util.c: drawing to image surfaces and reading pixels back
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "render-test-util.h"

cairo_surface_t *
render_to_image (IlvTrace * const       *traces,
                 guint                   n_traces,
                 const IlvRenderOptions *options,
                 double                  device_scale,
                 IlvTimelineLayout     **layout_out)
{
  int w = (int) ceil (options->width * device_scale);
  int h = (int) ceil (options->height * device_scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  IlvTimelineLayout *layout = ilv_timeline_layout_new (traces, n_traces, options);
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, device_scale, device_scale);
  cr = cairo_create (surface);
  ilv_timeline_layout_draw (layout, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (layout_out != NULL)
    *layout_out = layout;
  else
    ilv_timeline_layout_free (layout);
  return surface;
}

static guint32
device_pixel (cairo_surface_t *surface,
              int              dx,
              int              dy)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpint (dx, >=, 0);
  g_assert_cmpint (dy, >=, 0);
  g_assert_cmpint (dx, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (dy, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (gconstpointer) (data + dy * stride + dx * 4) & 0xffffff;
}

guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  double sx, sy;

  cairo_surface_get_device_scale (surface, &sx, &sy);
  return device_pixel (surface, (int) floor (x * sx), (int) floor (y * sy));
}

guint
count_color (cairo_surface_t *surface,
             const IlvRect   *rect,
             guint32          rgb)
{
  double sx, sy;
  guint n = 0;
  int x0, x1, y0, y1;

  cairo_surface_get_device_scale (surface, &sx, &sy);
  x0 = (int) floor (rect->x * sx);
  x1 = MIN ((int) ceil ((rect->x + rect->width) * sx), cairo_image_surface_get_width (surface));
  y0 = (int) floor (rect->y * sy);
  y1 = MIN ((int) ceil ((rect->y + rect->height) * sy), cairo_image_surface_get_height (surface));
  for (int y = MAX (0, y0); y < y1; y++)
    for (int x = MAX (0, x0); x < x1; x++)
      n += device_pixel (surface, x, y) == rgb;
  return n;
}

void
maybe_snapshot (cairo_surface_t *surface,
                const char      *name)
{
  const char *dir = g_getenv ("ILV_RENDER_SNAPSHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
}
