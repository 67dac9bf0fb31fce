/* token-export-wizard.h: moving tokens away: choose, passphrase, save,
 * confirm
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-clipboard.h"
#include "token-store.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_EXPORT_WIZARD (token_export_wizard_get_type ())

G_DECLARE_FINAL_TYPE (TokenExportWizard, token_export_wizard, TOKEN, EXPORT_WIZARD, AdwWindow)

TokenExportWizard *token_export_wizard_new           (GtkWindow         *parent,
                                                      TokenStore        *store,
                                                      TokenClipboard    *clipboard);
/* “choose”, “passphrase”, “saving” or “done”. */
const char        *token_export_wizard_get_page_name (TokenExportWizard *self);
/* The passphrase the file will be (or was) sealed with. */
const char        *token_export_wizard_get_passphrase (TokenExportWizard *self);
/* Goes on from the current page, as the header bar's Next button does (on
 * the passphrase page it opens the file chooser). */
void               token_export_wizard_next          (TokenExportWizard *self);
/* Saves to @destination, as when it is picked in the file chooser. */
void               token_export_wizard_save_to       (TokenExportWizard *self,
                                                      GFile             *destination);
GtkEditable       *token_export_wizard_get_code_entry (TokenExportWizard *self);

G_END_DECLS
