/* bench-window-hooks.h: what the GUI benchmarks need from a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void bench_window_hooks_install (GtkApplication *application);

G_END_DECLS
