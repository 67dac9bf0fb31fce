/* test-clock-monitor.c: the “clock not synchronised” warning
 *
 * A stand-in for systemd-timedated is exported on the world's private
 * session bus, and the monitor is pointed at that bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "token-clock-monitor.h"
#include "token-test-world.h"

static const char timedate_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.timedate1'>"
  "    <property name='NTPSynchronized' type='b' access='read'/>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *bus;
  gboolean         synchronized;
  guint            registration_id;
  guint            owner_id;
  gboolean         name_acquired;
} FakeTimedate;

static GVariant *
fake_get_property (GDBusConnection  *connection,
                   const char       *sender,
                   const char       *object_path,
                   const char       *interface_name,
                   const char       *property_name,
                   GError          **error,
                   gpointer          user_data)
{
  FakeTimedate *fake = user_data;

  return g_variant_new_boolean (fake->synchronized);
}

static const GDBusInterfaceVTable fake_vtable = { NULL, fake_get_property, NULL, { 0 } };

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((FakeTimedate *) user_data)->name_acquired = TRUE;
}

static void
fake_timedate_start (FakeTimedate *fake,
                     gboolean      synchronized)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (timedate_xml, NULL);
  g_autoptr(GError) error = NULL;

  fake->synchronized = synchronized;
  fake->registration_id =
    g_dbus_connection_register_object (fake->bus, "/org/freedesktop/timedate1",
                                       info->interfaces[0], &fake_vtable, fake, NULL, &error);
  g_assert_no_error (error);
  fake->owner_id = g_bus_own_name_on_connection (fake->bus, "org.freedesktop.timedate1",
                                                 G_BUS_NAME_OWNER_FLAGS_NONE,
                                                 on_name_acquired, NULL, fake, NULL);
  g_assert_true (token_test_wait_for_flag (&fake->name_acquired, 10000));
}

static void
fake_timedate_stop (FakeTimedate *fake)
{
  g_bus_unown_name (fake->owner_id);
  g_dbus_connection_unregister_object (fake->bus, fake->registration_id);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gboolean   *notified)
{
  *notified = TRUE;
}

static void
test_unsynchronized_clock_warns (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(TokenClockMonitor) monitor = NULL;
  FakeTimedate fake = { bus };
  gboolean notified = FALSE;

  fake_timedate_start (&fake, FALSE);
  monitor = token_clock_monitor_new (bus);
  g_signal_connect (monitor, "notify::unsynchronized", G_CALLBACK (on_notify), &notified);
  g_assert_true (token_test_wait_for_flag (&notified, 10000));
  g_assert_true (token_clock_monitor_get_unsynchronized (monitor));

  /* The service goes away: nothing is known, nothing is said. */
  notified = FALSE;
  fake_timedate_stop (&fake);
  g_assert_true (token_test_wait_for_flag (&notified, 10000));
  g_assert_false (token_clock_monitor_get_unsynchronized (monitor));
}

static void
test_synchronized_clock_is_quiet (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(TokenClockMonitor) monitor = NULL;
  FakeTimedate fake = { bus };
  gboolean settled = FALSE;

  fake_timedate_start (&fake, TRUE);
  monitor = token_clock_monitor_new (bus);
  token_test_wait_for_flag (&settled, 500);
  g_assert_false (token_clock_monitor_get_unsynchronized (monitor));
  fake_timedate_stop (&fake);
}

/* No timedated (no systemd): no warning. */
static void
test_absent_service_is_quiet (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(TokenClockMonitor) monitor = token_clock_monitor_new (bus);
  gboolean settled = FALSE;

  token_test_wait_for_flag (&settled, 500);
  g_assert_false (token_clock_monitor_get_unsynchronized (monitor));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  token_test_world_require ();

  g_test_add_func ("/clock-monitor/unsynchronized-clock-warns", test_unsynchronized_clock_warns);
  g_test_add_func ("/clock-monitor/synchronized-clock-is-quiet", test_synchronized_clock_is_quiet);
  g_test_add_func ("/clock-monitor/absent-service-is-quiet", test_absent_service_is_quiet);

  return g_test_run ();
}
