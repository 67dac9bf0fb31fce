/* test-cli-keyring.c: soft-token-cli on a real gnome-keyring-daemon
 *
 * Runs inside tests/run-in-world --keyring. The commands run as separate
 * processes, the way a user or a script runs them; the test checks the
 * keyring behind them through TokenStore and libsecret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "token-base32.h"
#include "token-credential-id.h"
#include "token-error.h"
#include "token-secure.h"
#include "token-store.h"
#include "token-test-world.h"

#define SCHEMA_NAME "io.github.softtoken.SoftToken.Credential"
#define RFC_URI_SHA1 "otpauth://totp/RFC:SOFT12345674?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8"
#define RFC_HOTP_URI "otpauth://hotp/RFC%204226:HOTP00000000?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0"

static void
clear_keyring (void)
{
  if (token_test_world_keyring_locked ())
    token_test_world_unlock_keyring ();

  token_test_keyring_delete_items ("xdg:schema", SCHEMA_NAME);
}

static TokenStore *
loaded_store (void)
{
  TokenStore *store = token_store_new ();
  g_autoptr(GError) error = NULL;

  token_store_load_sync (store, NULL, &error);
  g_assert_no_error (error);
  return store;
}

/* Runs the CLI and expects success: returns its output, trimmed. */
static char *
cli_ok (const char         *input,
        const char * const *args)
{
  g_auto(TokenTestCliResult) result = { 0 };

  token_test_run_cli (&result, input, args);
  if (result.status != 0)
    g_test_message ("%s failed: %s", args[0], result.err);
  g_assert_cmpint (result.status, ==, 0);
  return g_strdup (g_strstrip (result.out));
}

static char *
new_token (const char *issuer)
{
  const char *args[] = { "new", "--issuer", issuer, "--label", "alice", NULL };

  return cli_ok (NULL, args);
}

/* What the keyring holds, as the store reads it: every field and the
 * seed of every token, so that “changes nothing” can be checked. */
static GPtrArray *
snapshot (void)
{
  g_autoptr(TokenStore) store = loaded_store ();
  GPtrArray *credentials = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_ptr_array_add (credentials, g_list_model_get_item (G_LIST_MODEL (store), i));

  return credentials;
}

static void
assert_same_snapshot (GPtrArray *before,
                      GPtrArray *after)
{
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (token_credential_equal (g_ptr_array_index (before, i),
                                           g_ptr_array_index (after, i)));
}

static void
test_new_list_show_code_remove (void)
{
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(TokenCredential) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *compact_lower = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *code = NULL;
  g_autofree char *only_code = NULL;
  g_autofree char *expected_line = NULL;
  g_autoptr(TokenSecureString) base32 = NULL;
  char expected[TOKEN_CODE_BUFFER_SIZE];
  static const char * const list_args[] = { "list", NULL };

  clear_keyring ();
  {
    static const char * const args[] = { "new", "--prefix", "abcd", "--issuer", "Shinkin Bank",
                                         "--label", "alice", NULL };

    id = cli_ok (NULL, args);
  }
  /* Printed grouped, with a valid check digit and the prefix asked for. */
  g_assert_true (g_regex_match_simple ("^ABCD [0-9]{4} [0-9]{4}$", id, 0, 0));
  g_assert_true (token_credential_id_is_valid (id));

  store = token_store_new ();
  stored = token_store_lookup_sync (store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token_credential_get_issuer (stored), ==, "Shinkin Bank");
  g_assert_cmpuint (g_bytes_get_size (token_credential_get_secret (stored)), ==, 20);

  listed = cli_ok (NULL, list_args);
  expected_line = g_strdup_printf ("%s\tShinkin Bank\talice\ttotp", id);
  g_assert_cmpstr (listed, ==, expected_line);

  /* Any case, without spaces. */
  compact_lower = g_ascii_strdown (token_credential_get_credential_id (stored), -1);
  {
    const char *args[] = { "show", compact_lower, NULL };

    shown = cli_ok (NULL, args);
  }
  g_assert_nonnull (strstr (shown, id));
  g_assert_nonnull (strstr (shown, "Shinkin Bank"));
  g_assert_nonnull (strstr (shown, "SHA1"));
  base32 = token_base32_encode (token_credential_get_secret (stored));
  g_assert_null (strstr (shown, base32));

  g_assert_true (token_credential_code_at (stored, 1700000000, expected, &error));
  {
    const char *args[] = { "code", compact_lower, "--at", "1700000000", NULL };

    code = cli_ok (NULL, args);
  }
  g_assert_cmpstr (code, ==, expected);

  /* As people read it off the screen, unquoted: three words. */
  {
    g_auto(GStrv) words = g_strsplit (id, " ", -1);
    const char *args[] = { "code", words[0], words[1], words[2], "--at", "1700000000", NULL };
    g_autofree char *typed_code = cli_ok (NULL, args);

    g_assert_cmpstr (typed_code, ==, expected);
  }

  /* The only token needs no ID. */
  {
    static const char * const args[] = { "code", "--at", "1700000000", NULL };

    only_code = cli_ok (NULL, args);
  }
  g_assert_cmpstr (only_code, ==, expected);

  {
    const char *args[] = { "remove", id, "--yes", NULL };
    g_autofree char *removed = cli_ok (NULL, args);

    g_assert_nonnull (strstr (removed, id));
  }
  {
    g_autofree char *empty = cli_ok (NULL, list_args);

    g_assert_cmpstr (empty, ==, "");
  }
}

static void
test_list_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *json = NULL;
  static const char * const args[] = { "list", "--json", NULL };
  JsonArray *array;
  JsonObject *object;

  clear_keyring ();
  first = new_token ("First");
  {
    static const char * const add_args[] = { "add", NULL };

    second = cli_ok (RFC_HOTP_URI, add_args);
  }

  json = cli_ok (NULL, args);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      object = json_array_get_object_element (array, i);
      if (g_str_equal (json_object_get_string_member (object, "display_id"), first))
        {
          g_assert_cmpstr (json_object_get_string_member (object, "issuer"), ==, "First");
          g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "totp");
          g_assert_cmpint (json_object_get_int_member (object, "period"), ==, 30);
        }
      else
        {
          g_assert_cmpstr (json_object_get_string_member (object, "credential_id"), ==, "HOTP00000000");
          g_assert_cmpstr (json_object_get_string_member (object, "issuer"), ==, "RFC 4226");
          g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "hotp");
          g_assert_cmpint (json_object_get_int_member (object, "counter"), ==, 0);
          g_assert_false (json_object_has_member (object, "secret"));
        }
    }
}

static void
test_add_and_code (void)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *id = NULL;
  g_autofree char *code = NULL;
  static const char * const add_args[] = { "add", NULL };
  static const char * const code_args[] = { "code", "soft 1234 5674", "--at", "59", NULL };

  clear_keyring ();
  id = cli_ok (RFC_URI_SHA1 "\n", add_args);
  g_assert_cmpstr (id, ==, "SOFT 1234 5674");

  /* RFC 6238 appendix B, SHA1, T = 59. */
  code = cli_ok (NULL, code_args);
  g_assert_cmpstr (code, ==, "94287082");

  /* Added twice: refused, and the first one stays as it was. */
  before = snapshot ();
  {
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, RFC_URI_SHA1, add_args);
    g_assert_cmpint (result.status, ==, 1);
    g_assert_nonnull (strstr (result.err, "already"));
  }
  after = snapshot ();
  assert_same_snapshot (before, after);

  {
    static const char * const args[] = { "add", "--replace", NULL };
    g_autofree char *replaced = cli_ok ("otpauth://totp/rfc:SOFT12345674?secret=JBSWY3DPEHPK3PXP", args);
    g_autoptr(GPtrArray) replaced_snapshot = snapshot ();

    g_assert_cmpstr (replaced, ==, "SOFT 1234 5674");
    g_assert_cmpuint (replaced_snapshot->len, ==, 1);
    g_assert_cmpstr (token_credential_get_issuer (g_ptr_array_index (replaced_snapshot, 0)), ==, "rfc");
  }

  /* The same ID at another service is another token: stored beside it,
   * and --replace never touches the namesake. */
  {
    static const char * const args[] = { "add", "--replace", NULL };
    g_autofree char *added = cli_ok ("otpauth://totp/New%20Issuer:SOFT12345674?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", args);
    g_autoptr(GPtrArray) both = snapshot ();

    g_assert_cmpstr (added, ==, "SOFT 1234 5674");
    g_assert_cmpuint (both->len, ==, 2);
  }
}

/* Each HOTP code is shown once: the counter moves on in the keyring first. */
static void
test_hotp_code (void)
{
  g_autoptr(GPtrArray) stored = NULL;
  static const char * const add_args[] = { "add", NULL };
  static const char * const code_args[] = { "code", "HOTP00000000", NULL };
  g_autofree char *id = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  clear_keyring ();
  id = cli_ok (RFC_HOTP_URI, add_args);

  /* RFC 4226 appendix D: imported with counter=0, the first code is
   * counter 0's, 755224, then 287082; the counter of the next is 2. */
  first = cli_ok (NULL, code_args);
  second = cli_ok (NULL, code_args);
  g_assert_cmpstr (first, ==, "755224");
  g_assert_cmpstr (second, ==, "287082");

  stored = snapshot ();
  g_assert_cmpuint (token_credential_get_counter (g_ptr_array_index (stored, 0)), ==, 2);
}

#define CONCURRENT_CLI_CODES 40
#define CONCURRENT_APP_CODES 5

static GSubprocess *
spawn_code (const char *name)
{
  const char *argv[] = { g_getenv ("SOFT_TOKEN_CLI"), "code", name, NULL };
  g_autoptr(GError) error = NULL;
  GSubprocess *process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                  | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);

  g_assert_no_error (error);
  return process;
}

static char *
finish_code (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_test_message ("code failed: %s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return g_strstrip (out);
}

/* Forty soft-token-cli code and the app's Next Code at once on one HOTP
 * token: every code is shown once, they are the codes of counters 0 to
 * N - 1, and the counter of the next is N. */
static void
test_hotp_concurrent (void)
{
  static const char * const add_args[] = { "add", NULL };
  g_autoptr(GPtrArray) processes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const guint total = CONCURRENT_CLI_CODES + CONCURRENT_APP_CODES;

  clear_keyring ();
  id = cli_ok (RFC_HOTP_URI, add_args);
  store = loaded_store ();
  credential = g_object_ref (token_store_find (store, "HOTP00000000"));

  for (guint i = 0; i < CONCURRENT_CLI_CODES; i++)
    g_ptr_array_add (processes, spawn_code ("hotp00000000"));
  for (guint i = 0; i < CONCURRENT_APP_CODES; i++)
    {
      char *code = token_store_next_hotp_code_sync (store, credential, NULL, &error);

      g_assert_no_error (error);
      g_assert_false (g_hash_table_contains (shown, code));
      g_hash_table_add (shown, code);
    }
  for (guint i = 0; i < processes->len; i++)
    {
      char *code = finish_code (g_ptr_array_index (processes, i));

      if (g_hash_table_contains (shown, code))
        g_test_message ("code %s shown twice", code);
      g_assert_false (g_hash_table_contains (shown, code));
      g_hash_table_add (shown, code);
    }

  g_test_message ("%u codes at once, %u distinct", total, g_hash_table_size (shown));
  g_assert_cmpuint (g_hash_table_size (shown), ==, total);
  for (guint64 counter = 0; counter < total; counter++)
    {
      char expected[TOKEN_CODE_BUFFER_SIZE];

      g_assert_true (token_credential_code_for_counter (credential, counter, expected, &error));
      g_assert_true (g_hash_table_contains (shown, expected));
    }

  stored = snapshot ();
  g_assert_cmpuint (token_credential_get_counter (g_ptr_array_index (stored, 0)), ==, total);
}

/* A dry run reports, entry by entry, what the real add then does: for a
 * file with a new token, one already stored, a namesake at another service,
 * a token of the same seed but another kind, and a damaged line. */
static void
test_dry_run_equals_add (void)
{
  static const char * const add_args[] = { "add", NULL };
  static const char * const dry_args[] = { "add", "--dry-run", NULL };
  static const char * const input =
    "# tokens of a test\n"
    "\n"
    "otpauth://totp/New:alice@example.com?secret=JBSWY3DPEHPK3PXP\n"
    RFC_URI_SHA1 "\n"
    "otpauth://totp/Other:SOFT12345674?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ\n"
    "otpauth://hotp/New:counter@example.com?secret=JBSWY3DPEHPK3PXP&counter=3\n"
    "otpauth://totp/Broken:bob?secret=1\n";
  g_auto(TokenTestCliResult) dry = { 0 };
  g_auto(TokenTestCliResult) real = { 0 };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after_dry = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *first = NULL;

  clear_keyring ();
  first = cli_ok (RFC_URI_SHA1 "\n", add_args);
  before = snapshot ();

  token_test_run_cli (&dry, input, dry_args);
  after_dry = snapshot ();
  assert_same_snapshot (before, after_dry);

  token_test_run_cli (&real, input, add_args);
  after = snapshot ();

  g_test_message ("dry run:\n%s%s", dry.out, dry.err);
  g_assert_cmpint (dry.status, ==, 1);
  g_assert_cmpint (real.status, ==, dry.status);
  lines = g_strsplit (g_strstrip (dry.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_nonnull (strstr (lines[0], "\tnew"));
  g_assert_nonnull (strstr (lines[1], "already"));
  g_assert_nonnull (strstr (lines[2], "\tnew"));
  g_assert_nonnull (strstr (lines[3], "\tnew"));
  g_assert_nonnull (strstr (lines[3], "same secret as New:alice@example.com"));

  /* The three the dry run called new, and nothing else, were stored. */
  g_assert_cmpuint (after->len, ==, before->len + 3);
  g_assert_nonnull (strstr (real.err, "already"));
  g_assert_nonnull (strstr (real.err, "“1”"));
  g_assert_null (strstr (dry.err, "#"));
}

static void
assert_program_hardened (const char *program,
                         const char *argument)
{
  const char *argv[] = { program, argument, NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "SOFT_TOKEN_REPORT_HARDENING", "1", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s", program, err);
  g_assert_nonnull (strstr (err, "hardening: dumpable 0, core limit 0/0"));
}

/* Neither the CLI nor the app can leave a core dump or be read by another
 * process of the user, from before any secret is read. */
static void
test_hardened (void)
{
  assert_program_hardened (g_getenv ("SOFT_TOKEN_CLI"), "list");
  assert_program_hardened (g_getenv ("SOFT_TOKEN_APP"), "--help");
}

typedef struct
{
  const char *args[7];
  const char *input;
  int         status;
  const char *mentions;
} BadInput;

/* Every command with bad input: its message, its exit status, and a
 * keyring exactly as it was. */
static const BadInput bad_inputs[] = {
  { { "code", "NONE 0000 0000", NULL }, NULL, 4, "NONE 0000 0000" },
  { { "code", "nobody@example.com", NULL }, NULL, 4, "nobody@example.com" },
  { { "show", "NONE00000000", NULL }, NULL, 4, "NONE 0000 0000" },
  { { "remove", "NONE00000000", "--yes", NULL }, NULL, 4, "NONE 0000 0000" },
  { { "code", "", NULL }, NULL, 2, "empty" },
  { { "code", "--at", "soon", NULL }, NULL, 2, "soon" },
  { { "code", NULL }, NULL, 2, "list" },
  { { "code", "NONE", "0000", "0000", NULL }, NULL, 4, "NONE 0000 0000" },
  { { "show", NULL }, NULL, 2, "Credential ID" },
  { { "remove", NULL }, NULL, 2, "Credential ID" },
  { { "add", NULL }, "otpauth://totp/alice?secret=JBSW1Y3DPEHPK3PXP", 1, "“1”" },
  { { "add", NULL }, "http://example.com/?secret=JBSWY3DPEHPK3PXP", 1, "otpauth" },
  { { "add", NULL }, "otpauth://totp/alice?secret=JBSWY3DP", 1, "80" },
  { { "add", NULL }, "", 1, "otpauth" },
  { { "add", RFC_URI_SHA1, NULL }, NULL, 2, "standard input" },
  { { "new", "--prefix", "AB1", NULL }, NULL, 2, "AB1" },
  { { "new", "extra", NULL }, NULL, 2, "extra" },
  { { "list", "extra", NULL }, NULL, 2, "extra" },
  { { "list", "--frobnicate", NULL }, NULL, 2, "frobnicate" },
};

static void
test_bad_input_changes_nothing (void)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  clear_keyring ();
  first = new_token ("One");
  second = new_token ("Two");
  before = snapshot ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_auto(TokenTestCliResult) result = { 0 };
      g_autoptr(GPtrArray) after = NULL;

      token_test_run_cli (&result, bad_inputs[i].input, bad_inputs[i].args);
      g_test_message ("case %u (%s): %d %s", i, bad_inputs[i].args[0], result.status, result.err);
      g_assert_cmpint (result.status, ==, bad_inputs[i].status);
      g_assert_cmpstr (result.out, ==, "");
      g_assert_nonnull (strstr (result.err, bad_inputs[i].mentions));

      after = snapshot ();
      assert_same_snapshot (before, after);
    }
}

/* Not on a terminal and no --yes: nothing is removed. */
static void
test_remove_needs_yes (void)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *id = NULL;
  g_auto(TokenTestCliResult) result = { 0 };

  clear_keyring ();
  id = new_token ("Keep Me");
  before = snapshot ();

  {
    const char *args[] = { "remove", id, NULL };

    token_test_run_cli (&result, "y\n", args);
  }
  g_assert_cmpint (result.status, ==, 2);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "--yes"));
  g_assert_nonnull (strstr (result.err, id));

  after = snapshot ();
  assert_same_snapshot (before, after);
}

/* On a terminal, remove asks, naming the token: anything but yes keeps
 * it, yes removes it. */
static void
test_remove_asks_on_terminal (void)
{
  static const char question_end[] = "[y/N] ";
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *id = NULL;
  g_autofree char *display_id = NULL;

  clear_keyring ();
  id = new_token ("Ask Me");
  display_id = token_credential_id_format (id);
  before = snapshot ();
  {
    const char *args[] = { "remove", id, NULL };
    g_auto(TokenTestCliResult) kept = { 0 };
    g_auto(TokenTestCliResult) removed = { 0 };

    token_test_run_cli_on_terminal (&kept, args, question_end, "n", FALSE);
    g_assert_cmpint (kept.status, ==, 1);
    g_assert_nonnull (strstr (kept.out, display_id));
    g_assert_nonnull (strstr (kept.out, "Deregister"));
    g_assert_nonnull (strstr (kept.out, "Not removed."));
    after = snapshot ();
    assert_same_snapshot (before, after);

    token_test_run_cli_on_terminal (&removed, args, question_end, "y", FALSE);
    g_assert_cmpint (removed.status, ==, 0);
    g_clear_pointer (&after, g_ptr_array_unref);
    after = snapshot ();
    g_assert_cmpuint (after->len, ==, before->len - 1);
  }
}

static void
test_locked (void)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *id = NULL;
  g_autofree char *code = NULL;
  static const char * const list_args[] = { "list", NULL };

  clear_keyring ();
  id = new_token ("Locked Bank");
  before = snapshot ();
  token_test_world_lock_keyring ();

  {
    const char *args[] = { "code", id, NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 3);
    g_assert_cmpstr (result.out, ==, "");
    g_assert_nonnull (strstr (result.err, "locked"));
  }
  {
    /* Not “no such token”: the keyring cannot say while it is locked. */
    const char *args[] = { "code", "NONE00000000", NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 3);
    g_assert_nonnull (strstr (result.err, "locked"));
  }
  {
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, list_args);
    g_assert_cmpint (result.status, ==, 3);
  }
  {
    const char *args[] = { "remove", id, "--yes", NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 3);
  }
  {
    static const char * const args[] = { "new", NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 3);
  }

  token_test_world_unlock_keyring ();

  {
    const char *args[] = { "code", id, NULL };

    code = cli_ok (NULL, args);
    g_assert_true (g_regex_match_simple ("^[0-9]{6}$", code, 0, 0));
  }
  after = snapshot ();
  assert_same_snapshot (before, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  token_test_world_require ();
  /* A command that refuses its input closes the pipe before we write. */
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/cli-keyring/new-list-show-code-remove", test_new_list_show_code_remove);
  g_test_add_func ("/cli-keyring/list-json", test_list_json);
  g_test_add_func ("/cli-keyring/add-and-code", test_add_and_code);
  g_test_add_func ("/cli-keyring/hotp-code", test_hotp_code);
  g_test_add_func ("/cli-keyring/hotp-concurrent", test_hotp_concurrent);
  g_test_add_func ("/cli-keyring/hardened", test_hardened);
  g_test_add_func ("/cli-keyring/dry-run-equals-add", test_dry_run_equals_add);
  g_test_add_func ("/cli-keyring/bad-input-changes-nothing", test_bad_input_changes_nothing);
  g_test_add_func ("/cli-keyring/remove-needs-yes", test_remove_needs_yes);
  g_test_add_func ("/cli-keyring/remove-asks-on-terminal", test_remove_asks_on_terminal);
  g_test_add_func ("/cli-keyring/locked", test_locked);

  return g_test_run ();
}
