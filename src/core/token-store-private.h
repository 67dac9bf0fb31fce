/* token-store-private.h: what the files of TokenStore share, an
 * operation on the keyring from one asynchronous step to the next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsecret/secret.h>

#include "token-store.h"

G_BEGIN_DECLS

typedef void (*TokenStoreOperationStep) (GTask *task);

/* What every operation carries from one asynchronous step to the next. */
typedef struct
{
  GCancellable            *cancellable;
  GCancellable            *caller_cancellable;
  gulong                   cancelled_handler;
  GSource                 *timeout_source;
  gboolean                 timed_out;
  gboolean                 allow_locked;
  gboolean                 want_moves;
  TokenStoreOperationStep  step;
  TokenStoreOperationStep  after_deletes;

  SecretService           *service;
  char                    *collection_path;
  GList                   *items;
  GList                   *pending_move_items;
  GList                   *record_items;

  /* Held from before the items are read until the result, by operations
   * that change what they read (see token-store-lock.c); -1 otherwise. */
  int                      lock_fd;

  TokenCredential         *credential;
  char                    *credential_id;
  TokenStoreAddFlags       flags;
  GList                   *pending;
  guint64                  counter;
  guint                    serial;

  /* Adding a set of tokens */
  GPtrArray               *outcomes;
  GPtrArray               *known;
  guint                    next_outcome;

  /* Moves */
  TokenTransfer           *transfer;
  TokenMove               *move;
  char                    *code;
  GStrv                    move_ids;
  guint                    move_index;
  char                    *transfer_id;

  /* Unlocking: the prompt of the Secret Service, while it is shown. */
  GDBusConnection         *connection;
  char                    *prompt_path;
  guint                    prompt_subscription;
  GSource                 *cancelled_source;
  gboolean                 prompt_over;
} TokenStoreOperation;

GTask        *token_store_operation_new               (TokenStore               *self,
                                                      GCancellable             *cancellable,
                                                      GAsyncReadyCallback       callback,
                                                      gpointer                  user_data,
                                                      const char               *name);
void          token_store_operation_set_timeout       (GTask                    *task,
                                                      guint                     seconds);
void          token_store_operation_open              (GTask                    *task,
                                                      TokenStoreOperationStep   step);
void          token_store_operation_open_locked       (GTask                    *task,
                                                      TokenStoreOperationStep   step);
SecretItem   *token_store_operation_find_item         (TokenStoreOperation      *op,
                                                      const char               *internal_id);
GList        *token_store_operation_find_items        (TokenStoreOperation      *op,
                                                      const char               *internal_id);
GStrv         token_store_operation_pending_move_ids  (TokenStoreOperation      *op,
                                                      SecretItem               *pending_move);
gboolean      token_store_operation_pending_move_has  (TokenStoreOperation      *op,
                                                      SecretItem               *pending_move,
                                                      const char               *internal_id);
SecretItem   *token_store_operation_resolve           (TokenStoreOperation      *op,
                                                      const char               *name,
                                                      GError                  **error);
void          token_store_operation_delete_pending    (GTask                    *task,
                                                      TokenStoreOperationStep   then);
void          token_store_operation_return_error      (GTask                    *task,
                                                      GError                   *source);
void          token_store_operation_return_not_found  (GTask                    *task,
                                                      const char               *credential_id);
void          token_store_operation_return_gone       (GTask                    *task,
                                                      TokenCredential          *credential);
gboolean      token_store_operation_propagate_boolean (TokenStore               *self,
                                                      GAsyncResult             *result,
                                                      GError                  **error);

/* Blocking variants: the asynchronous call, in a main context of its own. */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} TokenStoreSyncCall;

void          token_store_sync_call_begin             (TokenStoreSyncCall       *call);
void          token_store_sync_call_ready             (GObject                  *source,
                                                      GAsyncResult             *result,
                                                      gpointer                  user_data);
GAsyncResult *token_store_sync_call_wait              (TokenStoreSyncCall       *call);
void          token_store_sync_call_end               (TokenStoreSyncCall       *call);

/* What an operation tells the store about the keyring it opened. */
void          token_store_watch_keyring               (TokenStore               *self,
                                                      GDBusConnection          *connection);
void          token_store_set_locked                  (TokenStore               *self,
                                                      gboolean                  locked);
/* What an operation that wrote a token tells the model. */
void          token_store_model_put                   (TokenStore               *self,
                                                      TokenCredential          *credential);

G_END_DECLS
