/* ilv-summary-strip.h: the figures of a run in one row, large enough for the back of a lecture hall
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ilv-summary.h"

G_BEGIN_DECLS

#define ILV_TYPE_SUMMARY_STRIP (ilv_summary_strip_get_type ())

G_DECLARE_FINAL_TYPE (IlvSummaryStrip, ilv_summary_strip, ILV, SUMMARY_STRIP, GtkWidget)

typedef enum
{
  ILV_FIGURE_WALL,
  ILV_FIGURE_SPEEDUP,
  ILV_FIGURE_GIL_WAIT,
  ILV_FIGURE_LOCK_WAIT,
  ILV_FIGURE_QUEUE_DEPTH,
  ILV_FIGURE_LOST_UPDATES,
  ILV_N_FIGURES
} IlvFigure;

GtkWidget  *ilv_summary_strip_new         (void);
/* A finished run's figures; NULL empties the strip. */
void        ilv_summary_strip_set_summary (IlvSummaryStrip  *self,
                                           const IlvSummary *summary);
/* While a run goes on: its time so far, the rest unknown yet. */
void        ilv_summary_strip_set_running (IlvSummaryStrip  *self,
                                           gint64            elapsed_ns);
/* The text a figure shows ("1.02 s", "1.9×", "1"), for tests. */
const char *ilv_summary_strip_get_value   (IlvSummaryStrip  *self,
                                           IlvFigure         figure);
/* A line below the figures about the selected range; NULL hides it. */
void        ilv_summary_strip_set_selection (IlvSummaryStrip *self,
                                             const char      *text);
const char *ilv_summary_strip_get_selection (IlvSummaryStrip *self);

G_END_DECLS
