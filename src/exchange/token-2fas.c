/* token-2fas.c: 2FAS Authenticator backups (.2fas), plain and encrypted
 *
 * A JSON object with "schemaVersion" (1 to 4) and "services": each service
 * has its name, its base32 "secret" and an "otp" object (account, issuer,
 * tokenType TOTP or HOTP, digits, period, counter, algorithm). Schema 1
 * gives only the account and issuer: the defaults hold for the rest.
 *
 * An encrypted backup holds the services in "servicesEncrypted", three
 * base64 parts joined by ":": the AES-256-GCM ciphertext with its tag, the
 * salt, and the 12-byte IV; the key is PBKDF2-HMAC-SHA256 of the password
 * with 10,000 iterations (fixed by 2FAS, never read from the file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "token-2fas.h"
#include "token-base32.h"
#include "token-error.h"
#include "token-exchange-crypto.h"
#include "token-exchange-json.h"
#include "token-base64.h"
#include "token-secure.h"

#define MAX_SCHEMA_VERSION 4
#define MAX_SIZE (16 * 1024 * 1024)
#define PBKDF2_ITERATIONS 10000
#define KEY_BYTES 32
#define IV_BYTES 12
#define MAX_SALT_BYTES 1024

/* Text with no JSON value in it (only spaces) parses to no root at all. */
static gboolean
holds_type (JsonNode     *node,
            JsonNodeType  type)
{
  return node != NULL && json_node_get_node_type (node) == type;
}

static JsonNode *
parse (GBytes *input)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize size;
  const char *data = g_bytes_get_data (input, &size);

  if (size == 0 || size > MAX_SIZE || !token_exchange_json_is_shallow (data, size)
      || !json_parser_load_from_data (parser, data, (gssize) size, NULL)
      || !holds_type (json_parser_get_root (parser), JSON_NODE_OBJECT))
    return NULL;

  return json_parser_steal_root (parser);
}

static gboolean
is_2fas (JsonObject *root)
{
  return json_object_has_member (root, "schemaVersion")
         && json_object_has_member (root, "services");
}

static gboolean
is_encrypted (JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "servicesEncrypted");

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

/* Whether @input is a 2FAS backup, plain or encrypted. */
gboolean
token_2fas_recognise (GBytes *input)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (input != NULL, FALSE);

  return (root = parse (input)) != NULL && is_2fas (json_node_get_object (root));
}

/* Whether @input is an encrypted 2FAS backup, which reads only with its
 * password. */
gboolean
token_2fas_is_encrypted (GBytes *input)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (input != NULL, FALSE);

  return (root = parse (input)) != NULL && is_2fas (json_node_get_object (root))
         && is_encrypted (json_node_get_object (root));
}

/* A member that is absent or null leaves the default; one of another type
 * is damage. */
static gboolean
get_string (JsonObject  *object,
            const char  *name,
            const char **value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64     *value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
damaged (GError     **error,
         const char  *member)
{
  /* Translators: the argument is a field of an entry, such as “digits” */
  g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
               _("The entry’s “%s” has the wrong type"), member);
  return FALSE;
}

static gboolean
read_kind (JsonObject  *otp,
           TokenKind   *kind,
           GError     **error)
{
  const char *type = "TOTP";

  if (!get_string (otp, "tokenType", &type))
    return damaged (error, "tokenType");
  if (!token_kind_from_string (type, kind))
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_TYPE,
                   _("Tokens of the type “%s” are not supported"), type);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_settings (TokenCredential  *credential,
               JsonObject       *otp,
               GError          **error)
{
  const char *algorithm_name = NULL;
  TokenAlgorithm algorithm;
  gint64 digits = TOKEN_DEFAULT_DIGITS;
  gint64 period = TOKEN_DEFAULT_PERIOD;
  gint64 counter = 0;

  if (!get_string (otp, "algorithm", &algorithm_name))
    return damaged (error, "algorithm");
  if (!get_int (otp, "digits", &digits))
    return damaged (error, "digits");
  if (!get_int (otp, "period", &period))
    return damaged (error, "period");
  if (!get_int (otp, "counter", &counter))
    return damaged (error, "counter");

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
  else if (period < TOKEN_MIN_PERIOD || period > TOKEN_MAX_PERIOD)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_PERIOD,
                   _("A period of %lld seconds is not supported; use 1 to %d"),
                   (long long) period, TOKEN_MAX_PERIOD);
      return FALSE;
    }
  else
    token_credential_set_period (credential, (guint) period);

  return TRUE;
}

/* The account names the token; a service without one is known by its
 * name. */
static const char *
entry_id (JsonObject *otp,
          const char *name)
{
  const char *account = NULL;

  if (get_string (otp, "account", &account) && account != NULL && *account != '\0')
    return account;

  return name;
}

static TokenCredential *
read_service (JsonObject  *service,
              const char  *name,
              GError     **error)
{
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GBytes) secret = NULL;
  const char *secret_text = NULL;
  const char *issuer = NULL;
  JsonNode *otp_node = json_object_get_member (service, "otp");
  JsonObject *otp = NULL;
  TokenKind kind;

  if (otp_node != NULL && JSON_NODE_HOLDS_OBJECT (otp_node))
    otp = json_node_get_object (otp_node);
  else if (otp_node != NULL && !JSON_NODE_HOLDS_NULL (otp_node))
    {
      damaged (error, "otp");
      return NULL;
    }

  if (!get_string (service, "secret", &secret_text))
    {
      damaged (error, "secret");
      return NULL;
    }
  if (secret_text == NULL || *secret_text == '\0')
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_MISSING_SECRET,
                           _("The entry has no secret"));
      return NULL;
    }
  if (!get_string (otp, "issuer", &issuer))
    {
      damaged (error, "issuer");
      return NULL;
    }
  if (!read_kind (otp, &kind, error))
    return NULL;
  if (!(secret = token_base32_decode (secret_text, error)))
    return NULL;

  credential = token_credential_new (entry_id (otp, name), kind, secret);
  token_credential_set_issuer (credential, issuer != NULL && *issuer != '\0' ? issuer : name);
  if (!read_settings (credential, otp, error) || !token_credential_validate (credential, error))
    return NULL;

  return g_steal_pointer (&credential);
}

static void
read_services (TokenImport *import,
               JsonArray   *services)
{
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonNode *element = json_array_get_element (services, i);
      g_autoptr(TokenCredential) credential = NULL;
      const char *name = NULL;
      GError *problem = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          token_import_add_problem (import, 0, NULL,
                                    g_error_new_literal (TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                                                         _("An entry of the backup is not an object")));
          continue;
        }
      if (!get_string (json_node_get_object (element), "name", &name) || name == NULL || *name == '\0')
        {
          g_set_error_literal (&problem, TOKEN_ERROR, TOKEN_ERROR_INVALID_LABEL,
                               _("The entry has no name"));
          token_import_add_problem (import, 0, NULL, problem);
          continue;
        }

      if ((credential = read_service (json_node_get_object (element), name, &problem)))
        token_import_add (import, credential, 0, name);
      else
        token_import_add_problem (import, 0, name, problem);
    }
}

static gboolean
encryption_damaged (GError **error)
{
  g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                       _("The 2FAS backup is damaged: its encrypted services cannot be read"));
  return FALSE;
}

/* The three parts of "servicesEncrypted", each of a size 2FAS writes. */
static gboolean
split_sealed (const char  *text,
              GBytes     **sealed,
              GBytes     **salt,
              GBytes     **iv,
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 4);

  if (g_strv_length (parts) != 3
      || !(*sealed = token_base64_decode (parts[0], strlen (parts[0])))
      || !(*salt = token_base64_decode (parts[1], strlen (parts[1])))
      || !(*iv = token_base64_decode (parts[2], strlen (parts[2])))
      || g_bytes_get_size (*salt) == 0 || g_bytes_get_size (*salt) > MAX_SALT_BYTES
      || g_bytes_get_size (*iv) != IV_BYTES
      || g_bytes_get_size (*sealed) < TOKEN_EXCHANGE_GCM_TAG_BYTES)
    return encryption_damaged (error);

  return TRUE;
}

static JsonNode *
decrypt_services (JsonObject  *root,
                  const char  *password,
                  GError     **error)
{
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) salt = NULL;
  g_autoptr(GBytes) iv = NULL;
  g_autoptr(GBytes) plaintext = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *text = NULL;
  guint8 key[KEY_BYTES];
  const char *data;
  gsize size;
  gboolean derived;

  if (!get_string (root, "servicesEncrypted", &text) || text == NULL)
    {
      encryption_damaged (error);
      return NULL;
    }
  if (!split_sealed (text, &sealed, &salt, &iv, error))
    return NULL;
  if (password == NULL || *password == '\0')
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE,
                           _("The 2FAS backup is encrypted: give its password"));
      return NULL;
    }

  derived = token_exchange_pbkdf2_sha256 (password, salt, PBKDF2_ITERATIONS, key, sizeof key);
  if (derived)
    plaintext = token_exchange_aes_gcm_decrypt (key, sizeof key, iv, sealed);
  token_secure_wipe (key, sizeof key);
  if (plaintext == NULL)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE,
                           _("The password is wrong, or the 2FAS backup is damaged"));
      return NULL;
    }

  data = g_bytes_get_data (plaintext, &size);
  if (!token_exchange_json_is_shallow (data, size)
      || !json_parser_load_from_data (parser, data, (gssize) size, NULL)
      || !holds_type (json_parser_get_root (parser), JSON_NODE_ARRAY))
    {
      encryption_damaged (error);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/**
 * token_2fas_read:
 * @input: a 2FAS backup
 * @password: (nullable): the password of an encrypted backup
 *
 * Returns: (transfer full): the good tokens and each skipped service with
 *   its reason, or %NULL with @error set when @input is not such a backup
 */
TokenImport *
token_2fas_read (GBytes      *input,
                 const char  *password,
                 GError     **error)
{
  g_autoptr(TokenImport) import = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  g_autoptr(JsonNode) decrypted = NULL;
  JsonNode *services;
  gint64 version = 0;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((root = parse (input)) == NULL || !is_2fas (object = json_node_get_object (root)))
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_FORMAT,
                           _("This is not a 2FAS backup that Soft Token reads"));
      return NULL;
    }
  if (!get_int (object, "schemaVersion", &version) || version < 1 || version > MAX_SCHEMA_VERSION)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_VERSION,
                   _("This 2FAS backup has schema version %lld; Soft Token reads versions 1 to %d"),
                   (long long) version, MAX_SCHEMA_VERSION);
      return NULL;
    }
  if (is_encrypted (object) && !(decrypted = decrypt_services (object, password, error)))
    return NULL;

  services = decrypted != NULL ? decrypted : json_object_get_member (object, "services");
  if (!holds_type (services, JSON_NODE_ARRAY))
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                           _("The 2FAS backup is damaged: its services are not a list"));
      return NULL;
    }

  import = token_import_new ();
  read_services (import, json_node_get_array (services));
  return g_steal_pointer (&import);
}
