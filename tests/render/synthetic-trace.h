/* synthetic-trace.h: traces built through the trace's public building API,
 * for the renderer's tests and benchmarks
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-trace.h"

G_BEGIN_DECLS

#define SYNTH_T0    G_GINT64_CONSTANT (1000000000000)   /* an absolute start, ns */
#define SYNTH_MS    G_GINT64_CONSTANT (1000000)

/* An event list that sorts itself by time before it is appended. */
typedef struct
{
  IlvTrace *trace;
  GArray   *events;
} SynthBuilder;

void      synth_builder_init   (SynthBuilder *b,
                                IlvTrace     *trace);
void      synth_event          (SynthBuilder *b,
                                gint64        time,
                                guint         lane,
                                IlvEventType  type,
                                gint          resource,
                                gint64        value,
                                guint32       aux);
void      synth_state          (SynthBuilder *b,
                                gint64        time,
                                guint         lane,
                                IlvState      state,
                                gint          resource);
/* Appends everything (time order) and finishes the trace at `end`. */
void      synth_builder_finish (SynthBuilder *b,
                                gint64        end);

/* One thread lane, `state` for the whole of `duration`. */
IlvTrace *synth_single_state   (IlvState      state,
                                gint64        duration);
/* A lane running for `duration` but for one lock wait of `blip` ns at `at`. */
IlvTrace *synth_blip           (gint64        duration,
                                gint64        at,
                                gint64        blip);
/* Two threads: load, sleep 10 ms, store: one update lost. */
IlvTrace *synth_race           (void);
/* Four CPU-bound threads under the GIL, handing it over every 5 ms. */
IlvTrace *synth_gil_threads    (void);
/* A producer, two consumers, a bounded queue and a print lock. */
IlvTrace *synth_producer_consumer (void);
/* n_events over n_lanes lanes and `duration`: states, lock holds, queue
 * flows; appended in batches of 16 k events, as the engine drains them.
 * *append_ns gets the CPU time the appends took (the trace builds its
 * index as it appends). */
IlvTrace *synth_uniform        (guint         n_lanes,
                                gsize         n_events,
                                gint64        duration,
                                gint64       *append_ns);

G_END_DECLS
