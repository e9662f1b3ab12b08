/* ilv-application.c: the GtkApplication behind the window
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <malloc.h>

#include "ilv-application.h"
#include "ilv-cli.h"
#include "ilv-session.h"
#include "ilv-window.h"

struct _IlvApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  IlvSession     *session;
};

G_DEFINE_FINAL_TYPE (IlvApplication, ilv_application, GTK_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "version", 'v', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { "list", 'l', G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("List the built-in scenarios and exit"), NULL },
  { NULL }
};

/* Every accelerator of the application, in one place. */
static const struct {
  const char *action;
  const char *accels[4];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.run-scenario", { "<Control>r", "F5", NULL } },
  { "win.stop-run", { "Escape", NULL } },
  { "win.open-scenario", { "<Control>o", NULL } },
  { "win.save-scenario-as", { "<Control><Shift>s", NULL } },
  { "win.open-run", { "<Control><Shift>o", NULL } },
  { "win.save-run", { "<Control>s", NULL } },
  { "win.keep-run", { "<Control>k", NULL } },
  { "win.export-view", { "<Control>e", NULL } },
  { "win.toggle-presentation", { "F11", NULL } },
  { "win.toggle-panel", { "F9", NULL } },
  { "win.focus-next-pane", { "F6", NULL } },
  { "win.focus-previous-pane", { "<Shift>F6", NULL } },
  { "timeline.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
  { "timeline.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
  { "timeline.zoom-whole", { "<Control>0", "<Control>KP_0", NULL } },
  { "timeline.zoom-selection", { "<Control>Return", NULL } },
};

/* Presentation mode: single keys, active only there (the window turns
 * them on), so that a clicker or a bare keyboard drives the lecture. */
static const struct {
  const char *trigger;
  const char *action;
} presentation_keys[] = {
  { "space", "win.toggle-run" },
  { "Left", "win.previous-scenario" },
  { "Right", "win.next-scenario" },
  { "plus|equal|KP_Add", "timeline.zoom-in" },
  { "minus|KP_Subtract", "timeline.zoom-out" },
  { "0|KP_0", "timeline.zoom-whole" },
  { "k", "win.keep-run" },
  { "e", "win.export-view" },
  { "Escape", "win.escape-presentation" },
};

static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new() aborts on a missing schema; run with defaults instead. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; window state is not kept", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* GtkApplication picks up icons and the shortcuts window from the
   * resource by itself, but not CSS. */
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* A frame of the window allocates and frees images of the window's size
 * (the timeline's, GTK's offscreens). Above 128 KiB glibc maps each one
 * afresh and unmaps it again until its own threshold has grown: a fresh
 * page faults when first read and again when written, and each time the
 * main thread waits for the other cores to flush their TLBs (the run's
 * busy workers share its address space). Kept on the heap, at the cost of
 * holding up to 64 MiB of freed memory for reuse, a live run started with
 * the window's first frames faulted 40-50 % less often and flushed TLBs
 * 2 to 5 times less often. */
static void
keep_frame_memory (void)
{
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing the windows, rather than quitting at once, lets a run going
   * on stop and be saved with the session; the application ends when
   * the last window has gone and the session is on disk. */
  if (windows == NULL)
    {
      g_application_quit (G_APPLICATION (user_data));
      return;
    }
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *authors[] = { _("The Interleave authors"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Interleave"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("See what concurrent programs really do: threads, processes and async tasks on one timeline"),
                         "copyright", _("© 2026 The Interleave authors"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static int
ilv_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      ilv_cli_print_version ();
      return 0;
    }
  if (g_variant_dict_contains (options, "list"))
    {
      ilv_cli_print_list ();
      return 0;
    }

  return G_APPLICATION_CLASS (ilv_application_parent_class)->handle_local_options (app, options);
}

static void
ilv_application_startup (GApplication *app)
{
  IlvApplication *self = ILV_APPLICATION (app);

  G_APPLICATION_CLASS (ilv_application_parent_class)->startup (app);

  keep_frame_memory ();
  self->settings = load_settings ();
  load_css ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}

static void
ilv_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (ilv_window_new (ILV_APPLICATION (app)));

  gtk_window_present (window);
}

static void
ilv_application_dispose (GObject *object)
{
  IlvApplication *self = ILV_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ilv_application_parent_class)->dispose (object);
}

static void
ilv_application_class_init (IlvApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ilv_application_dispose;

  app_class->handle_local_options = ilv_application_handle_local_options;
  app_class->startup = ilv_application_startup;
  app_class->activate = ilv_application_activate;
}

static void
ilv_application_init (IlvApplication *self)
{
  GApplication *app = G_APPLICATION (self);

  g_application_add_main_option_entries (app, main_entries);
  g_application_set_option_context_parameter_string (app, _("[run SCENARIO [OPTION…]]"));
  g_application_set_option_context_summary (app,
    _("Run small concurrent programs and see what every thread, process and task did.\n"
      "Without arguments, Interleave opens its window."));
  g_application_set_option_context_description (app,
    _("Commands:\n"
      "  run SCENARIO [OPTION…]   Run a scenario (a file or a built-in name) without\n"
      "                           a display; see “interleave run --help”\n"
      "  --list                   List the built-in scenarios\n"));
}

/**
 * ilv_application_new:
 * @flags: the GApplicationFlags, G_APPLICATION_DEFAULT_FLAGS normally
 *
 * Returns: (transfer full): the application, with the app id
 */
IlvApplication *
ilv_application_new (GApplicationFlags flags)
{
  return g_object_new (ILV_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
ilv_application_get_settings (IlvApplication *self)
{
  g_return_val_if_fail (ILV_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * ilv_application_get_session:
 *
 * Returns: (transfer none): the session the windows keep their runs in,
 *   in the user's state folder
 */
IlvSession *
ilv_application_get_session (IlvApplication *self)
{
  g_return_val_if_fail (ILV_IS_APPLICATION (self), NULL);

  if (self->session == NULL)
    {
      g_autofree char *folder = ilv_session_default_folder ();

      self->session = ilv_session_new (folder, ILV_WINDOW_MAX_RUNS);
    }
  return self->session;
}

/**
 * ilv_application_add_presentation_shortcuts:
 * @controller: the window's controller for presentation mode
 *
 * Adds the single-key shortcuts of presentation mode to @controller.
 */
void
ilv_application_add_presentation_shortcuts (GtkShortcutController *controller)
{
  g_return_if_fail (GTK_IS_SHORTCUT_CONTROLLER (controller));

  for (guint i = 0; i < G_N_ELEMENTS (presentation_keys); i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (presentation_keys[i].trigger);
      GtkShortcutAction *action = gtk_named_action_new (presentation_keys[i].action);

      g_assert (trigger != NULL);
      gtk_shortcut_controller_add_shortcut (controller, gtk_shortcut_new (trigger, action));
    }
}
