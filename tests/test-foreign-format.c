/* test-foreign-format.c: files of other apps that Soft Token does not
 * read are named in one sentence by the one import reader, and nothing is
 * read from them; other JSON is never called a newer Aegis's vault
 *
 * The inputs are made here from each kind's documented shape: the SQLite
 * file header, Android's XML settings <map>, and each app's JSON members.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-error.h"
#include "token-foreign-format.h"
#include "token-import-reader.h"

static GBytes *
sqlite_file (const char *schema)
{
  GByteArray *file = g_byte_array_new ();
  guint8 page[512] = { 0, };

  /* "SQLite format 3" and its NUL, then a page holding the schema text. */
  g_byte_array_append (file, (const guint8 *) "SQLite format 3", 16);
  g_byte_array_append (file, page, 84);
  g_byte_array_append (file, (const guint8 *) schema, strlen (schema));
  g_byte_array_append (file, page, sizeof page);
  return g_byte_array_free_to_bytes (file);
}

static GBytes *
text (const char *contents)
{
  return g_bytes_new (contents, strlen (contents));
}

/* The reader refuses @input with an error that holds @words. */
static void
assert_named (GBytes     *input,
              const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = token_import_reader_read (input, "password", &error);

  g_assert_null (import);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_FORMAT);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_databases (void)
{
  g_autoptr(GBytes) google = sqlite_file ("CREATE TABLE auditlog_add_account (_id INTEGER PRIMARY KEY)");
  g_autoptr(GBytes) microsoft = sqlite_file ("CREATE TABLE `accounts` (`_id` INTEGER, `paws_url` TEXT)");
  g_autoptr(GBytes) stratum = sqlite_file ("CREATE TABLE \"authenticator\" (\"Secret\" TEXT)");
  g_autoptr(GBytes) other = sqlite_file ("CREATE TABLE notes (body TEXT)");

  assert_named (google, "Google Authenticator’s internal database");
  assert_named (microsoft, "Microsoft Authenticator’s internal database");
  assert_named (stratum, "Authenticator Pro’s internal database");
  assert_named (other, "SQLite database");
}

static void
test_android_settings (void)
{
  static const char head[] = "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n";
  g_autofree char *authy = g_strconcat (head, "<string name=\"com.authy.storage.tokens.authenticator.key\">[]</string>\n</map>\n", NULL);
  g_autofree char *battle = g_strconcat (head, "<string name=\"com.blizzard.messenger.AUTHENTICATOR\">x</string>\n</map>\n", NULL);
  g_autofree char *freeotp = g_strconcat (head, "<string name=\"tokenOrder\">[]</string>\n</map>\n", NULL);
  g_autofree char *totp = g_strconcat (head, "<string name=\"STATIC_TOTP_CODES_LIST\">x</string>\n</map>\n", NULL);
  g_autoptr(GBytes) authy_bytes = text (authy);
  g_autoptr(GBytes) battle_bytes = text (battle);
  g_autoptr(GBytes) freeotp_bytes = text (freeotp);
  g_autoptr(GBytes) totp_bytes = text (totp);

  assert_named (authy_bytes, "Authy’s internal database");
  assert_named (battle_bytes, "Battle.net Authenticator’s internal database");
  assert_named (freeotp_bytes, "FreeOTP’s internal database");
  assert_named (totp_bytes, "TOTP Authenticator’s internal database");
}

static void
test_exports_not_read (void)
{
  static const struct { const char *json; const char *words; } cases[] = {
    { "{\"encrypted\": false, \"folders\": [], \"items\": []}", "Bitwarden export" },
    { "{\"tokenOrder\": [], \"tokens\": []}", "FreeOTP+ backup" },
    { "{\"Authenticators\": [], \"Categories\": []}", "Authenticator Pro backup" },
    { "{\"version\": 3, \"deviceSecret\": \"x\", \"accounts\": []}", "LastPass Authenticator export" },
    { "{\"version\": 1, \"kdfParams\": {}, \"encryptedData\": \"x\"}", "Ente Auth export" },
    { "{\"shared_secret\": \"x\", \"account_name\": \"a\"}", "Steam Guard maFile" },
    { "{\"version\": 1, \"entries\": []}", "Proton Authenticator export" },
    { "[{\"secret\": \"x\", \"type\": \"TOTP\", \"label\": \"a\"}]", "andOTP backup" },
    { "  [{\"accountType\": \"OtpAccount\", \"otpGenerator\": {}}]", "Duo Mobile’s internal database" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) input = text (cases[i].json);

      assert_named (input, cases[i].words);
    }
}

/* Only a file shaped like an Aegis vault may be called a newer Aegis's. */
static void
test_other_json_is_not_newer_aegis (void)
{
  static const char * const others[] = {
    "{\"version\": 2}",
    "{\"version\": 7, \"db\": {}}",
    "{\"name\": \"x\"}",
  };
  g_autoptr(GBytes) newer = text ("{\"version\": 2, \"header\": {}, \"db\": {}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(GBytes) input = text (others[i]);

      import = token_import_reader_read (input, NULL, &error);
      g_assert_null (import);
      g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_FORMAT);
      g_assert_null (strstr (error->message, "newer"));
      g_clear_error (&error);
    }

  import = token_import_reader_read (newer, NULL, &error);
  g_assert_null (import);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_VERSION);
  g_assert_nonnull (strstr (error->message, "newer Aegis"));
}

/* What Soft Token reads, and what no app wrote, are not named. */
static void
test_not_recognised (void)
{
  static const char * const inputs[] = {
    "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n",
    "{\"version\": 1, \"header\": {\"slots\": null, \"params\": null}, \"db\": {\"version\": 2, \"entries\": []}}",
    "<html><body>map</body></html>",
    "[1, 2, 3]",
    "{\"schemaVersion\": 4",
  };
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GBytes) deep_bytes = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) input = text (inputs[i]);

      g_assert_false (token_foreign_format_recognise (input, NULL));
    }

  /* json-glib recurses once a level: this must not reach it. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  deep_bytes = text (deep->str);
  g_assert_false (token_foreign_format_recognise (deep_bytes, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/foreign-format/databases", test_databases);
  g_test_add_func ("/foreign-format/android-settings", test_android_settings);
  g_test_add_func ("/foreign-format/exports-not-read", test_exports_not_read);
  g_test_add_func ("/foreign-format/other-json-is-not-newer-aegis", test_other_json_is_not_newer_aegis);
  g_test_add_func ("/foreign-format/not-recognised", test_not_recognised);

  return g_test_run ();
}
