/* ilv-timeline-model.c: what part of the runs is seen and selected
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-timeline-model.h"

/* Closer than this a view shows nothing more: events have ns stamps, but
 * one µs across the screen is already below what the workers can do. */
#define MIN_WIDTH_NS 1000

struct _IlvTimelineModel
{
  GObject  parent_instance;

  gint64   duration;
  gint64   visible_start;
  gint64   visible_end;
  gint64   selection_start;
  gint64   selection_end;
  gboolean following;
  gint     highlight;
  guint    highlight_trace;  /* the run whose numbering `highlight` is in */
};

enum {
  PROP_0,
  PROP_DURATION,
  PROP_VISIBLE_START,
  PROP_VISIBLE_END,
  PROP_SELECTION_START,
  PROP_SELECTION_END,
  PROP_FOLLOWING,
  PROP_HIGHLIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IlvTimelineModel, ilv_timeline_model, G_TYPE_OBJECT)

static gint64
extent (IlvTimelineModel *self)
{
  return MAX (self->duration, MIN_WIDTH_NS);
}

static void
set_int64 (IlvTimelineModel *self,
           gint64           *field,
           gint64            value,
           guint             prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_following_internal (IlvTimelineModel *self,
                        gboolean          following)
{
  following = !!following;
  if (self->following == following)
    return;

  self->following = following;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

/* Keeps the range inside the run and no narrower than MIN_WIDTH_NS. */
static void
apply_visible (IlvTimelineModel *self,
               gint64            start,
               gint64            end)
{
  gint64 max = extent (self);
  gint64 width;

  if (end < start)
    {
      gint64 tmp = start;

      start = end;
      end = tmp;
    }
  width = CLAMP (end - start, MIN_WIDTH_NS, max);
  start = CLAMP (start, 0, max - width);

  g_object_freeze_notify (G_OBJECT (self));
  set_int64 (self, &self->visible_start, start, PROP_VISIBLE_START);
  set_int64 (self, &self->visible_end, start + width, PROP_VISIBLE_END);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
ilv_timeline_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  IlvTimelineModel *self = ILV_TIMELINE_MODEL (object);

  switch (prop_id)
    {
    case PROP_DURATION:
      g_value_set_int64 (value, self->duration);
      break;
    case PROP_VISIBLE_START:
      g_value_set_int64 (value, self->visible_start);
      break;
    case PROP_VISIBLE_END:
      g_value_set_int64 (value, self->visible_end);
      break;
    case PROP_SELECTION_START:
      g_value_set_int64 (value, self->selection_start);
      break;
    case PROP_SELECTION_END:
      g_value_set_int64 (value, self->selection_end);
      break;
    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->following);
      break;
    case PROP_HIGHLIGHT:
      g_value_set_int (value, self->highlight);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ilv_timeline_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  IlvTimelineModel *self = ILV_TIMELINE_MODEL (object);

  switch (prop_id)
    {
    case PROP_FOLLOWING:
      ilv_timeline_model_set_following (self, g_value_get_boolean (value));
      break;
    case PROP_HIGHLIGHT:
      ilv_timeline_model_set_highlight (self, self->highlight_trace, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
time_pspec (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
ilv_timeline_model_class_init (IlvTimelineModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ilv_timeline_model_get_property;
  object_class->set_property = ilv_timeline_model_set_property;

  properties[PROP_DURATION] = time_pspec ("duration");
  properties[PROP_VISIBLE_START] = time_pspec ("visible-start");
  properties[PROP_VISIBLE_END] = time_pspec ("visible-end");
  properties[PROP_SELECTION_START] = time_pspec ("selection-start");
  properties[PROP_SELECTION_END] = time_pspec ("selection-end");
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGHLIGHT] =
    g_param_spec_int ("highlight", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ilv_timeline_model_init (IlvTimelineModel *self)
{
  self->following = TRUE;
  self->highlight = -1;
  self->visible_end = MIN_WIDTH_NS;
}

IlvTimelineModel *
ilv_timeline_model_new (void)
{
  return g_object_new (ILV_TYPE_TIMELINE_MODEL, NULL);
}

gint64
ilv_timeline_model_get_duration (IlvTimelineModel *self)
{
  g_return_val_if_fail (ILV_IS_TIMELINE_MODEL (self), 0);

  return self->duration;
}

void
ilv_timeline_model_get_visible (IlvTimelineModel *self,
                                gint64           *start,
                                gint64           *end)
{
  g_return_if_fail (ILV_IS_TIMELINE_MODEL (self));

  if (start != NULL)
    *start = self->visible_start;
  if (end != NULL)
    *end = self->visible_end;
}

/**
 * ilv_timeline_model_get_selection:
 *
 * Returns: whether there is a selection; `start` and `end` are set anyway
 */
gboolean
ilv_timeline_model_get_selection (IlvTimelineModel *self,
                                  gint64           *start,
                                  gint64           *end)
{
  g_return_val_if_fail (ILV_IS_TIMELINE_MODEL (self), FALSE);

  if (start != NULL)
    *start = self->selection_start;
  if (end != NULL)
    *end = self->selection_end;
  return self->selection_end > self->selection_start;
}

gboolean
ilv_timeline_model_get_following (IlvTimelineModel *self)
{
  g_return_val_if_fail (ILV_IS_TIMELINE_MODEL (self), FALSE);

  return self->following;
}

gint
ilv_timeline_model_get_highlight (IlvTimelineModel *self)
{
  g_return_val_if_fail (ILV_IS_TIMELINE_MODEL (self), -1);

  return self->highlight;
}

guint
ilv_timeline_model_get_highlight_trace (IlvTimelineModel *self)
{
  g_return_val_if_fail (ILV_IS_TIMELINE_MODEL (self), 0);

  return self->highlight_trace;
}

gboolean
ilv_timeline_model_is_whole (IlvTimelineModel *self)
{
  g_return_val_if_fail (ILV_IS_TIMELINE_MODEL (self), TRUE);

  return self->visible_start == 0 && self->visible_end >= extent (self);
}

void
ilv_timeline_model_reset (IlvTimelineModel *self,
                          gint64            duration)
{
  g_return_if_fail (ILV_IS_TIMELINE_MODEL (self));

  g_object_freeze_notify (G_OBJECT (self));
  ilv_timeline_model_clear_selection (self);
  ilv_timeline_model_set_highlight (self, 0, -1);
  set_following_internal (self, TRUE);
  set_int64 (self, &self->duration, MAX (duration, 0), PROP_DURATION);
  apply_visible (self, 0, extent (self));
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * ilv_timeline_model_set_duration:
 *
 * The runs grew (or a shorter one went away). Following, the whole of
 * them stays in view; otherwise the visible range stays put.
 */
void
ilv_timeline_model_set_duration (IlvTimelineModel *self,
                                 gint64            duration)
{
  g_return_if_fail (ILV_IS_TIMELINE_MODEL (self));

  duration = MAX (duration, 0);
  if (duration == self->duration)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  set_int64 (self, &self->duration, duration, PROP_DURATION);
  if (self->following)
    apply_visible (self, 0, extent (self));
  else
    apply_visible (self, self->visible_start, self->visible_end);
  g_object_thaw_notify (G_OBJECT (self));
}

void
ilv_timeline_model_set_visible (IlvTimelineModel *self,
                                gint64            start,
                                gint64            end)
{
  g_return_if_fail (ILV_IS_TIMELINE_MODEL (self));

  g_object_freeze_notify (G_OBJECT (self));
  apply_visible (self, start, end);
  set_following_internal (self, ilv_timeline_model_is_whole (self));
  g_object_thaw_notify (G_OBJECT (self));
}

void
ilv_timeline_model_set_selection (IlvTimelineModel *self,
                                  gint64            start,
                                  gint64            end)
{
  gint64 max;

  g_return_if_fail (ILV_IS_TIMELINE_MODEL (self));

  max = extent (self);
  start = CLAMP (start, 0, max);
  end = CLAMP (end, 0, max);
  g_object_freeze_notify (G_OBJECT (self));
  set_int64 (self, &self->selection_start, MIN (start, end), PROP_SELECTION_START);
  set_int64 (self, &self->selection_end, MAX (start, end), PROP_SELECTION_END);
  g_object_thaw_notify (G_OBJECT (self));
}

void
ilv_timeline_model_clear_selection (IlvTimelineModel *self)
{
  g_return_if_fail (ILV_IS_TIMELINE_MODEL (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_int64 (self, &self->selection_start, 0, PROP_SELECTION_START);
  set_int64 (self, &self->selection_end, 0, PROP_SELECTION_END);
  g_object_thaw_notify (G_OBJECT (self));
}

void
ilv_timeline_model_set_following (IlvTimelineModel *self,
                                  gboolean          following)
{
  g_return_if_fail (ILV_IS_TIMELINE_MODEL (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_following_internal (self, following);
  if (following)
    apply_visible (self, 0, extent (self));
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * ilv_timeline_model_set_highlight:
 * @trace: the run `resource` is numbered in; the others highlight their
 *   resource of the same name
 * @resource: a lock or queue, or -1 for none
 */
void
ilv_timeline_model_set_highlight (IlvTimelineModel *self,
                                  guint             trace,
                                  gint              resource)
{
  g_return_if_fail (ILV_IS_TIMELINE_MODEL (self));

  resource = MAX (resource, -1);
  if (resource < 0)
    trace = 0;
  if (self->highlight == resource && self->highlight_trace == trace)
    return;

  self->highlight = resource;
  self->highlight_trace = trace;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

void
ilv_timeline_model_zoom (IlvTimelineModel *self,
                         double            factor,
                         gint64            anchor)
{
  double left;
  double right;

  g_return_if_fail (ILV_IS_TIMELINE_MODEL (self));

  if (!(factor > 0) || factor == 1.0)
    return;

  anchor = CLAMP (anchor, self->visible_start, self->visible_end);
  left = (double) (anchor - self->visible_start) / factor;
  right = (double) (self->visible_end - anchor) / factor;
  ilv_timeline_model_set_visible (self, anchor - (gint64) left, anchor + (gint64) right);
}

void
ilv_timeline_model_pan (IlvTimelineModel *self,
                        double            fraction)
{
  gint64 width;
  gint64 delta;

  g_return_if_fail (ILV_IS_TIMELINE_MODEL (self));

  width = self->visible_end - self->visible_start;
  delta = (gint64) (fraction * (double) width);
  if (delta == 0)
    return;

  ilv_timeline_model_set_visible (self, self->visible_start + delta, self->visible_end + delta);
}

void
ilv_timeline_model_zoom_whole (IlvTimelineModel *self)
{
  g_return_if_fail (ILV_IS_TIMELINE_MODEL (self));

  ilv_timeline_model_set_following (self, TRUE);
}

gboolean
ilv_timeline_model_zoom_to_selection (IlvTimelineModel *self)
{
  gint64 start;
  gint64 end;

  g_return_val_if_fail (ILV_IS_TIMELINE_MODEL (self), FALSE);

  if (!ilv_timeline_model_get_selection (self, &start, &end))
    return FALSE;

  ilv_timeline_model_set_visible (self, start, end);
  return TRUE;
}
