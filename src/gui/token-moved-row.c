/* token-moved-row.c: the record of a token moved to another device
 *
 * “Moved to another device on DATE”, with no seed behind it. Its Dismiss
 * button emits “dismiss” once; the window removes the record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-credential-id.h"
#include "token-moved-row.h"

struct _TokenMovedRow
{
  AdwActionRow  parent_instance;

  /* Template widgets */
  GtkWidget    *dismiss_button;

  TokenMove    *move;
};

G_DEFINE_FINAL_TYPE (TokenMovedRow, token_moved_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_MOVE,
  N_PROPS
};

enum {
  DISMISS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_dismiss_clicked (TokenMovedRow *self)
{
  gtk_widget_set_sensitive (self->dismiss_button, FALSE);
  g_signal_emit (self, signals[DISMISS], 0);
}

/* The name on the first line, the ID and what happened below. */
static void
token_moved_row_constructed (GObject *object)
{
  TokenMovedRow *self = TOKEN_MOVED_ROW (object);
  g_autofree char *display_id = token_credential_id_format (token_move_get_credential_id (self->move));
  g_autofree char *description = token_move_dup_description (self->move);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", display_id, description);
  const char *issuer = token_move_get_issuer (self->move);

  G_OBJECT_CLASS (token_moved_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), issuer != NULL ? issuer : display_id);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}

static void
token_moved_row_dispose (GObject *object)
{
  TokenMovedRow *self = TOKEN_MOVED_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TOKEN_TYPE_MOVED_ROW);
  g_clear_object (&self->move);

  G_OBJECT_CLASS (token_moved_row_parent_class)->dispose (object);
}

static void
token_moved_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TokenMovedRow *self = TOKEN_MOVED_ROW (object);

  switch (prop_id)
    {
    case PROP_MOVE:
      g_value_set_object (value, self->move);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_moved_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TokenMovedRow *self = TOKEN_MOVED_ROW (object);

  switch (prop_id)
    {
    case PROP_MOVE:
      self->move = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_moved_row_class_init (TokenMovedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = token_moved_row_constructed;
  object_class->dispose = token_moved_row_dispose;
  object_class->get_property = token_moved_row_get_property;
  object_class->set_property = token_moved_row_set_property;

  properties[PROP_MOVE] =
    g_param_spec_object ("move", NULL, NULL,
                         TOKEN_TYPE_MOVE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DISMISS] =
    g_signal_new ("dismiss",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/token-moved-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenMovedRow, dismiss_button);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_clicked);
}

static void
token_moved_row_init (TokenMovedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
token_moved_row_new (TokenMove *move)
{
  g_return_val_if_fail (TOKEN_IS_MOVE (move), NULL);

  return g_object_new (TOKEN_TYPE_MOVED_ROW, "move", move, NULL);
}

TokenMove *
token_moved_row_get_move (TokenMovedRow *self)
{
  g_return_val_if_fail (TOKEN_IS_MOVED_ROW (self), NULL);

  return self->move;
}
