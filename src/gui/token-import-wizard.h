/* token-import-wizard.h: tokens from a transfer file made on another device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-store.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_IMPORT_WIZARD (token_import_wizard_get_type ())

G_DECLARE_FINAL_TYPE (TokenImportWizard, token_import_wizard, TOKEN, IMPORT_WIZARD, AdwWindow)

TokenImportWizard *token_import_wizard_new                 (GtkWindow         *parent,
                                                            TokenStore        *store,
                                                            GFile             *file);
/* “passphrase”, “opening”, “preview”, “storing” or “done”. */
const char        *token_import_wizard_get_page_name       (TokenImportWizard *self);
GtkEditable       *token_import_wizard_get_passphrase_entry (TokenImportWizard *self);
/* Goes on from the current page, as the header bar's button does. */
void               token_import_wizard_next                (TokenImportWizard *self);
/* The confirmation code shown on the last page. */
const char        *token_import_wizard_get_code            (TokenImportWizard *self);

G_END_DECLS
