/* ilv-json-writer.c: a small streaming JSON writer that always writes valid JSON
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ilv-json-writer.h"

struct _IlvJsonWriter
{
  GString  *out;
  /* One entry per open container: has it had a member yet? */
  GArray   *first;
  gboolean  after_key;
};

IlvJsonWriter *
ilv_json_writer_new (GString *out)
{
  IlvJsonWriter *self;

  g_return_val_if_fail (out != NULL, NULL);

  self = g_new0 (IlvJsonWriter, 1);
  self->out = out;
  self->first = g_array_new (FALSE, FALSE, sizeof (gboolean));
  return self;
}

void
ilv_json_writer_free (IlvJsonWriter *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->first);
  g_free (self);
}

/* Writes the comma a value needs, unless it follows its key. */
static void
separate (IlvJsonWriter *self)
{
  gboolean *first;

  if (self->after_key)
    {
      self->after_key = FALSE;
      return;
    }
  if (self->first->len == 0)
    return;
  first = &g_array_index (self->first, gboolean, self->first->len - 1);
  if (!*first)
    g_string_append_c (self->out, ',');
  *first = FALSE;
}

static void
open_container (IlvJsonWriter *self,
                char           c)
{
  gboolean first = TRUE;

  separate (self);
  g_string_append_c (self->out, c);
  g_array_append_val (self->first, first);
}

static void
close_container (IlvJsonWriter *self,
                 char           c)
{
  g_return_if_fail (self->first->len > 0);

  g_array_set_size (self->first, self->first->len - 1);
  g_string_append_c (self->out, c);
}

void
ilv_json_writer_begin_object (IlvJsonWriter *self)
{
  g_return_if_fail (self != NULL);
  open_container (self, '{');
}

void
ilv_json_writer_end_object (IlvJsonWriter *self)
{
  g_return_if_fail (self != NULL);
  close_container (self, '}');
}

void
ilv_json_writer_begin_array (IlvJsonWriter *self)
{
  g_return_if_fail (self != NULL);
  open_container (self, '[');
}

void
ilv_json_writer_end_array (IlvJsonWriter *self)
{
  g_return_if_fail (self != NULL);
  close_container (self, ']');
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

void
ilv_json_writer_key (IlvJsonWriter *self,
                     const char    *key)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->after_key);

  separate (self);
  append_escaped (self->out, key);
  g_string_append_c (self->out, ':');
  self->after_key = TRUE;
}

void
ilv_json_writer_string (IlvJsonWriter *self,
                        const char    *value)
{
  g_return_if_fail (self != NULL);

  separate (self);
  append_escaped (self->out, value);
}

void
ilv_json_writer_int (IlvJsonWriter *self,
                     gint64         value)
{
  g_return_if_fail (self != NULL);

  separate (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

/* The shortest of %.15g, %.16g and %.17g that reads back as the same
 * double, so 123.4 stays 123.4 and nothing is lost. */
static void
format_double (char   *buf,
               gsize   len,
               double  value)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, len, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        return;
    }
}

void
ilv_json_writer_double (IlvJsonWriter *self,
                        double         value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (self != NULL);

  if (!isfinite (value))
    {
      ilv_json_writer_null (self);
      return;
    }
  if (value == 0.0)
    value = 0.0; /* no "-0" */
  format_double (buf, sizeof buf, value);
  separate (self);
  g_string_append (self->out, buf);
  /* "1e+20" is valid JSON; "inf" and "nan" cannot happen here. */
}

void
ilv_json_writer_boolean (IlvJsonWriter *self,
                         gboolean       value)
{
  g_return_if_fail (self != NULL);

  separate (self);
  g_string_append (self->out, value ? "true" : "false");
}

void
ilv_json_writer_null (IlvJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  separate (self);
  g_string_append (self->out, "null");
}
