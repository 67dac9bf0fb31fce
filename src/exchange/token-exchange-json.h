/* token-exchange-json.h: what every reader of another app's JSON checks
 * before json-glib sees the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deeper than any app's export nests. */
#define TOKEN_EXCHANGE_MAX_JSON_DEPTH 32

gboolean token_exchange_json_is_shallow (const char *text,
                                         gsize       length);

G_END_DECLS
