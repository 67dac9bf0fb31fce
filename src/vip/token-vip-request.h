/* token-vip-request.h: the GetSharedSecret request, signed as the service wants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TOKEN_VIP_DEFAULT_MODEL "SYMC"

gboolean  token_vip_model_is_valid      (const char  *model);
char     *token_vip_client_id           (void);
char     *token_vip_request_mac         (gint64       timestamp,
                                         const char  *client_id);
char     *token_vip_request_build       (const char  *model,
                                         const char  *client_id,
                                         gint64       timestamp,
                                         GError     **error);

G_END_DECLS
