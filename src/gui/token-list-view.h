/* token-list-view.h: the compact list of two or more tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "token-list-row.h"

G_BEGIN_DECLS

#define TOKEN_TYPE_LIST_VIEW (token_list_view_get_type ())

G_DECLARE_FINAL_TYPE (TokenListView, token_list_view, TOKEN, LIST_VIEW, GtkWidget)

GtkWidget  *token_list_view_new           (GListModel              *credentials);
void        token_list_view_set_query     (TokenListView           *self,
                                           const char              *query);
GListModel *token_list_view_get_shown     (TokenListView           *self);
void        token_list_view_update        (TokenListView           *self,
                                           gint64                   unix_time,
                                           const TokenViewSettings *settings);
guint       token_list_view_count_rows    (TokenListView           *self);

G_END_DECLS
