/* token-credential-id.h: Credential IDs such as “SOFT 1234 5678”
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TOKEN_CREDENTIAL_ID_PREFIX_LENGTH  4
#define TOKEN_CREDENTIAL_ID_DIGITS         8
#define TOKEN_CREDENTIAL_ID_DEFAULT_PREFIX "SOFT"

gboolean  token_credential_id_prefix_is_valid (const char  *prefix);
char     *token_credential_id_generate        (const char  *prefix);
gboolean  token_credential_id_is_valid        (const char  *id);
char     *token_credential_id_normalize       (const char  *text);
char     *token_credential_id_format          (const char  *id);
gboolean  token_credential_id_equal           (const char  *a,
                                               const char  *b);

G_END_DECLS
