/* ilv-slot-map.h: one trace resource per element of a shared Array
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-event.h"
#include "ilv-scenario.h"
#include "ilv-trace.h"

G_BEGIN_DECLS

typedef struct _IlvSlotMap IlvSlotMap;

/* Adds to `trace` one value resource per element of an Array that some
 * program loads or stores ("slots[0]", "slots[1]"…, starting at the
 * Array's Initial), after the resources already there, so that the
 * scenario's own resources keep their indices. Call it once the scenario's
 * resources are in the trace. The Array's own resource stays for its lock. */
IlvSlotMap *ilv_slot_map_new   (IlvScenario *scenario,
                                IlvTrace    *trace);
void        ilv_slot_map_free  (IlvSlotMap  *self);
/* A VALUE_LOAD or VALUE_STORE of an Array element is made to name that
 * element's trace resource; every event leaves with slot 0. */
void        ilv_slot_map_apply (IlvSlotMap  *self,
                                IlvEvent    *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IlvSlotMap, ilv_slot_map_free)

G_END_DECLS
