/* test-aegis.c: Aegis vaults, written by us and read back, and encrypted
 * with OpenSSL the way Aegis encrypts them (tests/token-test-aegis.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "token-aegis.h"
#include "token-error.h"
#include "token-secure.h"
#include "token-test-aegis.h"

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

/* An encrypted vault of @credentials, as Aegis writes one, for PASSWORD. */
static GBytes *
encrypted_vault (GPtrArray *credentials,
                 gboolean   tamper)
{
  return token_test_aegis_encrypt (credentials, PASSWORD, TEST_N, tamper);
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
