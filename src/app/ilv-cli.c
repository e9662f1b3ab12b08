/* ilv-cli.c: the command line paths that never open a display
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "ilv-atomic-file.h"
#include "ilv-cli.h"
#include "ilv-duration.h"
#include "ilv-export.h"
#include "ilv-run.h"
#include "ilv-scenario-diff.h"
#include "ilv-scenario-library.h"
#include "ilv-summary-text.h"

#define MAX_EXPORT_SIZE 16384
#define MAX_TIMEOUT_NS  (600 * ILV_NS_PER_S)  /* as the Timeout key */

typedef struct
{
  char     **sets;
  char      *summary_path;
  char      *export_path;
  gint       width;
  gint       height;
  double     scale;
  char      *theme;
  gboolean   no_summary;
  char      *timeout;
} RunOptions;

static void
run_options_clear (RunOptions *options)
{
  g_clear_pointer (&options->sets, g_strfreev);
  g_clear_pointer (&options->summary_path, g_free);
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->theme, g_free);
  g_clear_pointer (&options->timeout, g_free);
}

static int
usage_error (const char *message)
{
  g_printerr ("interleave run: %s\n", message);
  g_printerr (_("Try “interleave run --help” for the options.\n"));
  return ILV_CLI_EXIT_USAGE;
}

static gboolean
parse_run_options (int          *argc,
                   char       ***argv,
                   RunOptions   *options,
                   GError      **error)
{
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->sets,
      N_("Override a key of the scenario (repeatable)"), N_("SECTION:KEY=VALUE") },
    { "summary", 0, 0, G_OPTION_ARG_FILENAME, &options->summary_path,
      N_("Write the summary as JSON to FILE (- for standard output)"), N_("FILE") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &options->export_path,
      N_("Export the timeline: .png, .svg, .pdf, or .json (Chrome trace)"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &options->width,
      N_("Width of the exported image (default 1920)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &options->height,
      N_("Height of the exported image (default 1080)"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options->scale,
      N_("Scale of type and lines (default: fitted to the size, 1.5 for 1920×1080)"), N_("S") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &options->theme,
      N_("light, dark, print or high-contrast"), N_("THEME") },
    { "no-summary", 0, 0, G_OPTION_ARG_NONE, &options->no_summary,
      N_("Leave the summary out of the image and print none"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &options->timeout,
      N_("Stop the run after DUR (for example 2s or 500ms)"), N_("DUR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;

  context = g_option_context_new (_("SCENARIO — run a scenario file or a built-in scenario"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("SCENARIO is a .scenario file or the name of a built-in scenario (see “interleave --list”).\n"
      "Exit status: 0 the run finished (a detected deadlock is a finished run), 1 the scenario\n"
      "could not be loaded or run, 2 bad options, 3 the export or summary could not be written.\n"));

  return g_option_context_parse (context, argc, argv, error);
}

static gboolean
build_render_options (const RunOptions *options,
                      IlvRenderOptions *render,
                      GError          **error)
{
  ilv_render_options_init (render);

  if (options->width != 0 && (options->width < 1 || options->width > MAX_EXPORT_SIZE))
    goto bad_size;
  if (options->height != 0 && (options->height < 1 || options->height > MAX_EXPORT_SIZE))
    goto bad_size;
  if (options->width != 0)
    render->width = options->width;
  if (options->height != 0)
    render->height = options->height;

  if (options->scale != 0.0)
    {
      if (!(options->scale >= 0.25 && options->scale <= 8.0))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--scale must be between 0.25 and 8, not %g"), options->scale);
          return FALSE;
        }
      render->scale = options->scale;
    }
  else
    {
      ilv_render_options_fit_scale (render);
    }

  if (options->theme != NULL && !ilv_theme_from_string (options->theme, &render->theme))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown theme “%s”; expected light, dark, print or high-contrast"),
                   options->theme);
      return FALSE;
    }

  if (options->no_summary)
    render->show_summary = FALSE;

  return TRUE;

bad_size:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--width and --height must be between 1 and %d pixels"), MAX_EXPORT_SIZE);
  return FALSE;
}

static gboolean
parse_timeout (const RunOptions *options,
               gint64           *timeout_ns,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  *timeout_ns = -1;
  if (options->timeout == NULL)
    return TRUE;

  if (!ilv_duration_parse (options->timeout, ILV_NS_PER_MS, MAX_TIMEOUT_NS,
                           timeout_ns, &local_error))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--timeout: %s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_summary (IlvTrace    *trace,
               const char  *path,
               GError     **error)
{
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  g_autofree char *json = ilv_summary_to_json (summary);

  if (g_strcmp0 (path, "-") != 0)
    return ilv_atomic_file_set_contents (path, json, strlen (json), error);

  if (fputs (json, stdout) == EOF || fflush (stdout) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the summary to standard output"));
      return FALSE;
    }

  return TRUE;
}

static void
print_human_summary (IlvTrace *trace)
{
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  g_autofree char *text = ilv_summary_text_format (summary, TRUE);

  g_print ("%s", text);
}

static int
write_outputs (IlvTrace               *trace,
               const RunOptions       *options,
               const IlvRenderOptions *render)
{
  g_autoptr(GError) error = NULL;

  if (options->summary_path != NULL &&
      !write_summary (trace, options->summary_path, &error))
    {
      g_printerr ("%s\n", error->message);
      return ILV_CLI_EXIT_OUTPUT;
    }

  if (options->export_path != NULL &&
      !ilv_export_file (&trace, 1, options->export_path, render, &error))
    {
      g_printerr ("%s\n", error->message);
      return ILV_CLI_EXIT_OUTPUT;
    }

  if (options->summary_path == NULL && options->export_path == NULL &&
      !options->no_summary)
    print_human_summary (trace);

  return ILV_CLI_EXIT_OK;
}

static int
run_scenario (const char             *path_or_id,
              const RunOptions       *options,
              gint64                  timeout_ns,
              const IlvRenderOptions *render)
{
  g_autoptr(IlvScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvTrace) trace = NULL;
  int status;

  scenario = ilv_scenario_load (path_or_id, (const char * const *) options->sets, &error);
  if (scenario == NULL)
    {
      g_printerr ("%s\n", error->message);
      return ILV_CLI_EXIT_SCENARIO;
    }
  if (timeout_ns > 0)
    scenario->timeout_ns = timeout_ns;

  trace = ilv_run_scenario_sync (scenario, &error);
  if (trace == NULL)
    {
      g_printerr ("%s\n", error->message);
      return ILV_CLI_EXIT_SCENARIO;
    }

  if (options->sets != NULL && options->sets[0] != NULL)
    {
      g_autoptr(IlvScenario) original = ilv_scenario_load (path_or_id, NULL, NULL);
      g_autofree char *changes = original != NULL ? ilv_scenario_describe_changes (original, scenario) : NULL;

      ilv_trace_set_variant (trace, changes);
    }

  status = write_outputs (trace, options, render);
  if (status == ILV_CLI_EXIT_OK && ilv_trace_get_stop_reason (trace) == ILV_STOP_ERROR)
    {
      g_printerr (_("The run failed: %s\n"), ilv_trace_get_stop_message (trace));
      status = ILV_CLI_EXIT_SCENARIO;
    }

  return status;
}

void
ilv_cli_print_version (void)
{
  g_print ("interleave %s\n", PACKAGE_VERSION);
}

void
ilv_cli_print_list (void)
{
  g_autoptr(GPtrArray) list = ilv_scenario_library_list ();
  const char *topic = NULL;

  for (guint i = 0; i < list->len; i++)
    {
      const IlvScenarioInfo *info = g_ptr_array_index (list, i);
      const char *this_topic = info->topic != NULL ? info->topic : _("Other");

      if (g_strcmp0 (topic, this_topic) != 0)
        {
          g_print ("%s%s\n", topic != NULL ? "\n" : "", this_topic);
          topic = this_topic;
        }
      g_print ("  %-26s %s\n", info->id, info->summary != NULL ? info->summary : info->name);
    }
}

/**
 * ilv_cli_run:
 * @argc: number of arguments, the first one being "run"
 * @argv: the arguments
 *
 * Runs a scenario with no display and writes what was asked for.
 *
 * Returns: an IlvCliExit
 */
int
ilv_cli_run (int    argc,
             char **argv)
{
  RunOptions options = { 0 };
  IlvRenderOptions render;
  g_autoptr(GError) error = NULL;
  gint64 timeout_ns;
  int status;

  if (!parse_run_options (&argc, &argv, &options, &error) ||
      !build_render_options (&options, &render, &error) ||
      !parse_timeout (&options, &timeout_ns, &error))
    status = usage_error (error->message);
  else if (argc < 2)
    status = usage_error (_("Missing SCENARIO: a .scenario file or a built-in name"));
  else if (argc > 2)
    status = usage_error (_("Only one SCENARIO can be run at a time"));
  else
    status = run_scenario (argv[1], &options, timeout_ns, &render);

  run_options_clear (&options);
  return status;
}
