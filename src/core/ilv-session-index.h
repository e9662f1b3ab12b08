/* ilv-session-index.h: the list of the window's runs kept for next time
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The index of a saved session: which run files of the session folder
 * make it up, in their order on screen (kept runs first, then the last
 * run), how many are kept, and the scenario they came from. A key file:
 *
 *   [Session]
 *   Version=1
 *   Runs=run-1.json;run-2.json;
 *   Kept=1
 *   Scenario=race-condition       (a built-in) or
 *   ScenarioFile=/path/x.scenario (a file)
 */
#define ILV_SESSION_INDEX_VERSION 1

typedef struct
{
  GPtrArray *runs;           /* char *: run file names, in order */
  guint      n_kept;         /* the first n_kept runs are kept */
  char      *scenario_id;    /* a built-in scenario, or NULL */
  char      *scenario_path;  /* a scenario file, or NULL */
} IlvSessionIndex;

IlvSessionIndex *ilv_session_index_new     (void);
void             ilv_session_index_free    (IlvSessionIndex *self);
/* Whether `name` can be a run file of the session: "run-", digits and
 * dashes, ".json"; never a path. */
gboolean         ilv_session_index_is_run_name (const char  *name);
char            *ilv_session_index_to_data (IlvSessionIndex *self,
                                            gsize           *length);
/* Reads an index back. What is not an index of this format, or of a newer
 * one, is an error (G_KEY_FILE_ERROR, or G_IO_ERROR_NOT_SUPPORTED).
 * Names that are not run names are left out, runs beyond `max_runs` too
 * (the oldest go), and the number kept is clamped to what is left. */
IlvSessionIndex *ilv_session_index_parse   (const char      *data,
                                            gsize            length,
                                            guint            max_runs,
                                            GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvSessionIndex, ilv_session_index_free)

G_END_DECLS
