/* ilv-scenario-private.h: what the scenario parser's parts share
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-scenario.h"

G_BEGIN_DECLS

#define ILV_MAX_FILE_BYTES     (1024 * 1024)
#define ILV_MAX_PROGRAM_BYTES  (64 * 1024)

typedef enum
{
  ILV_SECTION_SCENARIO,
  ILV_SECTION_LOCK,
  ILV_SECTION_SEMAPHORE,
  ILV_SECTION_VALUE,
  ILV_SECTION_ARRAY,
  ILV_SECTION_QUEUE,
  ILV_SECTION_EVENT,
  ILV_SECTION_BARRIER,
  ILV_SECTION_PIPE,
  ILV_SECTION_WORKERS,
  ILV_SECTION_POOL,
  ILV_N_SECTION_KINDS
} IlvSectionKind;

typedef struct
{
  char     *key;
  char     *value;
  guint     line;       /* 0 when it came from an override */
  gboolean  from_set;
} IlvEntry;

typedef struct
{
  char           *header;   /* "Workers increase" */
  IlvSectionKind  kind;
  char           *name;     /* NULL for [Scenario] */
  guint           line;
  GPtrArray      *entries;  /* IlvEntry*, in file order */
  GHashTable     *keys;     /* key → IlvEntry* (not owned) */
} IlvSection;

typedef struct
{
  const char *source;
  GPtrArray  *sections;     /* IlvSection*, in file order */
  GHashTable *by_header;    /* header text → IlvSection* (not owned) */
  GHashTable *by_name;      /* "r:NAME" (resources), "w:NAME" (workers) → IlvSection* */
} IlvScenarioText;

/* "SOURCE:LINE: [SECTION] KEY, column C: message" with the parts that
 * apply (section, entry may be NULL; column 0 leaves it out). */
void         ilv_scenario_set_error      (GError           **error,
                                          gint               code,
                                          const char        *source,
                                          const IlvSection  *section,
                                          const IlvEntry    *entry,
                                          guint              column,
                                          const char        *format,
                                          ...) G_GNUC_PRINTF (7, 8);

const char  *ilv_section_kind_to_string  (IlvSectionKind     kind);
/* Letters, digits and _, not starting with a digit. */
gboolean     ilv_scenario_is_name        (const char        *s);

/* Builds and validates the scenario from scanned sections. */
IlvScenario *ilv_scenario_build          (const IlvScenarioText *text,
                                          GError               **error);

IlvScenario *ilv_scenario_new_empty      (const char        *source);
void         ilv_resource_free           (IlvResource       *resource);
void         ilv_worker_group_free       (IlvWorkerGroup    *group);
void         ilv_pool_free               (IlvPool           *pool);

G_END_DECLS
