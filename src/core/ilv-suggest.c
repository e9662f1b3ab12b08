/* ilv-suggest.c: "did you mean …?" for misspelt names
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-suggest.h"

static guint
edit_distance (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

const char *
ilv_closest_word (const char         *word,
                  const char * const *candidates,
                  guint               n_candidates)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  gsize len = strlen (word);

  if (len > 64)
    return NULL;

  /* a cut-off word ("repe") means the candidate it starts */
  for (guint i = 0; len >= 3 && i < n_candidates; i++)
    if (g_str_has_prefix (candidates[i], word) && strcmp (candidates[i], word) != 0)
      return candidates[i];

  for (guint i = 0; i < n_candidates; i++)
    {
      guint d = edit_distance (word, candidates[i]);

      if (d < best_distance)
        {
          best = candidates[i];
          best_distance = d;
        }
    }
  if (best != NULL && best_distance <= MAX (1, MIN (len, strlen (best)) / 3 + 1) &&
      best_distance < len)
    return best;
  return NULL;
}
