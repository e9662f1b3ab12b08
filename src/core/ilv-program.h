/* ilv-program.h: a worker's step program, parsed into a small tree
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ilv-types.h"

G_BEGIN_DECLS

typedef enum
{
  ILV_STEP_COMPUTE,   /* duration_ns */
  ILV_STEP_SLEEP,     /* duration_ns */
  ILV_STEP_ACQUIRE,   /* resource: lock or semaphore */
  ILV_STEP_RELEASE,   /* resource: lock or semaphore */
  ILV_STEP_WITH,      /* resource: lock or semaphore; body */
  ILV_STEP_LOAD,      /* resource: value or array (index: amount, default 0) */
  ILV_STEP_ADD,       /* amount (may be negative) */
  ILV_STEP_STORE,     /* resource: value or array (index: amount) */
  ILV_STEP_PUT,       /* resource: queue */
  ILV_STEP_GET,       /* resource: queue */
  ILV_STEP_TASK_DONE, /* resource: queue */
  ILV_STEP_JOIN,      /* resource: queue */
  ILV_STEP_SET,       /* resource: event */
  ILV_STEP_CLEAR,     /* resource: event */
  ILV_STEP_WAIT,      /* resource: event or barrier */
  ILV_STEP_SEND,      /* resource: pipe */
  ILV_STEP_RECV,      /* resource: pipe */
  ILV_STEP_REPEAT,    /* amount: count; body */
  ILV_STEP_FOREVER,   /* body */
  ILV_STEP_MARK,      /* text */
  ILV_STEP_CRASH,     /* amount > 0: signal number (SIGSEGV by default); amount <= 0: exit(-amount) */
  ILV_N_STEP_KINDS
} IlvStepKind;

typedef struct _IlvStep IlvStep;

struct _IlvStep
{
  IlvStepKind  kind;
  gint         resource;     /* index into the scenario's resources, or -1 */
  gint64       duration_ns;
  gint64       amount;
  char        *text;
  IlvStep     *body;         /* children of with / repeat / forever */
  guint        n_body;
  guint        column;       /* 1-based column in the Program string */
};

typedef struct
{
  IlvStep *steps;
  guint    n_steps;
} IlvProgram;

const char *ilv_step_kind_to_string (IlvStepKind kind);
void        ilv_program_free        (IlvProgram *program);
IlvProgram *ilv_program_copy        (const IlvProgram *program);
/* The canonical spelling ("load v; add 1; repeat 3 { sleep 1ms }") that
 * parses back to an equal program. resource_names[i] names resource i. */
char       *ilv_program_to_string   (const IlvProgram   *program,
                                     const char * const *resource_names,
                                     guint               n_resources);
/* Same steps with the same arguments (columns are not compared). */
gboolean    ilv_program_equal       (const IlvProgram *a,
                                     const IlvProgram *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvProgram, ilv_program_free)

G_END_DECLS
