/* token-foreign-format.h: inputs of other apps that Soft Token does not
 * read, told by their contents and named in one sentence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean token_foreign_format_recognise (GBytes  *input,
                                         GError **error);

G_END_DECLS
