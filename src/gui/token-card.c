/* token-card.c: one token: its name, Credential ID, code and countdown
 *
 * The card does not compute anything itself: at each tick the window hands
 * it the time, token_view_state_compute() says what to show, and the card
 * copies that into its widgets. What the user asks for (copy, remove, the
 * next HOTP code) goes out as signals to the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "token-card.h"
#include "token-vip-check.h"
#include "token-countdown.h"
#include "token-secure.h"

struct _TokenCard
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkWidget       *frame;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkWidget       *id_heading;
  GtkWidget       *id_row;
  GtkLabel        *id_label;
  GtkWidget       *code_heading;
  GtkWidget       *code_row;
  GtkWidget       *code_button;
  GtkLabel        *code_label;
  GtkStack        *progress_stack;
  TokenCountdown  *countdown;
  GtkRevealer     *next_code_revealer;
  GtkLabel        *next_code_label;
  GtkRevealer     *move_revealer;
  GtkLabel        *move_label;

  TokenCredential *credential;
  TokenMove       *move;
  TokenViewState   state;
  gboolean         standalone;
};

G_DEFINE_FINAL_TYPE (TokenCard, token_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CREDENTIAL,
  PROP_STANDALONE,
  PROP_MOVE,
  N_PROPS
};

/* Each of the card's actions (“card.copy-code” …) is a signal of the same
 * name, which the window answers. */
static const char * const action_signals[] = {
  "copy-code", "copy-id", "remove", "next-code", "confirm-move", "show-qr",
  "check-vip",
};
#define N_SIGNALS G_N_ELEMENTS (action_signals)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Six dashes in the code's grouping: an HOTP token before its first code,
 * or a code that could not be made. */
static void
show_no_code (TokenCard *self)
{
  guint digits = token_credential_get_digits (self->credential);
  char dashes[TOKEN_MAX_DIGITS + 1];
  char grouped[TOKEN_VIEW_CODE_SIZE];

  memset (dashes, '-', digits);
  dashes[digits] = '\0';
  token_view_group_code (dashes, grouped);
  gtk_label_set_label (self->code_label, grouped);
  gtk_widget_set_sensitive (self->code_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.copy-code", FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("No security code yet"),
                                  -1);
}

static void
show_state (TokenCard *self)
{
  g_autofree char *spoken = NULL;
  g_autofree char *label = NULL;

  if (self->state.code[0] == '\0')
    show_no_code (self);
  else if (g_strcmp0 (gtk_label_get_label (self->code_label), self->state.code) != 0)
    {
      gtk_label_set_label (self->code_label, self->state.code);
      gtk_widget_set_sensitive (self->code_button, TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.copy-code", TRUE);

      /* Read out in its groups, “1 2 3, 4 5 6”, not as one number. */
      spoken = token_view_dup_spoken_code (self->state.code);
      /* Translators: %s is the code, read digit by digit */
      label = g_strdup_printf (_("Security code %s. Activate to copy."), spoken);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->code_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }

  if (self->state.kind == TOKEN_KIND_TOTP)
    token_countdown_set (self->countdown, self->state.seconds_left,
                         self->state.period, self->state.urgent);

  if (self->state.next_code[0] != '\0')
    gtk_label_set_label (self->next_code_label, self->state.next_code);
  gtk_revealer_set_reveal_child (self->next_code_revealer, self->state.next_code[0] != '\0');
}

static void
show_credential (TokenCard *self)
{
  TokenCredential *credential = self->credential;
  g_autofree char *display_id = token_credential_dup_display_id (credential);
  const char *title = token_credential_get_title (credential);
  const char *issuer = token_credential_get_issuer (credential);
  const char *label = token_credential_get_label (credential);
  gboolean hotp = token_credential_get_kind (credential) == TOKEN_KIND_HOTP;

  gtk_label_set_label (self->title_label, title);
  /* The account under the issuer, unless it would repeat the title or the
   * Credential ID just below. */
  if (issuer != NULL && label != NULL
      && g_strcmp0 (label, token_credential_get_credential_id (credential)) != 0)
    gtk_label_set_label (self->subtitle_label, label);
  else if (token_credential_get_expiry (credential) > 0)
    {
      g_autoptr(GDateTime) expiry = g_date_time_new_from_unix_local (token_credential_get_expiry (credential));
      g_autofree char *date = g_date_time_format (expiry, "%x");
      /* Translators: %s is a date; the issuer (VIP Access) gave it */
      g_autofree char *valid = g_strdup_printf (_("Valid until %s"), date);

      gtk_label_set_label (self->subtitle_label, valid);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                          gtk_label_get_label (self->subtitle_label)[0] != '\0');

  gtk_label_set_label (self->id_label, display_id);
  /* Our IDs fit on one line; a long account name from elsewhere wraps. */
  gtk_label_set_wrap (self->id_label, g_utf8_strlen (display_id, -1) > 24);
  gtk_stack_set_visible_child_name (self->progress_stack, hotp ? "counter" : "countdown");
  show_no_code (self);
}

/* In a list, a card reads from the left; alone, the token is centred in
 * the window like a hardware token's face. */
static void
apply_layout (TokenCard *self)
{
  gboolean centred = self->standalone;
  float xalign = centred ? 0.5f : 0.0f;
  GtkAlign row_align = centred ? GTK_ALIGN_CENTER : GTK_ALIGN_FILL;

  gtk_label_set_xalign (self->title_label, xalign);
  gtk_label_set_xalign (self->subtitle_label, xalign);
  gtk_label_set_xalign (GTK_LABEL (self->id_heading), xalign);
  gtk_label_set_xalign (GTK_LABEL (self->code_heading), xalign);
  gtk_widget_set_halign (self->id_row, row_align);
  gtk_widget_set_halign (self->code_row, row_align);
  gtk_widget_set_hexpand (GTK_WIDGET (self->id_label), !centred);
  gtk_widget_set_hexpand (self->code_button, !centred);
  gtk_widget_set_halign (GTK_WIDGET (self->next_code_revealer), centred ? GTK_ALIGN_CENTER : GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self), centred ? GTK_ALIGN_CENTER : GTK_ALIGN_START);
  gtk_widget_set_vexpand (GTK_WIDGET (self), centred);

  if (centred)
    {
      gtk_widget_remove_css_class (self->frame, "card");
      gtk_widget_add_css_class (GTK_WIDGET (self), "standalone");
    }
  else
    {
      gtk_widget_add_css_class (self->frame, "card");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "standalone");
    }
}

static void
action_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *name = action_name + strlen ("card.");

  for (guint i = 0; i < N_SIGNALS; i++)
    if (g_str_equal (action_signals[i], name))
      g_signal_emit (widget, signals[i], 0);
}

static void
token_card_constructed (GObject *object)
{
  TokenCard *self = (TokenCard *) object;

  G_OBJECT_CLASS (token_card_parent_class)->constructed (object);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.check-vip",
                                 token_vip_credential_is_vip (self->credential));

  show_credential (self);
}

static void
token_card_dispose (GObject *object)
{
  TokenCard *self = (TokenCard *) object;

  /* AdwBin unparents the template's root itself. */
  g_clear_object (&self->credential);
  g_clear_object (&self->move);
  token_view_state_clear (&self->state);

  G_OBJECT_CLASS (token_card_parent_class)->dispose (object);
}

static void
token_card_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TokenCard *self = TOKEN_CARD (object);

  switch (prop_id)
    {
    case PROP_CREDENTIAL:
      g_value_set_object (value, self->credential);
      break;
    case PROP_STANDALONE:
      g_value_set_boolean (value, self->standalone);
      break;
    case PROP_MOVE:
      g_value_set_object (value, self->move);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_card_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TokenCard *self = TOKEN_CARD (object);

  switch (prop_id)
    {
    case PROP_CREDENTIAL:
      self->credential = g_value_dup_object (value);
      break;
    case PROP_STANDALONE:
      token_card_set_standalone (self, g_value_get_boolean (value));
      break;
    case PROP_MOVE:
      token_card_set_move (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_card_class_init (TokenCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = token_card_constructed;
  object_class->dispose = token_card_dispose;
  object_class->get_property = token_card_get_property;
  object_class->set_property = token_card_set_property;

  properties[PROP_CREDENTIAL] =
    g_param_spec_object ("credential", NULL, NULL,
                         TOKEN_TYPE_CREDENTIAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STANDALONE] =
    g_param_spec_boolean ("standalone", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The pending move of this token, if any: the card says so and offers
   * the confirmation code from its menu. */
  properties[PROP_MOVE] =
    g_param_spec_object ("move", NULL, NULL,
                         TOKEN_TYPE_MOVE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  for (guint i = 0; i < N_SIGNALS; i++)
    {
      g_autofree char *action_name = g_strconcat ("card.", action_signals[i], NULL);

      signals[i] = g_signal_new (action_signals[i], G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
      gtk_widget_class_install_action (widget_class, action_name, NULL, action_activated);
    }

  g_type_ensure (TOKEN_TYPE_COUNTDOWN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/token-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenCard, frame);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, id_heading);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, id_row);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, id_label);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, code_heading);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, code_row);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, code_button);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, code_label);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, progress_stack);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, countdown);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, next_code_revealer);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, next_code_label);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, move_revealer);
  gtk_widget_class_bind_template_child (widget_class, TokenCard, move_label);


  gtk_widget_class_set_css_name (widget_class, "tokencard");
}

static void
token_card_init (TokenCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.confirm-move", FALSE);
  apply_layout (self);
}

GtkWidget *
token_card_new (TokenCredential *credential)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (credential), NULL);

  return g_object_new (TOKEN_TYPE_CARD,
                       "credential", credential,
                       NULL);
}

TokenCredential *
token_card_get_credential (TokenCard *self)
{
  g_return_val_if_fail (TOKEN_IS_CARD (self), NULL);

  return self->credential;
}

gboolean
token_card_get_standalone (TokenCard *self)
{
  g_return_val_if_fail (TOKEN_IS_CARD (self), FALSE);

  return self->standalone;
}

/* The only token fills the window, without a card's frame around it. */
void
token_card_set_standalone (TokenCard *self,
                           gboolean   standalone)
{
  g_return_if_fail (TOKEN_IS_CARD (self));

  standalone = !!standalone;
  if (self->standalone == standalone)
    return;

  self->standalone = standalone;
  apply_layout (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STANDALONE]);
}

void
token_card_update (TokenCard               *self,
                   gint64                   unix_time,
                   const TokenViewSettings *settings)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TOKEN_IS_CARD (self));
  g_return_if_fail (settings != NULL);

  if (!token_view_state_compute (self->credential, unix_time, settings,
                                 &self->state, &self->state, &error))
    g_warning ("No code for %s: %s",
               token_credential_get_credential_id (self->credential), error->message);

  show_state (self);
}

/* An HOTP code, made by the store after it advanced the counter. */
void
token_card_show_hotp_code (TokenCard  *self,
                           guint64     counter,
                           const char *code)
{
  g_return_if_fail (TOKEN_IS_CARD (self));
  g_return_if_fail (code != NULL);

  self->state.kind = TOKEN_KIND_HOTP;
  self->state.digits = token_credential_get_digits (self->credential);
  self->state.step = counter;
  token_view_group_code (code, self->state.code);
  show_state (self);
}

const TokenViewState *
token_card_get_view_state (TokenCard *self)
{
  g_return_val_if_fail (TOKEN_IS_CARD (self), NULL);

  return &self->state;
}

/* The code as it is typed: digits only. NULL when there is none. */
char *
token_card_dup_code (TokenCard *self)
{
  GString *code;

  g_return_val_if_fail (TOKEN_IS_CARD (self), NULL);

  if (self->state.code[0] == '\0')
    return NULL;

  code = g_string_new (NULL);
  for (const char *c = self->state.code; *c != '\0'; c++)
    if (g_ascii_isdigit (*c))
      g_string_append_c (code, *c);

  return g_string_free (code, FALSE);
}

TokenMove *
token_card_get_move (TokenCard *self)
{
  g_return_val_if_fail (TOKEN_IS_CARD (self), NULL);

  return self->move;
}

/* Only a pending move shows on a card: a token moved away has no card. */
void
token_card_set_move (TokenCard *self,
                     TokenMove *move)
{
  gboolean pending;

  g_return_if_fail (TOKEN_IS_CARD (self));
  g_return_if_fail (move == NULL || TOKEN_IS_MOVE (move));

  if (!g_set_object (&self->move, move))
    return;

  pending = move != NULL && token_move_get_state (move) == TOKEN_MOVE_PENDING;
  if (pending)
    {
      g_autofree char *description = token_move_dup_description (move);

      gtk_label_set_label (self->move_label, description);
    }
  gtk_revealer_set_reveal_child (self->move_revealer, pending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.confirm-move", pending);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOVE]);
}
