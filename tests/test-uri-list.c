/* test-uri-list.c: otpauth:// URIs one per line, in and out, and the codes
 * of what comes back against oathtool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "token-error.h"
#include "token-migration.h"
#include "token-secure.h"
#include "token-uri.h"
#include "token-uri-list.h"

#define N_RANDOM_CREDENTIALS 60

static guint
n_credentials (TokenImport *import)
{
  return g_list_model_get_n_items (token_import_get_credentials (import));
}

static void
test_parse_list (void)
{
  static const char text[] =
    "\n"
    "   otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example  \n"
    "\t\r\n"
    "otpauth://totp/no-secret\n"
    "otpauth://hotp/Bank:SOFT12345670?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=7\r\n"
    "https://example.com/not-a-token\n"
    "otpauth://totp/Example:alice@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Example\n"
    "otpauth://totp/Other:bob?secret=JBSWY3DPEHPK3PXP&issuer=Other\n"
    "otpauth://totp/SYMC12345678?secret=MFRGGZDFMZTWQ2LK&algorithm=SHA256&digits=8&period=60";
  static const struct { guint line; gint code; } expected[] = {
    { 4, TOKEN_ERROR_MISSING_SECRET },
    { 6, TOKEN_ERROR_INVALID_URI },
    { 7, TOKEN_ERROR_EXISTS },
    { 8, TOKEN_ERROR_EXISTS },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = token_uri_list_parse (text, -1, &error);
  GListModel *model;
  g_autoptr(TokenCredential) hotp = NULL;
  g_autoptr(TokenCredential) last = NULL;

  g_assert_no_error (error);
  model = token_import_get_credentials (import);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  hotp = g_list_model_get_item (model, 1);
  g_assert_cmpstr (token_credential_get_credential_id (hotp), ==, "SOFT12345670");
  g_assert_cmpuint (token_credential_get_counter (hotp), ==, 7);
  last = g_list_model_get_item (model, 2);
  g_assert_cmpint (token_credential_get_algorithm (last), ==, TOKEN_ALGORITHM_SHA256);
  g_assert_cmpuint (token_credential_get_period (last), ==, 60);

  g_assert_cmpuint (token_import_get_n_problems (import), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const TokenImportProblem *problem = token_import_get_problem (import, i);
      g_autofree char *description = token_import_describe_problem (problem);

      g_test_message ("%s", description);
      g_assert_cmpuint (problem->line, ==, expected[i].line);
      g_assert_error (problem->error, TOKEN_ERROR, expected[i].code);
      g_assert_true (g_str_has_prefix (description, "Line "));
    }
}

static void
test_parse_refuses (void)
{
  static const char binary[] = "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\0\xff";
  g_autofree char *huge = g_strnfill (TOKEN_URI_LIST_MAX_SIZE + 1, '\n');
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = NULL;

  import = token_uri_list_parse (binary, sizeof binary, &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_FORMAT);
  g_assert_null (import);
  g_clear_error (&error);

  import = token_uri_list_parse (huge, -1, &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE);
  g_assert_null (import);
  g_clear_error (&error);

  import = token_uri_list_parse ("", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_credentials (import), ==, 0);
  g_assert_cmpuint (token_import_get_n_problems (import), ==, 0);
}

static TokenCredential *
random_credential (guint i)
{
  gsize size = (gsize) g_test_rand_int_range (10, 65);
  guint8 *data = g_malloc (size);
  g_autoptr(GBytes) secret = NULL;
  g_autofree char *id = g_strdup_printf ("user%u@example.com", i);
  TokenCredential *credential;

  for (gsize j = 0; j < size; j++)
    data[j] = (guint8) g_test_rand_int ();
  secret = token_secure_bytes_new_take (data, size);

  credential = token_credential_new (id, i % 4 == 3 ? TOKEN_KIND_HOTP : TOKEN_KIND_TOTP, secret);
  /* oathtool computes HOTP with SHA1 only. */
  if (token_credential_get_kind (credential) == TOKEN_KIND_TOTP)
    token_credential_set_algorithm (credential, (TokenAlgorithm) (i % 3));
  token_credential_set_digits (credential, 6 + (guint) g_test_rand_int_range (0, 3));
  if (i % 2 == 0)
    token_credential_set_issuer (credential, i % 6 == 0 ? "Bank: Tokyo & Co" : "信用金庫");
  if (token_credential_get_kind (credential) == TOKEN_KIND_HOTP)
    token_credential_set_counter (credential, (guint64) (guint32) g_test_rand_int ());
  else if (g_test_rand_bit ())
    token_credential_set_period (credential, (guint) g_test_rand_int_range (1, 301));

  return credential;
}

static GPtrArray *
random_credentials (void)
{
  GPtrArray *credentials = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < N_RANDOM_CREDENTIALS; i++)
    g_ptr_array_add (credentials, random_credential (i));
  return credentials;
}

/* What other apps need to read our URIs: no padding, the issuer in the label
 * and as a parameter, and settings only when they are not the defaults. */
static void
test_format_conventions (void)
{
  g_autoptr(GPtrArray) credentials = random_credentials ();
  g_autoptr(TokenSecureString) text = token_uri_list_format (credentials);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_cmpuint (g_strv_length (lines), ==, credentials->len + 1);

  for (guint i = 0; i < credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (credentials, i);
      const char *uri = lines[i];
      const char *issuer = token_credential_get_issuer (credential);
      gboolean hotp = token_credential_get_kind (credential) == TOKEN_KIND_HOTP;

      const char *secret = strstr (uri, "?secret=");
      gsize secret_length;

      g_assert_nonnull (secret);
      secret += strlen ("?secret=");
      secret_length = strcspn (secret, "&");
      g_assert_cmpuint (secret_length, >, 0);
      g_assert_null (memchr (secret, '=', secret_length));
      g_assert_null (g_strstr_len (secret, (gssize) secret_length, "%3D"));
      g_assert_true (g_str_has_prefix (uri, hotp ? "otpauth://hotp/" : "otpauth://totp/"));

      if (issuer != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (issuer, NULL, FALSE);
          g_autofree char *label = g_strconcat ("/", escaped, ":", NULL);
          g_autofree char *parameter = g_strconcat ("&issuer=", escaped, NULL);

          g_assert_nonnull (strstr (uri, label));
          g_assert_nonnull (strstr (uri, parameter));
        }
      else
        g_assert_null (strstr (uri, "issuer="));

      g_assert_true ((strstr (uri, "algorithm=") != NULL)
                     == (token_credential_get_algorithm (credential) != TOKEN_ALGORITHM_SHA1));
      g_assert_true ((strstr (uri, "digits=") != NULL)
                     == (token_credential_get_digits (credential) != 6));
      g_assert_true ((strstr (uri, "period=") != NULL)
                     == (!hotp && token_credential_get_period (credential) != 30));
      g_assert_true ((strstr (uri, "counter=") != NULL) == hotp);
    }
}

static char *
oathtool_code (TokenCredential *credential,
               gint64           unix_time)
{
  static const char * const totp_modes[] = { "--totp=SHA1", "--totp=SHA256", "--totp=SHA512" };
  gboolean hotp = token_credential_get_kind (credential) == TOKEN_KIND_HOTP;
  g_autofree char *digits = g_strdup_printf ("--digits=%u", token_credential_get_digits (credential));
  g_autofree char *step = g_strdup_printf ("--time-step-size=%us", token_credential_get_period (credential));
  g_autofree char *now = g_strdup_printf ("--now=@%" G_GINT64_FORMAT, unix_time);
  g_autofree char *counter = g_strdup_printf ("--counter=%" G_GUINT64_FORMAT,
                                              token_credential_get_counter (credential));
  const char *argv[] = { "oathtool",
                         hotp ? "--hotp" : totp_modes[token_credential_get_algorithm (credential)],
                         digits, hotp ? counter : step, now, "-", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  const guint8 *key;
  gsize size;

  /* The key goes in on standard input, never on the command line. */
  key = g_bytes_get_data (token_credential_get_secret (credential), &size);
  for (gsize i = 0; i < size; i++)
    g_string_append_printf (input, "%02x", key[i]);
  g_string_append_c (input, '\n');

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input->str, NULL, &output, &errors, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("oathtool failed: %s", errors);

  return g_strstrip (g_steal_pointer (&output));
}

/* Every token written as a URI and read back is the same token and gives
 * the codes oathtool gives, from the key as read back. */
static void
test_round_trip_oathtool (void)
{
  g_autoptr(GPtrArray) credentials = random_credentials ();
  g_autoptr(TokenSecureString) text = token_uri_list_format (credentials);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = token_uri_list_parse (text, -1, &error);
  GListModel *model;

  g_assert_no_error (error);
  g_assert_cmpuint (token_import_get_n_problems (import), ==, 0);
  model = token_import_get_credentials (import);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, credentials->len);

  for (guint i = 0; i < credentials->len; i++)
    {
      g_autoptr(TokenCredential) read_back = g_list_model_get_item (model, i);
      gint64 unix_time = (gint64) (g_test_rand_double () * 4102444800.0);
      g_autofree char *expected = oathtool_code (read_back, unix_time);
      char code[TOKEN_CODE_BUFFER_SIZE];

      g_assert_true (token_credential_equal (read_back, g_ptr_array_index (credentials, i)));
      if (token_credential_get_kind (read_back) == TOKEN_KIND_HOTP)
        g_assert_true (token_credential_code_for_counter (read_back,
                                                          token_credential_get_counter (read_back),
                                                          code, NULL));
      else
        g_assert_true (token_credential_code_at (read_back, unix_time, code, NULL));
      g_assert_cmpstr (code, ==, expected);
    }
}

/* Found by fuzz-uri-list: a period given to a counter-based token is not
 * kept, so that what we write reads back as the same token. */
static void
test_hotp_with_period (void)
{
  static const char text[] =
    "otpauth://hotp/Bank:SOFT12345670?secret=GEZDGNBVGY3TQOJQ&issuer=Bank&period=60&counter=7\n";
  g_autoptr(TokenImport) import = token_uri_list_parse (text, -1, NULL);
  g_autoptr(TokenImport) again = NULL;
  g_autoptr(GPtrArray) credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TokenSecureString) written = NULL;
  g_autoptr(TokenCredential) first = NULL;
  g_autoptr(TokenCredential) second = NULL;

  g_assert_cmpuint (n_credentials (import), ==, 1);
  first = g_list_model_get_item (token_import_get_credentials (import), 0);
  g_ptr_array_add (credentials, g_object_ref (first));
  written = token_uri_list_format (credentials);
  again = token_uri_list_parse (written, -1, NULL);
  g_assert_cmpuint (n_credentials (again), ==, 1);
  second = g_list_model_get_item (token_import_get_credentials (again), 0);
  g_assert_true (token_credential_equal (first, second));
}

/* A Google Authenticator code of one part, pasted as a line, brings its
 * tokens; a part of a larger export is refused with what to do instead. */
static void
test_migration_lines (void)
{
  g_autoptr(GPtrArray) credentials = random_credentials ();
  g_autoptr(GPtrArray) some = g_ptr_array_new ();
  g_autoptr(GBytes) single = NULL;
  g_autoptr(GBytes) partial = NULL;
  g_autoptr(TokenSecureString) single_uri = NULL;
  g_autoptr(TokenSecureString) partial_uri = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = NULL;

  for (guint i = 0; i < credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (credentials, i);

      if (token_credential_get_digits (credential) != 7
          && token_credential_get_period (credential) == 30)
        g_ptr_array_add (some, credential);
    }
  g_assert_cmpuint (some->len, >, 0);

  single = token_migration_encode (some, 1, 0, 1, &error);
  g_assert_no_error (error);
  partial = token_migration_encode (some, 2, 1, 1, &error);
  g_assert_no_error (error);
  single_uri = token_migration_format_uri (single);
  partial_uri = token_migration_format_uri (partial);
  text = g_strconcat (single_uri, "\n", partial_uri, "\n", NULL);

  import = token_uri_list_parse (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_credentials (import), ==, some->len);
  g_assert_cmpuint (token_import_get_n_problems (import), ==, 1);
  g_assert_cmpuint (token_import_get_problem (import, 0)->line, ==, 2);
  g_assert_error (token_import_get_problem (import, 0)->error, TOKEN_ERROR,
                  TOKEN_ERROR_INCOMPLETE_EXPORT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uri-list/parse", test_parse_list);
  g_test_add_func ("/uri-list/parse-refuses", test_parse_refuses);
  g_test_add_func ("/uri-list/format-conventions", test_format_conventions);
  g_test_add_func ("/uri-list/round-trip-oathtool", test_round_trip_oathtool);
  g_test_add_func ("/uri-list/migration-lines", test_migration_lines);
  g_test_add_func ("/uri-list/hotp-with-period", test_hotp_with_period);

  return g_test_run ();
}
