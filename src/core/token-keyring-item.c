/* token-keyring-item.c
 *
 * Our Secret Service items, and the credentials and moves they stand for.
 * The layout of the items is described at the top of token-store.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "token-credential-id.h"
#include "token-error.h"
#include "token-keyring-item.h"
#include "token-name.h"
#include "token-secure.h"
#include "token-transfer.h"

#define ITEM_INTERFACE         "org.freedesktop.Secret.Item"
#define SECRET_CONTENT_TYPE    "application/octet-stream"

#define ATTR_CREDENTIAL_ID     "credential-id"
#define ATTR_KIND              "kind"
#define ATTR_ALGORITHM         "algorithm"
#define ATTR_DIGITS            "digits"
#define ATTR_PERIOD            "period"
#define ATTR_LEGACY_COUNTER    "counter"
#define ATTR_NEXT_COUNTER      "next-counter"
#define ATTR_INTERNAL_ID       "internal-id"
#define ATTR_INTERNAL_IDS      "internal-ids"
#define ATTR_CREATED           "created"
#define ATTR_EXPIRY            "expiry"
#define ATTR_ISSUER            "issuer"
#define ATTR_LABEL             "label"
#define ATTR_TRANSFER_ID       "transfer-id"
#define ATTR_CREDENTIAL_IDS    "credential-ids"
#define ATTR_MOVED             "moved"

static const SecretSchema credential_schema = {
  TOKEN_KEYRING_CREDENTIAL_SCHEMA, SECRET_SCHEMA_NONE,
  {
    { ATTR_CREDENTIAL_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_KIND, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_ALGORITHM, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_DIGITS, SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { ATTR_PERIOD, SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { ATTR_LEGACY_COUNTER, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_NEXT_COUNTER, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_INTERNAL_ID, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_CREATED, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_EXPIRY, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_ISSUER, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_LABEL, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

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

static gint64
attribute_time (GHashTable *attributes,
                const char *name)
{
  const char *text = g_hash_table_lookup (attributes, name);
  gint64 seconds = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &seconds, NULL))
    return 0;
  return seconds;
}

/* The D-Bus properties of a new item: its label and its attributes, with
 * the schema name that libsecret adds to items of a schema. */
static GHashTable *
item_properties (const char *schema_name,
                 const char *label,
                 GHashTable *attributes)
{
  GHashTable *properties_table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_variant_unref);
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer name, value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "xdg:schema", schema_name);
  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_variant_builder_add (&builder, "{ss}", name, value);

  g_hash_table_insert (properties_table, (gpointer) ITEM_INTERFACE ".Label",
                       g_variant_ref_sink (g_variant_new_string (label)));
  g_hash_table_insert (properties_table, (gpointer) ITEM_INTERFACE ".Attributes",
                       g_variant_ref_sink (g_variant_builder_end (&builder)));
  return properties_table;
}

const SecretSchema *
token_keyring_item_credential_schema (void)
{
  return &credential_schema;
}

SecretValue *
token_keyring_item_secret_value_new (GBytes *secret)
{
  gsize size;
  const char *data = g_bytes_get_data (secret, &size);

  return secret_value_new (data, (gssize) size, SECRET_CONTENT_TYPE);
}

/* ------------------------------------------------------------------------
 * Items of tokens
 */

GHashTable *
token_keyring_item_credential_attributes (TokenCredential *credential)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *issuer = token_credential_get_issuer (credential);
  const char *label = token_credential_get_label (credential);
  TokenKind kind = token_credential_get_kind (credential);

  g_hash_table_insert (attributes, (gpointer) ATTR_INTERNAL_ID,
                       g_strdup (token_credential_ensure_internal_id (credential)));
  g_hash_table_insert (attributes, (gpointer) ATTR_CREDENTIAL_ID,
                       g_strdup (token_credential_get_credential_id (credential)));
  g_hash_table_insert (attributes, (gpointer) ATTR_KIND,
                       g_strdup (token_kind_to_string (kind)));
  g_hash_table_insert (attributes, (gpointer) ATTR_ALGORITHM,
                       g_strdup (token_algorithm_to_string (token_credential_get_algorithm (credential))));
  g_hash_table_insert (attributes, (gpointer) ATTR_DIGITS,
                       g_strdup_printf ("%u", token_credential_get_digits (credential)));
  if (kind == TOKEN_KIND_HOTP)
    g_hash_table_insert (attributes, (gpointer) ATTR_NEXT_COUNTER,
                         g_strdup_printf ("%" G_GUINT64_FORMAT, token_credential_get_counter (credential)));
  else
    g_hash_table_insert (attributes, (gpointer) ATTR_PERIOD,
                         g_strdup_printf ("%u", token_credential_get_period (credential)));
  g_hash_table_insert (attributes, (gpointer) ATTR_CREATED,
                       g_strdup_printf ("%" G_GINT64_FORMAT, token_credential_get_created (credential)));
  if (token_credential_get_expiry (credential) > 0)
    g_hash_table_insert (attributes, (gpointer) ATTR_EXPIRY,
                         g_strdup_printf ("%" G_GINT64_FORMAT, token_credential_get_expiry (credential)));
  if (issuer != NULL)
    g_hash_table_insert (attributes, (gpointer) ATTR_ISSUER, g_strdup (issuer));
  if (label != NULL)
    g_hash_table_insert (attributes, (gpointer) ATTR_LABEL, g_strdup (label));

  return attributes;
}

char *
token_keyring_item_credential_label (TokenCredential *credential)
{
  g_autofree char *display_id = token_credential_dup_display_id (credential);

  /* The application's name is not translated. */
  return g_strdup_printf ("Soft Token: %s", display_id);
}

/* The D-Bus properties of a new item that holds @credential. */
GHashTable *
token_keyring_item_credential_properties (TokenCredential *credential)
{
  g_autoptr(GHashTable) attributes = token_keyring_item_credential_attributes (credential);
  g_autofree char *label = token_keyring_item_credential_label (credential);

  return item_properties (TOKEN_KEYRING_CREDENTIAL_SCHEMA, label, attributes);
}

char *
token_keyring_item_dup_credential_id (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *id = g_hash_table_lookup (attributes, ATTR_CREDENTIAL_ID);

  return g_strdup (id);
}

gboolean
token_keyring_item_has_id (SecretItem *item,
                           const char *credential_id)
{
  g_autofree char *id = token_keyring_item_dup_credential_id (item);

  return id != NULL && token_credential_id_equal (id, credential_id);
}

/* Items written before tokens had an internal ID get one derived from their
 * D-Bus path, which is theirs for as long as they exist; it becomes their
 * attribute when they are next written. */
static char *
legacy_internal_id (SecretItem *item)
{
  const char *path = g_dbus_proxy_get_object_path (G_DBUS_PROXY (item));
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);

  /* A version 8 (custom) UUID, so it cannot collide with a random one. */
  return g_strdup_printf ("%.8s-%.4s-8%.3s-8%.3s-%.12s",
                          digest, digest + 8, digest + 12, digest + 15, digest + 18);
}

char *
token_keyring_item_dup_internal_id (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *internal_id = g_hash_table_lookup (attributes, ATTR_INTERNAL_ID);

  if (token_credential_internal_id_is_valid (internal_id))
    return g_ascii_strdown (internal_id, -1);
  return legacy_internal_id (item);
}

gboolean
token_keyring_item_has_internal_id (SecretItem *item,
                                    const char *internal_id)
{
  g_autofree char *own = token_keyring_item_dup_internal_id (item);

  return internal_id != NULL && g_ascii_strcasecmp (own, internal_id) == 0;
}

gboolean
token_keyring_item_matches_name (SecretItem *item,
                                 const char *name)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  g_autofree char *internal_id = token_keyring_item_dup_internal_id (item);

  return token_name_matches (name, internal_id,
                             g_hash_table_lookup (attributes, ATTR_ISSUER),
                             g_hash_table_lookup (attributes, ATTR_CREDENTIAL_ID));
}

char *
token_keyring_item_dup_qualified_name (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *id = g_hash_table_lookup (attributes, ATTR_CREDENTIAL_ID);

  return token_name_qualified (g_hash_table_lookup (attributes, ATTR_ISSUER), id != NULL ? id : "");
}

/* The counter of the next HOTP code. Items written before the internal ID
 * kept the counter of the last code shown instead. */
static gboolean
item_next_counter (GHashTable  *attributes,
                   guint64     *counter,
                   GError     **error)
{
  guint64 last_used;

  if (g_hash_table_contains (attributes, ATTR_NEXT_COUNTER))
    return parse_number (attributes, ATTR_NEXT_COUNTER, 0, G_MAXUINT64, counter, error);

  if (!parse_number (attributes, ATTR_LEGACY_COUNTER, 0, G_MAXUINT64 - 1, &last_used, error))
    return FALSE;
  *counter = last_used + 1;
  return TRUE;
}

/* A credential from an item whose secret has been loaded, or a
 * TOKEN_ERROR_DAMAGED_ITEM error that says what is wrong with it. */
TokenCredential *
token_keyring_item_to_credential (SecretItem  *item,
                                  GError     **error)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  g_autoptr(SecretValue) value = secret_item_get_secret (item);
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id, *kind_name, *algorithm_name, *issuer, *label, *created_text, *expiry_text;
  TokenKind kind;
  TokenAlgorithm algorithm;
  guint64 digits, number;
  gsize size;
  const char *data;
  g_autofree char *internal_id = NULL;

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
  internal_id = token_keyring_item_dup_internal_id (item);
  token_credential_set_internal_id (credential, internal_id);
  token_credential_set_algorithm (credential, algorithm);
  token_credential_set_digits (credential, (guint) digits);

  if (kind == TOKEN_KIND_HOTP)
    {
      if (!item_next_counter (attributes, &number, error))
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

  /* Only shown in the details, so a damaged one is dropped, not fatal. */
  expiry_text = g_hash_table_lookup (attributes, ATTR_EXPIRY);
  if (expiry_text != NULL
      && g_ascii_string_to_unsigned (expiry_text, 10, 1, G_MAXINT64, &number, NULL))
    token_credential_set_expiry (credential, (gint64) number);

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

char *
token_keyring_item_damaged_description (SecretItem   *item,
                                        const GError *error)
{
  g_autofree char *id = token_keyring_item_dup_credential_id (item);
  g_autofree char *label = NULL;

  if (id != NULL && *id != '\0')
    return g_strdup_printf ("%s: %s", id, error->message);

  label = secret_item_get_label (item);
  return g_strdup_printf ("%s: %s", label != NULL ? label : "?", error->message);
}

/* The counter of the next HOTP code in the keyring, which another process
 * may have moved on since a credential was read; 0 when it is unreadable. */
guint64
token_keyring_item_counter (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  guint64 counter = 0;

  if (!item_next_counter (attributes, &counter, NULL))
    return 0;
  return counter;
}

/* ------------------------------------------------------------------------
 * Items of moves: pending moves and moved records
 */

char *
token_keyring_item_dup_transfer_id (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);

  return g_strdup (g_hash_table_lookup (attributes, ATTR_TRANSFER_ID));
}

/* A pending move of these tokens, made now: known by their internal IDs,
 * with their normalized Credential IDs for a person who browses the
 * keyring. */
GHashTable *
token_keyring_item_pending_move_properties (const char *transfer_id,
                                            GPtrArray  *credentials)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GStrvBuilder) ids_builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) internal_ids_builder = g_strv_builder_new ();
  g_auto(GStrv) credential_ids = NULL;
  g_auto(GStrv) internal_ids = NULL;
  g_autofree char *label = NULL;

  for (guint i = 0; i < credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (credentials, i);
      g_autofree char *normalized = token_credential_id_normalize (token_credential_get_credential_id (credential));

      g_strv_builder_add (ids_builder, normalized);
      g_strv_builder_add (internal_ids_builder, token_credential_get_internal_id (credential));
    }
  credential_ids = g_strv_builder_end (ids_builder);
  internal_ids = g_strv_builder_end (internal_ids_builder);

  g_hash_table_insert (attributes, (gpointer) ATTR_TRANSFER_ID, g_strdup (transfer_id));
  g_hash_table_insert (attributes, (gpointer) ATTR_CREDENTIAL_IDS, g_strjoinv ("\n", credential_ids));
  g_hash_table_insert (attributes, (gpointer) ATTR_INTERNAL_IDS, g_strjoinv ("\n", internal_ids));
  g_hash_table_insert (attributes, (gpointer) ATTR_CREATED,
                       g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC));

  /* The application's name is not translated. */
  label = g_strdup_printf ("Soft Token: move of %s", credential_ids[0]);
  return item_properties (TOKEN_KEYRING_PENDING_MOVE_SCHEMA, label, attributes);
}

/* The normalized credential IDs of a pending move item. */
GStrv
token_keyring_item_pending_move_ids (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *ids = g_hash_table_lookup (attributes, ATTR_CREDENTIAL_IDS);

  return g_strsplit (ids != NULL ? ids : "", "\n", -1);
}

/* The internal IDs of a pending move's tokens, or %NULL for a move
 * started before tokens had one. */
GStrv
token_keyring_item_pending_move_internal_ids (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *ids = g_hash_table_lookup (attributes, ATTR_INTERNAL_IDS);

  return ids != NULL ? g_strsplit (ids, "\n", -1) : NULL;
}

gboolean
token_keyring_item_pending_move_has_id (SecretItem *item,
                                        const char *credential_id)
{
  g_auto(GStrv) ids = token_keyring_item_pending_move_ids (item);

  for (guint i = 0; ids[i] != NULL; i++)
    if (*ids[i] != '\0' && token_credential_id_equal (ids[i], credential_id))
      return TRUE;
  return FALSE;
}

gboolean
token_keyring_item_pending_move_matches (SecretItem *item,
                                         const char *code)
{
  g_autoptr(SecretValue) value = secret_item_get_secret (item);
  g_autoptr(GBytes) secret = NULL;
  const char *data;
  gsize size;

  if (value == NULL)
    return FALSE;

  data = secret_value_get (value, &size);
  secret = token_secure_bytes_new (data, size);
  return size > 0 && token_transfer_confirmation_matches (secret, code);
}

/* The move a pending move item shows for one of its tokens, which is here. */
TokenMove *
token_keyring_item_pending_move_to_move (SecretItem      *item,
                                         TokenCredential *credential)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *transfer_id = g_hash_table_lookup (attributes, ATTR_TRANSFER_ID);
  TokenMove *move;

  move = token_move_new (TOKEN_MOVE_PENDING, token_credential_get_credential_id (credential),
                         transfer_id != NULL ? transfer_id : "",
                         attribute_time (attributes, ATTR_CREATED));
  token_move_set_internal_id (move, token_credential_get_internal_id (credential));
  token_move_set_issuer (move, token_credential_get_issuer (credential));
  token_move_set_label (move, token_credential_get_label (credential));
  return move;
}

/* The record of the token of @token_item moved away now, in the move
 * @transfer_id. */
GHashTable *
token_keyring_item_record_properties (SecretItem *token_item,
                                      const char *transfer_id)
{
  g_autoptr(GHashTable) token_attributes = secret_item_get_attributes (token_item);
  g_autoptr(GHashTable) attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *credential_id = g_hash_table_lookup (token_attributes, ATTR_CREDENTIAL_ID);
  g_autofree char *display_id = NULL;
  g_autofree char *label = NULL;

  g_hash_table_insert (attributes, (gpointer) ATTR_INTERNAL_ID,
                       token_keyring_item_dup_internal_id (token_item));
  g_hash_table_insert (attributes, (gpointer) ATTR_CREDENTIAL_ID, g_strdup (credential_id));
  g_hash_table_insert (attributes, (gpointer) ATTR_TRANSFER_ID, g_strdup (transfer_id));
  g_hash_table_insert (attributes, (gpointer) ATTR_MOVED,
                       g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC));
  if (g_hash_table_contains (token_attributes, ATTR_ISSUER))
    g_hash_table_insert (attributes, (gpointer) ATTR_ISSUER,
                         g_strdup (g_hash_table_lookup (token_attributes, ATTR_ISSUER)));
  if (g_hash_table_contains (token_attributes, ATTR_LABEL))
    g_hash_table_insert (attributes, (gpointer) ATTR_LABEL,
                         g_strdup (g_hash_table_lookup (token_attributes, ATTR_LABEL)));

  display_id = token_credential_id_format (credential_id);
  /* The application's name is not translated. */
  label = g_strdup_printf ("Soft Token: %s (moved)", display_id);
  return item_properties (TOKEN_KEYRING_MOVED_RECORD_SCHEMA, label, attributes);
}

/* The internal ID of the token a record is of, or %NULL for a record made
 * before tokens had one. */
char *
token_keyring_item_record_internal_id (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);

  return g_strdup (g_hash_table_lookup (attributes, ATTR_INTERNAL_ID));
}

/* The move a record shows; its item must have a credential ID. */
TokenMove *
token_keyring_item_record_to_move (SecretItem *item)
{
  g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
  const char *id = g_hash_table_lookup (attributes, ATTR_CREDENTIAL_ID);
  const char *transfer_id = g_hash_table_lookup (attributes, ATTR_TRANSFER_ID);
  TokenMove *move;

  move = token_move_new (TOKEN_MOVE_DONE, id, transfer_id != NULL ? transfer_id : "",
                         attribute_time (attributes, ATTR_MOVED));
  token_move_set_internal_id (move, g_hash_table_lookup (attributes, ATTR_INTERNAL_ID));
  token_move_set_issuer (move, g_hash_table_lookup (attributes, ATTR_ISSUER));
  token_move_set_label (move, g_hash_table_lookup (attributes, ATTR_LABEL));
  return move;
}
