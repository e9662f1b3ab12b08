/* ilv-sampler.h: which core each worker is on, read from /proc at about 1 kHz
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ilv-recorder.h"

G_BEGIN_DECLS

typedef struct _IlvSampler IlvSampler;

/* The sampler runs in its own thread once started and writes ILV_EVENT_CPU
 * events (one in-order stream per lane) to its own collector-mode recorder,
 * which the run drains like a worker's. */
IlvSampler  *ilv_sampler_new          (void);
/* FALSE where /proc/<pid>/task/<tid>/stat cannot be read: the run goes on
 * without core lanes and says so. */
gboolean     ilv_sampler_is_available (IlvSampler *self);
guint        ilv_sampler_get_n_cpus   (IlvSampler *self);
IlvRecorder *ilv_sampler_get_recorder (IlvSampler *self);
/* Thread-safe: a worker registers itself when it starts (tid = gettid()). */
void         ilv_sampler_add          (IlvSampler *self,
                                       gint64      pid,
                                       gint64      tid,
                                       guint32     lane);
void         ilv_sampler_remove       (IlvSampler *self,
                                       guint32     lane);
void         ilv_sampler_start        (IlvSampler *self);
/* Stops and joins the thread; the recorder stays readable until free. */
void         ilv_sampler_stop         (IlvSampler *self);
/* After stop: how many task samples were taken and the time they took
 * (for the benchmark: the cost of one sample). */
void         ilv_sampler_get_cost     (IlvSampler *self,
                                       guint64    *n_samples,
                                       gint64     *total_ns);
/* After stop: the CPU time its thread used over its life, as a share of
 * one core (0.05: 5 %). */
double       ilv_sampler_get_cpu_share (IlvSampler *self);
void         ilv_sampler_free         (IlvSampler *self);

G_END_DECLS
