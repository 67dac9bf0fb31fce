/* token-vip-response.h: the GetSharedSecretResponse, checked strictly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "token-credential.h"

G_BEGIN_DECLS

#define TOKEN_VIP_ISSUER "VIP Access"

gboolean         token_vip_credential_id_is_valid (const char  *id);
GBytes          *token_vip_unwrap_secret          (GBytes      *iv,
                                                   GBytes      *cipher,
                                                   GError     **error);
TokenCredential *token_vip_response_parse         (const char  *data,
                                                   gsize        length,
                                                   GDateTime  **expiry,
                                                   GError     **error);

G_END_DECLS
