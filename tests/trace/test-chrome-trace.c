/* test-chrome-trace.c: a run saved as Chrome Trace Event JSON reads back whole;
 * damaged files give an answer, never a crash
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ilv-chrome-trace.h"
#include "ilv-summary.h"
#include "trace-fixture.h"

static void
assert_same_spans (IlvTrace *a,
                   IlvTrace *b,
                   guint     lane)
{
  g_assert_cmpuint (ilv_trace_lane_get_n_spans (a, lane), ==, ilv_trace_lane_get_n_spans (b, lane));
  for (gsize i = 0; i < ilv_trace_lane_get_n_spans (a, lane); i++)
    {
      IlvSpan sa, sb;

      ilv_trace_lane_get_span (a, lane, i, &sa);
      ilv_trace_lane_get_span (b, lane, i, &sb);
      g_assert_cmpmem (&sa, sizeof sa, &sb, sizeof sb);
    }
}

static void
assert_same_lanes (IlvTrace *a,
                   IlvTrace *b)
{
  g_assert_cmpuint (ilv_trace_get_n_lanes (a), ==, ilv_trace_get_n_lanes (b));
  for (guint i = 0; i < ilv_trace_get_n_lanes (a); i++)
    {
      const IlvLaneInfo *la = ilv_trace_get_lane (a, i);
      const IlvLaneInfo *lb = ilv_trace_get_lane (b, i);

      g_assert_cmpstr (la->name, ==, lb->name);
      g_assert_cmpstr (la->group, ==, lb->group);
      g_assert_cmpint (la->kind, ==, lb->kind);
      g_assert_cmpint (la->worker_kind, ==, lb->worker_kind);
      g_assert_cmpuint (la->process, ==, lb->process);
      g_assert_cmpint (la->daemon, ==, lb->daemon);
      assert_same_spans (a, b, i);
      g_assert_cmpuint (ilv_trace_lane_get_n_holds (a, i), ==, ilv_trace_lane_get_n_holds (b, i));
      g_assert_cmpmem (ilv_trace_lane_get_holds (a, i), ilv_trace_lane_get_n_holds (a, i) * sizeof (IlvHold),
                       ilv_trace_lane_get_holds (b, i), ilv_trace_lane_get_n_holds (b, i) * sizeof (IlvHold));
      g_assert_cmpint (ilv_trace_lane_get_start_cost (a, i), ==, ilv_trace_lane_get_start_cost (b, i));
      g_assert_cmpint (ilv_trace_lane_get_nominal_work (a, i), ==, ilv_trace_lane_get_nominal_work (b, i));
      g_assert_cmpint (ilv_trace_lane_get_exit_status (a, i), ==, ilv_trace_lane_get_exit_status (b, i));
    }
}

static void
assert_same_series (IlvTrace *a,
                    IlvTrace *b)
{
  g_assert_cmpuint (ilv_trace_get_n_resources (a), ==, ilv_trace_get_n_resources (b));
  for (guint r = 0; r < ilv_trace_get_n_resources (a); r++)
    {
      g_assert_cmpstr (ilv_trace_get_resource (a, r)->name, ==, ilv_trace_get_resource (b, r)->name);
      g_assert_cmpint (ilv_trace_get_resource (a, r)->kind, ==, ilv_trace_get_resource (b, r)->kind);
      g_assert_cmpint (ilv_trace_get_resource (a, r)->capacity, ==, ilv_trace_get_resource (b, r)->capacity);
      g_assert_cmpmem (ilv_trace_counter_get_points (a, r), ilv_trace_counter_get_n_points (a, r) * sizeof (IlvPoint),
                       ilv_trace_counter_get_points (b, r), ilv_trace_counter_get_n_points (b, r) * sizeof (IlvPoint));
      g_assert_cmpmem (ilv_trace_expected_get_points (a, r), ilv_trace_expected_get_n_points (a, r) * sizeof (IlvPoint),
                       ilv_trace_expected_get_points (b, r), ilv_trace_expected_get_n_points (b, r) * sizeof (IlvPoint));
    }
}

static void
assert_same_annotations (IlvTrace *a,
                         IlvTrace *b)
{
  g_assert_cmpuint (ilv_trace_get_n_flows (a), ==, ilv_trace_get_n_flows (b));
  for (gsize i = 0; i < ilv_trace_get_n_flows (a); i++)
    {
      const IlvFlow *fa = &ilv_trace_get_flows (a)[i];
      const IlvFlow *fb = &ilv_trace_get_flows (b)[i];

      g_assert_true (fa->kind == fb->kind && fa->resource == fb->resource &&
                     fa->from_lane == fb->from_lane && fa->from_time == fb->from_time &&
                     fa->to_lane == fb->to_lane && fa->to_time == fb->to_time);
    }
  g_assert_cmpuint (ilv_trace_get_n_marks (a), ==, ilv_trace_get_n_marks (b));
  for (gsize i = 0; i < ilv_trace_get_n_marks (a); i++)
    {
      g_assert_cmpstr (ilv_trace_get_marks (a)[i].text, ==, ilv_trace_get_marks (b)[i].text);
      g_assert_cmpint (ilv_trace_get_marks (a)[i].time, ==, ilv_trace_get_marks (b)[i].time);
      g_assert_cmpuint (ilv_trace_get_marks (a)[i].lane, ==, ilv_trace_get_marks (b)[i].lane);
    }
  g_assert_cmpuint (ilv_trace_get_n_tasks (a), ==, ilv_trace_get_n_tasks (b));
  for (gsize i = 0; i < ilv_trace_get_n_tasks (a); i++)
    {
      const IlvTask *ta = &ilv_trace_get_tasks (a)[i];
      const IlvTask *tb = &ilv_trace_get_tasks (b)[i];

      g_assert_cmpstr (ta->label, ==, tb->label);
      g_assert_true (ta->start == tb->start && ta->end == tb->end && ta->lane == tb->lane && ta->index == tb->index);
    }
}

static void
assert_same (IlvTrace *a,
             IlvTrace *b)
{
  g_autoptr(IlvSummary) sa = ilv_summary_new (a);
  g_autoptr(IlvSummary) sb = ilv_summary_new (b);
  g_autofree char *ja = ilv_summary_to_json (sa);
  g_autofree char *jb = ilv_summary_to_json (sb);

  g_assert_cmpstr (ilv_trace_get_title (a), ==, ilv_trace_get_title (b));
  g_assert_cmpstr (ilv_trace_get_description (a), ==, ilv_trace_get_description (b));
  g_assert_cmpint (ilv_trace_get_start (a), ==, ilv_trace_get_start (b));
  g_assert_cmpint (ilv_trace_get_end (a), ==, ilv_trace_get_end (b));
  g_assert_cmpint (ilv_trace_get_stop_reason (a), ==, ilv_trace_get_stop_reason (b));
  g_assert_cmpuint (ilv_trace_get_n_processes (a), ==, ilv_trace_get_n_processes (b));
  for (guint i = 0; i < ilv_trace_get_n_processes (a); i++)
    {
      g_assert_cmpstr (ilv_trace_get_process (a, i)->name, ==, ilv_trace_get_process (b, i)->name);
      g_assert_cmpint (ilv_trace_get_process (a, i)->pid, ==, ilv_trace_get_process (b, i)->pid);
      g_assert_cmpint (ilv_trace_get_process (a, i)->exit_status, ==, ilv_trace_get_process (b, i)->exit_status);
    }
  assert_same_lanes (a, b);
  assert_same_series (a, b);
  assert_same_annotations (a, b);
  g_assert_cmpstr (ja, ==, jb);
}

static void
test_round_trip (void)
{
  g_autoptr(IlvTrace) trace = trace_fixture_rich ();
  g_autoptr(GString) json = ilv_chrome_trace_write (trace);
  g_autoptr(IlvTrace) back = NULL;
  g_autoptr(GString) again = NULL;
  g_autoptr(GError) error = NULL;

  back = ilv_chrome_trace_load (json->str, json->len, &error);
  g_assert_no_error (error);
  assert_same (trace, back);
  g_assert_null (ilv_trace_get_variant (back));
  /* Written again, the same bytes. */
  again = ilv_chrome_trace_write (back);
  g_assert_cmpstr (json->str, ==, again->str);
}

static IlvTrace *
reload (IlvTrace *trace)
{
  g_autoptr(GString) json = ilv_chrome_trace_write (trace);
  g_autoptr(GError) error = NULL;
  IlvTrace *back = ilv_chrome_trace_load (json->str, json->len, &error);

  g_assert_no_error (error);
  return back;
}

/* What an edited run changed travels with the saved run, so a prepared
 * comparison still says which run had the lock. */
static void
test_variant (void)
{
  g_autoptr(IlvTrace) trace = trace_fixture_rich ();
  g_autoptr(IlvTrace) back = NULL;

  ilv_trace_set_variant (trace, "increase: Program=with db_lock { load db_val }");
  back = reload (trace);
  g_assert_cmpstr (ilv_trace_get_variant (back), ==, "increase: Program=with db_lock { load db_val }");

  /* Cleared, it is gone: an empty one counts as none. */
  ilv_trace_set_variant (back, "");
  g_assert_null (ilv_trace_get_variant (back));
}

/* A run still going on (open hold, open span) and a run with nothing in
 * it read back as they were. */
static void
test_live_and_empty (void)
{
  g_autoptr(IlvTrace) empty = ilv_trace_new ("", NULL);
  g_autoptr(IlvTrace) live = ilv_trace_new ("live", "still running");
  g_autoptr(IlvTrace) back_empty = NULL;
  g_autoptr(IlvTrace) back_live = NULL;
  guint app, lane, lock, value;

  ilv_trace_set_start (empty, 5);
  ilv_trace_add_resource (empty, "v", ILV_RESOURCE_VALUE, 7, 0);
  ilv_trace_finish (empty, 5, ILV_STOP_STOPPED, "");
  back_empty = reload (empty);
  assert_same (empty, back_empty);
  g_assert_cmpint (ilv_trace_counter_get_points (back_empty, 0)[0].value, ==, 7);

  ilv_trace_set_start (live, 1000);
  app = ilv_trace_add_process (live, "app", 7, ILV_WORKER_THREAD);
  lane = ilv_trace_add_lane (live, app, "w#1", "w", ILV_WORKER_THREAD, TRUE);
  lock = ilv_trace_add_resource (live, "lk", ILV_RESOURCE_LOCK, 0, 0);
  value = ilv_trace_add_resource (live, "v", ILV_RESOURCE_VALUE, 0, 0);
  APPEND (live,
          state (1100, lane, ILV_STATE_RUNNING, -1),
          ev (1200, lane, ILV_EVENT_LOCK_ACQUIRED, lock, 0, 0),
          ev (1300, lane, ILV_EVENT_VALUE_STORE, value, 1, 1));
  ilv_trace_set_now (live, 2000);
  back_live = reload (live);
  g_assert_false (ilv_trace_is_finished (back_live));
  g_assert_cmpint (ilv_trace_get_end (back_live), ==, 2000);
  g_assert_cmpint (ilv_trace_lane_get_holds (back_live, lane)[0].end, ==, G_MAXINT64);
  assert_same_lanes (live, back_live);
  assert_same_series (live, back_live);
}

/* Valid JSON, every kind of event, and slices nested per thread. */
static void
test_valid_and_nested (void)
{
  g_autoptr(IlvTrace) trace = trace_fixture_rich ();
  g_autoptr(GString) json = ilv_chrome_trace_write (trace);
  g_autofree char *out = NULL;
  const char *script =
    "import collections\n"
    "by = collections.defaultdict(list)\n"
    "for e in d['traceEvents']:\n"
    "  if e['ph'] == 'X': by[(e['pid'], e['tid'])].append((e['ts'], -e['dur'], e['ts'] + e['dur']))\n"
    "bad = 0\n"
    "for slices in by.values():\n"
    "  slices.sort(); stack = []\n"
    "  for ts, neg, end in slices:\n"
    "    while stack and stack[-1] <= ts + 1e-6: stack.pop()\n"
    "    if stack and end > stack[-1] + 1e-6: bad += 1\n"
    "    stack.append(end)\n"
    "print(bad, ''.join(sorted(set(e['ph'] for e in d['traceEvents']))), d['displayTimeUnit'],"
    " d['interleave']['format'])\n";

  if (!trace_fixture_python_json (json->str, script, &out))
    {
      g_test_skip ("python3 is not installed: the JSON was not checked by a second parser");
      return;
    }
  g_assert_cmpstr (out, ==, "0 CMXbefis ms 1\n");
}

static void
test_save_and_load_file (void)
{
  g_autoptr(IlvTrace) trace = trace_fixture_rich ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ilv-chrome-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(IlvTrace) back = NULL;

  g_assert_no_error (error);
  g_assert_true (ilv_chrome_trace_save (trace, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  back = ilv_chrome_trace_load (contents, length, &error);
  g_assert_no_error (error);
  assert_same (trace, back);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);   /* nothing else was left there */
}

static void
assert_not_loaded (const char *json,
                   gint        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvTrace) trace = ilv_chrome_trace_load (json, strlen (json), &error);

  g_assert_null (trace);
  g_assert_error (error, G_IO_ERROR, code);
  g_test_message ("%s → %s", json, error->message);
}

static void
test_foreign_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IlvTrace) trace = NULL;

  assert_not_loaded ("{\"traceEvents\": [{\"ph\": \"X\", \"ts\": 1, \"dur\": 2, \"pid\": 1, \"tid\": 1}]}",
                     G_IO_ERROR_INVALID_DATA);
  assert_not_loaded ("{\"interleave\": {\"format\": 99}, \"traceEvents\": []}", G_IO_ERROR_NOT_SUPPORTED);
  assert_not_loaded ("{\"interleave\": {\"format\": 1, \"start_ns\": 5, \"end_ns\": 1}}",
                     G_IO_ERROR_INVALID_DATA);
  assert_not_loaded ("[]", G_IO_ERROR_INVALID_DATA);
  assert_not_loaded ("{}", G_IO_ERROR_INVALID_DATA);

  trace = ilv_chrome_trace_load ("PNG\x89", 4, &error);
  g_assert_null (trace);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "JSON"));
}

/* Whatever is loaded can be summarised, sampled and written again. */
static void
exercise (IlvTrace *trace)
{
  g_autoptr(IlvSummary) summary = ilv_summary_new (trace);
  g_autofree char *json = ilv_summary_to_json (summary);
  g_autoptr(GString) again = ilv_chrome_trace_write (trace);
  IlvColumn columns[16];
  IlvCounterColumn counters[16];

  for (guint i = 0; i < ilv_trace_get_n_lanes (trace); i++)
    ilv_trace_lane_sample (trace, i, ilv_trace_get_start (trace), ilv_trace_get_end (trace), 16, columns);
  for (guint i = 0; i < ilv_trace_get_n_resources (trace); i++)
    ilv_trace_counter_sample (trace, i, ilv_trace_get_start (trace), ilv_trace_get_end (trace), 16, counters);
  ilv_trace_get_n_flows (trace);
}

/* Cut at every 97th byte: an error, or the part before the cut with a note. */
static void
test_truncated (void)
{
  g_autoptr(IlvTrace) trace = trace_fixture_rich ();
  g_autoptr(GString) json = ilv_chrome_trace_write (trace);
  guint partial = 0;

  for (gsize cut = 0; cut < json->len; cut += 97)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = g_memdup2 (json->str, MAX (cut, 1));
      g_autoptr(IlvTrace) back = ilv_chrome_trace_load (copy, cut, &error);

      g_assert_true ((back == NULL) == (error != NULL));
      if (back == NULL)
        continue;
      partial++;
      g_assert_cmpint (ilv_trace_get_stop_reason (back), ==, ILV_STOP_ERROR);
      g_assert_nonnull (strstr (ilv_trace_get_stop_message (back), "cut short"));
      g_assert_cmpuint (ilv_trace_get_n_lanes (back), ==, ilv_trace_get_n_lanes (trace));
      exercise (back);
    }
  /* Most cuts fall among the events, after the header: those load. */
  g_assert_cmpuint (partial, >, json->len / 97 / 2);
}

static void
test_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (97);
  g_autoptr(IlvTrace) trace = trace_fixture_rich ();
  g_autoptr(GString) json = ilv_chrome_trace_write (trace);
  guint loaded = 0;

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *buf = g_memdup2 (json->str, json->len);
      gsize len = json->len;
      g_autoptr(IlvTrace) back = NULL;

      if (round % 3 == 0)
        {
          len = (gsize) g_rand_int_range (rand, 0, 4096);
          for (gsize i = 0; i < len; i++)
            buf[i] = (char) g_rand_int_range (rand, 0, 256);
        }
      else
        for (guint k = 0; k < 1 + round % 7; k++)
          buf[g_rand_int_range (rand, 0, (gint32) len)] = "0123456789-.e\",:{}[]x\xff"[g_rand_int_range (rand, 0, 23)];
      back = ilv_chrome_trace_load (buf, len, &error);
      g_assert_true ((back == NULL) == (error != NULL));
      if (back != NULL)
        {
          loaded++;
          exercise (back);
        }
    }
  g_test_message ("%u of 3000 damaged files still loaded", loaded);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chrome-trace/round-trip", test_round_trip);
  g_test_add_func ("/chrome-trace/variant", test_variant);
  g_test_add_func ("/chrome-trace/live-and-empty", test_live_and_empty);
  g_test_add_func ("/chrome-trace/valid-and-nested", test_valid_and_nested);
  g_test_add_func ("/chrome-trace/save-and-load-file", test_save_and_load_file);
  g_test_add_func ("/chrome-trace/foreign-files", test_foreign_files);
  g_test_add_func ("/chrome-trace/truncated", test_truncated);
  g_test_add_func ("/chrome-trace/garbage", test_garbage);

  return g_test_run ();
}
