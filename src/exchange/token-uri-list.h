/* token-uri-list.h: otpauth:// URIs one per line, the text format of
 * FreeOTP+, Aegis and andOTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-import.h"

G_BEGIN_DECLS

#define TOKEN_URI_LIST_MAX_SIZE (4 * 1024 * 1024)

TokenImport *token_uri_list_parse  (const char  *text,
                                    gssize       length,
                                    GError     **error);
char        *token_uri_list_format (GPtrArray   *credentials);

G_END_DECLS
