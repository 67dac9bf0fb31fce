/* token-base32.h: RFC 4648 base32, the way authenticators write secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *token_base32_decode (const char  *text,
                             GError     **error);
char   *token_base32_encode (GBytes      *data);

G_END_DECLS
