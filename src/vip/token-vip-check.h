/* token-vip-check.h: VIP's public "test your credential" forms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "token-credential.h"

G_BEGIN_DECLS

char     *token_vip_check_form       (TokenCredential  *credential,
                                      gint64            unix_time,
                                      gboolean          sync,
                                      GError          **error);
gboolean  token_vip_credential_is_vip (TokenCredential *credential);
gboolean  token_vip_check_reply      (const char       *page,
                                      gsize             length,
                                      gboolean          sync,
                                      GError          **error);

G_END_DECLS
