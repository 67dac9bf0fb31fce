/* token-import-dialog.h: tokens from other apps, previewed before storing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-import.h"
#include "token-store.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_IMPORT_DIALOG (token_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TokenImportDialog, token_import_dialog, TOKEN, IMPORT_DIALOG, AdwWindow)

TokenImportDialog *token_import_dialog_new           (GtkWindow         *parent,
                                                      TokenStore        *store);
void               token_import_dialog_set_text      (TokenImportDialog *self,
                                                      const char        *text);
void               token_import_dialog_read_file     (TokenImportDialog *self,
                                                      GFile             *file);
const char        *token_import_dialog_get_page_name (TokenImportDialog *self);
TokenImport       *token_import_dialog_get_import    (TokenImportDialog *self);
gboolean           token_import_dialog_get_chosen    (TokenImportDialog *self,
                                                      guint              index);
void               token_import_dialog_set_chosen    (TokenImportDialog *self,
                                                      guint              index,
                                                      gboolean           chosen);
void               token_import_dialog_show_error    (TokenImportDialog *self,
                                                      const char        *message);

G_END_DECLS
