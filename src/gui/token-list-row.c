/* token-list-row.c: one token in the compact list
 *
 * The issuer (or label) in bold, the account or Credential ID dimmed, the
 * code grouped in tabular digits and the seconds left; in the last
 * seconds the next code beside it when the setting asks for it. A list
 * item factory binds one row to one credential after another, so the row
 * keeps only the view state of the credential it shows now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-list-row.h"

struct _TokenListRow
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkLabel        *code_label;
  GtkLabel        *next_code_label;
  GtkLabel        *countdown_label;

  TokenCredential *credential;
  TokenViewState   state;
};

G_DEFINE_FINAL_TYPE (TokenListRow, token_list_row, GTK_TYPE_WIDGET)

static const char *
row_title (TokenCredential *credential)
{
  const char *issuer = token_credential_get_issuer (credential);
  const char *label = token_credential_get_label (credential);

  if (issuer != NULL && *issuer != '\0')
    return issuer;
  if (label != NULL && *label != '\0')
    return label;
  return token_credential_get_credential_id (credential);
}

/* The account when the title is the issuer, else the Credential ID. */
static char *
dup_row_subtitle (TokenCredential *credential)
{
  const char *issuer = token_credential_get_issuer (credential);
  const char *label = token_credential_get_label (credential);

  if (issuer != NULL && *issuer != '\0' && label != NULL && *label != '\0')
    return g_strdup (label);
  return token_credential_dup_display_id (credential);
}

/* Read out as “GitHub, alice@example.com, security code 1 2 3, 4 5 6,
 * 12 seconds left”. */
static void
update_accessible_label (TokenListRow *self,
                         const char   *subtitle)
{
  g_autofree char *spoken = NULL;
  g_autofree char *code_part = NULL;
  g_autofree char *label = NULL;

  if (self->state.code[0] == '\0')
    code_part = g_strdup (_("No security code yet"));
  else if (self->state.kind == TOKEN_KIND_HOTP)
    {
      spoken = token_view_dup_spoken_code (self->state.code);
      /* Translators: %s is a code read out digit by digit */
      code_part = g_strdup_printf (_("Security code %s"), spoken);
    }
  else
    {
      spoken = token_view_dup_spoken_code (self->state.code);
      /* Translators: %s is a code read out digit by digit, %u the seconds it stays valid */
      code_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Security code %s, %u second left",
                                                "Security code %s, %u seconds left",
                                                self->state.seconds_left),
                                   spoken, self->state.seconds_left);
    }

  /* Translators: a token's name, its account or Credential ID, then its code */
  label = g_strdup_printf (_("%s, %s, %s"), row_title (self->credential), subtitle, code_part);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
show_state (TokenListRow *self)
{
  g_autofree char *subtitle = dup_row_subtitle (self->credential);
  g_autofree char *seconds = NULL;
  gboolean counts_down = self->state.kind != TOKEN_KIND_HOTP && self->state.code[0] != '\0';

  gtk_label_set_label (self->title_label, row_title (self->credential));
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->code_label, self->state.code[0] != '\0' ? self->state.code : "––– –––");
  gtk_label_set_label (self->next_code_label, self->state.next_code);
  gtk_widget_set_visible (GTK_WIDGET (self->next_code_label), self->state.next_code[0] != '\0');

  if (counts_down)
    seconds = g_strdup_printf ("%u", self->state.seconds_left);
  gtk_label_set_label (self->countdown_label, seconds != NULL ? seconds : "");
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), counts_down);

  if (self->state.urgent)
    gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "error");

  update_accessible_label (self, subtitle);
}

static void
token_list_row_dispose (GObject *object)
{
  TokenListRow *self = TOKEN_LIST_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TOKEN_TYPE_LIST_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->credential);
  token_view_state_clear (&self->state);

  G_OBJECT_CLASS (token_list_row_parent_class)->dispose (object);
}

static void
token_list_row_class_init (TokenListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = token_list_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/token-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenListRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TokenListRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TokenListRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, TokenListRow, next_code_label);
  gtk_widget_class_bind_template_child (widget_class, TokenListRow, countdown_label);
}

static void
token_list_row_init (TokenListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
token_list_row_new (void)
{
  return g_object_new (TOKEN_TYPE_LIST_ROW, NULL);
}

/* Shows @credential from now on; its code appears at the next update. */
void
token_list_row_set_credential (TokenListRow    *self,
                               TokenCredential *credential)
{
  g_return_if_fail (TOKEN_IS_LIST_ROW (self));
  g_return_if_fail (credential == NULL || TOKEN_IS_CREDENTIAL (credential));

  if (!g_set_object (&self->credential, credential))
    return;
  token_view_state_clear (&self->state);
}

TokenCredential *
token_list_row_get_credential (TokenListRow *self)
{
  g_return_val_if_fail (TOKEN_IS_LIST_ROW (self), NULL);

  return self->credential;
}

/* The code is computed again only when its step changed since the last
 * update: a tick within the same step only moves the countdown. */
void
token_list_row_update (TokenListRow            *self,
                       gint64                   unix_time,
                       const TokenViewSettings *settings)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TOKEN_IS_LIST_ROW (self));
  g_return_if_fail (settings != NULL);

  if (self->credential == NULL)
    return;

  if (!token_view_state_compute (self->credential, unix_time, settings,
                                 &self->state, &self->state, &error))
    g_warning ("No code for %s: %s",
               token_credential_get_credential_id (self->credential), error->message);
  show_state (self);
}

const TokenViewState *
token_list_row_get_view_state (TokenListRow *self)
{
  g_return_val_if_fail (TOKEN_IS_LIST_ROW (self), NULL);

  return &self->state;
}

/* The digits of the current code, without the group spaces; NULL when
 * there is none. Free with token_secure_string_free(). */
TokenSecureString *
token_list_row_dup_code (TokenListRow *self)
{
  GString *code;

  g_return_val_if_fail (TOKEN_IS_LIST_ROW (self), NULL);

  if (self->state.code[0] == '\0')
    return NULL;

  code = g_string_new (NULL);
  for (const char *c = self->state.code; *c != '\0'; c++)
    if (g_ascii_isdigit (*c))
      g_string_append_c (code, *c);

  return g_string_free (code, FALSE);
}
