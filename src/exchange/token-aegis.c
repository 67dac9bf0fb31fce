/* token-aegis.c
 *
 * The vault format of Aegis Authenticator (docs/vault.md in its source):
 *
 *   { "version": 1,
 *     "header": { "slots": null | [slot…], "params": null | {nonce, tag} },
 *     "db": { "version": 1…3, "entries": [entry…] } | "base64 ciphertext" }
 *
 * An encrypted db is AES-256-GCM under a random master key; each password
 * slot (type 1) holds that key, itself sealed with AES-256-GCM under
 * scrypt(password, salt, N, r, p). The scrypt parameters come from the file,
 * so they are checked against fixed bounds before anything is derived.
 *
 * json-glib keeps its own copies of the strings it parses and builds, and
 * does not wipe them: the secrets of the entries pass through it unwiped.
 * The decrypted contents, every key and the text we return are wiped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include "token-aegis.h"
#include "token-exchange-json.h"
#include "token-base32.h"
#include "token-base64.h"
#include "token-error.h"
#include "token-secure.h"

#define KEY_BYTES        32
#define NONCE_BYTES      12
#define TAG_BYTES        16
#define MIN_SALT_BYTES   16
#define MAX_SALT_BYTES   64
#define MAX_DB_VERSION   3
#define PASSWORD_SLOT    1

typedef struct
{
  guint64  n;
  guint64  r;
  guint64  p;
  GBytes  *salt;
  GBytes  *key;
  GBytes  *nonce;
  GBytes  *tag;
} PasswordSlot;

static void
password_slot_free (PasswordSlot *slot)
{
  g_clear_pointer (&slot->salt, g_bytes_unref);
  g_clear_pointer (&slot->key, g_bytes_unref);
  g_clear_pointer (&slot->nonce, g_bytes_unref);
  g_clear_pointer (&slot->tag, g_bytes_unref);
  g_free (slot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PasswordSlot, password_slot_free)

static gboolean
not_a_vault (GError     **error,
             const char  *why)
{
  /* Translators: the argument says what is wrong, e.g. “it has no entries” */
  g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_FORMAT,
               _("This is not an Aegis vault: %s"), why);
  return FALSE;
}

static JsonNode *
parse_json (const char  *text,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (length > TOKEN_AEGIS_MAX_SIZE)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("The vault is larger than %d MiB"), TOKEN_AEGIS_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (text == NULL || length == 0)
    {
      not_a_vault (error, _("it is empty"));
      return NULL;
    }
  if (!token_exchange_json_is_shallow (text, length))
    {
      not_a_vault (error, _("its structure is nested too deeply"));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, (gssize) length, NULL))
    {
      not_a_vault (error, _("it is not valid JSON"));
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      not_a_vault (error, _("it is not a JSON object"));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* Each getter returns FALSE (or NULL) when the member is there but of the
 * wrong type; a member that is absent or null leaves the default. */
static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *name,
            const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static GBytes *
hex_decode (const char *text,
            gsize       min_bytes,
            gsize       max_bytes)
{
  gsize length = text != NULL ? strlen (text) : 0;
  guint8 *out;

  if (length % 2 != 0 || length / 2 < min_bytes || length / 2 > max_bytes)
    return NULL;

  out = g_malloc (length / 2 + 1);
  for (gsize i = 0; i < length / 2; i++)
    {
      int high = g_ascii_xdigit_value (text[2 * i]);
      int low = g_ascii_xdigit_value (text[2 * i + 1]);

      if (high < 0 || low < 0)
        {
          token_secure_wipe (out, i);
          g_free (out);
          return NULL;
        }
      out[i] = (guint8) (high << 4 | low);
    }

  return token_secure_bytes_new_take (out, length / 2);
}

static gboolean
read_gcm_params (JsonObject  *params,
                 GBytes     **nonce,
                 GBytes     **tag)
{
  const char *nonce_hex = NULL;
  const char *tag_hex = NULL;

  if (params == NULL
      || !get_string (params, "nonce", &nonce_hex)
      || !get_string (params, "tag", &tag_hex))
    return FALSE;

  *nonce = hex_decode (nonce_hex, NONCE_BYTES, NONCE_BYTES);
  *tag = hex_decode (tag_hex, TAG_BYTES, TAG_BYTES);
  return *nonce != NULL && *tag != NULL;
}

static gboolean
scrypt_parameters_are_safe (guint64 n,
                            guint64 r,
                            guint64 p)
{
  return n >= TOKEN_AEGIS_MIN_SCRYPT_N && n <= TOKEN_AEGIS_MAX_SCRYPT_N
      && (n & (n - 1)) == 0
      && r >= 1 && r <= TOKEN_AEGIS_MAX_SCRYPT_R
      && p >= 1 && p <= TOKEN_AEGIS_MAX_SCRYPT_P
      && 128 * r * n <= TOKEN_AEGIS_MAX_SCRYPT_MEMORY;
}

/* Reads a password slot, checking everything in it, its scrypt parameters
 * first. Other slot types (biometric keys of the phone) are no use here. */
static PasswordSlot *
read_password_slot (JsonObject  *object,
                    GError     **error)
{
  g_autoptr(PasswordSlot) slot = g_new0 (PasswordSlot, 1);
  const char *salt = NULL;
  const char *key = NULL;
  gint64 n = 0, r = 0, p = 0;

  if (!get_int (object, "n", &n) || !get_int (object, "r", &r) || !get_int (object, "p", &p))
    {
      not_a_vault (error, _("a password slot has parameters that are not numbers"));
      return NULL;
    }

  if (n < 0 || r < 0 || p < 0 || !scrypt_parameters_are_safe ((guint64) n, (guint64) r, (guint64) p))
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PARAMETERS,
                   _("The vault asks for password parameters outside the safe range "
                     "(N = %lld, r = %lld, p = %lld)"),
                   (long long) n, (long long) r, (long long) p);
      return NULL;
    }
  slot->n = (guint64) n;
  slot->r = (guint64) r;
  slot->p = (guint64) p;

  if (!get_string (object, "salt", &salt) || !get_string (object, "key", &key)
      || !(slot->salt = hex_decode (salt, MIN_SALT_BYTES, MAX_SALT_BYTES))
      || !(slot->key = hex_decode (key, KEY_BYTES, KEY_BYTES))
      || !read_gcm_params (get_object (object, "key_params"), &slot->nonce, &slot->tag))
    {
      not_a_vault (error, _("a password slot is damaged"));
      return NULL;
    }

  return g_steal_pointer (&slot);
}

static GPtrArray *
read_password_slots (JsonObject  *header,
                     GError     **error)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) password_slot_free);
  JsonNode *node = json_object_get_member (header, "slots");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      not_a_vault (error, _("it is encrypted but has no key slots"));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      gint64 type = -1;
      PasswordSlot *slot;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          not_a_vault (error, _("a key slot is not an object"));
          return NULL;
        }
      object = json_node_get_object (element);
      if (!get_int (object, "type", &type))
        {
          not_a_vault (error, _("a key slot has a type that is not a number"));
          return NULL;
        }
      if (type != PASSWORD_SLOT)
        continue;
      if (!(slot = read_password_slot (object, error)))
        return NULL;
      g_ptr_array_add (slots, slot);
    }

  if (slots->len == 0)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_FORMAT,
                           _("The vault cannot be opened with a password; in Aegis, set a password and export it again"));
      return NULL;
    }

  return g_steal_pointer (&slots);
}

static GBytes *
gcm_decrypt (const guint8 *key,
             GBytes       *nonce,
             GBytes       *tag,
             const guint8 *ciphertext,
             gsize         size)
{
  g_autoptr(GBytes) plaintext = NULL;
  EVP_CIPHER_CTX *context;
  guint8 *out;
  int length = 0;
  int final_length = 0;
  gboolean ok;

  if (size > G_MAXINT)
    return NULL;

  out = g_malloc (size + 1);
  plaintext = token_secure_bytes_new_take (out, size);

  context = EVP_CIPHER_CTX_new ();
  ok = context != NULL
       && EVP_DecryptInit_ex (context, EVP_aes_256_gcm (), NULL, NULL, NULL) == 1
       && EVP_CIPHER_CTX_ctrl (context, EVP_CTRL_GCM_SET_IVLEN, NONCE_BYTES, NULL) == 1
       && EVP_DecryptInit_ex (context, NULL, NULL, key, g_bytes_get_data (nonce, NULL)) == 1
       && EVP_DecryptUpdate (context, out, &length, ciphertext, (int) size) == 1
       && EVP_CIPHER_CTX_ctrl (context, EVP_CTRL_GCM_SET_TAG, TAG_BYTES,
                               (void *) g_bytes_get_data (tag, NULL)) == 1
       && EVP_DecryptFinal_ex (context, out + length, &final_length) == 1;
  EVP_CIPHER_CTX_free (context);

  return ok ? g_steal_pointer (&plaintext) : NULL;
}

static gboolean
derive_slot_key (const PasswordSlot  *slot,
                 const char          *password,
                 guint8               key[KEY_BYTES],
                 GError             **error)
{
  EVP_KDF *kdf = EVP_KDF_fetch (NULL, "SCRYPT", NULL);
  EVP_KDF_CTX *context = kdf != NULL ? EVP_KDF_CTX_new (kdf) : NULL;
  uint64_t n = slot->n;
  uint32_t r = (uint32_t) slot->r;
  uint32_t p = (uint32_t) slot->p;
  /* What OpenSSL's scrypt allocates for these parameters, and a margin. */
  uint64_t maxmem = 128 * slot->r * (slot->n + 2) + 128 * slot->r * slot->p + 1024 * 1024;
  OSSL_PARAM params[] = {
    OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_PASSWORD, (void *) password, strlen (password)),
    OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_SALT,
                                       (void *) g_bytes_get_data (slot->salt, NULL),
                                       g_bytes_get_size (slot->salt)),
    OSSL_PARAM_construct_uint64 (OSSL_KDF_PARAM_SCRYPT_N, &n),
    OSSL_PARAM_construct_uint32 (OSSL_KDF_PARAM_SCRYPT_R, &r),
    OSSL_PARAM_construct_uint32 (OSSL_KDF_PARAM_SCRYPT_P, &p),
    OSSL_PARAM_construct_uint64 (OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
    OSSL_PARAM_construct_end (),
  };
  gboolean ok = context != NULL && EVP_KDF_derive (context, key, KEY_BYTES, params) == 1;

  EVP_KDF_CTX_free (context);
  EVP_KDF_free (kdf);

  if (!ok)
    g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_CRYPTO,
                         _("The key of the vault could not be derived from its password"));
  return ok;
}

static GBytes *
unlock_master_key (GPtrArray   *slots,
                   const char  *password,
                   GError     **error)
{
  for (guint i = 0; i < slots->len; i++)
    {
      const PasswordSlot *slot = g_ptr_array_index (slots, i);
      guint8 slot_key[KEY_BYTES];
      GBytes *master_key;

      if (!derive_slot_key (slot, password, slot_key, error))
        return NULL;

      master_key = gcm_decrypt (slot_key, slot->nonce, slot->tag,
                                g_bytes_get_data (slot->key, NULL), g_bytes_get_size (slot->key));
      token_secure_wipe (slot_key, sizeof slot_key);
      if (master_key != NULL)
        return master_key;
    }

  g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE,
                       _("Wrong password, or the vault is damaged"));
  return NULL;
}

static GBytes *
decrypt_contents (JsonObject  *header,
                  const char  *db,
                  const char  *password,
                  GError     **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GBytes) master_key = NULL;
  g_autoptr(GBytes) ciphertext = NULL;
  g_autoptr(GBytes) nonce = NULL;
  g_autoptr(GBytes) tag = NULL;
  GBytes *contents;

  if (!(slots = read_password_slots (header, error)))
    return NULL;
  if (!read_gcm_params (get_object (header, "params"), &nonce, &tag))
    {
      not_a_vault (error, _("its encryption parameters are damaged"));
      return NULL;
    }
  if (!(ciphertext = token_base64_decode (db, strlen (db))))
    {
      not_a_vault (error, _("its encrypted contents are not valid base64"));
      return NULL;
    }

  if (password == NULL)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE,
                           _("The vault is encrypted; its password is needed"));
      return NULL;
    }

  if (!(master_key = unlock_master_key (slots, password, error)))
    return NULL;

  contents = gcm_decrypt (g_bytes_get_data (master_key, NULL), nonce, tag,
                          g_bytes_get_data (ciphertext, NULL), g_bytes_get_size (ciphertext));
  if (contents == NULL)
    g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                         _("The vault is damaged: its contents do not match its key"));
  return contents;
}

static gboolean
entry_damaged (GError     **error,
               const char  *member)
{
  /* Translators: the argument is a field of an Aegis entry, such as “digits” */
  g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
               _("The entry’s “%s” has the wrong type"), member);
  return FALSE;
}

static gboolean
read_settings (TokenCredential  *credential,
               JsonObject       *info,
               GError          **error)
{
  const char *algorithm_name = NULL;
  TokenAlgorithm algorithm;
  gint64 digits = TOKEN_DEFAULT_DIGITS;
  gint64 period = TOKEN_DEFAULT_PERIOD;
  gint64 counter = -1;

  if (!get_string (info, "algo", &algorithm_name))
    return entry_damaged (error, "algo");
  if (!get_int (info, "digits", &digits))
    return entry_damaged (error, "digits");
  if (!get_int (info, "period", &period))
    return entry_damaged (error, "period");
  if (!get_int (info, "counter", &counter))
    return entry_damaged (error, "counter");

  if (algorithm_name != NULL)
    {
      if (!token_algorithm_from_string (algorithm_name, &algorithm))
        {
          g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_ALGORITHM,
                       _("The algorithm “%s” is not supported; use SHA1, SHA256 or SHA512"),
                       algorithm_name);
          return FALSE;
        }
      token_credential_set_algorithm (credential, algorithm);
    }

  if (digits < TOKEN_MIN_DIGITS || digits > TOKEN_MAX_DIGITS)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_DIGITS,
                   _("Codes of %lld digits are not supported; use 6, 7 or 8"), (long long) digits);
      return FALSE;
    }
  token_credential_set_digits (credential, (guint) digits);

  if (token_credential_get_kind (credential) == TOKEN_KIND_HOTP)
    {
      if (counter < 0)
        {
          g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_MISSING_COUNTER,
                               _("The counter-based (HOTP) entry has no valid counter"));
          return FALSE;
        }
      token_credential_set_counter (credential, (guint64) counter);
    }
  else
    {
      if (period < TOKEN_MIN_PERIOD || period > TOKEN_MAX_PERIOD)
        {
          g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_PERIOD,
                       _("A period of %lld seconds is not supported; use 1 to %d"),
                       (long long) period, TOKEN_MAX_PERIOD);
          return FALSE;
        }
      token_credential_set_period (credential, (guint) period);
    }

  return TRUE;
}

static TokenCredential *
read_entry (JsonObject  *entry,
            const char  *name,
            GError     **error)
{
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GBytes) secret = NULL;
  const char *type = NULL;
  const char *issuer = NULL;
  const char *secret_text = NULL;
  JsonObject *info;
  TokenKind kind;

  if (!get_string (entry, "type", &type) || type == NULL)
    {
      entry_damaged (error, "type");
      return NULL;
    }
  if (!token_kind_from_string (type, &kind))
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_TYPE,
                   _("Tokens of the type “%s” are not supported"), type);
      return NULL;
    }
  if (!get_string (entry, "issuer", &issuer))
    {
      entry_damaged (error, "issuer");
      return NULL;
    }
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_LABEL,
                           _("The entry has no name"));
      return NULL;
    }
  if ((info = get_object (entry, "info")) == NULL)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                           _("The entry has no “info” section with its secret"));
      return NULL;
    }
  if (!get_string (info, "secret", &secret_text))
    {
      entry_damaged (error, "secret");
      return NULL;
    }
  if (secret_text == NULL || *secret_text == '\0')
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_MISSING_SECRET,
                           _("The entry has no secret"));
      return NULL;
    }
  if (!(secret = token_base32_decode (secret_text, error)))
    return NULL;

  credential = token_credential_new (name, kind, secret);
  token_credential_set_issuer (credential, issuer != NULL && *issuer != '\0' ? issuer : NULL);
  if (!read_settings (credential, info, error))
    return NULL;

  return g_steal_pointer (&credential);
}

static TokenImport *
read_contents (JsonNode  *db,
               GError   **error)
{
  g_autoptr(TokenImport) import = token_import_new ();
  JsonObject *object = json_node_get_object (db);
  JsonNode *entries;
  JsonArray *array;
  gint64 version = 0;

  if (!get_int (object, "version", &version) || version < 1)
    {
      not_a_vault (error, _("its contents have no version"));
      return NULL;
    }
  if (version > MAX_DB_VERSION)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_VERSION,
                   _("The vault was written by a newer Aegis (contents version %lld)"),
                   (long long) version);
      return NULL;
    }

  entries = json_object_get_member (object, "entries");
  if (entries == NULL || !JSON_NODE_HOLDS_ARRAY (entries))
    {
      not_a_vault (error, _("it has no list of entries"));
      return NULL;
    }

  array = json_node_get_array (entries);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(TokenCredential) credential = NULL;
      const char *name = NULL;
      GError *problem = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          token_import_add_problem (import, 0, NULL,
                                    g_error_new_literal (TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                                                         _("An entry of the vault is not an object")));
          continue;
        }
      if (!get_string (json_node_get_object (element), "name", &name))
        entry_damaged (&problem, "name");
      else
        credential = read_entry (json_node_get_object (element), name, &problem);

      if (credential != NULL)
        token_import_add (import, credential, 0, name);
      else
        token_import_add_problem (import, 0, name != NULL && *name != '\0' ? name : NULL, problem);
    }

  return g_steal_pointer (&import);
}

static gboolean
check_vault_version (JsonObject  *root,
                     GError     **error)
{
  gint64 version = 0;

  if (!get_int (root, "version", &version) || version < 1)
    return not_a_vault (error, _("it has no version"));
  if (version != 1)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_VERSION,
                   _("The vault was written by a newer Aegis (version %lld)"), (long long) version);
      return FALSE;
    }

  return TRUE;
}

/**
 * token_aegis_is_encrypted:
 * @vault: the file
 *
 * Returns: whether @vault looks like an encrypted Aegis vault, so that its
 *   password should be asked for before token_aegis_read()
 */
gboolean
token_aegis_is_encrypted (GBytes *vault)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *db;
  const char *text;
  gsize size;

  g_return_val_if_fail (vault != NULL, FALSE);

  text = g_bytes_get_data (vault, &size);
  if (!(root = parse_json (text, size, NULL)))
    return FALSE;

  db = json_object_get_member (json_node_get_object (root), "db");
  return db != NULL && JSON_NODE_HOLDS_VALUE (db) && json_node_get_value_type (db) == G_TYPE_STRING;
}

/**
 * token_aegis_read:
 * @vault: the file, as Aegis exports it
 * @password: (nullable): its password, when it is encrypted
 *
 * Returns: (transfer full): the tokens and, for each entry that was skipped,
 *   its name and why; or %NULL with @error set when the vault as a whole
 *   cannot be read: %TOKEN_ERROR_BAD_PASSPHRASE (no password or a wrong
 *   one), %TOKEN_ERROR_BAD_PARAMETERS (unsafe scrypt parameters),
 *   %TOKEN_ERROR_DAMAGED_FILE, %TOKEN_ERROR_UNSUPPORTED_FORMAT,
 *   %TOKEN_ERROR_UNSUPPORTED_VERSION or %TOKEN_ERROR_TOO_LARGE
 */
TokenImport *
token_aegis_read (GBytes      *vault,
                  const char  *password,
                  GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) contents = NULL;
  g_autoptr(GBytes) plaintext = NULL;
  JsonObject *object;
  JsonObject *header;
  JsonNode *db;
  const char *text;
  gsize size;

  g_return_val_if_fail (vault != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_bytes_get_data (vault, &size);
  if (!(root = parse_json (text, size, error)))
    return NULL;

  /* Only a file with an Aegis vault's shape may be called one written by
   * a newer Aegis: other apps' JSON has versions too. */
  object = json_node_get_object (root);
  if ((header = get_object (object, "header")) == NULL)
    {
      not_a_vault (error, _("it has no header"));
      return NULL;
    }
  if ((db = json_object_get_member (object, "db")) == NULL)
    {
      not_a_vault (error, _("it has no contents"));
      return NULL;
    }
  if (!check_vault_version (object, error))
    return NULL;

  if (db != NULL && JSON_NODE_HOLDS_OBJECT (db))
    return read_contents (db, error);

  if (db == NULL || !JSON_NODE_HOLDS_VALUE (db) || json_node_get_value_type (db) != G_TYPE_STRING)
    {
      not_a_vault (error, _("it has no contents"));
      return NULL;
    }

  if (!(plaintext = decrypt_contents (header, json_node_get_string (db), password, error)))
    return NULL;

  text = g_bytes_get_data (plaintext, &size);
  if (!(contents = parse_json (text, size, error)))
    {
      g_clear_error (error);
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                           _("The vault is damaged: its decrypted contents are not valid"));
      return NULL;
    }

  return read_contents (contents, error);
}

static void
add_entry (JsonBuilder     *builder,
           TokenCredential *credential)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(TokenSecureString) secret = token_base32_encode (token_credential_get_secret (credential));
  const char *issuer = token_credential_get_issuer (credential);
  gboolean hotp = token_credential_get_kind (credential) == TOKEN_KIND_HOTP;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, token_kind_to_string (token_credential_get_kind (credential)));
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, uuid);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, token_credential_get_credential_id (credential));
  json_builder_set_member_name (builder, "issuer");
  json_builder_add_string_value (builder, issuer != NULL ? issuer : "");
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "favorite");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "icon");
  json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "info");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "secret");
  json_builder_add_string_value (builder, secret);
  json_builder_set_member_name (builder, "algo");
  json_builder_add_string_value (builder,
                                 token_algorithm_to_string (token_credential_get_algorithm (credential)));
  json_builder_set_member_name (builder, "digits");
  json_builder_add_int_value (builder, token_credential_get_digits (credential));
  json_builder_set_member_name (builder, hotp ? "counter" : "period");
  json_builder_add_int_value (builder, hotp ? (gint64) token_credential_get_counter (credential)
                                            : (gint64) token_credential_get_period (credential));
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

/**
 * token_aegis_write:
 * @credentials: (element-type TokenCredential): the tokens to write
 *
 * Writes a plain (unencrypted) Aegis vault, which Aegis imports.
 *
 * Returns: (transfer full): the JSON text, wiped when freed, or %NULL with
 *   @error set when a counter does not fit the format
 */
GBytes *
token_aegis_write (GPtrArray  *credentials,
                   GError    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize length;

  g_return_val_if_fail (credentials != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (credentials, i);

      if (token_credential_get_counter (credential) > G_MAXINT64)
        {
          g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_COUNTER,
                       _("Aegis cannot hold “%s”: its counter is too large"),
                       token_credential_get_credential_id (credential));
          return NULL;
        }
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "header");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "slots");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "params");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "db");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 2);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < credentials->len; i++)
    add_entry (builder, g_ptr_array_index (credentials, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);

  return token_secure_bytes_new_take (text, length);
}
