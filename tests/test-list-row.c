/* test-list-row.c: one token in the compact list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "token-list-row.h"
#include "token-test-world.h"

/* RFC 6238's SHA-1 seed: at 59 s the 6-digit code is 287082. */
static TokenCredential *
rfc_credential (const char *issuer,
                const char *label)
{
  g_autoptr(GBytes) secret = g_bytes_new_static ("12345678901234567890", 20);
  TokenCredential *credential = token_credential_new ("SOFT12345674", TOKEN_KIND_TOTP, secret);

  token_credential_set_issuer (credential, issuer);
  token_credential_set_label (credential, label);
  return credential;
}

static void
collect_labels (GtkWidget *widget,
                GString   *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (texts, "[%s]", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static char *
shown_text (GtkWidget *row)
{
  GString *texts = g_string_new (NULL);

  collect_labels (row, texts);
  return g_string_free (texts, FALSE);
}

static void
test_row_shows_token (void)
{
  g_autoptr(TokenCredential) credential = rfc_credential ("GitHub", "alice@example.com");
  GtkWidget *row = g_object_ref_sink (token_list_row_new ());
  TokenViewSettings settings = { .show_next_code = FALSE };
  g_autoptr(TokenSecureString) code = NULL;
  g_autofree char *text = NULL;

  token_list_row_set_credential (TOKEN_LIST_ROW (row), credential);
  token_list_row_update (TOKEN_LIST_ROW (row), 59, &settings);

  text = shown_text (row);
  g_assert_cmpstr (text, ==, "[GitHub][alice@example.com][287 082][1]");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "GitHub, alice@example.com, Security code 2 8 7, 0 8 2, 1 second left");
  code = token_list_row_dup_code (TOKEN_LIST_ROW (row));
  g_assert_cmpstr (code, ==, "287082");
  g_object_unref (row);
}

/* Without an issuer the label is the title and the Credential ID below. */
static void
test_row_without_issuer (void)
{
  g_autoptr(TokenCredential) credential = rfc_credential (NULL, "bank login");
  GtkWidget *row = g_object_ref_sink (token_list_row_new ());
  TokenViewSettings settings = { .show_next_code = FALSE };
  g_autofree char *text = NULL;

  token_list_row_set_credential (TOKEN_LIST_ROW (row), credential);
  token_list_row_update (TOKEN_LIST_ROW (row), 40, &settings);

  text = shown_text (row);
  g_assert_cmpstr (text, ==, "[bank login][SOFT 1234 5674][287 082][20]");
  g_object_unref (row);
}

static void
test_row_next_code (void)
{
  g_autoptr(TokenCredential) credential = rfc_credential ("GitHub", "alice");
  GtkWidget *row = g_object_ref_sink (token_list_row_new ());
  TokenViewSettings shown = { .show_next_code = TRUE };
  TokenViewSettings hidden = { .show_next_code = FALSE };
  const TokenViewState *state = token_list_row_get_view_state (TOKEN_LIST_ROW (row));
  g_autofree char *late = NULL;
  g_autofree char *early = NULL;
  g_autofree char *off = NULL;
  g_autofree char *expected = NULL;

  token_list_row_set_credential (TOKEN_LIST_ROW (row), credential);
  token_list_row_update (TOKEN_LIST_ROW (row), 32, &shown);
  early = shown_text (row);
  g_assert_cmpstr (early, ==, "[GitHub][alice][287 082][28]");

  token_list_row_update (TOKEN_LIST_ROW (row), 58, &shown);
  g_assert_cmpstr (state->next_code, !=, "");
  late = shown_text (row);
  expected = g_strdup_printf ("[GitHub][alice][%s][287 082][2]", state->next_code);
  g_assert_cmpstr (late, ==, expected);

  token_list_row_update (TOKEN_LIST_ROW (row), 58, &hidden);
  off = shown_text (row);
  g_assert_cmpstr (off, ==, "[GitHub][alice][287 082][2]");
  g_object_unref (row);
}

/* A factory binds the same row to another token: nothing of the first
 * one stays. */
static void
test_row_rebound (void)
{
  g_autoptr(TokenCredential) first = rfc_credential ("GitHub", "alice");
  g_autoptr(GBytes) other_secret = g_bytes_new_static ("abcdefghijabcdefghij", 20);
  g_autoptr(TokenCredential) second = token_credential_new ("SOFT76543210", TOKEN_KIND_TOTP, other_secret);
  GtkWidget *row = g_object_ref_sink (token_list_row_new ());
  TokenViewSettings settings = { .show_next_code = FALSE };
  g_autoptr(TokenSecureString) code = NULL;

  token_list_row_set_credential (TOKEN_LIST_ROW (row), first);
  token_list_row_update (TOKEN_LIST_ROW (row), 59, &settings);
  token_list_row_set_credential (TOKEN_LIST_ROW (row), second);
  g_assert_null (token_list_row_dup_code (TOKEN_LIST_ROW (row)));
  g_assert_true (token_list_row_get_credential (TOKEN_LIST_ROW (row)) == second);

  token_list_row_update (TOKEN_LIST_ROW (row), 59, &settings);
  code = token_list_row_dup_code (TOKEN_LIST_ROW (row));
  g_assert_nonnull (code);
  g_assert_cmpstr (code, !=, "287082");
  g_object_unref (row);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  token_test_world_require ();
  /* GTK's own test backend, so that what a screen reader gets can be read
   * back (the suite's GTK_A11Y=none has no accessible context at all). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/list-row/shows-token", test_row_shows_token);
  g_test_add_func ("/list-row/without-issuer", test_row_without_issuer);
  g_test_add_func ("/list-row/next-code", test_row_next_code);
  g_test_add_func ("/list-row/rebound", test_row_rebound);

  return g_test_run ();
}
