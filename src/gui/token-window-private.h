/* token-window-private.h: what the window's files share
 *
 * token-window.c shows the store's state; token-window-actions.c answers
 * what the person does (actions, card signals, dialogs).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-window.h"

G_BEGIN_DECLS

struct _TokenWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *add_button;
  GtkRevealer          *clock_banner;
  GtkRevealer          *damaged_banner;
  GtkLabel             *damaged_label;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *welcome_page;
  GtkBox               *token_box;
  AdwStatusPage        *error_page;

  TokenStore           *store;
  TokenTicker          *ticker;
  TokenClipboard       *clipboard;
  TokenClockMonitor    *clock_monitor;
  GSettings            *settings;
  GCancellable         *cancellable;
  GdkSurface           *surface;
  gulong                surface_state_handler;
  gulong                tick_handler;
  guint                 spinner_timeout_id;

  TokenViewSettings     view_settings;
  gboolean              loaded;
  gboolean              busy;
};

void       token_window_show_toast          (TokenWindow     *self,
                                             const char      *title);
GtkWidget *token_window_create_card         (TokenWindow     *self,
                                             TokenCredential *credential);
void       token_window_class_add_actions   (GtkWidgetClass  *widget_class);

G_END_DECLS
