/* ilv-session.h: the window's runs, kept on disk across a close, a crash
 * or a restart
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ilv-trace.h"

G_BEGIN_DECLS

#define ILV_TYPE_SESSION (ilv_session_get_type ())

G_DECLARE_FINAL_TYPE (IlvSession, ilv_session, ILV, SESSION, GObject)

/* What a restore gives back. */
typedef struct
{
  GPtrArray *traces;         /* IlvTrace *, in order: kept ones first */
  guint      n_kept;
  char      *scenario_id;    /* a built-in, or NULL */
  char      *scenario_path;  /* a scenario file, or NULL */
  GPtrArray *problems;       /* char *: what could not be read, for the banner */
} IlvSessionRuns;

void        ilv_session_runs_free   (IlvSessionRuns *runs);

/* A session kept in `folder` (created, 0700, on the first save): one
 * Chrome-trace JSON file per run plus an index, each written atomically;
 * never more than `max_runs` runs. */
IlvSession *ilv_session_new         (const char     *folder,
                                     guint           max_runs);
/* The folder of the user's session: the state folder's
 * interleave/session. */
char       *ilv_session_default_folder (void);
const char *ilv_session_get_folder  (IlvSession     *self);
/* Saves these runs, in a thread, as the whole session: files of runs not
 * among them are removed. Runs still going on are left out. A run already
 * written is not written again. A newer save supersedes one still
 * writing; saves and restores never overlap. The default application is
 * held until the last save is on disk, so that quitting never cuts one
 * short. Must be called on the main thread; the traces must not change
 * any more. */
void        ilv_session_save        (IlvSession     *self,
                                     IlvTrace * const *traces,
                                     guint           n_traces,
                                     guint           n_kept,
                                     const char     *scenario_id,
                                     const char     *scenario_path);
/* Whether a save is waiting or writing. */
gboolean    ilv_session_is_saving   (IlvSession     *self);
/* Reads the session back in a thread. A file that cannot be read is left
 * out with a message in the result's problems; no session at all is an
 * empty result, not an error. */
void        ilv_session_restore_async  (IlvSession          *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
IlvSessionRuns *ilv_session_restore_finish (IlvSession   *self,
                                           GAsyncResult *result,
                                           GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvSessionRuns, ilv_session_runs_free)

G_END_DECLS
