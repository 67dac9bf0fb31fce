/* token-window-actions.c: what the person does in the main window
 *
 * The window's actions, the cards' signals and the dialogs they open:
 * each becomes a store call (async, cancelled with the window) whose
 * outcome is a toast; the window follows the store's changes by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-add-dialog.h"
#include "token-credential-id.h"
#include "token-error.h"
#include "token-export-dialog.h"
#include "token-export-wizard.h"
#include "token-import-dialog.h"
#include "token-import-wizard.h"
#include "token-qr-dialog.h"
#include "token-secure.h"
#include "token-vip-check-flow.h"
#include "token-vip-dialog.h"
#include "token-window-private.h"

/* Cards */

static TokenCard *
card_for_widget (GtkWidget *widget)
{
  GtkWidget *ancestor = widget != NULL ? gtk_widget_get_ancestor (widget, TOKEN_TYPE_CARD) : NULL;

  return ancestor != NULL ? TOKEN_CARD (ancestor) : NULL;
}

/* The card with the focus, or else the first one. */
static TokenCard *
current_card (TokenWindow *self)
{
  TokenCard *card = card_for_widget (gtk_root_get_focus (GTK_ROOT (self)));
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->token_box));

  if (card != NULL)
    return card;
  return first != NULL ? TOKEN_CARD (first) : NULL;
}

static void
copy_card_code (TokenWindow *self,
                TokenCard   *card)
{
  g_autoptr(TokenSecureString) code = token_card_dup_code (card);

  if (code == NULL)
    return;

  token_clipboard_copy_secret (self->clipboard, code);
  token_window_show_toast (self, _("Security code copied"));
}

static void
on_card_copy_code (TokenCard   *card,
                   TokenWindow *self)
{
  copy_card_code (self, card);
}

static void
on_card_copy_id (TokenCard   *card,
                 TokenWindow *self)
{
  TokenCredential *credential = token_card_get_credential (card);

  token_clipboard_copy_text (self->clipboard, token_credential_get_credential_id (credential));
  token_window_show_toast (self, _("Credential ID copied"));
}

typedef struct
{
  TokenWindow *window;
  TokenCard   *card;
} CardRequest;

static void
card_request_free (CardRequest *request)
{
  g_clear_object (&request->window);
  g_clear_object (&request->card);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardRequest, card_request_free)

static void
card_request_closure_free (gpointer  data,
                           GClosure *closure)
{
  card_request_free (data);
}

static CardRequest *
card_request_new (TokenWindow *self,
                  TokenCard   *card)
{
  CardRequest *request = g_new0 (CardRequest, 1);

  request->window = g_object_ref (self);
  request->card = g_object_ref (card);
  return request;
}

static void
next_hotp_code_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CardRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenSecureString) code = NULL;
  TokenCredential *credential = token_card_get_credential (request->card);

  code = token_store_next_hotp_code_finish (TOKEN_STORE (source), result, &error);
  if (code == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        token_window_show_toast (request->window, error->message);
      return;
    }

  token_card_show_hotp_code (request->card, token_credential_get_counter (credential), code);
}

static void
on_card_next_code (TokenCard   *card,
                   TokenWindow *self)
{
  token_store_next_hotp_code_async (self->store, token_card_get_credential (card),
                                    self->cancellable, next_hotp_code_done,
                                    card_request_new (self, card));
}

static void
remove_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TokenWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!token_store_remove_finish (TOKEN_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        token_window_show_toast (self, error->message);
      return;
    }

  token_window_show_toast (self, _("Token removed"));
}

typedef struct
{
  TokenWindow     *window;
  TokenCredential *credential;
} RemoveRequest;

static void
remove_request_free (gpointer  data,
                     GClosure *closure)
{
  RemoveRequest *request = data;

  g_clear_object (&request->window);
  g_clear_object (&request->credential);
  g_free (request);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    RemoveRequest    *request)
{
  if (g_strcmp0 (response, "remove") != 0)
    return;

  token_store_remove_async (request->window->store, request->credential,
                            request->window->cancellable, remove_done,
                            g_object_ref (request->window));
}

/* The confirmation before a token leaves this computer; @on_response acts
 * on the “remove” response. */
static void
confirm_token_removal (TokenWindow     *self,
                       TokenCredential *credential,
                       const char      *heading,
                       const char      *body,
                       const char      *remove_label,
                       GCallback        on_response)
{
  RemoveRequest *request = g_new0 (RemoveRequest, 1);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", remove_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  request->window = g_object_ref (self);
  request->credential = g_object_ref (credential);
  g_signal_connect_data (dialog, "response", on_response, request, remove_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
confirm_remove (TokenWindow     *self,
                TokenCredential *credential)
{
  g_autofree char *display_id = token_credential_dup_display_id (credential);
  g_autofree char *body = NULL;

  /* Translators: %s is a Credential ID such as “SOFT 1234 5678” */
  body = g_strdup_printf (_("The token %s will be deleted from this computer and its codes will be gone for good.\n\n"
                            "First stop using it at the service where it is registered (for example your bank’s page to stop one-time passwords), or you may be unable to log in."),
                          display_id);
  confirm_token_removal (self, credential, _("Remove Token?"), body,
                         _("_Remove"), G_CALLBACK (on_remove_response));
}

static void
on_card_remove (TokenCard   *card,
                TokenWindow *self)
{
  confirm_remove (self, token_card_get_credential (card));
}

static void
record_move_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TokenWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!token_store_record_move_finish (TOKEN_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        token_window_show_toast (self, error->message);
      return;
    }

  token_window_show_toast (self, _("Token moved to the new device"));
}

static void
on_moved_response (AdwMessageDialog *dialog,
                   const char       *response,
                   RemoveRequest    *request)
{
  if (g_strcmp0 (response, "remove") != 0)
    return;

  token_store_record_move_async (request->window->store, request->credential,
                                 request->window->cancellable, record_move_done,
                                 g_object_ref (request->window));
}

/* Added on a phone from its QR code: removed here once the person says so,
 * leaving the same record as a move by transfer file. */
static void
on_qr_moved (TokenQrDialog *dialog,
             TokenWindow   *self)
{
  g_autoptr(TokenCredential) credential = g_object_ref (token_qr_dialog_get_credential (dialog));
  g_autofree char *display_id = token_credential_dup_display_id (credential);
  g_autofree char *body = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));
  /* Translators: %s is a Credential ID such as “SOFT 1234 5678” */
  body = g_strdup_printf (_("Do this only once the token %s shows the same codes on your phone. Its secret will be deleted here; a note that it moved stays until you dismiss it."),
                          display_id);
  confirm_token_removal (self, credential, _("Remove the Token From This Computer?"), body,
                         _("_Remove From This Device"), G_CALLBACK (on_moved_response));
}

static void
on_card_show_qr (TokenCard   *card,
                 TokenWindow *self)
{
  TokenQrDialog *dialog = token_qr_dialog_new (GTK_WINDOW (self),
                                               token_card_get_credential (card),
                                               self->clipboard);

  g_signal_connect_object (dialog, "moved", G_CALLBACK (on_qr_moved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_card_check_vip (TokenCard   *card,
                   TokenWindow *self)
{
  token_vip_check_flow_start (GTK_WINDOW (self), token_card_get_credential (card));
}

GtkWidget *
token_window_create_card (TokenWindow     *self,
                          TokenCredential *credential)
{
  GtkWidget *card = token_card_new (credential);

  g_signal_connect_object (card, "copy-code", G_CALLBACK (on_card_copy_code), self, 0);
  g_signal_connect_object (card, "copy-id", G_CALLBACK (on_card_copy_id), self, 0);
  g_signal_connect_object (card, "next-code", G_CALLBACK (on_card_next_code), self, 0);
  g_signal_connect_object (card, "remove", G_CALLBACK (on_card_remove), self, 0);
  g_signal_connect_object (card, "confirm-move", G_CALLBACK (token_window_confirm_move), self, G_CONNECT_SWAPPED);
  token_card_set_move (TOKEN_CARD (card),
                       token_store_find_move (self->store, token_credential_get_internal_id (credential)));
  g_signal_connect_object (card, "show-qr", G_CALLBACK (on_card_show_qr), self, 0);
  g_signal_connect_object (card, "check-vip", G_CALLBACK (on_card_check_vip), self, 0);
  return card;
}
static void
unlock_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TokenWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unlock", TRUE);
  if (!token_store_unlock_finish (TOKEN_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        token_window_show_toast (self, error->message);
      return;
    }

  token_window_reload (self);
}

/* Actions */

static void
unlock_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TokenWindow *self = TOKEN_WINDOW (widget);

  gtk_widget_action_set_enabled (widget, "win.unlock", FALSE);
  token_store_unlock_async (self->store, self->cancellable, unlock_done, g_object_ref (self));
}

static void
retry_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  token_window_reload (TOKEN_WINDOW (widget));
}

static void
copy_code_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TokenWindow *self = TOKEN_WINDOW (widget);
  TokenCard *card = current_card (self);

  if (card != NULL)
    copy_card_code (self, card);
}

static void
create_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TokenWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-token", TRUE);

  if (!token_store_add_finish (TOKEN_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        token_window_show_toast (self, error->message);
      return;
    }

  token_window_show_toast (self, _("Token created"));
}

static void
create_token_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TokenWindow *self = TOKEN_WINDOW (widget);
  g_autofree char *prefix = g_settings_get_string (self->settings, "credential-id-prefix");
  g_autoptr(TokenCredential) credential = NULL;

  if (self->busy)
    return;

  if (!token_credential_id_prefix_is_valid (prefix))
    {
      g_free (prefix);
      prefix = g_strdup (TOKEN_CREDENTIAL_ID_DEFAULT_PREFIX);
    }

  credential = token_credential_new_random (prefix);
  self->busy = TRUE;
  gtk_widget_action_set_enabled (widget, "win.create-token", FALSE);
  token_store_add_async (self->store, credential, TOKEN_STORE_ADD_NONE,
                         self->cancellable, create_done, g_object_ref (self));
}

typedef struct
{
  TokenWindow    *window;
  TokenAddDialog *dialog;
} AddRequest;

static void
add_request_free (AddRequest *request)
{
  g_clear_object (&request->window);
  g_clear_object (&request->dialog);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddRequest, add_request_free)

static void
add_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AddRequest) request = user_data;
  g_autoptr(GError) error = NULL;

  if (!token_store_add_finish (TOKEN_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        token_add_dialog_show_error (request->dialog, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (request->dialog));
  token_window_show_toast (request->window, _("Token added"));
}

static void
on_add_credential (TokenAddDialog  *dialog,
                   TokenCredential *credential,
                   TokenWindow     *self)
{
  AddRequest *request = g_new0 (AddRequest, 1);

  request->window = g_object_ref (self);
  request->dialog = g_object_ref (dialog);
  token_store_add_async (self->store, credential, TOKEN_STORE_ADD_NONE,
                         self->cancellable, add_done, request);
}

static void
add_token_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TokenWindow *self = TOKEN_WINDOW (widget);
  TokenAddDialog *dialog = token_add_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "add-credential", G_CALLBACK (on_add_credential), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
vip_add_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TokenVipDialog) dialog = user_data;
  g_autoptr(GError) error = NULL;
  TokenCredential *credential = g_object_get_data (G_OBJECT (dialog), "token-vip-credential");

  if (!token_store_add_finish (TOKEN_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        token_vip_dialog_show_error (dialog, error->message);
      return;
    }
  token_vip_dialog_show_done (dialog, credential);
}

static void
on_vip_credential_ready (TokenVipDialog  *dialog,
                         TokenCredential *credential,
                         TokenWindow     *self)
{
  g_object_set_data_full (G_OBJECT (dialog), "token-vip-credential",
                          g_object_ref (credential), g_object_unref);
  token_store_add_async (self->store, credential, TOKEN_STORE_ADD_NONE,
                         self->cancellable, vip_add_done, g_object_ref (dialog));
}

static void
get_vip_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TokenVipDialog *dialog = token_vip_dialog_new (GTK_WINDOW (widget));

  g_signal_connect_object (dialog, "credential-ready",
                           G_CALLBACK (on_vip_credential_ready), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import from another app: the chosen tokens are stored one after the
 * other; one that fails is named and the others still go in. */
typedef struct
{
  TokenWindow       *window;
  TokenImportDialog *dialog;
  GPtrArray         *credentials;
  guint              next;
  guint              stored;
  GString           *failures;
} ImportRequest;

static void
import_request_free (ImportRequest *request)
{
  g_clear_object (&request->window);
  g_clear_object (&request->dialog);
  g_clear_pointer (&request->credentials, g_ptr_array_unref);
  g_string_free (request->failures, TRUE);
  g_free (request);
}

static void import_next (ImportRequest *request);

static void
import_add_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ImportRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (!token_store_add_finish (TOKEN_STORE (source), result, &error))
    {
      TokenCredential *credential = g_ptr_array_index (request->credentials, request->next - 1);
      g_autofree char *display_id = token_credential_dup_display_id (credential);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          import_request_free (request);
          return;
        }
      /* Translators: a Credential ID, then why it was not stored */
      g_string_append_printf (request->failures, _("%s: %s"), display_id, error->message);
      g_string_append_c (request->failures, '\n');
    }
  else
    request->stored++;

  import_next (request);
}

static void
import_next (ImportRequest *request)
{
  TokenWindow *self = request->window;

  if (request->next < request->credentials->len)
    {
      TokenCredential *credential = g_ptr_array_index (request->credentials, request->next++);

      token_store_add_async (self->store, credential, TOKEN_STORE_ADD_NONE,
                             self->cancellable, import_add_done, request);
      return;
    }

  if (request->failures->len > 0)
    {
      g_strchomp (request->failures->str);
      token_import_dialog_show_error (request->dialog, request->failures->str);
    }
  else
    gtk_window_destroy (GTK_WINDOW (request->dialog));

  if (request->stored > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u token imported",
                                                             "%u tokens imported",
                                                             request->stored),
                                                request->stored);

      token_window_show_toast (self, title);
    }
  import_request_free (request);
}

static void
on_import_credentials (TokenImportDialog *dialog,
                       GPtrArray         *credentials,
                       TokenWindow       *self)
{
  ImportRequest *request = g_new0 (ImportRequest, 1);

  request->window = g_object_ref (self);
  request->dialog = g_object_ref (dialog);
  request->credentials = g_ptr_array_ref (credentials);
  request->failures = g_string_new (NULL);
  token_import_dialog_show_error (dialog, NULL);
  import_next (request);
}

static void
import_from_app_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TokenWindow *self = TOKEN_WINDOW (widget);
  TokenImportDialog *dialog = token_import_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "import-credentials", G_CALLBACK (on_import_credentials), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_saved (TokenExportDialog *dialog,
                 TokenWindow       *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  token_window_show_toast (self, _("Tokens exported"));
}

static void
export_to_app_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TokenWindow *self = TOKEN_WINDOW (widget);
  TokenExportDialog *dialog = token_export_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_export_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Built when first asked for, not with every window: it is rarely seen,
 * and building it is a good part of the time to the first frame. */
static void
show_help_overlay_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/token-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

/* Moving tokens between devices */

GtkWindow *
token_window_export (TokenWindow *self)
{
  TokenExportWizard *wizard;

  g_return_val_if_fail (TOKEN_IS_WINDOW (self), NULL);

  wizard = token_export_wizard_new (GTK_WINDOW (self), self->store, self->clipboard);
  gtk_window_present (GTK_WINDOW (wizard));
  return GTK_WINDOW (wizard);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  token_window_export (TOKEN_WINDOW (widget));
}

GtkWindow *
token_window_import_file (TokenWindow *self,
                          GFile       *file)
{
  TokenImportWizard *wizard;

  g_return_val_if_fail (TOKEN_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  wizard = token_import_wizard_new (GTK_WINDOW (self), self->store, file);
  gtk_window_present (GTK_WINDOW (wizard));
  return GTK_WINDOW (wizard);
}

static void
on_import_chooser_response (GtkNativeDialog *chooser,
                            int              response,
                            TokenWindow     *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    token_window_import_file (self, file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Transfer File"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Soft Token Transfer Files"));
  gtk_file_filter_add_mime_type (filter, "application/x-soft-token-transfer");
  gtk_file_filter_add_suffix (filter, "softtoken");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
confirm_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TokenWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!token_store_confirm_move_finish (TOKEN_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        token_window_show_toast (self, error->message);
      return;
    }

  token_window_show_toast (self, _("Token moved to the new device"));
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     CardRequest      *request)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  TokenCredential *credential = token_card_get_credential (request->card);

  if (!g_str_equal (response, "confirm"))
    return;

  token_store_confirm_move_async (request->window->store, credential,
                                  gtk_editable_get_text (entry), request->window->cancellable,
                                  confirm_done, g_object_ref (request->window));
}

GtkWindow *
token_window_confirm_move (TokenWindow *self,
                           TokenCard   *card)
{
  TokenCredential *credential;
  g_autofree char *display_id = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (TOKEN_IS_WINDOW (self), NULL);
  g_return_val_if_fail (TOKEN_IS_CARD (card), NULL);

  credential = token_card_get_credential (card);
  display_id = token_credential_dup_display_id (credential);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Finish the Move?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Enter the confirmation code that the new device showed after importing %s. The token is then removed from this device, and works only on the new one."),
                                  display_id);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Confirmation code"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Confirmation code"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "confirm", _("_Remove From This Device"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "confirm");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response),
                         card_request_new (self, card), card_request_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

void
token_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.copy-code", NULL, copy_code_activated);
  gtk_widget_class_install_action (widget_class, "win.create-token", NULL, create_token_activated);
  gtk_widget_class_install_action (widget_class, "win.add-token", NULL, add_token_activated);
  gtk_widget_class_install_action (widget_class, "win.get-vip", NULL, get_vip_activated);
  gtk_widget_class_install_action (widget_class, "win.import-from-app", NULL, import_from_app_activated);
  gtk_widget_class_install_action (widget_class, "win.export-to-app", NULL, export_to_app_activated);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, unlock_activated);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "win.copy-code", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.create-token", NULL);
}
