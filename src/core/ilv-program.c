/* ilv-program.c: a worker's step program: names, copies, canonical text
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include "ilv-duration.h"
#include "ilv-program.h"

static const char * const step_kind_names[] = {
  [ILV_STEP_COMPUTE] = "compute",
  [ILV_STEP_SLEEP] = "sleep",
  [ILV_STEP_ACQUIRE] = "acquire",
  [ILV_STEP_RELEASE] = "release",
  [ILV_STEP_WITH] = "with",
  [ILV_STEP_LOAD] = "load",
  [ILV_STEP_ADD] = "add",
  [ILV_STEP_STORE] = "store",
  [ILV_STEP_PUT] = "put",
  [ILV_STEP_GET] = "get",
  [ILV_STEP_TASK_DONE] = "task_done",
  [ILV_STEP_JOIN] = "join",
  [ILV_STEP_SET] = "set",
  [ILV_STEP_CLEAR] = "clear",
  [ILV_STEP_WAIT] = "wait",
  [ILV_STEP_SEND] = "send",
  [ILV_STEP_RECV] = "recv",
  [ILV_STEP_REPEAT] = "repeat",
  [ILV_STEP_FOREVER] = "forever",
  [ILV_STEP_MARK] = "mark",
  [ILV_STEP_CRASH] = "crash",
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_kind_names) == ILV_N_STEP_KINDS);

/**
 * ilv_step_kind_to_string:
 *
 * Returns: the step's keyword in the program language.
 */
const char *
ilv_step_kind_to_string (IlvStepKind kind)
{
  g_return_val_if_fail ((guint) kind < ILV_N_STEP_KINDS, NULL);

  return step_kind_names[kind];
}

static void
steps_clear (IlvStep *steps,
             guint    n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    {
      g_free (steps[i].text);
      steps_clear (steps[i].body, steps[i].n_body);
      g_free (steps[i].body);
    }
}

void
ilv_program_free (IlvProgram *program)
{
  if (program == NULL)
    return;

  steps_clear (program->steps, program->n_steps);
  g_free (program->steps);
  g_free (program);
}

static IlvStep *
steps_copy (const IlvStep *steps,
            guint          n_steps)
{
  IlvStep *copy;

  if (n_steps == 0)
    return NULL;

  copy = g_new (IlvStep, n_steps);
  memcpy (copy, steps, n_steps * sizeof (IlvStep));
  for (guint i = 0; i < n_steps; i++)
    {
      copy[i].text = g_strdup (steps[i].text);
      copy[i].body = steps_copy (steps[i].body, steps[i].n_body);
    }
  return copy;
}

IlvProgram *
ilv_program_copy (const IlvProgram *program)
{
  IlvProgram *copy;

  g_return_val_if_fail (program != NULL, NULL);

  copy = g_new0 (IlvProgram, 1);
  copy->steps = steps_copy (program->steps, program->n_steps);
  copy->n_steps = program->n_steps;
  return copy;
}

static gboolean
steps_equal (const IlvStep *a,
             guint          n_a,
             const IlvStep *b,
             guint          n_b)
{
  if (n_a != n_b)
    return FALSE;

  for (guint i = 0; i < n_a; i++)
    {
      if (a[i].kind != b[i].kind ||
          a[i].resource != b[i].resource ||
          a[i].duration_ns != b[i].duration_ns ||
          a[i].amount != b[i].amount ||
          g_strcmp0 (a[i].text, b[i].text) != 0)
        return FALSE;
      if (!steps_equal (a[i].body, a[i].n_body, b[i].body, b[i].n_body))
        return FALSE;
    }
  return TRUE;
}

gboolean
ilv_program_equal (const IlvProgram *a,
                   const IlvProgram *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return steps_equal (a->steps, a->n_steps, b->steps, b->n_steps);
}

static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_crash (GString *out,
              gint64   amount)
{
  if (amount <= 0)
    g_string_append_printf (out, " exit %" G_GINT64_FORMAT, -amount);
  else if (amount == SIGABRT)
    g_string_append (out, " abort");
  else if (amount == SIGFPE)
    g_string_append (out, " fpe");
  else if (amount == SIGKILL)
    g_string_append (out, " kill");
}

static void append_steps (GString            *out,
                          const IlvStep      *steps,
                          guint               n_steps,
                          const char * const *names,
                          guint               n_names);

static void
append_step (GString            *out,
             const IlvStep      *step,
             const char * const *names,
             guint               n_names)
{
  g_string_append (out, step_kind_names[step->kind]);

  if (step->kind == ILV_STEP_COMPUTE || step->kind == ILV_STEP_SLEEP)
    {
      g_autofree char *dur = ilv_duration_format (step->duration_ns);

      g_string_append_printf (out, " %s", dur);
    }
  else if (step->kind == ILV_STEP_ADD || step->kind == ILV_STEP_REPEAT)
    g_string_append_printf (out, " %" G_GINT64_FORMAT, step->amount);
  else if (step->kind == ILV_STEP_MARK)
    {
      g_string_append_c (out, ' ');
      append_quoted (out, step->text != NULL ? step->text : "");
    }
  else if (step->kind == ILV_STEP_CRASH)
    append_crash (out, step->amount);
  else if (step->resource >= 0 && (guint) step->resource < n_names)
    {
      g_string_append_printf (out, " %s", names[step->resource]);
      if ((step->kind == ILV_STEP_LOAD || step->kind == ILV_STEP_STORE) && step->amount != 0)
        g_string_append_printf (out, "[%" G_GINT64_FORMAT "]", step->amount);
    }

  if (step->kind == ILV_STEP_WITH || step->kind == ILV_STEP_REPEAT ||
      step->kind == ILV_STEP_FOREVER)
    {
      g_string_append (out, " { ");
      append_steps (out, step->body, step->n_body, names, n_names);
      g_string_append (out, " }");
    }
}

static void
append_steps (GString            *out,
              const IlvStep      *steps,
              guint               n_steps,
              const char * const *names,
              guint               n_names)
{
  for (guint i = 0; i < n_steps; i++)
    {
      if (i > 0)
        g_string_append (out, "; ");
      append_step (out, &steps[i], names, n_names);
    }
}

char *
ilv_program_to_string (const IlvProgram   *program,
                       const char * const *resource_names,
                       guint               n_resources)
{
  GString *out;

  g_return_val_if_fail (program != NULL, NULL);

  out = g_string_new (NULL);
  append_steps (out, program->steps, program->n_steps, resource_names, n_resources);
  return g_string_free (out, FALSE);
}
