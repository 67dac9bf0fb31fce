/* token-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-clipboard.h"
#include "token-clock-monitor.h"
#include "token-store.h"
#include "token-ticker.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_WINDOW (token_window_get_type ())

G_DECLARE_FINAL_TYPE (TokenWindow, token_window, TOKEN, WINDOW, AdwApplicationWindow)

TokenWindow *token_window_new              (GtkApplication    *application,
                                            TokenStore        *store,
                                            TokenTicker       *ticker,
                                            TokenClipboard    *clipboard,
                                            TokenClockMonitor *clock_monitor);
TokenStore  *token_window_get_store        (TokenWindow       *self);
TokenTicker *token_window_get_ticker       (TokenWindow       *self);
const char  *token_window_get_page_name    (TokenWindow       *self);
GList       *token_window_get_cards        (TokenWindow       *self);
void         token_window_reload           (TokenWindow       *self);

G_END_DECLS
