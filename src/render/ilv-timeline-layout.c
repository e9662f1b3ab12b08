/* ilv-timeline-layout.c: where everything of a timeline goes
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ilv-render-private.h"

/* Natural sizes at scale 1, in px. */
#define MARGIN          16.0
#define TITLE_GAP        8.0
#define RULER_HEIGHT    30.0
#define TRACE_HEIGHT    34.0
#define TRACE_HEIGHT_2  58.0    /* a run's header in two lines: label, then summary */
#define PROCESS_HEIGHT  28.0
#define LANE_HEIGHT     30.0
#define AUX_LANE_HEIGHT 24.0    /* GIL and core lanes */
#define COUNTER_HEIGHT  40.0
#define VALUE_HEIGHT    48.0
#define MIN_ROW_HEIGHT   3.0
#define MAX_GROWTH       3.0
#define FILL_GROWTH      8.0    /* a slide's rows; their bars stop at ILV_LAYOUT_BAR_GROWTH */
#define LABEL_INDENT    14.0
#define ASYNC_INDENT    16.0
#define BADGE_WIDTH     22.0
#define LABEL_PAD       12.0
/* A GIL or the cores held for less than this in all, or for less than
 * this share of a finished run, draw nothing but hairlines at the scale
 * of the whole run (async tasks, threads that wait for I/O or locks). */
#define MIN_AUX_HELD_NS G_GINT64_CONSTANT (100000)
#define MIN_AUX_SHARE   0.005

typedef struct
{
  IlvTimelineLayout *self;
  double             s;
  PangoLayout       *measure;
} Builder;

static const char *
keep_string (IlvTimelineLayout *self,
             char              *str)
{
  g_ptr_array_add (self->strings, str);
  return str;
}

/* The summary line of a trace, computed again only when it has changed:
 * zooming and panning rebuild the layout, not the statistics. */
static const char *
summary_for (IlvTimelineLayout *self,
             guint              t)
{
  guint64 serial = ilv_trace_get_serial (self->traces[t]);

  if (self->summaries[t] == NULL || self->summary_serials[t] != serial)
    {
      g_free (self->summaries[t]);
      self->summaries[t] = ilv_summary_line_new (self->traces[t]);
      self->summary_serials[t] = serial;
    }
  return self->summaries[t];
}

static void
add_row (Builder    *b,
         IlvRowKind  kind,
         guint       trace,
         guint       index,
         double      height,
         double      indent,
         char       *label)
{
  IlvTimelineRow row = { 0, };

  row.kind = kind;
  row.trace = trace;
  row.index = index;
  row.rect.height = height * b->s;
  row.indent = indent * b->s;
  row.label = keep_string (b->self, label);
  row.label_visible = TRUE;
  g_array_append_val (b->self->rows, row);
}

static gboolean
counter_is_shown (IlvTrace *trace,
                  guint     resource)
{
  const IlvResourceInfo *info = ilv_trace_get_resource (trace, resource);
  IlvCounterColumn col;

  if (ilv_trace_counter_get_n_points (trace, resource) == 0)
    return FALSE;

  switch (info->kind)
    {
    case ILV_RESOURCE_VALUE:
    case ILV_RESOURCE_QUEUE:
    case ILV_RESOURCE_PIPE:
      return TRUE;
    case ILV_RESOURCE_LOCK:
    case ILV_RESOURCE_SEMAPHORE:
      /* A waiters track only for a lock somebody waited for. */
      ilv_trace_counter_sample (trace, resource, ilv_trace_get_start (trace),
                                MAX (ilv_trace_get_end (trace), ilv_trace_get_start (trace)) + 1,
                                1, &col);
      return col.valid && col.max > 0;
    default:
      return FALSE;
    }
}

static char *
counter_label (const IlvResourceInfo *info)
{
  switch (info->kind)
    {
    case ILV_RESOURCE_LOCK:
    case ILV_RESOURCE_SEMAPHORE:
      return g_strdup_printf (_("%s waiters"), info->name);
    case ILV_RESOURCE_QUEUE:
      return g_strdup_printf (_("%s depth"), info->name);
    case ILV_RESOURCE_PIPE:
      return g_strdup_printf (_("%s bytes"), info->name);
    default:
      return g_strdup (info->name);
    }
}

/* How long a GIL or core lane had a holder over the whole run (not just
 * the visible range, so that zooming never adds or drops rows). A GIL
 * held for next to nothing, or core lanes the sampler never filled (an
 * I/O-only run, async tasks only, no /proc), are left out rather than
 * drawn empty. The lane's index has cumulative times: a few steps,
 * however long the run; the time only grows, so a row that appeared in a
 * live run stays. */
static gint64
lane_held_ns (IlvTrace *trace,
              guint     lane)
{
  gint64 start = ilv_trace_get_start (trace);
  gint64 times[ILV_N_STATES];

  ilv_trace_lane_state_times (trace, lane, start, MAX (ilv_trace_get_end (trace), start) + 1, times);
  return times[ILV_STATE_RUNNING];
}

/* Whether a GIL, or the cores, held for `held_ns` deserve their rows. A
 * live run keeps every row it has shown (the time only grows); once it
 * is finished, rows that would be hairlines at its scale are dropped. */
static gboolean
aux_worth_a_row (IlvTrace *trace,
                 gint64    held_ns)
{
  gint64 span = ilv_trace_get_end (trace) - ilv_trace_get_start (trace);

  if (held_ns < MIN_AUX_HELD_NS)
    return FALSE;
  return !ilv_trace_is_finished (trace) || held_ns >= span * MIN_AUX_SHARE;
}

/* The core lanes go together: all of them, or none. */
static gboolean
cores_were_used (IlvTrace *trace)
{
  gint64 held = 0;

  for (guint l = 0; l < ilv_trace_get_n_lanes (trace); l++)
    if (ilv_trace_get_lane (trace, l)->kind == ILV_LANE_CORE)
      held += lane_held_ns (trace, l);
  return aux_worth_a_row (trace, held);
}

static void
add_process_rows (Builder  *b,
                  guint     t,
                  guint     process)
{
  IlvTrace *trace = b->self->traces[t];
  const IlvProcessInfo *info = ilv_trace_get_process (trace, process);
  guint n_lanes = ilv_trace_get_n_lanes (trace);
  char *header;

  if (info->pid > 0)
    header = g_strdup_printf (_("%s  pid %" PRId64), info->name, info->pid);
  else
    header = g_strdup (info->name);
  add_row (b, ILV_ROW_PROCESS, t, process, PROCESS_HEIGHT, BADGE_WIDTH + 8, header);

  for (guint l = 0; l < n_lanes; l++)
    {
      const IlvLaneInfo *lane = ilv_trace_get_lane (trace, l);
      double indent = LABEL_INDENT;

      if (lane->kind != ILV_LANE_WORKER || lane->process != process)
        continue;
      if (lane->worker_kind == ILV_WORKER_ASYNC)
        indent += ASYNC_INDENT;
      add_row (b, ILV_ROW_LANE, t, l, LANE_HEIGHT, indent, g_strdup (lane->name));
    }

  for (guint l = 0; l < n_lanes; l++)
    {
      const IlvLaneInfo *lane = ilv_trace_get_lane (trace, l);

      if (lane->kind == ILV_LANE_GIL && lane->process == process &&
          aux_worth_a_row (trace, lane_held_ns (trace, l)))
        add_row (b, ILV_ROW_LANE, t, l, AUX_LANE_HEIGHT, LABEL_INDENT, g_strdup (_("GIL")));
    }
}

static gboolean
same_titles (IlvTimelineLayout *self)
{
  for (guint t = 1; t < self->n_traces; t++)
    if (g_strcmp0 (ilv_trace_get_title (self->traces[t]), ilv_trace_get_title (self->traces[0])) != 0)
      return FALSE;
  return TRUE;
}

/* A scenario's name, and how it was edited if it was: "Race condition ·
 * GIL=false". */
static char *
title_with_variant (IlvTrace *trace)
{
  const char *title = ilv_trace_get_title (trace) != NULL ? ilv_trace_get_title (trace) : "";
  const char *variant = ilv_trace_get_variant (trace);

  if (variant == NULL)
    return g_strdup (title);
  return g_strdup_printf ("%s  ·  %s", title, variant);
}

/* A run in a comparison: its number, then what tells it apart. Runs of
 * one scenario differ only by their edits, so those stand alone. */
static char *
run_label (IlvTimelineLayout *self,
           guint              t)
{
  IlvTrace *trace = self->traces[t];
  g_autofree char *name = NULL;

  if (same_titles (self) && ilv_trace_get_variant (trace) != NULL)
    name = g_strdup (ilv_trace_get_variant (trace));
  else
    name = title_with_variant (trace);
  return g_strdup_printf ("%u  %s", t + 1, name);
}

/* Whether a run's label (header type) and summary (label type) fit side
 * by side in the width, with room between them: the summary is what the
 * audience compares, so it is never cut; when they do not fit, the
 * header takes two lines. */
static gboolean
header_fits (Builder    *b,
             const char *label,
             const char *detail)
{
  IlvTimelineLayout *self = b->self;
  PangoLayout *header = ilv_text_layout_new (self->pango, ILV_FONT_HEADER, b->s);
  PangoLayout *text = ilv_text_layout_new (self->pango, ILV_FONT_LABEL, b->s);
  double needed = ilv_text_measure (header, label) + ilv_text_measure (text, detail) + 4 * LABEL_PAD * b->s;

  g_object_unref (header);
  g_object_unref (text);
  return needed <= self->options.width - 2 * MARGIN * b->s;
}

static void
add_trace_rows (Builder *b,
                guint    t)
{
  IlvTimelineLayout *self = b->self;
  IlvTrace *trace = self->traces[t];
  guint n_lanes = ilv_trace_get_n_lanes (trace);
  gboolean cores_header = FALSE;
  gboolean cores_used;

  if (self->n_traces > 1)
    {
      char *label = run_label (self, t);
      const char *detail = NULL;
      gboolean wrapped;
      IlvTimelineRow *row;

      /* A run still going on has no summary yet: its numbers would
       * change on every frame, and computing them is not a frame's work. */
      if (self->options.show_summary && ilv_trace_is_finished (trace))
        detail = summary_for (self, t);
      wrapped = detail != NULL && !header_fits (b, label, detail);
      add_row (b, ILV_ROW_TRACE, t, t, wrapped ? TRACE_HEIGHT_2 : TRACE_HEIGHT, 0, label);
      row = &g_array_index (self->rows, IlvTimelineRow, self->rows->len - 1);
      row->detail = detail;
      row->wrapped = wrapped;
    }

  for (guint p = 0; p < ilv_trace_get_n_processes (trace); p++)
    add_process_rows (b, t, p);

  cores_used = cores_were_used (trace);
  for (guint l = 0; l < n_lanes && cores_used; l++)
    {
      const IlvLaneInfo *lane = ilv_trace_get_lane (trace, l);

      if (lane->kind != ILV_LANE_CORE)
        continue;
      if (!cores_header)
        add_row (b, ILV_ROW_CORES, t, 0, PROCESS_HEIGHT, BADGE_WIDTH + 8, g_strdup (_("CPU cores")));
      cores_header = TRUE;
      add_row (b, ILV_ROW_LANE, t, l, AUX_LANE_HEIGHT, LABEL_INDENT, g_strdup (lane->name));
    }

  for (guint r = 0; r < ilv_trace_get_n_resources (trace); r++)
    {
      const IlvResourceInfo *info = ilv_trace_get_resource (trace, r);

      if (counter_is_shown (trace, r))
        add_row (b, ILV_ROW_COUNTER, t, r,
                 info->kind == ILV_RESOURCE_VALUE ? VALUE_HEIGHT : COUNTER_HEIGHT,
                 LABEL_INDENT, counter_label (info));
    }
}

static void
compute_range (IlvTimelineLayout *self)
{
  gint64 longest = 0;

  for (guint t = 0; t < self->n_traces; t++)
    {
      IlvTrace *trace = self->traces[t];

      longest = MAX (longest, ilv_trace_get_end (trace) - ilv_trace_get_start (trace));
    }
  if (longest <= 0)
    longest = 1000000;

  if (self->options.t1 > self->options.t0)
    {
      gint64 start = ilv_trace_get_start (self->traces[0]);

      self->t0 = self->options.t0 - start;
      self->t1 = self->options.t1 - start;
    }
  else
    {
      self->t0 = 0;
      self->t1 = longest;
    }
  /* At least a few ns per pixel column, or columns would be empty. */
  if (self->t1 - self->t0 < (gint64) (4 * self->options.width))
    {
      gint64 mid = self->t0 + (self->t1 - self->t0) / 2;

      self->t0 = mid - (gint64) (2 * self->options.width);
      self->t1 = mid + (gint64) (2 * self->options.width);
    }
}

static void
compute_header (Builder *b)
{
  IlvTimelineLayout *self = b->self;
  IlvTrace *first = self->traces[0];

  if (self->n_traces == 1)
    {
      self->title = title_with_variant (first);
      self->description = g_strdup (ilv_trace_get_description (first) ? ilv_trace_get_description (first) : "");
      if (self->options.show_summary)
        self->summary = g_strdup (summary_for (self, 0));
    }
  else
    {
      self->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Comparison of %u run",
                                                  "Comparison of %u runs", self->n_traces),
                                     self->n_traces);
      self->description = g_strdup ("");
    }
}

static double
header_height (Builder *b)
{
  IlvTimelineLayout *self = b->self;
  double h = 0;

  if (!self->options.show_title)
    {
      self->summary_beside_title = FALSE;
      return self->summary ? ilv_text_line_height (ILV_FONT_SUBTITLE, b->s) + TITLE_GAP * b->s : 0;
    }

  h += ilv_text_line_height (ILV_FONT_TITLE, b->s);
  if (self->description[0] != '\0')
    h += ilv_text_line_height (ILV_FONT_SUBTITLE, b->s);
  if (self->summary != NULL)
    {
      PangoLayout *title = ilv_text_layout_new (self->pango, ILV_FONT_TITLE, b->s);
      double tw = ilv_text_measure (title, self->title);
      double sw = ilv_text_measure (b->measure, self->summary);
      double avail = self->options.width - 2 * MARGIN * b->s;

      self->summary_beside_title = tw + sw + 40 * b->s <= avail;
      if (!self->summary_beside_title)
        h += ilv_text_line_height (ILV_FONT_SUBTITLE, b->s);
      g_object_unref (title);
    }
  return h + TITLE_GAP * b->s;
}

/* A lane or counter label's width, measured once per label and scale: a
 * live run updates the layout on every frame, its labels stay the same,
 * and shaping them again was 7 % of the window's frame. */
static double
label_text_width (Builder     *b,
                  PangoLayout *label,
                  const char  *text)
{
  IlvTimelineLayout *self = b->self;
  double *width;

  if (self->label_widths_scale != b->s || g_hash_table_size (self->label_widths) > 4096)
    {
      g_hash_table_remove_all (self->label_widths);
      self->label_widths_scale = b->s;
    }
  width = g_hash_table_lookup (self->label_widths, text);
  if (width == NULL)
    {
      width = g_new (double, 1);
      *width = ilv_text_measure (label, text);
      g_hash_table_insert (self->label_widths, g_strdup (text), width);
    }
  return *width;
}

static void
compute_label_width (Builder *b)
{
  IlvTimelineLayout *self = b->self;
  PangoLayout *label = ilv_text_layout_new (self->pango, ILV_FONT_LABEL, b->s);
  double widest = 120 * b->s;

  for (guint i = 0; i < self->rows->len; i++)
    {
      IlvTimelineRow *row = &g_array_index (self->rows, IlvTimelineRow, i);

      if (row->kind == ILV_ROW_LANE || row->kind == ILV_ROW_COUNTER)
        widest = MAX (widest, row->indent + label_text_width (b, label, row->label) + LABEL_PAD * b->s);
    }
  widest = MIN (widest, 280 * b->s);
  widest = MIN (widest, self->options.width * 0.3);
  self->label_width = round (widest);

  for (guint i = 0; i < self->rows->len; i++)
    {
      IlvTimelineRow *row = &g_array_index (self->rows, IlvTimelineRow, i);
      double avail = self->label_width - row->indent - LABEL_PAD * b->s;

      if (row->kind == ILV_ROW_LANE || row->kind == ILV_ROW_COUNTER)
        row->ellipsized = label_text_width (b, label, row->label) > avail;
    }
  g_object_unref (label);
}

static gboolean
row_is_flexible (const IlvTimelineRow *row)
{
  return row->kind == ILV_ROW_LANE || row->kind == ILV_ROW_COUNTER;
}

/* Rows shrink (headers keep their size) when they do not all fit. */
static void
place_rows (Builder *b,
            double   top,
            double   available)
{
  IlvTimelineLayout *self = b->self;
  double fixed = 0, flexible = 0, factor = 1, y = top, label_bottom = -G_MAXDOUBLE;
  double line = ilv_text_line_height (ILV_FONT_LABEL, b->s);

  for (guint i = 0; i < self->rows->len; i++)
    {
      IlvTimelineRow *row = &g_array_index (self->rows, IlvTimelineRow, i);

      if (row_is_flexible (row))
        flexible += row->rect.height;
      else
        fixed += row->rect.height;
    }
  self->natural_height = fixed + flexible;
  /* Few lanes grow a little (a slide reads better), many shrink. A slide
   * fills its height: rows grow further, their bars only so far. */
  if (flexible > 0)
    factor = CLAMP ((available - fixed) / flexible, 0,
                    self->options.fill_height ? FILL_GROWTH : MAX_GROWTH);
  g_array_set_size (self->row_natural, self->rows->len);

  for (guint i = 0; i < self->rows->len; i++)
    {
      IlvTimelineRow *row = &g_array_index (self->rows, IlvTimelineRow, i);
      double h = row->rect.height;

      g_array_index (self->row_natural, double, i) = h;
      /* Whole pixels: bars on pixel edges fill fast and crisp. */
      if (row_is_flexible (row))
        h = MAX (round (MIN_ROW_HEIGHT * b->s), floor (h * factor));
      else
        h = round (h);
      row->rect = (IlvRect) { MARGIN * b->s, y, self->options.width - 2 * MARGIN * b->s, h };
      /* Thin rows keep a label only where it clears the previous one. */
      row->label_visible = !row_is_flexible (row) || h >= line * 0.8 ||
                           y + h / 2 - line / 2 >= label_bottom;
      if (row->label_visible)
        label_bottom = y + h / 2 + line / 2;
      y += h;
    }
  self->plot_area.height = y - self->plot_area.y;
}

static void
reset (IlvTimelineLayout      *self,
       const IlvRenderOptions *options)
{
  self->options = *options;
  /* Written so that NaN fails every test and takes the fallback. */
  self->options.width = options->width >= 200 && options->width <= 1e6 ? options->width : options->width > 1e6 ? 1e6 : 200;
  self->options.height = options->height >= 100 && options->height <= 1e6 ? options->height : options->height > 1e6 ? 1e6 : 100;
  self->scale = options->scale > 0 ? CLAMP (options->scale, 0.5, 4.0) : 1.0;
  self->palette = ilv_palette_get (options->theme);
  g_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->strings, 0);
  g_array_set_size (self->legend_items, 0);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->summary, g_free);
  self->legend_states = 0;
  self->legend_holds = 0;
  self->legend_area = (IlvRect) { 0, };
  self->plot_area = (IlvRect) { 0, };
}

static void
build (IlvTimelineLayout *self)
{
  Builder b;
  double top, header, legend_h, avail;

  b.self = self;
  b.s = self->scale;
  b.measure = ilv_text_layout_new (self->pango, ILV_FONT_SUBTITLE, b.s);

  compute_range (self);
  compute_header (&b);
  for (guint t = 0; t < self->n_traces; t++)
    add_trace_rows (&b, t);
  compute_label_width (&b);

  top = MARGIN * b.s;
  header = header_height (&b);
  self->title_area = (IlvRect) { MARGIN * b.s, top, self->options.width - 2 * MARGIN * b.s, header };
  top += header;

  self->plot_area.x = round (MARGIN * b.s + self->label_width);
  self->plot_area.width = round (self->options.width - MARGIN * b.s) - self->plot_area.x;
  self->ruler_area = (IlvRect) { self->plot_area.x, top, self->plot_area.width, round (RULER_HEIGHT * b.s) };
  top += self->ruler_area.height;
  self->plot_area.y = top;

  if (self->options.show_legend)
    {
      ilv_legend_find_present (self);
      ilv_legend_layout (self, 0);
    }
  legend_h = self->legend_area.height;
  avail = self->options.height - top - legend_h - MARGIN * b.s;
  place_rows (&b, top, avail);
  if (self->options.show_legend)
    ilv_legend_layout (self, MIN (self->options.height - MARGIN * b.s - legend_h,
                                  self->plot_area.y + self->plot_area.height) + 4 * b.s);
  self->natural_height += top + legend_h + MARGIN * b.s;

  g_object_unref (b.measure);
}

IlvTimelineLayout *
ilv_timeline_layout_new (IlvTrace * const       *traces,
                         guint                   n_traces,
                         const IlvRenderOptions *options)
{
  IlvTimelineLayout *self;

  g_return_val_if_fail (traces != NULL && n_traces > 0, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_new0 (IlvTimelineLayout, 1);
  self->traces = g_new0 (IlvTrace *, n_traces);
  for (guint t = 0; t < n_traces; t++)
    self->traces[t] = ilv_trace_ref (traces[t]);
  self->n_traces = n_traces;
  self->summaries = g_new0 (char *, n_traces);
  self->summary_serials = g_new0 (guint64, n_traces);
  self->present_serials = g_new0 (guint64, n_traces);
  self->flow_index = g_new0 (IlvFlowIndex, n_traces);
  self->pango = ilv_text_context_new ();
  self->rows = g_array_new (FALSE, TRUE, sizeof (IlvTimelineRow));
  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->legend_items = g_array_new (FALSE, TRUE, sizeof (IlvLegendItem));
  self->row_caches = ilv_row_cache_table_new ();
  self->row_natural = g_array_new (FALSE, TRUE, sizeof (double));
  self->label_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reset (self, options);
  build (self);
  return self;
}

void
ilv_timeline_layout_update (IlvTimelineLayout      *self,
                            const IlvRenderOptions *options)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (options != NULL);

  reset (self, options);
  build (self);
}

void
ilv_timeline_layout_free (IlvTimelineLayout *self)
{
  if (self == NULL)
    return;

  for (guint t = 0; t < self->n_traces; t++)
    ilv_trace_unref (self->traces[t]);
  g_free (self->traces);
  g_clear_object (&self->pango);
  g_array_unref (self->rows);
  g_ptr_array_unref (self->strings);
  g_array_unref (self->legend_items);
  g_hash_table_unref (self->row_caches);
  g_array_unref (self->row_natural);
  g_hash_table_unref (self->label_widths);
  g_free (self->title);
  g_free (self->description);
  g_free (self->summary);
  for (guint t = 0; t < self->n_traces; t++)
    {
      g_free (self->summaries[t]);
      ilv_flow_index_clear (&self->flow_index[t]);
    }
  g_free (self->flow_index);
  g_free (self->summaries);
  g_free (self->summary_serials);
  g_free (self->present_serials);
  g_free (self);
}
