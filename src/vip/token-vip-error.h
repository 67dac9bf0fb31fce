/* token-vip-error.h: what can go wrong talking to VIP Access
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TOKEN_VIP_ERROR (token_vip_error_quark ())

typedef enum
{
  TOKEN_VIP_ERROR_INVALID_MODEL,
  TOKEN_VIP_ERROR_INSECURE_URL,
  TOKEN_VIP_ERROR_MALFORMED_REPLY,
  TOKEN_VIP_ERROR_SERVICE_STATUS,
  TOKEN_VIP_ERROR_BAD_SECRET,
  TOKEN_VIP_ERROR_BAD_CREDENTIAL_ID,
  TOKEN_VIP_ERROR_NETWORK,
  TOKEN_VIP_ERROR_TLS,
  TOKEN_VIP_ERROR_PROXY,
  TOKEN_VIP_ERROR_TIMEOUT,
  TOKEN_VIP_ERROR_HTTP,
  TOKEN_VIP_ERROR_NEEDS_SYNC,
  TOKEN_VIP_ERROR_CHECK_FAILED,
} TokenVipError;

GQuark token_vip_error_quark (void);

G_END_DECLS
