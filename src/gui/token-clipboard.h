/* token-clipboard.h: copies codes, marked secret, and takes them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

/* Password managers and clipboard histories (KDE Klipper, GPaste, ...)
 * skip content offered with this type. */
#define TOKEN_CLIPBOARD_SECRET_HINT_MIME  "x-kde-passwordManagerHint"
#define TOKEN_CLIPBOARD_SECRET_HINT_VALUE "secret"

#define TOKEN_TYPE_CLIPBOARD (token_clipboard_get_type ())

G_DECLARE_FINAL_TYPE (TokenClipboard, token_clipboard, TOKEN, CLIPBOARD, GObject)

TokenClipboard *token_clipboard_new                (GdkClipboard   *clipboard);
GdkClipboard   *token_clipboard_get_clipboard      (TokenClipboard *self);
guint           token_clipboard_get_clear_delay_ms (TokenClipboard *self);
void            token_clipboard_set_clear_delay_ms (TokenClipboard *self,
                                                    guint           delay_ms);
void            token_clipboard_copy_secret        (TokenClipboard *self,
                                                    const char     *text);
void            token_clipboard_copy_text          (TokenClipboard *self,
                                                    const char     *text);
gboolean        token_clipboard_holds_secret       (TokenClipboard *self);
void            token_clipboard_clear_secret       (TokenClipboard *self);

G_END_DECLS
