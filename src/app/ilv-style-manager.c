/* ilv-style-manager.c: light or dark, following the desktop unless told
 *
 * Copyright 2026 The Interleave authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ilv-style-manager.h"

#define PORTAL_BUS_NAME    "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS    "org.freedesktop.portal.Settings"
#define APPEARANCE         "org.freedesktop.appearance"
#define COLOR_SCHEME       "color-scheme"

struct _IlvStyleManager
{
  GObject          parent_instance;

  GtkSettings     *gtk_settings;
  GSettings       *settings;
  GCancellable    *cancellable;
  GDBusConnection *bus;
  guint            subscription;
  IlvStyle         style;
  gboolean         system_dark;
  gboolean         dark;
};

enum {
  PROP_0,
  PROP_STYLE,
  PROP_SYSTEM_DARK,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (IlvStyle, ilv_style,
                    G_DEFINE_ENUM_VALUE (ILV_STYLE_SYSTEM, "system"),
                    G_DEFINE_ENUM_VALUE (ILV_STYLE_LIGHT, "light"),
                    G_DEFINE_ENUM_VALUE (ILV_STYLE_DARK, "dark"))

G_DEFINE_FINAL_TYPE (IlvStyleManager, ilv_style_manager, G_TYPE_OBJECT)

static void
update_dark (IlvStyleManager *self)
{
  gboolean dark;

  switch (self->style)
    {
    case ILV_STYLE_LIGHT:
      dark = FALSE;
      break;
    case ILV_STYLE_DARK:
      dark = TRUE;
      break;
    case ILV_STYLE_SYSTEM:
    default:
      dark = self->system_dark;
      break;
    }

  /* GTK 4.8 does not read the portal itself: this is how Adwaita turns dark. */
  g_object_set (self->gtk_settings, "gtk-application-prefer-dark-theme", dark, NULL);
  if (dark != self->dark)
    {
      self->dark = dark;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
    }
}

static void
set_system_dark (IlvStyleManager *self,
                 gboolean         system_dark)
{
  if (system_dark == self->system_dark)
    return;

  self->system_dark = system_dark;
  update_dark (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSTEM_DARK]);
}

/* The portal's Read wraps the value in one or two variants, by version. */
static void
take_color_scheme (IlvStyleManager *self,
                   GVariant        *value)
{
  g_autoptr(GVariant) inner = g_variant_ref (value);

  while (g_variant_is_of_type (inner, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *next = g_variant_get_variant (inner);

      g_variant_unref (inner);
      inner = next;
    }
  if (g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32))
    set_system_dark (self, g_variant_get_uint32 (inner) == 1);
}

static void
setting_changed_cb (GDBusConnection *connection,
                    const char      *sender_name,
                    const char      *object_path,
                    const char      *interface_name,
                    const char      *signal_name,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  const char *space = NULL;
  const char *key = NULL;
  g_autoptr(GVariant) value = NULL;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;

  g_variant_get (parameters, "(&s&sv)", &space, &key, &value);
  if (g_str_equal (space, APPEARANCE) && g_str_equal (key, COLOR_SCHEME))
    take_color_scheme (user_data, value);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      /* No portal (or no such setting) simply means no preference. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Settings portal: %s", error->message);
      return;
    }

  g_variant_get (reply, "(v)", &value);
  take_color_scheme (ILV_STYLE_MANAGER (user_data), value);
}

static void
bus_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  IlvStyleManager *self;

  if (bus == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No session bus: %s", error->message);
      return;
    }

  self = ILV_STYLE_MANAGER (user_data);
  self->bus = bus;
  self->subscription =
    g_dbus_connection_signal_subscribe (bus, PORTAL_BUS_NAME, PORTAL_SETTINGS, "SettingChanged",
                                        PORTAL_OBJECT_PATH, APPEARANCE, G_DBUS_SIGNAL_FLAGS_NONE,
                                        setting_changed_cb, self, NULL);
  g_dbus_connection_call (bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, PORTAL_SETTINGS, "Read",
                          g_variant_new ("(ss)", APPEARANCE, COLOR_SCHEME),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, 2000,
                          self->cancellable, read_cb, self);
}

/* GLib would otherwise try X11 autolaunch of a bus, with warnings, when
 * there is none: look for one first. */
static gboolean
session_bus_exists (void)
{
  const char *runtime_dir = g_getenv ("XDG_RUNTIME_DIR");
  g_autofree char *socket = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  if (runtime_dir == NULL)
    return FALSE;

  socket = g_build_filename (runtime_dir, "bus", NULL);
  return g_file_test (socket, G_FILE_TEST_EXISTS);
}

static void
ilv_style_manager_dispose (GObject *object)
{
  IlvStyleManager *self = ILV_STYLE_MANAGER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->subscription);
  self->subscription = 0;
  g_clear_object (&self->bus);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->gtk_settings);

  G_OBJECT_CLASS (ilv_style_manager_parent_class)->dispose (object);
}

static void
ilv_style_manager_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  IlvStyleManager *self = ILV_STYLE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STYLE:
      g_value_set_enum (value, self->style);
      break;
    case PROP_SYSTEM_DARK:
      g_value_set_boolean (value, self->system_dark);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ilv_style_manager_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  IlvStyleManager *self = ILV_STYLE_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STYLE:
      ilv_style_manager_set_style (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ilv_style_manager_class_init (IlvStyleManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ilv_style_manager_dispose;
  object_class->get_property = ilv_style_manager_get_property;
  object_class->set_property = ilv_style_manager_set_property;

  properties[PROP_STYLE] =
    g_param_spec_enum ("style", NULL, NULL, ilv_style_get_type (), ILV_STYLE_SYSTEM,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYSTEM_DARK] =
    g_param_spec_boolean ("system-dark", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ilv_style_manager_init (IlvStyleManager *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * ilv_style_manager_new:
 * @gtk_settings: the display's settings, where the style is applied
 * @settings: (nullable): the application's settings, with the "style" key
 *
 * Returns: (transfer full): a style manager
 */
IlvStyleManager *
ilv_style_manager_new (GtkSettings *gtk_settings,
                       GSettings   *settings)
{
  IlvStyleManager *self;

  g_return_val_if_fail (GTK_IS_SETTINGS (gtk_settings), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ILV_TYPE_STYLE_MANAGER, NULL);
  self->gtk_settings = g_object_ref (gtk_settings);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_settings_bind (settings, "style", self, "style", G_SETTINGS_BIND_DEFAULT);
    }
  update_dark (self);

  if (session_bus_exists ())
    g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, bus_cb, self);

  return self;
}

IlvStyle
ilv_style_manager_get_style (IlvStyleManager *self)
{
  g_return_val_if_fail (ILV_IS_STYLE_MANAGER (self), ILV_STYLE_SYSTEM);

  return self->style;
}

gboolean
ilv_style_manager_get_system_dark (IlvStyleManager *self)
{
  g_return_val_if_fail (ILV_IS_STYLE_MANAGER (self), FALSE);

  return self->system_dark;
}

gboolean
ilv_style_manager_get_dark (IlvStyleManager *self)
{
  g_return_val_if_fail (ILV_IS_STYLE_MANAGER (self), FALSE);

  return self->dark;
}

void
ilv_style_manager_set_style (IlvStyleManager *self,
                             IlvStyle         style)
{
  g_return_if_fail (ILV_IS_STYLE_MANAGER (self));
  g_return_if_fail (style <= ILV_STYLE_DARK);

  if (style == self->style)
    return;

  self->style = style;
  update_dark (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

const char *
ilv_style_to_string (IlvStyle style)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (ilv_style_get_type ());
  GEnumValue *value = g_enum_get_value (klass, style);

  /* The nicks are static strings of the type, which stays registered. */
  return value != NULL ? value->value_nick : NULL;
}

gboolean
ilv_style_from_string (const char *str,
                       IlvStyle   *style)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (ilv_style_get_type ());
  GEnumValue *value;

  g_return_val_if_fail (str != NULL, FALSE);

  value = g_enum_get_value_by_nick (klass, str);
  if (value == NULL)
    return FALSE;
  if (style != NULL)
    *style = value->value;
  return TRUE;
}
