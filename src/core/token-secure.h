/* token-secure.h: memory that holds secrets, wiped before it is released
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *token_secure_bytes_new       (gconstpointer  data,
                                      gsize          size);
GBytes *token_secure_bytes_new_take  (gpointer       data,
                                      gsize          size);
void    token_secure_wipe            (gpointer       data,
                                      gsize          size);
void    token_secure_string_free     (char          *string);

typedef char TokenSecureString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TokenSecureString, token_secure_string_free)

G_END_DECLS
