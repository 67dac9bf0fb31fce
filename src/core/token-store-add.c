/* token-store-add.c
 *
 * Adding tokens: one operation for a whole set, under the lock of
 * token-store-lock.c, so that what is already there cannot change between
 * the decision and the write. The keyring's tokens are read once (their
 * seeds in one call), each new token is decided against them and against
 * the ones before it in the set, and the writes follow in order. A dry run
 * is the same operation stopped before the first write, so its report is
 * what the real run does, token by token.
 *
 * A replaced token's new item is created before the old one goes: a
 * failure half-way leaves a token, never none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
/* For secret_service_create_item_dbus_path(), unchanged since libsecret
 * 0.7 but still marked as unstable. */
#define SECRET_API_SUBJECT_TO_CHANGE
#include <libsecret/secret.h>

#include "token-error.h"
#include "token-keyring-error.h"
#include "token-keyring-item.h"
#include "token-name.h"
#include "token-store-private.h"

void
token_add_outcome_free (TokenAddOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_clear_object (&outcome->credential);
  g_clear_object (&outcome->stored);
  g_free (outcome->same_secret_as);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

char *
token_add_outcome_describe (const TokenAddOutcome *outcome)
{
  g_autofree char *what = NULL;
  g_autofree char *stored_name = NULL;

  g_return_val_if_fail (outcome != NULL, NULL);

  if (outcome->stored != NULL)
    stored_name = token_credential_dup_qualified_name (outcome->stored);

  switch (outcome->result)
    {
    case TOKEN_ADD_NEW:
      what = g_strdup (_("new"));
      break;
    case TOKEN_ADD_REPLACES:
      what = g_strdup_printf (_("replaces the stored token %s"), stored_name);
      break;
    case TOKEN_ADD_ALREADY_STORED:
      what = g_strdup_printf (_("already stored as %s"), stored_name);
      break;
    case TOKEN_ADD_FAILED:
    default:
      what = g_strdup (outcome->error->message);
      break;
    }

  if (outcome->same_secret_as == NULL)
    return g_steal_pointer (&what);
  /* Translators: the first %s is what happens to the token, the second
   * another token's name, “Issuer:ID”. */
  return g_strdup_printf (_("%s; same secret as %s"), what, outcome->same_secret_as);
}

/* ------------------------------------------------------------------------
 * Deciding
 */

static TokenAddOutcome *
outcome_new (TokenCredential *credential)
{
  TokenAddOutcome *outcome = g_new0 (TokenAddOutcome, 1);
  GError *error = NULL;

  outcome->credential = g_object_ref (credential);
  if (!token_credential_validate (credential, &error))
    {
      outcome->result = TOKEN_ADD_FAILED;
      outcome->error = error;
    }
  return outcome;
}

static void
outcome_fail (TokenAddOutcome *outcome,
              GError          *error)
{
  outcome->result = TOKEN_ADD_FAILED;
  g_clear_error (&outcome->error);
  outcome->error = error;
}

static GError *
already_stored_error (TokenCredential *stored)
{
  g_autofree char *name = token_credential_dup_qualified_name (stored);

  return g_error_new (TOKEN_ERROR, TOKEN_ERROR_EXISTS,
                      _("The same token is already in the keyring, as %s."), name);
}

/* The tokens of the keyring, from items whose seeds are loaded; damaged
 * items are left out (loading names them). */
static GPtrArray *
known_from_items (GList *items)
{
  GPtrArray *known = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = items; l != NULL; l = l->next)
    {
      TokenCredential *credential = token_keyring_item_to_credential (l->data, NULL);

      if (credential != NULL)
        g_ptr_array_add (known, credential);
    }
  return known;
}

static void
decide (TokenAddOutcome    *outcome,
        GPtrArray          *known,
        TokenStoreAddFlags  flags)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < known->len; i++)
    {
      TokenCredential *other = g_ptr_array_index (known, i);

      if (token_credential_same_token (outcome->credential, other))
        {
          g_ptr_array_add (matches, other);
          g_ptr_array_add (names, token_credential_dup_qualified_name (other));
        }
      else if (outcome->same_secret_as == NULL && token_credential_same_secret (outcome->credential, other))
        outcome->same_secret_as = token_credential_dup_qualified_name (other);
    }

  if (matches->len == 0)
    {
      outcome->result = TOKEN_ADD_NEW;
      return;
    }

  outcome->stored = g_object_ref (g_ptr_array_index (matches, 0));
  if (!(flags & TOKEN_STORE_ADD_REPLACE))
    {
      outcome->result = TOKEN_ADD_ALREADY_STORED;
      outcome->error = already_stored_error (outcome->stored);
    }
  else if (matches->len > 1)
    {
      /* Replacing one would leave the other: the person must choose. */
      g_autofree char *name = token_credential_dup_qualified_name (outcome->credential);

      outcome_fail (outcome, token_name_ambiguous_error (name, names));
    }
  else
    outcome->result = TOKEN_ADD_REPLACES;
}

static gboolean
given_before (TokenAddOutcome *outcome,
              GPtrArray       *earlier)
{
  for (guint i = 0; i < earlier->len; i++)
    if (token_credential_same_token (outcome->credential, g_ptr_array_index (earlier, i)))
      {
        g_autofree char *name = token_credential_dup_qualified_name (g_ptr_array_index (earlier, i));

        outcome_fail (outcome, g_error_new (TOKEN_ERROR, TOKEN_ERROR_EXISTS,
                                            _("This is the same token as %s, given before it."), name));
        return TRUE;
      }
    else if (outcome->same_secret_as == NULL
             && token_credential_same_secret (outcome->credential, g_ptr_array_index (earlier, i)))
      outcome->same_secret_as = token_credential_dup_qualified_name (g_ptr_array_index (earlier, i));
  return FALSE;
}

/* Every outcome decided against the keyring and the set before it. */
static void
decide_all (TokenStoreOperation *op,
            TokenStoreAddFlags   flags)
{
  g_autoptr(GPtrArray) earlier = g_ptr_array_new ();

  for (guint i = 0; i < op->outcomes->len; i++)
    {
      TokenAddOutcome *outcome = g_ptr_array_index (op->outcomes, i);

      if (outcome->result == TOKEN_ADD_FAILED || given_before (outcome, earlier))
        continue;

      decide (outcome, op->known, flags);
      if (outcome->result != TOKEN_ADD_FAILED)
        g_ptr_array_add (earlier, outcome->credential);
    }
}

/* ------------------------------------------------------------------------
 * Writing
 */

static void write_next (GTask *task);

static void
return_outcomes (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&op->outcomes), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
written (GTask *task)
{
  TokenStore *self = g_task_get_source_object (task);
  TokenStoreOperation *op = g_task_get_task_data (task);
  TokenAddOutcome *outcome = g_ptr_array_index (op->outcomes, op->next_outcome - 1);

  token_store_model_put (self, outcome->credential);
  write_next (task);
}

static void
item_created (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  TokenStoreOperation *op = g_task_get_task_data (task);
  TokenAddOutcome *outcome = g_ptr_array_index (op->outcomes, op->next_outcome - 1);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  path = secret_service_create_item_dbus_path_finish (SECRET_SERVICE (source), result, &error);
  if (path == NULL)
    {
      outcome_fail (outcome, token_keyring_error_new (error, op->timed_out));
      write_next (task);
      return;
    }

  if (outcome->result == TOKEN_ADD_REPLACES)
    {
      op->pending = token_store_operation_find_items (op, token_credential_get_internal_id (outcome->credential));
      token_store_operation_delete_pending (task, written);
      return;
    }
  written (task);
}

static void
write_one (GTask           *task,
           TokenAddOutcome *outcome)
{
  TokenStoreOperation *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) item_properties = NULL;
  g_autoptr(SecretValue) value = NULL;

  if (outcome->result == TOKEN_ADD_REPLACES)
    token_credential_set_internal_id (outcome->credential,
                                      token_credential_get_internal_id (outcome->stored));
  token_credential_ensure_internal_id (outcome->credential);

  value = token_keyring_item_secret_value_new (token_credential_get_secret (outcome->credential));
  item_properties = token_keyring_item_credential_properties (outcome->credential);

  /* Never “replace”: gnome-keyring would replace any item whose
   * attributes match ours. */
  secret_service_create_item_dbus_path (op->service, op->collection_path, item_properties, value,
                                        SECRET_ITEM_CREATE_NONE, op->cancellable,
                                        item_created, task);
}

static void
write_next (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  while (op->next_outcome < op->outcomes->len)
    {
      TokenAddOutcome *outcome = g_ptr_array_index (op->outcomes, op->next_outcome++);

      if (outcome->result == TOKEN_ADD_NEW || outcome->result == TOKEN_ADD_REPLACES)
        {
          write_one (task, outcome);
          return;
        }
    }

  return_outcomes (task);
}

/* ------------------------------------------------------------------------
 * The operation
 */

static void
secrets_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  TokenStoreOperation *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (source != NULL && !secret_item_load_secrets_finish (result, &error))
    {
      token_store_operation_return_error (task, error);
      return;
    }

  op->known = known_from_items (op->items);
  decide_all (op, op->flags);

  if (op->flags & TOKEN_STORE_ADD_DRY_RUN)
    return_outcomes (task);
  else
    write_next (task);
}

static void
add_all_step (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

  if (op->items == NULL)
    secrets_loaded (NULL, NULL, task);
  else
    secret_item_load_secrets (op->items, op->cancellable, secrets_loaded, task);
}

void
token_store_add_all_async (TokenStore          *self,
                           GListModel          *credentials,
                           TokenStoreAddFlags   flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  TokenStoreOperation *op;
  guint n_credentials;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (G_IS_LIST_MODEL (credentials));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = token_store_operation_new (self, cancellable, callback, user_data, "token_store_add_all_async");
  op = g_task_get_task_data (task);
  op->flags = flags;

  n_credentials = g_list_model_get_n_items (credentials);
  op->outcomes = g_ptr_array_new_full (n_credentials, (GDestroyNotify) token_add_outcome_free);
  for (guint i = 0; i < n_credentials; i++)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (credentials, i);

      g_ptr_array_add (op->outcomes, outcome_new (credential));
    }

  token_store_operation_open_locked (task, add_all_step);
}

GPtrArray *
token_store_add_all_finish (TokenStore    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
token_store_add_all_sync (TokenStore          *self,
                          GListModel          *credentials,
                          TokenStoreAddFlags   flags,
                          GCancellable        *cancellable,
                          GError             **error)
{
  TokenStoreSyncCall call;
  GPtrArray *outcomes;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);

  token_store_sync_call_begin (&call);
  token_store_add_all_async (self, credentials, flags, cancellable, token_store_sync_call_ready, &call);
  outcomes = token_store_add_all_finish (self, token_store_sync_call_wait (&call), error);
  token_store_sync_call_end (&call);

  return outcomes;
}

/* ------------------------------------------------------------------------
 * One token
 */

static void
single_added (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) outcomes = NULL;
  TokenAddOutcome *outcome;
  GError *error = NULL;

  if (!(outcomes = token_store_add_all_finish (TOKEN_STORE (source), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  outcome = g_ptr_array_index (outcomes, 0);
  if (outcome->error != NULL)
    g_task_return_error (task, g_error_copy (outcome->error));
  else
    g_task_return_boolean (task, TRUE);
}

void
token_store_add_async (TokenStore          *self,
                       TokenCredential     *credential,
                       TokenStoreAddFlags   flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GListStore) set = NULL;
  GTask *task;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (TOKEN_IS_CREDENTIAL (credential));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_name (task, "token_store_add_async");

  set = g_list_store_new (TOKEN_TYPE_CREDENTIAL);
  g_list_store_append (set, credential);
  token_store_add_all_async (self, G_LIST_MODEL (set), flags, cancellable, single_added, task);
}

gboolean
token_store_add_finish (TokenStore    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
token_store_add_sync (TokenStore          *self,
                      TokenCredential     *credential,
                      TokenStoreAddFlags   flags,
                      GCancellable        *cancellable,
                      GError             **error)
{
  TokenStoreSyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  token_store_sync_call_begin (&call);
  token_store_add_async (self, credential, flags, cancellable, token_store_sync_call_ready, &call);
  done = token_store_add_finish (self, token_store_sync_call_wait (&call), error);
  token_store_sync_call_end (&call);

  return done;
}
