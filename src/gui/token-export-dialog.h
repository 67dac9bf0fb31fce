/* token-export-dialog.h: tokens written for another app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-exchange-writer.h"
#include "token-store.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_EXPORT_DIALOG (token_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TokenExportDialog, token_export_dialog, TOKEN, EXPORT_DIALOG, AdwWindow)

TokenExportDialog *token_export_dialog_new        (GtkWindow          *parent,
                                                   TokenStore         *store);
void               token_export_dialog_set_format (TokenExportDialog  *self,
                                                   TokenExchangeFormat format);
void               token_export_dialog_set_user   (TokenExportDialog  *self,
                                                   const char         *user);
void               token_export_dialog_set_chosen (TokenExportDialog  *self,
                                                   guint               index,
                                                   gboolean            chosen);
GBytes            *token_export_dialog_build      (TokenExportDialog  *self,
                                                   GError            **error);
void               token_export_dialog_save_to    (TokenExportDialog  *self,
                                                   GFile              *file);

G_END_DECLS
