/* ilv-export-dialog.c: export the timeline (or the comparison) as a picture or a trace file
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ilv-export.h"
#include "ilv-export-dialog.h"

struct _IlvExportDialog
{
  GtkWindow             parent_instance;

  GtkDropDown          *format;
  GtkDropDown          *size;
  GtkStringList        *size_list;
  GtkDropDown          *theme;
  GtkDropDown          *range;
  GtkCheckButton       *summary;
  GtkCheckButton       *legend;
  GtkLabel             *error_label;

  GPtrArray            *traces;
  IlvRenderOptions      view;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (IlvExportDialog, ilv_export_dialog, GTK_TYPE_WINDOW)

static const char * const extensions[] = { ".png", ".svg", ".pdf", ".json" };

static const IlvTheme themes[] = { ILV_THEME_LIGHT, ILV_THEME_DARK, ILV_THEME_PRINT };

static void
format_changed_cb (IlvExportDialog *self)
{
  /* A trace file has no size, colours or legend. */
  gboolean picture = gtk_drop_down_get_selected (self->format) != ILV_EXPORT_JSON;

  gtk_widget_set_sensitive (GTK_WIDGET (self->size), picture);
  gtk_widget_set_sensitive (GTK_WIDGET (self->theme), picture);
  gtk_widget_set_sensitive (GTK_WIDGET (self->range), picture);
  gtk_widget_set_sensitive (GTK_WIDGET (self->summary), picture);
  gtk_widget_set_sensitive (GTK_WIDGET (self->legend), picture);
}

static char *
suggested_name (IlvExportDialog *self)
{
  IlvTrace *trace = g_ptr_array_index (self->traces, self->traces->len - 1);
  const char *title = ilv_trace_get_title (trace);
  g_autofree char *base = g_strdup (title != NULL && title[0] != '\0' ? title : _("timeline"));

  /* Keep the name a file name everywhere: no separators, no colons. */
  g_strdelimit (base, "/\\:*?\"<>|", '-');
  if (self->traces->len > 1)
    return g_strdup_printf (_("%s (comparison)%s"), base, ilv_export_dialog_get_extension (self));
  return g_strconcat (base, ilv_export_dialog_get_extension (self), NULL);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     IlvExportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      gtk_label_set_label (self->error_label, _("Only local files can be written; choose a folder on this computer"));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  if (!ilv_export_dialog_write (self, path, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
export_clicked_cb (IlvExportDialog *self)
{
  g_autofree char *name = suggested_name (self);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->chooser = gtk_file_chooser_native_new (_("Export Timeline"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
ilv_export_dialog_dispose (GObject *object)
{
  IlvExportDialog *self = ILV_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_pointer (&self->traces, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), ILV_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (ilv_export_dialog_parent_class)->dispose (object);
}

static void
ilv_export_dialog_class_init (IlvExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ilv_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ilv-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IlvExportDialog, format);
  gtk_widget_class_bind_template_child (widget_class, IlvExportDialog, size);
  gtk_widget_class_bind_template_child (widget_class, IlvExportDialog, size_list);
  gtk_widget_class_bind_template_child (widget_class, IlvExportDialog, theme);
  gtk_widget_class_bind_template_child (widget_class, IlvExportDialog, range);
  gtk_widget_class_bind_template_child (widget_class, IlvExportDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, IlvExportDialog, legend);
  gtk_widget_class_bind_template_child (widget_class, IlvExportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ilv_export_dialog_init (IlvExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->traces = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_trace_unref);
  ilv_render_options_init (&self->view);
}

GtkWidget *
ilv_export_dialog_new (GtkWindow              *parent,
                       IlvTrace * const       *traces,
                       guint                   n_traces,
                       const IlvRenderOptions *view)
{
  IlvExportDialog *self;
  g_autofree char *current = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (traces != NULL && n_traces > 0, NULL);
  g_return_val_if_fail (view != NULL, NULL);

  self = g_object_new (ILV_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  for (guint i = 0; i < n_traces; i++)
    g_ptr_array_add (self->traces, ilv_trace_ref (traces[i]));
  self->view = *view;

  current = g_strdup_printf (_("The current view, %.0f × %.0f"), view->width, view->height);
  gtk_string_list_append (self->size_list, current);
  gtk_drop_down_set_selected (self->theme, view->theme == ILV_THEME_DARK ? 1 : 0);

  return GTK_WIDGET (self);
}

void
ilv_export_dialog_set_format (IlvExportDialog *self,
                              IlvExportFormat  format)
{
  g_return_if_fail (ILV_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format <= ILV_EXPORT_JSON);

  gtk_drop_down_set_selected (self->format, format);
}

void
ilv_export_dialog_set_size (IlvExportDialog *self,
                            IlvExportSize    size)
{
  g_return_if_fail (ILV_IS_EXPORT_DIALOG (self));
  g_return_if_fail (size <= ILV_EXPORT_SIZE_VIEW);

  gtk_drop_down_set_selected (self->size, size);
}

void
ilv_export_dialog_set_theme (IlvExportDialog *self,
                             IlvTheme         theme)
{
  g_return_if_fail (ILV_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    if (themes[i] == theme)
      gtk_drop_down_set_selected (self->theme, i);
}

void
ilv_export_dialog_get_options (IlvExportDialog  *self,
                               IlvRenderOptions *options)
{
  guint theme;

  g_return_if_fail (ILV_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  ilv_render_options_init (options);
  switch (gtk_drop_down_get_selected (self->size))
    {
    case ILV_EXPORT_SIZE_FOUR_THREE:
      options->width = 1600;
      options->height = 1200;
      ilv_render_options_fit_scale (options);
      break;
    case ILV_EXPORT_SIZE_VIEW:
      options->width = MAX (self->view.width, 320);
      options->height = MAX (self->view.height, 200);
      options->scale = self->view.scale;
      break;
    case ILV_EXPORT_SIZE_SLIDE:
    default:
      options->width = 1920;
      options->height = 1080;
      ilv_render_options_fit_scale (options);
      break;
    }

  theme = gtk_drop_down_get_selected (self->theme);
  options->theme = themes[MIN (theme, G_N_ELEMENTS (themes) - 1)];
  options->show_summary = gtk_check_button_get_active (self->summary);
  options->show_legend = gtk_check_button_get_active (self->legend);
  options->highlight_resource = self->view.highlight_resource;
  options->highlight_trace = self->view.highlight_trace;
  if (gtk_drop_down_get_selected (self->range) == 1)
    {
      options->t0 = self->view.t0;
      options->t1 = self->view.t1;
    }
}

const char *
ilv_export_dialog_get_extension (IlvExportDialog *self)
{
  guint format;

  g_return_val_if_fail (ILV_IS_EXPORT_DIALOG (self), NULL);

  format = gtk_drop_down_get_selected (self->format);
  return extensions[MIN (format, G_N_ELEMENTS (extensions) - 1)];
}

gboolean
ilv_export_dialog_write (IlvExportDialog  *self,
                         const char       *path,
                         GError          **error)
{
  const char *extension;
  g_autofree char *full = NULL;
  g_autofree char *lower = NULL;
  IlvRenderOptions options;

  g_return_val_if_fail (ILV_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  extension = ilv_export_dialog_get_extension (self);
  lower = g_ascii_strdown (path, -1);
  full = g_str_has_suffix (lower, extension) ? g_strdup (path) : g_strconcat (path, extension, NULL);
  ilv_export_dialog_get_options (self, &options);

  return ilv_export_file ((IlvTrace * const *) self->traces->pdata, self->traces->len,
                          full, &options, error);
}
