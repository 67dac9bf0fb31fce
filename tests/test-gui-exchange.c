/* test-gui-exchange.c: the QR code, import and export dialogs, as a person uses
 * them, on a private display and keyring (tests/run-in-world --keyring
 * --xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "token-card.h"
#include "token-export-dialog.h"
#include "token-import-dialog.h"
#include "token-move.h"
#include "token-pam-oath.h"
#include "token-qr.h"
#include "token-qr-dialog.h"
#include "token-secure.h"
#include "token-test-gui.h"
#include "token-store.h"
#include "token-test-aegis.h"
#include "token-test-world.h"
#include "token-uri.h"
#include "token-window.h"

/* The existing token's Credential ID at another service. */
#define NAMESAKE_URI "otpauth://totp/Elsewhere:SOFT12345674?secret=KRSXG5CTMVRXEZLU"
#define EXISTING_URI "otpauth://totp/Example%20Bank:SOFT12345674?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example%20Bank"
#define MAIL_URI     "otpauth://totp/Mail:taro%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Mail"
#define VIP_URI      "otpauth://totp/VIP%20Access:SYMC12345678?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF&issuer=VIP%20Access"

/* One store for the whole program, as in the app. */
static TokenStore *store;

/* The keyring with one token in it, SOFT 1234 5674. */
static TokenCredential *
keyring_with_one_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenCredential) credential = token_uri_parse (EXISTING_URI, &error);
  TokenTestStoreCall load = { 0 };
  TokenTestStoreCall add = { 0 };

  g_assert_no_error (error);
  token_store_load_async (store, NULL, token_test_store_load_done, &load);
  token_test_assert_call_succeeds (&load);
  while (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    {
      g_autoptr(TokenCredential) stored = g_list_model_get_item (G_LIST_MODEL (store), 0);
      TokenTestStoreCall remove = { 0 };

      token_store_remove_async (store, stored,
                                NULL, token_test_store_remove_done, &remove);
      token_test_assert_call_succeeds (&remove);
    }

  token_store_add_async (store, credential, TOKEN_STORE_ADD_NONE, NULL, token_test_store_add_done, &add);
  token_test_assert_call_succeeds (&add);
  return g_steal_pointer (&credential);
}

static const char *
window_page (gpointer window)
{
  return token_window_get_page_name (window);
}

static const char *
dialog_page (gpointer dialog)
{
  return token_import_dialog_get_page_name (dialog);
}

static TokenWindow *
new_window (void)
{
  TokenWindow *window = token_window_new (NULL, store, NULL, NULL, NULL);

  gtk_window_present (GTK_WINDOW (window));
  token_test_assert_text_becomes (window, window_page, "tokens");
  return window;
}

/* The open window of @type, or NULL. */
static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
window_gone (gpointer data)
{
  return find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

/* Whether any label under @widget holds @text, shown or not. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  return token_test_find_widget (widget, label_contains, text) != NULL;
}

static gboolean
store_is_empty (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store)) == 0;
}

/* The code only after a warning; the link only after Reveal; after a move
 * to a phone, a confirmation names the token, then it is removed here and
 * the record of the move stays, with no secret in it. */
static void
test_qr_dialog (void)
{
  g_autoptr(TokenCredential) credential = keyring_with_one_token ();
  g_autoptr(TokenSecureString) uri = token_uri_format (credential);
  TokenWindow *window = new_window ();
  TokenQrDialog *dialog;
  AdwMessageDialog *confirm;
  TokenMove *record;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (token_test_only_card (window)), "card.show-qr", NULL));
  dialog = TOKEN_QR_DIALOG (find_window (TOKEN_TYPE_QR_DIALOG));
  g_assert_nonnull (dialog);

  g_assert_cmpstr (token_qr_dialog_get_page_name (dialog), ==, "warning");
  g_assert_false (token_qr_dialog_get_revealed (dialog));
  g_assert_false (shows_text (GTK_WIDGET (dialog), "otpauth://totp"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.show-code", NULL));
  g_assert_cmpstr (token_qr_dialog_get_page_name (dialog), ==, "code");
  g_assert_true (shows_text (GTK_WIDGET (dialog), "SOFT 1234 5674"));
  g_assert_false (token_qr_dialog_get_revealed (dialog));
  g_assert_false (shows_text (GTK_WIDGET (dialog), "otpauth://totp"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.reveal", NULL));
  g_assert_true (token_qr_dialog_get_revealed (dialog));
  g_assert_true (shows_text (GTK_WIDGET (dialog), uri));

  /* Moved to a phone: the dialog closes, a confirmation asks. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.moved", NULL));
  g_assert_true (token_test_wait_until (window_gone, GSIZE_TO_POINTER (TOKEN_TYPE_QR_DIALOG)));
  confirm = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (confirm);
  g_assert_true (shows_text (GTK_WIDGET (confirm), "SOFT 1234 5674"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  adw_message_dialog_response (confirm, "remove");
  g_assert_true (token_test_wait_until (store_is_empty, NULL));

  record = token_store_find_move (store, "SOFT12345674");
  g_assert_nonnull (record);
  g_assert_cmpint (token_move_get_state (record), ==, TOKEN_MOVE_DONE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
store_has_two (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (store)) == 2;
}

/* The preview marks the token already here and names the repeated and the
 * broken lines; only the chosen tokens are stored. */
static void
test_import_preview (void)
{
  g_autoptr(TokenCredential) existing = keyring_with_one_token ();
  TokenWindow *window = new_window ();
  TokenImportDialog *dialog;
  TokenImport *import;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-from-app", NULL));
  dialog = TOKEN_IMPORT_DIALOG (find_window (TOKEN_TYPE_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_null (token_import_dialog_get_import (dialog));

  token_import_dialog_set_text (dialog,
                                EXISTING_URI "\n" MAIL_URI "\n" VIP_URI "\n"
                                MAIL_URI "\n"
                                "otpauth://totp/Shop:hanako?secret=NOT-BASE32\n"
                                NAMESAKE_URI "\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.read-text", NULL));
  token_test_assert_text_becomes (dialog, dialog_page, "preview");

  import = token_import_dialog_get_import (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (token_import_get_credentials (import)), ==, 4);
  g_assert_cmpuint (token_import_get_n_problems (import), ==, 2);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "already on this computer"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Line 4"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "line 2"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Line 5"));

  /* The token already here cannot be chosen; the new ones are. */
  g_assert_false (token_import_dialog_get_chosen (dialog, 0));
  token_import_dialog_set_chosen (dialog, 0, TRUE);
  g_assert_false (token_import_dialog_get_chosen (dialog, 0));
  g_assert_true (token_import_dialog_get_chosen (dialog, 1));
  g_assert_true (token_import_dialog_get_chosen (dialog, 2));
  /* The same ID at another service is another token: new, not “already”. */
  g_assert_true (token_import_dialog_get_chosen (dialog, 3));

  /* Only Mail goes in. */
  token_import_dialog_set_chosen (dialog, 2, FALSE);
  token_import_dialog_set_chosen (dialog, 3, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  g_assert_true (token_test_wait_until (store_has_two, NULL));
  g_assert_true (token_test_wait_until (window_gone, GSIZE_TO_POINTER (TOKEN_TYPE_IMPORT_DIALOG)));
  g_assert_nonnull (token_store_find (store, "taro@example.com"));
  g_assert_null (token_store_find (store, "SYMC12345678"));
  g_assert_true (token_credential_equal (token_store_find (store, "SOFT12345674"), existing));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} TextShown;

static gboolean
text_shown (gpointer data)
{
  TextShown *wait = data;

  return shows_text (wait->widget, wait->text);
}

/* A QR code image pasted from the clipboard (say, a screenshot of another
 * app's export code) is read like an image file; text on the clipboard
 * instead gets a sentence saying there is no image. */
static void
test_import_pasted_image (void)
{
  g_autoptr(TokenCredential) existing = keyring_with_one_token ();
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  TextShown no_image;
  TokenWindow *window = new_window ();
  TokenImportDialog *dialog;
  GdkClipboard *clipboard;
  TokenImport *import;
  g_autoptr(TokenCredential) pasted = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-from-app", NULL));
  dialog = TOKEN_IMPORT_DIALOG (find_window (TOKEN_TYPE_IMPORT_DIALOG));
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (dialog));

  gdk_clipboard_set_text (clipboard, "no image here");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.paste-image", NULL));
  no_image = (TextShown) { GTK_WIDGET (dialog), "The clipboard holds no image." };
  g_assert_true (token_test_wait_until (text_shown, &no_image));
  g_assert_cmpstr (token_import_dialog_get_page_name (dialog), ==, "source");

  png = token_qr_write_png (MAIL_URI, 4, &error);
  g_assert_no_error (error);
  texture = gdk_texture_new_from_bytes (png, &error);
  g_assert_no_error (error);
  gdk_clipboard_set_texture (clipboard, texture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.paste-image", NULL));
  token_test_assert_text_becomes (dialog, dialog_page, "preview");

  import = token_import_dialog_get_import (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (token_import_get_credentials (import)), ==, 1);
  pasted = g_list_model_get_item (token_import_get_credentials (import), 0);
  g_assert_cmpstr (token_credential_get_credential_id (pasted), ==, "taro@example.com");
  g_assert_cmpstr (token_credential_get_issuer (pasted), ==, "Mail");
  g_assert_false (token_credential_equal (pasted, existing));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file with nothing good in it: the reason, and nothing stored. */
static void
test_import_bad_file (void)
{
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  TokenWindow *window;
  TokenImportDialog *dialog;

  g_object_unref (keyring_with_one_token ());
  window = new_window ();

  file = g_file_new_tmp ("gui-exchange-XXXXXX.txt", &stream, &error);
  g_assert_no_error (error);
  g_file_replace_contents (file, "otpauth://totp/A?secret=JBSW1Y3DPEHPK3PXP\n", 42,
                           NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  dialog = token_import_dialog_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (dialog));
  token_import_dialog_read_file (dialog, file);
  g_assert_cmpstr (token_import_dialog_get_page_name (dialog), ==, "reading");
  token_test_assert_text_becomes (dialog, dialog_page, "source");
  g_assert_true (shows_text (GTK_WIDGET (dialog), "None of the entries can be imported"));
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Line 1"));
  g_assert_null (token_import_dialog_get_import (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  g_file_delete (file, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkEditable *
find_password_row (GtkWidget *widget)
{
  return GTK_EDITABLE (token_test_find_widget_of_type (widget, ADW_TYPE_PASSWORD_ENTRY_ROW));
}

/* An encrypted Aegis vault asks for its password; a wrong one says so and
 * asks again; the right one shows the tokens. */
static void
test_import_encrypted_vault (void)
{
  g_autoptr(GPtrArray) credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) vault = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  TokenWindow *window;
  TokenImportDialog *dialog;
  GtkEditable *password;

  g_object_unref (keyring_with_one_token ());
  window = new_window ();

  g_ptr_array_add (credentials, token_uri_parse (MAIL_URI, &error));
  g_assert_no_error (error);
  vault = token_test_aegis_encrypt (credentials, "correct horse", 1024, FALSE);
  file = g_file_new_tmp ("gui-exchange-XXXXXX.json", &stream, &error);
  g_assert_no_error (error);
  g_file_replace_contents (file, g_bytes_get_data (vault, NULL), g_bytes_get_size (vault),
                           NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  dialog = token_import_dialog_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (dialog));
  token_import_dialog_read_file (dialog, file);
  token_test_assert_text_becomes (dialog, dialog_page, "password");
  password = find_password_row (GTK_WIDGET (dialog));
  g_assert_nonnull (password);

  gtk_editable_set_text (password, "wrong horse");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.unlock", NULL));
  token_test_assert_text_becomes (dialog, dialog_page, "password");
  g_assert_true (shows_text (GTK_WIDGET (dialog), "Wrong password"));
  g_assert_null (token_import_dialog_get_import (dialog));

  gtk_editable_set_text (password, "correct horse");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.unlock", NULL));
  token_test_assert_text_becomes (dialog, dialog_page, "preview");
  g_assert_true (shows_text (GTK_WIDGET (dialog), "taro@example.com"));
  g_assert_true (token_import_dialog_get_chosen (dialog, 0));

  g_file_delete (file, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_saved (TokenExportDialog *dialog,
          gboolean          *saved)
{
  *saved = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Saves the dialog's export to a new file and returns its contents. */
static GBytes *
save_export (TokenExportDialog *dialog)
{
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;
  gulong handler;
  GBytes *contents;

  file = g_file_new_tmp ("gui-export-XXXXXX", &stream, &error);
  g_assert_no_error (error);
  handler = g_signal_connect (dialog, "saved", G_CALLBACK (on_saved), &saved);
  token_export_dialog_save_to (dialog, file);
  g_assert_true (token_test_wait_until (flag_is_set, &saved));
  g_signal_handler_disconnect (dialog, handler);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_UNIX_MODE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 0777, ==, 0600);
  contents = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_delete (file, NULL, NULL);
  return contents;
}

/* What the export dialog saves is what the core writes, for the chosen
 * token and format; a one-token format wants exactly one. */
static void
test_export_dialog (void)
{
  g_autoptr(TokenCredential) existing = keyring_with_one_token ();
  g_autoptr(TokenSecureString) uri = token_uri_format (existing);
  g_autoptr(GBytes) list = NULL;
  g_autoptr(GBytes) line = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_line = NULL;
  g_autofree char *read_back = NULL;
  TokenWindow *window = new_window ();
  TokenExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to-app", NULL));
  dialog = TOKEN_EXPORT_DIALOG (find_window (TOKEN_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (shows_text (GTK_WIDGET (dialog), "secrets of the tokens"));
  /* The window closes its dialog once saved; this one is kept to save more. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = token_export_dialog_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (dialog));

  list = save_export (dialog);
  g_assert_cmpmem (g_bytes_get_data (list, NULL), g_bytes_get_size (list) - 1, uri, strlen (uri));

  token_export_dialog_set_format (dialog, TOKEN_EXCHANGE_FORMAT_PAM_OATH);
  g_assert_null (token_export_dialog_build (dialog, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  token_export_dialog_set_user (dialog, "taro");
  line = save_export (dialog);
  expected_line = token_pam_oath_format_line (existing, "taro", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (line, NULL), g_bytes_get_size (line) - 1,
                   expected_line, strlen (expected_line));
  g_assert_cmpint (((const char *) g_bytes_get_data (line, NULL))[g_bytes_get_size (line) - 1], ==, '\n');

  token_export_dialog_set_format (dialog, TOKEN_EXCHANGE_FORMAT_QR);
  png = save_export (dialog);
  read_back = token_qr_read (png, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_back, ==, uri);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
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

  g_test_add_func ("/gui-exchange/qr-dialog", test_qr_dialog);
  g_test_add_func ("/gui-exchange/import-preview", test_import_preview);
  g_test_add_func ("/gui-exchange/import-pasted-image", test_import_pasted_image);
  g_test_add_func ("/gui-exchange/import-bad-file", test_import_bad_file);
  g_test_add_func ("/gui-exchange/import-encrypted-vault", test_import_encrypted_vault);
  g_test_add_func ("/gui-exchange/export-dialog", test_export_dialog);

  status = g_test_run ();
  g_clear_object (&store);
  return status;
}
