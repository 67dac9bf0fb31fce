/* bench-minimal-window.c: the baseline, a minimal GTK 4 window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "bench-window-hooks.h"

static gboolean tick;

static void
on_activate (GtkApplication *application)
{
  GtkWidget *window = gtk_application_window_new (application);
  GtkWidget *label = gtk_label_new ("123 456");

  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 560);
  gtk_window_set_child (GTK_WINDOW (window), label);
  if (tick)
    bench_window_hooks_tick_label (GTK_LABEL (label));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) application = gtk_application_new ("io.github.softtoken.BenchMinimal",
                                                               G_APPLICATION_NON_UNIQUE);

  tick = bench_window_hooks_take_tick (&argc, argv);
  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);
  bench_window_hooks_install (application);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
