/* token-list-view.c: the compact list of two or more tokens
 *
 * A GtkListView over the store, sorted by issuer then account and
 * filtered by the search; the factory makes only the rows that can be
 * seen. A tick updates only the rows that are mapped. Activating a row
 * emits “activate-credential”.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-list-view.h"
#include "token-search.h"

struct _TokenListView
{
  GtkWidget           parent_instance;

  GtkWidget          *scrolled_window;
  GtkCustomFilter    *filter;
  GtkFilterListModel *shown;
  GHashTable         *rows;
  char               *query;
  gint64              last_time;
  TokenViewSettings   settings;
};

G_DEFINE_FINAL_TYPE (TokenListView, token_list_view, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_CREDENTIAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_credentials (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  return token_search_compare_order (TOKEN_CREDENTIAL ((gpointer) a), TOKEN_CREDENTIAL ((gpointer) b));
}

static gboolean
credential_is_shown (gpointer item,
                     gpointer user_data)
{
  TokenListView *self = user_data;

  return self->query == NULL || token_search_matches (TOKEN_CREDENTIAL (item), self->query);
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          TokenListView            *self)
{
  gtk_list_item_set_child (item, token_list_row_new ());
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         TokenListView            *self)
{
  TokenListRow *row = TOKEN_LIST_ROW (gtk_list_item_get_child (item));

  token_list_row_set_credential (row, gtk_list_item_get_item (item));
  token_list_row_update (row, self->last_time, &self->settings);
  g_hash_table_add (self->rows, row);
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           TokenListView            *self)
{
  TokenListRow *row = TOKEN_LIST_ROW (gtk_list_item_get_child (item));

  g_hash_table_remove (self->rows, row);
  token_list_row_set_credential (row, NULL);
}

static void
on_activate (GtkListView   *list_view,
             guint          position,
             TokenListView *self)
{
  g_autoptr(TokenCredential) credential = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (credential != NULL)
    g_signal_emit (self, signals[ACTIVATE_CREDENTIAL], 0, credential);
}

static void
token_list_view_dispose (GObject *object)
{
  TokenListView *self = TOKEN_LIST_VIEW (object);

  g_clear_pointer (&self->scrolled_window, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (token_list_view_parent_class)->dispose (object);
}

static void
token_list_view_class_init (TokenListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = token_list_view_dispose;

  signals[ACTIVATE_CREDENTIAL] =
    g_signal_new ("activate-credential",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TOKEN_TYPE_CREDENTIAL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
token_list_view_init (TokenListView *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
}

GtkWidget *
token_list_view_new (GListModel *credentials)
{
  TokenListView *self;
  GtkSortListModel *sorted;
  GtkListItemFactory *factory;
  GtkWidget *list_view;

  g_return_val_if_fail (G_IS_LIST_MODEL (credentials), NULL);

  self = g_object_new (TOKEN_TYPE_LIST_VIEW, NULL);
  sorted = gtk_sort_list_model_new (g_object_ref (credentials),
                                    GTK_SORTER (gtk_custom_sorter_new (compare_credentials, NULL, NULL)));
  self->filter = gtk_custom_filter_new (credential_is_shown, self, NULL);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (sorted), g_object_ref (GTK_FILTER (self->filter)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_setup), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_bind), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_unbind), self, 0);

  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)))),
                                 factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list_view), TRUE);
  gtk_widget_add_css_class (list_view, "navigation-sidebar");
  g_signal_connect_object (list_view, "activate", G_CALLBACK (on_activate), self, 0);

  self->scrolled_window = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled_window),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled_window), list_view);
  gtk_widget_set_parent (self->scrolled_window, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

/* Shows only the tokens that @query finds; NULL or "" shows them all. */
void
token_list_view_set_query (TokenListView *self,
                           const char    *query)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (TOKEN_IS_LIST_VIEW (self));

  if (query != NULL && *query != '\0')
    normalized = token_search_normalize (query);
  if (g_strcmp0 (normalized, self->query) == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&normalized);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* The tokens shown, in the order shown. */
GListModel *
token_list_view_get_shown (TokenListView *self)
{
  g_return_val_if_fail (TOKEN_IS_LIST_VIEW (self), NULL);

  return G_LIST_MODEL (self->shown);
}

/* Only the mapped rows: the others are off screen, and bind updates them
 * when they come into view. */
void
token_list_view_update (TokenListView           *self,
                        gint64                   unix_time,
                        const TokenViewSettings *settings)
{
  GHashTableIter iter;
  gpointer row;

  g_return_if_fail (TOKEN_IS_LIST_VIEW (self));
  g_return_if_fail (settings != NULL);

  self->last_time = unix_time;
  self->settings = *settings;
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    if (gtk_widget_get_mapped (row))
      token_list_row_update (row, unix_time, settings);
}

/* How many rows are bound to a token now: about as many as fit on screen. */
guint
token_list_view_count_rows (TokenListView *self)
{
  g_return_val_if_fail (TOKEN_IS_LIST_VIEW (self), 0);

  return g_hash_table_size (self->rows);
}
