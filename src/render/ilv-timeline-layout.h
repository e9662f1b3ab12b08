/* ilv-timeline-layout.h: where everything of a timeline goes, and what is under a point
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ilv-render-options.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

/* A layout is the geometry of one drawing: the title, the ruler, one row
 * per process header, lane and counter track, the legend, and the mapping
 * between time and x. ilv_timeline_draw() builds one for every frame; a
 * widget keeps one (rebuilt when its size, options or the traces' serial
 * change) to draw with ilv_timeline_layout_draw() and to answer hover,
 * selection and lane navigation from the same geometry.
 *
 * Times: the visible range is kept relative to each trace's start, so that
 * runs compared one under the other share an axis. `options->t0/t1` are
 * absolute ns of the first trace (t0 == t1: the whole of the longest run). */

typedef struct _IlvTimelineLayout IlvTimelineLayout;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} IlvRect;

typedef enum
{
  ILV_ROW_TRACE,      /* a run's header in a comparison: title and summary */
  ILV_ROW_PROCESS,    /* a process group header: name, pid, kind */
  ILV_ROW_CORES,      /* the header of the core lanes */
  ILV_ROW_LANE,       /* a worker, GIL or core lane */
  ILV_ROW_COUNTER,    /* a resource's counter track */
} IlvRowKind;

typedef struct
{
  IlvRowKind  kind;
  guint       trace;
  guint       index;         /* trace, process, lane or resource index, after kind */
  IlvRect     rect;          /* the whole row, label column included */
  double      indent;        /* of the label */
  const char *label;
  const char *detail;        /* ILV_ROW_TRACE: the summary, drawn flush right… */
  gboolean    wrapped;       /* …or under the label, when both do not fit in one line */
  gboolean    label_visible; /* FALSE where rows are too thin to label them all */
  gboolean    ellipsized;    /* the label did not fit and ends in "…" */
} IlvTimelineRow;

typedef enum
{
  ILV_HIT_NONE,
  ILV_HIT_TITLE,
  ILV_HIT_RULER,
  ILV_HIT_LABEL,      /* a row's label */
  ILV_HIT_SPAN,       /* a state span of a lane */
  ILV_HIT_HOLD,       /* a lock hold bar */
  ILV_HIT_FLOW,       /* an arrow's end */
  ILV_HIT_COUNTER,    /* a counter track: value at that time */
  ILV_HIT_LEGEND,     /* a legend entry: the state */
} IlvHitKind;

typedef struct
{
  IlvHitKind kind;
  gint       row;           /* -1 when not on a row */
  guint      trace;
  gint64     time;          /* absolute ns of that trace, on the plot and ruler */
  IlvSpan    span;          /* ILV_HIT_SPAN */
  IlvHold    hold;          /* ILV_HIT_HOLD */
  IlvFlow    flow;          /* ILV_HIT_FLOW */
  gint64     value;         /* ILV_HIT_COUNTER */
  IlvState   state;         /* ILV_HIT_LEGEND, and the span's state */
} IlvTimelineHit;

IlvTimelineLayout    *ilv_timeline_layout_new        (IlvTrace * const       *traces,
                                                      guint                   n_traces,
                                                      const IlvRenderOptions *options);
void                  ilv_timeline_layout_free       (IlvTimelineLayout      *self);
/* New options (size, range, theme…) or traces that grew: the geometry is
 * computed again; summaries only for traces whose serial changed. Rows,
 * labels and hits read before are invalid afterwards. */
void                  ilv_timeline_layout_update     (IlvTimelineLayout      *self,
                                                      const IlvRenderOptions *options);

const IlvRenderOptions *ilv_timeline_layout_get_options (IlvTimelineLayout   *self);
guint                 ilv_timeline_layout_get_n_traces (IlvTimelineLayout    *self);
/* The resource of run `trace` that the options' highlight names (the one
 * of the same name and kind as the highlighted one), -1 when nothing is
 * highlighted, G_MAXINT when something is but this run has no such
 * resource (all of it is drawn dimmed). */
gint                  ilv_timeline_layout_get_highlight (IlvTimelineLayout *self,
                                                         guint              trace);
IlvTrace             *ilv_timeline_layout_get_trace  (IlvTimelineLayout      *self,
                                                      guint                   trace);
/* Height that shows every row at its natural size (a widget can scroll it). */
double                ilv_timeline_layout_get_natural_height (IlvTimelineLayout *self);

void                  ilv_timeline_layout_get_title_area  (IlvTimelineLayout *self,
                                                           IlvRect           *rect);
void                  ilv_timeline_layout_get_ruler_area  (IlvTimelineLayout *self,
                                                           IlvRect           *rect);
/* The time area: lanes, counters and ruler share its x extent. */
void                  ilv_timeline_layout_get_plot_area   (IlvTimelineLayout *self,
                                                           IlvRect           *rect);
void                  ilv_timeline_layout_get_legend_area (IlvTimelineLayout *self,
                                                           IlvRect           *rect);

guint                 ilv_timeline_layout_get_n_rows (IlvTimelineLayout      *self);
const IlvTimelineRow *ilv_timeline_layout_get_row    (IlvTimelineLayout      *self,
                                                      guint                   row);
/* The row of a lane, process header, counter …; -1 when not shown. */
gint                  ilv_timeline_layout_find_row   (IlvTimelineLayout      *self,
                                                      guint                   trace,
                                                      IlvRowKind              kind,
                                                      guint                   index);
/* The row at y, or -1. */
gint                  ilv_timeline_layout_row_at     (IlvTimelineLayout      *self,
                                                      double                  y);
/* Where a lane draws its state bar and its lock-hold bar within its row. */
void                  ilv_timeline_layout_get_bar_rect  (IlvTimelineLayout   *self,
                                                         guint                row,
                                                         IlvRect             *rect);
void                  ilv_timeline_layout_get_hold_rect (IlvTimelineLayout   *self,
                                                         guint                row,
                                                         IlvRect             *rect);

/* The visible range, relative to each trace's start. */
void                  ilv_timeline_layout_get_range  (IlvTimelineLayout      *self,
                                                      gint64                 *t0,
                                                      gint64                 *t1);
double                ilv_timeline_layout_time_to_x  (IlvTimelineLayout      *self,
                                                      gint64                  rel_ns);
gint64                ilv_timeline_layout_x_to_time  (IlvTimelineLayout      *self,
                                                      double                  x);

/* States the legend lists (bit 1 << state), in the visible range. */
guint32               ilv_timeline_layout_get_legend_states (IlvTimelineLayout *self);

/* What is under (x, y); FALSE (and kind NONE) over empty space. */
gboolean              ilv_timeline_layout_hit        (IlvTimelineLayout      *self,
                                                      double                  x,
                                                      double                  y,
                                                      IlvTimelineHit         *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvTimelineLayout, ilv_timeline_layout_free)

G_END_DECLS
