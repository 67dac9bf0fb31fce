/* token-moved-row.h: the record of a token moved to another device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-move.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_MOVED_ROW (token_moved_row_get_type ())

G_DECLARE_FINAL_TYPE (TokenMovedRow, token_moved_row, TOKEN, MOVED_ROW, AdwActionRow)

GtkWidget *token_moved_row_new      (TokenMove     *move);
TokenMove *token_moved_row_get_move (TokenMovedRow *self);

G_END_DECLS
