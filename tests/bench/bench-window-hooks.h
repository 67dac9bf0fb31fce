/* bench-window-hooks.h: what the GUI benchmarks need from a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     bench_window_hooks_install    (GtkApplication  *application);
gboolean bench_window_hooks_take_tick  (int             *argc,
                                        char           **argv);
void     bench_window_hooks_tick_label (GtkLabel        *label);

G_END_DECLS
