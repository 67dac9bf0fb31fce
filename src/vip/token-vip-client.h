/* token-vip-client.h: one exchange with VIP Access over HTTPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "token-credential.h"

G_BEGIN_DECLS

#define TOKEN_VIP_DEFAULT_TIMEOUT 30

#define TOKEN_TYPE_VIP_CLIENT (token_vip_client_get_type ())

G_DECLARE_FINAL_TYPE (TokenVipClient, token_vip_client, TOKEN, VIP_CLIENT, GObject)

TokenVipClient  *token_vip_client_new              (void);
void             token_vip_client_set_timeout      (TokenVipClient       *self,
                                                    guint                 seconds);
void             token_vip_client_provision_async  (TokenVipClient       *self,
                                                    const char           *model,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
TokenCredential *token_vip_client_provision_finish (TokenVipClient       *self,
                                                    GAsyncResult         *result,
                                                    GDateTime           **expiry,
                                                    GError              **error);
void             token_vip_client_check_async      (TokenVipClient       *self,
                                                    TokenCredential      *credential,
                                                    gboolean              sync,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean         token_vip_client_check_finish     (TokenVipClient       *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
