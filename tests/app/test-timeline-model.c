/* test-timeline-model.c: visible, selected and whole time of the timeline; slowed-down scenarios
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ilv-duration.h"
#include "ilv-scenario-scale.h"
#include "ilv-timeline-model.h"

#define MS ILV_NS_PER_MS

static void
test_model_follows (void)
{
  g_autoptr(IlvTimelineModel) model = ilv_timeline_model_new ();
  gint64 start, end;

  /* A live run grows: following, the whole of it stays in view. */
  ilv_timeline_model_reset (model, 0);
  ilv_timeline_model_set_duration (model, 100 * MS);
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 100 * MS);
  g_assert_true (ilv_timeline_model_get_following (model));

  /* Zoomed in, the view stays where it is while the run grows. */
  ilv_timeline_model_zoom (model, 2.0, 0);
  g_assert_false (ilv_timeline_model_get_following (model));
  ilv_timeline_model_set_duration (model, 200 * MS);
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 50 * MS);

  ilv_timeline_model_zoom_whole (model);
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (end, ==, 200 * MS);
  g_assert_true (ilv_timeline_model_is_whole (model));
}

static void
test_model_zoom_pan (void)
{
  g_autoptr(IlvTimelineModel) model = ilv_timeline_model_new ();
  gint64 start, end;

  ilv_timeline_model_reset (model, 1000 * MS);

  /* Zooming keeps the anchor where it was on screen. */
  ilv_timeline_model_zoom (model, 4.0, 500 * MS);
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (start, ==, 375 * MS);
  g_assert_cmpint (end, ==, 625 * MS);

  ilv_timeline_model_pan (model, 0.5);
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (start, ==, 500 * MS);
  g_assert_cmpint (end, ==, 750 * MS);

  /* Panning stops at the run's ends, keeping the width. */
  ilv_timeline_model_pan (model, 10);
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (start, ==, 750 * MS);
  g_assert_cmpint (end, ==, 1000 * MS);

  /* Zooming out past the whole run shows the whole run. */
  ilv_timeline_model_zoom (model, 0.01, 0);
  g_assert_true (ilv_timeline_model_is_whole (model));

  /* No closer than a microsecond. */
  ilv_timeline_model_zoom (model, 1e12, 10 * MS);
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (end - start, ==, 1000);
}

/* A pinch reports its scale from where it began; the view zooms by each
 * step's ratio around the fingers. The steps add up to the pinch's scale,
 * and the time under the fingers stays where it was on screen. */
static void
test_model_zoom_steps (void)
{
  g_autoptr(IlvTimelineModel) model = ilv_timeline_model_new ();
  static const double scales[] = { 1.1, 1.25, 1.6, 1.5, 2.0 };
  double previous = 1.0;
  gint64 anchor = 200 * MS;
  gint64 start, end;

  ilv_timeline_model_reset (model, 1000 * MS);
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      ilv_timeline_model_zoom (model, scales[i] / previous, anchor);
      previous = scales[i];

      /* The anchor stays a fifth of the way across. */
      ilv_timeline_model_get_visible (model, &start, &end);
      g_assert_cmpfloat (fabs ((double) (anchor - start) / (end - start) - 0.2), <, 1e-6);
      /* Within a few ns of rounding a step. */
      g_assert_cmpfloat (fabs ((end - start) - 1000 * MS / scales[i]), <=, 2 * (i + 1));
    }
  g_assert_cmpint (ABS (start - 100 * MS), <=, 10);
  g_assert_cmpint (ABS (end - 600 * MS), <=, 10);
}

static void
test_model_selection (void)
{
  g_autoptr(IlvTimelineModel) model = ilv_timeline_model_new ();
  gint64 start, end;

  ilv_timeline_model_reset (model, 100 * MS);
  g_assert_false (ilv_timeline_model_get_selection (model, NULL, NULL));
  g_assert_false (ilv_timeline_model_zoom_to_selection (model));

  /* Dragged right to left, or past the end: ordered and clamped. */
  ilv_timeline_model_set_selection (model, 150 * MS, 40 * MS);
  g_assert_true (ilv_timeline_model_get_selection (model, &start, &end));
  g_assert_cmpint (start, ==, 40 * MS);
  g_assert_cmpint (end, ==, 100 * MS);

  g_assert_true (ilv_timeline_model_zoom_to_selection (model));
  ilv_timeline_model_get_visible (model, &start, &end);
  g_assert_cmpint (start, ==, 40 * MS);
  g_assert_cmpint (end, ==, 100 * MS);

  /* A new run starts without a selection or highlight. */
  ilv_timeline_model_set_highlight (model, 0, 2);
  ilv_timeline_model_reset (model, 10 * MS);
  g_assert_false (ilv_timeline_model_get_selection (model, NULL, NULL));
  g_assert_cmpint (ilv_timeline_model_get_highlight (model), ==, -1);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_model_notifies_once (void)
{
  g_autoptr(IlvTimelineModel) model = ilv_timeline_model_new ();
  guint count = 0;

  ilv_timeline_model_reset (model, 100 * MS);
  g_signal_connect (model, "notify::visible-start", G_CALLBACK (count_notify), &count);
  ilv_timeline_model_set_visible (model, 10 * MS, 20 * MS);
  g_assert_cmpuint (count, ==, 1);
  ilv_timeline_model_set_visible (model, 10 * MS, 30 * MS);
  g_assert_cmpuint (count, ==, 1);
}

static const char scenario_text[] =
  "[Scenario]\nName=Slow\nSwitchInterval=5ms\n\n"
  "[Lock l]\n\n"
  "[Workers w]\nKind=thread\nCount=2\nStartAt=3ms\n"
  "Program=compute 2ms; with l { sleep 1ms }; repeat 2 { sleep 500us }\n";

static void
check_steps (const IlvProgram *program,
             const gint64     *expected,
             guint             n_expected)
{
  guint found = 0;

  g_assert_cmpuint (program->n_steps, ==, 3);
  g_assert_cmpint (program->steps[0].duration_ns, ==, expected[found++]);
  g_assert_cmpint (program->steps[1].body[0].duration_ns, ==, expected[found++]);
  g_assert_cmpint (program->steps[2].body[0].duration_ns, ==, expected[found++]);
  g_assert_cmpuint (found, ==, n_expected);
}

static void
test_scale_durations (void)
{
  g_autoptr(IlvScenario) scenario = NULL;
  g_autoptr(IlvScenario) slow = NULL;
  g_autoptr(GError) error = NULL;
  const IlvWorkerGroup *group;
  const gint64 original[] = { 2 * MS, 1 * MS, MS / 2 };
  const gint64 times5[] = { 10 * MS, 5 * MS, 5 * MS / 2 };

  scenario = ilv_scenario_new_from_data (scenario_text, sizeof scenario_text - 1, "slow", NULL, &error);
  g_assert_no_error (error);
  slow = ilv_scenario_scale_durations (scenario, 5, &error);
  g_assert_no_error (error);

  group = g_ptr_array_index (slow->groups, 0);
  check_steps (group->program, times5, G_N_ELEMENTS (times5));
  g_assert_cmpint (group->start_at_ns, ==, 15 * MS);
  g_assert_cmpint (slow->switch_interval_ns, ==, 25 * MS);
  g_assert_cmpuint (group->count, ==, 2);
  /* The original is untouched. */
  check_steps (((IlvWorkerGroup *) g_ptr_array_index (scenario->groups, 0))->program,
               original, G_N_ELEMENTS (original));
}

static void
test_scale_limits (void)
{
  static const char long_text[] =
    "[Scenario]\nName=Long\n\n[Workers w]\nKind=thread\nProgram=sleep 100s\n";
  g_autoptr(IlvScenario) scenario = NULL;
  g_autoptr(IlvScenario) slow = NULL;
  g_autoptr(GError) error = NULL;

  scenario = ilv_scenario_new_from_data (long_text, sizeof long_text - 1, "long", NULL, &error);
  g_assert_no_error (error);

  /* 100 s × 10 is beyond what a step may last: said, not clamped. */
  slow = ilv_scenario_scale_durations (scenario, 10, &error);
  g_assert_null (slow);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
  g_clear_error (&error);

  slow = ilv_scenario_scale_durations (scenario, 0, &error);
  g_assert_null (slow);
  g_assert_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/timeline-model/follows", test_model_follows);
  g_test_add_func ("/app/timeline-model/zoom-pan", test_model_zoom_pan);
  g_test_add_func ("/app/timeline-model/zoom-steps", test_model_zoom_steps);
  g_test_add_func ("/app/timeline-model/selection", test_model_selection);
  g_test_add_func ("/app/timeline-model/notifies-once", test_model_notifies_once);
  g_test_add_func ("/core/scenario-scale/durations", test_scale_durations);
  g_test_add_func ("/core/scenario-scale/limits", test_scale_limits);

  return g_test_run ();
}
