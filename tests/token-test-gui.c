/* token-test-gui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-store.h"
#include "token-test-gui.h"

static gboolean
on_wait_limit (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @predicate holds, for at most 20 s;
 * returns whether it holds. */
gboolean
token_test_wait_until (TokenTestPredicate predicate,
                       gpointer           data)
{
  gboolean expired = FALSE;
  guint limit_id = g_timeout_add_seconds (20, on_wait_limit, &expired);

  while (!predicate (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (limit_id);

  return predicate (data);
}

typedef struct
{
  gpointer             object;
  TokenTestTextGetter  get;
  const char          *expected;
} TextWait;

static gboolean
text_is_expected (gpointer data)
{
  TextWait *wait = data;

  return g_strcmp0 (wait->get (wait->object), wait->expected) == 0;
}

void
token_test_assert_text_becomes (gpointer             object,
                                TokenTestTextGetter  get,
                                const char          *expected)
{
  TextWait wait = { object, get, expected };

  if (!token_test_wait_until (text_is_expected, &wait))
    g_error ("“%s” is shown, not “%s”", get (object), expected);
}

void
token_test_store_load_done (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  TokenTestStoreCall *call = user_data;

  call->ok = token_store_load_finish (TOKEN_STORE (source), result, &call->error);
  call->done = TRUE;
}

void
token_test_store_add_done (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  TokenTestStoreCall *call = user_data;

  call->ok = token_store_add_finish (TOKEN_STORE (source), result, &call->error);
  call->done = TRUE;
}

void
token_test_store_remove_done (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  TokenTestStoreCall *call = user_data;

  call->ok = token_store_remove_finish (TOKEN_STORE (source), result, &call->error);
  call->done = TRUE;
}

static gboolean
call_is_done (gpointer data)
{
  return ((TokenTestStoreCall *) data)->done;
}

void
token_test_assert_call_succeeds (TokenTestStoreCall *call)
{
  g_assert_true (token_test_wait_until (call_is_done, call));
  g_assert_no_error (call->error);
  g_assert_true (call->ok);
}

TokenCard *
token_test_only_card (TokenWindow *window)
{
  GList *cards = token_window_get_cards (window);
  TokenCard *card;

  g_assert_cmpuint (g_list_length (cards), ==, 1);
  card = cards->data;
  g_list_free (cards);
  return card;
}

GtkWidget *
token_test_find_widget (GtkWidget            *root,
                        TokenTestWidgetMatch  match,
                        gconstpointer         data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = token_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) data);
}

GtkWidget *
token_test_find_widget_of_type (GtkWidget *root,
                                GType      type)
{
  return token_test_find_widget (root, is_of_type, &type);
}
