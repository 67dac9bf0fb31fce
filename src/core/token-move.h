/* token-move.h: a token on its way to another device, or gone there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  /* Exported for a move; the token still works here until the
   * confirmation code from the new device is entered. */
  TOKEN_MOVE_PENDING,
  /* Confirmed: the seed is gone from this device; only a record is left. */
  TOKEN_MOVE_DONE,
} TokenMoveState;

#define TOKEN_TYPE_MOVE (token_move_get_type ())

G_DECLARE_FINAL_TYPE (TokenMove, token_move, TOKEN, MOVE, GObject)

TokenMove      *token_move_new               (TokenMoveState  state,
                                              const char     *credential_id,
                                              const char     *transfer_id,
                                              gint64          date);

TokenMoveState  token_move_get_state         (TokenMove      *self);
const char     *token_move_get_credential_id (TokenMove      *self);
const char     *token_move_get_internal_id   (TokenMove      *self);
void            token_move_set_internal_id   (TokenMove      *self,
                                              const char     *internal_id);
const char     *token_move_get_transfer_id   (TokenMove      *self);
/* When the move was started (pending) or confirmed (done), seconds since
 * 1970. */
gint64          token_move_get_date          (TokenMove      *self);
const char     *token_move_get_issuer        (TokenMove      *self);
void            token_move_set_issuer        (TokenMove      *self,
                                              const char     *issuer);
const char     *token_move_get_label         (TokenMove      *self);
void            token_move_set_label         (TokenMove      *self,
                                              const char     *label);
/* “Moved to another device on 25 November 2026”, or for a pending move
 * “Move to another device pending since …”. */
char           *token_move_dup_description   (TokenMove      *self);

G_END_DECLS
