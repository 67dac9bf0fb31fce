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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <libsecret/secret.h>

#include "token-credential-id.h"
#include "token-error.h"
#include "token-secure.h"
#include "token-store.h"

#define SCHEMA_NAME            "io.github.softtoken.SoftToken.Credential"
#define SECRETS_BUS_NAME       "org.freedesktop.secrets"
#define SECRET_CONTENT_TYPE    "application/octet-stream"
#define DEFAULT_TIMEOUT        15
/* Signals come in bursts (an item created is also a collection changed):
 * one reload after the burst is enough. */
#define RELOAD_DELAY_MS        100

#define ATTR_CREDENTIAL_ID     "credential-id"
#define ATTR_KIND              "kind"
#define ATTR_ALGORITHM         "algorithm"
#define ATTR_DIGITS            "digits"
#define ATTR_PERIOD            "period"
#define ATTR_COUNTER           "counter"
#define ATTR_CREATED           "created"
#define ATTR_ISSUER            "issuer"
#define ATTR_LABEL             "label"

static const SecretSchema credential_schema = {
  SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { ATTR_CREDENTIAL_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_KIND, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_ALGORITHM, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_DIGITS, SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { ATTR_PERIOD, SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { ATTR_COUNTER, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_CREATED, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_ISSUER, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_LABEL, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

struct _TokenStore
{
  GObject          parent_instance;

  GPtrArray       *credentials;
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
  OperationStep       step;

  SecretService      *service;
  SecretCollection   *collection;
  GList              *items;

  TokenCredential    *credential;
  char               *credential_id;
  TokenStoreAddFlags  flags;
  GList              *pending;
  guint64             counter;
  guint               serial;
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
  g_clear_object (&op->collection);
  g_list_free_full (op->items, g_object_unref);
  g_list_free_full (op->pending, g_object_unref);
  g_clear_object (&op->credential);
  g_free (op->credential_id);
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
 * Errors: everything libsecret and D-Bus can say, in our words
 */

static gboolean
is_missing_service (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

static GError *
keyring_error_new (Operation *op,
                   GError    *source)
{
  if (op->timed_out
      || g_error_matches (source, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
      || g_error_matches (source, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT)
      || g_error_matches (source, G_DBUS_ERROR, G_DBUS_ERROR_TIMED_OUT)
      || g_error_matches (source, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY))
    return g_error_new_literal (TOKEN_ERROR, TOKEN_ERROR_TIMEOUT,
                                _("The keyring did not answer in time. Try again, or restart your session if it keeps happening."));

  if (source->domain == TOKEN_ERROR
      || g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (source);

  if (g_error_matches (source, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED,
                                _("The keyring is locked. Unlock it to use your tokens."));

  if (g_error_matches (source, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT))
    return g_error_new_literal (TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND,
                                _("The token is no longer in the keyring."));

  if (is_missing_service (source))
    return g_error_new_literal (TOKEN_ERROR, TOKEN_ERROR_NO_SERVICE,
                                _("No keyring service is running. Soft Token keeps tokens in a Secret Service keyring, such as GNOME Keyring; start one, or log in to a desktop session that has one."));

  return g_error_new (TOKEN_ERROR, TOKEN_ERROR_NO_SERVICE,
                      _("The keyring service could not be used: %s"), source->message);
}

static void
operation_return_error (GTask  *task,
                        GError *source)
{
  Operation *op = g_task_get_task_data (task);

  g_task_return_error (task, keyring_error_new (op, source));
  g_error_free (source);
  g_object_unref (task);
}

/* ------------------------------------------------------------------------
 * Items and credentials
 */

static GHashTable *
credential_attributes (TokenCredential *credential)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *issuer = token_credential_get_issuer (credential);
  const char *label = token_credential_get_label (credential);
  TokenKind kind = token_credential_get_kind (credential);

  g_hash_table_insert (attributes, (gpointer) ATTR_CREDENTIAL_ID,
                       g_strdup (token_credential_get_credential_id (credential)));
  g_hash_table_insert (attributes, (gpointer) ATTR_KIND,
                       g_strdup (token_kind_to_string (kind)));
  g_hash_table_insert (attributes, (gpointer) ATTR_ALGORITHM,
                       g_strdup (token_algorithm_to_string (token_credential_get_algorithm (credential))));
  g_hash_table_insert (attributes, (gpointer) ATTR_DIGITS,
                       g_strdup_printf ("%u", token_credential_get_digits (credential)));
  if (kind == TOKEN_KIND_HOTP)
    g_hash_table_insert (attributes, (gpointer) ATTR_COUNTER,
                         g_strdup_printf ("%" G_GUINT64_FORMAT, token_credential_get_counter (credential)));
  else
    g_hash_table_insert (attributes, (gpointer) ATTR_PERIOD,
                         g_strdup_printf ("%u", token_credential_get_period (credential)));
  g_hash_table_insert (attributes, (gpointer) ATTR_CREATED,
                       g_strdup_printf ("%" G_GINT64_FORMAT, token_credential_get_created (credential)));
  if (issuer != NULL)
    g_hash_table_insert (attributes, (gpointer) ATTR_ISSUER, g_strdup (issuer));
  if (label != NULL)
    g_hash_table_insert (attributes, (gpointer) ATTR_LABEL, g_strdup (label));

  return attributes;
}

static char *
credential_item_label (TokenCredential *credential)
{
  g_autofree char *display_id = token_credential_dup_display_id (credential);

  /* The application's name is not translated. */
  return g_strdup_printf ("Soft Token: %s", display_id);
}

static const char *
require_attribute (GHashTable  *attributes,
                   const char  *name,
                   GError     **error)
{
  const char *value = g_hash_table_lookup (attributes, name);

  if (value == NULL || *value == '\0')
    g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_ITEM,
                 _("its attribute “%s” is missing"), name);
  return value;
}

static gboolean
parse_number (GHashTable  *attributes,
              const char  *name,
              guint64      min,
              guint64      max,
              guint64     *number,
              GError     **error)
{
  const char *text = require_attribute (attributes, name, error);

  if (text == NULL)
    return FALSE;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, number, NULL))
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_ITEM,
                   _("its attribute “%s” has the unusable value “%s”"), name, text);
      return FALSE;
    }

  return TRUE;
}

static char *
item_credential_id (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *id = g_hash_table_lookup (attributes, ATTR_CREDENTIAL_ID);

  return g_strdup (id);
}

static gboolean
item_has_id (SecretItem *item,
             const char *credential_id)
{
  g_autofree char *id = item_credential_id (item);

  return id != NULL && token_credential_id_equal (id, credential_id);
}

/* A credential from an item whose secret has been loaded, or a
 * TOKEN_ERROR_DAMAGED_ITEM error that says what is wrong with it. */
static TokenCredential *
credential_from_item (SecretItem  *item,
                      GError     **error)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  g_autoptr(SecretValue) value = secret_item_get_secret (item);
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id, *kind_name, *algorithm_name, *issuer, *label, *created_text;
  TokenKind kind;
  TokenAlgorithm algorithm;
  guint64 digits, number;
  gsize size;
  const char *data;

  if (!(id = require_attribute (attributes, ATTR_CREDENTIAL_ID, error))
      || !(kind_name = require_attribute (attributes, ATTR_KIND, error))
      || !(algorithm_name = require_attribute (attributes, ATTR_ALGORITHM, error)))
    return NULL;

  if (!token_kind_from_string (kind_name, &kind))
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_ITEM,
                   _("its attribute “%s” has the unusable value “%s”"), ATTR_KIND, kind_name);
      return NULL;
    }
  if (!token_algorithm_from_string (algorithm_name, &algorithm))
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_ITEM,
                   _("its attribute “%s” has the unusable value “%s”"), ATTR_ALGORITHM, algorithm_name);
      return NULL;
    }
  if (!parse_number (attributes, ATTR_DIGITS, TOKEN_MIN_DIGITS, TOKEN_MAX_DIGITS, &digits, error))
    return NULL;

  if (value == NULL)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_ITEM,
                           _("its secret could not be read"));
      return NULL;
    }
  data = secret_value_get (value, &size);
  secret = token_secure_bytes_new (data, size);

  credential = token_credential_new (id, kind, secret);
  token_credential_set_algorithm (credential, algorithm);
  token_credential_set_digits (credential, (guint) digits);

  if (kind == TOKEN_KIND_HOTP)
    {
      if (!parse_number (attributes, ATTR_COUNTER, 0, G_MAXUINT64, &number, error))
        return NULL;
      token_credential_set_counter (credential, number);
    }
  else
    {
      if (!parse_number (attributes, ATTR_PERIOD, TOKEN_MIN_PERIOD, TOKEN_MAX_PERIOD, &number, error))
        return NULL;
      token_credential_set_period (credential, (guint) number);
    }

  /* Only orders the list, so an item without it still works. */
  created_text = g_hash_table_lookup (attributes, ATTR_CREATED);
  if (created_text == NULL
      || !g_ascii_string_to_unsigned (created_text, 10, 0, G_MAXINT64, &number, NULL))
    number = 0;
  token_credential_set_created (credential, (gint64) number);

  if ((issuer = g_hash_table_lookup (attributes, ATTR_ISSUER)) != NULL)
    token_credential_set_issuer (credential, issuer);
  if ((label = g_hash_table_lookup (attributes, ATTR_LABEL)) != NULL)
    token_credential_set_label (credential, label);

  if (!token_credential_validate (credential, &local_error))
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_ITEM,
                   _("its secret is unusable: %s"), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&credential);
}

static char *
damaged_description (SecretItem   *item,
                     const GError *error)
{
  g_autofree char *id = item_credential_id (item);
  g_autofree char *label = NULL;

  if (id != NULL && *id != '\0')
    return g_strdup_printf ("%s: %s", id, error->message);

  label = secret_item_get_label (item);
  return g_strdup_printf ("%s: %s", label != NULL ? label : "?", error->message);
}

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
collection_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  TokenStore *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;
  GList *items;

  op->collection = secret_collection_for_alias_finish (result, &error);
  if (error != NULL)
    {
      operation_return_error (task, error);
      return;
    }

  if (op->collection == NULL)
    {
      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_NO_COLLECTION,
                               "%s", _("The keyring has no default collection to keep tokens in. Create a default keyring (for example with the Passwords and Keys application) and try again."));
      g_object_unref (task);
      return;
    }

  set_locked (self, secret_collection_get_locked (op->collection));
  if (self->locked && !op->allow_locked)
    {
      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED,
                               "%s", _("The keyring is locked. Unlock it to use your tokens."));
      g_object_unref (task);
      return;
    }

  items = secret_collection_get_items (op->collection);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autofree char *schema = secret_item_get_schema_name (l->data);

      if (g_strcmp0 (schema, SCHEMA_NAME) == 0)
        op->items = g_list_prepend (op->items, g_object_ref (l->data));
    }
  g_list_free_full (items, g_object_unref);
  op->items = g_list_sort (op->items, compare_items_newest_first);

  op->step (task);
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

  secret_collection_for_alias (op->service, SECRET_COLLECTION_DEFAULT,
                               SECRET_COLLECTION_LOAD_ITEMS, op->cancellable,
                               collection_ready, task);
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
operation_open (GTask         *task,
                OperationStep  step)
{
  Operation *op = g_task_get_task_data (task);

  op->step = step;
  g_bus_get (G_BUS_TYPE_SESSION, op->cancellable, bus_ready, task);
}

static SecretItem *
operation_find_item (Operation  *op,
                     const char *credential_id)
{
  for (GList *l = op->items; l != NULL; l = l->next)
    if (item_has_id (l->data, credential_id))
      return l->data;

  return NULL;
}

static GList *
operation_find_items (Operation  *op,
                      const char *credential_id)
{
  GList *found = NULL;

  for (GList *l = op->items; l != NULL; l = l->next)
    if (item_has_id (l->data, credential_id))
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

  g_main_context_pop_thread_default (call->context);
  g_main_context_unref (call->context);
  return call->result;
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
      g_autoptr(TokenCredential) credential = credential_from_item (l->data, &item_error);
      gboolean duplicate = FALSE;

      if (credential == NULL)
        {
          g_autofree char *description = damaged_description (l->data, item_error);

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
  operation_open (task, load_step);
}

gboolean
token_store_load_finish (TokenStore    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
token_store_load_sync (TokenStore    *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  SyncCall call;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  sync_call_begin (&call);
  token_store_load_async (self, cancellable, sync_call_ready, &call);
  result = sync_call_wait (&call);

  return token_store_load_finish (self, result, error);
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
  g_autoptr(SecretItem) item = NULL;
  GError *error = NULL;

  item = secret_item_create_finish (result, &error);
  if (item == NULL)
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
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autofree char *label = NULL;
  GBytes *secret;
  gsize size;
  const char *data;

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

  secret = token_credential_get_secret (op->credential);
  data = g_bytes_get_data (secret, &size);
  value = secret_value_new (data, (gssize) size, SECRET_CONTENT_TYPE);
  attributes = credential_attributes (op->credential);
  label = credential_item_label (op->credential);

  /* Created next to the old item, which goes only once this one is safe:
   * a failure half-way leaves a token, never none. */
  secret_item_create (op->collection, &credential_schema, attributes, label, value,
                      SECRET_ITEM_CREATE_NONE, op->cancellable, add_item_created, task);
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
  g_autoptr(GAsyncResult) result = NULL;
  SyncCall call;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  sync_call_begin (&call);
  token_store_add_async (self, credential, flags, cancellable, sync_call_ready, &call);
  result = sync_call_wait (&call);

  return token_store_add_finish (self, result, error);
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

  label = credential_item_label (op->credential);
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

  attributes = credential_attributes (op->credential);
  secret_item_set_attributes (item, &credential_schema, attributes, op->cancellable,
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
  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
token_store_update_sync (TokenStore       *self,
                         TokenCredential  *credential,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  SyncCall call;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  sync_call_begin (&call);
  token_store_update_async (self, credential, cancellable, sync_call_ready, &call);
  result = sync_call_wait (&call);

  return token_store_update_finish (self, result, error);
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
  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
token_store_remove_sync (TokenStore    *self,
                         const char    *credential_id,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  SyncCall call;

  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);

  sync_call_begin (&call);
  token_store_remove_async (self, credential_id, cancellable, sync_call_ready, &call);
  result = sync_call_wait (&call);

  return token_store_remove_finish (self, result, error);
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

  if ((credential = credential_from_item (item, &item_error)) == NULL)
    {
      g_autofree char *description = damaged_description (item, item_error);

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
  g_autoptr(GAsyncResult) result = NULL;
  SyncCall call;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);

  sync_call_begin (&call);
  token_store_lookup_async (self, credential_id, cancellable, sync_call_ready, &call);
  result = sync_call_wait (&call);

  return token_store_lookup_finish (self, result, error);
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
  g_autoptr(GHashTable) stored_attributes = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(TokenCredential) advanced = NULL;
  const char *stored_text;
  guint64 stored = 0;
  SecretItem *item;

  if ((item = operation_find_item (op, id)) == NULL)
    {
      return_not_found (task, id);
      return;
    }

  /* Another process may have moved the counter on since we read it. */
  stored_attributes = secret_item_get_attributes (item);
  stored_text = g_hash_table_lookup (stored_attributes, ATTR_COUNTER);
  if (stored_text != NULL)
    g_ascii_string_to_unsigned (stored_text, 10, 0, G_MAXUINT64, &stored, NULL);
  stored = MAX (stored, token_credential_get_counter (op->credential));

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
  attributes = credential_attributes (advanced);
  secret_item_set_attributes (item, &credential_schema, attributes, op->cancellable,
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
  g_autoptr(GAsyncResult) result = NULL;
  SyncCall call;

  g_return_val_if_fail (TOKEN_IS_STORE (self), NULL);

  sync_call_begin (&call);
  token_store_next_hotp_code_async (self, credential, cancellable, sync_call_ready, &call);
  result = sync_call_wait (&call);

  return token_store_next_hotp_code_finish (self, result, error);
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

static void
unlock_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  TokenStore *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);
  GError *error = NULL;
  gint unlocked;

  unlocked = secret_service_unlock_finish (SECRET_SERVICE (source), result, NULL, &error);
  if (error != NULL)
    {
      operation_return_error (task, error);
      return;
    }

  if (unlocked == 0)
    {
      g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED,
                               "%s", _("The keyring is still locked."));
      g_object_unref (task);
      return;
    }

  set_locked (self, FALSE);
  token_store_load_async (self, op->cancellable, unlock_loaded, task);
}

static void
unlock_step (GTask *task)
{
  TokenStore *self = g_task_get_source_object (task);
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GList) objects = NULL;

  if (!secret_collection_get_locked (op->collection))
    {
      token_store_load_async (self, op->cancellable, unlock_loaded, task);
      return;
    }

  objects = g_list_prepend (NULL, op->collection);
  secret_service_unlock (op->service, objects, op->cancellable, unlock_done, task);
}

/**
 * token_store_unlock_async:
 *
 * Asks the Secret Service to unlock the default collection (it shows its
 * own prompt), then loads the tokens. The user may take a while to type a
 * password, so the timeout of the store does not apply here.
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
  g_source_destroy (op->timeout_source);
  operation_open (task, unlock_step);
}

gboolean
token_store_unlock_finish (TokenStore    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (TOKEN_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
