/* bench-window-hooks.c: what the GUI benchmarks need from a program
 *
 * Shared by soft-token's benchmark build and the minimal GTK window, so
 * both are measured the same way:
 *  - the first window's first painted frame prints “first-frame T” on
 *    standard output, T being CLOCK_MONOTONIC in microseconds;
 *  - SIGUSR1 unmaps the window behind GTK's back, which is how an X11
 *    window manager iconifies it, so GDK reports it minimised (a window
 *    manager is not needed under Xvfb);
 *  - SIGUSR2 prints “frames N”, the frames painted since the first one, so
 *    that an idle figure can say how many frames it paid for;
 *  - a minimal window given --tick changes its label once a second, so it
 *    pays for the same redraw a second as a countdown does.
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
static guint64 frames_painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  if (frames_painted++ > 0)
    return;

  printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
}

static void
on_map (GtkWidget *window,
        gpointer   user_data)
{
  static gboolean counting;

  if (counting)
    return;

  counting = TRUE;
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
}

static gboolean
on_sigusr2 (gpointer user_data)
{
  printf ("frames %" G_GUINT64_FORMAT "\n", frames_painted);
  fflush (stdout);
  return G_SOURCE_CONTINUE;
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
  g_unix_signal_add (SIGUSR2, on_sigusr2, NULL);
}

/* Takes --tick out of the arguments (GApplication would refuse it). */
gboolean
bench_window_hooks_take_tick (int   *argc,
                              char **argv)
{
  if (*argc < 2 || !g_str_equal (argv[1], "--tick"))
    return FALSE;

  for (int i = 1; i < *argc; i++)
    argv[i] = argv[i + 1];
  (*argc)--;
  return TRUE;
}

static gboolean
on_tick (gpointer user_data)
{
  static guint seconds;
  g_autofree char *text = NULL;

  seconds = (seconds + 1) % 1000;
  text = g_strdup_printf ("%03u %03u", seconds, seconds);
  gtk_label_set_label (GTK_LABEL (user_data), text);
  return G_SOURCE_CONTINUE;
}

void
bench_window_hooks_tick_label (GtkLabel *label)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, 1000, on_tick, g_object_ref (label), g_object_unref);
}
