/* ilv-program-hold.c: a program's text held under a lock, or let go of it
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Works on the text the person typed, not on a parsed program, so that the
 * rest of the program keeps its spelling, its comments and its lines.
 */

#include "config.h"

#include <string.h>

#include "ilv-program-hold.h"
#include "ilv-program-lexer.h"

static IlvToken
next_past_separators (IlvLexer *lexer)
{
  IlvToken t;

  do
    t = ilv_lexer_next (lexer);
  while (t.kind == ILV_TOKEN_SEP);
  return t;
}

/* For "with NAME { BODY }" and nothing else around it: TRUE, the name and
 * where the body starts and ends in `text`. */
static gboolean
split_hold (const char  *text,
            char       **name,
            const char **body,
            const char **body_end)
{
  IlvLexer lexer;
  IlvToken t;
  IlvToken lock;
  guint depth = 1;

  ilv_lexer_init (&lexer, text);
  t = next_past_separators (&lexer);
  if (t.kind != ILV_TOKEN_WORD || t.len != 4 || strncmp (t.start, "with", 4) != 0)
    return FALSE;
  lock = ilv_lexer_next (&lexer);
  if (lock.kind != ILV_TOKEN_WORD)
    return FALSE;
  t = ilv_lexer_next (&lexer);
  if (t.kind != ILV_TOKEN_LBRACE)
    return FALSE;
  *body = t.start + 1;

  while (depth > 0)
    {
      t = ilv_lexer_next (&lexer);
      if (t.kind == ILV_TOKEN_END)
        return FALSE;
      if (t.kind == ILV_TOKEN_LBRACE)
        depth++;
      else if (t.kind == ILV_TOKEN_RBRACE)
        depth--;
    }
  *body_end = t.start;
  if (next_past_separators (&lexer).kind != ILV_TOKEN_END)
    return FALSE;

  *name = g_strndup (lock.start, lock.len);
  return TRUE;
}

/**
 * ilv_program_text_get_hold:
 *
 * Returns: (transfer full) (nullable): the name of the lock held around
 * the whole program
 */
char *
ilv_program_text_get_hold (const char *text)
{
  const char *body, *body_end;
  char *name = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!split_hold (text, &name, &body, &body_end))
    return NULL;
  return name;
}

/**
 * ilv_program_text_set_hold:
 *
 * Returns: (transfer full): the program with `lock` held around it, or
 * with no lock around it when `lock` is NULL
 */
char *
ilv_program_text_set_hold (const char *text,
                           const char *lock)
{
  g_autofree char *held = NULL;
  g_autofree char *inner = NULL;
  const char *body, *body_end;

  g_return_val_if_fail (text != NULL, NULL);

  if (split_hold (text, &held, &body, &body_end))
    inner = g_strndup (body, body_end - body);
  else
    inner = g_strdup (text);
  g_strstrip (inner);

  if (lock == NULL)
    return g_steal_pointer (&inner);
  return g_strdup_printf ("with %s { %s }", lock, inner);
}
