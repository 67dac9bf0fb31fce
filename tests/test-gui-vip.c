/* test-gui-vip.c: Get a VIP Access Credential… in the window, against the
 * VIP test server (tests/vip-test-server.py, loopback, started here)
 *
 * Runs inside tests/run-in-world --keyring --xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "token-qr-dialog.h"
#include "token-store.h"
#include "token-test-gui.h"
#include "token-test-world.h"
#include "token-ticker.h"
#include "token-vip-dialog.h"
#include "token-vip-response.h"
#include "token-window.h"

static TokenStore *store;
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

static void
empty_store (void)
{
  TokenTestStoreCall load = { 0 };

  token_store_load_async (store, NULL, token_test_store_load_done, &load);
  token_test_assert_call_succeeds (&load);
  while (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    {
      g_autoptr(TokenCredential) stored = g_list_model_get_item (G_LIST_MODEL (store), 0);
      TokenTestStoreCall remove = { 0 };

      token_store_remove_async (store, stored, NULL, token_test_store_remove_done, &remove);
      token_test_assert_call_succeeds (&remove);
    }
}

static const char *
window_page (gpointer window)
{
  return token_window_get_page_name (window);
}

static const char *
dialog_page (gpointer dialog)
{
  return token_vip_dialog_get_page_name (dialog);
}

static TokenVipDialog *
open_vip_dialog (TokenWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.get-vip", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (TOKEN_IS_VIP_DIALOG (toplevel))
        return TOKEN_VIP_DIALOG (toplevel);
    }
  g_error ("win.get-vip opened no dialog");
}

static TokenWindow *
new_window (void)
{
  g_autoptr(TokenTicker) ticker = token_ticker_new ();
  TokenWindow *window = token_window_new (NULL, store, ticker, NULL, NULL);

  gtk_window_present (GTK_WINDOW (window));
  token_test_assert_text_becomes (window, window_page, "welcome");
  return window;
}

static void
test_get_credential (void)
{
  TokenWindow *window;
  TokenVipDialog *dialog;
  g_autoptr(TokenCredential) stored = NULL;

  empty_store ();
  window = new_window ();
  point_at ("/prov");
  dialog = open_vip_dialog (window);
  g_assert_cmpstr (token_vip_dialog_get_page_name (dialog), ==, "intro");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "vip.continue", NULL);
  token_test_assert_text_becomes (dialog, dialog_page, "done");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  stored = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_true (token_vip_credential_id_is_valid (token_credential_get_credential_id (stored)));
  g_assert_true (g_str_has_prefix (token_credential_get_credential_id (stored), "SYMC"));
  g_assert_cmpstr (token_credential_get_issuer (stored), ==, "VIP Access");
  g_assert_cmpint (token_credential_get_expiry (stored), >, g_get_real_time () / G_USEC_PER_SEC);
  token_test_assert_text_becomes (window, window_page, "tokens");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_failure_stores_nothing (void)
{
  const char *paths[] = { "/prov/status-4E0D", "/prov/bad-padding", "/prov/http-500" };
  TokenWindow *window;

  empty_store ();
  window = new_window ();
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      TokenVipDialog *dialog;

      point_at (paths[i]);
      dialog = open_vip_dialog (window);
      gtk_widget_activate_action (GTK_WIDGET (dialog), "vip.continue", NULL);
      token_test_assert_text_becomes (dialog, dialog_page, "error");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
      gtk_widget_activate_action (GTK_WIDGET (dialog), "vip.retry", NULL);
      g_assert_cmpstr (token_vip_dialog_get_page_name (dialog), ==, "intro");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_assert_cmpstr (token_window_get_page_name (window), ==, "welcome");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cancel_stores_nothing (void)
{
  TokenWindow *window;
  TokenVipDialog *dialog;

  empty_store ();
  window = new_window ();
  point_at ("/prov/never-ends");
  dialog = open_vip_dialog (window);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "vip.continue", NULL);
  g_assert_cmpstr (token_vip_dialog_get_page_name (dialog), ==, "progress");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "vip.cancel", NULL);
  token_test_assert_text_becomes (dialog, dialog_page, "intro");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
message_dialog_open (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (toplevel);
          return TRUE;
        }
    }
  return FALSE;
}

/* Waits for the check's answer, checks its heading and closes it with
 * @response. */
static void
answer_check (const char *heading,
              const char *response)
{
  AdwMessageDialog *dialog = NULL;

  g_assert_true (token_test_wait_until (message_dialog_open, &dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The expiry VIP gave, three years on (1095 days): C.UTF-8 writes %x as
 * MM/DD/YY. */
static gboolean
is_validity_line (GtkWidget     *widget,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) expiry = g_date_time_new_from_unix_local (g_get_real_time () / G_USEC_PER_SEC
                                                                 + 1095 * 86400);
  g_autofree char *date = g_date_time_format (expiry, "%x");
  g_autofree char *expected = g_strdup_printf ("Valid until %s", date);

  return GTK_IS_LABEL (widget)
         && g_str_equal (gtk_label_get_label (GTK_LABEL (widget)), expected)
         && gtk_widget_get_visible (widget);
}

static void
test_check_with_vip (void)
{
  TokenWindow *window;
  TokenVipDialog *dialog;
  TokenCard *card;

  empty_store ();
  window = new_window ();
  point_at ("/prov/drifted");
  dialog = open_vip_dialog (window);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "vip.continue", NULL);
  token_test_assert_text_becomes (dialog, dialog_page, "done");
  gtk_window_destroy (GTK_WINDOW (dialog));
  token_test_assert_text_becomes (window, window_page, "tokens");

  card = token_test_only_card (window);
  g_assert_nonnull (token_test_find_widget (GTK_WIDGET (card), is_validity_line, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.check-vip", NULL));
  answer_check ("The Codes Are Out of Step", "sync");
  answer_check ("VIP Access synced this credential", "close");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.check-vip", NULL));
  answer_check ("VIP Access accepts this credential’s codes", "close");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_one_device_warning (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_LABEL (widget)
         && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)),
                              "VIP Access expects a Credential ID on one device only");
}

static gboolean
qr_dialog_warns_one_device (const char *issuer,
                            const char *id)
{
  g_autoptr(GBytes) secret = g_bytes_new_static ("01234567890123456789", 20);
  g_autoptr(TokenCredential) credential = token_credential_new (id, TOKEN_KIND_TOTP, secret);
  TokenQrDialog *dialog;
  GtkWidget *label;
  gboolean visible;

  token_credential_set_issuer (credential, issuer);
  dialog = token_qr_dialog_new (NULL, credential, NULL);
  label = token_test_find_widget (GTK_WIDGET (dialog), is_one_device_warning, NULL);
  g_assert_nonnull (label);
  visible = gtk_widget_get_visible (label);
  gtk_window_destroy (GTK_WINDOW (dialog));
  return visible;
}

static void
test_qr_warns_one_device (void)
{
  g_assert_true (qr_dialog_warns_one_device ("VIP Access", "SYMC12345678"));
  g_assert_false (qr_dialog_warns_one_device ("Example Bank", "SOFT12345674"));
  g_assert_false (qr_dialog_warns_one_device ("VIP Access", "alice@example.com"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  token_test_world_require ();
  gtk_init ();
  adw_init ();
  store = token_store_new ();
  start_server ();

  g_test_add_func ("/gui-vip/get-credential", test_get_credential);
  g_test_add_func ("/gui-vip/failure-stores-nothing", test_failure_stores_nothing);
  g_test_add_func ("/gui-vip/cancel-stores-nothing", test_cancel_stores_nothing);
  g_test_add_func ("/gui-vip/qr-warns-one-device", test_qr_warns_one_device);
  g_test_add_func ("/gui-vip/check-with-vip", test_check_with_vip);

  status = g_test_run ();
  g_clear_object (&store);
  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&server);
  g_free (base_url);
  return status;
}
