/* test-cli-vip.c: soft-token-cli new --vip, vip-check and vip-sync against
 * the VIP test server (tests/vip-test-server.py, loopback, started here)
 *
 * Runs inside tests/run-in-world --keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-test-world.h"

#define SCHEMA_NAME "io.github.softtoken.SoftToken.Credential"

static GSubprocess *server;
static char *base_url;

static void
start_server (void)
{
  const char *source = g_getenv ("SOFT_TOKEN_SOURCE_DIR");
  g_autofree char *script = g_build_filename (source, "tests", "vip-test-server.py", NULL);
  g_autofree char *fixtures = g_build_filename (source, "tests", "vip", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *port = NULL;

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             "python3", script, fixtures, "--sync-gap", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  port = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (port);
  base_url = g_strdup_printf ("http://127.0.0.1:%s", port);
}

static void
point_at (const char *provision_path)
{
  g_autofree char *provision = g_strconcat (base_url, provision_path, NULL);
  g_autofree char *check = g_strconcat (base_url, "/otpCheck", NULL);
  g_autofree char *sync = g_strconcat (base_url, "/otpSync", NULL);

  g_setenv ("SOFT_TOKEN_VIP_PROVISION_URL", provision, TRUE);
  g_setenv ("SOFT_TOKEN_VIP_CHECK_URL", check, TRUE);
  g_setenv ("SOFT_TOKEN_VIP_SYNC_URL", sync, TRUE);
}

static guint
count_tokens (void)
{
  g_autoptr(GPtrArray) items = token_test_keyring_items ();
  guint count = 0;

  for (guint i = 0; i < items->len; i++)
    {
      TokenTestItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (g_hash_table_lookup (item->attributes, "xdg:schema"), SCHEMA_NAME) == 0)
        count++;
    }
  return count;
}

static void
clear_keyring (void)
{
  token_test_keyring_delete_items ("xdg:schema", SCHEMA_NAME);
}

static char *
server_secret (const char *credential_id)
{
  g_autofree char *url = g_strdup_printf ("%s/secret/%s", base_url, credential_id);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  /* GIO reads no http without gvfs: python does, still on loopback. */
  {
    const char *argv[] = { "python3", "-c",
                           "import sys, urllib.request;"
                           "print(urllib.request.urlopen(sys.argv[1]).read().decode())",
                           url, NULL };
    int status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  &contents, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  return g_strstrip (contents);
}

static char *
oathtool_code (const char *hex_secret,
               const char *at)
{
  g_autofree char *when = g_strconcat ("@", at, NULL);
  const char *argv[] = { "oathtool", "--totp", "-N", when, hex_secret, NULL };
  g_autoptr(GError) error = NULL;
  char *output = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (output);
}

static void
test_new_vip (void)
{
  const char *models[][2] = { { NULL, "SYMC" }, { "SYDC", "SYDC" } };

  clear_keyring ();
  point_at ("/prov");
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_auto(TokenTestCliResult) created = { 0 };
      g_auto(TokenTestCliResult) shown = { 0 };
      g_auto(TokenTestCliResult) code = { 0 };
      g_auto(TokenTestCliResult) checked = { 0 };
      const char *with_model[] = { "new", "--vip", "--model", models[i][0], NULL };
      const char *plain[] = { "new", "--vip", NULL };
      g_auto(GStrv) lines = NULL;
      g_autofree char *id = NULL;
      g_autofree char *secret = NULL;
      g_autofree char *expected = NULL;

      token_test_run_cli (&created, NULL, models[i][0] != NULL ? with_model : plain);
      g_assert_cmpint (created.status, ==, 0);
      g_assert_nonnull (strstr (created.err, "Register this Credential ID"));
      lines = g_strsplit (g_strstrip (created.out), "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, 2);
      /* Grouped as VIP's own app shows it: SYMC 1234 5678. */
      g_assert_true (g_regex_match_simple ("^[A-Z]{4} [0-9]{4} [0-9]{4}$", lines[0], 0, 0));
      g_assert_true (g_str_has_prefix (lines[0], models[i][1]));
      g_assert_true (g_regex_match_simple ("^[0-9]{6}$", lines[1], 0, 0));
      g_assert_cmpuint (count_tokens (), ==, i + 1);

      id = g_strdup (lines[0]);
      token_test_run_cli (&shown, NULL, (const char *[]) { "show", id, NULL });
      g_assert_cmpint (shown.status, ==, 0);
      g_assert_nonnull (strstr (shown.out, "VIP Access"));
      g_assert_nonnull (strstr (shown.out, "Expires:"));

      /* Its codes are the server's secret's codes, by oathtool. */
      {
        char joined[16];

        g_snprintf (joined, sizeof joined, "%.4s%.4s%.4s", id, id + 5, id + 10);
        secret = server_secret (joined);
      }
      token_test_run_cli (&code, NULL, (const char *[]) { "code", id, "--at", "1700000000", NULL });
      g_assert_cmpint (code.status, ==, 0);
      expected = oathtool_code (secret, "1700000000");
      g_assert_cmpstr (g_strstrip (code.out), ==, expected);

      token_test_run_cli (&checked, NULL, (const char *[]) { "vip-check", id, NULL });
      g_assert_cmpint (checked.status, ==, 0);
      g_assert_nonnull (strstr (checked.out, "VIP Access accepts this credential’s codes"));
    }
}

static void
assert_new_fails (const char *path,
                  const char *model,
                  int         status,
                  const char *sentence)
{
  g_auto(TokenTestCliResult) result = { 0 };
  const char *with_model[] = { "new", "--vip", "--model", model, NULL };
  const char *plain[] = { "new", "--vip", NULL };
  guint before = count_tokens ();

  point_at (path);
  token_test_run_cli (&result, NULL, model != NULL ? with_model : plain);
  if (result.status != status || strstr (result.err, sentence) == NULL)
    g_error ("%s: status %d, “%s”; expected %d and “%s”", path, result.status,
             result.err, status, sentence);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_cmpuint (count_tokens (), ==, before);
}

static void
test_new_vip_failures (void)
{
  clear_keyring ();
  assert_new_fails ("/prov/status-4E00", NULL, 6, "status 4E00, “Malformed request”");
  assert_new_fails ("/prov/status-4E0D", NULL, 6, "status 4E0D, “Unsupported token model”");
  assert_new_fails ("/prov/status-4F04", NULL, 6, "status 4F04");
  assert_new_fails ("/prov/status-4F99", NULL, 6, "status 4F99");
  assert_new_fails ("/prov/truncated", NULL, 6, "not the documented one");
  assert_new_fails ("/prov/malformed", NULL, 6, "not the documented one");
  assert_new_fails ("/prov/bad-padding", NULL, 6, "expected padding");
  assert_new_fails ("/prov/short-secret", NULL, 6, "expected padding");
  assert_new_fails ("/prov/bad-id", NULL, 6, "not 4 letters and 8 digits");
  assert_new_fails ("/prov/http-500", NULL, 6, "HTTP error 500");
  assert_new_fails ("/prov/close-half-way", NULL, 6, "127.0.0.1");
  assert_new_fails ("/prov", "S/MC", 2, "not a VIP Access credential type");
  g_setenv ("SOFT_TOKEN_VIP_PROVISION_URL", "http://vip.example.com/prov", TRUE);
  {
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, (const char *[]) { "new", "--vip", NULL });
    g_assert_cmpint (result.status, ==, 6);
    g_assert_nonnull (strstr (result.err, "https"));
  }
  g_assert_cmpuint (count_tokens (), ==, 0);
}

static void
test_check_and_sync (void)
{
  g_auto(TokenTestCliResult) created = { 0 };
  g_auto(TokenTestCliResult) first = { 0 };
  g_auto(TokenTestCliResult) synced = { 0 };
  g_auto(TokenTestCliResult) second = { 0 };
  g_auto(TokenTestCliResult) added = { 0 };
  g_auto(TokenTestCliResult) stranger = { 0 };
  g_autofree char *id = NULL;

  clear_keyring ();
  point_at ("/prov/drifted");
  token_test_run_cli (&created, NULL, (const char *[]) { "new", "--vip", NULL });
  g_assert_cmpint (created.status, ==, 0);
  id = g_strndup (created.out, strcspn (created.out, "\n"));

  token_test_run_cli (&first, NULL, (const char *[]) { "vip-check", id, NULL });
  g_assert_cmpint (first.status, ==, 6);
  g_assert_nonnull (strstr (first.err, "sync it"));
  token_test_run_cli (&synced, NULL, (const char *[]) { "vip-sync", id, NULL });
  g_assert_cmpint (synced.status, ==, 0);
  g_assert_nonnull (strstr (synced.out, "VIP Access synced this credential"));
  token_test_run_cli (&second, NULL, (const char *[]) { "vip-check", id, NULL });
  g_assert_cmpint (second.status, ==, 0);

  /* A token VIP never issued. */
  token_test_run_cli (&added, "otpauth://totp/Bank:SYMC00000000?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n",
                      (const char *[]) { "add", NULL });
  g_assert_cmpint (added.status, ==, 0);
  token_test_run_cli (&stranger, NULL, (const char *[]) { "vip-check", "SYMC00000000", NULL });
  g_assert_cmpint (stranger.status, ==, 6);
  g_assert_nonnull (strstr (stranger.err, "may not know the Credential ID"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  token_test_world_require ();
  start_server ();

  g_test_add_func ("/cli-vip/new", test_new_vip);
  g_test_add_func ("/cli-vip/new-failures", test_new_vip_failures);
  g_test_add_func ("/cli-vip/check-and-sync", test_check_and_sync);

  status = g_test_run ();
  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&server);
  g_free (base_url);
  return status;
}
