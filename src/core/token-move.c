/* token-move.c
 *
 * What the keyring says about a move, without any secret: the store makes
 * these from its PendingMove and MovedRecord items (see token-store.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "token-enums.h"
#include "token-move.h"

struct _TokenMove
{
  GObject         parent_instance;

  TokenMoveState  state;
  char           *credential_id;
  char           *internal_id;
  char           *transfer_id;
  gint64          date;
  char           *issuer;
  char           *label;
};

G_DEFINE_FINAL_TYPE (TokenMove, token_move, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_CREDENTIAL_ID,
  PROP_TRANSFER_ID,
  PROP_DATE,
  PROP_ISSUER,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
token_move_finalize (GObject *object)
{
  TokenMove *self = (TokenMove *) object;

  g_free (self->credential_id);
  g_free (self->internal_id);
  g_free (self->transfer_id);
  g_free (self->issuer);
  g_free (self->label);

  G_OBJECT_CLASS (token_move_parent_class)->finalize (object);
}

static void
token_move_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TokenMove *self = TOKEN_MOVE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_CREDENTIAL_ID:
      g_value_set_string (value, self->credential_id);
      break;
    case PROP_TRANSFER_ID:
      g_value_set_string (value, self->transfer_id);
      break;
    case PROP_DATE:
      g_value_set_int64 (value, self->date);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_move_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TokenMove *self = TOKEN_MOVE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      self->state = g_value_get_enum (value);
      break;
    case PROP_CREDENTIAL_ID:
      self->credential_id = g_value_dup_string (value);
      break;
    case PROP_TRANSFER_ID:
      self->transfer_id = g_value_dup_string (value);
      break;
    case PROP_DATE:
      self->date = g_value_get_int64 (value);
      break;
    case PROP_ISSUER:
      token_move_set_issuer (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      token_move_set_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_move_class_init (TokenMoveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = token_move_finalize;
  object_class->get_property = token_move_get_property;
  object_class->set_property = token_move_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TOKEN_TYPE_MOVE_STATE, TOKEN_MOVE_PENDING,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREDENTIAL_ID] =
    g_param_spec_string ("credential-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRANSFER_ID] =
    g_param_spec_string ("transfer-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_int64 ("date", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
token_move_init (TokenMove *self)
{
}

TokenMove *
token_move_new (TokenMoveState  state,
                const char     *credential_id,
                const char     *transfer_id,
                gint64          date)
{
  g_return_val_if_fail (credential_id != NULL, NULL);
  g_return_val_if_fail (transfer_id != NULL, NULL);

  return g_object_new (TOKEN_TYPE_MOVE,
                       "state", state,
                       "credential-id", credential_id,
                       "transfer-id", transfer_id,
                       "date", MAX (date, 0),
                       NULL);
}

TokenMoveState
token_move_get_state (TokenMove *self)
{
  g_return_val_if_fail (TOKEN_IS_MOVE (self), TOKEN_MOVE_PENDING);

  return self->state;
}

const char *
token_move_get_credential_id (TokenMove *self)
{
  g_return_val_if_fail (TOKEN_IS_MOVE (self), NULL);

  return self->credential_id;
}

/* The internal ID of the token moved; %NULL for a record made before
 * tokens had one, which knows the token by its Credential ID only. */
const char *
token_move_get_internal_id (TokenMove *self)
{
  g_return_val_if_fail (TOKEN_IS_MOVE (self), NULL);

  return self->internal_id;
}

void
token_move_set_internal_id (TokenMove  *self,
                            const char *internal_id)
{
  g_return_if_fail (TOKEN_IS_MOVE (self));

  g_free (self->internal_id);
  self->internal_id = g_strdup (internal_id);
}

const char *
token_move_get_transfer_id (TokenMove *self)
{
  g_return_val_if_fail (TOKEN_IS_MOVE (self), NULL);

  return self->transfer_id;
}

gint64
token_move_get_date (TokenMove *self)
{
  g_return_val_if_fail (TOKEN_IS_MOVE (self), 0);

  return self->date;
}

const char *
token_move_get_issuer (TokenMove *self)
{
  g_return_val_if_fail (TOKEN_IS_MOVE (self), NULL);

  return self->issuer;
}

void
token_move_set_issuer (TokenMove  *self,
                       const char *issuer)
{
  g_return_if_fail (TOKEN_IS_MOVE (self));

  if (g_strcmp0 (self->issuer, issuer) == 0)
    return;

  g_free (self->issuer);
  self->issuer = (issuer != NULL && *issuer != '\0') ? g_strdup (issuer) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ISSUER]);
}

const char *
token_move_get_label (TokenMove *self)
{
  g_return_val_if_fail (TOKEN_IS_MOVE (self), NULL);

  return self->label;
}

void
token_move_set_label (TokenMove  *self,
                      const char *label)
{
  g_return_if_fail (TOKEN_IS_MOVE (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;

  g_free (self->label);
  self->label = (label != NULL && *label != '\0') ? g_strdup (label) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

char *
token_move_dup_description (TokenMove *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (TOKEN_IS_MOVE (self), NULL);

  date = g_date_time_new_from_unix_local (self->date);
  /* Translators: a date as in “Moved to another device on 25 November
   * 2026”; see the strftime() manual page. */
  day = g_date_time_format (date, _("%-d %B %Y"));

  if (self->state == TOKEN_MOVE_DONE)
    return g_strdup_printf (_("Moved to another device on %s"), day);

  return g_strdup_printf (_("Move to another device pending since %s"), day);
}
