/* test-move.c: moving tokens between two devices with the transfer file
 *
 * Runs inside tests/run-in-world --keyring. Two devices are two keyrings:
 * token_test_world_use_device() restarts the world's gnome-keyring-daemon
 * on the keyring directory of one device or the other, so the old device
 * (“main”) and the new one (“new”) each keep what they stored while the
 * other is in use. The CLI runs as separate processes, the way a user runs
 * it on each device; the transfer file lies in a directory both share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "token-error.h"
#include "token-move.h"
#include "token-store.h"
#include "token-test-world.h"

#define SCHEMA_NAME         "io.github.softtoken.SoftToken.Credential"
#define PENDING_MOVE_SCHEMA "io.github.softtoken.SoftToken.PendingMove"
#define MOVED_RECORD_SCHEMA "io.github.softtoken.SoftToken.MovedRecord"
#define TOTP_ID             "SOFT12345674"
#define HOTP_ID             "HOTP00000000"
#define TOTP_URI "otpauth://totp/RFC:SOFT12345674?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8"
#define HOTP_URI "otpauth://hotp/RFC%204226:HOTP00000000?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0"
/* The same issuer and ID with another seed: a token the new device already has. */
#define OTHER_TOTP_URI "otpauth://totp/RFC:SOFT12345674?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&digits=8"
#define PASSPHRASE          "amber-violin-47-quietly-harbour"

typedef struct
{
  char *directory;
  char *file;
  char *passphrase_file;
} Fixture;


/* Confirms a move of the token that @name names, as the CLI does. */
static gboolean
confirm_move (TokenStore  *store,
              const char  *name,
              const char  *code,
              GCancellable *cancellable,
              GError     **error)
{
  g_autoptr(TokenCredential) credential = token_store_lookup_sync (store, name, NULL, error);

  return credential != NULL && token_store_confirm_move_sync (store, credential, code, cancellable, error);
}

static void
clear_keyring (void)
{
  token_test_keyring_delete_items ("xdg:schema", SCHEMA_NAME);
  token_test_keyring_delete_items ("xdg:schema", PENDING_MOVE_SCHEMA);
  token_test_keyring_delete_items ("xdg:schema", MOVED_RECORD_SCHEMA);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->directory = g_dir_make_tmp ("test-move-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->file = g_build_filename (fixture->directory, "tokens.softtoken", NULL);
  fixture->passphrase_file = g_build_filename (fixture->directory, "passphrase", NULL);
  g_file_set_contents (fixture->passphrase_file, PASSPHRASE "\n", -1, &error);
  g_assert_no_error (error);

  token_test_world_use_device ("new");
  clear_keyring ();
  token_test_world_use_device ("main");
  clear_keyring ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->directory, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->directory);
  g_free (fixture->directory);
  g_free (fixture->file);
  g_free (fixture->passphrase_file);
}

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

static void
add_token (const char *uri)
{
  static const char * const args[] = { "add", NULL };
  g_free (cli_ok (uri, args));
}

static char *
code_at (const char *id,
         const char *at)
{
  const char *args[] = { "code", id, "--at", at, NULL };

  return cli_ok (NULL, args);
}

static char *
next_hotp_code (void)
{
  static const char * const args[] = { "code", HOTP_ID, NULL };

  return cli_ok (NULL, args);
}

static void
export_ok (Fixture *fixture)
{
  const char *args[] = { "export", "--output", fixture->file,
                         "--passphrase-file", fixture->passphrase_file, NULL };
  g_autofree char *out = cli_ok (NULL, args);

  g_assert_nonnull (strstr (out, "confirm-move"));
}

/* Imports the file and returns the confirmation code it printed. */
static char *
import_ok (Fixture    *fixture,
           const char *extra_option,
           char      **err)
{
  const char *args[] = { "import", "--passphrase-file", fixture->passphrase_file,
                         fixture->file, extra_option, NULL };
  g_auto(TokenTestCliResult) result = { 0 };
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("^Confirmation code: (\\S+)$", G_REGEX_MULTILINE, 0, NULL);

  if (extra_option != NULL)
    {
      args[1] = extra_option;
      args[2] = "--passphrase-file";
      args[3] = fixture->passphrase_file;
      args[4] = fixture->file;
    }

  token_test_run_cli (&result, NULL, args);
  if (result.status != 0)
    g_test_message ("import failed: %s", result.err);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "old device"));
  if (err != NULL)
    *err = g_strdup (result.err);

  g_assert_true (g_regex_match (regex, result.out, 0, &match));
  return g_match_info_fetch (match, 1);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Everything in the keyring that can be seen without secrets: every item
 * of every schema, with its path, label and attributes. */
static char *
keyring_fingerprint (void)
{
  g_autoptr(GPtrArray) items = token_test_keyring_items ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < items->len; i++)
    {
      TokenTestItem *item = g_ptr_array_index (items, i);
      g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (item->attributes),
                                            (GCompareFunc) g_strcmp0);
      g_autoptr(GString) line = g_string_new (item->path);

      g_string_append_printf (line, " “%s”", item->label);
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *value = g_strescape (g_hash_table_lookup (item->attributes, l->data), NULL);

          g_string_append_printf (line, " %s=%s", (char *) l->data, value);
        }
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }

  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static guint
count_items (const char *schema_name)
{
  g_autoptr(GPtrArray) items = token_test_keyring_items ();
  guint count = 0;

  for (guint i = 0; i < items->len; i++)
    {
      TokenTestItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (g_hash_table_lookup (item->attributes, "xdg:schema"), schema_name) == 0)
        count++;
    }
  return count;
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

static const char * const times[] = { "59", "1111111109", "1234567890", "2000000000", NULL };

/* Export on the old device, import on the new one: the same codes at the
 * same times, the HOTP counter carried over; the code from the new device
 * then removes the tokens from the old one and leaves records. */
static void
test_move_between_devices (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) old_codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_hotp = NULL;
  g_autofree char *new_hotp = NULL;
  g_autofree char *code = NULL;
  g_autofree char *old_keyring = NULL;
  g_autofree char *after_wrong = NULL;
  g_autofree char *first_hotp = NULL;
  g_autofree char *second_hotp = NULL;
  g_autoptr(TokenMove) dismissed = NULL;
  GListModel *moves;
  GStatBuf stat_buf;

  add_token (TOTP_URI);
  add_token (HOTP_URI);
  /* The counter moves on before the export: 1 and 2 are used. */
  first_hotp = next_hotp_code ();
  second_hotp = next_hotp_code ();
  for (guint i = 0; times[i] != NULL; i++)
    g_ptr_array_add (old_codes, code_at (TOTP_ID, times[i]));

  export_ok (fixture);
  g_assert_cmpint (g_stat (fixture->file, &stat_buf), ==, 0);
  g_assert_cmpint (stat_buf.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_items (PENDING_MOVE_SCHEMA), ==, 1);

  /* A pending move shows on both cards, and the tokens still work. */
  store = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_nonnull (token_store_find_move (store, TOTP_ID));
  g_assert_cmpint (token_move_get_state (token_store_find_move (store, TOTP_ID)), ==, TOKEN_MOVE_PENDING);
  g_assert_cmpint (token_move_get_state (token_store_find_move (store, "hotp00000000")), ==, TOKEN_MOVE_PENDING);
  g_clear_object (&store);

  /* The next HOTP code here is the one for counter 3. */
  old_hotp = next_hotp_code ();

  token_test_world_use_device ("new");
  g_assert_cmpuint (count_items (SCHEMA_NAME), ==, 0);
  code = import_ok (fixture, NULL, NULL);
  g_assert_cmpuint (strlen (code), ==, 8);
  for (guint i = 0; times[i] != NULL; i++)
    {
      g_autofree char *new_code = code_at (TOTP_ID, times[i]);

      g_assert_cmpstr (new_code, ==, g_ptr_array_index (old_codes, i));
    }
  /* Exported at counter 2: the new device's next code is counter 3's,
   * never one the old device had already shown before the export. */
  new_hotp = next_hotp_code ();
  g_assert_cmpstr (new_hotp, ==, old_hotp);
  g_assert_cmpstr (new_hotp, !=, first_hotp);
  g_assert_cmpstr (new_hotp, !=, second_hotp);
  /* Nothing of the move is kept on the new device. */
  g_assert_cmpuint (count_items (PENDING_MOVE_SCHEMA), ==, 0);

  token_test_world_use_device ("main");
  old_keyring = keyring_fingerprint ();

  /* A wrong code changes nothing. */
  {
    const char *args[] = { "confirm-move", TOTP_ID, "AAAAAAAA", NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 5);
    g_assert_nonnull (strstr (result.err, "does not match"));
    after_wrong = keyring_fingerprint ();
    g_assert_cmpstr (after_wrong, ==, old_keyring);
  }

  /* The right code, typed in lowercase with a space, for one of the two
   * tokens: the whole transfer is confirmed. */
  {
    g_autofree char *typed = g_ascii_strdown (code, -1);
    g_autofree char *spaced = g_strdup_printf ("%.4s %s", typed, typed + 4);
    const char *args[] = { "confirm-move", "soft 1234 5674", spaced, NULL };
    g_free (cli_ok (NULL, args));
  }

  g_assert_cmpuint (count_items (SCHEMA_NAME), ==, 0);
  g_assert_cmpuint (count_items (PENDING_MOVE_SCHEMA), ==, 0);
  g_assert_cmpuint (count_items (MOVED_RECORD_SCHEMA), ==, 2);

  store = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  moves = token_store_get_moves (store);
  g_assert_cmpuint (g_list_model_get_n_items (moves), ==, 2);
  g_assert_cmpint (token_move_get_state (token_store_find_move (store, TOTP_ID)), ==, TOKEN_MOVE_DONE);
  g_assert_cmpstr (token_move_get_issuer (token_store_find_move (store, TOTP_ID)), ==, "RFC");
  {
    g_autofree char *description = token_move_dup_description (token_store_find_move (store, HOTP_ID));

    g_assert_nonnull (strstr (description, "Moved to another device on"));
  }

  /* The records are dismissed one by one. */
  dismissed = g_object_ref (token_store_find_move (store, TOTP_ID));
  token_store_dismiss_move_sync (store, dismissed, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token_store_find_move (store, TOTP_ID));
  g_assert_nonnull (token_store_find_move (store, HOTP_ID));
  g_assert_cmpuint (count_items (MOVED_RECORD_SCHEMA), ==, 1);
  token_store_dismiss_move_sync (store, dismissed, NULL, &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND);

  /* A code once used is of no use again. */
  {
    const char *args[] = { "confirm-move", HOTP_ID, code, NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 4);
  }

  /* The new device still has both tokens. */
  token_test_world_use_device ("new");
  g_assert_cmpuint (count_items (SCHEMA_NAME), ==, 2);
}

/* The records keep nothing secret: no attribute of any item holds the
 * seed, and the records' secret values are empty. */
static void
test_records_hold_no_secret (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  add_token (TOTP_URI);
  export_ok (fixture);
  token_test_world_use_device ("new");
  code = import_ok (fixture, NULL, NULL);
  token_test_world_use_device ("main");

  store = token_store_new ();
  confirm_move (store, TOTP_ID, code, NULL, &error);
  g_assert_no_error (error);

  items = token_test_keyring_items ();
  g_assert_cmpuint (items->len, ==, 1);
  {
    TokenTestItem *item = g_ptr_array_index (items, 0);
    GHashTableIter iter;
    gpointer name, value;

    g_assert_cmpstr (g_hash_table_lookup (item->attributes, "xdg:schema"), ==, MOVED_RECORD_SCHEMA);
    g_hash_table_iter_init (&iter, item->attributes);
    while (g_hash_table_iter_next (&iter, &name, &value))
      {
        g_assert_null (strstr (value, "GEZDGNBV"));
        g_assert_null (strstr (value, "12345678901234567890"));
        g_assert_null (strstr (value, code));
      }
  }
}

/* A wrong passphrase is refused with its own exit status and changes
 * nothing on the new device. */
static void
test_wrong_passphrase (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *wrong_file = g_build_filename (fixture->directory, "wrong", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[] = { "import", "--passphrase-file", wrong_file, fixture->file, NULL };
  g_auto(TokenTestCliResult) result = { 0 };

  add_token (TOTP_URI);
  export_ok (fixture);
  g_file_set_contents (wrong_file, PASSPHRASE "!\n", -1, &error);
  g_assert_no_error (error);

  token_test_world_use_device ("new");
  add_token (HOTP_URI);
  before = keyring_fingerprint ();
  token_test_run_cli (&result, NULL, args);
  g_assert_cmpint (result.status, ==, 5);
  g_assert_nonnull (strstr (result.err, "passphrase"));
  g_assert_null (strstr (result.out, "Confirmation code"));
  after = keyring_fingerprint ();
  g_assert_cmpstr (after, ==, before);
}

/* An ID the new device already has is skipped; --replace needs --yes
 * without a terminal; with both, the token from the file replaces it. */
static void
test_existing_id (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *old_code = NULL;
  g_autofree char *other_code = NULL;
  g_autofree char *code = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;

  add_token (TOTP_URI);
  old_code = code_at (TOTP_ID, "1234567890");
  export_ok (fixture);

  token_test_world_use_device ("new");
  add_token (OTHER_TOTP_URI);
  other_code = code_at (TOTP_ID, "1234567890");
  g_assert_cmpstr (other_code, !=, old_code);
  before = keyring_fingerprint ();

  /* Skipped, with a message; the token here is untouched. */
  code = import_ok (fixture, NULL, &err);
  g_assert_nonnull (strstr (err, "Skipped SOFT 1234 5674"));
  {
    g_autofree char *now = code_at (TOTP_ID, "1234567890");
    g_autofree char *after = keyring_fingerprint ();

    g_assert_cmpstr (now, ==, other_code);
    g_assert_cmpstr (after, ==, before);
  }
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&code, g_free);

  /* --replace in a script is not enough. */
  code = import_ok (fixture, "--replace", &err);
  g_assert_nonnull (strstr (err, "--yes"));
  {
    g_autofree char *now = code_at (TOTP_ID, "1234567890");

    g_assert_cmpstr (now, ==, other_code);
  }
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&code, g_free);

  /* --replace --yes replaces it. */
  {
    const char *args[] = { "import", "--replace", "--yes", "--passphrase-file",
                           fixture->passphrase_file, fixture->file, NULL };
    g_autofree char *out = cli_ok (NULL, args);
    g_autofree char *now = code_at (TOTP_ID, "1234567890");

    g_assert_nonnull (strstr (out, "Imported SOFT 1234 5674"));
    g_assert_cmpstr (now, ==, old_code);
    g_assert_cmpuint (count_items (SCHEMA_NAME), ==, 1);
  }
}

/* An export that cannot write its file leaves no file, no partial file
 * and no pending move. */
static void
test_unwritable_destination (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *locked_dir = g_build_filename (fixture->directory, "read-only", NULL);
  g_autofree char *inside = g_build_filename (locked_dir, "tokens.softtoken", NULL);
  g_autofree char *missing = g_build_filename (fixture->directory, "no-such-dir", "tokens.softtoken", NULL);
  g_autofree char *before = NULL;
  /* No one, not even root, creates files in /proc. */
  const char *targets[] = { missing, fixture->directory, "/proc/soft-token-test.softtoken", NULL, NULL };
  gboolean locked_dir_works;

  add_token (TOTP_URI);
  g_assert_cmpint (g_mkdir (locked_dir, 0500), ==, 0);
  /* Root writes in a read-only directory anyway: then it proves nothing. */
  locked_dir_works = access (locked_dir, W_OK) != 0;
  if (locked_dir_works)
    targets[3] = inside;
  else
    g_test_message ("running as root: the read-only directory is not tried");
  before = keyring_fingerprint ();

  for (guint i = 0; targets[i] != NULL; i++)
    {
      const char *args[] = { "export", "--output", targets[i],
                             "--passphrase-file", fixture->passphrase_file, NULL };
      g_auto(TokenTestCliResult) result = { 0 };
      g_autofree char *after = NULL;

      token_test_run_cli (&result, NULL, args);
      g_assert_cmpint (result.status, ==, 1);
      after = keyring_fingerprint ();
      g_assert_cmpstr (after, ==, before);
    }

  if (locked_dir_works)
    {
      g_autoptr(GDir) dir = g_dir_open (locked_dir, 0, NULL);

      g_assert_null (g_dir_read_name (dir));
    }
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_chmod (locked_dir, 0700);
  g_rmdir (locked_dir);
}

/* The passphrase never comes from the command line: without a terminal
 * and without --passphrase-file, export is a usage error; a weak one is
 * refused with the reason. */
static void
test_passphrase_sources (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *weak_file = g_build_filename (fixture->directory, "weak", NULL);
  g_autoptr(GError) error = NULL;

  add_token (TOTP_URI);
  {
    const char *args[] = { "export", "--output", fixture->file, NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 2);
    g_assert_nonnull (strstr (result.err, "--passphrase-file"));
  }
  {
    const char *args[] = { "export", "--output", fixture->file, "--passphrase", PASSPHRASE, NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 2);
  }
  g_file_set_contents (weak_file, "password1234\n", -1, &error);
  g_assert_no_error (error);
  {
    const char *args[] = { "export", "--output", fixture->file, "--passphrase-file", weak_file, NULL };
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, args);
    g_assert_cmpint (result.status, ==, 1);
    g_assert_nonnull (strstr (result.err, "guessed first"));
  }
  g_assert_false (g_file_test (fixture->file, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_items (PENDING_MOVE_SCHEMA), ==, 0);

  /* A generated passphrase is printed once, labelled, and opens the file. */
  {
    const char *args[] = { "export", "--output", fixture->file, "--generate-passphrase", NULL };
    g_autofree char *out = cli_ok (NULL, args);
    g_autoptr(GRegex) regex = g_regex_new ("^Passphrase [^:]*: (\\S+)$", G_REGEX_MULTILINE, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    g_autofree char *generated = NULL;
    g_autofree char *code = NULL;

    g_assert_true (g_regex_match (regex, out, 0, &match));
    generated = g_match_info_fetch (match, 1);
    g_file_set_contents (fixture->passphrase_file, generated, -1, &error);
    g_assert_no_error (error);
    token_test_world_use_device ("new");
    code = import_ok (fixture, NULL, NULL);
    g_assert_cmpuint (count_items (SCHEMA_NAME), ==, 1);
  }
}

static GBytes *
damaged_copy (GBytes *good,
              guint   kind)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (good, &size);
  guint8 *copy = g_memdup2 (data, size + 1);

  switch (kind)
    {
    case 0: /* cut in the middle */
      return g_bytes_new_take (copy, size / 2);
    case 1: /* wrong magic */
      copy[0] ^= 0x20;
      break;
    case 2: /* a flipped bit in the header (the salt) */
      copy[20] ^= 0x01;
      break;
    case 3: /* a flipped bit in the ciphertext */
      copy[size - 30] ^= 0x80;
      break;
    case 4: /* a flipped bit in the tag */
      copy[size - 1] ^= 0x01;
      break;
    case 5: /* a trailing byte */
      copy[size] = 0;
      return g_bytes_new_take (copy, size + 1);
    default:
      g_assert_not_reached ();
    }

  return g_bytes_new_take (copy, size);
}

/* Damaged transfer files are refused by import, and the new device's
 * keyring is exactly as it was. */
static void
test_damaged_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *damaged_file = g_build_filename (fixture->directory, "damaged.softtoken", NULL);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  add_token (TOTP_URI);
  export_ok (fixture);
  mapped = g_mapped_file_new (fixture->file, FALSE, &error);
  g_assert_no_error (error);
  good = g_mapped_file_get_bytes (mapped);

  token_test_world_use_device ("new");
  add_token (HOTP_URI);
  before = keyring_fingerprint ();

  for (guint kind = 0; kind < 6; kind++)
    {
      g_autoptr(GBytes) damaged = damaged_copy (good, kind);
      const char *args[] = { "import", "--passphrase-file", fixture->passphrase_file, damaged_file, NULL };
      g_auto(TokenTestCliResult) result = { 0 };
      g_autofree char *after = NULL;

      g_file_set_contents (damaged_file, g_bytes_get_data (damaged, NULL),
                           (gssize) g_bytes_get_size (damaged), &error);
      g_assert_no_error (error);

      token_test_run_cli (&result, NULL, args);
      g_test_message ("damage %u: %s", kind, result.err);
      g_assert_cmpint (result.status, !=, 0);
      g_assert_null (strstr (result.out, "Confirmation code"));
      after = keyring_fingerprint ();
      g_assert_cmpstr (after, ==, before);
    }
}

/* The store's side of a pending move, as the app uses it. */
static void
test_store_start_and_confirm (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(TokenTransfer) transfer = NULL;
  g_autoptr(GPtrArray) credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_token (TOTP_URI);
  store = loaded_store ();
  g_assert_null (token_store_find_move (store, TOTP_ID));

  /* No move is pending yet. */
  confirm_move (store, TOTP_ID, "AAAAAAAA", NULL, &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_ptr_array_add (credentials, g_list_model_get_item (G_LIST_MODEL (store), 0));
  transfer = token_transfer_new (credentials, &error);
  g_assert_no_error (error);
  token_store_start_move_sync (store, transfer, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (token_move_get_state (token_store_find_move (store, TOTP_ID)), ==, TOKEN_MOVE_PENDING);
  g_assert_cmpuint (g_list_model_get_n_items (token_store_get_moves (store)), ==, 1);

  before = keyring_fingerprint ();
  confirm_move (store, TOTP_ID, "AAAAAAAA", NULL, &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_WRONG_CONFIRMATION);
  g_clear_error (&error);
  after = keyring_fingerprint ();
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  code = token_transfer_dup_confirmation_code (transfer);
  confirm_move (store, TOTP_ID, code, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpint (token_move_get_state (token_store_find_move (store, TOTP_ID)), ==, TOKEN_MOVE_DONE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  token_test_world_require ();
  signal (SIGPIPE, SIG_IGN);

#define ADD(path, func) g_test_add ("/move/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("between-devices", test_move_between_devices);
  ADD ("records-hold-no-secret", test_records_hold_no_secret);
  ADD ("wrong-passphrase", test_wrong_passphrase);
  ADD ("existing-id", test_existing_id);
  ADD ("unwritable-destination", test_unwritable_destination);
  ADD ("passphrase-sources", test_passphrase_sources);
  ADD ("damaged-files", test_damaged_files);
  ADD ("store-start-and-confirm", test_store_start_and_confirm);
#undef ADD

  return g_test_run ();
}
