/* ilv-program-parser.c: the step language, text to IlvProgram
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>

#include "ilv-duration.h"
#include "ilv-program-lexer.h"
#include "ilv-program-parser.h"
#include "ilv-suggest.h"
#include "ilv-scenario.h"

typedef struct
{
  IlvLexer                 lexer;
  const IlvProgramContext *ctx;
  guint                    depth;
  GError                  *error;
  guint                    error_column;
} Parser;

/* Which resources a step takes, as a bit mask of IlvResourceKind. */
#define KIND_BIT(k) (1u << (k))
#define LOCKS (KIND_BIT (ILV_RESOURCE_LOCK) | KIND_BIT (ILV_RESOURCE_SEMAPHORE))
#define VALUES (KIND_BIT (ILV_RESOURCE_VALUE) | KIND_BIT (ILV_RESOURCE_ARRAY))

static const struct
{
  guint       kinds;
  const char *needs;
} step_takes[ILV_N_STEP_KINDS] = {
  [ILV_STEP_ACQUIRE] = { LOCKS, N_("a Lock or Semaphore") },
  [ILV_STEP_RELEASE] = { LOCKS, N_("a Lock or Semaphore") },
  [ILV_STEP_WITH] = { LOCKS, N_("a Lock or Semaphore") },
  [ILV_STEP_LOAD] = { VALUES, N_("a Value or Array") },
  [ILV_STEP_STORE] = { VALUES, N_("a Value or Array") },
  [ILV_STEP_PUT] = { KIND_BIT (ILV_RESOURCE_QUEUE), N_("a Queue") },
  [ILV_STEP_GET] = { KIND_BIT (ILV_RESOURCE_QUEUE), N_("a Queue") },
  [ILV_STEP_TASK_DONE] = { KIND_BIT (ILV_RESOURCE_QUEUE), N_("a Queue") },
  [ILV_STEP_JOIN] = { KIND_BIT (ILV_RESOURCE_QUEUE), N_("a Queue") },
  [ILV_STEP_SET] = { KIND_BIT (ILV_RESOURCE_EVENT), N_("an Event") },
  [ILV_STEP_CLEAR] = { KIND_BIT (ILV_RESOURCE_EVENT), N_("an Event") },
  [ILV_STEP_WAIT] = { KIND_BIT (ILV_RESOURCE_EVENT) | KIND_BIT (ILV_RESOURCE_BARRIER),
                      N_("an Event or Barrier") },
  [ILV_STEP_SEND] = { KIND_BIT (ILV_RESOURCE_PIPE), N_("a Pipe") },
  [ILV_STEP_RECV] = { KIND_BIT (ILV_RESOURCE_PIPE), N_("a Pipe") },
};

static const struct
{
  const char *name;
  gint64      amount;
} crash_kinds[] = {
  { "segv", SIGSEGV },
  { "abort", SIGABRT },
  { "fpe", SIGFPE },
  { "kill", SIGKILL },
};

static gboolean parse_list (Parser  *p,
                            GArray  *steps,
                            gboolean in_block);

static gboolean G_GNUC_PRINTF (4, 5)
fail (Parser     *p,
      guint       column,
      gint        code,
      const char *format,
      ...)
{
  va_list args;

  if (p->error != NULL)
    return FALSE;

  va_start (args, format);
  p->error = g_error_new_valist (ILV_SCENARIO_ERROR, code, format, args);
  va_end (args);
  p->error_column = column;
  return FALSE;
}



/* Reads the argument word of `what`; `example` shows a correct step. */
static gboolean
expect_word (Parser     *p,
             const char *what,
             const char *example,
             IlvToken      *out)
{
  *out = ilv_lexer_next (&p->lexer);
  if (out->kind == ILV_TOKEN_WORD)
    return TRUE;

  {
    g_autofree char *found = ilv_token_describe (out);

    return fail (p, out->column, ILV_SCENARIO_ERROR_SYNTAX,
                 _("%s needs an argument, found %s; expected e.g. \"%s\""),
                 what, found, example);
  }
}

/* The step's word argument (newly allocated) and its token, or NULL after
 * an error whose example is the step's keyword then `arg_example`. */
static char *
expect_step_arg (Parser        *p,
                 const IlvStep *step,
                 const char    *arg_example,
                 IlvToken      *out)
{
  const char *what = ilv_step_kind_to_string (step->kind);
  g_autofree char *example = g_strconcat (what, " ", arg_example, NULL);

  if (!expect_word (p, what, example, out))
    return NULL;
  return g_strndup (out->start, out->len);
}

/* Turns a number-parsing error into a parser error at the token. */
static gboolean
take_number_error (Parser *p,
                   guint   column,
                   GError *number_error)
{
  p->error = number_error;
  p->error_column = column;
  return FALSE;
}

static gboolean
is_unit_word (IlvToken t)
{
  static const char * const unit_words[] = { "ns", "us", "\xc2\xb5s", "\xce\xbcs", "ms", "s" };

  for (guint i = 0; t.kind == ILV_TOKEN_WORD && i < G_N_ELEMENTS (unit_words); i++)
    if (strlen (unit_words[i]) == t.len && strncmp (t.start, unit_words[i], t.len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
parse_duration_arg (Parser  *p,
                    IlvStep *step)
{
  g_autofree char *word = NULL;
  GError *local = NULL;
  IlvToken t;

  word = expect_step_arg (p, step, "10ms", &t);
  if (word == NULL)
    return FALSE;
  if (ilv_duration_parse (word, 0, ILV_MAX_STEP_NS, &step->duration_ns, &local))
    return TRUE;
  if (is_unit_word (ilv_lexer_peek (&p->lexer)))
    {
      IlvToken unit = ilv_lexer_peek (&p->lexer);

      g_clear_error (&local);
      return fail (p, t.column, ILV_SCENARIO_ERROR_SYNTAX,
                   _("a space between %s and its unit; expected %s%.*s"),
                   word, word, (int) unit.len, unit.start);
    }
  return take_number_error (p, t.column, local);
}

static gint
find_resource (const IlvProgramContext *ctx,
               const char              *name,
               gsize                    len)
{
  const GPtrArray *resources = ctx->resources;

  if (ctx->names != NULL)
    {
      g_autofree char *key = g_strndup (name, len);

      return (gint) GPOINTER_TO_UINT (g_hash_table_lookup (ctx->names, key)) - 1;
    }
  for (guint i = 0; resources != NULL && i < resources->len; i++)
    {
      const IlvResource *r = g_ptr_array_index (resources, i);

      if (strlen (r->name) == len && strncmp (r->name, name, len) == 0)
        return (gint) i;
    }
  return -1;
}

static gboolean
unknown_resource (Parser      *p,
                  const IlvToken *t,
                  const char  *name)
{
  const GPtrArray *resources = p->ctx->resources;
  guint n = resources != NULL ? resources->len : 0;
  g_autofree const char **names = g_new0 (const char *, n + 1);
  const char *near;

  for (guint i = 0; i < n; i++)
    names[i] = ((const IlvResource *) g_ptr_array_index (resources, i))->name;
  near = ilv_closest_word (name, names, n);
  if (near != NULL)
    return fail (p, t->column, ILV_SCENARIO_ERROR_INVALID,
                 _("unknown resource \"%s\"; did you mean \"%s\"?"), name, near);
  {
    g_autofree char *shown = ilv_text_excerpt (name);

    return fail (p, t->column, ILV_SCENARIO_ERROR_INVALID,
                 _("unknown resource \"%s\"; expected the name of a resource section such as [Lock %s]"),
                 shown, shown);
  }
}

static const char *
article (const char *word)
{
  return strchr ("AEIOU", word[0]) != NULL ? "an" : "a";
}

static gboolean
check_resource_kind (Parser            *p,
                     const IlvToken       *t,
                     const IlvStep     *step,
                     const IlvResource *r)
{
  const char *kind = ilv_resource_kind_to_string (r->kind);
  const char *what = ilv_step_kind_to_string (step->kind);

  if (step_takes[step->kind].kinds & KIND_BIT (r->kind))
    return TRUE;

  if ((step_takes[step->kind].kinds & LOCKS) && (KIND_BIT (r->kind) & VALUES))
    {
      if (r->locked)
        return TRUE;
      return fail (p, t->column, ILV_SCENARIO_ERROR_INVALID,
                   _("%s is %s %s without a lock of its own; add Lock=true to [%s %s] to use it with %s"),
                   r->name, article (kind), kind, kind, r->name, what);
    }
  return fail (p, t->column, ILV_SCENARIO_ERROR_INVALID,
               _("%s is %s %s; %s needs %s"),
               r->name, article (kind), kind, what, _(step_takes[step->kind].needs));
}

static gboolean
parse_index (Parser            *p,
             IlvStep           *step,
             const IlvResource *r)
{
  g_autofree char *word = NULL;
  GError *local = NULL;
  IlvToken open = ilv_lexer_next (&p->lexer);
  IlvToken t;

  if (r->kind != ILV_RESOURCE_ARRAY)
    return fail (p, open.column, ILV_SCENARIO_ERROR_INVALID,
                 _("%s is not an Array; only Array elements take an index"), r->name);
  if (!expect_word (p, _("an index"), "arr[0]", &t))
    return FALSE;
  word = g_strndup (t.start, t.len);
  if (!ilv_integer_parse (word, -G_MAXINT64, G_MAXINT64, &step->amount, &local))
    return take_number_error (p, t.column, local);
  if (step->amount < 0 || step->amount >= (gint64) r->capacity)
    return fail (p, t.column, ILV_SCENARIO_ERROR_INVALID,
                 _("index %s is out of range; %s has %u elements, expected 0..%u"),
                 word, r->name, r->capacity, r->capacity - 1);
  t = ilv_lexer_next (&p->lexer);
  if (t.kind != ILV_TOKEN_RBRACKET)
    return fail (p, t.column, ILV_SCENARIO_ERROR_SYNTAX,
                 _("unclosed \"[\"; expected \"]\" after the index"));
  return TRUE;
}

static gboolean
parse_resource_arg (Parser  *p,
                    IlvStep *step)
{
  g_autofree char *name = NULL;
  const IlvResource *r;
  IlvToken t;

  name = expect_step_arg (p, step, "NAME", &t);
  if (name == NULL)
    return FALSE;
  step->resource = find_resource (p->ctx, t.start, t.len);
  if (step->resource < 0)
    return unknown_resource (p, &t, name);
  r = g_ptr_array_index (p->ctx->resources, step->resource);
  if (!check_resource_kind (p, &t, step, r))
    return FALSE;
  if ((step->kind == ILV_STEP_LOAD || step->kind == ILV_STEP_STORE) &&
      ilv_lexer_peek (&p->lexer).kind == ILV_TOKEN_LBRACKET)
    return parse_index (p, step, r);
  return TRUE;
}

static gboolean
parse_integer_arg (Parser     *p,
                   IlvStep    *step,
                   gint64      min,
                   gint64      max,
                   const char *arg_example)
{
  g_autofree char *word = NULL;
  GError *local = NULL;
  IlvToken t;

  word = expect_step_arg (p, step, arg_example, &t);
  if (word == NULL)
    return FALSE;
  if (!ilv_integer_parse (word, min, max, &step->amount, &local))
    return take_number_error (p, t.column, local);
  return TRUE;
}

static gboolean
parse_mark (Parser  *p,
            IlvStep *step)
{
  IlvToken t = ilv_lexer_next (&p->lexer);
  GString *text;

  if (t.kind != ILV_TOKEN_STRING)
    {
      g_autofree char *found = ilv_token_describe (&t);

      return fail (p, t.column, ILV_SCENARIO_ERROR_SYNTAX,
                   _("mark needs quoted text, found %s; expected e.g. mark \"start\""), found);
    }
  if (t.len < 2 || t.start[t.len - 1] != '"')
    return fail (p, t.column, ILV_SCENARIO_ERROR_SYNTAX,
                 _("unterminated text; expected a closing \" on the same line"));

  text = g_string_new (NULL);
  for (gsize i = 1; i + 1 < t.len; i++)
    {
      if (t.start[i] == '\\')
        {
          i++;
          if (t.start[i] != '"' && t.start[i] != '\\')
            {
              int n = (int) (g_utf8_next_char (t.start + i) - (t.start + i));

              g_string_free (text, TRUE);
              return fail (p, ilv_lexer_column_at (&p->lexer, t.start + i - 1), ILV_SCENARIO_ERROR_SYNTAX,
                           _("unknown escape \"\\%.*s\" in text; expected \\\" or \\\\"),
                           n, t.start + i);
            }
        }
      g_string_append_c (text, t.start[i]);
    }
  step->text = g_string_free (text, FALSE);
  if (strlen (step->text) > ILV_MAX_MARK_BYTES)
    return fail (p, t.column, ILV_SCENARIO_ERROR_LIMIT,
                 _("mark text is %zu bytes long; expected at most %d"),
                 strlen (step->text), ILV_MAX_MARK_BYTES);
  return TRUE;
}

static gboolean
parse_crash (Parser      *p,
             IlvStep     *step,
             const IlvToken *keyword)
{
  IlvToken t;

  step->amount = SIGSEGV;
  if (!p->ctx->allow_crash)
    return fail (p, keyword->column, ILV_SCENARIO_ERROR_INVALID,
                 _("crash is allowed only in process workers (Kind=process): a crashing thread or async task would take the whole app down"));
  if (ilv_lexer_peek (&p->lexer).kind != ILV_TOKEN_WORD)
    return TRUE;

  t = ilv_lexer_next (&p->lexer);
  if (t.len == 4 && strncmp (t.start, "exit", 4) == 0)
    {
      if (!parse_integer_arg (p, step, 0, 255, "exit 1"))
        return FALSE;
      step->amount = -step->amount;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (crash_kinds); i++)
    if (strlen (crash_kinds[i].name) == t.len &&
        strncmp (t.start, crash_kinds[i].name, t.len) == 0)
      {
        step->amount = crash_kinds[i].amount;
        return TRUE;
      }
  {
    g_autofree char *shown = ilv_token_describe (&t);

    return fail (p, t.column, ILV_SCENARIO_ERROR_SYNTAX,
                 _("unknown way to crash %s; expected abort, segv, fpe, kill or exit N"), shown);
  }
}

static gboolean
parse_block (Parser  *p,
             IlvStep *step)
{
  g_autoptr(GArray) body = g_array_new (FALSE, TRUE, sizeof (IlvStep));
  IlvToken open = ilv_lexer_next (&p->lexer);
  gboolean ok;

  if (open.kind != ILV_TOKEN_LBRACE)
    {
      g_autofree char *found = ilv_token_describe (&open);

      return fail (p, open.column, ILV_SCENARIO_ERROR_SYNTAX,
                   _("expected \"{\" to open the body of %s, found %s"),
                   ilv_step_kind_to_string (step->kind), found);
    }
  if (p->depth >= ILV_MAX_NESTING)
    return fail (p, open.column, ILV_SCENARIO_ERROR_LIMIT,
                 _("blocks nested more than %d deep; expected at most %d levels"),
                 ILV_MAX_NESTING, ILV_MAX_NESTING);

  p->depth++;
  ok = parse_list (p, body, TRUE);
  p->depth--;
  step->n_body = body->len;
  step->body = (IlvStep *) (void *) g_array_free (g_steal_pointer (&body), FALSE);
  if (!ok)
    return FALSE;

  if (ilv_lexer_peek (&p->lexer).kind != ILV_TOKEN_RBRACE)
    return fail (p, open.column, ILV_SCENARIO_ERROR_SYNTAX,
                 _("unclosed \"{\"; expected \"}\" before the end of the program"));
  ilv_lexer_next (&p->lexer);
  if (step->n_body == 0)
    return fail (p, open.column, ILV_SCENARIO_ERROR_INVALID,
                 _("empty body of %s; expected at least one step between { and }"),
                 ilv_step_kind_to_string (step->kind));
  return TRUE;
}

static gboolean
lookup_step_kind (Parser      *p,
                  const IlvToken *t,
                  IlvStepKind *kind)
{
  const char *names[ILV_N_STEP_KINDS];
  g_autofree char *word = g_strndup (t->start, t->len);
  const char *near;

  for (guint i = 0; i < ILV_N_STEP_KINDS; i++)
    {
      names[i] = ilv_step_kind_to_string ((IlvStepKind) i);
      if (strcmp (word, names[i]) == 0)
        {
          *kind = (IlvStepKind) i;
          return TRUE;
        }
    }
  near = ilv_closest_word (word, names, ILV_N_STEP_KINDS);
  if (near != NULL)
    return fail (p, t->column, ILV_SCENARIO_ERROR_SYNTAX,
                 _("unknown step \"%s\"; did you mean \"%s\"?"), word, near);
  {
    g_autofree char *shown = ilv_token_describe (t);

    return fail (p, t->column, ILV_SCENARIO_ERROR_SYNTAX,
                 _("unknown step %s; expected a step such as compute, sleep, acquire, with, load, put, get, repeat or mark"),
                 shown);
  }
}

static gboolean
parse_step (Parser  *p,
            IlvStep *step)
{
  IlvToken t = ilv_lexer_next (&p->lexer);

  step->resource = -1;
  step->column = t.column;
  if (t.kind != ILV_TOKEN_WORD)
    {
      g_autofree char *found = ilv_token_describe (&t);

      return fail (p, t.column, ILV_SCENARIO_ERROR_SYNTAX,
                   _("unexpected %s; expected a step"), found);
    }
  if (!lookup_step_kind (p, &t, &step->kind))
    return FALSE;

  switch (step->kind)
    {
    case ILV_STEP_COMPUTE:
    case ILV_STEP_SLEEP:
      return parse_duration_arg (p, step);
    case ILV_STEP_ADD:
      return parse_integer_arg (p, step, -G_MAXINT64, G_MAXINT64, "1");
    case ILV_STEP_REPEAT:
      return parse_integer_arg (p, step, 1, ILV_MAX_REPEAT, "3 { … }") &&
             parse_block (p, step);
    case ILV_STEP_FOREVER:
      return parse_block (p, step);
    case ILV_STEP_WITH:
      return parse_resource_arg (p, step) && parse_block (p, step);
    case ILV_STEP_MARK:
      return parse_mark (p, step);
    case ILV_STEP_CRASH:
      return parse_crash (p, step, &t);
    default:
      return parse_resource_arg (p, step);
    }
}

static gboolean
has_block (IlvStepKind kind)
{
  return kind == ILV_STEP_WITH || kind == ILV_STEP_REPEAT || kind == ILV_STEP_FOREVER;
}

static gboolean
parse_list (Parser  *p,
            GArray  *steps,
            gboolean in_block)
{
  for (;;)
    {
      IlvStep step = { 0, };
      IlvToken t;

      while (ilv_lexer_peek (&p->lexer).kind == ILV_TOKEN_SEP)
        ilv_lexer_next (&p->lexer);
      t = ilv_lexer_peek (&p->lexer);
      if (t.kind == ILV_TOKEN_END || (t.kind == ILV_TOKEN_RBRACE && in_block))
        return TRUE;
      if (t.kind == ILV_TOKEN_RBRACE)
        return fail (p, t.column, ILV_SCENARIO_ERROR_SYNTAX,
                     _("unmatched \"}\"; expected a step"));

      if (!parse_step (p, &step))
        {
          g_array_append_val (steps, step);  /* freed with the others */
          return FALSE;
        }
      g_array_append_val (steps, step);

      t = ilv_lexer_peek (&p->lexer);
      if (t.kind != ILV_TOKEN_SEP && t.kind != ILV_TOKEN_END && t.kind != ILV_TOKEN_RBRACE &&
          !has_block (step.kind))
        {
          g_autofree char *found = ilv_token_describe (&t);

          return fail (p, t.column, ILV_SCENARIO_ERROR_SYNTAX,
                       _("unexpected %s after %s; expected \";\" or a new line between steps"),
                       found, ilv_step_kind_to_string (step.kind));
        }
    }
}

IlvProgram *
ilv_program_parse (const char              *text,
                   const IlvProgramContext *context,
                   guint                   *error_column,
                   GError                 **error)
{
  Parser p = { 0, };
  g_autoptr(IlvProgram) program = g_new0 (IlvProgram, 1);
  g_autoptr(GArray) steps = g_array_new (FALSE, TRUE, sizeof (IlvStep));
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);

  ilv_lexer_init (&p.lexer, text);
  p.ctx = context;

  ok = parse_list (&p, steps, FALSE);
  program->n_steps = steps->len;
  program->steps = (IlvStep *) (void *) g_array_free (g_steal_pointer (&steps), FALSE);

  if (ok && program->n_steps == 0)
    fail (&p, 0, ILV_SCENARIO_ERROR_INVALID,
          _("the program is empty; expected at least one step, such as compute 10ms"));

  if (p.error != NULL)
    {
      if (error_column != NULL)
        *error_column = p.error_column;
      g_propagate_error (error, p.error);
      return NULL;
    }
  if (error_column != NULL)
    *error_column = 0;
  return g_steal_pointer (&program);
}
