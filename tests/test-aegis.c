/* test-aegis.c: Aegis vaults, written by us and read back, and encrypted
 * here with OpenSSL the way Aegis encrypts them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include "token-aegis.h"
#include "token-error.h"
#include "token-secure.h"

#define PASSWORD "correct horse battery staple"
/* Small parameters keep the test quick; Aegis itself writes N = 2^15. */
#define TEST_N 1024

static GPtrArray *
sample_credentials (void)
{
  GPtrArray *credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) secret = token_secure_bytes_new ("12345678901234567890", 20);
  TokenCredential *credential;

  credential = token_credential_new_random (NULL);
  token_credential_set_issuer (credential, "信用金庫");
  g_ptr_array_add (credentials, credential);

  credential = token_credential_new_random ("TEST");
  token_credential_set_algorithm (credential, TOKEN_ALGORITHM_SHA512);
  token_credential_set_digits (credential, 8);
  token_credential_set_period (credential, 60);
  g_ptr_array_add (credentials, credential);

  credential = token_credential_new ("counter@example.com", TOKEN_KIND_HOTP, secret);
  token_credential_set_algorithm (credential, TOKEN_ALGORITHM_SHA256);
  token_credential_set_digits (credential, 7);
  token_credential_set_counter (credential, 123456789);
  token_credential_set_issuer (credential, "Example \"quoted\"");
  g_ptr_array_add (credentials, credential);

  return credentials;
}

static void
assert_same_credentials (GPtrArray   *expected,
                         TokenImport *import)
{
  GListModel *model = token_import_get_credentials (import);

  g_assert_cmpuint (token_import_get_n_problems (import), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (model, i);

      g_assert_true (token_credential_equal (credential, g_ptr_array_index (expected, i)));
    }
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) credentials = sample_credentials ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) vault = token_aegis_write (credentials, &error);
  g_autoptr(TokenImport) import = NULL;

  g_assert_no_error (error);
  g_assert_false (token_aegis_is_encrypted (vault));

  import = token_aegis_read (vault, NULL, &error);
  g_assert_no_error (error);
  assert_same_credentials (credentials, import);
}

static GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static char *
to_hex (const guint8 *data,
        gsize         size)
{
  char *hex = g_malloc (size * 2 + 1);

  for (gsize i = 0; i < size; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", data[i]);
  return hex;
}

static void
scrypt_key (const char   *password,
            const guint8 *salt,
            gsize         salt_size,
            guint8        key[32])
{
  EVP_KDF *kdf = EVP_KDF_fetch (NULL, "SCRYPT", NULL);
  EVP_KDF_CTX *context = EVP_KDF_CTX_new (kdf);
  uint64_t n = TEST_N;
  uint32_t r = 8;
  uint32_t p = 1;
  OSSL_PARAM params[] = {
    OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_PASSWORD, (void *) password, strlen (password)),
    OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_SALT, (void *) salt, salt_size),
    OSSL_PARAM_construct_uint64 (OSSL_KDF_PARAM_SCRYPT_N, &n),
    OSSL_PARAM_construct_uint32 (OSSL_KDF_PARAM_SCRYPT_R, &r),
    OSSL_PARAM_construct_uint32 (OSSL_KDF_PARAM_SCRYPT_P, &p),
    OSSL_PARAM_construct_end (),
  };

  g_assert_cmpint (EVP_KDF_derive (context, key, 32, params), ==, 1);
  EVP_KDF_CTX_free (context);
  EVP_KDF_free (kdf);
}

/* AES-256-GCM with a random nonce; the nonce and tag come back in hex. */
static guint8 *
gcm_seal (const guint8  key[32],
          const guint8 *plaintext,
          gsize         size,
          char        **nonce_hex,
          char        **tag_hex)
{
  EVP_CIPHER_CTX *context = EVP_CIPHER_CTX_new ();
  guint8 *ciphertext = g_malloc (size + 1);
  guint8 nonce[12];
  guint8 tag[16];
  int length = 0;

  g_assert_cmpint (RAND_bytes (nonce, sizeof nonce), ==, 1);
  g_assert_cmpint (EVP_EncryptInit_ex (context, EVP_aes_256_gcm (), NULL, key, nonce), ==, 1);
  g_assert_cmpint (EVP_EncryptUpdate (context, ciphertext, &length, plaintext, (int) size), ==, 1);
  g_assert_cmpint (EVP_EncryptFinal_ex (context, ciphertext + length, &length), ==, 1);
  g_assert_cmpint (EVP_CIPHER_CTX_ctrl (context, EVP_CTRL_GCM_GET_TAG, 16, tag), ==, 1);
  EVP_CIPHER_CTX_free (context);

  *nonce_hex = to_hex (nonce, sizeof nonce);
  *tag_hex = to_hex (tag, sizeof tag);
  return ciphertext;
}

static char *
password_slot (const char   *password,
               const guint8  master_key[32])
{
  guint8 salt[32];
  guint8 key[32];
  g_autofree char *salt_hex = NULL;
  g_autofree char *nonce_hex = NULL;
  g_autofree char *tag_hex = NULL;
  g_autofree char *sealed_hex = NULL;
  g_autofree guint8 *sealed = NULL;

  g_assert_cmpint (RAND_bytes (salt, sizeof salt), ==, 1);
  scrypt_key (password, salt, sizeof salt, key);
  sealed = gcm_seal (key, master_key, 32, &nonce_hex, &tag_hex);
  sealed_hex = to_hex (sealed, 32);
  salt_hex = to_hex (salt, sizeof salt);

  return g_strdup_printf ("{\"type\": 1, \"uuid\": \"4f5a37cf-3fa8-4b57-9b4f-21d3e05b7c0a\", "
                          "\"key\": \"%s\", \"key_params\": {\"nonce\": \"%s\", \"tag\": \"%s\"}, "
                          "\"n\": %d, \"r\": 8, \"p\": 1, \"salt\": \"%s\", "
                          "\"repaired\": true, \"is_backup\": false}",
                          sealed_hex, nonce_hex, tag_hex, TEST_N, salt_hex);
}

/* The “db” object of a plain vault, as text. */
static char *
plain_contents (GBytes *plain_vault)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (plain_vault, NULL),
                                             (gssize) g_bytes_get_size (plain_vault), NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  return json_to_string (json_object_get_member (root, "db"), FALSE);
}

/* An encrypted vault of @credentials: a biometric slot Aegis would have on a
 * phone, a slot for another password, then one for PASSWORD. @tamper
 * changes the tag of the contents. */
static GBytes *
encrypted_vault (GPtrArray *credentials,
                 gboolean   tamper)
{
  g_autoptr(GBytes) plain = token_aegis_write (credentials, NULL);
  g_autofree char *contents = plain_contents (plain);
  g_autofree char *other_slot = NULL;
  g_autofree char *right_slot = NULL;
  g_autofree char *nonce_hex = NULL;
  g_autofree char *tag_hex = NULL;
  g_autofree guint8 *ciphertext = NULL;
  g_autofree char *db = NULL;
  guint8 master_key[32];
  char *vault;

  g_assert_cmpint (RAND_bytes (master_key, sizeof master_key), ==, 1);
  other_slot = password_slot ("another password", master_key);
  right_slot = password_slot (PASSWORD, master_key);
  ciphertext = gcm_seal (master_key, (const guint8 *) contents, strlen (contents), &nonce_hex, &tag_hex);
  db = g_base64_encode (ciphertext, strlen (contents));
  if (tamper)
    tag_hex[0] = tag_hex[0] == '0' ? '1' : '0';

  vault = g_strdup_printf ("{\"version\": 1, \"header\": {\"slots\": ["
                           "{\"type\": 2, \"uuid\": \"x\", \"key\": \"00\", \"key_params\": null}, "
                           "%s, %s], \"params\": {\"nonce\": \"%s\", \"tag\": \"%s\"}}, "
                           "\"db\": \"%s\"}",
                           other_slot, right_slot, nonce_hex, tag_hex, db);
  return g_bytes_new_take (vault, strlen (vault));
}

static void
test_encrypted (void)
{
  g_autoptr(GPtrArray) credentials = sample_credentials ();
  g_autoptr(GBytes) vault = encrypted_vault (credentials, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = NULL;

  g_assert_true (token_aegis_is_encrypted (vault));

  import = token_aegis_read (vault, PASSWORD, &error);
  g_assert_no_error (error);
  assert_same_credentials (credentials, import);
  g_clear_object (&import);

  import = token_aegis_read (vault, "wrong password", &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE);
  g_assert_null (import);
  g_clear_error (&error);

  import = token_aegis_read (vault, NULL, &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE);
  g_assert_null (import);
}

static void
test_tampered (void)
{
  g_autoptr(GPtrArray) credentials = sample_credentials ();
  g_autoptr(GBytes) vault = encrypted_vault (credentials, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = token_aegis_read (vault, PASSWORD, &error);

  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE);
  g_assert_null (import);
}

/* A vault whose only slot asks for @n, @r and @p (JSON text). With such
 * numbers, deriving a key would take hours or all the memory: they must be
 * refused before, even with the right password. */
static void
assert_parameters_refused (const char *n,
                           const char *r,
                           const char *p,
                           gint        code)
{
  g_autofree char *text = g_strdup_printf (
    "{\"version\": 1, \"header\": {\"slots\": [{\"type\": 1, \"uuid\": \"x\", "
    "\"key\": \"%064d\", \"key_params\": {\"nonce\": \"%024d\", \"tag\": \"%032d\"}, "
    "\"n\": %s, \"r\": %s, \"p\": %s, \"salt\": \"%064d\"}], "
    "\"params\": {\"nonce\": \"%024d\", \"tag\": \"%032d\"}}, \"db\": \"AAAA\"}",
    0, 0, 0, n, r, p, 0, 0, 0);
  g_autoptr(GBytes) vault = bytes_from_string (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = token_aegis_read (vault, PASSWORD, &error);

  g_assert_error (error, TOKEN_ERROR, code);
  g_assert_null (import);
}

static void
test_absurd_scrypt (void)
{
  assert_parameters_refused ("1073741824", "8", "1", TOKEN_ERROR_BAD_PARAMETERS);
  assert_parameters_refused ("9223372036854775807", "8", "1", TOKEN_ERROR_BAD_PARAMETERS);
  assert_parameters_refused ("-32768", "8", "1", TOKEN_ERROR_BAD_PARAMETERS);
  assert_parameters_refused ("32769", "8", "1", TOKEN_ERROR_BAD_PARAMETERS);
  assert_parameters_refused ("512", "8", "1", TOKEN_ERROR_BAD_PARAMETERS);
  assert_parameters_refused ("32768", "0", "1", TOKEN_ERROR_BAD_PARAMETERS);
  assert_parameters_refused ("32768", "1000000", "1", TOKEN_ERROR_BAD_PARAMETERS);
  assert_parameters_refused ("32768", "8", "0", TOKEN_ERROR_BAD_PARAMETERS);
  assert_parameters_refused ("32768", "8", "1000000", TOKEN_ERROR_BAD_PARAMETERS);
  /* Each within its bounds, but 4 GiB together */
  assert_parameters_refused ("1048576", "32", "1", TOKEN_ERROR_BAD_PARAMETERS);
  /* Numbers of the wrong type */
  assert_parameters_refused ("\"32768\"", "8", "1", TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_parameters_refused ("32768.0", "8", "1", TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_parameters_refused ("32768", "[8]", "1", TOKEN_ERROR_UNSUPPORTED_FORMAT);
}

static void
test_bad_entries (void)
{
  static const char vault_text[] =
    "{\"version\": 1, \"header\": {\"slots\": null, \"params\": null}, \"db\": {\"version\": 2, \"entries\": ["
    "{\"type\": \"totp\", \"name\": \"good\", \"issuer\": \"Bank\", \"info\": {\"secret\": \"JBSWY3DPEHPK3PXP\", \"algo\": \"SHA1\", \"digits\": 6, \"period\": 30}},"
    "{\"type\": \"steam\", \"name\": \"Steam\", \"info\": {\"secret\": \"GEZDGNBVGY3TQOJQ\", \"algo\": \"SHA1\", \"digits\": 5, \"period\": 30}},"
    "{\"type\": \"totp\", \"name\": \"string-digits\", \"info\": {\"secret\": \"GEZDGNBVGY3TQOJR\", \"digits\": \"6\"}},"
    "{\"type\": \"totp\", \"name\": \"no-info\"},"
    "{\"type\": \"totp\", \"name\": \"bad-secret\", \"info\": {\"secret\": \"not base32!\"}},"
    "{\"type\": \"totp\", \"name\": \"zero-period\", \"info\": {\"secret\": \"GEZDGNBVGY3TQOJS\", \"period\": 0}},"
    "{\"type\": \"hotp\", \"name\": \"no-counter\", \"info\": {\"secret\": \"GEZDGNBVGY3TQOJT\"}},"
    "{\"type\": \"totp\", \"name\": \"md5\", \"info\": {\"secret\": \"GEZDGNBVGY3TQOJU\", \"algo\": \"MD5\"}},"
    "{\"type\": \"totp\", \"name\": \"nine-digits\", \"info\": {\"secret\": \"GEZDGNBVGY3TQOJV\", \"digits\": 9}},"
    "{\"type\": \"totp\", \"name\": 42, \"info\": {\"secret\": \"GEZDGNBVGY3TQOJW\"}},"
    "[\"not an object\"],"
    "{\"type\": \"totp\", \"name\": \"again\", \"issuer\": \"Other\", \"info\": {\"secret\": \"JBSWY3DPEHPK3PXP\"}},"
    "{\"type\": \"hotp\", \"name\": \"counter\", \"issuer\": null, \"info\": {\"secret\": \"GEZDGNBVGY3TQOJX\", \"algo\": \"SHA256\", \"digits\": 8, \"counter\": 5}}"
    "]}}";
  static const struct { const char *name; gint code; } expected[] = {
    { "Steam", TOKEN_ERROR_UNSUPPORTED_TYPE },
    { "string-digits", TOKEN_ERROR_DAMAGED_FILE },
    { "no-info", TOKEN_ERROR_DAMAGED_FILE },
    { "bad-secret", TOKEN_ERROR_INVALID_BASE32 },
    { "zero-period", TOKEN_ERROR_INVALID_PERIOD },
    { "no-counter", TOKEN_ERROR_MISSING_COUNTER },
    { "md5", TOKEN_ERROR_UNSUPPORTED_ALGORITHM },
    { "nine-digits", TOKEN_ERROR_INVALID_DIGITS },
    { NULL, TOKEN_ERROR_DAMAGED_FILE },
    { NULL, TOKEN_ERROR_DAMAGED_FILE },
    { "again", TOKEN_ERROR_EXISTS },
  };
  g_autoptr(GBytes) vault = bytes_from_string (vault_text);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = token_aegis_read (vault, NULL, &error);
  GListModel *model;
  g_autoptr(TokenCredential) good = NULL;
  g_autoptr(TokenCredential) counter = NULL;

  g_assert_no_error (error);
  model = token_import_get_credentials (import);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  good = g_list_model_get_item (model, 0);
  g_assert_cmpstr (token_credential_get_credential_id (good), ==, "good");
  g_assert_cmpstr (token_credential_get_issuer (good), ==, "Bank");
  counter = g_list_model_get_item (model, 1);
  g_assert_cmpint (token_credential_get_kind (counter), ==, TOKEN_KIND_HOTP);
  g_assert_cmpuint (token_credential_get_counter (counter), ==, 5);
  g_assert_cmpuint (token_credential_get_digits (counter), ==, 8);
  g_assert_null (token_credential_get_issuer (counter));

  g_assert_cmpuint (token_import_get_n_problems (import), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const TokenImportProblem *problem = token_import_get_problem (import, i);
      g_autofree char *description = token_import_describe_problem (problem);

      g_test_message ("%s", description);
      g_assert_cmpstr (problem->name, ==, expected[i].name);
      g_assert_error (problem->error, TOKEN_ERROR, expected[i].code);
    }
}

static void
assert_vault_refused (const char *text,
                      gint        code)
{
  g_autoptr(GBytes) vault = bytes_from_string (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = token_aegis_read (vault, PASSWORD, &error);

  g_assert_error (error, TOKEN_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_null (import);
}

static void
test_not_a_vault (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *deep_vault = g_strconcat ("{\"version\": 1, \"header\": {}, \"db\": ", deep, NULL);
  g_autofree char *huge = g_strnfill (TOKEN_AEGIS_MAX_SIZE + 1, ' ');

  assert_vault_refused ("", TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused ("not json", TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused ("[1, 2]", TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused ("{\"version\": \"1\", \"header\": {}, \"db\": {}}", TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused ("{\"version\": 2, \"header\": {}, \"db\": {}}", TOKEN_ERROR_UNSUPPORTED_VERSION);
  assert_vault_refused ("{\"version\": 1, \"db\": {}}", TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused ("{\"version\": 1, \"header\": {}, \"db\": 5}", TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused ("{\"version\": 1, \"header\": {}, \"db\": {\"version\": 2}}", TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused ("{\"version\": 1, \"header\": {}, \"db\": {\"version\": 2, \"entries\": {}}}",
                        TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused ("{\"version\": 1, \"header\": {}, \"db\": {\"version\": 9, \"entries\": []}}",
                        TOKEN_ERROR_UNSUPPORTED_VERSION);
  assert_vault_refused (deep_vault, TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused (huge, TOKEN_ERROR_TOO_LARGE);
  /* Encrypted, but without slots, with a biometric slot only, with broken
   * parameters, or with contents that are not base64 */
  assert_vault_refused ("{\"version\": 1, \"header\": {\"slots\": null, \"params\": null}, \"db\": \"AAAA\"}",
                        TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused ("{\"version\": 1, \"header\": {\"slots\": [{\"type\": 2}], \"params\": null}, \"db\": \"AAAA\"}",
                        TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused ("{\"version\": 1, \"header\": {\"slots\": [\"slot\"]}, \"db\": \"AAAA\"}",
                        TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_vault_refused ("{\"version\": 1, \"header\": {\"slots\": [{\"type\": 1, \"n\": 32768, \"r\": 8, \"p\": 1, "
                        "\"salt\": \"zz\", \"key\": \"00\"}]}, \"db\": \"AAAA\"}",
                        TOKEN_ERROR_UNSUPPORTED_FORMAT);
}

static void
test_bad_base64 (void)
{
  g_autoptr(GPtrArray) credentials = sample_credentials ();
  g_autoptr(GBytes) vault = encrypted_vault (credentials, FALSE);
  g_autofree char *text = g_strndup (g_bytes_get_data (vault, NULL), g_bytes_get_size (vault));
  char *db = strstr (text, "\"db\": \"");

  /* A character outside the alphabet, in the middle of the contents */
  db[strlen ("\"db\": \"") + 8] = '*';
  assert_vault_refused (text, TOKEN_ERROR_UNSUPPORTED_FORMAT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aegis/round-trip", test_round_trip);
  g_test_add_func ("/aegis/encrypted", test_encrypted);
  g_test_add_func ("/aegis/tampered", test_tampered);
  g_test_add_func ("/aegis/absurd-scrypt", test_absurd_scrypt);
  g_test_add_func ("/aegis/bad-entries", test_bad_entries);
  g_test_add_func ("/aegis/not-a-vault", test_not_a_vault);
  g_test_add_func ("/aegis/bad-base64", test_bad_base64);

  return g_test_run ();
}
