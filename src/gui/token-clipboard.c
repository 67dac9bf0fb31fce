/* token-clipboard.c: copies codes, marked secret, and takes them back
 *
 * A code is offered as text and with the password-manager hint, so that
 * clipboard histories leave it out. After the delay, and when the app
 * quits, the clipboard is emptied, but only while it still holds our code:
 * whatever the user copied since is left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-clipboard.h"

#define DEFAULT_CLEAR_DELAY_MS (20 * 1000)

struct _TokenClipboard
{
  GObject             parent_instance;

  GdkClipboard       *clipboard;
  GdkContentProvider *secret_content;
  guint               clear_delay_ms;
  guint               clear_timeout_id;
};

G_DEFINE_FINAL_TYPE (TokenClipboard, token_clipboard, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIPBOARD,
  PROP_CLEAR_DELAY_MS,
  N_PROPS
};

enum {
  CLEARED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GdkContentProvider *
secret_content_new (const char *text)
{
  g_autoptr(GBytes) hint = g_bytes_new_static (TOKEN_CLIPBOARD_SECRET_HINT_VALUE,
                                               sizeof TOKEN_CLIPBOARD_SECRET_HINT_VALUE - 1);
  GdkContentProvider *providers[2];

  providers[0] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  providers[1] = gdk_content_provider_new_for_bytes (TOKEN_CLIPBOARD_SECRET_HINT_MIME, hint);

  return gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
}

static gboolean
on_clear_timeout (gpointer user_data)
{
  TokenClipboard *self = user_data;

  self->clear_timeout_id = 0;
  token_clipboard_clear_secret (self);

  return G_SOURCE_REMOVE;
}

static void
token_clipboard_dispose (GObject *object)
{
  TokenClipboard *self = (TokenClipboard *) object;

  g_clear_handle_id (&self->clear_timeout_id, g_source_remove);
  g_clear_object (&self->secret_content);
  g_clear_object (&self->clipboard);

  G_OBJECT_CLASS (token_clipboard_parent_class)->dispose (object);
}

static void
token_clipboard_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TokenClipboard *self = TOKEN_CLIPBOARD (object);

  switch (prop_id)
    {
    case PROP_CLIPBOARD:
      g_value_set_object (value, self->clipboard);
      break;
    case PROP_CLEAR_DELAY_MS:
      g_value_set_uint (value, self->clear_delay_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_clipboard_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TokenClipboard *self = TOKEN_CLIPBOARD (object);

  switch (prop_id)
    {
    case PROP_CLIPBOARD:
      self->clipboard = g_value_dup_object (value);
      break;
    case PROP_CLEAR_DELAY_MS:
      token_clipboard_set_clear_delay_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_clipboard_class_init (TokenClipboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = token_clipboard_dispose;
  object_class->get_property = token_clipboard_get_property;
  object_class->set_property = token_clipboard_set_property;

  properties[PROP_CLIPBOARD] =
    g_param_spec_object ("clipboard", NULL, NULL,
                         GDK_TYPE_CLIPBOARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLEAR_DELAY_MS] =
    g_param_spec_uint ("clear-delay-ms", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_CLEAR_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TokenClipboard::cleared:
   *
   * The secret we copied was taken off the clipboard.
   */
  signals[CLEARED] =
    g_signal_new ("cleared",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
token_clipboard_init (TokenClipboard *self)
{
  self->clear_delay_ms = DEFAULT_CLEAR_DELAY_MS;
}

TokenClipboard *
token_clipboard_new (GdkClipboard *clipboard)
{
  g_return_val_if_fail (GDK_IS_CLIPBOARD (clipboard), NULL);

  return g_object_new (TOKEN_TYPE_CLIPBOARD,
                       "clipboard", clipboard,
                       NULL);
}

GdkClipboard *
token_clipboard_get_clipboard (TokenClipboard *self)
{
  g_return_val_if_fail (TOKEN_IS_CLIPBOARD (self), NULL);

  return self->clipboard;
}

guint
token_clipboard_get_clear_delay_ms (TokenClipboard *self)
{
  g_return_val_if_fail (TOKEN_IS_CLIPBOARD (self), 0);

  return self->clear_delay_ms;
}

/* Applies to the next copy; a pending clearing keeps its time. */
void
token_clipboard_set_clear_delay_ms (TokenClipboard *self,
                                    guint           delay_ms)
{
  g_return_if_fail (TOKEN_IS_CLIPBOARD (self));
  g_return_if_fail (delay_ms > 0);

  if (self->clear_delay_ms == delay_ms)
    return;

  self->clear_delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLEAR_DELAY_MS]);
}

void
token_clipboard_copy_secret (TokenClipboard *self,
                             const char     *text)
{
  g_return_if_fail (TOKEN_IS_CLIPBOARD (self));
  g_return_if_fail (text != NULL);

  g_clear_object (&self->secret_content);
  self->secret_content = secret_content_new (text);
  gdk_clipboard_set_content (self->clipboard, self->secret_content);

  g_clear_handle_id (&self->clear_timeout_id, g_source_remove);
  self->clear_timeout_id = g_timeout_add (self->clear_delay_ms, on_clear_timeout, self);
  g_source_set_name_by_id (self->clear_timeout_id, "[soft-token] clear clipboard");
}

/* Not secret (a Credential ID): plain text, left on the clipboard. */
void
token_clipboard_copy_text (TokenClipboard *self,
                           const char     *text)
{
  g_return_if_fail (TOKEN_IS_CLIPBOARD (self));
  g_return_if_fail (text != NULL);

  gdk_clipboard_set_text (self->clipboard, text);
}

/* While nobody else has copied anything since, the local content is still
 * the provider we made. */
gboolean
token_clipboard_holds_secret (TokenClipboard *self)
{
  g_return_val_if_fail (TOKEN_IS_CLIPBOARD (self), FALSE);

  return self->secret_content != NULL
         && gdk_clipboard_is_local (self->clipboard)
         && gdk_clipboard_get_content (self->clipboard) == self->secret_content;
}

void
token_clipboard_clear_secret (TokenClipboard *self)
{
  gboolean ours;

  g_return_if_fail (TOKEN_IS_CLIPBOARD (self));

  g_clear_handle_id (&self->clear_timeout_id, g_source_remove);
  ours = token_clipboard_holds_secret (self);
  g_clear_object (&self->secret_content);

  if (!ours)
    return;

  gdk_clipboard_set_content (self->clipboard, NULL);
  g_signal_emit (self, signals[CLEARED], 0);
}
