/* token-add-dialog.c: add a token from its otpauth:// URI
 *
 * The link is checked as it is typed or pasted, with the core's own error
 * message; when it is good, a preview shows what will be added. Adding is
 * the window's business: the dialog only hands over the credential.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-add-dialog.h"
#include "token-secure.h"
#include "token-uri.h"

struct _TokenAddDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkWidget       *add_button;
  AdwEntryRow     *uri_row;
  GtkLabel        *error_label;
  GtkWidget       *preview_group;
  AdwActionRow    *id_row;
  AdwActionRow    *issuer_row;
  AdwActionRow    *kind_row;

  TokenCredential *credential;
};

G_DEFINE_FINAL_TYPE (TokenAddDialog, token_add_dialog, ADW_TYPE_WINDOW)

enum {
  ADD_CREDENTIAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_kind (TokenCredential *credential)
{
  guint digits = token_credential_get_digits (credential);

  if (token_credential_get_kind (credential) == TOKEN_KIND_HOTP)
    /* Translators: an HOTP token; %u is the number of digits */
    return g_strdup_printf (_("%u digits, a new code on request"), digits);

  /* Translators: a TOTP token; the first %u is the number of digits, the second seconds */
  return g_strdup_printf (_("%u digits, a new code every %u seconds"),
                          digits, token_credential_get_period (credential));
}

static void
show_preview (TokenAddDialog *self)
{
  TokenCredential *credential = self->credential;
  g_autofree char *display_id = token_credential_dup_display_id (credential);
  g_autofree char *kind = describe_kind (credential);
  const char *issuer = token_credential_get_issuer (credential);

  adw_action_row_set_subtitle (self->id_row, display_id);
  adw_action_row_set_subtitle (self->issuer_row, issuer != NULL ? issuer : "");
  gtk_widget_set_visible (GTK_WIDGET (self->issuer_row), issuer != NULL);
  adw_action_row_set_subtitle (self->kind_row, kind);
}

void
token_add_dialog_show_error (TokenAddDialog *self,
                             const char     *message)
{
  g_return_if_fail (TOKEN_IS_ADD_DIALOG (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->uri_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->uri_row), "error");
}

static void
on_uri_changed (TokenAddDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->uri_row));
  g_autoptr(TokenSecureString) trimmed = g_strstrip (g_strdup (text));

  g_clear_object (&self->credential);

  if (*trimmed != '\0')
    self->credential = token_uri_parse (trimmed, &error);
  if (self->credential != NULL)
    show_preview (self);

  token_add_dialog_show_error (self, error != NULL ? error->message : NULL);
  gtk_widget_set_visible (self->preview_group, self->credential != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.add", self->credential != NULL);
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TokenAddDialog *self = TOKEN_ADD_DIALOG (widget);

  if (self->credential != NULL)
    g_signal_emit (self, signals[ADD_CREDENTIAL], 0, self->credential);
}

static void
on_uri_activated (TokenAddDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.add", NULL);
}

static void
token_add_dialog_dispose (GObject *object)
{
  TokenAddDialog *self = (TokenAddDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TOKEN_TYPE_ADD_DIALOG);
  g_clear_object (&self->credential);

  G_OBJECT_CLASS (token_add_dialog_parent_class)->dispose (object);
}

static void
token_add_dialog_class_init (TokenAddDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = token_add_dialog_dispose;

  /**
   * TokenAddDialog::add-credential:
   * @credential: the token the link describes
   *
   * The user asked to add it. The dialog stays open until the caller
   * closes it, or shows why adding failed.
   */
  signals[ADD_CREDENTIAL] =
    g_signal_new ("add-credential",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TOKEN_TYPE_CREDENTIAL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/token-add-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenAddDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, TokenAddDialog, uri_row);
  gtk_widget_class_bind_template_child (widget_class, TokenAddDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TokenAddDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, TokenAddDialog, id_row);
  gtk_widget_class_bind_template_child (widget_class, TokenAddDialog, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, TokenAddDialog, kind_row);
  gtk_widget_class_bind_template_callback (widget_class, on_uri_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_uri_activated);

  gtk_widget_class_install_action (widget_class, "dialog.add", NULL, add_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
token_add_dialog_init (TokenAddDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->uri_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.add", FALSE);
}

TokenAddDialog *
token_add_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (TOKEN_TYPE_ADD_DIALOG,
                       "transient-for", parent,
                       NULL);
}

void
token_add_dialog_set_uri (TokenAddDialog *self,
                          const char     *uri)
{
  g_return_if_fail (TOKEN_IS_ADD_DIALOG (self));
  g_return_if_fail (uri != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->uri_row), uri);
}

/* The token the link describes, or NULL while it is not a good one. */
TokenCredential *
token_add_dialog_get_credential (TokenAddDialog *self)
{
  g_return_val_if_fail (TOKEN_IS_ADD_DIALOG (self), NULL);

  return self->credential;
}
