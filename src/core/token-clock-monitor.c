/* token-clock-monitor.c: is the system clock synchronised?
 *
 * Asks systemd's org.freedesktop.timedate1 for NTPSynchronized. A code
 * from a clock that is off is rejected by the service, so the window warns.
 * When the service is absent (no systemd, no system bus) nothing is known
 * and nothing is said.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-clock-monitor.h"

#define TIMEDATE_NAME      "org.freedesktop.timedate1"
#define TIMEDATE_PATH      "/org/freedesktop/timedate1"
#define TIMEDATE_INTERFACE "org.freedesktop.timedate1"

struct _TokenClockMonitor
{
  GObject          parent_instance;

  GDBusConnection *connection;
  GDBusProxy      *proxy;
  GCancellable    *cancellable;
  gboolean         unsynchronized;
};

G_DEFINE_FINAL_TYPE (TokenClockMonitor, token_clock_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_UNSYNCHRONIZED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_unsynchronized (TokenClockMonitor *self,
                    gboolean           unsynchronized)
{
  if (self->unsynchronized == unsynchronized)
    return;

  self->unsynchronized = unsynchronized;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSYNCHRONIZED]);
}

static void
update_from_proxy (TokenClockMonitor *self)
{
  g_autoptr(GVariant) value = NULL;
  g_autofree char *owner = g_dbus_proxy_get_name_owner (self->proxy);

  if (owner != NULL)
    value = g_dbus_proxy_get_cached_property (self->proxy, "NTPSynchronized");

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    set_unsynchronized (self, !g_variant_get_boolean (value));
  else
    set_unsynchronized (self, FALSE);
}

static void
on_proxy_changed (TokenClockMonitor *self)
{
  update_from_proxy (self);
}

static void
on_proxy_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TokenClockMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusProxy *proxy = g_dbus_proxy_new_finish (result, &error);

  if (proxy == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No clock synchronisation status: %s", error->message);
      return;
    }

  self->proxy = proxy;
  g_signal_connect_object (proxy, "g-properties-changed",
                           G_CALLBACK (on_proxy_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (proxy, "notify::g-name-owner",
                           G_CALLBACK (on_proxy_changed), self, G_CONNECT_SWAPPED);
  update_from_proxy (self);
}

static void
watch_timedate (TokenClockMonitor *self)
{
  g_dbus_proxy_new (self->connection,
                    G_DBUS_PROXY_FLAGS_GET_INVALIDATED_PROPERTIES,
                    NULL,
                    TIMEDATE_NAME, TIMEDATE_PATH, TIMEDATE_INTERFACE,
                    self->cancellable,
                    on_proxy_ready,
                    g_object_ref (self));
}

static void
on_system_bus_ready (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TokenClockMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->connection = g_bus_get_finish (result, &error);
  if (self->connection == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus, so no clock synchronisation status: %s", error->message);
      return;
    }

  watch_timedate (self);
}

static void
token_clock_monitor_constructed (GObject *object)
{
  TokenClockMonitor *self = (TokenClockMonitor *) object;

  G_OBJECT_CLASS (token_clock_monitor_parent_class)->constructed (object);

  if (self->connection != NULL)
    watch_timedate (self);
  else
    g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus_ready, g_object_ref (self));
}

static void
token_clock_monitor_dispose (GObject *object)
{
  TokenClockMonitor *self = (TokenClockMonitor *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->proxy);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (token_clock_monitor_parent_class)->dispose (object);
}

static void
token_clock_monitor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TokenClockMonitor *self = TOKEN_CLOCK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_UNSYNCHRONIZED:
      g_value_set_boolean (value, self->unsynchronized);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_clock_monitor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TokenClockMonitor *self = TOKEN_CLOCK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_clock_monitor_class_init (TokenClockMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = token_clock_monitor_constructed;
  object_class->dispose = token_clock_monitor_dispose;
  object_class->get_property = token_clock_monitor_get_property;
  object_class->set_property = token_clock_monitor_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         G_TYPE_DBUS_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_UNSYNCHRONIZED] =
    g_param_spec_boolean ("unsynchronized", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
token_clock_monitor_init (TokenClockMonitor *self)
{
  self->cancellable = g_cancellable_new ();
}

/* @connection: where to ask, or NULL for the system bus. */
TokenClockMonitor *
token_clock_monitor_new (GDBusConnection *connection)
{
  g_return_val_if_fail (connection == NULL || G_IS_DBUS_CONNECTION (connection), NULL);

  return g_object_new (TOKEN_TYPE_CLOCK_MONITOR,
                       "connection", connection,
                       NULL);
}

/* TRUE only when the service says the clock is not synchronised. */
gboolean
token_clock_monitor_get_unsynchronized (TokenClockMonitor *self)
{
  g_return_val_if_fail (TOKEN_IS_CLOCK_MONITOR (self), FALSE);

  return self->unsynchronized;
}
