/* token-keyring-item.h: our Secret Service items and what they hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsecret/secret.h>

#include "token-credential.h"
#include "token-move.h"

G_BEGIN_DECLS

#define TOKEN_KEYRING_CREDENTIAL_SCHEMA    "io.github.softtoken.SoftToken.Credential"
#define TOKEN_KEYRING_PENDING_MOVE_SCHEMA  "io.github.softtoken.SoftToken.PendingMove"
#define TOKEN_KEYRING_MOVED_RECORD_SCHEMA  "io.github.softtoken.SoftToken.MovedRecord"

const SecretSchema *token_keyring_item_credential_schema       (void);
SecretValue        *token_keyring_item_secret_value_new        (GBytes           *secret);

/* Items of tokens. */
GHashTable         *token_keyring_item_credential_attributes   (TokenCredential  *credential);
char               *token_keyring_item_credential_label        (TokenCredential  *credential);
GHashTable         *token_keyring_item_credential_properties   (TokenCredential  *credential);
char               *token_keyring_item_dup_credential_id       (SecretItem       *item);
gboolean            token_keyring_item_has_id                  (SecretItem       *item,
                                                                const char       *credential_id);
char               *token_keyring_item_dup_internal_id         (SecretItem       *item);
gboolean            token_keyring_item_has_internal_id         (SecretItem       *item,
                                                                const char       *internal_id);
gboolean            token_keyring_item_matches_name            (SecretItem       *item,
                                                                const char       *name);
char               *token_keyring_item_dup_qualified_name      (SecretItem       *item);
TokenCredential    *token_keyring_item_to_credential           (SecretItem       *item,
                                                                GError          **error);
char               *token_keyring_item_damaged_description     (SecretItem       *item,
                                                                const GError     *error);
guint64             token_keyring_item_counter                 (SecretItem       *item);

/* Items of moves: pending moves and moved records. */
char               *token_keyring_item_dup_transfer_id         (SecretItem       *item);
GHashTable         *token_keyring_item_pending_move_properties (const char       *transfer_id,
                                                                GPtrArray        *credentials);
GStrv               token_keyring_item_pending_move_ids        (SecretItem       *item);
GStrv               token_keyring_item_pending_move_internal_ids (SecretItem     *item);
gboolean            token_keyring_item_pending_move_has_id     (SecretItem       *item,
                                                                const char       *credential_id);
gboolean            token_keyring_item_pending_move_matches    (SecretItem       *item,
                                                                const char       *code);
TokenMove          *token_keyring_item_pending_move_to_move    (SecretItem       *item,
                                                                TokenCredential  *credential);
GHashTable         *token_keyring_item_record_properties       (SecretItem       *token_item,
                                                                const char       *transfer_id);
char               *token_keyring_item_record_internal_id      (SecretItem       *item);
TokenMove          *token_keyring_item_record_to_move          (SecretItem       *item);

G_END_DECLS
