/* token-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-clipboard.h"
#include "token-card.h"
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
/* Opens the import wizard for a transfer file; returns it (owned by GTK). */
GtkWindow   *token_window_import_file      (TokenWindow       *self,
                                            GFile             *file);
/* Opens the export wizard; returns it (owned by GTK). */
GtkWindow   *token_window_export           (TokenWindow       *self);
/* The confirmation dialog of a card's pending move, as its menu opens it. */
GtkWindow   *token_window_confirm_move     (TokenWindow       *self,
                                            TokenCard         *card);

G_END_DECLS
