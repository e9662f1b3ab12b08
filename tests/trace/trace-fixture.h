/* trace-fixture.h: traces built by hand from event arrays, for the tests
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-trace.h"

G_BEGIN_DECLS

#define MS G_GINT64_CONSTANT (1000000)

static inline IlvEvent
ev (gint64       time,
    guint32      lane,
    IlvEventType type,
    gint         resource,
    gint64       value,
    guint32      aux)
{
  IlvEvent e = { time, value, lane, aux, (guint16) type, (gint16) resource, 0 };

  return e;
}

static inline IlvEvent
state (gint64   time,
       guint32  lane,
       IlvState s,
       gint     resource)
{
  return ev (time, lane, ILV_EVENT_STATE, resource, s, 0);
}

static inline void
append (IlvTrace       *trace,
        const IlvEvent *events,
        gsize           n)
{
  ilv_trace_append (trace, events, n);
}

#define APPEND(trace, ...) \
  G_STMT_START { \
    const IlvEvent evs_[] = { __VA_ARGS__ }; \
    append ((trace), evs_, G_N_ELEMENTS (evs_)); \
  } G_STMT_END

/* The classic lost update: two threads load db_val (0), sleep 10 ms and
 * store 1. Also a lock, a queue with a producer and a consumer, a pipe,
 * GIL hand-offs, a mark, a pool task and two cores. Start at 1 s. */
IlvTrace *trace_fixture_rich (void);

/* The last span of `lane` starting at or before `time`, or -1: found
 * span by span, the reference for the index's searches. */
gssize    trace_fixture_find_span (IlvTrace   *trace,
                                   guint       lane,
                                   gint64      time);

/* Runs python3's json module over `json`, then `script` with the value as
 * `d`; its standard output in *output. FALSE where there is no python3. */
gboolean  trace_fixture_python_json (const char  *json,
                                     const char  *script,
                                     char       **output);

G_END_DECLS
