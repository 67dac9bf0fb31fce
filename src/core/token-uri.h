/* token-uri.h: otpauth:// URIs (the Key URI Format)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-credential.h"

G_BEGIN_DECLS

#define TOKEN_URI_MAX_LENGTH 4096

TokenCredential *token_uri_parse  (const char       *uri,
                                   GError          **error);
char            *token_uri_format (TokenCredential  *credential);

G_END_DECLS
