/* ilv-summary-strip.c: the figures of a run in one row, large enough for the back of a lecture hall
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-summary-strip.h"
#include "ilv-time-format.h"

struct _IlvSummaryStrip
{
  GtkWidget  parent_instance;

  GtkWidget      *row;       /* the figures */
  GtkWidget      *boxes[ILV_N_FIGURES];
  GtkLabel       *values[ILV_N_FIGURES];
  GtkInscription *ticking;   /* the wall time while a run goes on */
  GtkLabel       *selection; /* below the figures: what the selection shows */
};

G_DEFINE_FINAL_TYPE (IlvSummaryStrip, ilv_summary_strip, GTK_TYPE_WIDGET)

static const char *
figure_caption (IlvFigure figure)
{
  switch (figure)
    {
    case ILV_FIGURE_WALL:
      return _("Wall time");
    case ILV_FIGURE_SPEEDUP:
      return _("Speedup vs. sequential");
    case ILV_FIGURE_GIL_WAIT:
      return _("Waiting for the GIL");
    case ILV_FIGURE_LOCK_WAIT:
      return _("Waiting for locks");
    case ILV_FIGURE_QUEUE_DEPTH:
      return _("Max queue depth");
    case ILV_FIGURE_LOST_UPDATES:
      return _("Lost updates");
    case ILV_N_FIGURES:
    default:
      g_assert_not_reached ();
    }
}

static void
set_value (IlvSummaryStrip *self,
           IlvFigure        figure,
           const char      *text,
           gboolean         shown)
{
  gtk_label_set_label (self->values[figure], text);
  gtk_widget_set_visible (self->boxes[figure], shown);
}

static void
show_ticking (IlvSummaryStrip *self,
              gboolean         ticking)
{
  gtk_widget_set_visible (GTK_WIDGET (self->ticking), ticking);
  gtk_widget_set_visible (GTK_WIDGET (self->values[ILV_FIGURE_WALL]), !ticking);
}

static char *
format_share (double share)
{
  return g_strdup_printf ("%.0f %%", 100 * CLAMP (share, 0, 1));
}

static void
set_resource_figures (IlvSummaryStrip  *self,
                      const IlvSummary *summary)
{
  g_autofree char *depth = NULL;
  g_autofree char *lost = NULL;
  gint64 max_depth = 0;
  gint64 lost_updates = 0;

  for (guint i = 0; i < summary->queues->len; i++)
    max_depth = MAX (max_depth, g_array_index (summary->queues, IlvQueueSummary, i).max_depth);
  for (guint i = 0; i < summary->values->len; i++)
    lost_updates += g_array_index (summary->values, IlvValueSummary, i).lost_updates;

  depth = g_strdup_printf ("%" G_GINT64_FORMAT, max_depth);
  lost = g_strdup_printf ("%" G_GINT64_FORMAT, lost_updates);
  set_value (self, ILV_FIGURE_QUEUE_DEPTH, depth, summary->queues->len > 0);
  set_value (self, ILV_FIGURE_LOST_UPDATES, lost, summary->values->len > 0);
  gtk_widget_set_css_classes (GTK_WIDGET (self->values[ILV_FIGURE_LOST_UPDATES]),
                              lost_updates > 0 ? (const char *[]) { "value", "error", NULL }
                                               : (const char *[]) { "value", NULL });
}

static void
ilv_summary_strip_dispose (GObject *object)
{
  IlvSummaryStrip *self = ILV_SUMMARY_STRIP (object);

  self->ticking = NULL;
  for (guint i = 0; i < ILV_N_FIGURES; i++)
    self->boxes[i] = NULL;
  g_clear_pointer (&self->row, gtk_widget_unparent);
  if (self->selection != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->selection));
      self->selection = NULL;
    }

  G_OBJECT_CLASS (ilv_summary_strip_parent_class)->dispose (object);
}

static void
ilv_summary_strip_class_init (IlvSummaryStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ilv_summary_strip_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "summarystrip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ilv_summary_strip_init (IlvSummaryStrip *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  self->row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_widget_set_parent (self->row, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Run summary"),
                                  -1);

  for (guint i = 0; i < ILV_N_FIGURES; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *value = gtk_label_new ("–");
      GtkWidget *caption = gtk_label_new (figure_caption (i));

      gtk_widget_add_css_class (box, "figure");
      gtk_widget_add_css_class (value, "value");
      gtk_widget_add_css_class (caption, "caption");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_box_append (GTK_BOX (box), value);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (GTK_BOX (self->row), box);
      self->boxes[i] = box;
      self->values[i] = GTK_LABEL (value);
    }

  /* A label changing its text has the whole window laid out again, and
   * on X11 that asks the display server for the work area and the
   * window's place: a dozen round trips on every live frame, each one
   * waiting for the server to get a CPU while the workers load the cores. An
   * inscription has a fixed size and only redraws. */
  self->ticking = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->ticking), "value");
  gtk_inscription_set_xalign (self->ticking, 0);
  gtk_inscription_set_min_chars (self->ticking, 8);
  gtk_inscription_set_nat_chars (self->ticking, 10);
  gtk_widget_set_visible (GTK_WIDGET (self->ticking), FALSE);
  gtk_box_prepend (GTK_BOX (self->boxes[ILV_FIGURE_WALL]), GTK_WIDGET (self->ticking));

  self->selection = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->selection), "selection");
  gtk_label_set_xalign (self->selection, 0);
  gtk_label_set_wrap (self->selection, TRUE);
  gtk_label_set_selectable (self->selection, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->selection), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->selection), GTK_WIDGET (self));
  ilv_summary_strip_set_summary (self, NULL);
}

GtkWidget *
ilv_summary_strip_new (void)
{
  return g_object_new (ILV_TYPE_SUMMARY_STRIP, NULL);
}

void
ilv_summary_strip_set_summary (IlvSummaryStrip  *self,
                               const IlvSummary *summary)
{
  g_autofree char *wall = NULL;
  g_autofree char *speedup = NULL;
  g_autofree char *gil = NULL;
  g_autofree char *lock = NULL;

  g_return_if_fail (ILV_IS_SUMMARY_STRIP (self));

  show_ticking (self, FALSE);
  if (summary == NULL)
    {
      for (guint i = 0; i < ILV_N_FIGURES; i++)
        set_value (self, i, "–", i == ILV_FIGURE_WALL);
      return;
    }

  wall = ilv_time_format ((gint64) (summary->wall_ms * 1e6));
  /* Translators: a speedup factor, "1.9×" */
  speedup = g_strdup_printf (_("%.1f×"), summary->speedup);
  gil = format_share (summary->gil_wait_share);
  lock = format_share (summary->lock_wait_share);
  set_value (self, ILV_FIGURE_WALL, wall, TRUE);
  set_value (self, ILV_FIGURE_SPEEDUP, speedup, summary->sequential_ms > 0);
  set_value (self, ILV_FIGURE_GIL_WAIT, gil, summary->gil);
  set_value (self, ILV_FIGURE_LOCK_WAIT, lock, summary->locks->len > 0);
  set_resource_figures (self, summary);
}

void
ilv_summary_strip_set_running (IlvSummaryStrip *self,
                               gint64           elapsed_ns)
{
  g_autofree char *wall = NULL;

  g_return_if_fail (ILV_IS_SUMMARY_STRIP (self));

  wall = ilv_time_format (elapsed_ns);
  gtk_inscription_set_text (self->ticking, wall);
  show_ticking (self, TRUE);
  gtk_widget_set_visible (self->boxes[ILV_FIGURE_WALL], TRUE);
  for (guint i = ILV_FIGURE_WALL + 1; i < ILV_N_FIGURES; i++)
    gtk_widget_set_visible (self->boxes[i], FALSE);
}

const char *
ilv_summary_strip_get_value (IlvSummaryStrip *self,
                             IlvFigure        figure)
{
  g_return_val_if_fail (ILV_IS_SUMMARY_STRIP (self), NULL);
  g_return_val_if_fail (figure < ILV_N_FIGURES, NULL);

  if (figure == ILV_FIGURE_WALL && gtk_widget_get_visible (GTK_WIDGET (self->ticking)))
    return gtk_inscription_get_text (self->ticking);
  return gtk_label_get_label (self->values[figure]);
}

/**
 * ilv_summary_strip_set_selection:
 * @text: (nullable): what the selection shows, or NULL to show nothing
 *
 * Shows a line about the selected range below the figures.
 */
void
ilv_summary_strip_set_selection (IlvSummaryStrip *self,
                                 const char      *text)
{
  g_return_if_fail (ILV_IS_SUMMARY_STRIP (self));

  if (text != NULL)
    gtk_label_set_label (self->selection, text);
  gtk_widget_set_visible (GTK_WIDGET (self->selection), text != NULL);
}

/**
 * ilv_summary_strip_get_selection:
 *
 * Returns: (nullable): the line about the selection shown, or NULL
 */
const char *
ilv_summary_strip_get_selection (IlvSummaryStrip *self)
{
  g_return_val_if_fail (ILV_IS_SUMMARY_STRIP (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->selection)))
    return NULL;
  return gtk_label_get_label (self->selection);
}
