/* token-store.c
 *
 * One Secret Service item per token, in the default collection. The secret
 * value is the raw seed; the attributes are what is needed to find, sort
 * and show a token without the seed:
 *
 *   xdg:schema     io.github.softtoken.SoftToken.Credential
 *   credential-id  the ID as stored (“SOFT12345678”, or an ID from elsewhere)
 *   kind           totp | hotp
 *   algorithm      SHA1 | SHA256 | SHA512
 *   digits         6 to 8
 *   period         seconds (TOTP only)
 *   counter        the HOTP moving factor, in decimal (HOTP only)
 *   created        seconds since 1970, for the order of the list
 *   issuer, label  when the token has them
 *
 * The counter and the creation time are attributes, not part of the secret
 * value: neither is secret (a HOTP counter is useless without the seed, and
 * services resynchronise it in the clear), the secret value stays the bare
 * seed that DESIGN.md describes and that any Secret Service browser shows
 * as such, and advancing the counter is one SetAttributes call, which the
 * keyring applies atomically, instead of a read-modify-write of the secret.
 *
 * Every operation opens its own connection to the service (so a restarted
 * keyring daemon is simply found again), finds the default collection,
 * refuses to go on when it is locked, and is bounded by a timeout.
 *
 * A move to another device leaves two more kinds of items, in the same
 * collection and with no seed in them:
 *
 *   io.github.softtoken.SoftToken.PendingMove: one per exported transfer
 *     file. The secret value is the file's confirmation secret (the new
 *     device shows a code derived from it); the attributes are
 *     transfer-id, credential-ids (the normalized IDs, one per line:
 *     IDs from elsewhere may hold spaces) and created.
 *   io.github.softtoken.SoftToken.MovedRecord: one per token moved away,
 *     left when the code was confirmed. The secret value is empty; the
 *     attributes are credential-id, transfer-id, moved (the date), issuer
 *     and label.
 *
 * Confirming a move writes in this order: the records, then the removal of
 * the tokens' items, then the removal of the pending move. A crash between
 * two steps never loses a token that has no record: at worst a token and
 * its record are both there (the token is shown, and confirming again
 * finishes the move), or the tokens are gone and the pending move is left
 * (confirming again removes it).
 *
 * The store never keeps a SecretCollection proxy: in libsecret 0.20 its
 * handler of ItemCreated and ItemDeleted leaks, so collections are named
 * by their D-Bus path (the libsecret “paths” API) and items are found by
 * searching for our schema.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
/* For secret_service_create_item_dbus_path() and its kin, unchanged since
 * libsecret 0.7 but still marked as unstable. */
#define SECRET_API_SUBJECT_TO_CHANGE
#include <libsecret/secret.h>

#include "token-credential-id.h"
#include "token-error.h"
#include "token-keyring-error.h"
#include "token-keyring-item.h"
#include "token-secure.h"
#include "token-store.h"
#include "token-transfer.h"

#define SECRETS_BUS_NAME       "org.freedesktop.secrets"
#define COLLECTION_INTERFACE   "org.freedesktop.Secret.Collection"
#define DEFAULT_TIMEOUT        15
/* Unlocking waits for a person to type a password, but not for ever. */
#define UNLOCK_TIMEOUT         300
/* Signals come in bursts (an item created is also a collection changed):
 * one reload after the burst is enough. */
#define RELOAD_DELAY_MS        100

struct _TokenStore
{
  GObject          parent_instance;

  GPtrArray       *credentials;
  GListStore      *moves;
  GStrv            damaged;
  gboolean         locked;
  guint            timeout;

  /* Where change notifications and reloads run: the thread-default
   * context of whoever made the store. */
  GMainContext    *context;
  GDBusConnection *connection;
  guint            subscriptions[3];
  GSource         *reload_source;
  guint            load_serial;
  guint            applied_serial;
};

static void token_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TokenStore, token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      token_store_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_DAMAGED,
  PROP_LOCKED,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef void (*OperationStep) (GTask *task);

/* What every operation carries from one asynchronous step to the next. */
typedef struct
{
  GCancellable       *cancellable;
  GCancellable       *caller_cancellable;
  gulong              cancelled_handler;
  GSource            *timeout_source;
  gboolean            timed_out;
  gboolean            allow_locked;
  gboolean            want_moves;
  OperationStep       step;
  OperationStep       after_deletes;

  SecretService      *service;
  char               *collection_path;
  GList              *items;
  GList              *pending_move_items;
  GList              *record_items;

  TokenCredential    *credential;
  char               *credential_id;
  TokenStoreAddFlags  flags;
  GList              *pending;
  guint64             counter;
  guint               serial;

  /* Moves */
  TokenTransfer      *transfer;
  char               *code;
  GStrv               move_ids;
  guint               move_index;
  char               *transfer_id;

  /* Unlocking: the prompt of the Secret Service, while it is shown. */
  GDBusConnection    *connection;
  char               *prompt_path;
  guint               prompt_subscription;
  GSource            *cancelled_source;
  gboolean            prompt_over;
} Operation;

static void
operation_free (gpointer data)
{
  Operation *op = data;

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
  g_clear_object (&op->cancellable);
  g_clear_object (&op->service);
  g_free (op->collection_path);
  g_list_free_full (op->items, g_object_unref);
  g_list_free_full (op->pending_move_items, g_object_unref);
  g_list_free_full (op->record_items, g_object_unref);
  g_clear_object (&op->transfer);
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
  Operation *op = user_data;

  op->timed_out = TRUE;
  g_cancellable_cancel (op->cancellable);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------
 * Errors: what libsecret and D-Bus say becomes a TOKEN_ERROR in
 * token-keyring-error.c
 */

static void
operation_return_error (GTask  *task,
                        GError *source)
{
  Operation *op = g_task_get_task_data (task);

  g_task_return_error (task, token_keyring_error_new (source, op->timed_out));
  g_error_free (source);
  g_object_unref (task);
}

/* ------------------------------------------------------------------------
 * Credentials: what an item holds becomes a TokenCredential in
 * token-keyring-item.c
 */

static gboolean
secrets_equal (TokenCredential *a,
               TokenCredential *b)
{
  gsize size_a, size_b;
  const guint8 *data_a = g_bytes_get_data (token_credential_get_secret (a), &size_a);
  const guint8 *data_b = g_bytes_get_data (token_credential_get_secret (b), &size_b);

  return size_a == size_b && CRYPTO_memcmp (data_a, data_b, size_a) == 0;
}

static void
credential_copy_fields (TokenCredential *target,
                        TokenCredential *source)
{
  token_credential_set_issuer (target, token_credential_get_issuer (source));
  token_credential_set_label (target, token_credential_get_label (source));
  token_credential_set_algorithm (target, token_credential_get_algorithm (source));
  token_credential_set_digits (target, token_credential_get_digits (source));
  token_credential_set_period (target, token_credential_get_period (source));
  token_credential_set_counter (target, token_credential_get_counter (source));
  token_credential_set_created (target, token_credential_get_created (source));
}

/* ------------------------------------------------------------------------
 * The model
 */

static int
compare_credentials (gconstpointer a,
                     gconstpointer b)
{
  TokenCredential *first = *(TokenCredential * const *) a;
  TokenCredential *second = *(TokenCredential * const *) b;
  gint64 created_first = token_credential_get_created (first);
  gint64 created_second = token_credential_get_created (second);

  if (created_first != created_second)
    return created_first < created_second ? -1 : 1;

  return g_strcmp0 (token_credential_get_credential_id (first),
                    token_credential_get_credential_id (second));
}

static gint
find_index (TokenStore *self,
            const char *credential_id)
{
  for (guint i = 0; i < self->credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (self->credentials, i);

      if (token_credential_id_equal (token_credential_get_credential_id (credential), credential_id))
        return (gint) i;
    }

  return -1;
}

/* Makes @next (sorted, owned) the contents of the model, and says what
 * changed as one items-changed over the range that differs. */
static void
replace_contents (TokenStore *self,
                  GPtrArray  *next)
{
  g_autoptr(GPtrArray) previous = self->credentials;
  guint prefix = 0, suffix = 0;
  guint removed, added;

  g_ptr_array_sort (next, compare_credentials);
  self->credentials = next;

  while (prefix < previous->len && prefix < next->len
         && previous->pdata[prefix] == next->pdata[prefix])
    prefix++;
  while (suffix < previous->len - prefix && suffix < next->len - prefix
         && previous->pdata[previous->len - 1 - suffix] == next->pdata[next->len - 1 - suffix])
    suffix++;

  removed = previous->len - prefix - suffix;
  added = next->len - prefix - suffix;
  if (removed == 0 && added == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static GPtrArray *
copy_contents (TokenStore *self)
{
  GPtrArray *copy = g_ptr_array_new_full (self->credentials->len + 1, g_object_unref);

  for (guint i = 0; i < self->credentials->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->credentials, i)));

  return copy;
}

static void
model_put (TokenStore      *self,
           TokenCredential *credential)
{
  GPtrArray *next = copy_contents (self);
  gint index = find_index (self, token_credential_get_credential_id (credential));

  if (index >= 0)
    g_ptr_array_remove_index (next, (guint) index);
  g_ptr_array_add (next, g_object_ref (credential));
  replace_contents (self, next);
}

static void
model_remove (TokenStore *self,
              const char *credential_id)
{
  gint index = find_index (self, credential_id);
  GPtrArray *next;

  if (index < 0)
    return;

  next = copy_contents (self);
  g_ptr_array_remove_index (next, (guint) index);
  replace_contents (self, next);
}

/* What a load read becomes the model: a credential already shown keeps its
 * object (updated in place, so bindings follow) as long as it is the same
 * token; anything else is replaced. */
static void
model_merge (TokenStore *self,
             GPtrArray  *loaded)
{
  GPtrArray *next = g_ptr_array_new_full (loaded->len, g_object_unref);

  for (guint i = 0; i < loaded->len; i++)
    {
      TokenCredential *fresh = g_ptr_array_index (loaded, i);
      gint index = find_index (self, token_credential_get_credential_id (fresh));
      TokenCredential *current = index >= 0 ? g_ptr_array_index (self->credentials, index) : NULL;

      if (current != NULL
          && token_credential_get_kind (current) == token_credential_get_kind (fresh)
          && secrets_equal (current, fresh))
        {
          credential_copy_fields (current, fresh);
          g_ptr_array_add (next, g_object_ref (current));
        }
      else
        g_ptr_array_add (next, g_object_ref (fresh));
    }

  replace_contents (self, next);
}

static void
set_damaged (TokenStore *self,
             GStrv       damaged)
{
  if (self->damaged != NULL && g_strv_equal ((const char * const *) self->damaged,
                                             (const char * const *) damaged))
    {
      g_strfreev (damaged);
      return;
    }

  g_strfreev (self->damaged);
  self->damaged = damaged;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAMAGED]);
}

static void
set_locked (TokenStore *self,
            gboolean    locked)
{
  if (self->locked == locked)
    return;

  self->locked = locked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

/* ------------------------------------------------------------------------
 * Moves, as the model shows them
 */

static gboolean
record_has_id (SecretItem *item,
               const char *credential_id)
{
  return token_keyring_item_has_id (item, credential_id);
}

static gboolean
moves_contain (GPtrArray  *moves,
               const char *credential_id)
{
  for (guint i = 0; i < moves->len; i++)
    if (token_credential_id_equal (token_move_get_credential_id (g_ptr_array_index (moves, i)),
                                   credential_id))
      return TRUE;
  return FALSE;
}

/* A pending move is shown for a token that is here; a record only for a
 * token that is not (a token imported back, or a confirmation that a crash
 * interrupted, still has its seed here, and the seed is what counts). */
static GPtrArray *
moves_from_items (TokenStore *self,
                  Operation  *op)
{
  GPtrArray *moves = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = op->pending_move_items; l != NULL; l = l->next)
    {
      g_auto(GStrv) ids = token_keyring_item_pending_move_ids (l->data);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          TokenCredential *credential = token_store_find (self, ids[i]);

          if (credential == NULL || moves_contain (moves, ids[i]))
            continue;

          g_ptr_array_add (moves, token_keyring_item_pending_move_to_move (l->data, credential));
        }
    }

  for (GList *l = op->record_items; l != NULL; l = l->next)
    {
      g_autofree char *id = token_keyring_item_dup_credential_id (l->data);

      if (id == NULL || *id == '\0' || token_store_find (self, id) != NULL || moves_contain (moves, id))
        continue;

      g_ptr_array_add (moves, token_keyring_item_record_to_move (l->data));
    }

  return moves;
}

static gboolean
moves_equal (TokenMove *a,
             TokenMove *b)
{
  return token_move_get_state (a) == token_move_get_state (b)
      && token_move_get_date (a) == token_move_get_date (b)
      && g_strcmp0 (token_move_get_credential_id (a), token_move_get_credential_id (b)) == 0
      && g_strcmp0 (token_move_get_transfer_id (a), token_move_get_transfer_id (b)) == 0
      && g_strcmp0 (token_move_get_issuer (a), token_move_get_issuer (b)) == 0
      && g_strcmp0 (token_move_get_label (a), token_move_get_label (b)) == 0;
}

/* Replaces the moves shown, unless they are the same (so a reload that
 * changes nothing does not rebuild the cards). Call after the model of
 * credentials is up to date. */
static void
moves_merge (TokenStore *self,
             Operation  *op)
{
  g_autoptr(GPtrArray) next = moves_from_items (self, op);
  guint n_current = g_list_model_get_n_items (G_LIST_MODEL (self->moves));
  gboolean same = n_current == next->len;

  for (guint i = 0; same && i < n_current; i++)
    {
      g_autoptr(TokenMove) current = g_list_model_get_item (G_LIST_MODEL (self->moves), i);

      same = moves_equal (current, g_ptr_array_index (next, i));
    }

  if (!same)
    g_list_store_splice (self->moves, 0, n_current, next->pdata, next->len);
}

/* ------------------------------------------------------------------------
 * Opening the keyring: bus, service, default collection, its items
 */

static void watch_keyring (TokenStore      *self,
                           GDBusConnection *connection);

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
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "xdg:schema", (gpointer) schema_name);
  secret_service_search (op->service, NULL, attributes, SECRET_SEARCH_ALL,
                         op->cancellable, callback, task);
}

/* The items a search found in the default collection, newest first; NULL
 * with @error set when the search failed. */
static GList *
search_collection_finish (GObject       *source,
                          GAsyncResult  *result,
                          Operation     *op,
                          GError       **error)
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
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->record_items = search_collection_finish (source, result, op, &error);
  if (error != NULL)
    {
      operation_return_error (task, error);
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
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->pending_move_items = search_collection_finish (source, result, op, &error);
  if (error != NULL)
    {
      operation_return_error (task, error);
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
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->items = search_collection_finish (source, result, op, &error);
  if (error != NULL)
    {
      operation_return_error (task, error);
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
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) locked = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      operation_return_error (task, error);
      return;
    }

  g_variant_get (reply, "(v)", &locked);
  if (!g_variant_is_of_type (locked, G_VARIANT_TYPE_BOOLEAN))
    {
      operation_return_error (task, g_error_new_literal (G_DBUS_ERROR, G_DBUS_ERROR_INVALID_SIGNATURE,
                                                         "Locked is not a boolean"));
      return;
    }

  set_locked (self, g_variant_get_boolean (locked));
  if (op->allow_locked)
    {
      op->step (task);
      return;
    }

  if (self->locked)
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
  Operation *op = g_task_get_task_data (task);
  GDBusProxy *service = G_DBUS_PROXY (op->service);
  GError *error = NULL;

  op->collection_path = secret_service_read_alias_dbus_path_finish (op->service, result, &error);
  if (error != NULL)
    {
      operation_return_error (task, error);
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
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->service = secret_service_open_finish (result, &error);
  if (error != NULL)
    {
      operation_return_error (task, error);
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
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_bus_get_finish (result, &error);
  if (connection == NULL)
    {
      if (op->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        operation_return_error (task, g_steal_pointer (&error));
      else
        {
          g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_NO_SERVICE,
                                   "%s", _("There is no session bus, so the keyring cannot be reached. Soft Token needs a desktop session with a Secret Service keyring, such as GNOME Keyring."));
          g_object_unref (task);
        }
      return;
    }

  watch_keyring (self, connection);
  secret_service_open (SECRET_TYPE_SERVICE, NULL, SECRET_SERVICE_OPEN_SESSION,
                       op->cancellable, service_ready, task);
}

/* Starts an operation: opens the keyring, and calls @step with the default
 * collection and the items of our schema in the task data. The task owns
 * one reference that the step passes on until it returns. */
static GTask *
operation_new (TokenStore          *self,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               const char          *name)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Operation *op = g_new0 (Operation, 1);

  g_task_set_name (task, name);
  g_task_set_task_data (task, op, operation_free);

  op->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      op->caller_cancellable = g_object_ref (cancellable);
      op->cancelled_handler = g_cancellable_connect (cancellable,
                                                     G_CALLBACK (on_caller_cancelled),
                                                     op->cancellable, NULL);
    }

  op->timeout_source = g_timeout_source_new_seconds (self->timeout);
  g_source_set_callback (op->timeout_source, on_operation_timeout, op, NULL);
  g_source_attach (op->timeout_source, g_task_get_context (task));

  return task;
}

static void
operation_set_timeout (GTask *task,
                       guint  seconds)
{
  Operation *op = g_task_get_task_data (task);

  g_source_destroy (op->timeout_source);
  g_source_unref (op->timeout_source);
  op->timeout_source = g_timeout_source_new_seconds (seconds);
  g_source_set_callback (op->timeout_source, on_operation_timeout, op, NULL);
  g_source_attach (op->timeout_source, g_task_get_context (task));
}

static void
operation_open (GTask         *task,
                OperationStep  step)
{
  Operation *op = g_task_get_task_data (task);

  op->step = step;
  /* No cancellable here: when the shared session bus is being made, a
   * cancelled one fails the connection for every other caller until it
   * is freed. Connecting to a local bus does not hang like a keyring can. */
  g_bus_get (G_BUS_TYPE_SESSION, NULL, bus_ready, task);
}

static SecretItem *
operation_find_item (Operation  *op,
                     const char *credential_id)
{
  for (GList *l = op->items; l != NULL; l = l->next)
    if (token_keyring_item_has_id (l->data, credential_id))
      return l->data;

  return NULL;
}

static GList *
operation_find_items (Operation  *op,
                      const char *credential_id)
{
  GList *found = NULL;

  for (GList *l = op->items; l != NULL; l = l->next)
    if (token_keyring_item_has_id (l->data, credential_id))
      found = g_list_prepend (found, g_object_ref (l->data));

  return found;
}

static void
return_not_found (GTask      *task,
                  const char *credential_id)
{
  g_autofree char *display_id = token_credential_id_format (credential_id);

  g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND,
                           _("There is no token with the Credential ID %s in the keyring."),
                           display_id);
  g_object_unref (task);
}

/* ------------------------------------------------------------------------
 * Watching the keyring for changes made by others
 */

static gboolean
on_reload_timeout (gpointer user_data)
{
  TokenStore *self = user_data;

  g_clear_pointer (&self->reload_source, g_source_unref);
  token_store_load_async (self, NULL, NULL, NULL);

  return G_SOURCE_REMOVE;
}

static void
schedule_reload (TokenStore *self)
{
  if (self->reload_source != NULL)
    return;

  self->reload_source = g_timeout_source_new (RELOAD_DELAY_MS);
  g_source_set_callback (self->reload_source, on_reload_timeout, self, NULL);
  g_source_attach (self->reload_source, self->context);
}

static void
on_keyring_signal (GDBusConnection *connection,
                   const char      *sender_name,
                   const char      *object_path,
                   const char      *interface_name,
                   const char      *signal_name,
                   GVariant        *parameters,
                   gpointer         user_data)
{
  schedule_reload (TOKEN_STORE (user_data));
}

/* Items created, deleted or changed in any collection, collections locked
 * or unlocked, and the service itself coming or going. */
static void
watch_keyring (TokenStore      *self,
               GDBusConnection *connection)
{
  if (self->connection != NULL)
    return;

  self->connection = g_object_ref (connection);

  /* Subscriptions deliver in the context that is thread-default when they
   * are made; a blocking call runs in a private one. */
  g_main_context_push_thread_default (self->context);
  self->subscriptions[0] =
    g_dbus_connection_signal_subscribe (connection, SECRETS_BUS_NAME,
                                        "org.freedesktop.Secret.Collection",
                                        NULL, NULL, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_keyring_signal, self, NULL);
  self->subscriptions[1] =
    g_dbus_connection_signal_subscribe (connection, SECRETS_BUS_NAME,
                                        "org.freedesktop.DBus.Properties",
                                        "PropertiesChanged", NULL,
                                        "org.freedesktop.Secret.Collection",
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_keyring_signal, self, NULL);
  self->subscriptions[2] =
    g_dbus_connection_signal_subscribe (connection, "org.freedesktop.DBus",
                                        "org.freedesktop.DBus", "NameOwnerChanged",
                                        "/org/freedesktop/DBus", SECRETS_BUS_NAME,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_keyring_signal, self, NULL);
  g_main_context_pop_thread_default (self->context);
}

/* ------------------------------------------------------------------------
 * Blocking variants: the asynchronous call, in a main context of its own
 */

typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} SyncCall;

static void
sync_call_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SyncCall *call = user_data;

  call->result = g_object_ref (result);
  g_main_context_wakeup (call->context);
}

static void
sync_call_begin (SyncCall *call)
{
  call->context = g_main_context_new ();
  call->result = NULL;
  g_main_context_push_thread_default (call->context);
}

static GAsyncResult *
sync_call_wait (SyncCall *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);

  return call->result;
}

static void
sync_call_end (SyncCall *call)
{
  /* Releasing the operation releases its D-Bus proxies, whose signal
   * subscriptions free their data in an idle of this context: run it. */
  g_clear_object (&call->result);
  while (g_main_context_iteration (call->context, FALSE))
    ;

  g_main_context_pop_thread_default (call->context);
  g_main_context_unref (call->context);
}

/* ------------------------------------------------------------------------
 * GObject and GListModel
 */

static GType
token_store_get_item_type (GListModel *model)
{
  return TOKEN_TYPE_CREDENTIAL;
}

static guint
token_store_get_n_items (GListModel *model)
{
  return TOKEN_STORE (model)->credentials->len;
}

static gpointer
token_store_get_item (GListModel *model,
                      guint       position)
{
  TokenStore *self = TOKEN_STORE (model);

  if (position >= self->credentials->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->credentials, position));
}

static void
token_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = token_store_get_item_type;
  iface->get_n_items = token_store_get_n_items;
  iface->get_item = token_store_get_item;
}

static void
token_store_dispose (GObject *object)
{
  TokenStore *self = (TokenStore *) object;

  for (guint i = 0; i < G_N_ELEMENTS (self->subscriptions); i++)
    if (self->subscriptions[i] != 0)
      {
        g_dbus_connection_signal_unsubscribe (self->connection, self->subscriptions[i]);
        self->subscriptions[i] = 0;
      }
  g_clear_object (&self->connection);

  if (self->reload_source != NULL)
    {
      g_source_destroy (self->reload_source);
      g_clear_pointer (&self->reload_source, g_source_unref);
    }

  G_OBJECT_CLASS (token_store_parent_class)->dispose (object);
}

static void
token_store_finalize (GObject *object)
{
  TokenStore *self = (TokenStore *) object;

  g_clear_pointer (&self->credentials, g_ptr_array_unref);
  g_clear_object (&self->moves);
  g_clear_pointer (&self->damaged, g_strfreev);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (token_store_parent_class)->finalize (object);
}

static void
token_store_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TokenStore *self = TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->credentials->len);
      break;
    case PROP_DAMAGED:
      g_value_set_boxed (value, self->damaged);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_store_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TokenStore *self = TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      token_store_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_store_class_init (TokenStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = token_store_dispose;
  object_class->finalize = token_store_finalize;
  object_class->get_property = token_store_get_property;
  object_class->set_property = token_store_set_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAMAGED] =
    g_param_spec_boxed ("damaged", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 600, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
token_store_init (TokenStore *self)
{
  self->credentials = g_ptr_array_new_with_free_func (g_object_unref);
  self->moves = g_list_store_new (TOKEN_TYPE_MOVE);
  self->damaged = g_new0 (char *, 1);
  self->timeout = DEFAULT_TIMEOUT;
  self->context = g_main_context_ref_thread_default ();
}

TokenStore *
token_store_new (void)
{
  return g_object_new (TOKEN_TYPE_STORE, NULL);
}

/**
 * token_store_set_timeout:
 * @seconds: how long one operation may wait for the keyring, 1 to 600
 *
 * Past it the operation fails with %TOKEN_ERROR_TIMEOUT. The default is 15.
 */
void
token_store_set_timeout (TokenStore *self,
                         guint       seconds)
{
  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (seconds >= 1 && seconds <= 600);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
token_store_get_timeout (TokenStore *self)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), DEFAULT_TIMEOUT);

  return self->timeout;
}

/* TRUE when the last look at the keyring found the default collection
 * locked. Notified, so a window can follow it. */
gboolean
token_store_get_locked (TokenStore *self)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  return self->locked;
}

/* ------------------------------------------------------------------------
 * Load
 */

static void
load_complete (GTask *task)
{
  TokenStore *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) damaged = g_strv_builder_new ();

  for (GList *l = op->items; l != NULL; l = l->next)
    {
      g_autoptr(GError) item_error = NULL;
      g_autoptr(TokenCredential) credential = token_keyring_item_to_credential (l->data, &item_error);
      gboolean duplicate = FALSE;

      if (credential == NULL)
        {
          g_autofree char *description = token_keyring_item_damaged_description (l->data, item_error);

          g_strv_builder_add (damaged, description);
          continue;
        }

      for (guint i = 0; i < loaded->len && !duplicate; i++)
        duplicate = token_credential_id_equal (token_credential_get_credential_id (credential),
                                               token_credential_get_credential_id (g_ptr_array_index (loaded, i)));
      if (!duplicate)
        g_ptr_array_add (loaded, g_steal_pointer (&credential));
    }

  /* A slower, older load must not undo what a newer one showed. */
  if (op->serial > self->applied_serial)
    {
      self->applied_serial = op->serial;
      model_merge (self, loaded);
      moves_merge (self, op);
      set_damaged (self, g_strv_builder_end (damaged));
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
load_secrets_ready (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!secret_item_load_secrets_finish (result, &error))
    {
      operation_return_error (task, error);
      return;
    }

  load_complete (task);
}

static void
load_step (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  if (op->items == NULL)
    load_complete (task);
  else
    secret_item_load_secrets (op->items, op->cancellable, load_secrets_ready, task);
}

void
token_store_load_async (TokenStore          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  Operation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, cancellable, callback, user_data, "token_store_load_async");
  op = g_task_get_task_data (task);
  op->serial = ++self->load_serial;
  op->want_moves = TRUE;
  operation_open (task, load_step);
}

/* What every operation that only succeeds or fails gives back. */
static gboolean
operation_propagate_boolean (TokenStore    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
token_store_load_finish (TokenStore    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return operation_propagate_boolean (self, result, error);
}

gboolean
token_store_load_sync (TokenStore    *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  SyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  sync_call_begin (&call);
  token_store_load_async (self, cancellable, sync_call_ready, &call);
  done = token_store_load_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);

  return done;
}

/* ------------------------------------------------------------------------
 * Add
 */

static void add_remove_next (GTask *task);

static void
add_item_deleted (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!secret_item_delete_finish (SECRET_ITEM (source), result, &error)
      && !g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT))
    {
      operation_return_error (task, error);
      return;
    }
  g_clear_error (&error);

  add_remove_next (task);
}

/* The new item exists; the ones it replaces go now. */
static void
add_remove_next (GTask *task)
{
  TokenStore *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);
  SecretItem *item;

  if (op->pending == NULL)
    {
      model_put (self, op->credential);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  item = op->pending->data;
  op->pending = g_list_delete_link (op->pending, op->pending);
  secret_item_delete (item, op->cancellable, add_item_deleted, task);
  g_object_unref (item);
}

static void
add_item_created (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autofree char *path = NULL;
  GError *error = NULL;

  path = secret_service_create_item_dbus_path_finish (SECRET_SERVICE (source), result, &error);
  if (path == NULL)
    {
      operation_return_error (task, error);
      return;
    }

  add_remove_next (task);
}

static void
add_step (GTask *task)
{
  Operation *op = g_task_get_task_data (task);
  const char *id = token_credential_get_credential_id (op->credential);
  g_autoptr(GHashTable) item_properties = NULL;
  g_autoptr(SecretValue) value = NULL;

  op->pending = operation_find_items (op, id);
  if (op->pending != NULL && !(op->flags & TOKEN_STORE_ADD_REPLACE))
    {
      g_autofree char *display_id = token_credential_dup_display_id (op->credential);

      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_EXISTS,
                               _("A token with the Credential ID %s is already in the keyring."),
                               display_id);
      g_object_unref (task);
      return;
    }

  value = token_keyring_item_secret_value_new (token_credential_get_secret (op->credential));
  item_properties = token_keyring_item_credential_properties (op->credential);

  /* Created next to the old item, which goes only once this one is safe:
   * a failure half-way leaves a token, never none. Never “replace”:
   * gnome-keyring would replace any item whose attributes match ours. */
  secret_service_create_item_dbus_path (op->service, op->collection_path, item_properties, value,
                                        SECRET_ITEM_CREATE_NONE, op->cancellable,
                                        add_item_created, task);
}

void
token_store_add_async (TokenStore          *self,
                       TokenCredential     *credential,
                       TokenStoreAddFlags   flags,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  GTask *task;
  Operation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (TOKEN_IS_CREDENTIAL (credential));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, cancellable, callback, user_data, "token_store_add_async");
  op = g_task_get_task_data (task);
  op->credential = g_object_ref (credential);
  op->flags = flags;

  if (!token_credential_validate (credential, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  operation_open (task, add_step);
}

gboolean
token_store_add_finish (TokenStore    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return operation_propagate_boolean (self, result, error);
}

gboolean
token_store_add_sync (TokenStore          *self,
                      TokenCredential     *credential,
                      TokenStoreAddFlags   flags,
                      GCancellable        *cancellable,
                      GError             **error)
{
  SyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  sync_call_begin (&call);
  token_store_add_async (self, credential, flags, cancellable, sync_call_ready, &call);
  done = token_store_add_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);

  return done;
}

/* ------------------------------------------------------------------------
 * Update
 */

static void
update_label_set (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  TokenStore *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;
  gint index;

  if (!secret_item_set_label_finish (SECRET_ITEM (source), result, &error))
    {
      operation_return_error (task, error);
      return;
    }

  index = find_index (self, token_credential_get_credential_id (op->credential));
  if (index >= 0 && g_ptr_array_index (self->credentials, index) != op->credential)
    credential_copy_fields (g_ptr_array_index (self->credentials, index), op->credential);

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
update_attributes_set (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  Operation *op = g_task_get_task_data (task);
  g_autofree char *label = NULL;
  GError *error = NULL;

  if (!secret_item_set_attributes_finish (SECRET_ITEM (source), result, &error))
    {
      operation_return_error (task, error);
      return;
    }

  label = token_keyring_item_credential_label (op->credential);
  secret_item_set_label (SECRET_ITEM (source), label, op->cancellable, update_label_set, task);
}

static void
update_step (GTask *task)
{
  Operation *op = g_task_get_task_data (task);
  const char *id = token_credential_get_credential_id (op->credential);
  g_autoptr(GHashTable) attributes = NULL;
  SecretItem *item;

  if ((item = operation_find_item (op, id)) == NULL)
    {
      return_not_found (task, id);
      return;
    }

  /* An update never moves a counter back: that would show old codes again. */
  if (token_credential_get_kind (op->credential) == TOKEN_KIND_HOTP)
    token_credential_set_counter (op->credential,
                                  MAX (token_keyring_item_counter (item), token_credential_get_counter (op->credential)));

  attributes = token_keyring_item_credential_attributes (op->credential);
  secret_item_set_attributes (item, token_keyring_item_credential_schema (), attributes,
                              op->cancellable,
                              update_attributes_set, task);
}

void
token_store_update_async (TokenStore          *self,
                          TokenCredential     *credential,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Operation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (TOKEN_IS_CREDENTIAL (credential));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, cancellable, callback, user_data, "token_store_update_async");
  op = g_task_get_task_data (task);
  op->credential = g_object_ref (credential);
  operation_open (task, update_step);
}

gboolean
token_store_update_finish (TokenStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return operation_propagate_boolean (self, result, error);
}

gboolean
token_store_update_sync (TokenStore       *self,
                         TokenCredential  *credential,
                         GCancellable     *cancellable,
                         GError          **error)
{
  SyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  sync_call_begin (&call);
  token_store_update_async (self, credential, cancellable, sync_call_ready, &call);
  done = token_store_update_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);

  return done;
}

/* ------------------------------------------------------------------------
 * Remove
 */

static void remove_next (GTask *task);

static void
remove_item_deleted (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!secret_item_delete_finish (SECRET_ITEM (source), result, &error))
    {
      operation_return_error (task, error);
      return;
    }

  remove_next (task);
}

static void
remove_next (GTask *task)
{
  TokenStore *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);
  SecretItem *item;

  if (op->pending == NULL)
    {
      model_remove (self, op->credential_id);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  item = op->pending->data;
  op->pending = g_list_delete_link (op->pending, op->pending);
  secret_item_delete (item, op->cancellable, remove_item_deleted, task);
  g_object_unref (item);
}

static void
remove_step (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  op->pending = operation_find_items (op, op->credential_id);
  if (op->pending == NULL)
    {
      return_not_found (task, op->credential_id);
      return;
    }

  remove_next (task);
}

void
token_store_remove_async (TokenStore          *self,
                          const char          *credential_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Operation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (credential_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, cancellable, callback, user_data, "token_store_remove_async");
  op = g_task_get_task_data (task);
  op->credential_id = token_credential_id_normalize (credential_id);
  operation_open (task, remove_step);
}

gboolean
token_store_remove_finish (TokenStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return operation_propagate_boolean (self, result, error);
}

gboolean
token_store_remove_sync (TokenStore    *self,
                         const char    *credential_id,
                         GCancellable  *cancellable,
                         GError       **error)
{
  SyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  sync_call_begin (&call);
  token_store_remove_async (self, credential_id, cancellable, sync_call_ready, &call);
  done = token_store_remove_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);

  return done;
}

/* ------------------------------------------------------------------------
 * Lookup
 */

static void
lookup_secret_loaded (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  SecretItem *item = SECRET_ITEM (source);
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GError) item_error = NULL;
  GError *error = NULL;

  if (!secret_item_load_secret_finish (item, result, &error))
    {
      operation_return_error (task, error);
      return;
    }

  if ((credential = token_keyring_item_to_credential (item, &item_error)) == NULL)
    {
      g_autofree char *description = token_keyring_item_damaged_description (item, item_error);

      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_ITEM,
                               _("The token in the keyring is damaged and cannot be used (%s)."),
                               description);
      g_object_unref (task);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&credential), g_object_unref);
  g_object_unref (task);
}

static void
lookup_step (GTask *task)
{
  Operation *op = g_task_get_task_data (task);
  SecretItem *item;

  if ((item = operation_find_item (op, op->credential_id)) == NULL)
    {
      return_not_found (task, op->credential_id);
      return;
    }

  secret_item_load_secret (item, op->cancellable, lookup_secret_loaded, task);
}

void
token_store_lookup_async (TokenStore          *self,
                          const char          *credential_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Operation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (credential_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, cancellable, callback, user_data, "token_store_lookup_async");
  op = g_task_get_task_data (task);
  op->credential_id = token_credential_id_normalize (credential_id);
  operation_open (task, lookup_step);
}

TokenCredential *
token_store_lookup_finish (TokenStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

TokenCredential *
token_store_lookup_sync (TokenStore    *self,
                         const char    *credential_id,
                         GCancellable  *cancellable,
                         GError       **error)
{
  SyncCall call;
  TokenCredential *credential;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);

  sync_call_begin (&call);
  token_store_lookup_async (self, credential_id, cancellable, sync_call_ready, &call);
  credential = token_store_lookup_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);

  return credential;
}

/* ------------------------------------------------------------------------
 * HOTP: the next code
 */

static void
hotp_counter_stored (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  TokenStore *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;
  char code[TOKEN_CODE_BUFFER_SIZE];
  gint index;

  if (!secret_item_set_attributes_finish (SECRET_ITEM (source), result, &error))
    {
      operation_return_error (task, error);
      return;
    }

  /* Stored: only now may the code of this counter be shown. */
  token_credential_set_counter (op->credential, op->counter);
  index = find_index (self, token_credential_get_credential_id (op->credential));
  if (index >= 0)
    token_credential_set_counter (g_ptr_array_index (self->credentials, index), op->counter);

  if (!token_credential_code_for_counter (op->credential, op->counter, code, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_task_return_pointer (task, g_strdup (code), g_free);
  token_secure_wipe (code, sizeof code);
  g_object_unref (task);
}

static void
hotp_step (GTask *task)
{
  Operation *op = g_task_get_task_data (task);
  const char *id = token_credential_get_credential_id (op->credential);
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(TokenCredential) advanced = NULL;
  guint64 stored;
  SecretItem *item;

  if ((item = operation_find_item (op, id)) == NULL)
    {
      return_not_found (task, id);
      return;
    }

  stored = MAX (token_keyring_item_counter (item), token_credential_get_counter (op->credential));

  if (stored == G_MAXUINT64)
    {
      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_INVALID_COUNTER,
                               "%s", _("The token’s counter cannot go any further."));
      g_object_unref (task);
      return;
    }
  op->counter = stored + 1;

  advanced = token_credential_copy (op->credential);
  token_credential_set_counter (advanced, op->counter);
  attributes = token_keyring_item_credential_attributes (advanced);
  secret_item_set_attributes (item, token_keyring_item_credential_schema (), attributes,
                              op->cancellable,
                              hotp_counter_stored, task);
}

void
token_store_next_hotp_code_async (TokenStore          *self,
                                  TokenCredential     *credential,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Operation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (TOKEN_IS_CREDENTIAL (credential));
  g_return_if_fail (token_credential_get_kind (credential) == TOKEN_KIND_HOTP);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, cancellable, callback, user_data, "token_store_next_hotp_code_async");
  op = g_task_get_task_data (task);
  op->credential = g_object_ref (credential);
  operation_open (task, hotp_step);
}

char *
token_store_next_hotp_code_finish (TokenStore    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
token_store_next_hotp_code_sync (TokenStore       *self,
                                 TokenCredential  *credential,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  SyncCall call;
  char *code;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);

  sync_call_begin (&call);
  token_store_next_hotp_code_async (self, credential, cancellable, sync_call_ready, &call);
  code = token_store_next_hotp_code_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);

  return code;
}

/* ------------------------------------------------------------------------
 * Unlock
 */

static void
unlock_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!token_store_load_finish (TOKEN_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* The prompt is over: dismissed, failed, or done (then the load says
 * whether the keyring is open now). Each of the prompt's callbacks holds a
 * reference of its own and passes one here; only the first one to arrive
 * finishes the task: the Prompt call can fail and Completed still be
 * delivered, even after unsubscribing (GDBus may have queued it). */
static void
unlock_prompt_over (GTask    *task,
                    GError   *error,
                    gboolean  dismissed)
{
  TokenStore *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);

  if (op->prompt_over)
    {
      g_clear_error (&error);
      g_object_unref (task);
      return;
    }
  op->prompt_over = TRUE;

  g_dbus_connection_signal_unsubscribe (op->connection, op->prompt_subscription);
  op->prompt_subscription = 0;
  g_source_destroy (op->cancelled_source);

  if (error != NULL)
    operation_return_error (task, error);
  else if (dismissed)
    {
      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED,
                               "%s", _("The keyring is still locked."));
      g_object_unref (task);
    }
  else
    token_store_load_async (self, op->cancellable, unlock_loaded, task);
}

static void
on_prompt_completed (GDBusConnection *connection,
                     const char      *sender_name,
                     const char      *object_path,
                     const char      *interface_name,
                     const char      *signal_name,
                     GVariant        *parameters,
                     gpointer         user_data)
{
  gboolean dismissed = TRUE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(bv)")))
    g_variant_get (parameters, "(bv)", &dismissed, NULL);

  unlock_prompt_over (g_object_ref (user_data), NULL, dismissed);
}

/* Cancelled or timed out while the prompt is shown: stop waiting. The
 * prompt is left to the service (gnome-keyring 42 crashes when a prompt
 * that could not be shown is dismissed); if the password is typed after
 * all, the store notices the unlocked keyring through its signals. */
static gboolean
on_prompt_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  unlock_prompt_over (g_object_ref (user_data),
                      g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           "Operation was cancelled"), FALSE);
  return G_SOURCE_REMOVE;
}

static void
prompt_shown (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    return;

  unlock_prompt_over (g_object_ref (task), error, FALSE);
}

static void
unlock_called (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Operation *op = g_task_get_task_data (task);
  GDBusProxy *service = G_DBUS_PROXY (source);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) unlocked = NULL;
  g_autofree char *owner = NULL;
  const char *prompt;
  GError *error = NULL;

  reply = g_dbus_proxy_call_finish (service, result, &error);
  if (reply == NULL)
    {
      operation_return_error (task, error);
      return;
    }

  g_variant_get (reply, "(@ao&o)", &unlocked, &prompt);
  if (g_str_equal (prompt, "/"))
    {
      if (g_variant_n_children (unlocked) == 0)
        {
          g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED,
                                   "%s", _("The keyring is still locked."));
          g_object_unref (task);
        }
      else
        token_store_load_async (g_task_get_source_object (task), op->cancellable,
                                unlock_loaded, task);
      return;
    }

  /* Completed comes as a signal; it is listened for before the prompt is
   * shown so that a quick answer is not missed. */
  op->connection = g_object_ref (g_dbus_proxy_get_connection (service));
  op->prompt_path = g_strdup (prompt);
  owner = g_dbus_proxy_get_name_owner (service);
  op->prompt_subscription =
    g_dbus_connection_signal_subscribe (op->connection, owner, "org.freedesktop.Secret.Prompt",
                                        "Completed", op->prompt_path, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_prompt_completed,
                                        g_object_ref (task), g_object_unref);
  op->cancelled_source = g_cancellable_source_new (op->cancellable);
  g_source_set_callback (op->cancelled_source, G_SOURCE_FUNC (on_prompt_cancelled),
                         g_object_ref (task), g_object_unref);
  g_source_attach (op->cancelled_source, g_task_get_context (task));

  /* From here the subscription, the cancellation source and the call each
   * hold a reference; the one this step was given is no longer needed. */
  g_dbus_connection_call (op->connection, SECRETS_BUS_NAME, op->prompt_path,
                          "org.freedesktop.Secret.Prompt", "Prompt", g_variant_new ("(s)", ""),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, prompt_shown,
                          g_object_ref (task));
  g_object_unref (task);
}

static void
unlock_step (GTask *task)
{
  TokenStore *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);
  const char *paths[] = { op->collection_path, NULL };

  if (!self->locked)
    {
      token_store_load_async (self, op->cancellable, unlock_loaded, task);
      return;
    }

  /* The Secret Service's own Unlock and Prompt, over D-Bus: libsecret
   * 0.20's prompt handling can end with a critical warning when the
   * service has no prompter to show. */
  g_dbus_proxy_call (G_DBUS_PROXY (op->service), "Unlock",
                     g_variant_new ("(@ao)", g_variant_new_objv (paths, -1)),
                     G_DBUS_CALL_FLAGS_NONE, -1, op->cancellable, unlock_called, task);
}

/**
 * token_store_unlock_async:
 *
 * Asks the Secret Service to unlock the default collection (it shows its
 * own prompt), then loads the tokens. The user may take a while to type a
 * password, so this waits up to five minutes, not the store's timeout.
 * A dismissed prompt gives %TOKEN_ERROR_KEYRING_LOCKED.
 */
void
token_store_unlock_async (TokenStore          *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Operation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, cancellable, callback, user_data, "token_store_unlock_async");
  op = g_task_get_task_data (task);
  op->allow_locked = TRUE;
  operation_set_timeout (task, UNLOCK_TIMEOUT);
  operation_open (task, unlock_step);
}

gboolean
token_store_unlock_finish (TokenStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return operation_propagate_boolean (self, result, error);
}

/* ------------------------------------------------------------------------
 * Moves: start, confirm, dismiss
 */

static void operation_delete_next (GTask *task);

static void
operation_item_deleted (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!secret_item_delete_finish (SECRET_ITEM (source), result, &error)
      && !g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT))
    {
      operation_return_error (task, error);
      return;
    }
  g_clear_error (&error);

  operation_delete_next (task);
}

/* Deletes the items of op->pending one after the other, in order, then
 * goes on with op->after_deletes. */
static void
operation_delete_next (GTask *task)
{
  Operation *op = g_task_get_task_data (task);
  SecretItem *item;

  if (op->pending == NULL)
    {
      op->after_deletes (task);
      return;
    }

  item = op->pending->data;
  op->pending = g_list_delete_link (op->pending, op->pending);
  secret_item_delete (item, op->cancellable, operation_item_deleted, task);
  g_object_unref (item);
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
      operation_return_error (task, error);
      return;
    }

  move_complete (task);
}

static void
start_move_step (GTask *task)
{
  Operation *op = g_task_get_task_data (task);
  GPtrArray *credentials = token_transfer_get_credentials (op->transfer);
  g_autoptr(GStrvBuilder) ids_builder = g_strv_builder_new ();
  g_autoptr(GHashTable) properties_table = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < credentials->len; i++)
    {
      const char *id = token_credential_get_credential_id (g_ptr_array_index (credentials, i));
      g_autofree char *normalized = token_credential_id_normalize (id);

      if (operation_find_item (op, id) == NULL)
        {
          return_not_found (task, id);
          return;
        }
      g_strv_builder_add (ids_builder, normalized);
    }
  ids = g_strv_builder_end (ids_builder);

  properties_table = token_keyring_item_pending_move_properties (token_transfer_get_id (op->transfer), ids);
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
  Operation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (TOKEN_IS_TRANSFER (transfer));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, cancellable, callback, user_data, "token_store_start_move_async");
  op = g_task_get_task_data (task);
  op->transfer = g_object_ref (transfer);
  operation_open (task, start_move_step);
}

gboolean
token_store_start_move_finish (TokenStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return operation_propagate_boolean (self, result, error);
}

gboolean
token_store_start_move_sync (TokenStore     *self,
                             TokenTransfer  *transfer,
                             GCancellable   *cancellable,
                             GError        **error)
{
  SyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  sync_call_begin (&call);
  token_store_start_move_async (self, transfer, cancellable, sync_call_ready, &call);
  done = token_store_start_move_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);

  return done;
}

/* Last: every pending move of these tokens, the confirmed one and any
 * older export of them, whose secrets are of no use any more. */
static void
confirm_delete_pending_moves (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  for (GList *l = op->pending_move_items; l != NULL; l = l->next)
    for (guint i = 0; op->move_ids[i] != NULL; i++)
      if (token_keyring_item_pending_move_has_id (l->data, op->move_ids[i]))
        {
          op->pending = g_list_append (op->pending, g_object_ref (l->data));
          break;
        }

  op->after_deletes = move_complete;
  operation_delete_next (task);
}

/* Second: the seeds, once every record is there. */
static void
confirm_delete_tokens (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  for (guint i = 0; op->move_ids[i] != NULL; i++)
    op->pending = g_list_concat (op->pending, operation_find_items (op, op->move_ids[i]));

  op->after_deletes = confirm_delete_pending_moves;
  operation_delete_next (task);
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
      operation_return_error (task, error);
      return;
    }

  confirm_create_next_record (task);
}

/* First: a record for each token of the move that is still here. */
static void
confirm_create_next_record (GTask *task)
{
  Operation *op = g_task_get_task_data (task);
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
      if ((token_item = operation_find_item (op, id)) != NULL)
        break;
    }

  properties_table = token_keyring_item_record_properties (token_item, id, op->transfer_id);
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
  Operation *op = g_task_get_task_data (task);
  SecretItem *matching = NULL;
  GError *error = NULL;

  if (!secret_item_load_secrets_finish (result, &error))
    {
      operation_return_error (task, error);
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
  op->move_ids = token_keyring_item_pending_move_ids (matching);
  g_list_free_full (g_steal_pointer (&op->pending), g_object_unref);

  confirm_create_next_record (task);
}

static void
confirm_move_step (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  for (GList *l = op->pending_move_items; l != NULL; l = l->next)
    if (token_keyring_item_pending_move_has_id (l->data, op->credential_id))
      op->pending = g_list_append (op->pending, g_object_ref (l->data));

  if (op->pending == NULL)
    {
      g_autofree char *display_id = token_credential_id_format (op->credential_id);

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
                                const char          *credential_id,
                                const char          *code,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Operation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (credential_id != NULL);
  g_return_if_fail (code != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, cancellable, callback, user_data, "token_store_confirm_move_async");
  op = g_task_get_task_data (task);
  op->credential_id = token_credential_id_normalize (credential_id);
  op->code = g_strdup (code);
  op->want_moves = TRUE;
  operation_open (task, confirm_move_step);
}

gboolean
token_store_confirm_move_finish (TokenStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return operation_propagate_boolean (self, result, error);
}

gboolean
token_store_confirm_move_sync (TokenStore    *self,
                               const char    *credential_id,
                               const char    *code,
                               GCancellable  *cancellable,
                               GError       **error)
{
  SyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  sync_call_begin (&call);
  token_store_confirm_move_async (self, credential_id, code, cancellable, sync_call_ready, &call);
  done = token_store_confirm_move_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);

  return done;
}

/* The record and the removal of a confirmed move, for one token that
 * left without a transfer file: it has no pending move to check against. */
static void
record_move_step (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  if (operation_find_item (op, op->credential_id) == NULL)
    {
      return_not_found (task, op->credential_id);
      return;
    }

  op->move_ids = g_new0 (char *, 2);
  op->move_ids[0] = g_strdup (op->credential_id);
  op->transfer_id = g_uuid_string_random ();
  confirm_create_next_record (task);
}

void
token_store_record_move_async (TokenStore          *self,
                               const char          *credential_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Operation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (credential_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, cancellable, callback, user_data, "token_store_record_move_async");
  op = g_task_get_task_data (task);
  op->credential_id = token_credential_id_normalize (credential_id);
  op->want_moves = TRUE;
  operation_open (task, record_move_step);
}

gboolean
token_store_record_move_finish (TokenStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return operation_propagate_boolean (self, result, error);
}

static void
dismiss_move_step (GTask *task)
{
  Operation *op = g_task_get_task_data (task);

  for (GList *l = op->record_items; l != NULL; l = l->next)
    if (record_has_id (l->data, op->credential_id))
      op->pending = g_list_append (op->pending, g_object_ref (l->data));

  if (op->pending == NULL)
    {
      g_autofree char *display_id = token_credential_id_format (op->credential_id);

      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND,
                               _("There is no record of a move of the token %s."), display_id);
      g_object_unref (task);
      return;
    }

  op->after_deletes = move_complete;
  operation_delete_next (task);
}

void
token_store_dismiss_move_async (TokenStore          *self,
                                const char          *credential_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Operation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (credential_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = operation_new (self, cancellable, callback, user_data, "token_store_dismiss_move_async");
  op = g_task_get_task_data (task);
  op->credential_id = token_credential_id_normalize (credential_id);
  op->want_moves = TRUE;
  operation_open (task, dismiss_move_step);
}

gboolean
token_store_dismiss_move_finish (TokenStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return operation_propagate_boolean (self, result, error);
}

gboolean
token_store_dismiss_move_sync (TokenStore    *self,
                               const char    *credential_id,
                               GCancellable  *cancellable,
                               GError       **error)
{
  SyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  sync_call_begin (&call);
  token_store_dismiss_move_async (self, credential_id, cancellable, sync_call_ready, &call);
  done = token_store_dismiss_move_finish (self, sync_call_wait (&call), error);
  sync_call_end (&call);

  return done;
}

/* ------------------------------------------------------------------------
 * The model, read without the keyring
 */

/**
 * token_store_find:
 *
 * Returns: (transfer none) (nullable): the credential in the model with
 *   this ID (with or without spaces, any case)
 */
TokenCredential *
token_store_find (TokenStore *self,
                  const char *credential_id)
{
  gint index;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);
  g_return_val_if_fail (credential_id != NULL, NULL);

  index = find_index (self, credential_id);
  return index >= 0 ? g_ptr_array_index (self->credentials, index) : NULL;
}

char **
token_store_dup_damaged (TokenStore *self)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);

  return g_strdupv (self->damaged);
}

/**
 * token_store_get_moves:
 *
 * Returns: (transfer none): a GListModel of TokenMove
 */
GListModel *
token_store_get_moves (TokenStore *self)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->moves);
}

/**
 * token_store_find_move:
 *
 * Returns: (transfer none) (nullable): the move of this token that the
 *   model shows (with or without spaces, any case)
 */
TokenMove *
token_store_find_move (TokenStore *self,
                       const char *credential_id)
{
  guint n_moves;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);
  g_return_val_if_fail (credential_id != NULL, NULL);

  n_moves = g_list_model_get_n_items (G_LIST_MODEL (self->moves));
  for (guint i = 0; i < n_moves; i++)
    {
      TokenMove *move = g_list_model_get_item (G_LIST_MODEL (self->moves), i);

      /* The store holds a reference as long as the move is shown. */
      g_object_unref (move);
      if (token_credential_id_equal (token_move_get_credential_id (move), credential_id))
        return move;
    }

  return NULL;
}
