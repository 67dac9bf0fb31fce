/* token-view-state.h: what a token card shows at a given time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-credential.h"

G_BEGIN_DECLS

/* In the last seconds of a period the code is about to die: the ring
 * changes colour, and the next code appears. */
#define TOKEN_VIEW_URGENT_SECONDS     5
#define TOKEN_VIEW_NEXT_CODE_SECONDS  10

/* “1234 5678” and its NUL. */
#define TOKEN_VIEW_CODE_SIZE (TOKEN_MAX_DIGITS + 2)

typedef struct
{
  gboolean show_next_code;
} TokenViewSettings;

typedef struct
{
  TokenKind kind;
  /* The TOTP time step (or the HOTP counter) that the codes belong to. */
  guint64   step;
  guint     digits;
  /* Grouped (“123 456”); empty for an HOTP token that has no code yet. */
  char      code[TOKEN_VIEW_CODE_SIZE];
  /* Grouped; empty when the next code is not to be shown now. */
  char      next_code[TOKEN_VIEW_CODE_SIZE];
  /* The code of the following step, kept so that it is computed once. */
  char      upcoming_code[TOKEN_VIEW_CODE_SIZE];
  guint     seconds_left;
  guint     period;
  /* The part of the period that is left, from 1.0 (just begun) to 0. */
  double    fraction;
  gboolean  urgent;
} TokenViewState;

gboolean  token_view_state_compute       (TokenCredential          *credential,
                                          gint64                    unix_time,
                                          const TokenViewSettings  *settings,
                                          const TokenViewState     *previous,
                                          TokenViewState           *state,
                                          GError                  **error);
void      token_view_state_clear         (TokenViewState           *state);

void      token_view_group_code          (const char               *code,
                                          char                      grouped[TOKEN_VIEW_CODE_SIZE]);
char     *token_view_dup_spoken_code     (const char               *grouped);

G_END_DECLS
