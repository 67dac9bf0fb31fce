/* token-qr-dialog.c: a token as a QR code, behind a warning
 *
 * First a page that says what showing the code means; the code only after
 * the user asks for it, and the otpauth:// link under it only after a
 * second, explicit Reveal. For a move to a phone the dialog then offers to
 * remove the token here; removing is the window's business: the dialog
 * only says the user asked for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-qr-code.h"
#include "token-qr-dialog.h"
#include "token-secure.h"
#include "token-uri.h"
#include "token-vip-check.h"

struct _TokenQrDialog
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  TokenQrCode       *qr_code;
  GtkLabel          *id_label;
  GtkStack          *uri_stack;
  GtkLabel          *uri_label;
  GtkWidget         *vip_warning_label;

  TokenCredential   *credential;
  TokenClipboard    *clipboard;
  char              *uri;
};

G_DEFINE_FINAL_TYPE (TokenQrDialog, token_qr_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CREDENTIAL,
  PROP_CLIPBOARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (TokenQrDialog *self,
            const char    *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
show_code_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TokenQrDialog *self = TOKEN_QR_DIALOG (widget);
  g_autofree char *display_id = token_credential_dup_display_id (self->credential);
  g_autoptr(GError) error = NULL;

  if (!token_qr_code_set_text (self->qr_code, self->uri, &error))
    {
      show_toast (self, error->message);
      return;
    }

  gtk_label_set_label (self->id_label, display_id);
  gtk_stack_set_visible_child_name (self->stack, "code");
}

static void
reveal_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TokenQrDialog *self = TOKEN_QR_DIALOG (widget);

  gtk_label_set_label (self->uri_label, self->uri);
  gtk_stack_set_visible_child_name (self->uri_stack, "shown");
  gtk_widget_action_set_enabled (widget, "dialog.copy-uri", TRUE);
}

static void
copy_uri_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TokenQrDialog *self = TOKEN_QR_DIALOG (widget);

  if (self->clipboard == NULL)
    return;

  token_clipboard_copy_secret (self->clipboard, self->uri);
  show_toast (self, _("Link copied"));
}

static void
moved_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[MOVED], 0);
}

static void
token_qr_dialog_constructed (GObject *object)
{
  TokenQrDialog *self = (TokenQrDialog *) object;

  G_OBJECT_CLASS (token_qr_dialog_parent_class)->constructed (object);

  g_assert (self->credential != NULL);
  self->uri = token_uri_format (self->credential);
  gtk_widget_set_visible (self->vip_warning_label,
                          token_vip_credential_is_vip (self->credential));
}

static void
token_qr_dialog_dispose (GObject *object)
{
  TokenQrDialog *self = (TokenQrDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TOKEN_TYPE_QR_DIALOG);
  g_clear_object (&self->credential);
  g_clear_object (&self->clipboard);
  g_clear_pointer (&self->uri, token_secure_string_free);

  G_OBJECT_CLASS (token_qr_dialog_parent_class)->dispose (object);
}

static void
token_qr_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TokenQrDialog *self = TOKEN_QR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CREDENTIAL:
      g_value_set_object (value, self->credential);
      break;
    case PROP_CLIPBOARD:
      g_value_set_object (value, self->clipboard);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_qr_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TokenQrDialog *self = TOKEN_QR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CREDENTIAL:
      self->credential = g_value_dup_object (value);
      break;
    case PROP_CLIPBOARD:
      self->clipboard = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_qr_dialog_class_init (TokenQrDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = token_qr_dialog_constructed;
  object_class->dispose = token_qr_dialog_dispose;
  object_class->get_property = token_qr_dialog_get_property;
  object_class->set_property = token_qr_dialog_set_property;

  properties[PROP_CREDENTIAL] =
    g_param_spec_object ("credential", NULL, NULL,
                         TOKEN_TYPE_CREDENTIAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIPBOARD] =
    g_param_spec_object ("clipboard", NULL, NULL,
                         TOKEN_TYPE_CLIPBOARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TokenQrDialog::moved:
   *
   * The user says the token is now on their phone and asks to remove it
   * here. The dialog does nothing else; the caller confirms and removes.
   */
  signals[MOVED] = g_signal_new ("moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TOKEN_TYPE_QR_CODE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/token-qr-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenQrDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TokenQrDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TokenQrDialog, qr_code);
  gtk_widget_class_bind_template_child (widget_class, TokenQrDialog, id_label);
  gtk_widget_class_bind_template_child (widget_class, TokenQrDialog, uri_stack);
  gtk_widget_class_bind_template_child (widget_class, TokenQrDialog, uri_label);
  gtk_widget_class_bind_template_child (widget_class, TokenQrDialog, vip_warning_label);

  gtk_widget_class_install_action (widget_class, "dialog.show-code", NULL, show_code_activated);
  gtk_widget_class_install_action (widget_class, "dialog.reveal", NULL, reveal_activated);
  gtk_widget_class_install_action (widget_class, "dialog.copy-uri", NULL, copy_uri_activated);
  gtk_widget_class_install_action (widget_class, "dialog.moved", NULL, moved_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
token_qr_dialog_init (TokenQrDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.copy-uri", FALSE);
}

TokenQrDialog *
token_qr_dialog_new (GtkWindow       *parent,
                     TokenCredential *credential,
                     TokenClipboard  *clipboard)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (credential), NULL);
  g_return_val_if_fail (clipboard == NULL || TOKEN_IS_CLIPBOARD (clipboard), NULL);

  return g_object_new (TOKEN_TYPE_QR_DIALOG,
                       "transient-for", parent,
                       "credential", credential,
                       "clipboard", clipboard,
                       NULL);
}

TokenCredential *
token_qr_dialog_get_credential (TokenQrDialog *self)
{
  g_return_val_if_fail (TOKEN_IS_QR_DIALOG (self), NULL);

  return self->credential;
}

/* “warning” until the user asks to see the code, then “code”. */
const char *
token_qr_dialog_get_page_name (TokenQrDialog *self)
{
  g_return_val_if_fail (TOKEN_IS_QR_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* Whether the otpauth:// link is shown as text. */
gboolean
token_qr_dialog_get_revealed (TokenQrDialog *self)
{
  g_return_val_if_fail (TOKEN_IS_QR_DIALOG (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->uri_stack), "shown") == 0;
}
