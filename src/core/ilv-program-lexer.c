/* ilv-program-lexer.c: the tokens of the step language
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ilv-duration.h"
#include "ilv-program-lexer.h"

void
ilv_lexer_init (IlvLexer   *lexer,
                const char *text)
{
  memset (lexer, 0, sizeof *lexer);
  lexer->text = lexer->pos = lexer->col_pos = text;
  lexer->col = 1;
}

guint
ilv_lexer_column_at (IlvLexer   *p,
                     const char *at)
{
  if (at < p->col_pos)
    {
      p->col_pos = p->text;
      p->col = 1;
    }
  p->col += (guint) g_utf8_pointer_to_offset (p->col_pos, at);
  p->col_pos = at;
  return p->col;
}

static gboolean
is_word_char (char c)
{
  return c != '\0' && strchr (" \t\r\n;{}[]\"#", c) == NULL;
}

static IlvToken
lex (IlvLexer *p)
{
  IlvToken t = { ILV_TOKEN_END, NULL, 0, 0 };
  const char *s = p->pos;

  for (;;)
    {
      while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
      if (*s != '#')
        break;
      while (*s != '\0' && *s != '\n')
        s++;
    }

  t.start = s;
  t.column = ilv_lexer_column_at (p, s);
  switch (*s)
    {
    case '\0': t.kind = ILV_TOKEN_END; break;
    case '\n': case ';': t.kind = ILV_TOKEN_SEP; t.len = 1; break;
    case '{': t.kind = ILV_TOKEN_LBRACE; t.len = 1; break;
    case '}': t.kind = ILV_TOKEN_RBRACE; t.len = 1; break;
    case '[': t.kind = ILV_TOKEN_LBRACKET; t.len = 1; break;
    case ']': t.kind = ILV_TOKEN_RBRACKET; t.len = 1; break;
    case '"':
      t.kind = ILV_TOKEN_STRING;
      for (t.len = 1; s[t.len] != '\0' && s[t.len] != '\n' && s[t.len] != '"'; t.len++)
        if (s[t.len] == '\\' && s[t.len + 1] != '\0' && s[t.len + 1] != '\n')
          t.len++;
      if (s[t.len] == '"')
        t.len++;
      break;
    default:
      t.kind = ILV_TOKEN_WORD;
      while (is_word_char (s[t.len]))
        t.len++;
      break;
    }
  p->pos = s + t.len;
  return t;
}

IlvToken
ilv_lexer_peek (IlvLexer *p)
{
  if (!p->has_peeked)
    {
      p->peeked = lex (p);
      p->has_peeked = TRUE;
    }
  return p->peeked;
}

IlvToken
ilv_lexer_next (IlvLexer *p)
{
  IlvToken t = ilv_lexer_peek (p);

  p->has_peeked = FALSE;
  return t;
}

char *
ilv_token_describe (const IlvToken *t)
{
  if (t->kind == ILV_TOKEN_END)
    return g_strdup (_("the end of the program"));
  if (t->kind == ILV_TOKEN_SEP && *t->start == '\n')
    return g_strdup (_("a new line"));
  {
    g_autofree char *text = g_strndup (t->start, t->len);

    return ilv_quote_excerpt (text);
  }
}
