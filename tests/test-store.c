/* test-store.c: TokenStore on a real gnome-keyring-daemon
 *
 * Runs inside tests/run-in-world --keyring: a private bus and keyring that
 * the tests may lock, restart and fill with damaged items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "token-base32.h"
#include "token-error.h"
#include "token-secure.h"
#include "token-store.h"
#include "token-test-world.h"
#include "token-uri.h"

#define SCHEMA_NAME "io.github.softtoken.SoftToken.Credential"
#define RFC4226_SEED "12345678901234567890"
#define WAIT_MS 10000

/* Every test starts from an empty keyring. */
static void
clear_keyring (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) damaged = NULL;

  if (token_test_world_keyring_locked ())
    token_test_world_unlock_keyring ();

  /* Damaged items too: the store would not list them. */
  token_test_keyring_delete_items ("xdg:schema", SCHEMA_NAME);

  token_store_load_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  damaged = token_store_dup_damaged (store);
  g_assert_cmpuint (g_strv_length (damaged), ==, 0);
}

static TokenCredential *
rfc_hotp_credential (guint64 counter)
{
  g_autoptr(GBytes) seed = token_secure_bytes_new (RFC4226_SEED, strlen (RFC4226_SEED));
  TokenCredential *credential = token_credential_new ("SOFT12345674", TOKEN_KIND_HOTP, seed);

  token_credential_set_counter (credential, counter);
  token_credential_set_issuer (credential, "RFC 4226");
  return credential;
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

static void
assert_model_ids (TokenStore         *store,
                  const char * const *ids)
{
  GListModel *model = G_LIST_MODEL (store);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_strv_length ((char **) ids));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (model, i);

      g_assert_cmpstr (token_credential_get_credential_id (credential), ==, ids[i]);
    }
}

typedef struct
{
  gboolean  done;
  GObject  *source;
  GAsyncResult *result;
} AsyncWait;

static void
async_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static void
test_empty (void)
{
  g_autoptr(TokenStore) store = NULL;

  clear_keyring ();
  store = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == TOKEN_TYPE_CREDENTIAL);
  g_assert_false (token_store_get_locked (store));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* The path the app takes: everything asynchronous. */
static void
test_add_lookup_remove_async (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenCredential) credential = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display_id = token_credential_dup_display_id (credential);
  g_autofree char *spaced_lower = NULL;
  AsyncWait wait = { 0 };
  guint changes = 0;

  clear_keyring ();
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), &changes);

  token_store_load_async (store, NULL, async_ready, &wait);
  g_assert_true (token_test_wait_for_flag (&wait.done, WAIT_MS));
  g_assert_true (token_store_load_finish (store, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  wait.done = FALSE;
  token_credential_set_issuer (credential, "Example Bank");
  token_store_add_async (store, credential, TOKEN_STORE_ADD_NONE, NULL, async_ready, &wait);
  g_assert_true (token_test_wait_for_flag (&wait.done, WAIT_MS));
  g_assert_true (token_store_add_finish (store, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (token_store_find (store, token_credential_get_credential_id (credential)) == credential);

  /* “soft 1234 5678” finds SOFT12345678. */
  spaced_lower = g_ascii_strdown (display_id, -1);
  wait.done = FALSE;
  token_store_lookup_async (store, spaced_lower, NULL, async_ready, &wait);
  g_assert_true (token_test_wait_for_flag (&wait.done, WAIT_MS));
  found = token_store_lookup_finish (store, wait.result, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_true (token_credential_equal (found, credential));
  g_assert_cmpint (token_credential_get_created (found), ==, token_credential_get_created (credential));
  g_assert_true (token_store_find (store, spaced_lower) == credential);

  wait.done = FALSE;
  token_store_remove_async (store, found, NULL, async_ready, &wait);
  g_assert_true (token_test_wait_for_flag (&wait.done, WAIT_MS));
  g_assert_true (token_store_remove_finish (store, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (token_store_find (store, spaced_lower));

  wait.done = FALSE;
  token_store_lookup_async (store, spaced_lower, NULL, async_ready, &wait);
  g_assert_true (token_test_wait_for_flag (&wait.done, WAIT_MS));
  g_assert_null (token_store_lookup_finish (store, wait.result, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND);
  g_clear_object (&wait.result);
}

static void
test_list_sorted_and_reloaded (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenStore) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "SOFT00000026", "ABCD00000018", "SYMC12345678", NULL };

  clear_keyring ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(TokenCredential) credential = token_credential_new_random (NULL);
      g_autoptr(TokenCredential) named = token_credential_new (ids[i], TOKEN_KIND_TOTP,
                                                               token_credential_get_secret (credential));

      /* Sorted by creation time, not by ID. */
      token_credential_set_created (named, 1700000000 + i);
      token_store_add_sync (store, named, TOKEN_STORE_ADD_NONE, NULL, &error);
      g_assert_no_error (error);
    }

  assert_model_ids (store, ids);
  second = loaded_store ();
  assert_model_ids (second, ids);
}

static void
test_exists_and_replace (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenStore) check = NULL;
  g_autoptr(TokenCredential) first = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) other = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) second = NULL;
  g_autoptr(TokenCredential) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = token_credential_get_credential_id (first);

  clear_keyring ();
  token_credential_set_issuer (first, "Example Bank");
  token_store_add_sync (store, first, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);

  /* The same issuer and ID, in another case: the same token. */
  second = token_credential_new (id, TOKEN_KIND_TOTP, token_credential_get_secret (other));
  token_credential_set_issuer (second, "EXAMPLE bank");

  g_assert_false (token_store_add_sync (store, second, TOKEN_STORE_ADD_NONE, NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, id + 8));
  g_clear_error (&error);

  /* Refused: the first one is still there, unchanged. */
  found = token_store_lookup_sync (store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (token_credential_equal (found, first));
  g_clear_object (&found);

  g_assert_true (token_store_add_sync (store, second, TOKEN_STORE_ADD_REPLACE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (token_store_find (store, id) == second);
  /* The replacement is the same token: it keeps its internal ID. */
  g_assert_cmpstr (token_credential_get_internal_id (second), ==, token_credential_get_internal_id (first));

  check = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (check)), ==, 1);
  g_assert_true (token_credential_equal (token_store_find (check, id), second));
}

/* The same account at two services is two tokens, and a name that fits
 * both is refused, never resolved to one of them. */
static void
test_namesakes (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenStore) check = NULL;
  g_autoptr(TokenCredential) spdx = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) issuu = NULL;
  g_autoptr(TokenCredential) replacement = NULL;
  g_autoptr(TokenCredential) found = NULL;
  g_autoptr(TokenCredential) secret_source = token_credential_new_random (NULL);
  g_autoptr(GError) error = NULL;
  const char *id = token_credential_get_credential_id (spdx);
  g_autofree char *spdx_name = g_strdup_printf ("spdx:%s", id);
  g_autofree char *issuu_name = g_strdup_printf ("Issuu:%s", id);

  clear_keyring ();
  token_credential_set_issuer (spdx, "SPDX");
  issuu = token_credential_new (id, TOKEN_KIND_TOTP, token_credential_get_secret (secret_source));
  token_credential_set_issuer (issuu, "Issuu");

  token_store_add_sync (store, spdx, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);
  token_store_add_sync (store, issuu, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpstr (token_credential_get_internal_id (spdx), !=, token_credential_get_internal_id (issuu));

  g_assert_null (token_store_lookup_sync (store, id, NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (error->message, "SPDX:"));
  g_assert_nonnull (strstr (error->message, "Issuu:"));
  g_clear_error (&error);
  g_assert_null (token_store_find (store, id));

  found = token_store_lookup_sync (store, spdx_name, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (token_credential_equal (found, spdx));
  g_clear_object (&found);
  found = token_store_lookup_sync (store, token_credential_get_internal_id (issuu), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (token_credential_equal (found, issuu));
  g_clear_object (&found);

  /* --replace replaces exactly its own token. */
  replacement = token_credential_new (id, TOKEN_KIND_TOTP, token_credential_get_secret (spdx));
  token_credential_set_issuer (replacement, "Issuu");
  token_credential_set_digits (replacement, 8);
  g_assert_true (token_store_add_sync (store, replacement, TOKEN_STORE_ADD_REPLACE, NULL, &error));
  g_assert_no_error (error);

  check = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (check)), ==, 2);
  g_assert_true (token_credential_equal (token_store_find (check, spdx_name), spdx));
  g_assert_true (token_credential_equal (token_store_find (check, issuu_name), replacement));

  /* Removing one leaves the other. */
  g_assert_true (token_store_remove_sync (check, token_store_find (check, issuu_name), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&check);
  check = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (check)), ==, 1);
  g_assert_true (token_credential_equal (token_store_find (check, id), spdx));
}

static void
test_update (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenStore) check = NULL;
  g_autoptr(TokenCredential) credential = token_credential_new_random ("ABCD");
  g_autoptr(TokenCredential) missing = token_credential_new_random (NULL);
  g_autoptr(GError) error = NULL;
  TokenCredential *reloaded;

  clear_keyring ();
  token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);

  token_credential_set_issuer (credential, "Shinkin Bank");
  token_credential_set_label (credential, "alice");
  token_credential_set_digits (credential, 8);
  token_store_update_sync (store, credential, NULL, &error);
  g_assert_no_error (error);

  check = loaded_store ();
  reloaded = token_store_find (check, token_credential_get_credential_id (credential));
  g_assert_nonnull (reloaded);
  g_assert_true (token_credential_equal (reloaded, credential));

  g_assert_false (token_store_update_sync (store, missing, NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND);
}

/* Seahorse shows the item label; it names the token the way people read it. */
static void
test_item_label (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenCredential) credential = token_credential_new_random (NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *display_id = token_credential_dup_display_id (credential);
  guint found = 0;

  clear_keyring ();
  token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);

  expected = g_strdup_printf ("Soft Token: %s", display_id);
  items = token_test_keyring_items ();
  for (guint i = 0; i < items->len; i++)
    {
      TokenTestItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (g_hash_table_lookup (item->attributes, "credential-id"),
                     token_credential_get_credential_id (credential)) != 0)
        continue;

      g_assert_cmpstr (item->label, ==, expected);
      g_assert_cmpstr (g_hash_table_lookup (item->attributes, "xdg:schema"), ==, SCHEMA_NAME);
      found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

static void
test_hotp_counter_stored_first (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenStore) check = NULL;
  g_autoptr(TokenCredential) credential = rfc_hotp_credential (5);
  g_autoptr(TokenCredential) stale = NULL;
  g_autoptr(TokenCredential) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *next = NULL;

  clear_keyring ();
  token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);
  stale = token_credential_copy (credential);

  /* RFC 4226 appendix D: counter 5 gives 254676, 6 gives 287922. The
   * stored counter is the next code's: 5 is shown first, then 6 is next. */
  code = token_store_next_hotp_code_sync (store, credential, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "254676");
  g_assert_cmpuint (token_credential_get_counter (credential), ==, 6);

  /* Stored: another reader sees the new counter. */
  found = token_store_lookup_sync (store, "SOFT12345674", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (token_credential_get_counter (found), ==, 6);

  /* A copy that missed the change never gives the same code again. */
  next = token_store_next_hotp_code_sync (store, stale, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, "287922");

  check = loaded_store ();
  g_assert_cmpuint (token_credential_get_counter (token_store_find (check, "SOFT12345674")), ==, 7);

  /* Updating an old copy renames the token but never moves its counter
   * back to a code already shown. */
  g_clear_object (&stale);
  stale = rfc_hotp_credential (5);
  token_credential_set_internal_id (stale, token_credential_get_internal_id (credential));
  token_credential_set_issuer (stale, "Renamed");
  token_store_update_sync (store, stale, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&check);
  check = loaded_store ();
  g_assert_cmpstr (token_credential_get_issuer (token_store_find (check, "SOFT12345674")), ==, "Renamed");
  g_assert_cmpuint (token_credential_get_counter (token_store_find (check, "SOFT12345674")), ==, 7);
}

static gboolean
contains_bytes (const char *haystack,
                gsize       haystack_size,
                const void *needle,
                gsize       needle_size)
{
  return needle_size > 0 && memmem (haystack, haystack_size, needle, needle_size) != NULL;
}

static gboolean
contains_text_any_case (const char *value,
                        const char *needle)
{
  g_autofree char *value_upper = g_ascii_strup (value, -1);
  g_autofree char *needle_upper = g_ascii_strup (needle, -1);

  return strstr (value_upper, needle_upper) != NULL;
}

static void
assert_value_clean (const char *value,
                    GPtrArray  *seeds)
{
  g_assert_false (contains_text_any_case (value, "otpauth"));
  g_assert_false (contains_text_any_case (value, "secret="));

  for (guint i = 0; i < seeds->len; i++)
    {
      GBytes *seed = g_ptr_array_index (seeds, i);
      gsize size;
      const guint8 *data = g_bytes_get_data (seed, &size);
      g_autoptr(TokenSecureString) base32 = token_base32_encode (seed);
      g_autoptr(GString) hex = g_string_new (NULL);
      g_autofree char *base32_start = g_strndup (base32, 16);

      for (gsize j = 0; j < size; j++)
        g_string_append_printf (hex, "%02x", data[j]);

      g_assert_false (contains_text_any_case (value, base32_start));
      g_assert_false (contains_text_any_case (value, hex->str));
      g_assert_false (contains_bytes (value, strlen (value), data, MIN (size, 8)));
    }
}

/* Every attribute and label of every item in every collection, searched for
 * each seed in base32, hex and raw, and for anything like a URI. */
static void
test_no_secret_in_attributes (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenCredential) hotp = rfc_hotp_credential (3);
  guint n_ours = 0;

  clear_keyring ();
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TokenCredential) credential = token_credential_new_random (NULL);

      token_credential_set_issuer (credential, "Bank");
      token_credential_set_label (credential, "alice@example.com");
      token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (seeds, g_bytes_ref (token_credential_get_secret (credential)));
    }
  token_store_add_sync (store, hotp, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (seeds, g_bytes_ref (token_credential_get_secret (hotp)));

  items = token_test_keyring_items ();
  for (guint i = 0; i < items->len; i++)
    {
      TokenTestItem *item = g_ptr_array_index (items, i);
      GHashTableIter iter;
      gpointer name, value;

      assert_value_clean (item->label, seeds);
      g_hash_table_iter_init (&iter, item->attributes);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          assert_value_clean (name, seeds);
          assert_value_clean (value, seeds);
        }
      if (g_strcmp0 (g_hash_table_lookup (item->attributes, "xdg:schema"), SCHEMA_NAME) == 0)
        n_ours++;
    }

  /* The scan saw every token. */
  g_assert_cmpuint (n_ours, ==, 4);
}

static void
test_persistence (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenStore) after = NULL;
  g_autoptr(TokenCredential) totp = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) hotp = rfc_hotp_credential (41);
  g_autoptr(GError) error = NULL;

  clear_keyring ();
  token_credential_set_issuer (totp, "Persistent");
  token_store_add_sync (store, totp, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);
  token_store_add_sync (store, hotp, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);

  token_test_world_control ("restart-keyring");

  after = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (after)), ==, 2);
  g_assert_true (token_credential_equal (token_store_find (after, token_credential_get_credential_id (totp)), totp));
  g_assert_true (token_credential_equal (token_store_find (after, "SOFT12345674"), hotp));

  /* The store made before the restart finds the new daemon too. */
  token_store_load_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
}

static void
on_notify_flag (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_locked (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenStore) after = NULL;
  g_autoptr(TokenCredential) credential = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) other = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = token_credential_get_credential_id (credential);
  gboolean locked_notified = FALSE;

  clear_keyring ();
  token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "notify::locked", G_CALLBACK (on_notify_flag), &locked_notified);

  token_test_world_lock_keyring ();

  /* Locked is never “not found”, even for an ID that is not there. */
  g_assert_null (token_store_lookup_sync (store, id, NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);
  g_assert_true (locked_notified);
  g_assert_true (token_store_get_locked (store));

  g_assert_null (token_store_lookup_sync (store, "NONE00000000", NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED);
  g_clear_error (&error);

  g_assert_false (token_store_load_sync (store, NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED);
  g_clear_error (&error);

  g_assert_false (token_store_add_sync (store, other, TOKEN_STORE_ADD_NONE, NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED);
  g_clear_error (&error);

  g_assert_false (token_store_remove_sync (store, credential, NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED);
  g_clear_error (&error);

  token_test_world_unlock_keyring ();

  /* Nothing was lost, nothing was added. */
  after = loaded_store ();
  g_assert_false (token_store_get_locked (after));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (after)), ==, 1);
  found = token_store_lookup_sync (after, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (token_credential_equal (found, credential));
}

static void
check_recovered (TokenStore *store,
                 gboolean   *recovered)
{
  *recovered = !token_store_get_locked (store)
               && g_list_model_get_n_items (G_LIST_MODEL (store)) == 1;
}

static void
on_locked_changed (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  check_recovered (TOKEN_STORE (object), user_data);
}

static void
on_items_changed_recovered (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            gpointer    user_data)
{
  check_recovered (TOKEN_STORE (model), user_data);
}

/* A window showing “locked” follows the keyring when something else (the
 * desktop's own prompt, here the world) unlocks it. */
static void
test_notices_unlock (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenCredential) credential = token_credential_new_random (NULL);
  g_autoptr(GError) error = NULL;
  gboolean recovered = FALSE;

  clear_keyring ();
  token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  token_test_world_lock_keyring ();
  store = token_store_new ();
  g_assert_false (token_store_load_sync (store, NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED);
  g_assert_true (token_store_get_locked (store));

  g_signal_connect (store, "notify::locked", G_CALLBACK (on_locked_changed), &recovered);
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed_recovered), &recovered);
  token_test_world_unlock_keyring ();
  g_assert_true (token_test_wait_for_flag (&recovered, WAIT_MS));
  g_assert_true (token_credential_equal (token_store_find (store, token_credential_get_credential_id (credential)),
                                         credential));
}

/* Items of our schema written by another program, the way a bug or a
 * hand edit would leave them. */
static void
store_raw_item (const char *label,
                const char *secret,
                ...)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name;
  va_list args;

  g_hash_table_insert (attributes, (gpointer) "xdg:schema", (gpointer) SCHEMA_NAME);
  va_start (args, secret);
  while ((name = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (attributes, (gpointer) name, va_arg (args, char *));
  va_end (args);

  token_test_keyring_create_item (label, attributes, secret);
}

/* The attributes of our item with this Credential ID, as the keyring has them. */
static GHashTable *
item_attributes (const char *credential_id)
{
  g_autoptr(GPtrArray) items = token_test_keyring_items ();

  for (guint i = 0; i < items->len; i++)
    {
      TokenTestItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (g_hash_table_lookup (item->attributes, "xdg:schema"), SCHEMA_NAME) == 0
          && g_strcmp0 (g_hash_table_lookup (item->attributes, "credential-id"), credential_id) == 0)
        return g_hash_table_ref (item->attributes);
    }
  g_assert_not_reached ();
}

/* Items exactly as the versions before internal IDs wrote them: no
 * internal-id, and a HOTP “counter” that was the last code shown. */
static void
test_items_of_earlier_versions (void)
{
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(TokenStore) again = NULL;
  g_autoptr(GHashTable) untouched = NULL;
  g_autoptr(GHashTable) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  char totp_code[TOKEN_CODE_BUFFER_SIZE];
  TokenCredential *totp, *hotp;

  clear_keyring ();
  store_raw_item ("Soft Token: SOFT 1234 5674", RFC4226_SEED,
                  "credential-id", "SOFT12345674", "kind", "totp", "algorithm", "SHA1",
                  "digits", "8", "period", "30", "created", "1700000000", "issuer", "RFC 6238", NULL);
  store_raw_item ("Soft Token: HOTP00000000", RFC4226_SEED,
                  "credential-id", "HOTP00000000", "kind", "hotp", "algorithm", "SHA1",
                  "digits", "6", "counter", "3", "created", "1700000001", "label", "old", NULL);

  store = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  totp = token_store_find (store, "SOFT12345674");
  hotp = token_store_find (store, "hotp00000000");
  g_assert_nonnull (totp);
  g_assert_nonnull (hotp);
  g_assert_true (token_credential_internal_id_is_valid (token_credential_get_internal_id (totp)));
  g_assert_cmpstr (token_credential_get_internal_id (totp), !=, token_credential_get_internal_id (hotp));

  /* RFC 6238 appendix B, SHA1, T = 59. */
  g_assert_true (token_credential_code_at (totp, 59, totp_code, &error));
  g_assert_cmpstr (totp_code, ==, "94287082");
  /* Counter 3 was shown (969429): the next is counter 4's, 338314. */
  g_assert_cmpuint (token_credential_get_counter (hotp), ==, 4);

  /* Reading changes nothing, and the internal IDs stay the same. */
  untouched = item_attributes ("SOFT12345674");
  g_assert_false (g_hash_table_contains (untouched, "internal-id"));
  again = loaded_store ();
  g_assert_cmpstr (token_credential_get_internal_id (token_store_find (again, "SOFT12345674")), ==,
                   token_credential_get_internal_id (totp));

  code = token_store_next_hotp_code_sync (store, hotp, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "338314");

  /* Written again: in today's layout, with the same internal ID. */
  written = item_attributes ("HOTP00000000");
  g_assert_cmpstr (g_hash_table_lookup (written, "internal-id"), ==, token_credential_get_internal_id (hotp));
  g_assert_cmpstr (g_hash_table_lookup (written, "next-counter"), ==, "5");
  g_assert_false (g_hash_table_contains (written, "counter"));
  g_clear_object (&again);
  again = loaded_store ();
  g_assert_cmpuint (token_credential_get_counter (token_store_find (again, "HOTP00000000")), ==, 5);
  g_assert_cmpstr (token_credential_get_internal_id (token_store_find (again, "HOTP00000000")), ==,
                   token_credential_get_internal_id (hotp));
}

static void
test_damaged_items (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenCredential) good = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) found = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) damaged = NULL;
  gboolean damaged_notified = FALSE;
  char code[TOKEN_CODE_BUFFER_SIZE];
  char expected[TOKEN_CODE_BUFFER_SIZE];

  clear_keyring ();
  token_store_add_sync (store, good, TOKEN_STORE_ADD_NONE, NULL, &error);
  g_assert_no_error (error);

  store_raw_item ("Soft Token: SHRT 0000 0001", "abc",
                  "credential-id", "SHRT00000001", "kind", "totp", "algorithm", "SHA1",
                  "digits", "6", "period", "30", NULL);
  store_raw_item ("Soft Token: NOKD 0000 0002", "0123456789abcdefghij",
                  "credential-id", "NOKD00000002", "algorithm", "SHA1",
                  "digits", "6", "period", "30", NULL);
  store_raw_item ("Soft Token: lost", "0123456789abcdefghij",
                  "kind", "totp", NULL);
  store_raw_item ("Soft Token: DGTS 0000 0003", "0123456789abcdefghij",
                  "credential-id", "DGTS00000003", "kind", "totp", "algorithm", "SHA1",
                  "digits", "12", "period", "30", NULL);

  g_signal_connect (store, "notify::damaged", G_CALLBACK (on_notify_flag), &damaged_notified);
  token_store_load_sync (store, NULL, &error);
  g_assert_no_error (error);

  /* The good one loads and works. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_true (token_credential_equal (token_store_find (store, token_credential_get_credential_id (good)), good));
  g_assert_true (token_credential_code_at (token_store_find (store, token_credential_get_credential_id (good)),
                                           1700000000, code, &error));
  g_assert_true (token_credential_code_at (good, 1700000000, expected, &error));
  g_assert_cmpstr (code, ==, expected);

  /* The others are named, each with its reason. */
  g_assert_true (damaged_notified);
  damaged = token_store_dup_damaged (store);
  g_assert_cmpuint (g_strv_length (damaged), ==, 4);
  for (guint i = 0; damaged[i] != NULL; i++)
    g_test_message ("damaged: %s", damaged[i]);
  g_assert_true (g_strv_contains ((const char * const *) damaged,
                                  "SHRT00000001: its secret is unusable: The secret is too short: 24 bits, and at least 80 are needed"));
  g_assert_true (g_strv_contains ((const char * const *) damaged,
                                  "NOKD00000002: its attribute “kind” is missing"));
  g_assert_true (g_strv_contains ((const char * const *) damaged,
                                  "Soft Token: lost: its attribute “credential-id” is missing"));
  g_assert_true (g_strv_contains ((const char * const *) damaged,
                                  "DGTS00000003: its attribute “digits” has the unusable value “12”"));

  g_assert_null (token_store_lookup_sync (store, "SHRT 0000 0001", NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_ITEM);
  g_clear_error (&error);

  found = token_store_lookup_sync (store, token_credential_get_credential_id (good), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (token_credential_equal (found, good));
}

typedef struct
{
  guint    changes;
  gboolean done;
  guint    expected_items;
} ChangeWait;

static void
on_items_changed_expect (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         gpointer    user_data)
{
  ChangeWait *wait = user_data;

  wait->changes++;
  wait->done = g_list_model_get_n_items (model) == wait->expected_items;
}

/* Tokens added and removed by another process (the CLI) show up in a
 * store that is already loaded and running. */
static void
test_other_process (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  TokenCredential *appeared;
  ChangeWait wait = { 0 };
  AsyncWait loaded = { 0 };
  static const char * const new_args[] = { "new", "--issuer", "Other Process", NULL };
  const char *remove_args[] = { "remove", NULL, "--yes", NULL };

  clear_keyring ();
  token_store_load_async (store, NULL, async_ready, &loaded);
  g_assert_true (token_test_wait_for_flag (&loaded.done, WAIT_MS));
  g_assert_true (token_store_load_finish (store, loaded.result, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded.result);
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed_expect), &wait);

  {
    g_auto(TokenTestCliResult) result = { 0 };

    token_test_run_cli (&result, NULL, new_args);
    g_assert_cmpint (result.status, ==, 0);
    id = g_strdup (g_strstrip (result.out));
  }

  wait.expected_items = 1;
  g_assert_true (token_test_wait_for_flag (&wait.done, WAIT_MS));
  appeared = token_store_find (store, id);
  g_assert_nonnull (appeared);
  g_assert_cmpstr (token_credential_get_issuer (appeared), ==, "Other Process");

  {
    g_auto(TokenTestCliResult) result = { 0 };

    remove_args[1] = id;
    token_test_run_cli (&result, NULL, remove_args);
    g_assert_cmpint (result.status, ==, 0);
  }

  wait.done = FALSE;
  wait.expected_items = 0;
  g_assert_true (token_test_wait_for_flag (&wait.done, WAIT_MS));
  g_assert_null (token_store_find (store, id));
}

/* A keyring that stops answering gives an error after the timeout, not a
 * hang: the daemon is frozen with SIGSTOP. */
static void
test_timeout (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenStore) after = NULL;
  g_autoptr(GError) error = NULL;
  GPid daemon;

  clear_keyring ();
  token_store_set_timeout (store, 1);
  g_assert_cmpuint (token_store_get_timeout (store), ==, 1);

  daemon = token_test_world_keyring_pid ();
  g_assert_cmpint (kill (daemon, SIGSTOP), ==, 0);
  g_assert_false (token_store_load_sync (store, NULL, &error));
  g_assert_cmpint (kill (daemon, SIGCONT), ==, 0);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_TIMEOUT);

  after = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (after)), ==, 0);
}

static void
test_cancelled (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TokenCredential) credential = token_credential_new_random (NULL);
  g_autoptr(TokenStore) after = NULL;
  g_autoptr(GError) error = NULL;

  clear_keyring ();
  g_cancellable_cancel (cancellable);
  g_assert_false (token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  after = loaded_store ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (after)), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  token_test_world_require ();

  g_test_add_func ("/store/empty", test_empty);
  g_test_add_func ("/store/add-lookup-remove-async", test_add_lookup_remove_async);
  g_test_add_func ("/store/list-sorted-and-reloaded", test_list_sorted_and_reloaded);
  g_test_add_func ("/store/exists-and-replace", test_exists_and_replace);
  g_test_add_func ("/store/namesakes", test_namesakes);
  g_test_add_func ("/store/items-of-earlier-versions", test_items_of_earlier_versions);
  g_test_add_func ("/store/update", test_update);
  g_test_add_func ("/store/item-label", test_item_label);
  g_test_add_func ("/store/hotp-counter-stored-first", test_hotp_counter_stored_first);
  g_test_add_func ("/store/no-secret-in-attributes", test_no_secret_in_attributes);
  g_test_add_func ("/store/persistence", test_persistence);
  g_test_add_func ("/store/locked", test_locked);
  g_test_add_func ("/store/notices-unlock", test_notices_unlock);
  g_test_add_func ("/store/damaged-items", test_damaged_items);
  g_test_add_func ("/store/other-process", test_other_process);
  g_test_add_func ("/store/timeout", test_timeout);
  g_test_add_func ("/store/cancelled", test_cancelled);

  return g_test_run ();
}
