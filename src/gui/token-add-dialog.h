/* token-add-dialog.h: add a token from its otpauth:// URI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-credential.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_ADD_DIALOG (token_add_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TokenAddDialog, token_add_dialog, TOKEN, ADD_DIALOG, AdwWindow)

TokenAddDialog  *token_add_dialog_new            (GtkWindow      *parent);
void             token_add_dialog_set_uri        (TokenAddDialog *self,
                                                  const char     *uri);
TokenCredential *token_add_dialog_get_credential (TokenAddDialog *self);
void             token_add_dialog_show_error     (TokenAddDialog *self,
                                                  const char     *message);

G_END_DECLS
