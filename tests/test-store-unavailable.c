/* test-store-unavailable.c: no Secret Service, no session bus at all, or
 * a keyring without a default collection
 *
 * Runs in three worlds of tests/run-in-world: --no-secret-service (a
 * private bus on which nothing owns org.freedesktop.secrets and nothing can
 * be activated), --no-bus, and --no-collection. Every call fails at once
 * with TOKEN_ERROR_NO_SERVICE (or TOKEN_ERROR_NO_COLLECTION) and a sentence
 * that says what is missing; the CLI exits with 3.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-error.h"
#include "token-store.h"
#include "token-test-world.h"

static void
assert_no_service (const GError *error)
{
  gint expected = TOKEN_ERROR_NO_SERVICE;

  if (g_strcmp0 (g_getenv ("SOFT_TOKEN_WORLD_KIND"), "no-collection") == 0)
    expected = TOKEN_ERROR_NO_COLLECTION;

  g_assert_error (error, TOKEN_ERROR, expected);
  g_assert_true (strstr (error->message, "keyring") != NULL);
}

static void
test_every_call_fails (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenCredential) credential = token_credential_new_random (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) damaged = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (token_store_load_sync (store, NULL, &error));
  g_test_message ("load failed after %.3f s: %s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, error->message);
  assert_no_service (error);
  g_clear_error (&error);

  g_assert_false (token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error));
  assert_no_service (error);
  g_clear_error (&error);

  g_assert_null (token_store_lookup_sync (store, "SOFT 1234 5678", NULL, &error));
  assert_no_service (error);
  g_clear_error (&error);

  g_assert_false (token_store_remove_sync (store, credential, NULL, &error));
  assert_no_service (error);
  g_clear_error (&error);

  /* The model stays empty and nothing is reported as damaged. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  damaged = token_store_dup_damaged (store);
  g_assert_cmpuint (g_strv_length (damaged), ==, 0);
}

static void
test_cli_says_so (void)
{
  static const char * const args[] = { "list", NULL };
  g_auto(TokenTestCliResult) result = { 0 };
  gint64 start = g_get_monotonic_time ();
  double seconds;

  token_test_run_cli (&result, NULL, args);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  /* Reported, not asserted: speed is not checked by the suite, and the
   * test's own timeout bounds it. */
  g_test_message ("soft-token-cli list gave up after %.3f s", seconds);
  g_assert_cmpint (result.status, ==, 3);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "keyring"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  token_test_world_require ();

  g_test_add_func ("/store-unavailable/every-call-fails", test_every_call_fails);
  g_test_add_func ("/store-unavailable/cli", test_cli_says_so);

  return g_test_run ();
}
