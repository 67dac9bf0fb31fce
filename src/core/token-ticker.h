/* token-ticker.h: one tick a second, on the second, for every card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Microseconds since 1970; g_get_real_time() unless a test freezes time. */
typedef gint64 (*TokenTimeFunc) (gpointer user_data);

#define TOKEN_TYPE_TICKER (token_ticker_get_type ())

G_DECLARE_FINAL_TYPE (TokenTicker, token_ticker, TOKEN, TICKER, GObject)

TokenTicker *token_ticker_new            (void);
void         token_ticker_set_time_func  (TokenTicker    *self,
                                          TokenTimeFunc   func,
                                          gpointer        user_data,
                                          GDestroyNotify  destroy);
gint64       token_ticker_get_now        (TokenTicker    *self);
gboolean     token_ticker_get_paused     (TokenTicker    *self);
void         token_ticker_set_paused     (TokenTicker    *self,
                                          gboolean        paused);
void         token_ticker_tick_now       (TokenTicker    *self);

G_END_DECLS
