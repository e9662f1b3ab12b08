/* ilv-json-reader.c: a small, strict, bounded JSON reader
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ilv-json-reader.h"

#define MAX_NUMBER_LENGTH 64

G_DEFINE_QUARK (ilv-json-error-quark, ilv_json_error)

void
ilv_json_reader_init (IlvJsonReader *reader,
                      const char    *data,
                      gsize          length)
{
  reader->data = data;
  reader->length = data != NULL ? length : 0;
  reader->pos = 0;
}

static void
skip_space (IlvJsonReader *r)
{
  while (r->pos < r->length &&
         (r->data[r->pos] == ' ' || r->data[r->pos] == '\t' ||
          r->data[r->pos] == '\n' || r->data[r->pos] == '\r'))
    r->pos++;
}

static gboolean
fail (IlvJsonReader  *r,
      GError        **error,
      const char     *what)
{
  if (r->pos >= r->length)
    g_set_error (error, ILV_JSON_ERROR, ILV_JSON_ERROR_TRUNCATED,
                 _("The data ends early, after %zu bytes, inside %s"),
                 r->length, what);
  else
    g_set_error (error, ILV_JSON_ERROR, ILV_JSON_ERROR_SYNTAX,
                 _("Not valid JSON at byte %zu: expected %s"),
                 r->pos, what);
  return FALSE;
}

gboolean
ilv_json_reader_at_end (IlvJsonReader *reader)
{
  skip_space (reader);
  return reader->pos >= reader->length;
}

gboolean
ilv_json_reader_expect (IlvJsonReader  *reader,
                        char            c,
                        GError        **error)
{
  char what[8];

  skip_space (reader);
  if (reader->pos < reader->length && reader->data[reader->pos] == c)
    {
      reader->pos++;
      return TRUE;
    }
  g_snprintf (what, sizeof what, "“%c”", c);
  return fail (reader, error, what);
}

gboolean
ilv_json_reader_next (IlvJsonReader  *reader,
                      char            close,
                      gboolean       *first,
                      GError        **error)
{
  skip_space (reader);
  if (reader->pos < reader->length && reader->data[reader->pos] == close)
    {
      reader->pos++;
      return FALSE;
    }
  if (!*first && !ilv_json_reader_expect (reader, ',', error))
    return FALSE;
  *first = FALSE;
  return TRUE;
}

static gboolean
read_hex4 (IlvJsonReader *r,
           gunichar      *out)
{
  *out = 0;
  if (r->length - r->pos < 4)
    {
      r->pos = r->length;
      return FALSE;
    }
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (r->data[r->pos]);

      if (digit < 0)
        return FALSE;
      *out = (*out << 4) | (gunichar) digit;
      r->pos++;
    }
  return TRUE;
}

/* \uXXXX, with surrogate pairs; a lone surrogate becomes U+FFFD. */
static gboolean
read_unicode_escape (IlvJsonReader *r,
                     GString       *out)
{
  gunichar c;
  gunichar low;

  if (!read_hex4 (r, &c))
    return FALSE;
  if (c >= 0xD800 && c <= 0xDBFF && r->length - r->pos >= 6 &&
      r->data[r->pos] == '\\' && r->data[r->pos + 1] == 'u')
    {
      gsize save = r->pos;

      r->pos += 2;
      if (read_hex4 (r, &low) && low >= 0xDC00 && low <= 0xDFFF)
        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
      else
        r->pos = save;
    }
  if (c >= 0xD800 && c <= 0xDFFF)
    c = 0xFFFD;
  if (c == 0)
    c = 0xFFFD; /* a NUL would cut the C string short */
  g_string_append_unichar (out, c);
  return TRUE;
}

static char *
read_string (IlvJsonReader  *r,
             GError        **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  static const char escapes[] = "\"\\/bfnrt";
  static const char values[] = "\"\\/\b\f\n\r\t";

  if (!ilv_json_reader_expect (r, '"', error))
    return NULL;
  while (r->pos < r->length)
    {
      unsigned char c = (unsigned char) r->data[r->pos++];
      const char *e;

      if (c == '"')
        {
          char *valid = g_utf8_make_valid (out->str, out->len);

          return valid;
        }
      if (c < 0x20)
        {
          r->pos--;
          fail (r, error, _("a character (raw control characters are not allowed in strings)"));
          return NULL;
        }
      if (c != '\\')
        {
          g_string_append_c (out, (char) c);
          continue;
        }
      if (r->pos >= r->length)
        break;
      c = (unsigned char) r->data[r->pos++];
      if (c == 'u')
        {
          if (!read_unicode_escape (r, out))
            {
              fail (r, error, _("four hexadecimal digits after \\u"));
              return NULL;
            }
        }
      else if (c != '\0' && (e = strchr (escapes, c)) != NULL)
        g_string_append_c (out, values[e - escapes]);
      else
        {
          r->pos--;
          fail (r, error, _("a valid escape sequence"));
          return NULL;
        }
    }
  fail (r, error, _("a string"));
  return NULL;
}

static gsize
skip_digits (IlvJsonReader *r)
{
  gsize n = 0;

  while (r->pos < r->length && g_ascii_isdigit (r->data[r->pos]))
    {
      r->pos++;
      n++;
    }
  return n;
}

static gboolean
read_number (IlvJsonReader  *r,
             IlvJsonNode    *node,
             guint           depth,
             GError        **error)
{
  gsize start = r->pos;
  gboolean integer = TRUE;
  char buf[MAX_NUMBER_LENGTH + 1];
  gsize len;

  if (r->pos < r->length && r->data[r->pos] == '-')
    r->pos++;
  if (r->pos < r->length && r->data[r->pos] == '0')
    r->pos++;
  else if (skip_digits (r) == 0)
    return fail (r, error, _("a number"));
  if (r->pos < r->length && r->data[r->pos] == '.')
    {
      r->pos++;
      integer = FALSE;
      if (skip_digits (r) == 0)
        return fail (r, error, _("digits after the decimal point"));
    }
  if (r->pos < r->length && (r->data[r->pos] == 'e' || r->data[r->pos] == 'E'))
    {
      r->pos++;
      integer = FALSE;
      if (r->pos < r->length && (r->data[r->pos] == '+' || r->data[r->pos] == '-'))
        r->pos++;
      if (skip_digits (r) == 0)
        return fail (r, error, _("digits in the exponent"));
    }
  /* Inside a container, a number that touches the end was cut short. */
  if (r->pos >= r->length && depth > 1)
    return fail (r, error, _("a number"));
  len = r->pos - start;
  if (len > MAX_NUMBER_LENGTH)
    {
      r->pos = start;
      return fail (r, error, _("a number of reasonable length"));
    }
  memcpy (buf, r->data + start, len);
  buf[len] = '\0';
  node->type = ILV_JSON_NUMBER;
  node->number = g_ascii_strtod (buf, NULL);
  if (integer)
    {
      errno = 0;
      node->integer = g_ascii_strtoll (buf, NULL, 10);
      node->is_integer = errno == 0;
    }
  return isfinite (node->number) || fail (r, error, _("a finite number"));
}

static gboolean
read_literal (IlvJsonReader  *r,
              const char     *word,
              GError        **error)
{
  gsize len = strlen (word);

  if (r->length - r->pos >= len && memcmp (r->data + r->pos, word, len) == 0)
    {
      r->pos += len;
      return TRUE;
    }
  if (r->length - r->pos < len && memcmp (r->data + r->pos, word, r->length - r->pos) == 0)
    r->pos = r->length;
  return fail (r, error, word);
}

static IlvJsonNode *read_value (IlvJsonReader *r, guint depth, GError **error);

static gboolean
read_container (IlvJsonReader  *r,
                IlvJsonNode    *node,
                guint           depth,
                GError        **error)
{
  gboolean object = node->type == ILV_JSON_OBJECT;
  gboolean first = TRUE;

  node->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ilv_json_node_free);
  if (object)
    node->keys = g_ptr_array_new_with_free_func (g_free);
  r->pos++;
  while (TRUE)
    {
      GError *local = NULL;
      IlvJsonNode *child;

      if (!ilv_json_reader_next (r, object ? '}' : ']', &first, &local))
        {
          if (local == NULL)
            return TRUE;
          g_propagate_error (error, local);
          return FALSE;
        }
      if (object)
        {
          char *key = ilv_json_reader_key (r, error);

          if (key == NULL)
            return FALSE;
          g_ptr_array_add (node->keys, key);
        }
      child = read_value (r, depth + 1, error);
      if (child == NULL)
        {
          if (object)
            g_ptr_array_set_size (node->keys, node->keys->len - 1);
          return FALSE;
        }
      g_ptr_array_add (node->items, child);
    }
}

static IlvJsonNode *
read_value (IlvJsonReader  *r,
            guint           depth,
            GError        **error)
{
  g_autoptr(IlvJsonNode) node = g_new0 (IlvJsonNode, 1);
  gboolean ok;
  char c;

  skip_space (r);
  if (depth > ILV_JSON_MAX_DEPTH)
    {
      g_set_error (error, ILV_JSON_ERROR, ILV_JSON_ERROR_TOO_DEEP,
                   _("Nested more than %d levels deep at byte %zu"),
                   ILV_JSON_MAX_DEPTH, r->pos);
      return NULL;
    }
  if (r->pos >= r->length)
    {
      fail (r, error, _("a value"));
      return NULL;
    }
  c = r->data[r->pos];
  switch (c)
    {
    case '{':
    case '[':
      node->type = c == '{' ? ILV_JSON_OBJECT : ILV_JSON_ARRAY;
      ok = read_container (r, node, depth, error);
      break;
    case '"':
      node->type = ILV_JSON_STRING;
      ok = (node->string = read_string (r, error)) != NULL;
      break;
    case 't':
    case 'f':
      node->type = ILV_JSON_BOOLEAN;
      node->boolean = c == 't';
      ok = read_literal (r, c == 't' ? "true" : "false", error);
      break;
    case 'n':
      ok = read_literal (r, "null", error);
      break;
    default:
      ok = read_number (r, node, depth, error);
      break;
    }
  return ok ? g_steal_pointer (&node) : NULL;
}

IlvJsonNode *
ilv_json_reader_value (IlvJsonReader  *reader,
                       GError        **error)
{
  return read_value (reader, 1, error);
}

char *
ilv_json_reader_key (IlvJsonReader  *reader,
                     GError        **error)
{
  char *key = read_string (reader, error);

  if (key != NULL && !ilv_json_reader_expect (reader, ':', error))
    g_clear_pointer (&key, g_free);
  return key;
}

/**
 * ilv_json_parse:
 *
 * Returns: (transfer full) (nullable): the one value the data holds
 */
IlvJsonNode *
ilv_json_parse (const char  *data,
                gsize        length,
                GError     **error)
{
  IlvJsonReader reader;
  g_autoptr(IlvJsonNode) node = NULL;

  ilv_json_reader_init (&reader, data, length);
  node = ilv_json_reader_value (&reader, error);
  if (node == NULL)
    return NULL;
  if (!ilv_json_reader_at_end (&reader))
    {
      fail (&reader, error, _("the end of the data after the value"));
      return NULL;
    }
  return g_steal_pointer (&node);
}

void
ilv_json_node_free (IlvJsonNode *node)
{
  if (node == NULL)
    return;
  g_free (node->string);
  g_clear_pointer (&node->items, g_ptr_array_unref);
  g_clear_pointer (&node->keys, g_ptr_array_unref);
  g_free (node);
}

const IlvJsonNode *
ilv_json_node_get (const IlvJsonNode *object,
                   const char        *key)
{
  if (object == NULL || object->type != ILV_JSON_OBJECT)
    return NULL;
  for (guint i = 0; i < object->keys->len; i++)
    if (strcmp (g_ptr_array_index (object->keys, i), key) == 0)
      return g_ptr_array_index (object->items, i);
  return NULL;
}

/* The member `key` of `object` when it has the type `type`, else NULL. */
static const IlvJsonNode *
ilv_json_node_get_typed (const IlvJsonNode *object,
                         const char        *key,
                         IlvJsonType        type)
{
  const IlvJsonNode *node = ilv_json_node_get (object, key);

  return node != NULL && node->type == type ? node : NULL;
}

gboolean
ilv_json_node_get_int (const IlvJsonNode *object,
                       const char        *key,
                       gint64            *value)
{
  const IlvJsonNode *node = ilv_json_node_get_typed (object, key, ILV_JSON_NUMBER);

  if (node == NULL || !node->is_integer)
    return FALSE;
  *value = node->integer;
  return TRUE;
}

gboolean
ilv_json_node_get_double (const IlvJsonNode *object,
                          const char        *key,
                          double            *value)
{
  const IlvJsonNode *node = ilv_json_node_get_typed (object, key, ILV_JSON_NUMBER);

  if (node != NULL)
    *value = node->number;
  return node != NULL;
}

const char *
ilv_json_node_get_string (const IlvJsonNode *object,
                          const char        *key)
{
  const IlvJsonNode *node = ilv_json_node_get_typed (object, key, ILV_JSON_STRING);

  return node != NULL ? node->string : NULL;
}

gboolean
ilv_json_node_get_boolean (const IlvJsonNode *object,
                           const char        *key,
                           gboolean          *value)
{
  const IlvJsonNode *node = ilv_json_node_get_typed (object, key, ILV_JSON_BOOLEAN);

  if (node != NULL)
    *value = node->boolean;
  return node != NULL;
}
