/* token-preferences-window.h: the settings a person may change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOKEN_TYPE_PREFERENCES_WINDOW (token_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TokenPreferencesWindow, token_preferences_window, TOKEN, PREFERENCES_WINDOW, AdwPreferencesWindow)

TokenPreferencesWindow *token_preferences_window_new (GtkWindow *parent);

G_END_DECLS
