/* test-cli-exchange.c: tokens into soft-token-cli from other apps, and out
 *
 * Runs inside tests/run-in-world --keyring: `add` with several otpauth://
 * URIs, a Google Authenticator transfer code, an Aegis vault and a QR image;
 * `export` to otpauth lists, QR images (read back by zbarimg), Aegis vaults
 * and pam_oath lines; the keyring checked behind them through TokenStore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "token-aegis.h"
#include "token-migration.h"
#include "token-pam-oath.h"
#include "token-qr.h"
#include "token-secure.h"
#include "token-store.h"
#include "token-test-aegis.h"
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

/* An encrypted Aegis vault: the password from a file, never argv; a wrong
 * one stores nothing. */
static void
test_add_encrypted_aegis (void)
{
  static const char * const uris[] = { URI_ONE, URI_TWO, NULL };
  g_autoptr(GPtrArray) credentials = credentials_of (uris);
  g_autoptr(GBytes) vault = token_test_aegis_encrypt (credentials, "correct horse", 1024, FALSE);
  g_autoptr(GBytes) right = g_bytes_new_static ("correct horse\n", 14);
  g_autoptr(GBytes) wrong = g_bytes_new_static ("wrong horse\n", 12);
  g_autofree char *vault_path = write_temp_file ("vault.json", vault);
  g_autofree char *right_path = write_temp_file ("right", right);
  g_autofree char *wrong_path = write_temp_file ("wrong", wrong);

  clear_keyring ();
  {
    const char * const args[] = { "add", "--file", vault_path, "--password-file", wrong_path, NULL };
    g_auto(TokenTestCliResult) result = { 0 };
    g_autoptr(GPtrArray) after = NULL;

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 5);
    g_assert_cmpstr (result.out, ==, "");
    g_assert_nonnull (strstr (result.err, "password"));
    after = snapshot ();
    g_assert_cmpuint (after->len, ==, 0);
  }
  {
    const char * const args[] = { "add", "--file", vault_path, "--password-file", right_path, NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_cmpstr (result.out, ==, "SOFT 1234 5674\nalice@example.com\n");
  }
  assert_stored_as (URI_ONE);
  assert_stored_as (URI_TWO);

  remove_temp_file (vault_path);
  remove_temp_file (right_path);
  remove_temp_file (wrong_path);
}

/* The vault's password typed at the prompt on a terminal: never shown as
 * it is typed; a wrong one stores nothing, the right one the tokens. */
static void
test_add_encrypted_aegis_typed (void)
{
  static const char * const uris[] = { URI_ONE, URI_TWO, NULL };
  static const char prompt[] = "Password of the encrypted file: ";
  g_autoptr(GPtrArray) credentials = credentials_of (uris);
  g_autoptr(GBytes) vault = token_test_aegis_encrypt (credentials, "correct horse", 1024, FALSE);
  g_autofree char *vault_path = write_temp_file ("vault.json", vault);
  const char * const args[] = { "add", "--file", vault_path, NULL };

  clear_keyring ();
  {
    g_auto(TokenTestCliResult) result = { 0 };
    g_autoptr(GPtrArray) after = NULL;

    token_test_run_cli_on_terminal (&result, args, prompt, "wrong horse", TRUE);
    g_assert_cmpint (result.status, ==, 5);
    g_assert_null (strstr (result.out, "wrong horse"));
    g_assert_nonnull (strstr (result.out, "password"));
    after = snapshot ();
    g_assert_cmpuint (after->len, ==, 0);
  }
  {
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli_on_terminal (&result, args, prompt, "correct horse", TRUE);
    g_assert_cmpint (result.status, ==, 0);
    g_assert_null (strstr (result.out, "correct horse"));
    g_assert_nonnull (strstr (result.out, "alice@example.com"));
  }
  assert_stored_as (URI_ONE);
  assert_stored_as (URI_TWO);

  remove_temp_file (vault_path);
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
                   "SOFT 1234 5674\tBank\tTOTP\talready stored as Bank:SOFT 1234 5674\n"
                   "alice@example.com\tMail\tTOTP\tnew\n");
  after = snapshot ();
  g_assert_cmpuint (after->len, ==, 1);
}

typedef struct
{
  const char *name;
  const char *contents;
  const char *mentions;
  int         status;
} BadFile;

/* Inputs with nothing good in them: each named, nothing stored. */
static const BadFile bad_files[] = {
  { "empty.txt", "", "otpauth", 1 },
  { "bad-lines.txt", "otpauth://totp/A?secret=JBSW1Y3DPEHPK3PXP\nhello\n", "Line 2", 1 },
  { "truncated-migration.txt", "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGA", "Line 1", 1 },
  { "not-aegis.json", "{\"version\": 1, \"db\": 3}", "Aegis", 1 },
  { "encrypted.json", "{\"version\": 1, \"header\": {\"slots\": [{\"type\": 1}], \"params\": {}}, \"db\": \"AAAA\"}", "--password-file", 2 },
  { "no-code.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89", "image", 1 },
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
      g_assert_cmpint (result.status, ==, bad_files[i].status);
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

static char *
cli_ok (const char         *input,
        const char * const *args)
{
  g_auto(TokenTestCliResult) result = { 0 };

  token_test_run_cli (&result, input, args);
  if (result.status != 0)
    g_test_message ("%s %s failed: %s", args[0], args[1], result.err);
  g_assert_cmpint (result.status, ==, 0);
  return g_steal_pointer (&result.out);
}

static void
add_uris (const char *uris)
{
  static const char * const args[] = { "add", NULL };
  g_free (cli_ok (uris, args));
}

static void
assert_same_tokens (GPtrArray *expected,
                    GPtrArray *found)
{
  g_assert_cmpuint (expected->len, ==, found->len);
  for (guint i = 0; i < expected->len; i++)
    {
      TokenCredential *a = g_ptr_array_index (expected, i);
      TokenCredential *b = NULL;

      for (guint j = 0; j < found->len && b == NULL; j++)
        if (g_str_equal (token_credential_get_credential_id (a),
                         token_credential_get_credential_id (g_ptr_array_index (found, j))))
          b = g_ptr_array_index (found, j);
      g_assert_nonnull (b);
      token_credential_set_created (b, token_credential_get_created (a));
      g_assert_true (token_credential_equal (a, b));
    }
}

static char *
code_at (const char *credential_id,
         const char *at)
{
  const char * const args[] = { "code", credential_id, "--at", at, NULL };

  return cli_ok (NULL, args);
}

/* export --format otpauth, then add: the same tokens, the same codes. */
static void
test_export_otpauth_round_trip (void)
{
  static const char * const export_args[] = { "export", "--format", "otpauth", NULL };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *code_before = NULL;
  g_autofree char *code_after = NULL;
  g_auto(GStrv) lines = NULL;

  clear_keyring ();
  add_uris (URI_ONE "\n" URI_TWO "\n" URI_THREE "\n");
  before = snapshot ();
  code_before = code_at ("SOFT12345674", "1111111109");

  exported = cli_ok (NULL, export_args);
  lines = g_strsplit (exported, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_str_has_prefix (lines[i], "otpauth://"));

  clear_keyring ();
  add_uris (exported);
  after = snapshot ();
  assert_same_tokens (before, after);
  code_after = code_at ("SOFT12345674", "1111111109");
  g_assert_cmpstr (code_before, ==, code_after);
}

static char *
zbarimg (const char *path)
{
  const char *argv[] = { "zbarimg", "--raw", "-q", "--nodbus", path, NULL };
  g_autoptr(GError) error = NULL;
  char *output = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return output;
}

/* The QR image zbarimg reads holds what export --format otpauth prints; the
 * file is private to its owner. */
static void
test_export_qr (void)
{
  static const char * const otpauth_args[] = { "export", "--format", "otpauth", "SOFT 1234 5674", NULL };
  g_autofree char *dir = NULL;
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *read_back = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  clear_keyring ();
  add_uris (URI_ONE "\n" URI_TWO "\n");
  dir = g_dir_make_tmp ("cli-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  png = g_build_filename (dir, "code.png", NULL);
  svg = g_build_filename (dir, "code.SVG", NULL);

  {
    const char * const args[] = { "export", "--format", "qr", "--output", png, "SOFT", "1234", "5674", NULL };
    g_autofree char *out = cli_ok (NULL, args);

    g_assert_cmpstr (out, ==, "");
  }
  uri = cli_ok (NULL, otpauth_args);
  read_back = zbarimg (png);
  g_assert_cmpstr (g_strstrip (read_back), ==, g_strstrip (uri));
  g_assert_cmpint (g_stat (png, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  {
    const char * const args[] = { "export", "--format", "qr", "--output", svg, "SOFT12345674", NULL };
    g_autofree char *contents = NULL;

    g_free (cli_ok (NULL, args));

    g_file_get_contents (svg, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (contents, "<svg"));
  }

  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
}

/* The plain Aegis vault reads back with the core's reader. */
static void
test_export_aegis (void)
{
  static const char * const args[] = { "export", "--format", "aegis", NULL };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) read_back = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TokenImport) import = NULL;
  g_autoptr(GBytes) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  GListModel *model;

  clear_keyring ();
  add_uris (URI_ONE "\n" URI_TWO "\n" URI_THREE "\n");
  before = snapshot ();

  exported = cli_ok (NULL, args);
  vault = g_bytes_new (exported, strlen (exported));
  import = token_aegis_read (vault, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (token_import_get_n_problems (import), ==, 0);
  model = token_import_get_credentials (import);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (read_back, g_list_model_get_item (model, i));
  assert_same_tokens (before, read_back);
}

/* The pam_oath line is the core's; what pam_oath cannot check is refused. */
static void
test_export_pam_oath (void)
{
  static const char * const args[] = { "export", "--format", "pam-oath", "--user", "alice", "SOFT12345674", NULL };
  static const char * const sha256_args[] = { "export", "--format", "pam-oath", "--user", "alice", "SHA200000000", NULL };
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *expected = NULL;
  g_auto(TokenTestCliResult) refused = { 0 };

  clear_keyring ();
  add_uris (URI_ONE "\n"
            "otpauth://totp/SHA200000000?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256\n");
  credential = stored ("SOFT12345674");
  expected = token_pam_oath_format_line (credential, "alice", &error);
  g_assert_no_error (error);

  line = cli_ok (NULL, args);
  g_assert_cmpstr (g_strchomp (line), ==, expected);

  token_test_run_cli (&refused, NULL, sha256_args);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_cmpstr (refused.out, ==, "");
  g_assert_nonnull (strstr (refused.err, "SHA1"));
}

typedef struct
{
  const char *args[9];
  int         status;
  const char *mentions;
} BadExport;

static const BadExport bad_exports[] = {
  { { "export", "--format", "qr", "--output", "x.png", NULL }, 2, "exactly one" },
  { { "export", "--format", "qr", NULL }, 2, "--output" },
  { { "export", "--format", "qr", "--output", "x.gif", "SOFT12345674", NULL }, 2, "x.gif" },
  { { "export", "--format", "pam-oath", "SOFT12345674", NULL }, 2, "--user" },
  { { "export", "--format", "pam-oath", "--user", "bad name", "SOFT12345674", NULL }, 1, "bad name" },
  { { "export", "--format", "otpauth", "--user", "alice", NULL }, 2, "--user" },
  { { "export", "--format", "aegis", "--generate-passphrase", NULL }, 2, "passphrase" },
  { { "export", "--format", "otpauth", "NONE00000000", NULL }, 4, "NONE 0000 0000" },
  { { "export", "--format", "png", NULL }, 2, "png" },
};

/* Bad requests write nothing and change nothing. */
static void
test_bad_exports (void)
{
  g_autoptr(GPtrArray) before = NULL;

  clear_keyring ();
  add_uris (URI_ONE "\n" URI_TWO "\n");
  before = snapshot ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_exports); i++)
    {
      g_auto(TokenTestCliResult) result = { 0 };
      g_autoptr(GPtrArray) after = NULL;

      token_test_run_cli (&result, NULL, bad_exports[i].args);
      g_test_message ("case %u: %d %s", i, result.status, result.err);
      g_assert_cmpint (result.status, ==, bad_exports[i].status);
      g_assert_cmpstr (result.out, ==, "");
      g_assert_nonnull (strstr (result.err, bad_exports[i].mentions));
      g_assert_false (g_file_test (bad_exports[i].args[4] != NULL ? bad_exports[i].args[4] : "x.png",
                                   G_FILE_TEST_EXISTS));

      after = snapshot ();
      assert_same_tokens (before, after);
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
  g_test_add_func ("/cli-exchange/add-encrypted-aegis", test_add_encrypted_aegis);
  g_test_add_func ("/cli-exchange/add-encrypted-aegis-typed", test_add_encrypted_aegis_typed);
  g_test_add_func ("/cli-exchange/dry-run", test_dry_run);
  g_test_add_func ("/cli-exchange/bad-files-change-nothing", test_bad_files_change_nothing);
  g_test_add_func ("/cli-exchange/export-otpauth-round-trip", test_export_otpauth_round_trip);
  g_test_add_func ("/cli-exchange/export-qr", test_export_qr);
  g_test_add_func ("/cli-exchange/export-aegis", test_export_aegis);
  g_test_add_func ("/cli-exchange/export-pam-oath", test_export_pam_oath);
  g_test_add_func ("/cli-exchange/bad-exports", test_bad_exports);

  return g_test_run ();
}
