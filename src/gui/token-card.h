/* token-card.h: one token: its name, Credential ID, code and countdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-credential.h"
#include "token-view-state.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_CARD (token_card_get_type ())

G_DECLARE_FINAL_TYPE (TokenCard, token_card, TOKEN, CARD, AdwBin)

GtkWidget       *token_card_new             (TokenCredential         *credential);
TokenCredential *token_card_get_credential  (TokenCard               *self);
gboolean         token_card_get_standalone  (TokenCard               *self);
void             token_card_set_standalone  (TokenCard               *self,
                                             gboolean                 standalone);
void             token_card_update          (TokenCard               *self,
                                             gint64                   unix_time,
                                             const TokenViewSettings *settings);
void             token_card_show_hotp_code  (TokenCard               *self,
                                             guint64                  counter,
                                             const char              *code);
const TokenViewState *token_card_get_view_state (TokenCard           *self);
char            *token_card_dup_code        (TokenCard               *self);

G_END_DECLS
