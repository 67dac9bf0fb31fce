/* token-credential.h: one token: its ID, how it makes codes, and its seed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "token-otp.h"

G_BEGIN_DECLS

typedef enum
{
  TOKEN_KIND_TOTP,
  TOKEN_KIND_HOTP,
} TokenKind;

/* 80 bits is the floor of RFC 4226 and what 16-character secrets hold;
 * new tokens get 160. */
#define TOKEN_MIN_SECRET_BYTES  10
#define TOKEN_NEW_SECRET_BYTES  20
#define TOKEN_MAX_SECRET_BYTES  128

#define TOKEN_TYPE_CREDENTIAL (token_credential_get_type ())

G_DECLARE_FINAL_TYPE (TokenCredential, token_credential, TOKEN, CREDENTIAL, GObject)

TokenCredential *token_credential_new                (const char       *credential_id,
                                                      TokenKind         kind,
                                                      GBytes           *secret);
TokenCredential *token_credential_new_random         (const char       *prefix);
TokenCredential *token_credential_copy               (TokenCredential  *self);

const char      *token_credential_get_internal_id    (TokenCredential  *self);
gboolean         token_credential_set_internal_id    (TokenCredential  *self,
                                                      const char       *internal_id);
const char      *token_credential_ensure_internal_id (TokenCredential  *self);
gboolean         token_credential_internal_id_is_valid (const char     *text);
const char      *token_credential_get_credential_id  (TokenCredential  *self);
const char      *token_credential_get_issuer         (TokenCredential  *self);
void             token_credential_set_issuer         (TokenCredential  *self,
                                                      const char       *issuer);
const char      *token_credential_get_label          (TokenCredential  *self);
void             token_credential_set_label          (TokenCredential  *self,
                                                      const char       *label);
TokenKind        token_credential_get_kind           (TokenCredential  *self);
TokenAlgorithm   token_credential_get_algorithm      (TokenCredential  *self);
void             token_credential_set_algorithm      (TokenCredential  *self,
                                                      TokenAlgorithm    algorithm);
guint            token_credential_get_digits         (TokenCredential  *self);
void             token_credential_set_digits         (TokenCredential  *self,
                                                      guint             digits);
guint            token_credential_get_period         (TokenCredential  *self);
void             token_credential_set_period         (TokenCredential  *self,
                                                      guint             period);
guint64          token_credential_get_counter        (TokenCredential  *self);
void             token_credential_set_counter        (TokenCredential  *self,
                                                      guint64           counter);
gint64           token_credential_get_created        (TokenCredential  *self);
void             token_credential_set_created        (TokenCredential  *self,
                                                      gint64            created);
gint64           token_credential_get_expiry         (TokenCredential  *self);
void             token_credential_set_expiry         (TokenCredential  *self,
                                                      gint64            expiry);
GBytes          *token_credential_get_secret         (TokenCredential  *self);

char            *token_credential_dup_display_id     (TokenCredential  *self);
const char      *token_credential_get_title          (TokenCredential  *self);

gboolean         token_credential_validate           (TokenCredential  *self,
                                                      GError          **error);
gboolean         token_credential_code_at            (TokenCredential  *self,
                                                      gint64            unix_time,
                                                      char              code[TOKEN_CODE_BUFFER_SIZE],
                                                      GError          **error);
gboolean         token_credential_code_for_counter   (TokenCredential  *self,
                                                      guint64           counter,
                                                      char              code[TOKEN_CODE_BUFFER_SIZE],
                                                      GError          **error);
gboolean         token_credential_equal              (TokenCredential  *a,
                                                      TokenCredential  *b);

gboolean         token_credential_id_matches         (TokenCredential  *self,
                                                      const char       *credential_id);
gboolean         token_credential_issuer_matches     (TokenCredential  *self,
                                                      const char       *issuer);
gboolean         token_credential_same_secret        (TokenCredential  *a,
                                                      TokenCredential  *b);
gboolean         token_credential_same_token         (TokenCredential  *a,
                                                      TokenCredential  *b);
char            *token_credential_dup_qualified_name (TokenCredential  *self);
const char      *token_kind_to_string                (TokenKind         kind);
gboolean         token_kind_from_string              (const char       *name,
                                                      TokenKind        *kind);

G_END_DECLS
