/* bench-minimal-adw-window.c: a second baseline, a minimal libadwaita window
 *
 * What libadwaita alone adds (its stylesheet, its style manager) to the
 * minimal GTK window, so that soft-token's own share can be told apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "bench-window-hooks.h"

static gboolean tick;

static void
on_activate (GtkApplication *application)
{
  GtkWidget *window = adw_application_window_new (application);
  GtkWidget *label = gtk_label_new ("123 456");

  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 560);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), label);
  if (tick)
    bench_window_hooks_tick_label (GTK_LABEL (label));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = adw_application_new ("io.github.softtoken.BenchMinimalAdw",
                                                               G_APPLICATION_NON_UNIQUE);

  tick = bench_window_hooks_take_tick (&argc, argv);
  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);
  bench_window_hooks_install (GTK_APPLICATION (application));
  return g_application_run (G_APPLICATION (application), argc, argv);
}
