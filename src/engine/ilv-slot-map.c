/* ilv-slot-map.c: one trace resource per element of a shared Array
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workers stamp an Array's value events with the element they touched
 * (IlvEvent.slot). Each element is a value of its own, with its own
 * expected line: were they one series, the stores of slot 1 would look
 * like lost updates of slot 0.
 */

#include "config.h"

#include "ilv-slot-map.h"

/* Event resources are 16-bit; elements beyond this stay on their Array. */
#define MAX_TRACE_RESOURCES (G_MAXINT16 - 1)

struct _IlvSlotMap
{
  GPtrArray *elements;   /* per scenario resource: gint[capacity] of trace
                            resources (-1: not named by any program), or NULL */
};

static void
ilv_slot_map_mark (IlvSlotMap    *self,
                   const IlvStep *steps,
                   guint          n_steps)
{
  for (guint i = 0; i < n_steps; i++)
    {
      const IlvStep *step = &steps[i];
      gint *elements;

      if (step->n_body > 0)
        ilv_slot_map_mark (self, step->body, step->n_body);
      if ((step->kind != ILV_STEP_LOAD && step->kind != ILV_STEP_STORE) || step->resource < 0 ||
          (guint) step->resource >= self->elements->len)
        continue;
      elements = g_ptr_array_index (self->elements, step->resource);
      if (elements != NULL && step->amount >= 0 && step->amount < elements[0])
        elements[1 + step->amount] = 0;
    }
}

/* Which elements some program names: elements[0] is the length, then one
 * entry per element, 0 where named and -1 where not. */
static void
ilv_slot_map_find_named (IlvSlotMap  *self,
                         IlvScenario *scenario)
{
  for (guint r = 0; r < scenario->resources->len; r++)
    {
      const IlvResource *res = g_ptr_array_index (scenario->resources, r);
      gint *elements = NULL;

      if (res->kind == ILV_RESOURCE_ARRAY && res->capacity > 0)
        {
          elements = g_new (gint, res->capacity + 1);
          elements[0] = (gint) res->capacity;
          for (guint j = 0; j < res->capacity; j++)
            elements[1 + j] = -1;
        }
      g_ptr_array_add (self->elements, elements);
    }
  for (guint g = 0; g < scenario->groups->len; g++)
    {
      const IlvWorkerGroup *group = g_ptr_array_index (scenario->groups, g);

      ilv_slot_map_mark (self, group->program->steps, group->program->n_steps);
    }
  for (guint p = 0; p < scenario->pools->len; p++)
    {
      const IlvPool *pool = g_ptr_array_index (scenario->pools, p);

      ilv_slot_map_mark (self, pool->program->steps, pool->program->n_steps);
    }
}

IlvSlotMap *
ilv_slot_map_new (IlvScenario *scenario,
                  IlvTrace    *trace)
{
  IlvSlotMap *self;

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (trace != NULL, NULL);

  self = g_new0 (IlvSlotMap, 1);
  self->elements = g_ptr_array_new_with_free_func (g_free);
  ilv_slot_map_find_named (self, scenario);

  for (guint r = 0; r < scenario->resources->len; r++)
    {
      const IlvResource *res = g_ptr_array_index (scenario->resources, r);
      gint *elements = g_ptr_array_index (self->elements, r);

      for (gint j = 0; elements != NULL && j < elements[0]; j++)
        {
          g_autofree char *name = NULL;

          if (elements[1 + j] < 0)
            continue;
          if (ilv_trace_get_n_resources (trace) >= MAX_TRACE_RESOURCES)
            {
              elements[1 + j] = -1;
              continue;
            }
          name = g_strdup_printf ("%s[%d]", res->name, j);
          elements[1 + j] = (gint) ilv_trace_add_resource (trace, name, ILV_RESOURCE_VALUE,
                                                           res->initial, 0);
        }
    }
  return self;
}

void
ilv_slot_map_free (IlvSlotMap *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->elements);
  g_free (self);
}

void
ilv_slot_map_apply (IlvSlotMap *self,
                    IlvEvent   *event)
{
  const gint *elements;
  guint32 slot = event->slot;

  event->slot = 0;
  if (self == NULL)
    return;
  if (event->type != ILV_EVENT_VALUE_LOAD && event->type != ILV_EVENT_VALUE_STORE)
    return;
  if (event->resource < 0 || (guint) event->resource >= self->elements->len)
    return;
  elements = g_ptr_array_index (self->elements, event->resource);
  if (elements == NULL || slot >= (guint32) elements[0] || elements[1 + slot] < 0)
    return;
  event->resource = (gint16) elements[1 + slot];
}
