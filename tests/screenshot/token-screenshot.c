/* token-screenshot.c: renders the app's windows to PNG files
 *
 *   soft-token-screenshot OUTPUT_DIR [--dark]
 *
 * Test-only: runs in a private world (tests/run-in-world --keyring --xvfb)
 * with a frozen clock, and writes main.png (a token), welcome.png,
 * add.png, qr-warning.png and qr-code.png (the QR dialog's two pages),
 * app-import.png, app-import-preview.png and app-export.png (the dialogs for other
 * apps), and (not in dark style) every page of the export wizard
 * (export-*.png), the card while the move is pending
 * (main-move-pending.png) and every page of the import wizard on a second
 * device's keyring (import-*.png), each window rendered by its own GSK
 * renderer, so what is saved
 * is what GTK draws. The language comes from LANG; the catalogues from
 * SOFT_TOKEN_LOCALEDIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "token-add-dialog.h"
#include "token-card.h"
#include "token-export-wizard.h"
#include "token-import-wizard.h"
#include "token-export-dialog.h"
#include "token-import-dialog.h"
#include "token-qr-dialog.h"
#include "token-secure.h"
#include "token-store.h"
#include "token-uri.h"
#include "token-vip-dialog.h"
#include "token-window.h"

/* 8 seconds left in a period: the next code is showing, the ring is not
 * urgent yet. */
#define FROZEN_TIME (G_GINT64_CONSTANT (1764035362) * G_USEC_PER_SEC)

static const char example_seed[] = "soft-token-screenshot-seed";

static gint64
frozen_now (gpointer user_data)
{
  return FROZEN_TIME;
}

static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 limit = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > limit)
        g_error ("Timed out waiting for the window");
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Lets layout, the crossfades and the first frames happen. */
static void
settle (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
}

static void
save_window (GtkWidget  *window,
             const char *directory,
             const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (directory, name, NULL);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
  g_print ("%s\n", path);
}

static gboolean
page_is (gpointer data)
{
  GtkWidget *window = data;
  const char *wanted = g_object_get_data (G_OBJECT (window), "wanted-page");

  return g_strcmp0 (token_window_get_page_name (TOKEN_WINDOW (window)), wanted) == 0;
}

static void
wait_for_page (TokenWindow *window,
               const char  *name)
{
  g_object_set_data (G_OBJECT (window), "wanted-page", (gpointer) name);
  wait_until (page_is, window);
}

#define IMPORT_EXAMPLE \
  "otpauth://totp/Example%20Shinkin%20Bank:SOFT12345674?secret=ONXWMZ3UFV2G623FNYWXGY3SMVSW443IN52C243FMVSA&issuer=Example%20Shinkin%20Bank\n" \
  "otpauth://totp/Mail:taro%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Mail\n" \
  "otpauth://totp/VIP%20Access:SYMC12345678?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=VIP%20Access\n" \
  "otpauth://totp/Mail:taro%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Mail\n" \
  "otpauth://totp/Shop:hanako?secret=NOT-BASE32\n"

static gboolean
import_previewed (gpointer data)
{
  return g_strcmp0 (token_import_dialog_get_page_name (data), "preview") == 0;
}

static TokenCredential *
example_credential (void)
{
  g_autoptr(GBytes) secret = token_secure_bytes_new (example_seed, strlen (example_seed));
  TokenCredential *credential = token_credential_new ("SOFT12345674", TOKEN_KIND_TOTP, secret);

  token_credential_set_issuer (credential, "Example Shinkin Bank");
  token_credential_set_label (credential, "taro.yamada");
  return credential;
}

static TokenWindow *
new_window (GtkApplication *application,
            TokenStore     *store)
{
  g_autoptr(TokenTicker) ticker = token_ticker_new ();
  TokenWindow *window;

  token_ticker_set_time_func (ticker, frozen_now, NULL, NULL);
  window = token_window_new (application, store, ticker, NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 560);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}


typedef struct
{
  GtkWindow  *wizard;
  const char *page;
} WizardPage;

static gboolean
wizard_page_is (gpointer data)
{
  WizardPage *wanted = data;
  const char *page = TOKEN_IS_EXPORT_WIZARD (wanted->wizard)
                     ? token_export_wizard_get_page_name (TOKEN_EXPORT_WIZARD (wanted->wizard))
                     : token_import_wizard_get_page_name (TOKEN_IMPORT_WIZARD (wanted->wizard));

  return g_strcmp0 (page, wanted->page) == 0;
}

static void
wait_for_wizard_page (GtkWindow  *wizard,
                      const char *page)
{
  WizardPage wanted = { wizard, page };

  wait_until (wizard_page_is, &wanted);
}

/* The new device: the world's keyring daemon, restarted on another
 * keyring directory (tests/run-in-world control use-device). */
static void
use_device (const char *name)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("SOFT_TOKEN_WORLD_CONTROL"), "control", "use-device", name, NULL };
  int status;

  if (argv[0] == NULL
      || !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("Could not switch to the device “%s”: %s", name, error != NULL ? error->message : "no world");
}

static GtkEditable *
find_editable (GtkWidget *widget)
{
  if (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget))
    return GTK_EDITABLE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = find_editable (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
no_cards_left (gpointer data)
{
  g_autoptr(GList) cards = token_window_get_cards (TOKEN_WINDOW (data));

  return cards == NULL;
}

/* Every page of both wizards, the card while the move is pending, its
 * confirmation dialog, and the record left when the move is confirmed. */
static void
shoot_move (GtkApplication *application,
            TokenStore     *store,
            TokenWindow    *window,
            const char     *directory)
{
  g_autofree char *transfer_dir = g_dir_make_tmp ("screenshot-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (transfer_dir, "tokens.softtoken", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *code = NULL;
  GtkWindow *wizard;
  GtkWidget *own_row;

  wizard = token_window_export (window);
  settle (800);
  save_window (GTK_WIDGET (wizard), directory, "export-1-choose.png");

  token_export_wizard_next (TOKEN_EXPORT_WIZARD (wizard));
  settle (800);
  save_window (GTK_WIDGET (wizard), directory, "export-2-passphrase.png");

  /* The user's own passphrase, too weak: the reason is shown. */
  own_row = GTK_WIDGET (gtk_widget_get_ancestor (GTK_WIDGET (find_editable (GTK_WIDGET (wizard))), ADW_TYPE_EXPANDER_ROW));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (own_row), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (own_row), TRUE);
  gtk_editable_set_text (find_editable (GTK_WIDGET (wizard)), "password1234");
  token_export_wizard_next (TOKEN_EXPORT_WIZARD (wizard));
  settle (800);
  save_window (GTK_WIDGET (wizard), directory, "export-2-own-passphrase-weak.png");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (own_row), FALSE);
  passphrase = g_strdup (token_export_wizard_get_passphrase (TOKEN_EXPORT_WIZARD (wizard)));

  token_export_wizard_save_to (TOKEN_EXPORT_WIZARD (wizard), file);
  settle (300);
  save_window (GTK_WIDGET (wizard), directory, "export-3-saving.png");
  wait_for_wizard_page (wizard, "done");
  settle (800);
  save_window (GTK_WIDGET (wizard), directory, "export-4-done.png");
  g_clear_pointer (&passphrase, g_free);
  passphrase = g_strdup (token_export_wizard_get_passphrase (TOKEN_EXPORT_WIZARD (wizard)));
  gtk_window_destroy (wizard);
  settle (800);
  save_window (GTK_WIDGET (window), directory, "main-move-pending.png");

  use_device ("new");
  if (!token_store_load_sync (store, NULL, &error))
    g_error ("Could not read the new device's keyring: %s", error->message);
  wait_for_page (window, "welcome");

  wizard = token_window_import_file (window, file);
  settle (800);
  save_window (GTK_WIDGET (wizard), directory, "import-1-passphrase.png");
  gtk_editable_set_text (token_import_wizard_get_passphrase_entry (TOKEN_IMPORT_WIZARD (wizard)), passphrase);
  token_import_wizard_next (TOKEN_IMPORT_WIZARD (wizard));
  settle (300);
  save_window (GTK_WIDGET (wizard), directory, "import-2-opening.png");
  wait_for_wizard_page (wizard, "preview");
  settle (800);
  save_window (GTK_WIDGET (wizard), directory, "import-3-preview.png");
  token_import_wizard_next (TOKEN_IMPORT_WIZARD (wizard));
  wait_for_wizard_page (wizard, "done");
  settle (800);
  save_window (GTK_WIDGET (wizard), directory, "import-4-done.png");
  code = g_strdup (token_import_wizard_get_code (TOKEN_IMPORT_WIZARD (wizard)));
  gtk_window_destroy (wizard);

  /* Back on the old device: the code typed into the card's dialog, and
   * the record left in place of the token. */
  use_device ("main");
  if (!token_store_load_sync (store, NULL, &error))
    g_error ("Could not read the old device's keyring: %s", error->message);
  wait_for_page (window, "tokens");
  {
    GList *cards = token_window_get_cards (window);
    GtkWindow *dialog = token_window_confirm_move (window, TOKEN_CARD (cards->data));

    g_list_free (cards);
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))), code);
    settle (800);
    save_window (GTK_WIDGET (dialog), directory, "main-confirm-move.png");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "confirm");
    gtk_window_destroy (dialog);
  }
  wait_until (no_cards_left, window);
  settle (800);
  save_window (GTK_WIDGET (window), directory, "main-moved-record.png");

  g_unlink (path);
  g_rmdir (transfer_dir);
}

typedef struct
{
  const char *directory;
  gboolean    dark;
} Shot;

/* Runs inside an AdwApplication, as the app does, so that style.css and
 * the icons come from the resources exactly as they do for users. */
/* A loopback port that takes the connection and never answers: the dialog
 * stays in its progress page. Closed, it refuses: the error page. */
static void
point_vip_at (guint16 port)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/prov", port);

  g_setenv ("SOFT_TOKEN_VIP_PROVISION_URL", url, TRUE);
}

static void
shoot_vip (TokenWindow *window,
           const char  *directory)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = g_bytes_new_static (example_seed, 20);
  g_autoptr(TokenCredential) credential = token_credential_new ("SYMC29183746", TOKEN_KIND_TOTP, secret);
  TokenVipDialog *dialog = token_vip_dialog_new (GTK_WINDOW (window));
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  settle (800);
  save_window (GTK_WIDGET (dialog), directory, "vip-1-intro.png");

  point_vip_at (port);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "vip.continue", NULL);
  settle (800);
  save_window (GTK_WIDGET (dialog), directory, "vip-2-progress.png");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "vip.cancel", NULL);
  settle (300);

  g_socket_listener_close (listener);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "vip.continue", NULL);
  settle (1500);
  save_window (GTK_WIDGET (dialog), directory, "vip-3-error.png");

  token_credential_set_issuer (credential, "VIP Access");
  token_vip_dialog_show_done (dialog, credential);
  settle (800);
  save_window (GTK_WIDGET (dialog), directory, "vip-4-done.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
message_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        {
          *(GtkWindow **) data = toplevel;
          return TRUE;
        }
    }
  return FALSE;
}

/* A VIP credential beside the example token, then Check with VIP… when
 * VIP cannot be reached (a closed loopback port). */
static void
shoot_vip_card (TokenStore  *store,
                TokenWindow *window,
                const char  *directory)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = token_secure_bytes_new ("vip-screenshot-secret", 20);
  g_autoptr(TokenCredential) credential = token_credential_new ("SYMC29183746", TOKEN_KIND_TOTP, secret);
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/otpCheck", port);
  GtkWindow *result = NULL;
  GList *cards;

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  token_credential_set_issuer (credential, "VIP Access");
  token_credential_set_expiry (credential, FROZEN_TIME / G_USEC_PER_SEC + 1095 * 86400);
  if (!token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error))
    g_error ("Could not add the VIP token: %s", error->message);
  settle (800);
  save_window (GTK_WIDGET (window), directory, "main-vip.png");

  g_setenv ("SOFT_TOKEN_VIP_CHECK_URL", url, TRUE);
  cards = token_window_get_cards (window);
  for (GList *l = cards; l != NULL; l = l->next)
    if (gtk_widget_activate_action (l->data, "card.check-vip", NULL))
      break;
  g_list_free (cards);
  wait_until (message_dialog_shown, &result);
  settle (800);
  save_window (GTK_WIDGET (result), directory, "vip-check-error.png");
  gtk_window_destroy (result);
}

static void
on_activate (GApplication *application,
             Shot         *shot)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenCredential) credential = example_credential ();
  g_autofree char *uri = token_uri_format (credential);
  TokenWindow *window;
  TokenAddDialog *dialog;
  TokenQrDialog *qr_dialog;
  TokenImportDialog *import_dialog;
  TokenExportDialog *export_dialog;

  g_application_hold (application);
  if (shot->dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  /* The welcome page: an empty keyring. */
  window = new_window (GTK_APPLICATION (application), store);
  wait_for_page (window, "welcome");
  settle (800);
  save_window (GTK_WIDGET (window), shot->directory, "welcome.png");

  shoot_vip (window, shot->directory);

  /* The add dialog, with a link pasted in. */
  dialog = token_add_dialog_new (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  token_add_dialog_set_uri (dialog, uri);
  settle (800);
  save_window (GTK_WIDGET (dialog), shot->directory, "add.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  token_secure_wipe (uri, strlen (uri));

  /* A token. */
  if (!token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error))
    g_error ("Could not add the example token: %s", error->message);
  wait_for_page (window, "tokens");
  settle (800);
  save_window (GTK_WIDGET (window), shot->directory, "main.png");

  if (!shot->dark)
    shoot_move (GTK_APPLICATION (application), store, window, shot->directory);
  /* The QR code: the warning first, then the code. */
  qr_dialog = token_qr_dialog_new (GTK_WINDOW (window), credential, NULL);
  gtk_window_present (GTK_WINDOW (qr_dialog));
  settle (800);
  save_window (GTK_WIDGET (qr_dialog), shot->directory, "qr-warning.png");
  gtk_widget_activate_action (GTK_WIDGET (qr_dialog), "dialog.show-code", NULL);
  settle (800);
  save_window (GTK_WIDGET (qr_dialog), shot->directory, "qr-code.png");
  gtk_window_destroy (GTK_WINDOW (qr_dialog));

  /* Import: the links pasted, then the preview with a token already here,
   * a repeated line and a broken one. */
  import_dialog = token_import_dialog_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (import_dialog));
  token_import_dialog_set_text (import_dialog, IMPORT_EXAMPLE);
  settle (800);
  save_window (GTK_WIDGET (import_dialog), shot->directory, "app-import.png");
  gtk_widget_activate_action (GTK_WIDGET (import_dialog), "dialog.read-text", NULL);
  wait_until (import_previewed, import_dialog);
  settle (800);
  save_window (GTK_WIDGET (import_dialog), shot->directory, "app-import-preview.png");
  gtk_window_destroy (GTK_WINDOW (import_dialog));

  /* Export, for a server's pam_oath. */
  export_dialog = token_export_dialog_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (export_dialog));
  token_export_dialog_set_format (export_dialog, TOKEN_EXCHANGE_FORMAT_PAM_OATH);
  token_export_dialog_set_user (export_dialog, "taro");
  settle (800);
  save_window (GTK_WIDGET (export_dialog), shot->directory, "app-export.png");
  gtk_window_destroy (GTK_WINDOW (export_dialog));

  if (!shot->dark)
    shoot_vip_card (store, window, shot->directory);

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (application);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;
  const char *localedir = g_getenv ("SOFT_TOKEN_LOCALEDIR");
  Shot shot = { 0 };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      g_printerr ("Usage: %s OUTPUT_DIR [--dark]\n", argv[0]);
      return 2;
    }
  shot.directory = argv[1];

  g_set_application_name (_("Soft Token"));
  application = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_object_set (application, "resource-base-path", RESOURCE_BASE, NULL);
  g_signal_connect (application, "activate", G_CALLBACK (on_activate), &shot);
  shot.dark = argc > 2 && g_str_equal (argv[2], "--dark");

  return g_application_run (G_APPLICATION (application), 1, argv);
}
