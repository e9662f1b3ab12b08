/* main.c: the entry point of `interleave`
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ilv-application.h"
#include "ilv-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(IlvApplication) app = NULL;

  /* Process workers talk through pipes; a worker that dies must not take
   * the app down with SIGPIPE on the next write. */
  signal (SIGPIPE, SIG_IGN);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* `run` has options of its own that GApplication's single option table
   * cannot express, and it must work with no display at all. So it is
   * dispatched here, before a GtkApplication exists. --version, --list and
   * --help go through GApplication's handle-local-options, which runs
   * before GTK is initialised and so needs no display either. */
  if (argc > 1 && strcmp (argv[1], "run") == 0)
    return ilv_cli_run (argc - 1, argv + 1);

  g_set_application_name (_("Interleave"));
  app = ilv_application_new (G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
