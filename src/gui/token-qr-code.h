/* token-qr-code.h: a QR code drawn from its modules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TOKEN_TYPE_QR_CODE (token_qr_code_get_type ())

G_DECLARE_FINAL_TYPE (TokenQrCode, token_qr_code, TOKEN, QR_CODE, GtkWidget)

GtkWidget *token_qr_code_new         (void);
gboolean   token_qr_code_set_text    (TokenQrCode  *self,
                                      const char   *text,
                                      GError      **error);
guint      token_qr_code_get_modules (TokenQrCode  *self);

G_END_DECLS
