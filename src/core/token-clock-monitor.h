/* token-clock-monitor.h: is the system clock synchronised?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TOKEN_TYPE_CLOCK_MONITOR (token_clock_monitor_get_type ())

G_DECLARE_FINAL_TYPE (TokenClockMonitor, token_clock_monitor, TOKEN, CLOCK_MONITOR, GObject)

TokenClockMonitor *token_clock_monitor_new                (GDBusConnection   *connection);
gboolean           token_clock_monitor_get_unsynchronized (TokenClockMonitor *self);

G_END_DECLS
