/* test-json.c: the JSON writer always writes valid JSON; the reader is
 * strict, bounded, and never crashes
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "ilv-json-reader.h"
#include "ilv-json-writer.h"
#include "trace-fixture.h"

static char *
write_awkward (void)
{
  GString *out = g_string_new (NULL);
  g_autoptr(IlvJsonWriter) w = ilv_json_writer_new (out);

  ilv_json_writer_begin_object (w);
  ilv_json_writer_key (w, "text");
  ilv_json_writer_string (w, "quote \" backslash \\ newline \n tab \t bell \a del \x7f");
  ilv_json_writer_key (w, "bad \xff\xfe utf-8");
  ilv_json_writer_string (w, "caf\xc3\xa9 \xe2\x82 cut");
  ilv_json_writer_key (w, "numbers");
  ilv_json_writer_begin_array (w);
  ilv_json_writer_double (w, 123.4);
  ilv_json_writer_double (w, 0.1);
  ilv_json_writer_double (w, NAN);
  ilv_json_writer_double (w, INFINITY);
  ilv_json_writer_double (w, -0.0);
  ilv_json_writer_double (w, 1e300);
  ilv_json_writer_double (w, 1.0 / 3.0);
  ilv_json_writer_int (w, G_MININT64);
  ilv_json_writer_int (w, G_MAXINT64);
  ilv_json_writer_end_array (w);
  ilv_json_writer_key (w, "empty");
  ilv_json_writer_begin_object (w);
  ilv_json_writer_end_object (w);
  ilv_json_writer_key (w, "flags");
  ilv_json_writer_begin_array (w);
  ilv_json_writer_boolean (w, TRUE);
  ilv_json_writer_boolean (w, FALSE);
  ilv_json_writer_null (w);
  ilv_json_writer_string (w, NULL);
  ilv_json_writer_end_array (w);
  ilv_json_writer_end_object (w);
  return g_string_free (out, FALSE);
}

static void
test_writer (void)
{
  g_autofree char *json = write_awkward ();
  g_autofree char *out = NULL;
  g_autoptr(IlvJsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const IlvJsonNode *numbers;

  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_nonnull (strstr (json, "[123.4,0.1,null,null,0,1e+300,0.3333333333333333,"
                                  "-9223372036854775808,9223372036854775807]"));
  g_assert_nonnull (strstr (json, "\\u0007"));
  g_assert_nonnull (strstr (json, "\"empty\":{}"));

  /* Our reader takes it back, exactly. */
  root = ilv_json_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  numbers = ilv_json_node_get (root, "numbers");
  g_assert_cmpuint (numbers->items->len, ==, 9);
  g_assert_cmpfloat (((IlvJsonNode *) g_ptr_array_index (numbers->items, 6))->number, ==, 1.0 / 3.0);
  g_assert_cmpint (((IlvJsonNode *) g_ptr_array_index (numbers->items, 7))->integer, ==, G_MININT64);
  g_assert_cmpstr (ilv_json_node_get_string (root, "text"), ==,
                   "quote \" backslash \\ newline \n tab \t bell \a del \x7f");

  if (!trace_fixture_python_json (json, "print(d['numbers'][2], d['numbers'][8], d['flags'])", &out))
    {
      g_test_skip ("python3 is not installed: the JSON was not checked by a second parser");
      return;
    }
  g_assert_cmpstr (out, ==, "None 9223372036854775807 [True, False, None, '']\n");
}

static void
assert_rejected (const char *json,
                 gint        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvJsonNode) node = ilv_json_parse (json, strlen (json), &error);

  g_assert_null (node);
  g_assert_error (error, ILV_JSON_ERROR, code);
}

static void
test_reader_strict (void)
{
  static const char *const bad[] = {
    "01", "[1,]", "{\"a\":1,}", "{'a':1}", "[1 2]", "1 2", "+1", ".5", "1.", "1e",
    "\"\\x\"", "\"a\tb\"", "nul", "[true false]", "{\"a\"}", "{1:2}", "[NaN]", "[1e999]",
    "\"\\u12G4\"", "]", "",
  };
  static const char *const cut[] = { "[", "{\"a\":", "[1,", "\"abc", "[1.5", "tr", "{\"a\":[{}" };
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvJsonNode) node = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(IlvJsonNode) n = ilv_json_parse (bad[i], strlen (bad[i]), NULL);

      g_assert_null (n);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cut); i++)
    assert_rejected (cut[i], ILV_JSON_ERROR_TRUNCATED);
  assert_rejected ("[1,]", ILV_JSON_ERROR_SYNTAX);

  /* A lone surrogate becomes U+FFFD; a pair is one character. */
  {
    const char *json = "[\"\\ud800x\\ud83d\\ude00\"]";

    node = ilv_json_parse (json, strlen (json), &error);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (((IlvJsonNode *) g_ptr_array_index (node->items, 0))->string, ==,
                   "\xef\xbf\xbdx\xf0\x9f\x98\x80");
}

/* 100,000 levels of nesting: a clear error, not a blown stack. */
static void
test_reader_deep (void)
{
  gsize n = 100000;
  g_autofree char *deep = g_malloc (2 * n);

  memset (deep, '[', n);
  memset (deep + n, ']', n);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(IlvJsonNode) node = ilv_json_parse (deep, 2 * n, &error);

    g_assert_null (node);
    g_assert_error (error, ILV_JSON_ERROR, ILV_JSON_ERROR_TOO_DEEP);
  }
  {
    /* Right at the limit is fine. */
    g_autoptr(GError) error = NULL;
    g_autoptr(IlvJsonNode) node = ilv_json_parse (deep + n - ILV_JSON_MAX_DEPTH,
                                                  2 * ILV_JSON_MAX_DEPTH, &error);

    g_assert_no_error (error);
    g_assert_nonnull (node);
  }
}

/* Random bytes and random mutations of valid JSON: an answer, never a crash
 * or a read past the end (the buffers are not NUL-terminated). */
static void
test_reader_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  g_autofree char *valid = write_awkward ();
  gsize valid_len = strlen (valid);
  static const char alphabet[] = "{}[]\",:0123456789.eE+-tfnul\\ \n";

  for (guint round = 0; round < 20000; round++)
    {
      gsize len = round % 2 ? valid_len : (gsize) g_rand_int_range (rand, 0, 200);
      g_autofree char *buf = g_malloc (MAX (len, 1));
      g_autoptr(IlvJsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      if (round % 2)
        {
          memcpy (buf, valid, len);
          for (guint k = 0; k < 3; k++)
            buf[g_rand_int_range (rand, 0, (gint32) len)] = (char) g_rand_int_range (rand, 0, 256);
        }
      else
        for (gsize i = 0; i < len; i++)
          buf[i] = round % 4 == 0 ? alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]
                                  : (char) g_rand_int_range (rand, 0, 256);
      node = ilv_json_parse (buf, len, &error);
      g_assert_true ((node == NULL) == (error != NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/writer", test_writer);
  g_test_add_func ("/json/reader-strict", test_reader_strict);
  g_test_add_func ("/json/reader-deep", test_reader_deep);
  g_test_add_func ("/json/reader-garbage", test_reader_garbage);

  return g_test_run ();
}
