/* token-list-row.h: one token in the compact list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "token-credential.h"
#include "token-secure.h"
#include "token-view-state.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_LIST_ROW (token_list_row_get_type ())

G_DECLARE_FINAL_TYPE (TokenListRow, token_list_row, TOKEN, LIST_ROW, GtkWidget)

GtkWidget            *token_list_row_new            (void);
void                  token_list_row_set_credential (TokenListRow            *self,
                                                     TokenCredential         *credential);
TokenCredential      *token_list_row_get_credential (TokenListRow            *self);
void                  token_list_row_update         (TokenListRow            *self,
                                                     gint64                   unix_time,
                                                     const TokenViewSettings *settings);
const TokenViewState *token_list_row_get_view_state (TokenListRow            *self);
TokenSecureString    *token_list_row_dup_code       (TokenListRow            *self);

G_END_DECLS
