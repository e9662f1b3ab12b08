/* ilv-render-private.h: what the drawing files share
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "ilv-palette.h"
#include "ilv-timeline-layout.h"

G_BEGIN_DECLS

typedef enum
{
  ILV_FONT_TITLE,
  ILV_FONT_SUBTITLE,   /* description, summary line */
  ILV_FONT_LABEL,      /* lane labels, ruler, legend */
  ILV_FONT_HEADER,     /* process and trace headers (bold) */
  ILV_FONT_SMALL,      /* annotations inside the plot */
  ILV_N_FONTS
} IlvFontRole;

typedef enum
{
  ILV_LEGEND_STATE,
  ILV_LEGEND_HOLD_CONTENDED,
  ILV_LEGEND_HOLD_UNCONTENDED,
} IlvLegendKind;

typedef struct
{
  IlvLegendKind kind;
  IlvState      state;
  const char   *text;
  IlvRect       swatch;
  double        text_x;
  IlvRect       rect;      /* swatch and text, for hit-testing */
} IlvLegendItem;

typedef struct
{
  guint32 *by_to;      /* flow indices in order of to_time */
  guint32 *by_from;    /* … of from_time */
  gsize    n;          /* flows indexed */
  guint64  serial;     /* of the trace, when indexed */
} IlvFlowIndex;

struct _IlvTimelineLayout
{
  IlvTrace        **traces;
  guint             n_traces;
  IlvRenderOptions  options;
  double            scale;
  const IlvPalette *palette;
  PangoContext     *pango;
  gint64            t0;            /* visible range, relative */
  gint64            t1;
  IlvRect           title_area;
  IlvRect           ruler_area;
  IlvRect           plot_area;     /* x extent of time; y from the ruler's bottom to the last row */
  IlvRect           legend_area;
  double            label_width;
  double            natural_height;
  char             *title;
  char             *description;
  char             *summary;       /* one run: the summary line under the title */
  char            **summaries;     /* per trace, kept while its serial stays */
  guint64          *summary_serials;
  gboolean          summary_beside_title;
  GArray           *rows;          /* IlvTimelineRow */
  GPtrArray        *strings;       /* labels the rows point into */
  GArray           *legend_items;  /* IlvLegendItem */
  IlvFlowIndex     *flow_index;    /* per trace, built on first use */
  gboolean          transient;     /* one frame only: not worth an index */
  guint32           legend_states;
  GHashTable       *row_caches;    /* row id -> IlvRowCache, across updates */
  GArray           *row_natural;   /* double per row: its height before growing */
  GHashTable       *label_widths;  /* label -> double*, at label_widths_scale, across updates */
  double            label_widths_scale;
  guint             legend_holds;  /* ILV_HOLDS_* */
  /* What the legend found, kept while the range and the serials stay. */
  guint64          *present_serials;
  gint64            present_t0;
  gint64            present_t1;
  guint32           present_states;
  guint             present_holds;
  gboolean          present_valid;
};

/* Text: pango sizes are in px (user units), never under 11 px. */
PangoContext *ilv_text_context_new     (void);
PangoLayout  *ilv_text_layout_new      (PangoContext *context,
                                        IlvFontRole   role,
                                        double        scale);
double        ilv_text_font_px         (IlvFontRole   role,
                                        double        scale);
double        ilv_text_line_height     (IlvFontRole   role,
                                        double        scale);
double        ilv_text_measure         (PangoLayout  *layout,
                                        const char   *text);
/* Draws `layout` with its left edge at x, centred vertically on y. */
void          ilv_text_draw_centered_y (cairo_t      *cr,
                                        PangoLayout  *layout,
                                        double        x,
                                        double        y);
/* "21 ms", "1.5 s", "350 µs", "800 ns". */
char         *ilv_format_duration      (gint64        ns);

/* Ruler: a 1-2-5 step giving ticks at least min_step_ns apart, and how to
 * label them (unit divisor, suffix, decimals). */
gint64        ilv_ruler_nice_step      (gint64        min_step_ns);
char         *ilv_ruler_format_tick    (gint64        t,
                                        gint64        step,
                                        gint64        range_end);

/* States present in [t0, t1) (relative) of the traces' worker lanes, as
 * bits 1 << state, only the states a lane draws with a fill. */
guint32       ilv_legend_states_present (IlvTrace * const *traces,
                                         guint             n_traces,
                                         gint64            t0,
                                         gint64            t1);
/* Which kinds of lock hold show: ILV_HOLDS_CONTENDED | ILV_HOLDS_UNCONTENDED. */
#define ILV_HOLDS_CONTENDED   1u
#define ILV_HOLDS_UNCONTENDED 2u
guint         ilv_legend_holds_present  (IlvTrace * const *traces,
                                         guint             n_traces,
                                         gint64            t0,
                                         gint64            t1);
/* Sets legend_states and legend_holds for the layout's range. */
void          ilv_legend_find_present   (IlvTimelineLayout *layout);
void          ilv_legend_layout         (IlvTimelineLayout *layout,
                                         double             y);

/* The summary line of one run ("wall 21 ms · speedup 0.95× · …"). */
char         *ilv_summary_line_new      (IlvTrace          *trace);

/* The flow index of a trace, brought up to date; NULL if it cannot be. */
const IlvFlowIndex *ilv_flow_index_get  (IlvTimelineLayout *layout,
                                         guint              trace);
gsize         ilv_flow_index_lower_bound (const guint32    *sorted,
                                         gsize              n,
                                         const IlvFlow     *flows,
                                         gboolean           by_to,
                                         gint64             t);
void          ilv_flow_index_clear      (IlvFlowIndex      *index);

/* Holds of a lane: index of the first hold that may overlap time t. */
gsize         ilv_holds_find_first      (const IlvHold     *holds,
                                         gsize              n_holds,
                                         gint64             t);

typedef struct
{
  guint32 start;     /* first column */
  guint32 end;       /* one past the last */
  guint32 key;       /* state, and for GIL/core lanes the holder */
} IlvRun;

typedef struct _IlvRowCache IlvRowCache;

/* One frame's drawing state. */
typedef struct
{
  cairo_t           *cr;
  IlvTimelineLayout *layout;
  const IlvPalette  *palette;
  double             scale;
  double             device_scale;   /* device px per user unit, along x */
  gboolean           raster;         /* drawing into an image surface */
  guint              n_columns;      /* device pixel columns of the plot */
  double             column_width;   /* in user units */
  IlvColumn         *columns;
  IlvRun            *runs;
  guint32           *strip;          /* one row of pixels of a lane */
  guint32           *keys;           /* per column: what it is drawn as */
  IlvCounterColumn  *counter_columns;
  gint64            *series;
  guint8            *bucket_counts;  /* flow and mark thinning */
  IlvRowCache       *row_cache;      /* of the row being drawn, or NULL */
  gboolean           row_hit;        /* and it holds what this frame needs */
  cairo_pattern_t   *patterns[ILV_N_STATES];
  PangoContext      *pango;
  PangoLayout       *fonts[ILV_N_FONTS];
} IlvDrawContext;

void          ilv_draw_context_init     (IlvDrawContext    *ctx,
                                         cairo_t           *cr,
                                         IlvTimelineLayout *layout);
void          ilv_draw_context_clear    (IlvDrawContext    *ctx);
/* The benchmark's baseline: the same frame with every span its own rectangle. */
void          ilv_timeline_layout_draw_naive (IlvTimelineLayout *layout,
                                         cairo_t           *cr);
/* Absolute time of the start of column c of a trace. */
gint64        ilv_draw_context_column_time (IlvDrawContext *ctx,
                                         IlvTrace          *trace,
                                         guint              column);
/* ARGB32 premultiplied, as cairo image surfaces hold it. */
guint32       ilv_rgba_premultiplied    (const IlvRgba     *color);
/* Stretches ctx->strip (one pixel per column) over the plot's width at y. */
void          ilv_draw_context_paint_strip (IlvDrawContext *ctx,
                                         double             y,
                                         double             height);
/* ctx->strip as a surface of its own, or NULL; and painting one. */
cairo_surface_t *ilv_draw_context_strip_surface (IlvDrawContext *ctx);
void          ilv_draw_context_paint_surface (IlvDrawContext *ctx,
                                         cairo_surface_t   *image,
                                         double             y,
                                         double             height);

/* What a row drew, kept across frames while its key stays (ilv-row-cache.c). */
typedef struct
{
  guint64           serial;
  gint64            t0;            /* absolute sampled range */
  gint64            t1;
  guint             n_columns;
  gint              highlight;
  double            x;
  double            column_width;
  double            device_scale;
  double            scale;
  const IlvPalette *palette;
  cairo_surface_type_t target;     /* pixel rows are kept for images only */
} IlvRowCacheKey;

typedef enum
{
  ILV_ROW_STRIP_FILL,
  ILV_ROW_STRIP_RARE,
  ILV_ROW_STRIP_HOLDS,
  ILV_N_ROW_STRIPS
} IlvRowStrip;

GHashTable   *ilv_row_cache_table_new   (void);
/* What a row keeps: its lane or counter, or its lock holds. */
typedef enum
{
  ILV_ROW_PART_MAIN,
  ILV_ROW_PART_HOLDS,
  ILV_ROW_PART_FLOWS,   /* a trace's: the flows chosen for the range */
} IlvRowPart;

IlvRowCache  *ilv_row_cache_get         (IlvDrawContext    *ctx,
                                         guint              row,
                                         IlvRowPart         part,
                                         gboolean          *hit);
IlvRowCache  *ilv_row_cache_get_trace   (IlvDrawContext    *ctx,
                                         guint              trace,
                                         IlvRowPart         part,
                                         gboolean          *hit);
void          ilv_row_cache_set_filled  (IlvRowCache       *cache);
const IlvColumn *ilv_row_cache_lane_columns (IlvRowCache   *cache,
                                         IlvTrace          *trace,
                                         guint              lane);
const IlvCounterColumn *ilv_row_cache_counter_columns (IlvRowCache *cache,
                                         IlvTrace          *trace,
                                         guint              resource);
#define ILV_N_ROW_RUNS 2
GArray       *ilv_row_cache_runs        (IlvRowCache       *cache,
                                         guint              slot,
                                         guint              element_size);
cairo_surface_t *ilv_row_cache_strip    (IlvRowCache       *cache,
                                         IlvRowStrip        strip);
/* Paints the kept pixel row, or ctx->strip (and keeps it); cache may be NULL. */
void          ilv_row_cache_paint_strip (IlvDrawContext    *ctx,
                                         IlvRowCache       *cache,
                                         IlvRowStrip        strip,
                                         double             y,
                                         double             height);
double        ilv_draw_context_time_x   (IlvDrawContext    *ctx,
                                         IlvTrace          *trace,
                                         gint64             abs_ns);

/* How far a slide's bars and counter tracks grow beyond their natural
 * height (the bars as far as a widget's do); the rows grow on. */
#define ILV_LAYOUT_BAR_GROWTH   3.0
#define ILV_LAYOUT_TRACK_GROWTH 2.0

/* The part of a row its bars or its track take: the whole row, or where
 * a slide grew the row more than its bars may grow, a band in its middle. */
void          ilv_timeline_layout_get_content_rect (IlvTimelineLayout *layout,
                                         guint              row,
                                         IlvRect           *rect);

/* Bar centre y of each lane of a trace that has a row, else -1 (g_free). */
double       *ilv_lane_centers_new      (IlvTimelineLayout *layout,
                                         guint              trace);
/* Thinning: clears the per-10 px counters and returns their number. */
guint         ilv_draw_context_reset_buckets (IlvDrawContext *ctx);
guint         ilv_draw_context_bucket   (IlvDrawContext    *ctx,
                                         double             x,
                                         guint              n_buckets);

void          ilv_draw_header           (IlvDrawContext    *ctx);
void          ilv_draw_ruler            (IlvDrawContext    *ctx);
void          ilv_draw_grid             (IlvDrawContext    *ctx);
void          ilv_draw_row_backgrounds  (IlvDrawContext    *ctx);
void          ilv_draw_row_labels       (IlvDrawContext    *ctx);
void          ilv_draw_lane             (IlvDrawContext    *ctx,
                                         guint              row);
/* Every span its own rectangle: the baseline the benchmark compares with. */
void          ilv_draw_lane_naive       (IlvDrawContext    *ctx,
                                         guint              row);
void          ilv_draw_holds            (IlvDrawContext    *ctx,
                                         guint              row);
void          ilv_draw_counter          (IlvDrawContext    *ctx,
                                         guint              row);
void          ilv_draw_flows            (IlvDrawContext    *ctx,
                                         guint              trace);
void          ilv_draw_marks            (IlvDrawContext    *ctx,
                                         guint              trace);
void          ilv_draw_tasks            (IlvDrawContext    *ctx,
                                         guint              trace);
void          ilv_draw_legend           (IlvDrawContext    *ctx);

G_END_DECLS
