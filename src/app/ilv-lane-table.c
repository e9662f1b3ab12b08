/* ilv-lane-table.c: time in each state per lane for a range, with lock and queue figures
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-lane-table.h"
#include "ilv-time-format.h"

const IlvState ilv_lane_table_states[] = {
  ILV_STATE_RUNNING,
  ILV_STATE_READY,
  ILV_STATE_GIL_WAIT,
  ILV_STATE_LOCK_WAIT,
  ILV_STATE_QUEUE_WAIT,
  ILV_STATE_EVENT_WAIT,
  ILV_STATE_SLEEP,
  ILV_STATE_SUSPENDED,
};
const guint ilv_lane_table_n_states = G_N_ELEMENTS (ilv_lane_table_states);

/* One lane's row: a plain object, so that GtkColumnView can list it. */
#define ILV_TYPE_LANE_ROW (ilv_lane_row_get_type ())
G_DECLARE_FINAL_TYPE (IlvLaneRow, ilv_lane_row, ILV, LANE_ROW, GObject)

struct _IlvLaneRow
{
  GObject  parent_instance;
  char    *lane;
  gint64   times[ILV_N_STATES];
};

G_DEFINE_FINAL_TYPE (IlvLaneRow, ilv_lane_row, G_TYPE_OBJECT)

static void
ilv_lane_row_finalize (GObject *object)
{
  g_free (ILV_LANE_ROW (object)->lane);

  G_OBJECT_CLASS (ilv_lane_row_parent_class)->finalize (object);
}

static void
ilv_lane_row_class_init (IlvLaneRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ilv_lane_row_finalize;
}

static void
ilv_lane_row_init (IlvLaneRow *self)
{
}

struct _IlvLaneTable
{
  GtkWidget       parent_instance;

  GtkLabel       *heading;
  GtkLabel       *resources;
  GtkColumnView  *view;
  GListStore     *rows;
  GPtrArray      *columns;  /* GtkColumnViewColumn*, one per state column */
  gint64          start;
  gint64          end;
  gboolean        selected;
};

G_DEFINE_FINAL_TYPE (IlvLaneTable, ilv_lane_table, GTK_TYPE_WIDGET)

/* Column headings: short, the table is wide already. */
static const char *
state_heading (IlvState state)
{
  switch (state)
    {
    case ILV_STATE_RUNNING:
      return _("Running");
    case ILV_STATE_READY:
      return _("Ready");
    case ILV_STATE_GIL_WAIT:
      return _("GIL wait");
    case ILV_STATE_LOCK_WAIT:
      return _("Lock wait");
    case ILV_STATE_QUEUE_WAIT:
      return _("Queue wait");
    case ILV_STATE_EVENT_WAIT:
      return _("Event wait");
    case ILV_STATE_SLEEP:
      return _("I/O");
    case ILV_STATE_SUSPENDED:
      return _("Suspended");
    default:
      return ilv_state_describe (state);
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) < 0 ? 0 : 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  IlvLaneRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  int column = GPOINTER_TO_INT (user_data);
  g_autofree char *text = NULL;

  if (column < 0)
    {
      gtk_label_set_label (label, row->lane);
      return;
    }

  text = ilv_time_format (row->times[ilv_lane_table_states[column]]);
  gtk_label_set_label (label, row->times[ilv_lane_table_states[column]] > 0 ? text : "–");
}

static void
add_column (IlvLaneTable *self,
            const char   *title,
            int           column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (col, column < 0);
  gtk_column_view_append_column (self->view, col);
  if (column >= 0)
    g_ptr_array_add (self->columns, g_object_ref (col));
}

static void
copy_clicked_cb (GtkButton    *button,
                 IlvLaneTable *self)
{
  g_autofree char *tsv = ilv_lane_table_to_tsv (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), tsv);
}

/* How many lock hand-overs (`lock`), or else items through a queue or
 * pipe, reached `resource` within [t0, t1). */
static guint
count_flows (IlvTrace *trace,
             guint     resource,
             gboolean  lock,
             gint64    t0,
             gint64    t1)
{
  const IlvFlow *flows = ilv_trace_get_flows (trace);
  gsize n_flows = ilv_trace_get_n_flows (trace);
  guint count = 0;

  for (gsize i = 0; i < n_flows; i++)
    if ((flows[i].kind == ILV_FLOW_LOCK) == lock && flows[i].resource == (gint) resource &&
        flows[i].to_time >= t0 && flows[i].to_time < t1)
      count++;
  return count;
}

/* The highest count of the resource's counter within [t0, t1), 0 if none. */
static int
counter_max (IlvTrace *trace,
             guint     resource,
             gint64    t0,
             gint64    t1)
{
  IlvCounterColumn column;

  ilv_trace_counter_sample (trace, resource, t0, t1, 1, &column);
  return (int) CLAMP (column.valid ? column.max : 0, 0, G_MAXINT);
}

static void
lock_text (GString  *out,
           IlvTrace *trace,
           guint     resource,
           gint64    t0,
           gint64    t1)
{
  guint handovers = count_flows (trace, resource, TRUE, t0, t1);

  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Lock %s: %u waited-for hand-over, at most %d waiting\n",
                                       "Lock %s: %u waited-for hand-overs, at most %d waiting\n",
                                       handovers),
                          ilv_trace_get_resource (trace, resource)->name, handovers,
                          counter_max (trace, resource, t0, t1));
}

static void
queue_text (GString  *out,
            IlvTrace *trace,
            guint     resource,
            gint64    t0,
            gint64    t1)
{
  guint items = count_flows (trace, resource, FALSE, t0, t1);

  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Queue %s: %u item taken, depth up to %d\n",
                                       "Queue %s: %u items taken, depth up to %d\n",
                                       items),
                          ilv_trace_get_resource (trace, resource)->name, items,
                          counter_max (trace, resource, t0, t1));
}

static void
add_trace (IlvLaneTable *self,
           GString      *resources,
           IlvTrace     *trace,
           guint         index,
           guint         n_traces,
           gint64        start,
           gint64        end)
{
  gint64 origin = ilv_trace_get_start (trace);

  for (guint lane = 0; lane < ilv_trace_get_n_lanes (trace); lane++)
    {
      const IlvLaneInfo *info = ilv_trace_get_lane (trace, lane);
      g_autoptr(IlvLaneRow) row = NULL;

      if (info->kind != ILV_LANE_WORKER)
        continue;
      row = g_object_new (ILV_TYPE_LANE_ROW, NULL);
      row->lane = n_traces > 1 ? g_strdup_printf ("%u: %s", index + 1, info->name) : g_strdup (info->name);
      ilv_trace_lane_state_times (trace, lane, origin + start, origin + end, row->times);
      g_list_store_append (self->rows, row);
    }

  for (guint r = 0; r < ilv_trace_get_n_resources (trace); r++)
    {
      IlvResourceKind kind = ilv_trace_get_resource (trace, r)->kind;

      if (n_traces > 1 && (kind == ILV_RESOURCE_LOCK || kind == ILV_RESOURCE_QUEUE))
        g_string_append_printf (resources, "%u: ", index + 1);
      if (kind == ILV_RESOURCE_LOCK)
        lock_text (resources, trace, r, origin + start, origin + end);
      else if (kind == ILV_RESOURCE_QUEUE)
        queue_text (resources, trace, r, origin + start, origin + end);
    }
}

/* Only the states some lane was in get a column: the table stays narrow
 * enough to read beside the summary. */
static void
show_used_columns (IlvLaneTable *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint c = 0; c < self->columns->len; c++)
    {
      gboolean used = FALSE;

      for (guint r = 0; r < n && !used; r++)
        {
          g_autoptr(IlvLaneRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), r);

          used = row->times[ilv_lane_table_states[c]] > 0;
        }
      gtk_column_view_column_set_visible (g_ptr_array_index (self->columns, c), used || n == 0);
    }
}

static void
ilv_lane_table_dispose (GObject *object)
{
  IlvLaneTable *self = ILV_LANE_TABLE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->columns, g_ptr_array_unref);

  G_OBJECT_CLASS (ilv_lane_table_parent_class)->dispose (object);
}

static void
ilv_lane_table_class_init (IlvLaneTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ilv_lane_table_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lanetable");
}

static GtkWidget *
build_header (IlvLaneTable *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "heading");
  self->resources = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->resources, 0);
  gtk_label_set_selectable (self->resources, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->resources), "numeric");
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->heading));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->resources));
  gtk_widget_set_hexpand (texts, TRUE);

  gtk_widget_set_tooltip_text (copy, _("Copy the Table"));
  gtk_widget_set_valign (copy, GTK_ALIGN_START);
  gtk_widget_add_css_class (copy, "flat");
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), copy);
  return box;
}

static void
ilv_lane_table_init (IlvLaneTable *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkWidget *scrolled;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->rows = g_list_store_new (ILV_TYPE_LANE_ROW);
  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_steal_pointer (&selection))));
  gtk_column_view_set_show_column_separators (self->view, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time in each state per lane"),
                                  -1);
  add_column (self, _("Lane"), -1);
  for (guint i = 0; i < ilv_lane_table_n_states; i++)
    add_column (self, state_heading (ilv_lane_table_states[i]), i);

  gtk_widget_set_parent (build_header (self), GTK_WIDGET (self));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));
}

GtkWidget *
ilv_lane_table_new (void)
{
  return g_object_new (ILV_TYPE_LANE_TABLE, NULL);
}

void
ilv_lane_table_update (IlvLaneTable     *self,
                       IlvTrace * const *traces,
                       guint             n_traces,
                       gint64            start,
                       gint64            end,
                       gboolean          selected)
{
  g_autoptr(GString) resources = g_string_new (NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (ILV_IS_LANE_TABLE (self));

  self->start = start;
  self->end = end;
  self->selected = selected;
  g_list_store_remove_all (self->rows);
  for (guint i = 0; i < n_traces; i++)
    add_trace (self, resources, traces[i], i, n_traces, start, end);
  show_used_columns (self);

  a = ilv_time_format (start);
  b = ilv_time_format (end);
  if (selected)
    heading = g_strdup_printf (_("Selection from %s to %s"), a, b);
  else
    heading = g_strdup_printf (_("Whole run, %s"), b);
  gtk_label_set_label (self->heading, heading);
  g_strchomp (resources->str);
  gtk_label_set_label (self->resources, resources->str);
  gtk_widget_set_visible (GTK_WIDGET (self->resources), resources->len > 0 && resources->str[0] != '\0');
}

void
ilv_lane_table_clear (IlvLaneTable *self,
                      const char   *text)
{
  g_return_if_fail (ILV_IS_LANE_TABLE (self));

  self->start = self->end = 0;
  self->selected = FALSE;
  g_list_store_remove_all (self->rows);
  gtk_label_set_label (self->heading, text != NULL ? text : "");
  gtk_label_set_label (self->resources, "");
  gtk_widget_set_visible (GTK_WIDGET (self->resources), FALSE);
}

guint
ilv_lane_table_get_n_rows (IlvLaneTable *self)
{
  g_return_val_if_fail (ILV_IS_LANE_TABLE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

gboolean
ilv_lane_table_get_range (IlvLaneTable *self,
                          gint64       *start,
                          gint64       *end)
{
  g_return_val_if_fail (ILV_IS_LANE_TABLE (self), FALSE);

  if (start != NULL)
    *start = self->start;
  if (end != NULL)
    *end = self->end;
  return self->selected;
}

gint64
ilv_lane_table_get_time (IlvLaneTable *self,
                         guint         row,
                         IlvState      state)
{
  g_autoptr(IlvLaneRow) item = NULL;

  g_return_val_if_fail (ILV_IS_LANE_TABLE (self), 0);
  g_return_val_if_fail (state < ILV_N_STATES, 0);

  item = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  g_return_val_if_fail (item != NULL, 0);

  return item->times[state];
}

const char *
ilv_lane_table_get_lane (IlvLaneTable *self,
                         guint         row)
{
  g_autoptr(IlvLaneRow) item = NULL;

  g_return_val_if_fail (ILV_IS_LANE_TABLE (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  g_return_val_if_fail (item != NULL, NULL);

  /* The store keeps the row, so the name outlives this reference. */
  return item->lane;
}

const char *
ilv_lane_table_get_resource_text (IlvLaneTable *self)
{
  g_return_val_if_fail (ILV_IS_LANE_TABLE (self), NULL);

  return gtk_label_get_label (self->resources);
}

char *
ilv_lane_table_to_tsv (IlvLaneTable *self)
{
  GString *out = g_string_new (_("Lane"));
  guint n;

  g_return_val_if_fail (ILV_IS_LANE_TABLE (self), NULL);

  for (guint i = 0; i < ilv_lane_table_n_states; i++)
    g_string_append_printf (out, "\t%s (ms)", state_heading (ilv_lane_table_states[i]));
  g_string_append_c (out, '\n');

  n = ilv_lane_table_get_n_rows (self);
  for (guint r = 0; r < n; r++)
    {
      g_autoptr(IlvLaneRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), r);

      g_string_append (out, row->lane);
      for (guint i = 0; i < ilv_lane_table_n_states; i++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (buf, sizeof buf, "%.3f", row->times[ilv_lane_table_states[i]] / 1e6);
          g_string_append_printf (out, "\t%s", buf);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
