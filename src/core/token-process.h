/* token-process.h: a process that holds seeds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called first by the app and the CLI, before any secret is read. */
void token_process_harden (void);

G_END_DECLS
