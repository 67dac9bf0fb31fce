/* test-2fas.c: 2FAS backups that are not encrypted, read through the one
 * import reader
 *
 * The backups are written here from the structure 2FAS documents for its
 * .2fas files: schemaVersion, and services with name, secret and otp; the
 * encrypted ones with OpenSSL as 2FAS encrypts them (PBKDF2-HMAC-SHA256,
 * 10,000 iterations, AES-256-GCM, "ciphertext+tag:salt:iv" in base64).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <openssl/evp.h>

#include "token-2fas.h"
#include "token-error.h"
#include "token-import-reader.h"

/* RFC 4226's secret, "12345678901234567890", in base32. */
#define SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
/* "abcdefghijklmnopqrst" and "ABCDEFGHIJKLMNOPQRST": other tokens. */
#define SECRET_2 "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"
#define SECRET_3 "IFBEGRCFIZDUQSKKJNGE2TSPKBIVEU2U"

static TokenImport *
read_text (const char  *text,
           GError     **error)
{
  g_autoptr(GBytes) input = g_bytes_new (text, strlen (text));

  return token_import_reader_read (input, NULL, error);
}

static TokenCredential *
credential_at (TokenImport *import,
               guint        index)
{
  return g_list_model_get_item (token_import_get_credentials (import), index);
}

/* Schema 1 gives only the account and the issuer. */
static void
test_schema_1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = read_text (
    "{\"schemaVersion\": 1, \"services\": [{\"name\": \"Example\", \"secret\": \"" SECRET "\","
    " \"otp\": {\"account\": \"alice\", \"issuer\": \"Example\"}, \"type\": \"Unknown\"}]}", &error);
  g_autoptr(TokenCredential) credential = NULL;
  char code[TOKEN_CODE_BUFFER_SIZE];

  g_assert_no_error (error);
  g_assert_cmpuint (token_import_get_n_problems (import), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (token_import_get_credentials (import)), ==, 1);
  credential = credential_at (import, 0);
  g_assert_cmpstr (token_credential_get_credential_id (credential), ==, "alice");
  g_assert_cmpstr (token_credential_get_issuer (credential), ==, "Example");
  g_assert_cmpint (token_credential_get_kind (credential), ==, TOKEN_KIND_TOTP);
  g_assert_cmpuint (token_credential_get_digits (credential), ==, 6);
  g_assert_cmpuint (token_credential_get_period (credential), ==, 30);
  /* RFC 6238's SHA1 vector at 59 s, to 6 digits. */
  g_assert_true (token_credential_code_at (credential, 59, code, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "287082");
}

static void
test_schema_4_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = read_text (
    "{\"schemaVersion\": 4, \"groups\": [], \"services\": ["
    " {\"name\": \"Bank\", \"secret\": \"" SECRET "\", \"otp\": {\"account\": \"bob\", \"issuer\": \"Bank\","
    "  \"digits\": 8, \"period\": 60, \"algorithm\": \"SHA256\", \"tokenType\": \"TOTP\"}},"
    " {\"name\": \"Counter\", \"secret\": \"" SECRET_2 "\", \"otp\": {\"account\": \"carol\","
    "  \"digits\": 6, \"counter\": 7, \"algorithm\": \"SHA1\", \"tokenType\": \"HOTP\"}},"
    " {\"name\": \"NoAccount\", \"secret\": \"" SECRET_3 "\", \"otp\": {\"tokenType\": \"TOTP\"}}]}", &error);
  g_autoptr(TokenCredential) totp = NULL;
  g_autoptr(TokenCredential) hotp = NULL;
  g_autoptr(TokenCredential) bare = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (token_import_get_n_problems (import), ==, 0);
  totp = credential_at (import, 0);
  hotp = credential_at (import, 1);
  bare = credential_at (import, 2);
  g_assert_cmpuint (token_credential_get_digits (totp), ==, 8);
  g_assert_cmpuint (token_credential_get_period (totp), ==, 60);
  g_assert_cmpint (token_credential_get_algorithm (totp), ==, TOKEN_ALGORITHM_SHA256);
  g_assert_cmpint (token_credential_get_kind (hotp), ==, TOKEN_KIND_HOTP);
  g_assert_cmpuint (token_credential_get_counter (hotp), ==, 7);
  /* Without an issuer or an account, the service's name stands for both. */
  g_assert_cmpstr (token_credential_get_issuer (hotp), ==, "Counter");
  g_assert_cmpstr (token_credential_get_credential_id (bare), ==, "NoAccount");
}

/* Each bad service is skipped with its reason; the good ones are read. */
static void
test_skipped_services (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = read_text (
    "{\"schemaVersion\": 4, \"services\": ["
    " {\"name\": \"Good\", \"secret\": \"" SECRET "\", \"otp\": {\"account\": \"a\"}},"
    " {\"name\": \"Steam\", \"secret\": \"" SECRET "\", \"otp\": {\"tokenType\": \"STEAM\"}},"
    " {\"name\": \"Typed\", \"secret\": \"" SECRET "\", \"otp\": {\"digits\": \"six\"}},"
    " {\"name\": \"Long\", \"secret\": \"" SECRET "\", \"otp\": {\"period\": 100000}},"
    " {\"name\": \"Empty\", \"secret\": \"\"},"
    " {\"name\": \"Bad32\", \"secret\": \"!!!!\"},"
    " 42]}", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (token_import_get_credentials (import)), ==, 1);
  g_assert_cmpuint (token_import_get_n_problems (import), ==, 6);
  g_assert_cmpstr (token_import_get_problem (import, 0)->name, ==, "Steam");
  g_assert_true (g_error_matches (token_import_get_problem (import, 0)->error,
                                  TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_TYPE));
  g_assert_true (g_error_matches (token_import_get_problem (import, 1)->error,
                                  TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE));
  g_assert_true (g_error_matches (token_import_get_problem (import, 2)->error,
                                  TOKEN_ERROR, TOKEN_ERROR_INVALID_PERIOD));
  g_assert_true (g_error_matches (token_import_get_problem (import, 3)->error,
                                  TOKEN_ERROR, TOKEN_ERROR_MISSING_SECRET));
}

/* A backup that cannot be read as a whole gives one error, no tokens. */
static void
test_refused (void)
{
  static const struct { const char *text; gint code; } cases[] = {
    { "{\"schemaVersion\": 5, \"services\": []}", TOKEN_ERROR_UNSUPPORTED_VERSION },
    { "{\"schemaVersion\": 0, \"services\": []}", TOKEN_ERROR_UNSUPPORTED_VERSION },
    { "{\"schemaVersion\": \"4\", \"services\": []}", TOKEN_ERROR_UNSUPPORTED_VERSION },
    { "{\"schemaVersion\": 4, \"services\": {}}", TOKEN_ERROR_DAMAGED_FILE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TokenImport) import = read_text (cases[i].text, &error);

      g_assert_null (import);
      g_assert_error (error, TOKEN_ERROR, cases[i].code);
    }
}

/* Found by fuzz-2fas: JSON with no value at all parses to no root. */
static void
test_blank_input (void)
{
  static const char * const blanks[] = { " ", "\n\t \n" };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(GBytes) input = g_bytes_new_static (blanks[i], strlen (blanks[i]));

      g_assert_false (token_2fas_recognise (input));
      g_assert_false (token_2fas_is_encrypted (input));
    }
}

#define PASSWORD "correct horse battery staple"
#define SERVICES "[{\"name\": \"Vault\", \"secret\": \"" SECRET "\", \"otp\": {\"account\": \"dave\", \"tokenType\": \"TOTP\"}}]"

static char *
seal (const char *plaintext,
      const char *password)
{
  guint8 salt[256], iv[12], key[32], tag[16];
  gsize size = strlen (plaintext);
  g_autofree guint8 *sealed = g_malloc (size + sizeof tag);
  g_autofree char *sealed_text = NULL;
  g_autofree char *salt_text = NULL;
  g_autofree char *iv_text = NULL;
  EVP_CIPHER_CTX *context = EVP_CIPHER_CTX_new ();
  int length = 0, final_length = 0;

  for (guint i = 0; i < sizeof salt; i++)
    salt[i] = (guint8) g_random_int ();
  for (guint i = 0; i < sizeof iv; i++)
    iv[i] = (guint8) g_random_int ();
  g_assert_cmpint (PKCS5_PBKDF2_HMAC (password, (int) strlen (password), salt, sizeof salt,
                                      10000, EVP_sha256 (), sizeof key, key), ==, 1);
  g_assert_cmpint (EVP_EncryptInit_ex (context, EVP_aes_256_gcm (), NULL, key, iv), ==, 1);
  g_assert_cmpint (EVP_EncryptUpdate (context, sealed, &length, (const guint8 *) plaintext, (int) size), ==, 1);
  g_assert_cmpint (EVP_EncryptFinal_ex (context, sealed + length, &final_length), ==, 1);
  g_assert_cmpint (EVP_CIPHER_CTX_ctrl (context, EVP_CTRL_GCM_GET_TAG, sizeof tag, tag), ==, 1);
  EVP_CIPHER_CTX_free (context);
  memcpy (sealed + size, tag, sizeof tag);

  sealed_text = g_base64_encode (sealed, size + sizeof tag);
  salt_text = g_base64_encode (salt, sizeof salt);
  iv_text = g_base64_encode (iv, sizeof iv);
  return g_strdup_printf ("%s:%s:%s", sealed_text, salt_text, iv_text);
}

static char *
encrypted_backup (const char *services_encrypted)
{
  return g_strdup_printf ("{\"schemaVersion\": 4, \"services\": [], \"groups\": [],"
                          " \"servicesEncrypted\": \"%s\"}", services_encrypted);
}

static TokenImport *
read_with_password (const char  *text,
                    const char  *password,
                    GError     **error)
{
  g_autoptr(GBytes) input = g_bytes_new (text, strlen (text));

  g_assert_true (token_import_reader_needs_password (input));
  return token_import_reader_read (input, password, error);
}

static void
test_encrypted (void)
{
  g_autofree char *sealed = seal (SERVICES, PASSWORD);
  g_autofree char *backup = encrypted_backup (sealed);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = read_with_password (backup, PASSWORD, &error);
  g_autoptr(TokenCredential) credential = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (token_import_get_credentials (import)), ==, 1);
  credential = credential_at (import, 0);
  g_assert_cmpstr (token_credential_get_credential_id (credential), ==, "dave");
  g_assert_cmpstr (token_credential_get_issuer (credential), ==, "Vault");
}

static void
assert_refused (const char *backup,
                const char *password,
                gint        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = read_with_password (backup, password, &error);

  g_assert_null (import);
  g_assert_error (error, TOKEN_ERROR, code);
}

static void
test_encrypted_refused (void)
{
  g_autofree char *sealed = seal (SERVICES, PASSWORD);
  g_autofree char *backup = encrypted_backup (sealed);
  g_autofree char *not_a_list = NULL;
  g_autofree char *not_a_list_backup = NULL;
  g_autofree char *tampered = g_strdup (sealed);
  g_autofree char *tampered_backup = NULL;
  g_autofree char *two_parts = g_strdup (sealed);
  g_autofree char *two_parts_backup = NULL;
  g_autofree char *short_iv_backup = NULL;
  g_auto(GStrv) parts = g_strsplit (sealed, ":", 3);

  assert_refused (backup, "wrong password", TOKEN_ERROR_BAD_PASSPHRASE);
  assert_refused (backup, NULL, TOKEN_ERROR_BAD_PASSPHRASE);
  assert_refused (backup, "", TOKEN_ERROR_BAD_PASSPHRASE);

  /* A changed byte of the ciphertext fails the tag. */
  tampered[2] = tampered[2] == 'A' ? 'B' : 'A';
  tampered_backup = encrypted_backup (tampered);
  assert_refused (tampered_backup, PASSWORD, TOKEN_ERROR_BAD_PASSPHRASE);

  *strrchr (two_parts, ':') = '\0';
  two_parts_backup = encrypted_backup (two_parts);
  assert_refused (two_parts_backup, PASSWORD, TOKEN_ERROR_DAMAGED_FILE);

  short_iv_backup = g_strdup_printf ("{\"schemaVersion\": 4, \"services\": [],"
                                     " \"servicesEncrypted\": \"%s:%s:AAAAAAAAAAA=\"}", parts[0], parts[1]);
  assert_refused (short_iv_backup, PASSWORD, TOKEN_ERROR_DAMAGED_FILE);

  /* Decrypted, the services must be a list. */
  not_a_list = seal ("{\"name\": \"x\"}", PASSWORD);
  not_a_list_backup = encrypted_backup (not_a_list);
  assert_refused (not_a_list_backup, PASSWORD, TOKEN_ERROR_DAMAGED_FILE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/2fas/schema-1", test_schema_1);
  g_test_add_func ("/2fas/schema-4-settings", test_schema_4_settings);
  g_test_add_func ("/2fas/skipped-services", test_skipped_services);
  g_test_add_func ("/2fas/refused", test_refused);
  g_test_add_func ("/2fas/blank-input", test_blank_input);
  g_test_add_func ("/2fas/encrypted", test_encrypted);
  g_test_add_func ("/2fas/encrypted-refused", test_encrypted_refused);

  return g_test_run ();
}
