/* test-exchange-writer.c: the one table of writers of other apps' formats,
 * which soft-token-cli export and the app's export dialog both use; what
 * each writer writes is read back by the one import reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-exchange-writer.h"
#include "token-import-reader.h"
#include "token-secure.h"

#define RFC_SECRET "12345678901234567890"
#define RFC_SECRET_HEX "3132333435363738393031323334353637383930"

static GPtrArray *
one_credential (void)
{
  GPtrArray *credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) secret = token_secure_bytes_new (RFC_SECRET, strlen (RFC_SECRET));
  TokenCredential *credential = token_credential_new ("SOFT12345670", TOKEN_KIND_TOTP, secret);

  token_credential_set_issuer (credential, "Example");
  token_credential_set_digits (credential, 8);
  g_ptr_array_add (credentials, credential);
  return credentials;
}

static void
test_table (void)
{
  for (TokenExchangeFormat f = 0; f < TOKEN_EXCHANGE_N_FORMATS; f++)
    {
      const TokenExchangeWriter *writer = token_exchange_writer_get (f);

      g_assert_cmpint (writer->format, ==, f);
      g_assert_true (token_exchange_writer_find (writer->name) == writer);
      g_assert_nonnull (writer->title);
      g_assert_nonnull (writer->use);
      g_assert_nonnull (writer->suggested_file_name);
      g_assert_nonnull (writer->write);
    }

  /* The transfer file is the app's own format, not another app's. */
  g_assert_null (token_exchange_writer_find ("transfer"));
  g_assert_null (token_exchange_writer_find ("Aegis"));
  g_assert_null (token_exchange_writer_find (""));
}

static void
assert_reads_back (GBytes    *output,
                   GPtrArray *credentials)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = token_import_reader_read (output, NULL, &error);
  g_autoptr(TokenCredential) read = NULL;
  GListModel *model;

  g_assert_no_error (error);
  model = token_import_get_credentials (import);
  g_assert_cmpuint (token_import_get_n_problems (import), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  read = g_list_model_get_item (model, 0);
  g_assert_true (token_credential_equal (read, g_ptr_array_index (credentials, 0)));
}

static GBytes *
write_with (TokenExchangeFormat  format,
            GPtrArray           *credentials,
            const char          *file_name,
            const char          *user)
{
  TokenExchangeWriteOptions options = { .file_name = file_name, .user = user };
  g_autoptr(GError) error = NULL;
  GBytes *output = token_exchange_writer_get (format)->write (credentials, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (output);
  return output;
}

static void
test_round_trips (void)
{
  g_autoptr(GPtrArray) credentials = one_credential ();
  static const TokenExchangeFormat readable[] = {
    TOKEN_EXCHANGE_FORMAT_OTPAUTH, TOKEN_EXCHANGE_FORMAT_AEGIS, TOKEN_EXCHANGE_FORMAT_QR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (readable); i++)
    {
      g_autoptr(GBytes) output = write_with (readable[i], credentials, NULL, NULL);

      assert_reads_back (output, credentials);
    }
}

static void
test_pam_oath_line (void)
{
  g_autoptr(GPtrArray) credentials = one_credential ();
  g_autoptr(GBytes) output = write_with (TOKEN_EXCHANGE_FORMAT_PAM_OATH, credentials, NULL, "alice");
  gsize size;
  const char *data = g_bytes_get_data (output, &size);
  static const char expected[] = "HOTP/T30/8 alice - " RFC_SECRET_HEX "\n";

  g_assert_cmpmem (data, size, expected, strlen (expected));
}

/* The image's kind follows the file's name: SVG for .svg, else PNG. */
static void
test_qr_kinds (void)
{
  g_autoptr(GPtrArray) credentials = one_credential ();
  g_autoptr(GBytes) png = write_with (TOKEN_EXCHANGE_FORMAT_QR, credentials, "code.PNG", NULL);
  g_autoptr(GBytes) svg = write_with (TOKEN_EXCHANGE_FORMAT_QR, credentials, "code.Svg", NULL);
  g_autofree char *svg_text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));

  assert_reads_back (png, credentials);
  g_assert_nonnull (strstr (svg_text, "<svg"));

  g_assert_true (token_exchange_writer_knows_image_kind ("a.png"));
  g_assert_true (token_exchange_writer_knows_image_kind ("A.SVG"));
  g_assert_false (token_exchange_writer_knows_image_kind ("a.jpg"));
  g_assert_false (token_exchange_writer_knows_image_kind ("png"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exchange-writer/table", test_table);
  g_test_add_func ("/exchange-writer/round-trips", test_round_trips);
  g_test_add_func ("/exchange-writer/pam-oath-line", test_pam_oath_line);
  g_test_add_func ("/exchange-writer/qr-kinds", test_qr_kinds);

  return g_test_run ();
}
