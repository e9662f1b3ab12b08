/* ilv-worker-strings.h: the strings workers mark, numbered the same in every process
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-scenario.h"

G_BEGIN_DECLS

/* Workers put a string's index in this table into MARK and TASK_BEGIN
 * events; the run interns the table into the trace in order and maps the
 * indices to trace ids as it appends. The table depends on the scenario
 * only, so a process worker builds the same one from the same text. */
enum
{
  ILV_STRING_SEMAPHORE_OVER_RELEASE,
  ILV_STRING_RELEASE_UNLOCKED,
  ILV_STRING_TASK_DONE_TOO_MANY,
  ILV_N_FIXED_STRINGS
};

typedef struct _IlvWorkerStrings IlvWorkerStrings;

IlvWorkerStrings *ilv_worker_strings_new      (const IlvScenario *scenario);
void              ilv_worker_strings_free     (IlvWorkerStrings  *self);
guint             ilv_worker_strings_get_size (IlvWorkerStrings  *self);
const char       *ilv_worker_strings_get      (IlvWorkerStrings  *self,
                                               guint              index);
/* The index of a `mark` text. */
guint32           ilv_worker_strings_lookup   (IlvWorkerStrings  *self,
                                               const char        *text);
/* The index of "task N" (0-based N below the largest pool's Tasks). */
guint32           ilv_worker_strings_task     (IlvWorkerStrings  *self,
                                               guint              task);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvWorkerStrings, ilv_worker_strings_free)

G_END_DECLS
