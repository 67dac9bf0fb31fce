/* token-store.h: the tokens in the user's keyring, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "token-credential.h"
#include "token-move.h"
#include "token-transfer.h"

G_BEGIN_DECLS

typedef enum
{
  TOKEN_STORE_ADD_NONE    = 0,
  /* A token that is already stored (see token_credential_same_token())
   * is replaced, keeping its internal ID; never a namesake. */
  TOKEN_STORE_ADD_REPLACE = 1 << 0,
  /* Decides everything as a real add would, and writes nothing. */
  TOKEN_STORE_ADD_DRY_RUN = 1 << 1,
} TokenStoreAddFlags;

typedef enum
{
  TOKEN_ADD_NEW,
  TOKEN_ADD_REPLACES,
  TOKEN_ADD_ALREADY_STORED,
  TOKEN_ADD_FAILED,
} TokenAddResult;

/* What adding one token of a set did (or, in a dry run, would do). */
typedef struct
{
  TokenCredential *credential;
  TokenAddResult   result;
  /* The token in the keyring that it replaces or already is. */
  TokenCredential *stored;
  /* Another token, in the keyring or earlier in the set, with the same
   * seed but other codes or another name: kept apart, but worth saying. */
  char            *same_secret_as;
  /* Why it was not stored (TOKEN_ADD_ALREADY_STORED and _FAILED). */
  GError          *error;
} TokenAddOutcome;

void             token_add_outcome_free          (TokenAddOutcome      *outcome);
/* One line for a person: “new”, “already stored as …”, an error, and
 * “same secret as …” when that applies. */
char            *token_add_outcome_describe      (const TokenAddOutcome *outcome);

#define TOKEN_TYPE_STORE (token_store_get_type ())

G_DECLARE_FINAL_TYPE (TokenStore, token_store, TOKEN, STORE, GObject)

/* A GListModel of TokenCredential, sorted by creation time, then ID. */
TokenStore      *token_store_new                 (void);

/* How long one operation may wait for the keyring before it fails with
 * TOKEN_ERROR_TIMEOUT: 15 seconds unless changed (property “timeout”). */
void             token_store_set_timeout         (TokenStore           *self,
                                                  guint                 seconds);
guint            token_store_get_timeout         (TokenStore           *self);
/* Whether the last look at the keyring found the default collection
 * locked (property “locked”, notified). */
gboolean         token_store_get_locked          (TokenStore           *self);

/* Reads every item of our schema. Damaged items are set aside (see
 * token_store_dup_damaged()); the others still load. */
void             token_store_load_async          (TokenStore           *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         token_store_load_finish         (TokenStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean         token_store_load_sync           (TokenStore           *self,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

/* Adds a set of tokens in one operation, in order, each under the identity
 * rule of token_credential_same_token(): the only place where the CLI's
 * add (and its dry run), the app's import preview and imports decide what
 * is new. Gives a TokenAddOutcome for each credential of @credentials, in
 * order; fails as a whole only when the keyring cannot be used. */
void             token_store_add_all_async       (TokenStore           *self,
                                                  GListModel           *credentials,
                                                  TokenStoreAddFlags    flags,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray       *token_store_add_all_finish      (TokenStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
GPtrArray       *token_store_add_all_sync        (TokenStore           *self,
                                                  GListModel           *credentials,
                                                  TokenStoreAddFlags    flags,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
/* One token: fails with TOKEN_ERROR_EXISTS when the same token is stored,
 * unless TOKEN_STORE_ADD_REPLACE is given. */
void             token_store_add_async           (TokenStore           *self,
                                                  TokenCredential      *credential,
                                                  TokenStoreAddFlags    flags,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         token_store_add_finish          (TokenStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean         token_store_add_sync            (TokenStore           *self,
                                                  TokenCredential      *credential,
                                                  TokenStoreAddFlags    flags,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

/* Writes the current fields of a credential that is in the store. */
void             token_store_update_async        (TokenStore           *self,
                                                  TokenCredential      *credential,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         token_store_update_finish       (TokenStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean         token_store_update_sync         (TokenStore           *self,
                                                  TokenCredential      *credential,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

void             token_store_remove_async        (TokenStore           *self,
                                                  TokenCredential      *credential,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         token_store_remove_finish       (TokenStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean         token_store_remove_sync         (TokenStore           *self,
                                                  TokenCredential      *credential,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

/* Looks a token up in the keyring by its name (token-name.h: the ID with or
 * without spaces, in any case, “Issuer:ID” or the internal ID), reading
 * only its own secret. TOKEN_ERROR_AMBIGUOUS when the name fits two.
 * TOKEN_ERROR_NOT_FOUND, or TOKEN_ERROR_KEYRING_LOCKED when the keyring is
 * locked: never “not found” for a locked keyring. */
void             token_store_lookup_async        (TokenStore           *self,
                                                  const char           *credential_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
TokenCredential *token_store_lookup_finish       (TokenStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
TokenCredential *token_store_lookup_sync         (TokenStore           *self,
                                                  const char           *credential_id,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

/* HOTP: gives the code of the stored counter (the counter of the next
 * code) once the counter after it is stored, so a crash never shows the
 * same code twice; atomic across processes (token-store-lock.c). */
void             token_store_next_hotp_code_async  (TokenStore           *self,
                                                    TokenCredential      *credential,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
char            *token_store_next_hotp_code_finish (TokenStore           *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
char            *token_store_next_hotp_code_sync   (TokenStore           *self,
                                                    TokenCredential      *credential,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

/* Asks the Secret Service to unlock the default collection; it shows its
 * own password prompt. */
void             token_store_unlock_async        (TokenStore           *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         token_store_unlock_finish       (TokenStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* The token of the model that @name names (see token_store_resolve()), or
 * %NULL when none or more than one does. */
TokenCredential *token_store_find                (TokenStore           *self,
                                                  const char           *name);
TokenCredential *token_store_find_by_internal_id (TokenStore           *self,
                                                  const char           *internal_id);
TokenCredential *token_store_resolve             (TokenStore           *self,
                                                  const char           *name,
                                                  GError              **error);
/* Names (Credential ID or item label) of the items that could not be read,
 * each with the reason, as “NAME: REASON”. Notified as “damaged”. */
char           **token_store_dup_damaged         (TokenStore           *self);

/* Moves to another device (see token-move.h and the comment at the top of
 * token-store.c). A GListModel of TokenMove: one per token that has a move
 * pending, and one per token moved away whose record is not dismissed.
 * Kept up to date by every load. */
GListModel      *token_store_get_moves           (TokenStore           *self);
/* The move of this token that a card shows: pending, or done when the
 * token is no longer here. */
TokenMove       *token_store_find_move           (TokenStore           *self,
                                                  const char           *name);

/* Registers the pending move of a transfer file that was saved: its ID,
 * its credential IDs and its confirmation secret go to the keyring. Every
 * token of @transfer must be in the keyring. */
void             token_store_start_move_async    (TokenStore           *self,
                                                  TokenTransfer        *transfer,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         token_store_start_move_finish   (TokenStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean         token_store_start_move_sync     (TokenStore           *self,
                                                  TokenTransfer        *transfer,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

/* Checks the code the new device showed against the pending moves of this
 * token. A wrong code fails with TOKEN_ERROR_WRONG_CONFIRMATION and changes
 * nothing; no pending move, with TOKEN_ERROR_NOT_FOUND. The right code
 * finishes the whole transfer: every token of it leaves a record, then
 * loses its item (seed), then the pending move goes. */
void             token_store_confirm_move_async  (TokenStore           *self,
                                                  TokenCredential      *credential,
                                                  const char           *code,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         token_store_confirm_move_finish (TokenStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean         token_store_confirm_move_sync   (TokenStore           *self,
                                                  TokenCredential      *credential,
                                                  const char           *code,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

/* A token moved to another device without a transfer file (a phone that
 * scanned its QR code): leaves the same record as a confirmed move, then
 * removes the token here. */
void             token_store_record_move_async   (TokenStore           *self,
                                                  TokenCredential      *credential,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         token_store_record_move_finish  (TokenStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Forgets the record of a token moved away (TOKEN_ERROR_NOT_FOUND when
 * there is none). */
void             token_store_dismiss_move_async  (TokenStore           *self,
                                                  TokenMove            *move,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         token_store_dismiss_move_finish (TokenStore           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean         token_store_dismiss_move_sync   (TokenStore           *self,
                                                  TokenMove            *move,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

G_END_DECLS
