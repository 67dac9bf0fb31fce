/* token-base64.h: strict RFC 4648 base64 for data that holds secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *token_base64_decode (const char  *text,
                             gsize        length);
char   *token_base64_encode (GBytes      *data);

G_END_DECLS
