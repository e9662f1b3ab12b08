/* fuzz-scenario.c: fuzz target for the scenario parser
 *
 * LLVMFuzzerTestOneInput() is the libFuzzer entry point (build with
 * -fsanitize=fuzzer -DILV_LIBFUZZER). Without libFuzzer, main() replays
 * the files named on the command line (or the malformed corpus) and then
 * runs seeded mutations of valid scenarios:
 *
 *   fuzz-scenario [--count N] [--seed S] [--corpus DIR] [FILE…]
 *
 * Every input must either parse, write back and parse again to an equal
 * scenario, or be rejected with an ILV_SCENARIO_ERROR; nothing may crash,
 * hang or leak.
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ilv-duration.h"
#include "ilv-scenario.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint n_accepted;
static guint n_rejected;

static void
check_round_trip (const IlvScenario *s)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr(IlvScenario) again = NULL;
  gsize length;

  text = ilv_scenario_to_data (s, &length);
  again = ilv_scenario_new_from_data (text, length, "round-trip", NULL, &error);
  if (again == NULL)
    g_error ("written scenario does not parse: %s\n%s", error->message, text);
  if (!ilv_scenario_equal (s, again))
    g_error ("written scenario parses to a different one:\n%s", text);
  text2 = ilv_scenario_to_data (again, NULL);
  g_assert_cmpstr (text, ==, text2);
}

static void
check_numbers (const uint8_t *data,
               size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, MIN (size, 64));
  gint64 value;

  if (ilv_duration_parse (text, 0, G_MAXINT64, &value, NULL))
    g_assert_cmpint (value, >=, 0);
  ilv_integer_parse (text, -G_MAXINT64, G_MAXINT64, &value, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) s = NULL;

  s = ilv_scenario_new_from_data ((const char *) data, size, "fuzz", NULL, &error);
  if (s != NULL)
    {
      g_assert_no_error (error);
      check_round_trip (s);
      n_accepted++;
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == ILV_SCENARIO_ERROR);
      g_assert_true (g_str_has_prefix (error->message, "fuzz:"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      n_rejected++;
    }
  check_numbers (data, size);
  return 0;
}

#ifndef ILV_LIBFUZZER

#define FUZZ_MAX_INPUT (64 * 1024)

/* Pieces that take a parser to interesting places. */
static const char * const tokens[] = {
  "{", "}", ";", "\n", "[", "]", "=", "#", " #", "\"", "\\", "\\\\", "\\n", "\\s", " ",
  "repeat ", "forever ", "with ", "crash", "crash exit 7", "mark \"x\\\"y\"", "compute ", "sleep ",
  "acquire ", "release ", "load ", "add ", "store ", "put ", "get ", "task_done ", "join ",
  "set ", "clear ", "wait ", "send ", "recv ",
  "0", "1", "-1", "16", "1000001", "2147483648", "18446744073709551616", "9223372036854775807",
  "NaN", "inf", "1e999", "5ms", "1.5s", "250us", "3\xc2\xb5s", "0.000000001s", "601s",
  "[Scenario]\n", "[Lock l]\n", "[Value v]\nLock=true\n", "[Array a]\nLength=4\n", "[Queue q]\n",
  "[Event e]\n", "[Barrier b]\nParties=2\n", "[Pipe p]\n", "[Semaphore s]\nValue=2\n",
  "[Workers x]\nProgram=sleep 1ms\n", "[Pool p]\nWorkers=2\nTasks=4\nProgram=compute 1ms\n",
  "Kind=process\n", "Kind=async\n", "Count=300\n", "Daemon=true\n", "TerminateAt=1ms\n",
  "Name=", "Program=", "a[3]", "v", "l", "q", "\xef\xbb\xbf", "\xff", "\xc3", "\xe2\x82",
  "\xc3\xa9", "\xe2\x82\xac", "\"\\\xc2\xb5\"", "crash \xc2\xb5", "[Lock \xc3\xa9]\n",
};

static const char every_kind[] =
  "[Scenario]\nName=Every kind\nDescription=All.\\nOf it.\nTopic=Fuzz\nGIL=false\n"
  "SwitchInterval=1ms\nTimeout=2s\n"
  "[Lock l]\n[Semaphore s]\nValue=2\nBounded=true\n[Value v]\nInitial=-3\nLock=true\n"
  "[Array a]\nLength=4\n[Queue q]\nCapacity=3\n[Event e]\n[Barrier b]\nParties=2\n[Pipe p]\n"
  "[Workers t]\nCount=2\nDaemon=true\nStartAt=1ms\n"
  "Program=compute 1ms; sleep 2us; acquire l; release l; with s { load v; add -1; store v }; "
  "load a[3]; store a[1]; put q; get q; task_done q; join q; set e; clear e; wait e; wait b; "
  "send p; recv p; repeat 3 { mark \"m \\\"x\\\"\" }; forever { with v { sleep 1ms } }\n"
  "[Workers c]\nKind=process\nTerminateAt=5ms\nProgram=crash; crash abort; crash exit 3\n"
  "[Pool pool]\nKind=thread\nWorkers=2\nTasks=8\nChunksize=2\nProgram=compute 1ms\n";

typedef struct
{
  GRand     *rand;
  GPtrArray *seeds;   /* GBytes* */
} Fuzzer;

static guint
pick (Fuzzer *f,
      guint   n)
{
  return n == 0 ? 0 : (guint) g_rand_int_range (f->rand, 0, (gint32) n);
}

static void
insert_bytes (GByteArray   *buf,
              guint         at,
              const guint8 *data,
              guint         len)
{
  guint old_len = buf->len;

  g_byte_array_set_size (buf, old_len + len);
  memmove (buf->data + at + len, buf->data + at, old_len - at);
  if (len > 0)  /* data may be NULL then, which memcpy does not allow */
    memcpy (buf->data + at, data, len);
}

static void
insert_token (Fuzzer     *f,
              GByteArray *buf)
{
  const char *token = tokens[pick (f, G_N_ELEMENTS (tokens))];
  guint at = pick (f, buf->len + 1);

  insert_bytes (buf, at, (const guint8 *) token, (guint) strlen (token));
}

static void
splice (Fuzzer     *f,
        GByteArray *buf)
{
  GBytes *other = g_ptr_array_index (f->seeds, pick (f, f->seeds->len));
  gsize other_len;
  const guint8 *other_data = g_bytes_get_data (other, &other_len);
  guint cut = pick (f, buf->len + 1);
  guint from = pick (f, (guint) other_len + 1);

  g_byte_array_set_size (buf, cut);
  g_byte_array_append (buf, other_data + from, (guint) (other_len - from));
}

/* The span of the word (or run of non-word bytes) around `at`. */
static void
word_at (GByteArray *buf,
         guint       at,
         guint      *start,
         guint      *end)
{
  *start = at;
  *end = at;
  while (*start > 0 && !g_ascii_isspace (buf->data[*start - 1]))
    (*start)--;
  while (*end < buf->len && !g_ascii_isspace (buf->data[*end]))
    (*end)++;
}

static void
swap_words (Fuzzer     *f,
            GByteArray *buf)
{
  guint s1, e1, s2, e2;
  g_autoptr(GByteArray) out = NULL;

  if (buf->len < 2)
    return;
  word_at (buf, pick (f, buf->len), &s1, &e1);
  word_at (buf, pick (f, buf->len), &s2, &e2);
  if (s2 < s1)
    {
      guint ts = s1, te = e1;

      s1 = s2; e1 = e2; s2 = ts; e2 = te;
    }
  if (e1 > s2)
    return;
  out = g_byte_array_sized_new (buf->len);
  g_byte_array_append (out, buf->data, s1);
  g_byte_array_append (out, buf->data + s2, e2 - s2);
  g_byte_array_append (out, buf->data + e1, s2 - e1);
  g_byte_array_append (out, buf->data + s1, e1 - s1);
  g_byte_array_append (out, buf->data + e2, buf->len - e2);
  g_byte_array_set_size (buf, 0);
  g_byte_array_append (buf, out->data, out->len);
}

/* Repeats a short run of bytes: long lines, many sections, deep nesting. */
static void
repeat_range (Fuzzer     *f,
              GByteArray *buf)
{
  guint at = pick (f, buf->len + 1);
  guint wanted = 1 + pick (f, 32);
  guint len = MIN (buf->len - at, wanted);
  guint times = 1 + pick (f, 64);
  g_autofree guint8 *piece = g_memdup2 (buf->data + at, len);

  for (guint i = 0; i < times; i++)
    insert_bytes (buf, at, piece, len);
}

static void
mutate_once (Fuzzer     *f,
             GByteArray *buf)
{
  guint at = pick (f, buf->len);

  switch (pick (f, 8))
    {
    case 0:
      if (buf->len > 0)
        buf->data[at] ^= (guint8) (1u << pick (f, 8));
      break;
    case 1:
      {
        guint8 byte = (guint8) pick (f, 256);

        insert_bytes (buf, pick (f, buf->len + 1), &byte, 1);
      }
      break;
    case 2:
      {
        guint n = 1 + pick (f, 16);

        if (buf->len > 0)
          g_byte_array_remove_range (buf, at, MIN (buf->len - at, n));
      }
      break;
    case 3:
      splice (f, buf);
      break;
    case 4:
      swap_words (f, buf);
      break;
    case 5:
      repeat_range (f, buf);
      break;
    default:
      insert_token (f, buf);
      break;
    }
}

static void
run_mutations (Fuzzer *f,
               guint   count)
{
  for (guint i = 0; i < count; i++)
    {
      GBytes *seed = g_ptr_array_index (f->seeds, pick (f, f->seeds->len));
      g_autoptr(GByteArray) buf = g_byte_array_new ();
      gsize len;
      const guint8 *data = g_bytes_get_data (seed, &len);
      guint n = 1 + pick (f, 4);

      g_byte_array_append (buf, data, (guint) len);
      for (guint m = 0; m < n; m++)
        mutate_once (f, buf);
      if (buf->len > FUZZ_MAX_INPUT)
        g_byte_array_set_size (buf, FUZZ_MAX_INPUT);
      LLVMFuzzerTestOneInput (buf->data, buf->len);
    }
}

static void
add_builtin_seeds (GPtrArray *seeds)
{
  const char *dir = RESOURCE_PREFIX "/scenarios/";
  g_auto(GStrv) names = g_resources_enumerate_children (dir, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (dir, names[i], NULL);
      GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      if (bytes != NULL)
        g_ptr_array_add (seeds, bytes);
    }
  g_ptr_array_add (seeds, g_bytes_new_static (every_kind, sizeof every_kind - 1));
}

static guint
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return 0;
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return 1;
}

static guint
replay_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".scenario"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        n += replay_file (path);
      }
  return n;
}

int
main (int   argc,
      char *argv[])
{
  int count = 100000;
  gint64 seed = 1;
  g_autofree char *corpus = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, "Number of mutated inputs", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed", "S" },
    { "corpus", 'c', 0, G_OPTION_ARG_FILENAME, &corpus, "Folder of inputs to replay", "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE…" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- fuzz the scenario parser");
  g_autoptr(GError) error = NULL;
  Fuzzer f = { NULL, NULL };
  guint replayed = 0;
  gint64 start = g_get_monotonic_time ();
  guint bad_accepted;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || count < 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--count must be 0 or more");
      return 2;
    }

  g_print ("1..2\n");
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    replayed += replay_file (files[i]);
  if (corpus != NULL)
    replayed += replay_dir (corpus);
  bad_accepted = n_accepted;
  g_print ("ok 1 - replayed %u files (%u accepted)\n", replayed, bad_accepted);

  f.rand = g_rand_new_with_seed ((guint32) seed);
  f.seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  add_builtin_seeds (f.seeds);
  n_accepted = n_rejected = 0;
  run_mutations (&f, (guint) count);
  g_print ("ok 2 - ran %d mutated inputs from %u seeds, seed %" G_GINT64_FORMAT "\n",
           count, f.seeds->len, seed);
  g_print ("# inputs: %u replayed, %d mutated (%u accepted, %u rejected) in %.1f s\n",
           replayed, count, n_accepted, n_rejected,
           (g_get_monotonic_time () - start) / 1e6);

  g_rand_free (f.rand);
  g_ptr_array_unref (f.seeds);
  return 0;
}

#endif /* ILV_LIBFUZZER */
