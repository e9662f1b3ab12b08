/* ilv-lane-table.h: time in each state per lane for a range, with lock and queue figures
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ilv-trace.h"

G_BEGIN_DECLS

#define ILV_TYPE_LANE_TABLE (ilv_lane_table_get_type ())

G_DECLARE_FINAL_TYPE (IlvLaneTable, ilv_lane_table, ILV, LANE_TABLE, GtkWidget)

/* The states the table has a column for, in column order. */
extern const IlvState ilv_lane_table_states[];
extern const guint    ilv_lane_table_n_states;

GtkWidget  *ilv_lane_table_new        (void);
/* Worker lanes of every trace, over [start, end) ns from each run's
 * start; `selected` says whether that range is a selection (the heading
 * says so) or the whole run. */
void        ilv_lane_table_update     (IlvLaneTable     *self,
                                       IlvTrace * const *traces,
                                       guint             n_traces,
                                       gint64            start,
                                       gint64            end,
                                       gboolean          selected);
/* No rows, and `text` in place of the heading (while a run goes on). */
void        ilv_lane_table_clear      (IlvLaneTable     *self,
                                       const char       *text);
guint       ilv_lane_table_get_n_rows (IlvLaneTable     *self);
/* The range shown; TRUE when it is a selection. */
gboolean    ilv_lane_table_get_range  (IlvLaneTable     *self,
                                       gint64           *start,
                                       gint64           *end);
/* Time of row `row` in `state` (ns), and its lane's name. */
gint64      ilv_lane_table_get_time   (IlvLaneTable     *self,
                                       guint             row,
                                       IlvState          state);
const char *ilv_lane_table_get_lane   (IlvLaneTable     *self,
                                       guint             row);
/* The lock and queue figures above the table, one line each. */
const char *ilv_lane_table_get_resource_text (IlvLaneTable *self);
/* Tab-separated, one line per lane with a header line: what "Copy" puts
 * on the clipboard. */
char       *ilv_lane_table_to_tsv     (IlvLaneTable     *self);

G_END_DECLS
