/* token-countdown.h: the ring that shows how long a code has left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TOKEN_TYPE_COUNTDOWN (token_countdown_get_type ())

G_DECLARE_FINAL_TYPE (TokenCountdown, token_countdown, TOKEN, COUNTDOWN, GtkWidget)

GtkWidget *token_countdown_new   (void);
void       token_countdown_set   (TokenCountdown *self,
                                  guint           seconds_left,
                                  guint           period,
                                  gboolean        urgent);
double     token_countdown_get_fraction (TokenCountdown *self);
gboolean   token_countdown_get_urgent   (TokenCountdown *self);

G_END_DECLS
