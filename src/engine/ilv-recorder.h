/* ilv-recorder.h: where a worker thread writes its events, without a lock
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-event.h"

G_BEGIN_DECLS

typedef struct _IlvRecorder IlvRecorder;

/* Largest batch handed to a sink: a batch of events plus a small header
 * must fit in PIPE_BUF (4096 bytes) so a pipe write is atomic. */
#define ILV_RECORDER_BATCH 120

typedef void (*IlvRecorderSinkFunc) (const IlvEvent *events,
                                     gsize           n_events,
                                     gpointer        user_data);

/* Collector mode: one writer thread emits, one collector thread drains,
 * concurrently, with no lock (chunks published with release/acquire). */
IlvRecorder *ilv_recorder_new           (void);
/* Sink mode (a process worker): events are batched and handed to `func`
 * when a batch is full, on ilv_recorder_flush(), and at free. */
IlvRecorder *ilv_recorder_new_with_sink (IlvRecorderSinkFunc func,
                                         gpointer            user_data);
void         ilv_recorder_free          (IlvRecorder        *self);

/* Stamps the time (ilv_now_ns()) and appends. The writer thread only. */
void         ilv_recorder_emit          (IlvRecorder        *self,
                                         guint32             lane,
                                         IlvEventType        type,
                                         gint                resource,
                                         gint64              value,
                                         guint32             aux);
/* Appends an event whose time the caller stamped (inside a critical section). */
void         ilv_recorder_emit_event    (IlvRecorder        *self,
                                         const IlvEvent     *event);
/* Sink mode: hand over what is batched now (called before blocking waits). */
void         ilv_recorder_flush         (IlvRecorder        *self);
/* Collector mode: appends every event published so far to `out`
 * (GArray of IlvEvent); returns how many. The collector thread only. */
gsize        ilv_recorder_drain         (IlvRecorder        *self,
                                         GArray             *out);

G_END_DECLS
