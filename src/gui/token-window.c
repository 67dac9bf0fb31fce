/* token-window.c: the main window
 *
 * Shows what the store holds: a page for each keyring state, the welcome
 * page when there is no token, a card per token otherwise. The user's
 * actions become store calls (async, cancelled with the window); the
 * cards follow the store's items-changed. The window never touches the
 * keyring or the cryptography itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-add-dialog.h"
#include "token-card.h"
#include "token-credential-id.h"
#include "token-error.h"
#include "token-export-wizard.h"
#include "token-import-wizard.h"
#include "token-export-dialog.h"
#include "token-import-dialog.h"
#include "token-qr-dialog.h"
#include "token-secure.h"
#include "token-vip-check-flow.h"
#include "token-vip-dialog.h"
#include "token-window.h"

struct _TokenWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *add_button;
  GtkRevealer          *clock_banner;
  GtkRevealer          *damaged_banner;
  GtkLabel             *damaged_label;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *welcome_page;
  GtkBox               *token_box;
  AdwStatusPage        *error_page;

  TokenStore           *store;
  TokenTicker          *ticker;
  TokenClipboard       *clipboard;
  TokenClockMonitor    *clock_monitor;
  GSettings            *settings;
  GCancellable         *cancellable;
  GdkSurface           *surface;
  gulong                surface_state_handler;
  gulong                tick_handler;
  guint                 spinner_timeout_id;

  TokenViewSettings     view_settings;
  gboolean              loaded;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (TokenWindow, token_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TICKER,
  PROP_CLIPBOARD,
  PROP_CLOCK_MONITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (TokenWindow *self,
            const char  *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* The keyring usually answers within a few milliseconds: a spinner that
 * flashes by would only make the start look slower, so it appears only
 * when reading takes noticeably long. */
#define SPINNER_DELAY_MS 500

static gboolean
show_spinner (gpointer user_data)
{
  TokenWindow *self = user_data;

  self->spinner_timeout_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), TRUE);
  gtk_spinner_start (self->loading_spinner);
  return G_SOURCE_REMOVE;
}

static void
set_loading (TokenWindow *self,
             gboolean     loading)
{
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  gtk_spinner_stop (self->loading_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), FALSE);
  if (loading)
    self->spinner_timeout_id = g_timeout_add (SPINNER_DELAY_MS, show_spinner, self);
}

static void
show_page (TokenWindow *self,
           const char  *name)
{
  gboolean leaving_loading = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "loading") == 0;

  /* What was read appears at once: a fade from the blank loading page
   * would only delay it. */
  gtk_stack_set_transition_type (self->main_stack,
                                 leaving_loading ? GTK_STACK_TRANSITION_TYPE_NONE
                                                 : GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_visible_child_name (self->main_stack, name);
  set_loading (self, g_strcmp0 (name, "loading") == 0);
  gtk_widget_set_visible (self->add_button, g_strcmp0 (name, "tokens") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-code", g_strcmp0 (name, "tokens") == 0);
  /* Nothing to export without tokens; importing is for any loaded keyring. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-to-app", g_strcmp0 (name, "tokens") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-from-app",
                                 g_strcmp0 (name, "tokens") == 0 || g_strcmp0 (name, "welcome") == 0);
}

static guint
count_moved_away (TokenWindow *self)
{
  GListModel *moves = token_store_get_moves (self->store);
  guint n_moves = g_list_model_get_n_items (moves);
  guint count = 0;

  for (guint i = 0; i < n_moves; i++)
    {
      g_autoptr(TokenMove) move = g_list_model_get_item (moves, i);

      if (token_move_get_state (move) == TOKEN_MOVE_DONE)
        count++;
    }
  return count;
}

/* The records of tokens moved away stay on the tokens page until they are
 * dismissed, even when no token is left here. */
static void
show_tokens_or_welcome (TokenWindow *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  show_page (self, n_items > 0 || count_moved_away (self) > 0 ? "tokens" : "welcome");
}

/* Ticking costs nothing while nobody can see the codes. */
static void
update_ticking (TokenWindow *self)
{
  gboolean visible = gtk_widget_get_mapped (GTK_WIDGET (self));

  if (self->surface != NULL)
    visible = visible && !(gdk_toplevel_get_state (GDK_TOPLEVEL (self->surface)) & GDK_TOPLEVEL_STATE_MINIMIZED);

  token_ticker_set_paused (self->ticker, !visible);
}

static void
on_tick (TokenWindow *self,
         gint64       unix_time)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->token_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (TOKEN_IS_CARD (child))
      token_card_update (TOKEN_CARD (child), unix_time, &self->view_settings);
}

static void
tick_card (TokenWindow *self,
           TokenCard   *card)
{
  gint64 now = token_ticker_get_now (self->ticker) / G_USEC_PER_SEC;

  token_card_update (card, now, &self->view_settings);
}

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
  show_toast (self, _("Security code copied"));
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
  show_toast (self, _("Credential ID copied"));
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
        show_toast (request->window, error->message);
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
        show_toast (self, error->message);
      return;
    }

  show_toast (self, _("Token removed"));
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
        show_toast (self, error->message);
      return;
    }

  show_toast (self, _("Token moved to the new device"));
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

static GtkWidget *
create_card (TokenWindow     *self,
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
dismiss_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TokenWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!token_store_dismiss_move_finish (TOKEN_STORE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message);
}

static void
on_dismiss_clicked (GtkButton   *button,
                    TokenWindow *self)
{
  TokenMove *move = g_object_get_data (G_OBJECT (button), "move");

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  token_store_dismiss_move_async (self->store, move, self->cancellable,
                                  dismiss_done, g_object_ref (self));
}

/* One row per token moved away: “Moved to another device on DATE”, with
 * no seed behind it, until dismissed. */
static void
append_moved_records (TokenWindow *self)
{
  GListModel *moves = token_store_get_moves (self->store);
  guint n_moves = g_list_model_get_n_items (moves);
  GtkWidget *list = NULL;

  for (guint i = 0; i < n_moves; i++)
    {
      g_autoptr(TokenMove) move = g_list_model_get_item (moves, i);
      g_autofree char *display_id = NULL;
      g_autofree char *description = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *button;

      if (token_move_get_state (move) != TOKEN_MOVE_DONE)
        continue;

      if (list == NULL)
        {
          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_box_append (self->token_box, list);
        }

      display_id = token_credential_id_format (token_move_get_credential_id (move));
      description = token_move_dup_description (move);
      /* The name on the first line, the ID and what happened below. */
      subtitle = g_strdup_printf ("%s\n%s", display_id, description);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     token_move_get_issuer (move) != NULL ? token_move_get_issuer (move) : display_id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "emblem-ok-symbolic");

      button = gtk_button_new_with_mnemonic (_("_Dismiss"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "move", g_object_ref (move), g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_dismiss_clicked), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
}

/* A handful of tokens at most: the cards are made again on every change. */
static void
rebuild_cards (TokenWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n_items = g_list_model_get_n_items (model);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->token_box))) != NULL)
    gtk_box_remove (self->token_box, child);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (model, i);
      GtkWidget *card = create_card (self, credential);

      token_card_set_standalone (TOKEN_CARD (card), n_items == 1);
      gtk_box_append (self->token_box, card);
      tick_card (self, TOKEN_CARD (card));
    }

  append_moved_records (self);

  if (n_items == 1)
    gtk_widget_add_css_class (GTK_WIDGET (self->token_box), "single");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->token_box), "single");
}

static void
on_items_changed (TokenWindow *self)
{
  rebuild_cards (self);
  if (self->loaded)
    show_tokens_or_welcome (self);
}

static void
on_damaged_changed (TokenWindow *self)
{
  g_auto(GStrv) damaged = token_store_dup_damaged (self->store);
  g_autofree char *text = NULL;

  if (damaged != NULL && damaged[0] != NULL)
    {
      text = g_strjoinv ("\n", damaged);
      gtk_label_set_label (self->damaged_label, text);
    }
  gtk_revealer_set_reveal_child (self->damaged_banner, damaged != NULL && damaged[0] != NULL);
}

/* The keyring unlocked from elsewhere (a prompt, Seahorse, the login
 * screen): the tokens can be read now. */
static void
on_locked_changed (TokenWindow *self)
{
  if (!token_store_get_locked (self->store)
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "locked") == 0)
    token_window_reload (self);
}

/* Loading */

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TokenWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!token_store_load_finish (TOKEN_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->loaded = FALSE;
      if (g_error_matches (error, TOKEN_ERROR, TOKEN_ERROR_NO_SERVICE))
        show_page (self, "no-service");
      else if (g_error_matches (error, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED))
        show_page (self, "locked");
      else
        {
          adw_status_page_set_description (self->error_page, error->message);
          show_page (self, "error");
        }
      return;
    }

  self->loaded = TRUE;
  on_damaged_changed (self);
  show_tokens_or_welcome (self);
}

void
token_window_reload (TokenWindow *self)
{
  g_return_if_fail (TOKEN_IS_WINDOW (self));

  show_page (self, "loading");
  token_store_load_async (self->store, self->cancellable, load_done, g_object_ref (self));
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
        show_toast (self, error->message);
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
        show_toast (self, error->message);
      return;
    }

  show_toast (self, _("Token created"));
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
  show_toast (request->window, _("Token added"));
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

      show_toast (self, title);
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
  show_toast (self, _("Tokens exported"));
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

/* Settings and size */

static void
on_show_next_code_changed (TokenWindow *self)
{
  self->view_settings.show_next_code = g_settings_get_boolean (self->settings, "show-next-code");
  token_ticker_tick_now (self->ticker);
}

static void
restore_size (TokenWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
token_window_close_request (GtkWindow *window)
{
  TokenWindow *self = TOKEN_WINDOW (window);
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (token_window_parent_class)->close_request (window);
}

/* Visibility */

static void
on_surface_state_changed (TokenWindow *self)
{
  update_ticking (self);
}

static void
token_window_realize (GtkWidget *widget)
{
  TokenWindow *self = TOKEN_WINDOW (widget);

  GTK_WIDGET_CLASS (token_window_parent_class)->realize (widget);

  self->surface = g_object_ref (gtk_native_get_surface (GTK_NATIVE (widget)));
  self->surface_state_handler =
    g_signal_connect_swapped (self->surface, "notify::state",
                              G_CALLBACK (on_surface_state_changed), self);
}

static void
token_window_unrealize (GtkWidget *widget)
{
  TokenWindow *self = TOKEN_WINDOW (widget);

  if (self->surface != NULL)
    g_clear_signal_handler (&self->surface_state_handler, self->surface);
  g_clear_object (&self->surface);

  GTK_WIDGET_CLASS (token_window_parent_class)->unrealize (widget);
}

static void
token_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (token_window_parent_class)->map (widget);
  update_ticking (TOKEN_WINDOW (widget));
}

static void
token_window_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (token_window_parent_class)->unmap (widget);
  update_ticking (TOKEN_WINDOW (widget));
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

static gboolean
on_file_dropped (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 TokenWindow   *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  token_window_import_file (self, file);
  return TRUE;
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
        show_toast (self, error->message);
      return;
    }

  show_toast (self, _("Token moved to the new device"));
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

/* Construction */

static void
token_window_constructed (GObject *object)
{
  TokenWindow *self = (TokenWindow *) object;

  G_OBJECT_CLASS (token_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  if (self->ticker == NULL)
    self->ticker = token_ticker_new ();
  if (self->clipboard == NULL)
    self->clipboard = token_clipboard_new (gtk_widget_get_clipboard (GTK_WIDGET (self)));

  self->tick_handler = g_signal_connect_swapped (self->ticker, "tick", G_CALLBACK (on_tick), self);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (token_store_get_moves (self->store), "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::damaged",
                           G_CALLBACK (on_damaged_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::locked",
                           G_CALLBACK (on_locked_changed), self, G_CONNECT_SWAPPED);

  if (self->clock_monitor != NULL)
    g_object_bind_property (self->clock_monitor, "unsynchronized",
                            self->clock_banner, "reveal-child",
                            G_BINDING_SYNC_CREATE);

  rebuild_cards (self);
  token_window_reload (self);
}

static void
token_window_dispose (GObject *object)
{
  TokenWindow *self = (TokenWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  if (self->ticker != NULL)
    {
      g_clear_signal_handler (&self->tick_handler, self->ticker);
      token_ticker_set_paused (self->ticker, TRUE);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), TOKEN_TYPE_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->ticker);
  g_clear_object (&self->clipboard);
  g_clear_object (&self->clock_monitor);
  g_clear_object (&self->settings);
  g_clear_object (&self->surface);

  G_OBJECT_CLASS (token_window_parent_class)->dispose (object);
}

static void
token_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TokenWindow *self = TOKEN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TICKER:
      g_value_set_object (value, self->ticker);
      break;
    case PROP_CLIPBOARD:
      g_value_set_object (value, self->clipboard);
      break;
    case PROP_CLOCK_MONITOR:
      g_value_set_object (value, self->clock_monitor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TokenWindow *self = TOKEN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_TICKER:
      self->ticker = g_value_dup_object (value);
      break;
    case PROP_CLIPBOARD:
      self->clipboard = g_value_dup_object (value);
      break;
    case PROP_CLOCK_MONITOR:
      self->clock_monitor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_window_class_init (TokenWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = token_window_constructed;
  object_class->dispose = token_window_dispose;
  object_class->get_property = token_window_get_property;
  object_class->set_property = token_window_set_property;

  widget_class->realize = token_window_realize;
  widget_class->unrealize = token_window_unrealize;
  widget_class->map = token_window_map;
  widget_class->unmap = token_window_unmap;

  window_class->close_request = token_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TOKEN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TICKER] =
    g_param_spec_object ("ticker", NULL, NULL,
                         TOKEN_TYPE_TICKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLIPBOARD] =
    g_param_spec_object ("clipboard", NULL, NULL,
                         TOKEN_TYPE_CLIPBOARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLOCK_MONITOR] =
    g_param_spec_object ("clock-monitor", NULL, NULL,
                         TOKEN_TYPE_CLOCK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/token-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, clock_banner);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, damaged_banner);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, damaged_label);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, token_box);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, error_page);

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

static void
token_window_init (TokenWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->view_settings.show_next_code = g_settings_get_boolean (self->settings, "show-next-code");
  g_signal_connect_object (self->settings, "changed::show-next-code",
                           G_CALLBACK (on_show_next_code_changed), self, G_CONNECT_SWAPPED);

  adw_status_page_set_icon_name (self->welcome_page, APP_ID);

  {
    GtkDropTarget *drop_target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

    g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_file_dropped), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
  }
  restore_size (self);

  if (DEVELOPMENT_PROFILE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

TokenWindow *
token_window_new (GtkApplication    *application,
                  TokenStore        *store,
                  TokenTicker       *ticker,
                  TokenClipboard    *clipboard,
                  TokenClockMonitor *clock_monitor)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TOKEN_IS_STORE (store), NULL);
  g_return_val_if_fail (ticker == NULL || TOKEN_IS_TICKER (ticker), NULL);
  g_return_val_if_fail (clipboard == NULL || TOKEN_IS_CLIPBOARD (clipboard), NULL);
  g_return_val_if_fail (clock_monitor == NULL || TOKEN_IS_CLOCK_MONITOR (clock_monitor), NULL);

  return g_object_new (TOKEN_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "ticker", ticker,
                       "clipboard", clipboard,
                       "clock-monitor", clock_monitor,
                       NULL);
}

TokenStore *
token_window_get_store (TokenWindow *self)
{
  g_return_val_if_fail (TOKEN_IS_WINDOW (self), NULL);

  return self->store;
}

TokenTicker *
token_window_get_ticker (TokenWindow *self)
{
  g_return_val_if_fail (TOKEN_IS_WINDOW (self), NULL);

  return self->ticker;
}

/* “loading”, “welcome”, “tokens”, “no-service”, “locked” or “error”. */
const char *
token_window_get_page_name (TokenWindow *self)
{
  g_return_val_if_fail (TOKEN_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* The cards, in the order shown. Free the list with g_list_free(). */
GList *
token_window_get_cards (TokenWindow *self)
{
  GList *cards = NULL;

  g_return_val_if_fail (TOKEN_IS_WINDOW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_last_child (GTK_WIDGET (self->token_box));
       child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    if (TOKEN_IS_CARD (child))
      cards = g_list_prepend (cards, child);

  return cards;
}
