/* token-vip-dialog.h: get a VIP Access credential
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-credential.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_VIP_DIALOG (token_vip_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TokenVipDialog, token_vip_dialog, TOKEN, VIP_DIALOG, AdwWindow)

TokenVipDialog *token_vip_dialog_new         (GtkWindow       *parent);
const char     *token_vip_dialog_get_page_name (TokenVipDialog *self);
void            token_vip_dialog_show_error  (TokenVipDialog  *self,
                                              const char      *message);
void            token_vip_dialog_show_done   (TokenVipDialog  *self,
                                              TokenCredential *credential);

G_END_DECLS
