/* test-cli-exchange.c: tokens into soft-token-cli from other apps, and out
 *
 * Runs inside tests/run-in-world --keyring: `add` with several otpauth://
 * URIs, a Google Authenticator transfer code, an Aegis vault and a QR image,
 * and the keyring checked behind it through TokenStore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "token-aegis.h"
#include "token-migration.h"
#include "token-qr.h"
#include "token-secure.h"
#include "token-store.h"
#include "token-test-world.h"
#include "token-uri.h"

#define SCHEMA_NAME "io.github.softtoken.SoftToken.Credential"
#define URI_ONE   "otpauth://totp/Bank:SOFT12345674?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank"
#define URI_TWO   "otpauth://totp/Mail:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Mail"
#define URI_THREE "otpauth://hotp/Work:HOTP00000000?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF&counter=5&issuer=Work"

static void
clear_keyring (void)
{
  if (token_test_world_keyring_locked ())
    token_test_world_unlock_keyring ();

  token_test_keyring_delete_items ("xdg:schema", SCHEMA_NAME);
}

/* What the keyring holds, as the store reads it, in its order. */
static GPtrArray *
snapshot (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *credentials = g_ptr_array_new_with_free_func (g_object_unref);

  token_store_load_sync (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_ptr_array_add (credentials, g_list_model_get_item (G_LIST_MODEL (store), i));

  return credentials;
}

static TokenCredential *
stored (const char *credential_id)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(GError) error = NULL;
  TokenCredential *credential;

  credential = token_store_lookup_sync (store, credential_id, NULL, &error);
  g_assert_no_error (error);
  return credential;
}

static TokenCredential *
parse (const char *uri)
{
  g_autoptr(GError) error = NULL;
  TokenCredential *credential = token_uri_parse (uri, &error);

  g_assert_no_error (error);
  return credential;
}

static void
assert_stored_as (const char *uri)
{
  g_autoptr(TokenCredential) expected = parse (uri);
  g_autoptr(TokenCredential) found = stored (token_credential_get_credential_id (expected));

  g_assert_nonnull (found);
  /* The keyring sets the creation time; everything else must match. */
  token_credential_set_created (expected, token_credential_get_created (found));
  g_assert_true (token_credential_equal (expected, found));
}

static char *
write_temp_file (const char *name,
                 GBytes     *contents)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  char *path;

  dir = g_dir_make_tmp ("cli-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, g_bytes_get_data (contents, NULL),
                       (gssize) g_bytes_get_size (contents), &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_temp_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static GPtrArray *
credentials_of (const char * const *uris)
{
  GPtrArray *credentials = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; uris[i] != NULL; i++)
    g_ptr_array_add (credentials, parse (uris[i]));

  return credentials;
}

/* Several URIs a line, a repeated one and a bad one: the good ones are
 * stored, the others named, and the status says not all went in. */
static void
test_add_several (void)
{
  static const char * const args[] = { "add", NULL };
  const char *input = URI_ONE "\n\n" URI_TWO "\r\n"
                      "otpauth://totp/Broken?secret=NOT*BASE32\n"
                      URI_ONE "\n" URI_THREE "\n";
  g_auto(TokenTestCliResult) result = { 0 };
  g_autoptr(GPtrArray) after = NULL;

  clear_keyring ();
  token_test_run_cli (&result, input, args);
  g_test_message ("%s", result.err);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "SOFT 1234 5674\nalice@example.com\nHOTP 0000 0000\n");
  g_assert_nonnull (strstr (result.err, "Line 4"));
  g_assert_nonnull (strstr (result.err, "Line 5"));
  g_assert_null (strstr (result.err, "Line 1:"));

  after = snapshot ();
  g_assert_cmpuint (after->len, ==, 3);
  assert_stored_as (URI_ONE);
  assert_stored_as (URI_TWO);
  assert_stored_as (URI_THREE);

  /* The same again: each is already stored, none is replaced. */
  {
    g_auto(TokenTestCliResult) again = { 0 };
    g_autoptr(GPtrArray) before = snapshot ();
    g_autoptr(GPtrArray) later = NULL;

    token_test_run_cli (&again, URI_ONE "\n" URI_TWO "\n", args);
    g_assert_cmpint (again.status, ==, 1);
    g_assert_cmpstr (again.out, ==, "");
    g_assert_nonnull (strstr (again.err, "already"));
    later = snapshot ();
    g_assert_cmpuint (later->len, ==, before->len);
    for (guint i = 0; i < before->len; i++)
      g_assert_true (token_credential_equal (g_ptr_array_index (before, i),
                                             g_ptr_array_index (later, i)));
  }
}

/* A Google Authenticator transfer code, pasted as its URI. */
static void
test_add_migration (void)
{
  static const char * const uris[] = { URI_ONE, URI_TWO, URI_THREE, NULL };
  static const char * const args[] = { "add", NULL };
  g_autoptr(GPtrArray) credentials = credentials_of (uris);
  g_autoptr(GPtrArray) codes = NULL;
  g_auto(TokenTestCliResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  clear_keyring ();
  codes = token_migration_format_uris (credentials, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 1);

  token_test_run_cli (&result, g_ptr_array_index (codes, 0), args);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "SOFT 1234 5674\nalice@example.com\nHOTP 0000 0000\n");
  assert_stored_as (URI_ONE);
  assert_stored_as (URI_TWO);
  assert_stored_as (URI_THREE);
}

/* A plain Aegis vault and a QR image, given as files. */
static void
test_add_files (void)
{
  static const char * const uris[] = { URI_ONE, URI_THREE, NULL };
  g_autoptr(GPtrArray) credentials = credentials_of (uris);
  g_autoptr(GBytes) vault = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *vault_path = NULL;
  g_autofree char *png_path = NULL;

  clear_keyring ();
  vault = token_aegis_write (credentials, &error);
  g_assert_no_error (error);
  vault_path = write_temp_file ("vault.json", vault);
  {
    const char * const args[] = { "add", "--file", vault_path, NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.out, ==, "SOFT 1234 5674\nHOTP 0000 0000\n");
  }
  assert_stored_as (URI_ONE);
  assert_stored_as (URI_THREE);
  remove_temp_file (vault_path);

  png = token_qr_write_png (URI_TWO, 4, &error);
  g_assert_no_error (error);
  png_path = write_temp_file ("code.png", png);
  {
    const char * const args[] = { "add", "-f", png_path, NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.out, ==, "alice@example.com\n");
  }
  assert_stored_as (URI_TWO);
  remove_temp_file (png_path);
}

/* --dry-run shows each entry and whether it is new, and stores nothing. */
static void
test_dry_run (void)
{
  static const char * const add_args[] = { "add", NULL };
  static const char * const args[] = { "add", "--dry-run", NULL };
  g_auto(TokenTestCliResult) first = { 0 };
  g_auto(TokenTestCliResult) result = { 0 };
  g_autoptr(GPtrArray) after = NULL;

  clear_keyring ();
  token_test_run_cli (&first, URI_ONE, add_args);
  g_assert_cmpint (first.status, ==, 0);

  token_test_run_cli (&result, URI_ONE "\n" URI_TWO "\n", args);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==,
                   "SOFT 1234 5674\tBank\tTOTP\talready stored\n"
                   "alice@example.com\tMail\tTOTP\tnew\n");
  after = snapshot ();
  g_assert_cmpuint (after->len, ==, 1);
}

typedef struct
{
  const char *name;
  const char *contents;
  const char *mentions;
} BadFile;

/* Inputs with nothing good in them: each named, nothing stored. */
static const BadFile bad_files[] = {
  { "empty.txt", "", "otpauth" },
  { "bad-lines.txt", "otpauth://totp/A?secret=JBSW1Y3DPEHPK3PXP\nhello\n", "Line 2" },
  { "truncated-migration.txt", "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGA", "Line 1" },
  { "not-aegis.json", "{\"version\": 1, \"db\": 3}", "Aegis" },
  { "encrypted.json", "{\"version\": 1, \"header\": {\"slots\": [{\"type\": 1}], \"params\": {}}, \"db\": \"AAAA\"}", "--password-file" },
  { "no-code.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89", "image" },
};

static void
test_bad_files_change_nothing (void)
{
  static const char * const add_args[] = { "add", NULL };
  g_auto(TokenTestCliResult) first = { 0 };
  g_autoptr(GPtrArray) before = NULL;

  clear_keyring ();
  token_test_run_cli (&first, URI_ONE, add_args);
  g_assert_cmpint (first.status, ==, 0);
  before = snapshot ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autoptr(GBytes) contents = g_bytes_new_static (bad_files[i].contents,
                                                       g_str_has_suffix (bad_files[i].name, ".png")
                                                       ? 33 : strlen (bad_files[i].contents));
      g_autofree char *path = write_temp_file (bad_files[i].name, contents);
      const char * const args[] = { "add", "--file", path, NULL };
      g_auto(TokenTestCliResult) result = { 0 };
      g_autoptr(GPtrArray) after = NULL;

      token_test_run_cli (&result, NULL, args);
      g_test_message ("%s: %d %s", bad_files[i].name, result.status, result.err);
      g_assert_cmpint (result.status, ==, 1);
      g_assert_cmpstr (result.out, ==, "");
      g_assert_nonnull (strstr (result.err, bad_files[i].mentions));
      remove_temp_file (path);

      after = snapshot ();
      g_assert_cmpuint (after->len, ==, before->len);
      for (guint j = 0; j < before->len; j++)
        g_assert_true (token_credential_equal (g_ptr_array_index (before, j),
                                               g_ptr_array_index (after, j)));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  token_test_world_require ();
  /* A command that refuses its input closes the pipe before we write. */
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/cli-exchange/add-several", test_add_several);
  g_test_add_func ("/cli-exchange/add-migration", test_add_migration);
  g_test_add_func ("/cli-exchange/add-files", test_add_files);
  g_test_add_func ("/cli-exchange/dry-run", test_dry_run);
  g_test_add_func ("/cli-exchange/bad-files-change-nothing", test_bad_files_change_nothing);

  return g_test_run ();
}
