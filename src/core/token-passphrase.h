/* token-passphrase.h: passphrases for transfer files: generated ones, and
 * a check of the ones people choose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TOKEN_PASSPHRASE_STRONG,
  TOKEN_PASSPHRASE_TOO_SHORT,
  TOKEN_PASSPHRASE_COMMON,
  TOKEN_PASSPHRASE_REPETITIVE,
  TOKEN_PASSPHRASE_GUESSABLE,
} TokenPassphraseStrength;

/* Six groups of four characters from a 32-character alphabet. */
#define TOKEN_PASSPHRASE_GENERATED_BITS  120
#define TOKEN_PASSPHRASE_MIN_LENGTH      12
/* What the strength estimate of a chosen passphrase must reach. */
#define TOKEN_PASSPHRASE_MIN_BITS        60

char                    *token_passphrase_generate  (void);
char                    *token_passphrase_normalize (const char  *passphrase);
TokenPassphraseStrength  token_passphrase_rate      (const char  *passphrase);
gboolean                 token_passphrase_check     (const char  *passphrase,
                                                     GError     **error);

G_END_DECLS
