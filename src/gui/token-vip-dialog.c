/* token-vip-dialog.c: get a VIP Access credential
 *
 * Says first what will happen; nothing is sent before Continue.
 * Then the request, with Cancel; then the new Credential ID and what to do
 * with it at the bank, or why it failed. Storing the credential is the
 * window's business: the dialog hands it over with ::credential-ready.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-vip-client.h"
#include "token-vip-dialog.h"

struct _TokenVipDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkCheckButton *desktop_check;
  AdwStatusPage  *error_page;
  GtkLabel       *id_label;
  GtkWidget      *done_button;

  TokenVipClient *client;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (TokenVipDialog, token_vip_dialog, ADW_TYPE_WINDOW)

enum {
  CREDENTIAL_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "intro", "progress", "error" or "done". */
const char *
token_vip_dialog_get_page_name (TokenVipDialog *self)
{
  g_return_val_if_fail (TOKEN_IS_VIP_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
token_vip_dialog_show_error (TokenVipDialog *self,
                             const char     *message)
{
  g_return_if_fail (TOKEN_IS_VIP_DIALOG (self));

  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

void
token_vip_dialog_show_done (TokenVipDialog  *self,
                            TokenCredential *credential)
{
  g_autofree char *display_id = NULL;

  g_return_if_fail (TOKEN_IS_VIP_DIALOG (self));
  g_return_if_fail (TOKEN_IS_CREDENTIAL (credential));

  display_id = token_credential_dup_display_id (credential);
  gtk_label_set_label (self->id_label, display_id);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_grab_focus (self->done_button);
}

static void
provision_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TokenVipDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenCredential) credential = NULL;

  credential = token_vip_client_provision_finish (TOKEN_VIP_CLIENT (source), result, NULL, &error);
  g_clear_object (&self->cancellable);
  if (credential == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_stack_set_visible_child_name (self->stack, "intro");
      else
        token_vip_dialog_show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[CREDENTIAL_READY], 0, credential);
}

static void
continue_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TokenVipDialog *self = TOKEN_VIP_DIALOG (widget);
  const char *model = gtk_check_button_get_active (self->desktop_check) ? "SYDC" : "SYMC";

  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "progress");
  token_vip_client_provision_async (self->client, model, self->cancellable,
                                    provision_done, g_object_ref (self));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TokenVipDialog *self = TOKEN_VIP_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
retry_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_stack_set_visible_child_name (TOKEN_VIP_DIALOG (widget)->stack, "intro");
}

static gboolean
token_vip_dialog_close_request (GtkWindow *window)
{
  TokenVipDialog *self = TOKEN_VIP_DIALOG (window);

  /* Closing stops the request: nothing arrives after the dialog is gone. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (token_vip_dialog_parent_class)->close_request (window);
}

static void
token_vip_dialog_dispose (GObject *object)
{
  TokenVipDialog *self = TOKEN_VIP_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOKEN_TYPE_VIP_DIALOG);
  G_OBJECT_CLASS (token_vip_dialog_parent_class)->dispose (object);
}

static void
token_vip_dialog_class_init (TokenVipDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = token_vip_dialog_dispose;
  window_class->close_request = token_vip_dialog_close_request;

  /**
   * TokenVipDialog::credential-ready:
   * @credential: the credential VIP Access issued
   *
   * Store it, then call token_vip_dialog_show_done() or
   * token_vip_dialog_show_error().
   */
  signals[CREDENTIAL_READY] =
    g_signal_new ("credential-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TOKEN_TYPE_CREDENTIAL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/token-vip-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenVipDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TokenVipDialog, desktop_check);
  gtk_widget_class_bind_template_child (widget_class, TokenVipDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TokenVipDialog, id_label);
  gtk_widget_class_bind_template_child (widget_class, TokenVipDialog, done_button);

  gtk_widget_class_install_action (widget_class, "vip.continue", NULL, continue_activated);
  gtk_widget_class_install_action (widget_class, "vip.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "vip.retry", NULL, retry_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
token_vip_dialog_init (TokenVipDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->client = token_vip_client_new ();
}

TokenVipDialog *
token_vip_dialog_new (GtkWindow *parent)
{
  return g_object_new (TOKEN_TYPE_VIP_DIALOG, "transient-for", parent, NULL);
}
