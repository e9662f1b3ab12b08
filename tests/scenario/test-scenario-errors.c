/* test-scenario-errors.c: malformed scenarios and the errors they get
 *
 * Each row is an input, where the error must point (line, section, key,
 * column; 0 or NULL where that part does not apply), the error code and a
 * fragment of the message.
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ilv-scenario.h"

#define HEAD "[Scenario]\nName=T\n"
/* lines 3..12 */
#define RES HEAD "[Lock lk]\n[Value v]\n[Queue q]\n[Event ev]\n[Barrier bar]\nParties=2\n" \
                 "[Pipe pp]\n[Array arr]\nLength=4\n[Semaphore sem]\n"
/* the program is on line 14 */
#define PROG(p) RES "[Workers w]\nProgram=" p "\n"
/* the program is on line 15 */
#define PROC(p) RES "[Workers w]\nKind=process\nProgram=" p "\n"
#define W "[Workers w]\nProgram=sleep 1ms\n"

enum { SYN = ILV_SCENARIO_ERROR_SYNTAX, INV = ILV_SCENARIO_ERROR_INVALID, LIM = ILV_SCENARIO_ERROR_LIMIT };

typedef struct
{
  const char *input;
  guint       line;
  const char *section;
  const char *key;
  guint       column;
  gint        code;
  const char *fragment;
} ErrorCase;

static const ErrorCase cases[] = {
  /* resource types */
  { PROG ("acquire v"), 14, "Workers w", "Program", 9, INV, "v is a Value without a lock of its own; add Lock=true to [Value v]" },
  { PROG ("acquire q"), 14, "Workers w", "Program", 9, INV, "q is a Queue; acquire needs a Lock or Semaphore" },
  { PROG ("load lk"), 14, "Workers w", "Program", 6, INV, "lk is a Lock; load needs a Value or Array" },
  { PROG ("put v"), 14, "Workers w", "Program", 5, INV, "put needs a Queue" },
  { PROG ("set q"), 14, "Workers w", "Program", 5, INV, "set needs an Event" },
  { PROG ("wait lk"), 14, "Workers w", "Program", 6, INV, "wait needs an Event or Barrier" },
  { PROG ("send q"), 14, "Workers w", "Program", 6, INV, "send needs a Pipe" },
  { PROG ("task_done lk"), 14, "Workers w", "Program", 11, INV, "task_done needs a Queue" },
  { PROG ("join ev"), 14, "Workers w", "Program", 6, INV, "ev is an Event; join needs a Queue" },
  { PROG ("recv lk"), 14, "Workers w", "Program", 6, INV, "recv needs a Pipe" },
  { PROG ("clear bar"), 14, "Workers w", "Program", 7, INV, "bar is a Barrier; clear needs an Event" },
  { PROG ("release arr"), 14, "Workers w", "Program", 9, INV, "arr is an Array without a lock of its own" },
  { PROG ("with pp { sleep 1ms }"), 14, "Workers w", "Program", 6, INV, "pp is a Pipe; with needs a Lock or Semaphore" },
  /* unknown resources */
  { PROG ("acquire lok"), 14, "Workers w", "Program", 9, INV, "unknown resource \"lok\"; did you mean \"lk\"?" },
  { PROG ("get qqqqqqqq"), 14, "Workers w", "Program", 5, INV, "unknown resource \"qqqqqqqq\"; expected" },
  { PROG ("mark \"\xc3\xa9\"; acquire zz"), 14, "Workers w", "Program", 19, INV, "unknown resource \"zz\"" },
  /* durations in steps */
  { PROG ("compute"), 14, "Workers w", "Program", 8, SYN, "compute needs an argument, found the end of the program" },
  { PROG ("compute;"), 14, "Workers w", "Program", 8, SYN, "compute needs an argument, found \";\"" },
  { PROG ("compute 10 ms"), 14, "Workers w", "Program", 9, SYN, "a space between 10 and its unit; expected 10ms" },
  { PROG ("compute 10"), 14, "Workers w", "Program", 9, INV, "\"10\" has no unit" },
  { PROG ("compute -5ms"), 14, "Workers w", "Program", 9, INV, "is negative" },
  { PROG ("compute nanms"), 14, "Workers w", "Program", 9, INV, "\"nanms\" is not a duration" },
  { PROG ("sleep infs"), 14, "Workers w", "Program", 7, INV, "is not a duration" },
  { PROG ("sleep 1e999s"), 14, "Workers w", "Program", 7, INV, "is not a duration" },
  { PROG ("sleep 601s"), 14, "Workers w", "Program", 7, LIM, "is too large; expected 0ns..600s" },
  { PROG ("sleep 99999999999999999999ms"), 14, "Workers w", "Program", 7, LIM, "is too large" },
  /* steps and syntax */
  { PROG ("comptue 1ms"), 14, "Workers w", "Program", 1, SYN, "unknown step \"comptue\"; did you mean \"compute\"?" },
  { PROG ("frobnicate"), 14, "Workers w", "Program", 1, SYN, "unknown step \"frobnicate\"; expected a step" },
  { PROG ("compute 1ms sleep 1ms"), 14, "Workers w", "Program", 13, SYN, "expected \";\" or a new line between steps" },
  { PROG ("compute 1ms }"), 14, "Workers w", "Program", 13, SYN, "unmatched \"}\"" },
  { PROG ("{ compute 1ms }"), 14, "Workers w", "Program", 1, SYN, "unexpected \"{\"; expected a step" },
  { PROG ("repeat 0 { compute 1ms }"), 14, "Workers w", "Program", 8, INV, "\"0\" is too small; expected 1..1000000" },
  { PROG ("repeat -1 { compute 1ms }"), 14, "Workers w", "Program", 8, INV, "is too small" },
  { PROG ("repeat 1000001 { compute 1ms }"), 14, "Workers w", "Program", 8, LIM, "is too large; expected 1..1000000" },
  { PROG ("repeat 2147483648 { compute 1ms }"), 14, "Workers w", "Program", 8, LIM, "is too large" },
  { PROG ("repeat x { compute 1ms }"), 14, "Workers w", "Program", 8, INV, "\"x\" is not a whole number" },
  { PROG ("repeat 3 compute 1ms"), 14, "Workers w", "Program", 10, SYN, "expected \"{\" to open the body of repeat" },
  { PROG ("repeat 3 { compute 1ms"), 14, "Workers w", "Program", 10, SYN, "unclosed \"{\"" },
  { PROG ("repeat 3 { }"), 14, "Workers w", "Program", 10, INV, "empty body of repeat" },
  { PROG ("forever { ; }"), 14, "Workers w", "Program", 9, INV, "empty body of forever" },
  { PROG ("with lk compute 1ms"), 14, "Workers w", "Program", 9, SYN, "expected \"{\" to open the body of with" },
  { PROG ("mark hello"), 14, "Workers w", "Program", 6, SYN, "mark needs quoted text, found \"hello\"" },
  { PROG ("mark \"abc"), 14, "Workers w", "Program", 6, SYN, "unterminated text" },
  { PROG ("mark \"a\\qb\""), 14, "Workers w", "Program", 8, SYN, "unknown escape \"\\q\"" },
  { PROG ("mark \"a\\\xc2\xb5\""), 14, "Workers w", "Program", 8, SYN, "unknown escape \"\\\xc2\xb5\"" },
  { PROG ("load arr[4]"), 14, "Workers w", "Program", 10, INV, "index 4 is out of range; arr has 4 elements, expected 0..3" },
  { PROG ("store arr[-1]"), 14, "Workers w", "Program", 11, INV, "index -1 is out of range" },
  { PROG ("load v[0]"), 14, "Workers w", "Program", 7, INV, "v is not an Array" },
  { PROG ("load arr[1"), 14, "Workers w", "Program", 11, SYN, "unclosed \"[\"" },
  { PROG ("add"), 14, "Workers w", "Program", 4, SYN, "add needs an argument" },
  { PROG ("add 1.5"), 14, "Workers w", "Program", 5, INV, "\"1.5\" is not a whole number" },
  { PROG ("add 99999999999999999999"), 14, "Workers w", "Program", 5, LIM, "is too large" },
  { PROG (""), 14, "Workers w", "Program", 0, INV, "the program is empty" },
  { PROG ("; ;  # only a comment"), 14, "Workers w", "Program", 0, INV, "the program is empty" },
  /* crash */
  { PROG ("crash"), 14, "Workers w", "Program", 1, INV, "crash is allowed only in process workers (Kind=process): a crashing thread" },
  { RES "[Workers w]\nKind=async\nProgram=sleep 1ms; crash exit 1\n", 15, "Workers w", "Program", 12, INV, "crash is allowed only in process workers" },
  { RES "[Pool p]\nKind=thread\nWorkers=2\nTasks=2\nProgram=crash\n", 17, "Pool p", "Program", 1, INV, "crash is allowed only" },
  { PROC ("crash exit 256"), 15, "Workers w", "Program", 12, LIM, "\"256\" is too large; expected 0..255" },
  { PROC ("crash boom"), 15, "Workers w", "Program", 7, SYN, "unknown way to crash \"boom\"" },
  /* section headers */
  { HEAD "[Lokc a]\n" W, 3, "Lokc a", NULL, 0, SYN, "unknown section \"Lokc\"; did you mean \"Lock\"?" },
  { HEAD "[Frobnicator a]\n" W, 3, "Frobnicator a", NULL, 0, SYN, "unknown section \"Frobnicator\"; expected Scenario, Lock" },
  { HEAD "[Lock]\n" W, 3, "Lock", NULL, 0, SYN, "expected one name after Lock, such as [Lock name]" },
  { HEAD "[Lock a b]\n" W, 3, "Lock a b", NULL, 0, SYN, "expected one name after Lock" },
  { HEAD "[Lock 9a]\n" W, 3, "Lock 9a", NULL, 0, SYN, "\"9a\" is not a valid name" },
  { HEAD "[Lock a-b]\n" W, 3, "Lock a-b", NULL, 0, SYN, "is not a valid name" },
  { HEAD "[Lock a\n" W, 3, "Lock a", NULL, 0, SYN, "unclosed section header" },
  { HEAD "[]\n" W, 3, "", NULL, 0, SYN, "empty section header" },
  { "[Scenario x]\nName=T\n" W, 1, "Scenario x", NULL, 0, SYN, "[Scenario] takes no name" },
  { HEAD "[Lock a]\n[Lock a]\n" W, 4, "Lock a", NULL, 0, INV, "duplicate section; the first [Lock a] is at line 3" },
  { HEAD "[Lock a]\n[Queue a]\n" W, 4, "Queue a", NULL, 0, INV, "the name a is already used by [Lock a] at line 3" },
  { HEAD W "[Pool w]\nWorkers=1\nTasks=1\nProgram=sleep 1ms\n", 5, "Pool w", NULL, 0, INV, "already used by [Workers w]" },
  { HEAD W "[Scenario]\n", 5, "Scenario", NULL, 0, INV, "duplicate section" },
  /* keys */
  { "[Scenario]\nName=a\nName=b\n" W, 3, "Scenario", "Name", 0, INV, "duplicate key; Name is already set at line 2" },
  { "[Scenario]\nName=a\nGli=true\n" W, 3, "Scenario", "Gli", 0, INV, "unknown key; did you mean \"GIL\"?" },
  { "[Scenario]\nName=a\nWhatever=1\n" W, 3, "Scenario", "Whatever", 0, INV, "unknown key; expected one of Name, Description" },
  { HEAD "[Lock a]\nValue=1\n" W, 4, "Lock a", "Value", 0, INV, "unknown key; [Lock] takes no keys" },
  { HEAD "[Workers w]\nProgram=sleep 1ms\nCuont=2\n", 5, "Workers w", "Cuont", 0, INV, "did you mean \"Count\"?" },
  { HEAD "[Workers w]\nProgram=sleep 1ms\nTerminateAfter=2ms\n", 5, "Workers w", "TerminateAfter", 0, INV, "did you mean \"TerminateAt\"?" },
  { "Name=x\n" HEAD W, 1, NULL, "Name", 0, SYN, "a key before any section; expected [Scenario] first" },
  { "[Scenario]\njunk\n" W, 2, NULL, NULL, 0, SYN, "\"junk\" is not a key line" },
  { "[Scenario]\n=x\n" W, 2, NULL, NULL, 0, SYN, "is not a key line" },
  /* [Scenario] values */
  { HEAD "GIL=yes\n" W, 3, "Scenario", "GIL", 0, INV, "\"yes\" is not a boolean; expected true or false" },
  { HEAD "SwitchInterval=50us\n" W, 3, "Scenario", "SwitchInterval", 0, INV, "\"50us\" is too small; expected 100us..1s" },
  { HEAD "SwitchInterval=2s\n" W, 3, "Scenario", "SwitchInterval", 0, LIM, "is too large; expected 100us..1s" },
  { HEAD "SwitchInterval=NaN\n" W, 3, "Scenario", "SwitchInterval", 0, INV, "is not a duration" },
  { HEAD "Timeout=0ms\n" W, 3, "Scenario", "Timeout", 0, INV, "is too small; expected 1ms..600s" },
  { HEAD "Timeout=11min\n" W, 3, "Scenario", "Timeout", 0, INV, "is not a duration" },
  { HEAD "Timeout=5\n" W, 3, "Scenario", "Timeout", 0, INV, "has no unit" },
  { "[Scenario]\nTopic=x\n" W, 1, "Scenario", NULL, 0, INV, "missing key Name" },
  { "[Scenario]\nName=\n" W, 2, "Scenario", "Name", 0, INV, "empty name" },
  { W, 0, NULL, NULL, 0, INV, "no [Scenario] section" },
  { HEAD, 0, NULL, NULL, 0, INV, "no workers; expected at least one [Workers name] or [Pool name]" },
  { HEAD "[Lock a]\n", 0, NULL, NULL, 0, INV, "no workers" },
  /* workers */
  { HEAD "[Workers w]\nCount=0\nProgram=sleep 1ms\n", 4, "Workers w", "Count", 0, INV, "\"0\" is too small" },
  { HEAD "[Workers w]\nCount=-1\nProgram=sleep 1ms\n", 4, "Workers w", "Count", 0, INV, "\"-1\" is too small" },
  { HEAD "[Workers w]\nCount=2147483648\nProgram=sleep 1ms\n", 4, "Workers w", "Count", 0, LIM, "is too large" },
  { HEAD "[Workers w]\nCount=18446744073709551616\nProgram=sleep 1ms\n", 4, "Workers w", "Count", 0, LIM, "is too large" },
  { HEAD "[Workers w]\nCount=3x\nProgram=sleep 1ms\n", 4, "Workers w", "Count", 0, INV, "\"3x\" is not a whole number" },
  { HEAD "[Workers w]\nCount=0x10\nProgram=sleep 1ms\n", 4, "Workers w", "Count", 0, INV, "is not a whole number" },
  { HEAD "[Workers w]\nCount=257\nProgram=sleep 1ms\n", 3, "Workers w", NULL, 0, LIM, "257 thread workers in all; at most 256 threads: more belongs in processes" },
  { HEAD "[Workers a]\nCount=200\nProgram=sleep 1ms\n[Pool p]\nKind=thread\nWorkers=60\nTasks=1\nProgram=sleep 1ms\n",
    6, "Pool p", NULL, 0, LIM, "260 thread workers in all" },
  { HEAD "[Workers w]\nKind=process\nCount=65\nProgram=sleep 1ms\n", 3, "Workers w", NULL, 0, LIM, "65 process workers in all; expected at most 64" },
  { HEAD "[Workers w]\nKind=async\nCount=1025\nProgram=sleep 1ms\n", 3, "Workers w", NULL, 0, LIM, "1025 async tasks in all" },
  { HEAD "[Workers w]\nKind=fiber\nProgram=sleep 1ms\n", 4, "Workers w", "Kind", 0, INV, "unknown kind \"fiber\"; expected thread, process or async" },
  { HEAD "[Workers w]\nCount=2\n", 3, "Workers w", NULL, 0, INV, "missing key Program" },
  { HEAD "[Workers w]\nDaemon=maybe\nProgram=sleep 1ms\n", 4, "Workers w", "Daemon", 0, INV, "is not a boolean" },
  { HEAD "[Workers w]\nStartAt=-1ms\nProgram=sleep 1ms\n", 4, "Workers w", "StartAt", 0, INV, "is negative" },
  { HEAD "[Workers w]\nTerminateAt=10ms\nProgram=sleep 1ms\n", 4, "Workers w", "TerminateAt", 0, INV, "TerminateAt needs Kind=process: Python threads" },
  { HEAD "[Workers w]\nKind=async\nTerminateAt=10ms\nProgram=sleep 1ms\n", 5, "Workers w", "TerminateAt", 0, INV, "cannot be terminated" },
  /* pools */
  { HEAD "[Pool p]\nKind=async\nWorkers=2\nTasks=2\nProgram=sleep 1ms\n", 4, "Pool p", "Kind", 0, INV, "\"async\" is not a kind of pool; expected thread or process" },
  { HEAD "[Pool p]\nWorkers=65\nTasks=2\nProgram=sleep 1ms\n", 4, "Pool p", "Workers", 0, LIM, "expected 1..64" },
  { HEAD "[Pool p]\nWorkers=2\nTasks=100001\nProgram=sleep 1ms\n", 5, "Pool p", "Tasks", 0, LIM, "expected 1..100000" },
  { HEAD "[Pool p]\nWorkers=2\nTasks=2\nChunksize=0\nProgram=sleep 1ms\n", 6, "Pool p", "Chunksize", 0, INV, "is too small" },
  { HEAD "[Pool p]\nWorkers=2\nProgram=sleep 1ms\n", 3, "Pool p", NULL, 0, INV, "missing key Tasks" },
  { HEAD "[Pool p]\nKind=process\nWorkers=40\nTasks=1\nProgram=sleep 1ms\n[Workers w]\nKind=process\nCount=30\nProgram=sleep 1ms\n",
    8, "Workers w", NULL, 0, LIM, "70 process workers in all" },
  /* resources */
  { HEAD "[Array a]\nInitial=1\n" W, 3, "Array a", NULL, 0, INV, "missing key Length" },
  { HEAD "[Array a]\nLength=1025\n" W, 4, "Array a", "Length", 0, LIM, "expected 1..1024" },
  { HEAD "[Barrier b]\nParties=0\n" W, 4, "Barrier b", "Parties", 0, INV, "expected 1..1024" },
  { HEAD "[Barrier b]\n" W, 3, "Barrier b", NULL, 0, INV, "missing key Parties" },
  { HEAD "[Semaphore s]\nValue=1000001\n" W, 4, "Semaphore s", "Value", 0, LIM, "expected 0..1000000" },
  { HEAD "[Queue q]\nCapacity=-1\n" W, 4, "Queue q", "Capacity", 0, INV, "\"-1\" is too small" },
  { HEAD "[Pipe p]\nCapacity=1e3\n" W, 4, "Pipe p", "Capacity", 0, INV, "is not a whole number" },
  { HEAD "[Value v]\nInitial=1.5\n" W, 4, "Value v", "Initial", 0, INV, "\"1.5\" is not a whole number" },
  { HEAD "[Value v]\nInitial=9223372036854775808\n" W, 4, "Value v", "Initial", 0, LIM, "is too large" },
  { HEAD "[Value v]\nLock=on\n" W, 4, "Value v", "Lock", 0, INV, "is not a boolean" },
  /* raw text */
  { "", 0, NULL, NULL, 0, SYN, "the file is empty" },
  { " \n\t\n", 0, NULL, NULL, 0, SYN, "the file is empty" },
  { "\xef\xbb\xbf", 0, NULL, NULL, 0, SYN, "the file is empty" },
  { HEAD "Description=caf\xe9\n" W, 3, NULL, NULL, 0, SYN, "invalid UTF-8 (byte 34 of the file)" },
  { "# only comments\n", 0, NULL, NULL, 0, INV, "no [Scenario] section" },
};

static char *
expected_prefix (const ErrorCase *c)
{
  GString *s = g_string_new ("t.scenario");
  gsize mark;

  if (c->line > 0)
    g_string_append_printf (s, ":%u", c->line);
  g_string_append (s, ":");
  mark = s->len;
  if (c->section != NULL)
    g_string_append_printf (s, " [%s]", c->section);
  if (c->key != NULL)
    g_string_append_printf (s, " %s", c->key);
  if (c->column > 0)
    g_string_append_printf (s, ", column %u", c->column);
  if (s->len > mark)
    g_string_append (s, ":");
  g_string_append (s, " ");
  return g_string_free (s, FALSE);
}

static void
test_case (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autofree char *prefix = expected_prefix (c);
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) s = ilv_scenario_new_from_data (c->input, strlen (c->input), "t.scenario",
                                                         NULL, &error);

  g_assert_null (s);
  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, c->fragment) == NULL)
    g_error ("expected \"%s…%s…\", got \"%s\"", prefix, c->fragment, error->message);
  g_assert_error (error, ILV_SCENARIO_ERROR, c->code);
}

static GError *
parse_error (const char *data,
             gsize       length)
{
  GError *error = NULL;
  g_autoptr(IlvScenario) s = ilv_scenario_new_from_data (data, length, "t.scenario", NULL, &error);

  g_assert_null (s);
  g_assert_nonnull (error);
  return error;
}

/* Parses and frees `s`; the error it got. */
static GError *
parse_string_error (GString *s)
{
  gsize length = s->len;
  g_autofree char *data = g_string_free (s, FALSE);

  return parse_error (data, length);
}

/* A scenario whose one program is `step` written `times` times. */
static GString *
repeated_program (const char *step,
                  guint       times)
{
  GString *s = g_string_new (HEAD "[Workers w]\nProgram=");

  for (guint i = 0; i < times; i++)
    g_string_append (s, step);
  g_string_append (s, "\n");
  return s;
}

static char *
nested (guint depth)
{
  GString *s = g_string_new (HEAD "[Workers w]\nProgram=");

  for (guint i = 0; i < depth; i++)
    g_string_append (s, "repeat 2 { ");
  g_string_append (s, "compute 1ms");
  for (guint i = 0; i < depth; i++)
    g_string_append (s, " }");
  g_string_append (s, "\n");
  return g_string_free (s, FALSE);
}

static void
test_nesting (void)
{
  g_autofree char *ok = nested (16);
  g_autofree char *deep = nested (17);
  g_autofree char *very_deep = nested (5000);
  g_autoptr(IlvScenario) s = ilv_scenario_new_from_data (ok, strlen (ok), "t.scenario", NULL, NULL);
  g_autoptr(GError) error = parse_error (deep, strlen (deep));
  g_autoptr(GError) error2 = parse_error (very_deep, strlen (very_deep));

  g_assert_nonnull (s);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
  /* the 17th "{" is at column 16 * 11 + 10 */
  g_assert_true (g_str_has_prefix (error->message, "t.scenario:4: [Workers w] Program, column 186: "));
  g_assert_nonnull (strstr (error->message, "nested more than 16 deep"));
  g_assert_error (error2, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
}

static void
test_long_mark (void)
{
  g_autofree char *x200 = g_strnfill (200, 'x');
  g_autofree char *ok = g_strdup_printf (HEAD "[Workers w]\nProgram=mark \"%s\"\n", x200);
  g_autofree char *bad = g_strdup_printf (HEAD "[Workers w]\nProgram=mark \"%sy\"\n", x200);
  g_autoptr(IlvScenario) s = ilv_scenario_new_from_data (ok, strlen (ok), "t.scenario", NULL, NULL);
  g_autoptr(GError) error = parse_error (bad, strlen (bad));

  g_assert_nonnull (s);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
  g_assert_true (g_str_has_prefix (error->message, "t.scenario:4: [Workers w] Program, column 6: "));
  g_assert_nonnull (strstr (error->message, "201 bytes long; expected at most 200"));
}

static void
test_huge_program (void)
{
  /* over 1,000,000 bytes of program, in a file below 1 MiB */
  g_autoptr(GError) error = parse_string_error (repeated_program ("compute 1ms; ", 1000 * 1000 / 13 + 1));

  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
  g_assert_true (g_str_has_prefix (error->message, "t.scenario:4: [Workers w] Program: "));
  g_assert_nonnull (strstr (error->message, "expected at most 65536"));
}

/* A program within 64 KiB as written that grows past it when written out
 * canonically ("sleep 1ms;" to "sleep 1ms; ") is refused: scenarios travel
 * to process workers written out. */
static void
test_written_program_size (void)
{
  g_autoptr(GError) error = parse_string_error (repeated_program ("sleep 1ms;", 6500));

  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
  g_assert_true (g_str_has_prefix (error->message, "t.scenario:4: [Workers w] Program: written out, "));
}

/* 70,000 sections in under 1 MiB: refused (written out they take more),
 * and quickly: nothing in the parser is quadratic. */
static void
test_many_sections (void)
{
  GString *s = g_string_new (HEAD);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; s->len < 1000 * 1000; i++)
    g_string_append_printf (s, "[Lock a%u]\n", i);
  g_string_append (s, W);
  error = parse_string_error (s);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
  g_assert_true (g_str_has_prefix (error->message, "t.scenario: written out, the scenario takes "));
}

static void
test_huge_file (void)
{
  gsize length = 1024 * 1024 + 1;
  g_autofree char *data = g_malloc (length);
  g_autoptr(GError) error = NULL;

  memset (data, '#', length);
  error = parse_error (data, length);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
  g_assert_true (g_str_has_prefix (error->message, "t.scenario: the file is larger than 1 MiB"));
}

static void
test_nul_byte (void)
{
  static const char data[] = HEAD "Topic=a\0b\n" W;
  g_autoptr(GError) error = parse_error (data, sizeof data - 1);

  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "t.scenario:3: a NUL byte; expected a UTF-8 text file");
}

/* The message names the input as given. */
static void
test_source_name (void)
{
  static const char data[] = HEAD "[Workers increase]\nProgram=load db_val; add 1; sleep 10ms; store db_lok\n"
                             "[Value db_val]\n[Lock db_lock]\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) s = ilv_scenario_new_from_data (data, strlen (data), "race.scenario", NULL, &error);

  g_assert_null (s);
  g_assert_cmpstr (error->message, ==,
                   "race.scenario:4: [Workers increase] Program, column 39: unknown resource "
                   "\"db_lok\"; did you mean \"db_lock\"?");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 60);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scenario-errors/table/%03u", i);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/scenario-errors/nesting", test_nesting);
  g_test_add_func ("/scenario-errors/long-mark", test_long_mark);
  g_test_add_func ("/scenario-errors/huge-program", test_huge_program);
  g_test_add_func ("/scenario-errors/huge-file", test_huge_file);
  g_test_add_func ("/scenario-errors/written-program-size", test_written_program_size);
  g_test_add_func ("/scenario-errors/many-sections", test_many_sections);
  g_test_add_func ("/scenario-errors/nul-byte", test_nul_byte);
  g_test_add_func ("/scenario-errors/source-name", test_source_name);

  return g_test_run ();
}
