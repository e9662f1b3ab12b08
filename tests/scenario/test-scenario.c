/* test-scenario.c: the scenario model, its parser and the built-in library
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "ilv-duration.h"
#include "ilv-scenario-library.h"
#include "ilv-scenario.h"

/* Every section kind and every step kind. */
static const char every_kind[] =
  "\xef\xbb\xbf# a comment line\n"
  "[Scenario]\n"
  "Name=\\sEvery kind: a \"test\" # not a comment\n"
  "Description=Line one.\\nLine two with a backslash \\\\ here.\n"
  "Topic=Tests\n"
  "GIL=false\n"
  "SwitchInterval=250us\n"
  "Timeout=1.5s\n"
  "\n"
  "[Lock lk]\n"
  "[Semaphore sem]\n"
  "Value=3\n"
  "Bounded=true\n"
  "[Value v]\n"
  "Initial=-7\n"
  "Lock=true\n"
  "[Array arr]\n"
  "Length=4\n"
  "Initial=2\n"
  "[Queue q]\n"
  "Capacity=5\n"
  "[Event ev]\n"
  "[Barrier bar]\n"
  "Parties=2\n"
  "[Pipe pp]\n"
  "Capacity=0\n"
  "\r\n"
  "[Workers t]\r\n"
  "Kind=thread   # a trailing comment\r\n"
  "Count=2\n"
  "Program=compute 1.5ms; sleep 2us; acquire lk; release lk; with sem { load v; add -3; store v }; "
  "load arr[3]; store arr[1]; put q; get q; task_done q; join q; set ev; clear ev; wait ev; wait bar; "
  "send pp; recv pp; repeat 3 { mark \"a \\\"quoted\\\" \\\\\\\\ #mark\" }; with v { add 1 }\n"
  "Daemon=true\n"
  "StartAt=10ms\n"
  "\n"
  "[Workers p]\n"
  "Kind=process\n"
  "Program=forever { sleep 1ms }\\ncrash; crash abort; crash fpe; crash kill; crash segv; crash exit 3; crash exit 0\n"
  "TerminateAt=50ms\n"
  "\n"
  "[Workers a]\n"
  "Kind=async\n"
  "Count=3\n"
  "Program=sleep 1ms\n"
  "\n"
  "[Pool pool]\n"
  "Kind=thread\n"
  "Workers=4\n"
  "Tasks=16\n"
  "Chunksize=4\n"
  "Program=compute 1ms\n"
  "\n"
  "[Pool ppool]\n"
  "Workers=2\n"
  "Tasks=3\n"
  "Program=compute 1ms; crash exit 1\n";

static IlvScenario *
parse_ok (const char         *text,
          const char * const *overrides)
{
  g_autoptr(GError) error = NULL;
  IlvScenario *s = ilv_scenario_new_from_data (text, strlen (text), "t.scenario", overrides, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static void
test_types (void)
{
  for (guint i = 0; i < ILV_N_STATES; i++)
    {
      IlvState state;

      g_assert_true (ilv_state_from_string (ilv_state_to_string (i), &state));
      g_assert_cmpint (state, ==, i);
    }
  g_assert_cmpstr (ilv_state_to_string (ILV_STATE_GIL_WAIT), ==, "gil-wait");
  g_assert_cmpstr (ilv_state_to_string (ILV_STATE_NOT_STARTED), ==, "not-started");
  g_assert_false (ilv_state_from_string ("gil_wait", NULL));
  g_assert_false (ilv_state_from_string (NULL, NULL));
  for (guint i = 0; i <= ILV_WORKER_ASYNC; i++)
    {
      IlvWorkerKind kind;

      g_assert_true (ilv_worker_kind_from_string (ilv_worker_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_false (ilv_worker_kind_from_string ("Thread", NULL));
  g_assert_cmpstr (ilv_resource_kind_to_string (ILV_RESOURCE_BARRIER), ==, "Barrier");
  g_assert_cmpstr (ilv_stop_reason_to_string (ILV_STOP_DEADLOCK), ==, "deadlock");
  g_assert_cmpstr (ilv_step_kind_to_string (ILV_STEP_TASK_DONE), ==, "task_done");
}

static void
test_durations (void)
{
  static const struct { const char *text; gint64 ns; } good[] = {
    { "0ns", 0 }, { "5ms", 5000000 }, { "1.5ms", 1500000 }, { "250us", 250000 },
    { "250\xc2\xb5s", 250000 }, { "2 s", 2000000000 }, { "0.000000001s", 1 },
    { "  7ns ", 7 }, { "1.25us", 1250 }, { "9223372036ns", 9223372036 },
  };
  static const char * const bad[] = {
    "", "5", "ms", "-5ms", "5 sec", "nan", "NaNms", "infms", "1e3ms", "1e999s", "+5ms",
    "5ms5", "0x10ms", "99999999999999999999s", "9223372037s", "1.5.5ms", ".5ms",
  };
  g_autofree char *formatted = ilv_duration_format (1500000);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 ns = -1;

      g_assert_true (ilv_duration_parse (good[i].text, 0, G_MAXINT64, &ns, &error));
      g_assert_no_error (error);
      g_assert_cmpint (ns, ==, good[i].ns);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 ns = -1;

      g_assert_false (ilv_duration_parse (bad[i], 0, G_MAXINT64, &ns, &error));
      g_assert_error (error, ILV_SCENARIO_ERROR, error->code);
      g_assert_cmpint (ns, ==, -1);
    }
  g_assert_cmpstr (formatted, ==, "1500us");

  /* text from a command line need not be UTF-8; the message still is */
  {
    g_autoptr(GError) error = NULL;
    gint64 ns;

    g_assert_false (ilv_duration_parse ("5\xff\xc3", 0, G_MAXINT64, &ns, &error));
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  }
}

static void
test_integers (void)
{
  g_autoptr(GError) error = NULL;
  gint64 v = 0;

  g_assert_true (ilv_integer_parse (" -42 ", -100, 100, &v, NULL));
  g_assert_cmpint (v, ==, -42);
  g_assert_true (ilv_integer_parse ("9223372036854775807", 0, G_MAXINT64, &v, NULL));
  g_assert_cmpint (v, ==, G_MAXINT64);
  g_assert_false (ilv_integer_parse ("18446744073709551616", 0, G_MAXINT64, &v, &error));
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_false (ilv_integer_parse ("12abc", 0, 100, &v, &error));
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ilv_integer_parse ("-", 0, 100, &v, &error));
  g_clear_error (&error);
  g_assert_false (ilv_integer_parse ("0", 1, 100, &v, &error));
  g_assert_nonnull (strstr (error->message, "expected 1..100"));
}

static const IlvStep *
step_at (const IlvProgram *program,
         guint             i)
{
  g_assert_cmpuint (i, <, program->n_steps);
  return &program->steps[i];
}

static void
check_thread_program (const IlvScenario *s,
                      const IlvProgram  *prog)
{
  static const IlvStepKind kinds[] = {
    ILV_STEP_COMPUTE, ILV_STEP_SLEEP, ILV_STEP_ACQUIRE, ILV_STEP_RELEASE, ILV_STEP_WITH,
    ILV_STEP_LOAD, ILV_STEP_STORE, ILV_STEP_PUT, ILV_STEP_GET, ILV_STEP_TASK_DONE,
    ILV_STEP_JOIN, ILV_STEP_SET, ILV_STEP_CLEAR, ILV_STEP_WAIT, ILV_STEP_WAIT,
    ILV_STEP_SEND, ILV_STEP_RECV, ILV_STEP_REPEAT, ILV_STEP_WITH,
  };
  const IlvStep *with = step_at (prog, 4);
  const IlvStep *repeat = step_at (prog, 17);

  g_assert_cmpuint (prog->n_steps, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpint (step_at (prog, i)->kind, ==, kinds[i]);

  g_assert_cmpint (step_at (prog, 0)->duration_ns, ==, 1500000);
  g_assert_cmpint (step_at (prog, 1)->duration_ns, ==, 2000);
  g_assert_cmpuint (step_at (prog, 0)->column, ==, 1);
  g_assert_cmpint (step_at (prog, 2)->resource, ==, ilv_scenario_find_resource (s, "lk"));
  g_assert_cmpint (with->resource, ==, ilv_scenario_find_resource (s, "sem"));
  g_assert_cmpuint (with->n_body, ==, 3);
  g_assert_cmpint (with->body[1].kind, ==, ILV_STEP_ADD);
  g_assert_cmpint (with->body[1].amount, ==, -3);
  g_assert_cmpint (with->body[1].resource, ==, -1);
  g_assert_cmpint (step_at (prog, 5)->resource, ==, ilv_scenario_find_resource (s, "arr"));
  g_assert_cmpint (step_at (prog, 5)->amount, ==, 3);
  g_assert_cmpint (step_at (prog, 6)->amount, ==, 1);
  g_assert_cmpint (step_at (prog, 14)->resource, ==, ilv_scenario_find_resource (s, "bar"));
  g_assert_cmpint (repeat->amount, ==, 3);
  g_assert_cmpuint (repeat->n_body, ==, 1);
  g_assert_cmpstr (repeat->body[0].text, ==, "a \"quoted\" \\ #mark");
  g_assert_cmpint (step_at (prog, 18)->resource, ==, ilv_scenario_find_resource (s, "v"));
}

static void
check_every_kind (const IlvScenario *s)
{
  const IlvResource *sem, *v, *arr, *q, *bar;
  const IlvWorkerGroup *t, *p, *a;
  const IlvPool *pool, *ppool;
  static const gint64 crashes[] = { SIGSEGV, SIGABRT, SIGFPE, SIGKILL, SIGSEGV, -3, 0 };

  g_assert_cmpstr (s->name, ==, " Every kind: a \"test\" # not a comment");
  g_assert_cmpstr (s->description, ==, "Line one.\nLine two with a backslash \\ here.");
  g_assert_cmpstr (s->topic, ==, "Tests");
  g_assert_false (s->gil);
  g_assert_cmpint (s->switch_interval_ns, ==, 250000);
  g_assert_cmpint (s->timeout_ns, ==, 1500000000);
  g_assert_cmpuint (s->resources->len, ==, 8);
  for (guint i = 0; i < s->resources->len; i++)
    g_assert_cmpint (((IlvResource *) g_ptr_array_index (s->resources, i))->kind, ==, i);

  sem = g_ptr_array_index (s->resources, 1);
  v = g_ptr_array_index (s->resources, 2);
  arr = g_ptr_array_index (s->resources, 3);
  q = g_ptr_array_index (s->resources, 4);
  bar = g_ptr_array_index (s->resources, 6);
  g_assert_true (sem->initial == 3 && sem->bounded);
  g_assert_true (v->initial == -7 && v->locked);
  g_assert_true (arr->capacity == 4 && arr->initial == 2 && !arr->locked);
  g_assert_cmpuint (q->capacity, ==, 5);
  g_assert_cmpuint (bar->capacity, ==, 2);

  g_assert_cmpuint (s->groups->len, ==, 3);
  t = g_ptr_array_index (s->groups, 0);
  p = g_ptr_array_index (s->groups, 1);
  a = g_ptr_array_index (s->groups, 2);
  g_assert_true (t->kind == ILV_WORKER_THREAD && t->count == 2 && t->daemon);
  g_assert_cmpint (t->start_at_ns, ==, 10000000);
  g_assert_cmpint (t->terminate_at_ns, ==, -1);
  check_thread_program (s, t->program);
  g_assert_true (p->kind == ILV_WORKER_PROCESS && p->count == 1 && !p->daemon);
  g_assert_cmpint (p->terminate_at_ns, ==, 50000000);
  g_assert_cmpuint (p->program->n_steps, ==, 1 + G_N_ELEMENTS (crashes));
  g_assert_cmpint (p->program->steps[0].kind, ==, ILV_STEP_FOREVER);
  for (guint i = 0; i < G_N_ELEMENTS (crashes); i++)
    {
      g_assert_cmpint (p->program->steps[i + 1].kind, ==, ILV_STEP_CRASH);
      g_assert_cmpint (p->program->steps[i + 1].amount, ==, crashes[i]);
    }
  g_assert_true (a->kind == ILV_WORKER_ASYNC && a->count == 3);

  g_assert_cmpuint (s->pools->len, ==, 2);
  pool = g_ptr_array_index (s->pools, 0);
  ppool = g_ptr_array_index (s->pools, 1);
  g_assert_true (pool->kind == ILV_WORKER_THREAD && pool->workers == 4 &&
                 pool->tasks == 16 && pool->chunksize == 4);
  g_assert_true (ppool->kind == ILV_WORKER_PROCESS && ppool->workers == 2 &&
                 ppool->tasks == 3 && ppool->chunksize == 1);

  g_assert_cmpuint (ilv_scenario_count_workers (s, ILV_WORKER_THREAD), ==, 6);
  g_assert_cmpuint (ilv_scenario_count_workers (s, ILV_WORKER_PROCESS), ==, 3);
  g_assert_cmpuint (ilv_scenario_count_workers (s, ILV_WORKER_ASYNC), ==, 3);
}

static void
test_every_kind (void)
{
  g_autoptr(IlvScenario) s = parse_ok (every_kind, NULL);

  check_every_kind (s);
  g_assert_cmpuint (((IlvWorkerGroup *) g_ptr_array_index (s->groups, 0))->program->steps[1].column, ==, 16);
  g_assert_cmpint (ilv_scenario_find_resource (s, "nope"), ==, -1);
  g_assert_cmpstr (s->source, ==, "t.scenario");
}

/* to_data writes a file that parses to an equal scenario, and is stable. */
static void
test_round_trip (void)
{
  g_autoptr(IlvScenario) s = parse_ok (every_kind, NULL);
  g_autoptr(IlvScenario) again = NULL;
  g_autoptr(IlvScenario) copy = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data2 = NULL;
  gsize length = 0;

  data = ilv_scenario_to_data (s, &length);
  g_assert_cmpuint (length, ==, strlen (data));
  again = parse_ok (data, NULL);
  check_every_kind (again);
  g_assert_true (ilv_scenario_equal (s, again));
  data2 = ilv_scenario_to_data (again, NULL);
  g_assert_cmpstr (data, ==, data2);

  copy = parse_ok (data, (const char * const[]) { "Workers t:Count=3", NULL });
  g_assert_false (ilv_scenario_equal (s, copy));
}

static void
test_program_copy (void)
{
  g_autoptr(IlvScenario) s = parse_ok (every_kind, NULL);
  const IlvWorkerGroup *t = g_ptr_array_index (s->groups, 0);
  g_autoptr(IlvProgram) copy = ilv_program_copy (t->program);
  const char *names[] = { "lk", "sem", "v", "arr", "q", "ev", "bar", "pp" };
  g_autofree char *text = ilv_program_to_string (copy, names, G_N_ELEMENTS (names));

  g_assert_true (ilv_program_equal (copy, t->program));
  g_assert_true (g_str_has_prefix (text, "compute 1500us; sleep 2us; acquire lk; release lk; "
                                         "with sem { load v; add -3; store v }; load arr[3]"));
  g_assert_nonnull (strstr (text, "repeat 3 { mark \"a \\\"quoted\\\" \\\\ #mark\" }"));
  copy->steps[0].duration_ns++;
  g_assert_false (ilv_program_equal (copy, t->program));
}

static void
test_defaults (void)
{
  g_autoptr(IlvScenario) s = parse_ok ("[Scenario]\nName=Minimal\n"
                                       "[Semaphore s]\n[Value v]\n[Queue q]\n[Pipe p]\n"
                                       "[Workers w]\nProgram=sleep 1ms\n", NULL);
  const IlvWorkerGroup *w = g_ptr_array_index (s->groups, 0);
  const IlvResource *sem = g_ptr_array_index (s->resources, 0);
  const IlvResource *v = g_ptr_array_index (s->resources, 1);

  g_assert_cmpstr (s->name, ==, "Minimal");
  g_assert_null (s->description);
  g_assert_null (s->topic);
  g_assert_true (s->gil);
  g_assert_cmpint (s->switch_interval_ns, ==, 5 * ILV_NS_PER_MS);
  g_assert_cmpint (s->timeout_ns, ==, 60 * ILV_NS_PER_S);
  g_assert_true (sem->initial == 1 && !sem->bounded);
  g_assert_true (v->initial == 0 && !v->locked);
  g_assert_cmpuint (((IlvResource *) g_ptr_array_index (s->resources, 2))->capacity, ==, 0);
  g_assert_cmpuint (((IlvResource *) g_ptr_array_index (s->resources, 3))->capacity, ==, 0);
  g_assert_true (w->kind == ILV_WORKER_THREAD && w->count == 1 && !w->daemon);
  g_assert_cmpint (w->start_at_ns, ==, 0);
  g_assert_cmpint (w->terminate_at_ns, ==, -1);
  g_assert_cmpstr (w->program_text, ==, "sleep 1ms");
  g_assert_cmpuint (w->line, ==, 7);
  g_assert_cmpuint (sem->line, ==, 3);
}

static const char base[] =
  "[Scenario]\nName=Base\n[Value db_val]\n[Lock db_lock]\n"
  "[Workers increase]\nCount=2\nProgram=load db_val; add 1; sleep 10ms; store db_val\n";

static void
expect_error (const char         *text,
              const char * const *overrides,
              gint                code,
              const char         *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) s = ilv_scenario_new_from_data (text, strlen (text), "t.scenario",
                                                         overrides, &error);

  g_assert_null (s);
  g_assert_error (error, ILV_SCENARIO_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("expected \"%s\" in \"%s\"", fragment, error->message);
}

static void
test_overrides (void)
{
  const char * const set[] = { "Scenario:GIL=false", "Workers increase:Count=5",
                               "Workers increase:Program=with db_lock { load db_val; add 1; store db_val }",
                               "Scenario: SwitchInterval = 1ms", "Value db_val:Initial=4", NULL };
  g_autoptr(IlvScenario) s = parse_ok (base, set);
  const IlvWorkerGroup *w = g_ptr_array_index (s->groups, 0);

  g_assert_false (s->gil);
  g_assert_cmpint (s->switch_interval_ns, ==, ILV_NS_PER_MS);
  g_assert_cmpuint (w->count, ==, 5);
  g_assert_cmpint (w->program->steps[0].kind, ==, ILV_STEP_WITH);
  g_assert_cmpint (((IlvResource *) g_ptr_array_index (s->resources, 0))->initial, ==, 4);

  expect_error (base, (const char * const[]) { "Workers nope:Count=1", NULL },
                ILV_SCENARIO_ERROR_INVALID, "no section [Workers nope]; expected the full header text");
  expect_error (base, (const char * const[]) { "Workers increse:Count=1", NULL },
                ILV_SCENARIO_ERROR_INVALID, "did you mean \"Workers increase\"?");
  expect_error (base, (const char * const[]) { "Workers increase:Cuont=1", NULL },
                ILV_SCENARIO_ERROR_INVALID,
                "[Workers increase] Cuont (from --set): unknown key; did you mean \"Count\"?");
  expect_error (base, (const char * const[]) { "Workers increase:Count=0", NULL },
                ILV_SCENARIO_ERROR_INVALID, "t.scenario: [Workers increase] Count (from --set): \"0\" is too small");
  expect_error (base, (const char * const[]) { "Scenario:Name=\xff", NULL },
                ILV_SCENARIO_ERROR_INVALID, "is not valid UTF-8");
  expect_error (base, (const char * const[]) { "GIL=false", NULL },
                ILV_SCENARIO_ERROR_INVALID, "expected SECTION:KEY=VALUE");
  expect_error (base, (const char * const[]) { "Scenario:GIL", NULL },
                ILV_SCENARIO_ERROR_INVALID, "expected SECTION:KEY=VALUE");
  expect_error (base, (const char * const[]) { "Workers increase:Count=300", NULL },
                ILV_SCENARIO_ERROR_LIMIT, "more belongs in processes");
}

static void
test_locked_values (void)
{
  g_autoptr(IlvScenario) s = parse_ok ("[Scenario]\nName=x\n[Value v]\nLock=true\n[Array a]\nLength=2\nLock=1\n"
                                       "[Workers w]\nProgram=with v { load a[1]; store a[1] }; acquire a; release a\n",
                                       NULL);
  const IlvProgram *prog = ((IlvWorkerGroup *) g_ptr_array_index (s->groups, 0))->program;

  g_assert_cmpint (prog->steps[0].resource, ==, 0);
  g_assert_cmpint (prog->steps[1].resource, ==, 1);
  expect_error ("[Scenario]\nName=x\n[Value v]\n[Workers w]\nProgram=with v { add 1 }\n", NULL,
                ILV_SCENARIO_ERROR_INVALID, "add Lock=true to [Value v]");
}

static void
test_program_layout (void)
{
  g_autoptr(IlvScenario) s = parse_ok ("[Scenario]\nName=x\n[Lock l]\n"
                                       "[Workers w]\n"
                                       "Program=  repeat 2 {\\n  with l {\\n compute 1ms # work\\n }\\n}\\n"
                                       "repeat 1 { sleep 1ms } sleep 2ms;;\n", NULL);
  const IlvProgram *prog = ((IlvWorkerGroup *) g_ptr_array_index (s->groups, 0))->program;

  g_assert_cmpuint (prog->n_steps, ==, 3);
  g_assert_cmpuint (prog->steps[0].column, ==, 1);
  g_assert_cmpuint (prog->steps[0].body[0].body[0].column, ==, 24);
  g_assert_cmpint (prog->steps[2].duration_ns, ==, 2 * ILV_NS_PER_MS);
}

static void
test_from_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ilv-scenario-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mine.scenario", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) s = NULL;
  g_autoptr(IlvScenario) missing = NULL;

  g_assert_true (g_file_set_contents (path, base, -1, NULL));
  s = ilv_scenario_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->source, ==, path);
  g_assert_cmpstr (s->name, ==, "Base");
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  missing = ilv_scenario_new_from_file (path, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));
}

static void
test_library (void)
{
  g_autoptr(GPtrArray) list = ilv_scenario_library_list ();
  g_autoptr(GHashTable) topics_done = g_hash_table_new (g_str_hash, g_str_equal);
  const char *topic = NULL;

  g_assert_cmpuint (list->len, >=, 20);
  for (guint i = 0; i < list->len; i++)
    {
      IlvScenarioInfo *info = g_ptr_array_index (list, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(IlvScenario) s = ilv_scenario_load (info->id, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (s->name, ==, info->name);
      g_assert_nonnull (info->topic);
      g_assert_nonnull (s->description);
      g_assert_cmpuint (strlen (s->description), >, 80);
      g_assert_cmpuint (strlen (info->summary), >, 10);
      g_assert_cmpuint (strlen (info->summary), <=, strlen (s->description));
      g_assert_true (g_str_has_prefix (s->source, "builtin:"));
      /* grouped: a topic, once left, never comes back */
      if (g_strcmp0 (topic, info->topic) != 0)
        {
          g_assert_false (g_hash_table_contains (topics_done, info->topic));
          if (topic != NULL)
            g_hash_table_add (topics_done, (gpointer) topic);
          topic = info->topic;
        }
    }
  g_assert_cmpstr (((IlvScenarioInfo *) g_ptr_array_index (list, 0))->id, ==, "cpu-threads");
}

/* Every scenario file of the source tree is compiled in and has its place
 * in course-order. */
static void
test_library_complete (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", NULL);
  g_autoptr(GBytes) order = g_resources_lookup_data (RESOURCE_PREFIX "/scenarios/course-order",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GPtrArray) list = ilv_scenario_library_list ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *order_text = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (order);
  order_text = g_strndup (g_bytes_get_data (order, NULL), g_bytes_get_size (order));
  for (guint i = 0; i < list->len; i++)
    {
      IlvScenarioInfo *info = g_ptr_array_index (list, i);
      g_autofree char *line = g_strdup_printf ("\n%s\n", info->id);

      g_hash_table_add (ids, info->id);
      g_assert_nonnull (strstr (order_text, line));
    }
  if (d == NULL)
    {
      g_test_skip ("the source tree is not at hand");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".scenario"))
      {
        g_autofree char *id = g_strndup (name, strlen (name) - strlen (".scenario"));

        g_assert_true (g_hash_table_contains (ids, id));
        n_files++;
      }
  g_assert_cmpuint (n_files, ==, list->len);
}

static void
test_library_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvScenario) s = ilv_scenario_load ("race-conditon", NULL, &error);

  g_assert_null (s);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "interleave --list"));
  g_assert_nonnull (strstr (error->message, "did you mean \"race-condition\"?"));
  g_clear_error (&error);

  s = ilv_scenario_library_load ("../race-condition", NULL, &error);
  g_assert_null (s);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_IO);
  g_clear_error (&error);

  s = ilv_scenario_library_load ("race-condition", (const char * const[]) { "Workers increase:Count=3", NULL },
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((IlvWorkerGroup *) g_ptr_array_index (s->groups, 0))->count, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario/types", test_types);
  g_test_add_func ("/scenario/durations", test_durations);
  g_test_add_func ("/scenario/integers", test_integers);
  g_test_add_func ("/scenario/every-kind", test_every_kind);
  g_test_add_func ("/scenario/round-trip", test_round_trip);
  g_test_add_func ("/scenario/program-copy", test_program_copy);
  g_test_add_func ("/scenario/defaults", test_defaults);
  g_test_add_func ("/scenario/overrides", test_overrides);
  g_test_add_func ("/scenario/locked-values", test_locked_values);
  g_test_add_func ("/scenario/program-layout", test_program_layout);
  g_test_add_func ("/scenario/from-file", test_from_file);
  g_test_add_func ("/scenario/library", test_library);
  g_test_add_func ("/scenario/library-complete", test_library_complete);
  g_test_add_func ("/scenario/library-errors", test_library_errors);

  return g_test_run ();
}
