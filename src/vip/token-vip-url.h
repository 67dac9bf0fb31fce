/* token-vip-url.h: where the VIP Access service is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TOKEN_VIP_SERVICE_PROVISION,
  TOKEN_VIP_SERVICE_CHECK,
  TOKEN_VIP_SERVICE_SYNC,
} TokenVipService;

char *token_vip_service_url (TokenVipService   service,
                             GError          **error);
char *token_vip_url_check   (const char       *url,
                             GError          **error);

G_END_DECLS
