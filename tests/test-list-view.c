/* test-list-view.c: the compact list of two or more tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "token-list-view.h"
#include "token-test-gui.h"
#include "token-test-world.h"

static GListStore *
store_of (guint n_tokens)
{
  GListStore *store = g_list_store_new (TOKEN_TYPE_CREDENTIAL);

  for (guint i = 0; i < n_tokens; i++)
    {
      g_autoptr(TokenCredential) credential = token_credential_new_random ("SOFT");
      g_autofree char *issuer = g_strdup_printf ("Service %03u", n_tokens - i);

      token_credential_set_issuer (credential, issuer);
      token_credential_set_label (credential, "me@example.com");
      g_list_store_append (store, credential);
    }
  return store;
}

static void
add_named (GListStore *store,
           const char *issuer,
           const char *label)
{
  g_autoptr(TokenCredential) credential = token_credential_new_random ("SOFT");

  token_credential_set_issuer (credential, issuer);
  token_credential_set_label (credential, label);
  g_list_store_append (store, credential);
}

static const char *
issuer_at (GListModel *model,
           guint       position)
{
  g_autoptr(TokenCredential) credential = g_list_model_get_item (model, position);

  return token_credential_get_issuer (credential);
}

static gboolean
has_rows (gpointer data)
{
  return token_list_view_count_rows (data) > 0;
}

static GtkWindow *
window_with (GtkWidget *view)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 360, 400);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  g_assert_true (token_test_wait_until (has_rows, view));
  return window;
}

static guint
rows_for (guint n_tokens)
{
  g_autoptr(GListStore) store = store_of (n_tokens);
  GtkWidget *view = token_list_view_new (G_LIST_MODEL (store));
  GtkWindow *window = window_with (view);
  guint n_rows = token_list_view_count_rows (TOKEN_LIST_VIEW (view));
  GListModel *shown = token_list_view_get_shown (TOKEN_LIST_VIEW (view));

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_tokens);
  g_assert_cmpstr (issuer_at (shown, 0), ==, "Service 001");
  gtk_window_destroy (window);
  return n_rows;
}

/* Tokens in a small window: the rows do not grow with the tokens. GTK 4.8's
 * list view keeps about 200 rows around what is seen, so the bound is that,
 * not the dozen on screen. */
static void
test_rows_only_for_visible (void)
{
  guint rows_500 = rows_for (500);
  guint rows_2000 = rows_for (2000);

  g_test_message ("%u rows for 500 tokens, %u for 2000", rows_500, rows_2000);
  g_assert_cmpuint (rows_500, <, 250);
  g_assert_cmpuint (rows_2000, ==, rows_500);
}

static void
test_sorted_and_filtered (void)
{
  g_autoptr(GListStore) store = g_list_store_new (TOKEN_TYPE_CREDENTIAL);
  GtkWidget *view;
  GtkWindow *window;
  GListModel *shown;

  add_named (store, "Zed", "z");
  add_named (store, "GitHub", "work");
  add_named (store, "amazon", "me");
  add_named (store, "GitHub", "home");
  view = token_list_view_new (G_LIST_MODEL (store));
  window = window_with (view);
  shown = token_list_view_get_shown (TOKEN_LIST_VIEW (view));

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);
  g_assert_cmpstr (issuer_at (shown, 0), ==, "amazon");
  g_assert_cmpstr (issuer_at (shown, 1), ==, "GitHub");
  g_assert_cmpstr (issuer_at (shown, 3), ==, "Zed");

  token_list_view_set_query (TOKEN_LIST_VIEW (view), "Ｇｉｔ");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_cmpstr (issuer_at (shown, 0), ==, "GitHub");

  token_list_view_set_query (TOKEN_LIST_VIEW (view), "gitlab");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);

  token_list_view_set_query (TOKEN_LIST_VIEW (view), "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);
  gtk_window_destroy (window);
}

static void
on_activate_credential (TokenListView    *view,
                        TokenCredential  *credential,
                        TokenCredential **activated)
{
  g_set_object (activated, credential);
}

static void
test_activate_names_token (void)
{
  g_autoptr(GListStore) store = g_list_store_new (TOKEN_TYPE_CREDENTIAL);
  g_autoptr(TokenCredential) activated = NULL;
  GtkWidget *view;
  GtkWindow *window;
  GtkWidget *list_view;

  add_named (store, "Zed", "z");
  add_named (store, "amazon", "me");
  view = token_list_view_new (G_LIST_MODEL (store));
  g_signal_connect (view, "activate-credential", G_CALLBACK (on_activate_credential), &activated);
  window = window_with (view);
  list_view = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (gtk_widget_get_first_child (view)));

  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", 1));
  g_assert_nonnull (activated);
  g_assert_cmpstr (token_credential_get_issuer (activated), ==, "Zed");
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  token_test_world_require ();
  gtk_init ();
  adw_init ();

  g_test_add_func ("/list-view/rows-only-for-visible", test_rows_only_for_visible);
  g_test_add_func ("/list-view/sorted-and-filtered", test_sorted_and_filtered);
  g_test_add_func ("/list-view/activate-names-token", test_activate_names_token);

  return g_test_run ();
}
