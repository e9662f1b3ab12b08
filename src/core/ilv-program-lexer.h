/* ilv-program-lexer.h: the tokens of the step language
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ILV_TOKEN_END,
  ILV_TOKEN_SEP,       /* ";" or a new line */
  ILV_TOKEN_LBRACE,
  ILV_TOKEN_RBRACE,
  ILV_TOKEN_LBRACKET,
  ILV_TOKEN_RBRACKET,
  ILV_TOKEN_WORD,
  ILV_TOKEN_STRING,    /* from the opening quote to the closing one, if any */
} IlvTokenKind;

typedef struct
{
  IlvTokenKind  kind;
  const char   *start;
  gsize         len;
  guint         column;   /* 1-based, in characters */
} IlvToken;

typedef struct
{
  const char *text;
  const char *pos;
  const char *col_pos;    /* column cache: col_pos is at column col */
  guint       col;
  IlvToken    peeked;
  gboolean    has_peeked;
} IlvLexer;

void      ilv_lexer_init       (IlvLexer       *lexer,
                                const char     *text);
IlvToken  ilv_lexer_peek       (IlvLexer       *lexer);
IlvToken  ilv_lexer_next       (IlvLexer       *lexer);
/* The 1-based character column of a position in the text. */
guint     ilv_lexer_column_at  (IlvLexer       *lexer,
                                const char     *at);
/* The token for a message: "\"word\"", "a new line", "the end of the program". */
char     *ilv_token_describe   (const IlvToken *token);

G_END_DECLS
