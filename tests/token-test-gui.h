/* token-test-gui.h: what the window tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-card.h"
#include "token-window.h"

G_BEGIN_DECLS

typedef gboolean (*TokenTestPredicate) (gpointer data);

gboolean   token_test_wait_until             (TokenTestPredicate  predicate,
                                              gpointer            data);

/* Waits until @get (@object) gives @expected; fails the test, saying what
 * it gives instead, if it never does. */
typedef const char *(*TokenTestTextGetter) (gpointer object);

void       token_test_assert_text_becomes    (gpointer             object,
                                              TokenTestTextGetter  get,
                                              const char          *expected);

/* One of the store's async calls, as the window makes them, waited for. */
typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} TokenTestStoreCall;

void       token_test_store_load_done        (GObject            *source,
                                              GAsyncResult       *result,
                                              gpointer            user_data);
void       token_test_store_add_done         (GObject            *source,
                                              GAsyncResult       *result,
                                              gpointer            user_data);
void       token_test_store_remove_done      (GObject            *source,
                                              GAsyncResult       *result,
                                              gpointer            user_data);
void       token_test_assert_call_succeeds   (TokenTestStoreCall *call);

TokenCard *token_test_only_card              (TokenWindow        *window);

/* The first widget under @root (or @root itself), depth first, that
 * @match accepts. */
typedef gboolean (*TokenTestWidgetMatch) (GtkWidget     *widget,
                                          gconstpointer  data);

GtkWidget *token_test_find_widget            (GtkWidget            *root,
                                              TokenTestWidgetMatch  match,
                                              gconstpointer         data);
GtkWidget *token_test_find_widget_of_type    (GtkWidget            *root,
                                              GType                 type);

G_END_DECLS
