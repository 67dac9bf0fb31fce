/* token-i18n.h: the message catalogue of every Soft Token program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void token_i18n_init (void);

G_END_DECLS
