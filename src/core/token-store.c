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
#include "token-keyring-item.h"
#include "token-name.h"
#include "token-secure.h"
#include "token-store-private.h"

#define SECRETS_BUS_NAME       "org.freedesktop.secrets"
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
            const char *internal_id)
{
  for (guint i = 0; i < self->credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (self->credentials, i);

      if (g_strcmp0 (token_credential_get_internal_id (credential), internal_id) == 0)
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

void
token_store_model_put (TokenStore      *self,
                       TokenCredential *credential)
{
  GPtrArray *next = copy_contents (self);
  gint index = find_index (self, token_credential_get_internal_id (credential));

  if (index >= 0)
    g_ptr_array_remove_index (next, (guint) index);
  g_ptr_array_add (next, g_object_ref (credential));
  replace_contents (self, next);
}

static void
model_remove (TokenStore *self,
              const char *internal_id)
{
  gint index = find_index (self, internal_id);
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
      gint index = find_index (self, token_credential_get_internal_id (fresh));
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

void
token_store_set_locked (TokenStore *self,
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
moves_contain (GPtrArray  *moves,
               const char *internal_id)
{
  for (guint i = 0; i < moves->len; i++)
    if (g_strcmp0 (token_move_get_internal_id (g_ptr_array_index (moves, i)), internal_id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_credential_id (TokenStore *self,
                   const char *credential_id)
{
  for (guint i = 0; i < self->credentials->len; i++)
    if (token_credential_id_matches (g_ptr_array_index (self->credentials, i), credential_id))
      return TRUE;
  return FALSE;
}

/* Whether the token a record is of is here, so the record is not shown. */
static gboolean
record_token_is_here (TokenStore *self,
                      SecretItem *record)
{
  g_autofree char *internal_id = token_keyring_item_record_internal_id (record);
  g_autofree char *id = NULL;

  if (internal_id != NULL)
    return find_index (self, internal_id) >= 0;

  id = token_keyring_item_dup_credential_id (record);
  return has_credential_id (self, id);
}

/* A pending move is shown for a token that is here; a record only for a
 * token that is not (a token imported back, or a confirmation that a crash
 * interrupted, still has its seed here, and the seed is what counts). */
static GPtrArray *
moves_from_items (TokenStore          *self,
                  TokenStoreOperation *op)
{
  GPtrArray *moves = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = op->pending_move_items; l != NULL; l = l->next)
    {
      g_auto(GStrv) ids = token_store_operation_pending_move_ids (op, l->data);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          TokenCredential *credential = token_store_find_by_internal_id (self, ids[i]);

          if (credential == NULL || moves_contain (moves, ids[i]))
            continue;

          g_ptr_array_add (moves, token_keyring_item_pending_move_to_move (l->data, credential));
        }
    }

  for (GList *l = op->record_items; l != NULL; l = l->next)
    {
      g_autofree char *id = token_keyring_item_dup_credential_id (l->data);

      if (id == NULL || *id == '\0' || record_token_is_here (self, l->data))
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
      && g_strcmp0 (token_move_get_internal_id (a), token_move_get_internal_id (b)) == 0
      && g_strcmp0 (token_move_get_transfer_id (a), token_move_get_transfer_id (b)) == 0
      && g_strcmp0 (token_move_get_issuer (a), token_move_get_issuer (b)) == 0
      && g_strcmp0 (token_move_get_label (a), token_move_get_label (b)) == 0;
}

/* Replaces the moves shown, unless they are the same (so a reload that
 * changes nothing does not rebuild the cards). Call after the model of
 * credentials is up to date. */
static void
moves_merge (TokenStore          *self,
             TokenStoreOperation *op)
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
void
token_store_watch_keyring (TokenStore      *self,
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
  TokenStoreOperation *op = g_task_get_task_data (task);
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

      /* The newest of two items an interrupted replacement left counts. */
      for (guint i = 0; i < loaded->len && !duplicate; i++)
        duplicate = g_str_equal (token_credential_get_internal_id (credential),
                                 token_credential_get_internal_id (g_ptr_array_index (loaded, i)));
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
      token_store_operation_return_error (task, error);
      return;
    }

  load_complete (task);
}

static void
load_step (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);

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
  TokenStoreOperation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = token_store_operation_new (self, cancellable, callback, user_data, "token_store_load_async");
  op = g_task_get_task_data (task);
  op->serial = ++self->load_serial;
  op->want_moves = TRUE;
  token_store_operation_open (task, load_step);
}

gboolean
token_store_load_finish (TokenStore    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return token_store_operation_propagate_boolean (self, result, error);
}

gboolean
token_store_load_sync (TokenStore    *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  TokenStoreSyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  token_store_sync_call_begin (&call);
  token_store_load_async (self, cancellable, token_store_sync_call_ready, &call);
  done = token_store_load_finish (self, token_store_sync_call_wait (&call), error);
  token_store_sync_call_end (&call);

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
  TokenStoreOperation *op = g_task_get_task_data (task);
  GError *error = NULL;
  gint index;

  if (!secret_item_set_label_finish (SECRET_ITEM (source), result, &error))
    {
      token_store_operation_return_error (task, error);
      return;
    }

  index = find_index (self, token_credential_get_internal_id (op->credential));
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
  TokenStoreOperation *op = g_task_get_task_data (task);
  g_autofree char *label = NULL;
  GError *error = NULL;

  if (!secret_item_set_attributes_finish (SECRET_ITEM (source), result, &error))
    {
      token_store_operation_return_error (task, error);
      return;
    }

  label = token_keyring_item_credential_label (op->credential);
  secret_item_set_label (SECRET_ITEM (source), label, op->cancellable, update_label_set, task);
}

static void
update_step (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);
  const char *internal_id = token_credential_get_internal_id (op->credential);
  g_autoptr(GHashTable) attributes = NULL;
  SecretItem *item;

  if ((item = token_store_operation_find_item (op, internal_id)) == NULL)
    {
      token_store_operation_return_gone (task, op->credential);
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
  TokenStoreOperation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (TOKEN_IS_CREDENTIAL (credential));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = token_store_operation_new (self, cancellable, callback, user_data, "token_store_update_async");
  op = g_task_get_task_data (task);
  op->credential = g_object_ref (credential);
  /* Locked: the counter it writes must not undo a code shown meanwhile. */
  token_store_operation_open_locked (task, update_step);
}

gboolean
token_store_update_finish (TokenStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return token_store_operation_propagate_boolean (self, result, error);
}

gboolean
token_store_update_sync (TokenStore       *self,
                         TokenCredential  *credential,
                         GCancellable     *cancellable,
                         GError          **error)
{
  TokenStoreSyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  token_store_sync_call_begin (&call);
  token_store_update_async (self, credential, cancellable, token_store_sync_call_ready, &call);
  done = token_store_update_finish (self, token_store_sync_call_wait (&call), error);
  token_store_sync_call_end (&call);

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
      token_store_operation_return_error (task, error);
      return;
    }

  remove_next (task);
}

static void
remove_next (GTask *task)
{
  TokenStore *self = g_task_get_source_object (task);
  TokenStoreOperation *op = g_task_get_task_data (task);
  SecretItem *item;

  if (op->pending == NULL)
    {
      model_remove (self, token_credential_get_internal_id (op->credential));
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
  TokenStoreOperation *op = g_task_get_task_data (task);

  op->pending = token_store_operation_find_items (op, token_credential_get_internal_id (op->credential));
  if (op->pending == NULL)
    {
      token_store_operation_return_gone (task, op->credential);
      return;
    }

  remove_next (task);
}

void
token_store_remove_async (TokenStore          *self,
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

  task = token_store_operation_new (self, cancellable, callback, user_data, "token_store_remove_async");
  op = g_task_get_task_data (task);
  op->credential = g_object_ref (credential);
  token_store_operation_open (task, remove_step);
}

gboolean
token_store_remove_finish (TokenStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return token_store_operation_propagate_boolean (self, result, error);
}

gboolean
token_store_remove_sync (TokenStore      *self,
                         TokenCredential *credential,
                         GCancellable  *cancellable,
                         GError       **error)
{
  TokenStoreSyncCall call;
  gboolean done;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  token_store_sync_call_begin (&call);
  token_store_remove_async (self, credential, cancellable, token_store_sync_call_ready, &call);
  done = token_store_remove_finish (self, token_store_sync_call_wait (&call), error);
  token_store_sync_call_end (&call);

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
      token_store_operation_return_error (task, error);
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
  TokenStoreOperation *op = g_task_get_task_data (task);
  GError *error = NULL;
  SecretItem *item;

  if ((item = token_store_operation_resolve (op, op->credential_id, &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
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
  TokenStoreOperation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (credential_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = token_store_operation_new (self, cancellable, callback, user_data, "token_store_lookup_async");
  op = g_task_get_task_data (task);
  op->credential_id = g_strdup (credential_id);
  token_store_operation_open (task, lookup_step);
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
  TokenStoreSyncCall call;
  TokenCredential *credential;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);

  token_store_sync_call_begin (&call);
  token_store_lookup_async (self, credential_id, cancellable, token_store_sync_call_ready, &call);
  credential = token_store_lookup_finish (self, token_store_sync_call_wait (&call), error);
  token_store_sync_call_end (&call);

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
  TokenStoreOperation *op = g_task_get_task_data (task);
  GError *error = NULL;
  char code[TOKEN_CODE_BUFFER_SIZE];
  gint index;

  if (!secret_item_set_attributes_finish (SECRET_ITEM (source), result, &error))
    {
      token_store_operation_return_error (task, error);
      return;
    }

  /* Stored as used: only now may the code of this counter be shown. */
  token_credential_set_counter (op->credential, op->counter + 1);
  index = find_index (self, token_credential_get_internal_id (op->credential));
  if (index >= 0)
    token_credential_set_counter (g_ptr_array_index (self->credentials, index), op->counter + 1);

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

/* Runs under the lock (token-store-lock.c), on items read after it was
 * taken: the counter read is the latest, and no other process can use it
 * before it is stored as used. */
static void
hotp_step (GTask *task)
{
  TokenStoreOperation *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(TokenCredential) advanced = NULL;
  SecretItem *item;

  if ((item = token_store_operation_find_item (op, token_credential_get_internal_id (op->credential))) == NULL)
    {
      token_store_operation_return_gone (task, op->credential);
      return;
    }

  op->counter = MAX (token_keyring_item_counter (item), token_credential_get_counter (op->credential));
  if (op->counter == G_MAXUINT64)
    {
      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_INVALID_COUNTER,
                               "%s", _("The token’s counter cannot go any further."));
      g_object_unref (task);
      return;
    }

  advanced = token_credential_copy (op->credential);
  token_credential_set_counter (advanced, op->counter + 1);
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
  TokenStoreOperation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (TOKEN_IS_CREDENTIAL (credential));
  g_return_if_fail (token_credential_get_kind (credential) == TOKEN_KIND_HOTP);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = token_store_operation_new (self, cancellable, callback, user_data, "token_store_next_hotp_code_async");
  op = g_task_get_task_data (task);
  op->credential = g_object_ref (credential);
  token_store_operation_open_locked (task, hotp_step);
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
  TokenStoreSyncCall call;
  char *code;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);

  token_store_sync_call_begin (&call);
  token_store_next_hotp_code_async (self, credential, cancellable, token_store_sync_call_ready, &call);
  code = token_store_next_hotp_code_finish (self, token_store_sync_call_wait (&call), error);
  token_store_sync_call_end (&call);

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
  TokenStoreOperation *op = g_task_get_task_data (task);

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
    token_store_operation_return_error (task, error);
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
  TokenStoreOperation *op = g_task_get_task_data (task);
  GDBusProxy *service = G_DBUS_PROXY (source);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) unlocked = NULL;
  g_autofree char *owner = NULL;
  const char *prompt;
  GError *error = NULL;

  reply = g_dbus_proxy_call_finish (service, result, &error);
  if (reply == NULL)
    {
      token_store_operation_return_error (task, error);
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
  TokenStoreOperation *op = g_task_get_task_data (task);
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
  TokenStoreOperation *op;

  g_return_if_fail (TOKEN_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = token_store_operation_new (self, cancellable, callback, user_data, "token_store_unlock_async");
  op = g_task_get_task_data (task);
  op->allow_locked = TRUE;
  token_store_operation_set_timeout (task, UNLOCK_TIMEOUT);
  token_store_operation_open (task, unlock_step);
}

gboolean
token_store_unlock_finish (TokenStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return token_store_operation_propagate_boolean (self, result, error);
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
token_store_find_by_internal_id (TokenStore *self,
                                 const char *internal_id)
{
  gint index;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);
  g_return_val_if_fail (internal_id != NULL, NULL);

  index = find_index (self, internal_id);
  return index >= 0 ? g_ptr_array_index (self->credentials, index) : NULL;
}

TokenCredential *
token_store_find (TokenStore *self,
                  const char *name)
{
  return token_store_resolve (self, name, NULL);
}

/**
 * token_store_resolve:
 * @name: a Credential ID, “Issuer:ID” or an internal ID (see token-name.h)
 *
 * Returns: (transfer none): the one token of the model that @name names,
 *   or %NULL with TOKEN_ERROR_NOT_FOUND, or TOKEN_ERROR_AMBIGUOUS when it
 *   names more than one
 */
TokenCredential *
token_store_resolve (TokenStore  *self,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  TokenCredential *found = NULL;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (self->credentials, i);

      if (!token_name_matches (name, token_credential_get_internal_id (credential),
                               token_credential_get_issuer (credential),
                               token_credential_get_credential_id (credential)))
        continue;

      found = credential;
      g_ptr_array_add (names, token_credential_dup_qualified_name (credential));
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
                       const char *name)
{
  TokenCredential *credential;
  const char *internal_id;
  guint n_moves;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  credential = token_store_find (self, name);
  internal_id = credential != NULL ? token_credential_get_internal_id (credential) : NULL;

  n_moves = g_list_model_get_n_items (G_LIST_MODEL (self->moves));
  for (guint i = 0; i < n_moves; i++)
    {
      TokenMove *move = g_list_model_get_item (G_LIST_MODEL (self->moves), i);

      /* The store holds a reference as long as the move is shown. */
      g_object_unref (move);
      /* A token moved away is known by its record only. */
      if (internal_id != NULL ? g_strcmp0 (token_move_get_internal_id (move), internal_id) == 0
                              : token_credential_id_equal (token_move_get_credential_id (move), name))
        return move;
    }

  return NULL;
}
