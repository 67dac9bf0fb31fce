/* token-application.h: the single-instance application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-clipboard.h"
#include "token-store.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_APPLICATION (token_application_get_type ())

G_DECLARE_FINAL_TYPE (TokenApplication, token_application, TOKEN, APPLICATION, AdwApplication)

TokenApplication *token_application_new           (void);
TokenStore       *token_application_get_store     (TokenApplication *self);
TokenClipboard   *token_application_get_clipboard (TokenApplication *self);

G_END_DECLS
