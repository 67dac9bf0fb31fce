/* token-store-operation.c
 *
 * One operation of the store on the keyring, from opening it to its
 * result (see the top of token-store.c), and the blocking variants of the
 * operations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
/* For secret_service_read_alias_dbus_path(), unchanged since libsecret 0.7
 * but still marked as unstable. */
#define SECRET_API_SUBJECT_TO_CHANGE
#include <libsecret/secret.h>

#include "token-credential-id.h"
#include "token-error.h"
#include "token-keyring-error.h"
#include "token-keyring-item.h"
#include "token-secure.h"
#include "token-name.h"
#include "token-store-lock.h"
#include "token-store-private.h"

#define COLLECTION_INTERFACE   "org.freedesktop.Secret.Collection"

static void
operation_free (gpointer data)
{
  TokenStoreOperation *op = data;

  if (op->timeout_source != NULL)
    {
      g_source_destroy (op->timeout_source);
      g_source_unref (op->timeout_source);
    }
  if (op->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (op->caller_cancellable, op->cancelled_handler);
      g_object_unref (op->caller_cancellable);
    }
  token_store_lock_release (op->lock_fd);
  g_clear_pointer (&op->outcomes, g_ptr_array_unref);
  g_clear_pointer (&op->known, g_ptr_array_unref);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->service);
  g_free (op->collection_path);
  g_list_free_full (op->items, g_object_unref);
  g_list_free_full (op->pending_move_items, g_object_unref);
  g_list_free_full (op->record_items, g_object_unref);
  g_clear_object (&op->transfer);
  g_clear_object (&op->move);
  token_secure_string_free (op->code);
  g_strfreev (op->move_ids);
  g_free (op->transfer_id);
  g_list_free_full (op->pending, g_object_unref);
  g_clear_object (&op->credential);
  g_free (op->credential_id);
  if (op->prompt_subscription != 0)
    g_dbus_connection_signal_unsubscribe (op->connection, op->prompt_subscription);
  if (op->cancelled_source != NULL)
    {
      g_source_destroy (op->cancelled_source);
      g_source_unref (op->cancelled_source);
    }
  g_clear_object (&op->connection);
  g_free (op->prompt_path);
  g_free (op);
}

static void
on_caller_cancelled (GCancellable *caller_cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_operation_timeout (gpointer user_data)
{
  TokenStoreOperation *op = user_data;

  op->timed_out = TRUE;
  g_cancellable_cancel (op->cancellable);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------
 * Results: what libsecret and D-Bus say becomes a TOKEN_ERROR in
 * token-keyring-error.c
 */

void
token_store_operation_return_error (GTask  *task,
                                    GError *source)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  g_task_return_error (task, token_keyring_error_new (source, op->timed_out));
  g_error_free (source);
  g_object_unref (task);
}

/* What every operation that only succeeds or fails gives back. */
gboolean
token_store_operation_propagate_boolean (TokenStore    *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------
 * Opening the keyring: bus, service, default collection, its items
 */

/* Newest first, so that when an interrupted replacement left two items
 * with one ID, the newer one is the one that counts. */
static gint
compare_items_newest_first (gconstpointer a,
                            gconstpointer b)
{
  guint64 modified_a = secret_item_get_modified ((SecretItem *) a);
  guint64 modified_b = secret_item_get_modified ((SecretItem *) b);

  return modified_a > modified_b ? -1 : modified_a < modified_b ? 1 : 0;
}

static void
search_schema (GTask               *task,
               const char          *schema_name,
               GAsyncReadyCallback  callback)
{
  TokenStoreOperation *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "xdg:schema", (gpointer) schema_name);
  secret_service_search (op->service, NULL, attributes, SECRET_SEARCH_ALL,
                         op->cancellable, callback, task);
}

/* The items a search found in the default collection, newest first; NULL
 * with @error set when the search failed. */
static GList *
search_collection_finish (GObject              *source,
                          GAsyncResult         *result,
                          TokenStoreOperation  *op,
                          GError              **error)
{
  g_autofree char *prefix = g_strconcat (op->collection_path, "/", NULL);
  GList *found = NULL;
  GList *items;

  items = secret_service_search_finish (SECRET_SERVICE (source), result, error);
  if (error != NULL && *error != NULL)
    return NULL;

  /* Item paths are the collection's path and one more element. */
  for (GList *l = items; l != NULL; l = l->next)
    if (g_str_has_prefix (g_dbus_proxy_get_object_path (l->data), prefix))
      found = g_list_prepend (found, g_object_ref (l->data));
  g_list_free_full (items, g_object_unref);

  return g_list_sort (found, compare_items_newest_first);
}

static void
records_found (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  TokenStoreOperation *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->record_items = search_collection_finish (source, result, op, &error);
  if (error != NULL)
    {
      token_store_operation_return_error (task, error);
      return;
    }

  op->step (task);
}

static void
pending_moves_found (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  TokenStoreOperation *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->pending_move_items = search_collection_finish (source, result, op, &error);
  if (error != NULL)
    {
      token_store_operation_return_error (task, error);
      return;
    }

  search_schema (task, TOKEN_KEYRING_MOVED_RECORD_SCHEMA, records_found);
}

/* The items of our schema in the default collection, and those of moves
 * when the operation wants them. */
static void
items_found (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  TokenStoreOperation *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->items = search_collection_finish (source, result, op, &error);
  if (error != NULL)
    {
      token_store_operation_return_error (task, error);
      return;
    }

  if (op->want_moves)
    search_schema (task, TOKEN_KEYRING_PENDING_MOVE_SCHEMA, pending_moves_found);
  else
    op->step (task);
}

static void
locked_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  TokenStore *self = g_task_get_source_object (task);
  TokenStoreOperation *op = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) locked = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      token_store_operation_return_error (task, error);
      return;
    }

  g_variant_get (reply, "(v)", &locked);
  if (!g_variant_is_of_type (locked, G_VARIANT_TYPE_BOOLEAN))
    {
      token_store_operation_return_error (task, g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_INVALID_SIGNATURE,
                                                         "Locked is not a boolean"));
      return;
    }

  token_store_set_locked (self, g_variant_get_boolean (locked));
  if (op->allow_locked)
    {
      op->step (task);
      return;
    }

  if (token_store_get_locked (self))
    {
      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED,
                               "%s", _("The keyring is locked. Unlock it to use your tokens."));
      g_object_unref (task);
      return;
    }

  search_schema (task, TOKEN_KEYRING_CREDENTIAL_SCHEMA, items_found);
}

static void
alias_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  TokenStoreOperation *op = g_task_get_task_data (task);
  GDBusProxy *service = G_DBUS_PROXY (op->service);
  GError *error = NULL;

  op->collection_path = secret_service_read_alias_dbus_path_finish (op->service, result, &error);
  if (error != NULL)
    {
      token_store_operation_return_error (task, error);
      return;
    }

  if (op->collection_path == NULL)
    {
      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_NO_COLLECTION,
                               "%s", _("The keyring has no default collection to keep tokens in. Create a default keyring (for example with the Passwords and Keys application) and try again."));
      g_object_unref (task);
      return;
    }

  g_dbus_connection_call (g_dbus_proxy_get_connection (service), g_dbus_proxy_get_name (service),
                          op->collection_path, "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", COLLECTION_INTERFACE, "Locked"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          op->cancellable, locked_ready, task);
}

static void
service_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  TokenStoreOperation *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->service = secret_service_open_finish (result, &error);
  if (error != NULL)
    {
      token_store_operation_return_error (task, error);
      return;
    }

  secret_service_read_alias_dbus_path (op->service, SECRET_COLLECTION_DEFAULT, op->cancellable,
                                       alias_ready, task);
}

static void
bus_ready (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  TokenStore *self = g_task_get_source_object (task);
  TokenStoreOperation *op = g_task_get_task_data (task);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_bus_get_finish (result, &error);
  if (connection == NULL)
    {
      if (op->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        token_store_operation_return_error (task, g_steal_pointer (&error));
      else
        {
          g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_NO_SERVICE,
                                   "%s", _("There is no session bus, so the keyring cannot be reached. Soft Token needs a desktop session with a Secret Service keyring, such as GNOME Keyring."));
          g_object_unref (task);
        }
      return;
    }

  token_store_watch_keyring (self, connection);
  secret_service_open (SECRET_TYPE_SERVICE, NULL, SECRET_SERVICE_OPEN_SESSION,
                       op->cancellable, service_ready, task);
}

/* Starts an operation: opens the keyring, and calls @step with the default
 * collection and the items of our schema in the task data. The task owns
 * one reference that the step passes on until it returns. */
GTask *
token_store_operation_new (TokenStore          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           const char          *name)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  TokenStoreOperation *op = g_new0 (TokenStoreOperation, 1);

  g_task_set_name (task, name);
  g_task_set_task_data (task, op, operation_free);
  op->lock_fd = -1;

  op->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      op->caller_cancellable = g_object_ref (cancellable);
      op->cancelled_handler = g_cancellable_connect (cancellable,
                                                     G_CALLBACK (on_caller_cancelled),
                                                     op->cancellable, NULL);
    }

  op->timeout_source = g_timeout_source_new_seconds (token_store_get_timeout (self));
  g_source_set_callback (op->timeout_source, on_operation_timeout, op, NULL);
  g_source_attach (op->timeout_source, g_task_get_context (task));

  return task;
}

void
token_store_operation_set_timeout (GTask *task,
                                   guint  seconds)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  g_source_destroy (op->timeout_source);
  g_source_unref (op->timeout_source);
  op->timeout_source = g_timeout_source_new_seconds (seconds);
  g_source_set_callback (op->timeout_source, on_operation_timeout, op, NULL);
  g_source_attach (op->timeout_source, g_task_get_context (task));
}

void
token_store_operation_open (GTask                   *task,
                            TokenStoreOperationStep  step)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  op->step = step;
  /* No cancellable here: when the shared session bus is being made, a
   * cancelled one fails the connection for every other caller until it
   * is freed. Connecting to a local bus does not hang like a keyring can. */
  g_bus_get (G_BUS_TYPE_SESSION, NULL, bus_ready, task);
}

static void
lock_acquired (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  TokenStoreOperation *op = g_task_get_task_data (task);
  GError *error = NULL;

  if ((op->lock_fd = token_store_lock_acquire_finish (result, &error)) < 0)
    {
      token_store_operation_return_error (task, error);
      return;
    }

  token_store_operation_open (task, op->step);
}

/* Opens the keyring once no other process is changing our items, and
 * keeps them from doing so until the operation is over. */
void
token_store_operation_open_locked (GTask                   *task,
                                   TokenStoreOperationStep  step)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  op->step = step;
  token_store_lock_acquire_async (op->cancellable, lock_acquired, task);
}

SecretItem *
token_store_operation_find_item (TokenStoreOperation *op,
                                 const char          *internal_id)
{
  for (GList *l = op->items; l != NULL; l = l->next)
    if (token_keyring_item_has_internal_id (l->data, internal_id))
      return l->data;

  return NULL;
}

GList *
token_store_operation_find_items (TokenStoreOperation *op,
                                  const char          *internal_id)
{
  GList *found = NULL;

  for (GList *l = op->items; l != NULL; l = l->next)
    if (token_keyring_item_has_internal_id (l->data, internal_id))
      found = g_list_prepend (found, g_object_ref (l->data));

  return found;
}

/* The one item that @name names (see token-name.h), from its attributes
 * alone. An interrupted replacement may have left two items of one token:
 * they count once, the newest first. */
SecretItem *
token_store_operation_resolve (TokenStoreOperation  *op,
                               const char           *name,
                               GError              **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) internal_ids = g_ptr_array_new_with_free_func (g_free);
  SecretItem *found = NULL;

  for (GList *l = op->items; l != NULL; l = l->next)
    {
      g_autofree char *internal_id = token_keyring_item_dup_internal_id (l->data);

      if (!token_keyring_item_matches_name (l->data, name)
          || g_ptr_array_find_with_equal_func (internal_ids, internal_id, g_str_equal, NULL))
        continue;

      if (found == NULL)
        found = l->data;
      g_ptr_array_add (names, token_keyring_item_dup_qualified_name (l->data));
      g_ptr_array_add (internal_ids, g_steal_pointer (&internal_id));
    }

  if (found == NULL)
    {
      g_autofree char *display_id = token_credential_id_format (name);

      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND,
                   _("There is no token with the Credential ID %s in the keyring."), display_id);
      return NULL;
    }
  if (names->len > 1)
    {
      g_propagate_error (error, token_name_ambiguous_error (name, names));
      return NULL;
    }
  return found;
}

/* The internal IDs of the tokens of a pending move. A move started before
 * tokens had one names them by Credential ID, which was unique then. */
GStrv
token_store_operation_pending_move_ids (TokenStoreOperation *op,
                                        SecretItem          *pending_move)
{
  g_auto(GStrv) credential_ids = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  GStrv internal_ids = token_keyring_item_pending_move_internal_ids (pending_move);

  if (internal_ids != NULL)
    return internal_ids;

  builder = g_strv_builder_new ();
  credential_ids = token_keyring_item_pending_move_ids (pending_move);
  for (guint i = 0; credential_ids[i] != NULL; i++)
    for (GList *l = op->items; l != NULL; l = l->next)
      if (*credential_ids[i] != '\0' && token_keyring_item_has_id (l->data, credential_ids[i]))
        {
          g_autofree char *internal_id = token_keyring_item_dup_internal_id (l->data);

          g_strv_builder_add (builder, internal_id);
        }
  return g_strv_builder_end (builder);
}

gboolean
token_store_operation_pending_move_has (TokenStoreOperation *op,
                                        SecretItem          *pending_move,
                                        const char          *internal_id)
{
  g_auto(GStrv) ids = token_store_operation_pending_move_ids (op, pending_move);

  return internal_id != NULL && g_strv_contains ((const char * const *) ids, internal_id);
}

static void delete_next (GTask *task);

static void
item_deleted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!secret_item_delete_finish (SECRET_ITEM (source), result, &error)
      && !g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT))
    {
      token_store_operation_return_error (task, error);
      return;
    }
  g_clear_error (&error);

  delete_next (task);
}

static void
delete_next (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);
  SecretItem *item;

  if (op->pending == NULL)
    {
      op->after_deletes (task);
      return;
    }

  item = op->pending->data;
  op->pending = g_list_delete_link (op->pending, op->pending);
  secret_item_delete (item, op->cancellable, item_deleted, task);
  g_object_unref (item);
}

/* Deletes the items of op->pending one after the other, in order (an item
 * already gone counts as deleted), then goes on with @then. */
void
token_store_operation_delete_pending (GTask                   *task,
                                      TokenStoreOperationStep  then)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  op->after_deletes = then;
  delete_next (task);
}

/* For an operation on a token that another process removed meanwhile. */
void
token_store_operation_return_gone (GTask           *task,
                                   TokenCredential *credential)
{
  g_autofree char *name = token_credential_dup_qualified_name (credential);

  g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND,
                           _("The token %s is no longer in the keyring."), name);
  g_object_unref (task);
}

void
token_store_operation_return_not_found (GTask      *task,
                                        const char *credential_id)
{
  g_autofree char *display_id = token_credential_id_format (credential_id);

  g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND,
                           _("There is no token with the Credential ID %s in the keyring."),
                           display_id);
  g_object_unref (task);
}

/* ------------------------------------------------------------------------
 * Blocking variants: the asynchronous call, in a main context of its own
 */

void
token_store_sync_call_ready (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  TokenStoreSyncCall *call = user_data;

  call->result = g_object_ref (result);
  g_main_context_wakeup (call->context);
}

void
token_store_sync_call_begin (TokenStoreSyncCall *call)
{
  call->context = g_main_context_new ();
  call->result = NULL;
  g_main_context_push_thread_default (call->context);
}

GAsyncResult *
token_store_sync_call_wait (TokenStoreSyncCall *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);

  return call->result;
}

void
token_store_sync_call_end (TokenStoreSyncCall *call)
{
  /* Releasing the operation releases its D-Bus proxies, whose signal
   * subscriptions free their data in an idle of this context: run it. */
  g_clear_object (&call->result);
  while (g_main_context_iteration (call->context, FALSE))
    ;

  g_main_context_pop_thread_default (call->context);
  g_main_context_unref (call->context);
}
