/* ilv-scenario.h: a validated scenario
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ilv-program.h"
#include "ilv-types.h"

G_BEGIN_DECLS

#define ILV_SCENARIO_ERROR (ilv_scenario_error_quark ())

typedef enum
{
  ILV_SCENARIO_ERROR_IO,       /* missing file, unreadable */
  ILV_SCENARIO_ERROR_SYNTAX,   /* not a key file, bad program syntax */
  ILV_SCENARIO_ERROR_INVALID,  /* unknown key, bad value, unknown resource */
  ILV_SCENARIO_ERROR_LIMIT,    /* too many workers, file too large, too deep */
} IlvScenarioError;

#define ILV_MAX_THREAD_WORKERS   256
#define ILV_MAX_PROCESS_WORKERS  64
#define ILV_MAX_ASYNC_TASKS      1024

typedef struct
{
  char            *name;
  IlvResourceKind  kind;
  gint64           initial;   /* Value/Array: Initial; Semaphore: Value */
  guint            capacity;  /* Queue: Capacity (0 = unbounded); Barrier: Parties; Array: Length; Pipe: Capacity in messages */
  gboolean         bounded;   /* Semaphore: Bounded */
  gboolean         locked;    /* Value/Array: Lock= (a lock of its own, like multiprocessing.Value) */
  guint            line;
} IlvResource;

typedef struct
{
  char          *name;
  IlvWorkerKind  kind;
  guint          count;
  char          *program_text;
  IlvProgram    *program;
  gboolean       daemon;
  gint64         start_at_ns;
  gint64         terminate_at_ns;  /* -1: never */
  guint          line;
} IlvWorkerGroup;

typedef struct
{
  char          *name;
  IlvWorkerKind  kind;          /* thread or process */
  guint          workers;
  guint          tasks;
  guint          chunksize;
  char          *program_text;
  IlvProgram    *program;       /* run once per task */
  guint          line;
} IlvPool;

typedef struct
{
  gatomicrefcount ref_count;
  char           *source;            /* file path or "builtin:NAME", for messages */
  char           *name;
  char           *description;
  char           *topic;             /* grouping in the scenario chooser; may be NULL */
  gboolean        gil;
  gint64          switch_interval_ns;
  gint64          timeout_ns;
  GPtrArray      *resources;         /* IlvResource* */
  GPtrArray      *groups;            /* IlvWorkerGroup* */
  GPtrArray      *pools;             /* IlvPool* */
} IlvScenario;

GQuark       ilv_scenario_error_quark     (void);

IlvScenario *ilv_scenario_ref             (IlvScenario        *self);
void         ilv_scenario_unref           (IlvScenario        *self);

/* Parses and validates. `source` names the input in messages (a path).
 * `overrides` is NULL or a NULL-terminated array of "SECTION:KEY=VALUE",
 * applied before validation (`interleave run --set`). Errors are
 * ILV_SCENARIO_ERROR and read "SOURCE:LINE: [SECTION] KEY, column C: what
 * was wrong; what was expected". */
IlvScenario *ilv_scenario_new_from_data   (const char         *data,
                                           gsize               length,
                                           const char         *source,
                                           const char * const *overrides,
                                           GError            **error);
IlvScenario *ilv_scenario_new_from_file   (const char         *path,
                                           const char * const *overrides,
                                           GError            **error);
/* Writes the scenario back as a key file that parses to the same scenario. */
char        *ilv_scenario_to_data         (const IlvScenario  *self,
                                           gsize              *length);

/* Same settings, resources, workers and programs (source, line numbers
 * and the programs' original spelling are not compared). */
gboolean     ilv_scenario_equal           (const IlvScenario  *a,
                                           const IlvScenario  *b);

gint         ilv_scenario_find_resource   (const IlvScenario  *self,
                                           const char         *name);
/* Total number of workers of every group and pool, by kind. */
guint        ilv_scenario_count_workers   (const IlvScenario  *self,
                                           IlvWorkerKind       kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvScenario, ilv_scenario_unref)

G_END_DECLS
