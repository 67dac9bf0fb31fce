/* test-search.c: which tokens a search finds, and the order of the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-search.h"

static TokenCredential *
credential_new (const char *issuer,
                const char *label)
{
  TokenCredential *credential = token_credential_new_random ("SOFT");

  token_credential_set_issuer (credential, issuer);
  token_credential_set_label (credential, label);
  return credential;
}

static gboolean
finds (TokenCredential *credential,
       const char      *query)
{
  g_autofree char *normalized = token_search_normalize (query);

  g_assert_nonnull (normalized);
  return token_search_matches (credential, normalized);
}

static void
test_normalize (void)
{
  g_autofree char *full_width = token_search_normalize ("Ｇｉｔ Ｈｕｂ");
  g_autofree char *spaced = token_search_normalize ("  SOFT 1234\t5678 ");
  g_autofree char *ideographic = token_search_normalize ("銀行\u3000ログイン");

  g_assert_cmpstr (full_width, ==, "github");
  g_assert_cmpstr (spaced, ==, "soft12345678");
  g_assert_cmpstr (ideographic, ==, "銀行ログイン");
  g_assert_null (token_search_normalize ("\xff\xfe"));
}

static void
test_matches (void)
{
  g_autoptr(TokenCredential) github = credential_new ("GitHub", "alice@example.com");
  g_autofree char *grouped_id = NULL;
  const char *id = token_credential_get_credential_id (github);

  g_assert_true (finds (github, "git"));
  g_assert_true (finds (github, "Ｇｉｔ"));
  g_assert_true (finds (github, "git hub"));
  g_assert_true (finds (github, "ALICE"));
  g_assert_true (finds (github, ""));
  g_assert_true (finds (github, id));
  grouped_id = g_strdup_printf ("%.4s %.4s", id, id + 4);
  g_assert_true (finds (github, grouped_id));

  g_assert_false (finds (github, "gitlab"));
  g_assert_false (finds (github, "bob"));
}

static void
test_matches_without_issuer (void)
{
  g_autoptr(TokenCredential) bare = credential_new (NULL, NULL);

  g_assert_true (finds (bare, "soft"));
  g_assert_false (finds (bare, "github"));
}

static int
compare_elements (gconstpointer a,
                  gconstpointer b)
{
  return token_search_compare_order (*(TokenCredential **) a, *(TokenCredential **) b);
}

static void
test_order (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  const char *expected[][2] = {
    { "amazon", "x" },
    { NULL, "bob" },
    { "GitHub", "alice" },
    { "github", "Carol" },
    { "Zed", "dave" },
  };

  g_ptr_array_add (list, credential_new ("Zed", "dave"));
  g_ptr_array_add (list, credential_new ("github", "Carol"));
  g_ptr_array_add (list, credential_new (NULL, "bob"));
  g_ptr_array_add (list, credential_new ("GitHub", "alice"));
  g_ptr_array_add (list, credential_new ("amazon", "x"));

  g_ptr_array_sort (list, compare_elements);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TokenCredential *credential = g_ptr_array_index (list, i);

      g_assert_cmpstr (token_credential_get_issuer (credential), ==, expected[i][0]);
      g_assert_cmpstr (token_credential_get_label (credential), ==, expected[i][1]);
    }
}

/* Equal names: the Credential ID decides, the same way whatever order the
 * keyring returned them in. */
static void
test_order_of_equals (void)
{
  g_autoptr(TokenCredential) a = credential_new ("Bank", "me");
  g_autoptr(TokenCredential) b = credential_new ("Bank", "me");
  int ab = token_search_compare_order (a, b);
  int ba = token_search_compare_order (b, a);

  g_assert_cmpint (ab, !=, 0);
  g_assert_cmpint ((ab < 0), !=, (ba < 0));
  g_assert_cmpint (token_search_compare_order (a, a), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/normalize", test_normalize);
  g_test_add_func ("/search/matches", test_matches);
  g_test_add_func ("/search/matches-without-issuer", test_matches_without_issuer);
  g_test_add_func ("/search/order", test_order);
  g_test_add_func ("/search/order-of-equals", test_order_of_equals);

  return g_test_run ();
}
