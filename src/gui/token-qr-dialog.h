/* token-qr-dialog.h: a token as a QR code, behind a warning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-clipboard.h"
#include "token-credential.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_QR_DIALOG (token_qr_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TokenQrDialog, token_qr_dialog, TOKEN, QR_DIALOG, AdwWindow)

TokenQrDialog   *token_qr_dialog_new            (GtkWindow       *parent,
                                                 TokenCredential *credential,
                                                 TokenClipboard  *clipboard);
TokenCredential *token_qr_dialog_get_credential (TokenQrDialog   *self);
const char      *token_qr_dialog_get_page_name  (TokenQrDialog   *self);
gboolean         token_qr_dialog_get_revealed   (TokenQrDialog   *self);

G_END_DECLS
