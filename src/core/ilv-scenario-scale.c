/* ilv-scenario-scale.c: a scenario slowed down so that a run can be followed by eye
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ilv-duration.h"
#include "ilv-scenario-scale.h"

#define MAX_TIMEOUT_NS (600 * ILV_NS_PER_S)
#define MAX_SWITCH_NS  ILV_NS_PER_S

static gint64
scale (gint64 ns,
       guint  factor)
{
  if (ns <= 0)
    return ns;
  if (ns > G_MAXINT64 / factor)
    return G_MAXINT64;
  return ns * factor;
}

static void
scale_steps (IlvStep *steps,
             guint    n_steps,
             guint    factor)
{
  for (guint i = 0; i < n_steps; i++)
    {
      if (steps[i].kind == ILV_STEP_COMPUTE || steps[i].kind == ILV_STEP_SLEEP)
        steps[i].duration_ns = scale (steps[i].duration_ns, factor);
      if (steps[i].body != NULL)
        scale_steps (steps[i].body, steps[i].n_body, factor);
    }
}

static void
scale_in_place (IlvScenario *self,
                guint        factor)
{
  self->switch_interval_ns = MIN (scale (self->switch_interval_ns, factor), MAX_SWITCH_NS);
  self->timeout_ns = MIN (scale (self->timeout_ns, factor), MAX_TIMEOUT_NS);

  for (guint i = 0; i < self->groups->len; i++)
    {
      IlvWorkerGroup *g = g_ptr_array_index (self->groups, i);

      g->start_at_ns = scale (g->start_at_ns, factor);
      if (g->terminate_at_ns >= 0)
        g->terminate_at_ns = scale (g->terminate_at_ns, factor);
      scale_steps (g->program->steps, g->program->n_steps, factor);
    }
  for (guint i = 0; i < self->pools->len; i++)
    {
      IlvPool *p = g_ptr_array_index (self->pools, i);

      scale_steps (p->program->steps, p->program->n_steps, factor);
    }
}

IlvScenario *
ilv_scenario_scale_durations (const IlvScenario *scenario,
                              guint              factor,
                              GError           **error)
{
  g_autoptr(IlvScenario) copy = NULL;
  g_autoptr(IlvScenario) checked = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (factor < 1 || factor > ILV_SCENARIO_MAX_SCALE)
    {
      g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT,
                   _("Slow-motion factor %u is out of range; expected 1 to %d"),
                   factor, ILV_SCENARIO_MAX_SCALE);
      return NULL;
    }

  /* A deep copy through the canonical text: the stretched scenario is
   * then read back, so that it obeys every limit a parsed one does
   * (process workers read it back from that text too). */
  data = ilv_scenario_to_data (scenario, &length);
  copy = ilv_scenario_new_from_data (data, length, scenario->source, NULL, error);
  if (copy == NULL)
    return NULL;
  scale_in_place (copy, factor);

  g_clear_pointer (&data, g_free);
  data = ilv_scenario_to_data (copy, &length);
  checked = ilv_scenario_new_from_data (data, length, scenario->source, NULL, &local);
  if (checked == NULL)
    {
      g_set_error (error, ILV_SCENARIO_ERROR, ILV_SCENARIO_ERROR_LIMIT,
                   _("Slowed down ×%u, the scenario is beyond its limits: %s"),
                   factor, local->message);
      return NULL;
    }

  return g_steal_pointer (&checked);
}
