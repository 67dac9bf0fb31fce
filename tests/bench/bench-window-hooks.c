/* bench-window-hooks.c: what the GUI benchmarks need from a program
 *
 * Shared by soft-token's benchmark build and the minimal GTK window, so
 * both are measured the same way:
 *  - the first window's first painted frame prints “first-frame T” on
 *    standard output, T being CLOCK_MONOTONIC in microseconds;
 *  - SIGUSR1 unmaps the window behind GTK's back, which is how an X11
 *    window manager iconifies it, so GDK reports it minimised (a window
 *    manager is not needed under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "bench-window-hooks.h"

static GtkWindow *bench_window;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_data (clock, user_data);
}

static void
on_map (GtkWidget *window,
        gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &bench_window);
}

static gboolean
on_sigusr1 (gpointer user_data)
{
  GdkSurface *surface;

  if (bench_window == NULL)
    return G_SOURCE_CONTINUE;

  surface = gtk_native_get_surface (GTK_NATIVE (bench_window));
  XUnmapWindow (gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface)),
                gdk_x11_surface_get_xid (surface));
  XFlush (gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface)));
  printf ("minimised\n");
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  if (bench_window != NULL)
    return;

  bench_window = window;
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
}

void
bench_window_hooks_install (GtkApplication *application)
{
  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added), NULL);
  g_unix_signal_add (SIGUSR1, on_sigusr1, NULL);
}
