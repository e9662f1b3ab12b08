/* ilv-duration.c: the numbers of a scenario file, durations and integers
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ilv-duration.h"
#include "ilv-scenario.h"

#define EXCERPT_CHARS 40
#define MAX_FRACTION_DIGITS 9

typedef struct
{
  const char *name;
  gint64      ns;
} Unit;

static const Unit units[] = {
  { "ns", 1 },
  { "us", ILV_NS_PER_US },
  { "\xc2\xb5s", ILV_NS_PER_US },  /* MICRO SIGN */
  { "\xce\xbcs", ILV_NS_PER_US },  /* GREEK SMALL LETTER MU */
  { "ms", ILV_NS_PER_MS },
  { "s", ILV_NS_PER_S },
};

char *
ilv_text_excerpt (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  const char *end;

  if (g_utf8_strlen (valid, -1) <= EXCERPT_CHARS)
    return g_steal_pointer (&valid);

  end = g_utf8_offset_to_pointer (valid, EXCERPT_CHARS);
  return g_strdup_printf ("%.*s…", (int) (end - valid), valid);
}

char *
ilv_quote_excerpt (const char *text)
{
  g_autofree char *excerpt = ilv_text_excerpt (text);

  return g_strdup_printf ("\"%s\"", excerpt);
}

static gboolean
range_error (const char  *text,
             gboolean     too_large,
             const char  *lo,
             const char  *hi,
             GError     **error)
{
  g_autofree char *quoted = ilv_quote_excerpt (text);

  g_set_error (error, ILV_SCENARIO_ERROR,
               too_large ? ILV_SCENARIO_ERROR_LIMIT : ILV_SCENARIO_ERROR_INVALID,
               too_large ? _("%s is too large; expected %s..%s")
                         : _("%s is too small; expected %s..%s"),
               quoted, lo, hi);
  return FALSE;
}

/* Accumulates decimal digits; FALSE on overflow past G_MAXINT64. */
static gboolean
read_digits (const char **p,
             guint64     *value,
             guint       *n_digits)
{
  gboolean ok = TRUE;

  *value = 0;
  *n_digits = 0;
  while (g_ascii_isdigit (**p))
    {
      guint d = (guint) (**p - '0');

      if (*value > (guint64) (G_MAXINT64 - d) / 10)
        ok = FALSE;
      else
        *value = *value * 10 + d;
      (*n_digits)++;
      (*p)++;
    }
  return ok;
}

static const Unit *
find_unit (const char *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (p, units[i].name) == 0)
      return &units[i];
  return NULL;
}

/* The fraction's worth in ns: ".25" of ms is 250000. */
static gint64
fraction_ns (const char **p,
             gint64       unit_ns)
{
  gint64 frac = 0;
  gint64 scale = 1;
  guint used = 0;

  while (g_ascii_isdigit (**p))
    {
      if (used < MAX_FRACTION_DIGITS)
        {
          frac = frac * 10 + (**p - '0');
          scale *= 10;
          used++;
        }
      (*p)++;
    }
  /* frac < 10^9 and unit_ns ≤ 10^9: the product fits in 63 bits */
  return frac * unit_ns / scale;
}

static gboolean
not_a_duration (const char  *text,
                GError     **error)
{
  g_autofree char *quoted = ilv_quote_excerpt (text);

  g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID,
               _("%s is not a duration; expected a number and a unit (ns, us, ms or s), such as 10ms"),
               quoted);
  return FALSE;
}

static gboolean
check_range (const char  *text,
             gboolean     overflow,
             gint64       ns,
             gint64       min_ns,
             gint64       max_ns,
             GError     **error)
{
  g_autofree char *lo = ilv_duration_format (min_ns);
  g_autofree char *hi = ilv_duration_format (max_ns);

  if (overflow || ns > max_ns)
    return range_error (text, TRUE, lo, hi, error);
  if (ns < min_ns)
    return range_error (text, FALSE, lo, hi, error);
  return TRUE;
}

/* Negative, or a number without its unit: both messages give the range. */
static gboolean
duration_error (const char  *text,
                gboolean     negative,
                gint64       min_ns,
                gint64       max_ns,
                GError     **error)
{
  g_autofree char *quoted = ilv_quote_excerpt (text);
  g_autofree char *lo = ilv_duration_format (min_ns);
  g_autofree char *hi = ilv_duration_format (max_ns);

  if (negative)
    g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID,
                 _("%s is negative; expected %s..%s"), quoted, lo, hi);
  else
    g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID,
                 _("%s has no unit; expected ns, us, ms or s, within %s..%s"), quoted, lo, hi);
  return FALSE;
}

/* Past the fraction digits and any blanks: where the unit starts. */
static const char *
skip_to_unit (const char *p)
{
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* whole.fraction × unit, or FALSE on overflow. */
static gboolean
scale (guint64     whole,
       const char *fraction,
       gint64      unit_ns,
       gint64     *out_ns)
{
  gint64 frac = 0;

  if (whole > (guint64) G_MAXINT64 / (guint64) unit_ns)
    return FALSE;
  if (*fraction == '.')
    {
      fraction++;
      frac = fraction_ns (&fraction, unit_ns);
    }
  if ((gint64) whole * unit_ns > G_MAXINT64 - frac)
    return FALSE;
  *out_ns = (gint64) whole * unit_ns + frac;
  return TRUE;
}

gboolean
ilv_duration_parse (const char  *text,
                    gint64       min_ns,
                    gint64       max_ns,
                    gint64      *out_ns,
                    GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *p = copy;
  const char *unit_start;
  const Unit *unit;
  guint64 whole;
  guint n_digits;
  gboolean ok;
  gint64 ns = G_MAXINT64;

  if (*p == '-')
    return duration_error (copy, TRUE, min_ns, max_ns, error);

  ok = read_digits (&p, &whole, &n_digits);
  if (n_digits == 0)
    return not_a_duration (copy, error);
  unit_start = skip_to_unit (p);
  if (*unit_start == '\0')
    return duration_error (copy, FALSE, min_ns, max_ns, error);
  unit = find_unit (unit_start);
  if (unit == NULL)
    return not_a_duration (copy, error);

  ok = ok && scale (whole, p, unit->ns, &ns);
  if (!check_range (copy, !ok, ns, min_ns, max_ns, error))
    return FALSE;
  *out_ns = ns;
  return TRUE;
}

char *
ilv_duration_format (gint64 ns)
{
  if (ns != 0 && ns % ILV_NS_PER_S == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "s", ns / ILV_NS_PER_S);
  if (ns != 0 && ns % ILV_NS_PER_MS == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "ms", ns / ILV_NS_PER_MS);
  if (ns != 0 && ns % ILV_NS_PER_US == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "us", ns / ILV_NS_PER_US);
  return g_strdup_printf ("%" G_GINT64_FORMAT "ns", ns);
}

gboolean
ilv_integer_parse (const char  *text,
                   gint64       min,
                   gint64       max,
                   gint64      *out,
                   GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autofree char *lo = g_strdup_printf ("%" G_GINT64_FORMAT, min);
  g_autofree char *hi = g_strdup_printf ("%" G_GINT64_FORMAT, max);
  const char *p = copy;
  gboolean negative = FALSE;
  gboolean overflow;
  guint64 magnitude;
  guint n_digits;
  gint64 value;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  overflow = !read_digits (&p, &magnitude, &n_digits);
  if (n_digits == 0 || *p != '\0')
    {
      g_autofree char *quoted = ilv_quote_excerpt (copy);

      g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID,
                   _("%s is not a whole number; expected %s..%s"), quoted, lo, hi);
      return FALSE;
    }

  value = negative ? -(gint64) magnitude : (gint64) magnitude;
  if (overflow)
    return range_error (copy, !negative, lo, hi, error);
  if (value > max)
    return range_error (copy, TRUE, lo, hi, error);
  if (value < min)
    return range_error (copy, FALSE, lo, hi, error);

  *out = value;
  return TRUE;
}
