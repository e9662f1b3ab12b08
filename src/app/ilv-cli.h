/* ilv-cli.h: the command line paths that never open a display
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of `interleave run`. */
typedef enum
{
  ILV_CLI_EXIT_OK = 0,        /* the run finished (a detected deadlock is a finished run) */
  ILV_CLI_EXIT_SCENARIO = 1,  /* the scenario could not be loaded or started */
  ILV_CLI_EXIT_USAGE = 2,     /* bad options or arguments */
  ILV_CLI_EXIT_OUTPUT = 3,    /* the export or the summary file could not be written */
} IlvCliExit;

/* Prints "interleave VERSION". */
void ilv_cli_print_version (void);
/* Prints the built-in scenarios grouped by topic, one line each. */
void ilv_cli_print_list    (void);
/* `interleave run …`: argv[0] is "run". Returns an IlvCliExit. */
int  ilv_cli_run           (int    argc,
                            char **argv);

G_END_DECLS
