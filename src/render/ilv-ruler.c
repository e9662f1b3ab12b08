/* ilv-ruler.c: the time axis: 1-2-5 ticks, their labels and the grid
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ilv-render-private.h"

#define MIN_TICK_SPACING 110.0   /* px at scale 1 */

typedef struct
{
  gint64      ns;
  const char *suffix;
} Unit;

static const Unit units[] = {
  { G_GINT64_CONSTANT (1000000000), "s" },
  { 1000000, "ms" },
  { 1000, "µs" },
  { 1, "ns" },
};

gint64
ilv_ruler_nice_step (gint64 min_step_ns)
{
  gint64 p = 1;

  if (min_step_ns <= 1)
    return 1;
  while (p <= G_MAXINT64 / 10 && p * 10 <= min_step_ns)
    p *= 10;
  if (p >= min_step_ns)
    return p;
  if (2 * p >= min_step_ns)
    return 2 * p;
  if (5 * p >= min_step_ns)
    return 5 * p;
  return 10 * p;
}

static const Unit *
pick_unit (gint64 step,
           gint64 range_end)
{
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      /* The largest unit whose labels reach 1 and need at most 3 decimals. */
      if (range_end >= units[i].ns && step * 1000 >= units[i].ns)
        return &units[i];
    }
  return &units[G_N_ELEMENTS (units) - 1];
}

char *
ilv_ruler_format_tick (gint64 t,
                       gint64 step,
                       gint64 range_end)
{
  const Unit *unit = pick_unit (step, MAX (range_end, step));
  gint64 scaled = step;
  int decimals = 0;

  while (decimals < 3 && scaled % unit->ns != 0)
    {
      scaled *= 10;
      decimals++;
    }
  return g_strdup_printf ("%.*f %s", decimals, (double) t / (double) unit->ns, unit->suffix);
}

typedef struct
{
  gint64 step;
  gint64 first;
} Ticks;

static Ticks
compute_ticks (IlvDrawContext *ctx)
{
  IlvTimelineLayout *layout = ctx->layout;
  double width = MAX (1, layout->plot_area.width);
  double min_ns = (double) (layout->t1 - layout->t0) * MIN_TICK_SPACING * ctx->scale / width;
  Ticks ticks;

  ticks.step = ilv_ruler_nice_step ((gint64) ceil (min_ns));
  ticks.first = layout->t0 >= 0 ? (layout->t0 + ticks.step - 1) / ticks.step * ticks.step
                                : layout->t0 / ticks.step * ticks.step;
  return ticks;
}

/* A tick's x, snapped to the middle of a device pixel for a crisp line. */
static double
tick_x (IlvDrawContext *ctx,
        gint64          t)
{
  double x = ilv_timeline_layout_time_to_x (ctx->layout, t);

  return (floor (x * ctx->device_scale) + 0.5) / ctx->device_scale;
}

void
ilv_draw_grid (IlvDrawContext *ctx)
{
  IlvTimelineLayout *layout = ctx->layout;
  Ticks ticks = compute_ticks (ctx);
  cairo_t *cr = ctx->cr;

  if (layout->plot_area.height <= 0)
    return;
  for (gint64 t = ticks.first; t <= layout->t1; t += ticks.step)
    {
      double x = tick_x (ctx, t);

      cairo_move_to (cr, x, layout->plot_area.y);
      cairo_line_to (cr, x, layout->plot_area.y + layout->plot_area.height);
    }
  cairo_set_line_width (cr, 1.0 / ctx->device_scale);
  ilv_palette_set_source (cr, &ctx->palette->grid);
  cairo_stroke (cr);
}

void
ilv_draw_ruler (IlvDrawContext *ctx)
{
  IlvTimelineLayout *layout = ctx->layout;
  const IlvRect *area = &layout->ruler_area;
  PangoLayout *font = ctx->fonts[ILV_FONT_LABEL];
  Ticks ticks = compute_ticks (ctx);
  cairo_t *cr = ctx->cr;
  double tick_len = round (6 * ctx->scale);
  double bottom = area->y + area->height;
  double line = MAX (1.0, round (ctx->scale)) / ctx->device_scale;

  ilv_palette_set_source (cr, &ctx->palette->foreground);
  for (gint64 t = ticks.first; t <= layout->t1; t += ticks.step)
    {
      g_autofree char *label = ilv_ruler_format_tick (t, ticks.step, layout->t1);
      double x = tick_x (ctx, t);
      double w = ilv_text_measure (font, label);
      double lx = CLAMP (x - w / 2, area->x - 40 * ctx->scale, area->x + area->width - w);

      ilv_text_draw_centered_y (cr, font, lx, area->y + (area->height - tick_len) / 2);
    }
  cairo_new_path (cr);
  for (gint64 t = ticks.first; t <= layout->t1; t += ticks.step)
    {
      double x = tick_x (ctx, t);

      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom - tick_len);
    }
  cairo_move_to (cr, area->x, bottom - line / 2);
  cairo_line_to (cr, area->x + area->width, bottom - line / 2);
  cairo_set_line_width (cr, line);
  cairo_stroke (cr);
}
