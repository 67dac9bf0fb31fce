/* token-store-moves.c
 *
 * Moving tokens to another device: starting a move, confirming it with the
 * code the new device shows, recording a move made without a transfer
 * file, and dismissing a record (the items are described at the top of
 * token-store.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
/* For secret_service_create_item_dbus_path(), unchanged since libsecret
 * 0.7 but still marked as unstable. */
#define SECRET_API_SUBJECT_TO_CHANGE
#include <libsecret/secret.h>

#include "token-credential-id.h"
#include "token-error.h"
#include "token-keyring-item.h"
#include "token-store-private.h"

/* A record made before tokens had an internal ID knows its token by its
 * Credential ID only. */
static gboolean
record_is_of (SecretItem *item,
              TokenMove  *move)
{
  g_autofree char *internal_id = token_keyring_item_record_internal_id (item);

  if (token_move_get_internal_id (move) != NULL)
    return g_strcmp0 (internal_id, token_move_get_internal_id (move)) == 0;
  return internal_id == NULL && token_keyring_item_has_id (item, token_move_get_credential_id (move));
}

static void
move_reloaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;

  /* The change is made: a reload that fails only delays what the model
   * shows until the next one. */
  token_store_load_finish (TOKEN_STORE (source), result, NULL);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* The keyring changed: the model follows before the caller hears of it. */
static void
move_complete (GTask *task)
{
  TokenStore *self = g_task_get_source_object (task);

  token_store_load_async (self, NULL, move_reloaded, task);
}

static void
pending_move_created (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  g_autofree char *path = NULL;
  GError *error = NULL;

  path = secret_service_create_item_dbus_path_finish (SECRET_SERVICE (source), result, &error);
  if (path == NULL)
    {
      token_store_operation_return_error (task, error);
      return;
    }

  move_complete (task);
}

static void
start_move_step (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);
  GPtrArray *credentials = token_transfer_get_credentials (op->transfer);
  g_autoptr(GHashTable) properties_table = NULL;
  g_autoptr(SecretValue) value = NULL;

  for (guint i = 0; i < credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (credentials, i);

      if (token_store_operation_find_item (op, token_credential_get_internal_id (credential)) == NULL)
        {
          token_store_operation_return_gone (task, credential);
          return;
        }
    }

  properties_table = token_keyring_item_pending_move_properties (token_transfer_get_id (op->transfer),
                                                                 credentials);
  value = token_keyring_item_secret_value_new (token_transfer_get_confirmation_secret (op->transfer));

  secret_service_create_item_dbus_path (op->service, op->collection_path, properties_table, value,
                                        SECRET_ITEM_CREATE_NONE, op->cancellable,
                                        pending_move_created, task);
}

void
token_store_start_move_async (TokenStore          *self,
                              TokenTransfer       *transfer,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  TokenStoreOperation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (TOKEN_IS_TRANSFER (transfer));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = token_store_operation_new (self, cancellable, callback, user_data, "token_store_start_move_async");
  op = g_task_get_task_data (task);
  op->transfer = g_object_ref (transfer);
  token_store_operation_open (task, start_move_step);
}

gboolean
token_store_start_move_finish (TokenStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return token_store_operation_propagate_boolean (self, result, error);
}

gboolean
token_store_start_move_sync (TokenStore     *self,
                             TokenTransfer  *transfer,
                             GCancellable   *cancellable,
                             GError        **error)
{
  TokenStoreSyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  token_store_sync_call_begin (&call);
  token_store_start_move_async (self, transfer, cancellable, token_store_sync_call_ready, &call);
  done = token_store_start_move_finish (self, token_store_sync_call_wait (&call), error);
  token_store_sync_call_end (&call);

  return done;
}

/* Last: every pending move of these tokens, the confirmed one and any
 * older export of them, whose secrets are of no use any more. */
static void
confirm_delete_pending_moves (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  for (GList *l = op->pending_move_items; l != NULL; l = l->next)
    for (guint i = 0; op->move_ids[i] != NULL; i++)
      if (token_store_operation_pending_move_has (op, l->data, op->move_ids[i]))
        {
          op->pending = g_list_append (op->pending, g_object_ref (l->data));
          break;
        }

  token_store_operation_delete_pending (task, move_complete);
}

/* Second: the seeds, once every record is there. */
static void
confirm_delete_tokens (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  for (guint i = 0; op->move_ids[i] != NULL; i++)
    op->pending = g_list_concat (op->pending, token_store_operation_find_items (op, op->move_ids[i]));

  token_store_operation_delete_pending (task, confirm_delete_pending_moves);
}

static void confirm_create_next_record (GTask *task);

static void
record_created (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  g_autofree char *path = NULL;
  GError *error = NULL;

  path = secret_service_create_item_dbus_path_finish (SECRET_SERVICE (source), result, &error);
  if (path == NULL)
    {
      token_store_operation_return_error (task, error);
      return;
    }

  confirm_create_next_record (task);
}

/* First: a record for each token of the move that is still here. */
static void
confirm_create_next_record (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) properties_table = NULL;
  g_autoptr(SecretValue) value = NULL;
  const char *id;
  SecretItem *token_item;

  for (;;)
    {
      if (op->move_ids[op->move_index] == NULL)
        {
          confirm_delete_tokens (task);
          return;
        }
      id = op->move_ids[op->move_index++];
      if ((token_item = token_store_operation_find_item (op, id)) != NULL)
        break;
    }

  properties_table = token_keyring_item_record_properties (token_item, op->transfer_id);
  value = secret_value_new ("", 0, "text/plain");

  secret_service_create_item_dbus_path (op->service, op->collection_path, properties_table, value,
                                        SECRET_ITEM_CREATE_NONE, op->cancellable,
                                        record_created, task);
}

static void
confirm_secrets_loaded (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  TokenStoreOperation *op = g_task_get_task_data (task);
  SecretItem *matching = NULL;
  GError *error = NULL;

  if (!secret_item_load_secrets_finish (result, &error))
    {
      token_store_operation_return_error (task, error);
      return;
    }

  for (GList *l = op->pending; l != NULL && matching == NULL; l = l->next)
    if (token_keyring_item_pending_move_matches (l->data, op->code))
      matching = l->data;

  if (matching == NULL)
    {
      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_WRONG_CONFIRMATION,
                               "%s", _("This confirmation code does not match. Check the code that the new device shows and type it again; nothing was changed."));
      g_object_unref (task);
      return;
    }

  op->transfer_id = token_keyring_item_dup_transfer_id (matching);
  op->move_ids = token_store_operation_pending_move_ids (op, matching);
  g_list_free_full (g_steal_pointer (&op->pending), g_object_unref);

  confirm_create_next_record (task);
}

static void
confirm_move_step (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  const char *internal_id = token_credential_get_internal_id (op->credential);

  for (GList *l = op->pending_move_items; l != NULL; l = l->next)
    if (token_store_operation_pending_move_has (op, l->data, internal_id))
      op->pending = g_list_append (op->pending, g_object_ref (l->data));

  if (op->pending == NULL)
    {
      g_autofree char *display_id = token_credential_dup_qualified_name (op->credential);

      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND,
                               _("No move of the token %s is waiting for a confirmation code. Export it for a move first."),
                               display_id);
      g_object_unref (task);
      return;
    }

  secret_item_load_secrets (op->pending, op->cancellable, confirm_secrets_loaded, task);
}

void
token_store_confirm_move_async (TokenStore          *self,
                                TokenCredential     *credential,
                                const char          *code,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  TokenStoreOperation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (TOKEN_IS_CREDENTIAL (credential));
  g_return_if_fail (code != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = token_store_operation_new (self, cancellable, callback, user_data, "token_store_confirm_move_async");
  op = g_task_get_task_data (task);
  op->credential = g_object_ref (credential);
  op->code = g_strdup (code);
  op->want_moves = TRUE;
  token_store_operation_open (task, confirm_move_step);
}

gboolean
token_store_confirm_move_finish (TokenStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return token_store_operation_propagate_boolean (self, result, error);
}

gboolean
token_store_confirm_move_sync (TokenStore      *self,
                               TokenCredential *credential,
                               const char    *code,
                               GCancellable  *cancellable,
                               GError       **error)
{
  TokenStoreSyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  token_store_sync_call_begin (&call);
  token_store_confirm_move_async (self, credential, code, cancellable, token_store_sync_call_ready, &call);
  done = token_store_confirm_move_finish (self, token_store_sync_call_wait (&call), error);
  token_store_sync_call_end (&call);

  return done;
}

/* The record and the removal of a confirmed move, for one token that
 * left without a transfer file: it has no pending move to check against. */
static void
record_move_step (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  const char *internal_id = token_credential_get_internal_id (op->credential);

  if (token_store_operation_find_item (op, internal_id) == NULL)
    {
      token_store_operation_return_gone (task, op->credential);
      return;
    }

  op->move_ids = g_new0 (char *, 2);
  op->move_ids[0] = g_strdup (internal_id);
  op->transfer_id = g_uuid_string_random ();
  confirm_create_next_record (task);
}

void
token_store_record_move_async (TokenStore          *self,
                               TokenCredential     *credential,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  TokenStoreOperation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (TOKEN_IS_CREDENTIAL (credential));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = token_store_operation_new (self, cancellable, callback, user_data, "token_store_record_move_async");
  op = g_task_get_task_data (task);
  op->credential = g_object_ref (credential);
  op->want_moves = TRUE;
  token_store_operation_open (task, record_move_step);
}

gboolean
token_store_record_move_finish (TokenStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return token_store_operation_propagate_boolean (self, result, error);
}

static void
dismiss_move_step (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  for (GList *l = op->record_items; l != NULL; l = l->next)
    if (record_is_of (l->data, op->move))
      op->pending = g_list_append (op->pending, g_object_ref (l->data));

  if (op->pending == NULL)
    {
      g_autofree char *display_id = token_credential_id_format (token_move_get_credential_id (op->move));

      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND,
                               _("There is no record of a move of the token %s."), display_id);
      g_object_unref (task);
      return;
    }

  token_store_operation_delete_pending (task, move_complete);
}

void
token_store_dismiss_move_async (TokenStore          *self,
                                TokenMove           *move,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  TokenStoreOperation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (TOKEN_IS_MOVE (move));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = token_store_operation_new (self, cancellable, callback, user_data, "token_store_dismiss_move_async");
  op = g_task_get_task_data (task);
  op->move = g_object_ref (move);
  op->want_moves = TRUE;
  token_store_operation_open (task, dismiss_move_step);
}

gboolean
token_store_dismiss_move_finish (TokenStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return token_store_operation_propagate_boolean (self, result, error);
}

gboolean
token_store_dismiss_move_sync (TokenStore    *self,
                               TokenMove     *move,
                               GCancellable  *cancellable,
                               GError       **error)
{
  TokenStoreSyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  token_store_sync_call_begin (&call);
  token_store_dismiss_move_async (self, move, cancellable, token_store_sync_call_ready, &call);
  done = token_store_dismiss_move_finish (self, token_store_sync_call_wait (&call), error);
  token_store_sync_call_end (&call);

  return done;
}
