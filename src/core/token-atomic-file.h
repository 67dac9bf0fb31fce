/* token-atomic-file.h: files that are either complete or not there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean token_atomic_file_write (GFile         *destination,
                                  GBytes        *contents,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
