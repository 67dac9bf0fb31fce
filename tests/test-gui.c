/* test-gui.c: the window, as a person uses it, on a private display and
 * keyring (tests/run-in-world --keyring --xvfb), with a frozen clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "token-card.h"
#include "token-clipboard.h"
#include "token-credential-id.h"
#include "token-secure.h"
#include "token-store.h"
#include "token-test-world.h"
#include "token-view-state.h"
#include "token-window.h"

/* 7 seconds before the end of a period: the next code shows. */
#define FROZEN_SECONDS G_GINT64_CONSTANT (1764035363)

static const char test_seed[] = "a seed for the window tests";

/* One store for the whole program, as in the app, driven only through the
 * async calls the window makes. */
static TokenStore *store;

static gint64
frozen_now (gpointer user_data)
{
  return FROZEN_SECONDS * G_USEC_PER_SEC;
}

typedef gboolean (*Predicate) (gpointer data);

static gboolean
on_wait_limit (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_until (Predicate predicate,
            gpointer  data)
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
  TokenWindow *window;
  const char  *page;
} PageWait;

static gboolean
page_shown (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (token_window_get_page_name (wait->window), wait->page) == 0;
}

static void
assert_page_becomes (TokenWindow *window,
                     const char  *page)
{
  PageWait wait = { window, page };

  if (!wait_until (page_shown, &wait))
    g_error ("The window shows “%s”, not “%s”", token_window_get_page_name (window), page);
}

/* The store's async calls, as the window makes them, waited for here. */
typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} StoreCall;

static gboolean
call_is_done (gpointer data)
{
  return ((StoreCall *) data)->done;
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  StoreCall *call = user_data;

  call->ok = token_store_load_finish (TOKEN_STORE (source), result, &call->error);
  call->done = TRUE;
}

static void
remove_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  StoreCall *call = user_data;

  call->ok = token_store_remove_finish (TOKEN_STORE (source), result, &call->error);
  call->done = TRUE;
}

static void
add_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  StoreCall *call = user_data;

  call->ok = token_store_add_finish (TOKEN_STORE (source), result, &call->error);
  call->done = TRUE;
}

static void
assert_call_succeeds (StoreCall *call)
{
  g_assert_true (wait_until (call_is_done, call));
  g_assert_no_error (call->error);
  g_assert_true (call->ok);
}

static void
empty_keyring (void)
{
  StoreCall load = { 0 };

  token_store_load_async (store, NULL, load_done, &load);
  assert_call_succeeds (&load);
  while (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (G_LIST_MODEL (store), 0);
      StoreCall remove = { 0 };

      token_store_remove_async (store, token_credential_get_credential_id (credential),
                                NULL, remove_done, &remove);
      assert_call_succeeds (&remove);
    }
}

static TokenCredential *
add_test_token (void)
{
  g_autoptr(GBytes) secret = token_secure_bytes_new (test_seed, strlen (test_seed));
  g_autoptr(TokenCredential) credential = token_credential_new ("SOFT12345674", TOKEN_KIND_TOTP, secret);
  StoreCall add = { 0 };

  token_credential_set_issuer (credential, "Example Bank");
  token_store_add_async (store, credential, TOKEN_STORE_ADD_NONE, NULL, add_done, &add);
  assert_call_succeeds (&add);
  return g_steal_pointer (&credential);
}

static TokenWindow *
new_window (TokenClipboard *clipboard)
{
  g_autoptr(TokenTicker) ticker = token_ticker_new ();
  TokenWindow *window;

  token_ticker_set_time_func (ticker, frozen_now, NULL, NULL);
  window = token_window_new (NULL, store, ticker, clipboard, NULL);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static TokenCard *
only_card (TokenWindow *window)
{
  GList *cards = token_window_get_cards (window);
  TokenCard *card;

  g_assert_cmpuint (g_list_length (cards), ==, 1);
  card = cards->data;
  g_list_free (cards);
  return card;
}

static void
grouped_code_at (TokenCredential *credential,
                 gint64           unix_time,
                 char             grouped[TOKEN_VIEW_CODE_SIZE])
{
  char code[TOKEN_CODE_BUFFER_SIZE];
  g_autoptr(GError) error = NULL;

  g_assert_true (token_credential_code_at (credential, unix_time, code, &error));
  g_assert_no_error (error);
  token_view_group_code (code, grouped);
}

/* The card shows the Credential ID grouped, and the very code (and next
 * code) that the core computes for the frozen time. */
static void
test_card_shows_id_and_code (void)
{
  g_autoptr(TokenCredential) credential = NULL;
  char code[TOKEN_VIEW_CODE_SIZE];
  char next_code[TOKEN_VIEW_CODE_SIZE];
  TokenWindow *window;
  TokenCard *card;

  empty_keyring ();
  credential = add_test_token ();
  window = new_window (NULL);
  assert_page_becomes (window, "tokens");

  card = only_card (window);
  grouped_code_at (credential, FROZEN_SECONDS, code);
  grouped_code_at (credential, FROZEN_SECONDS + 30, next_code);
  g_assert_cmpstr (gtk_label_get_label (find_label (GTK_WIDGET (card), "credential-id")), ==, "SOFT 1234 5674");
  g_assert_cmpstr (gtk_label_get_label (find_label (GTK_WIDGET (card), "security-code")), ==, code);
  g_assert_cmpstr (gtk_label_get_label (find_label (GTK_WIDGET (card), "next-code")), ==, next_code);
  g_assert_cmpuint (token_card_get_view_state (card)->seconds_left, ==, 7);

  /* Hidden, nothing ticks; shown again, it ticks at once. */
  g_assert_false (token_ticker_get_paused (token_window_get_ticker (window)));
  gtk_widget_hide (GTK_WIDGET (window));
  g_assert_true (token_ticker_get_paused (token_window_get_ticker (window)));
  gtk_widget_show (GTK_WIDGET (window));
  g_assert_false (token_ticker_get_paused (token_window_get_ticker (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  char     *text;
  GBytes   *bytes;
  gboolean  done;
} ClipboardRead;

static void
read_text_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
read_is_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static char *
read_clipboard_text (GdkClipboard *clipboard)
{
  ClipboardRead read = { 0 };

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_done, &read);
  g_assert_true (wait_until (read_is_done, &read));
  return read.text;
}

static void
splice_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error);
  g_assert_no_error (error);
  read->bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
  read->done = TRUE;
}

/* The stream is fed by this very main loop: it is read asynchronously. */
static void
read_stream_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, splice_done, read);
}

static GBytes *
read_clipboard_mime (GdkClipboard *clipboard,
                     const char   *mime_type)
{
  const char *mime_types[] = { mime_type, NULL };
  ClipboardRead read = { 0 };

  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL, read_stream_done, &read);
  g_assert_true (wait_until (read_is_done, &read));
  return read.bytes;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_cleared (TokenClipboard *clipboard,
            gboolean       *cleared)
{
  *cleared = TRUE;
}

static gboolean
on_delay_passed (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Ctrl+C's action puts exactly the code on the clipboard, marked secret
 * for clipboard histories, and takes it off again after the delay. */
static void
test_copy_code (void)
{
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(TokenClipboard) clipboard = NULL;
  g_autoptr(GBytes) hint = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *after = NULL;
  char code[TOKEN_CODE_BUFFER_SIZE];
  GdkClipboard *gdk_clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  gboolean cleared = FALSE;
  TokenWindow *window;

  empty_keyring ();
  credential = add_test_token ();
  g_assert_true (token_credential_code_at (credential, FROZEN_SECONDS, code, NULL));

  clipboard = token_clipboard_new (gdk_clipboard);
  token_clipboard_set_clear_delay_ms (clipboard, 500);
  g_signal_connect (clipboard, "cleared", G_CALLBACK (on_cleared), &cleared);
  window = new_window (clipboard);
  assert_page_becomes (window, "tokens");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-code", NULL));
  copied = read_clipboard_text (gdk_clipboard);
  g_assert_cmpstr (copied, ==, code);
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (gdk_clipboard),
                                                        TOKEN_CLIPBOARD_SECRET_HINT_MIME));
  hint = read_clipboard_mime (gdk_clipboard, TOKEN_CLIPBOARD_SECRET_HINT_MIME);
  g_assert_cmpmem (g_bytes_get_data (hint, NULL), g_bytes_get_size (hint), "secret", 6);

  g_assert_true (wait_until (flag_is_set, &cleared));
  after = read_clipboard_text (gdk_clipboard);
  g_assert_true (after == NULL || *after == '\0');

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the user copied after the code is theirs: the delay leaves it. */
static void
test_clipboard_keeps_later_copy (void)
{
  GdkClipboard *gdk_clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  g_autoptr(TokenClipboard) clipboard = token_clipboard_new (gdk_clipboard);
  g_autofree char *text = NULL;
  gboolean delay_passed = FALSE;

  token_clipboard_set_clear_delay_ms (clipboard, 200);
  token_clipboard_copy_secret (clipboard, "123456");
  g_assert_true (token_clipboard_holds_secret (clipboard));
  gdk_clipboard_set_text (gdk_clipboard, "the user's own text");
  g_assert_false (token_clipboard_holds_secret (clipboard));

  g_timeout_add (600, on_delay_passed, &delay_passed);
  g_assert_true (wait_until (flag_is_set, &delay_passed));
  text = read_clipboard_text (gdk_clipboard);
  g_assert_cmpstr (text, ==, "the user's own text");

  /* Quitting takes back only our own code, too. */
  token_clipboard_clear_secret (clipboard);
  g_clear_pointer (&text, g_free);
  text = read_clipboard_text (gdk_clipboard);
  g_assert_cmpstr (text, ==, "the user's own text");
}

/* The first launch: the welcome page, and Create Token stores a new token
 * with the prefix from the settings and shows it. */
static void
test_welcome_creates_token (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TokenWindow *window;
  TokenCard *card;
  const char *id;

  empty_keyring ();
  g_settings_set_string (settings, "credential-id-prefix", "BANK");
  window = new_window (NULL);
  assert_page_becomes (window, "welcome");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-token", NULL));
  assert_page_becomes (window, "tokens");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  card = only_card (window);
  id = token_credential_get_credential_id (token_card_get_credential (card));
  g_assert_true (g_str_has_prefix (id, "BANK"));
  g_assert_true (token_credential_id_is_valid (id));
  g_assert_cmpuint (strlen (token_card_get_view_state (card)->code), ==, 7);

  g_settings_reset (settings, "credential-id-prefix");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An item of our schema that some other program damaged: too short a
 * secret. Written with secret-tool, never through the store. */
static void
store_damaged_item (void)
{
  const char *argv[] = {
    "secret-tool", "store", "--label=Soft Token: SHRT 0000 0001",
    "xdg:schema", "io.github.softtoken.SoftToken.Credential",
    "credential-id", "SHRT00000001", "kind", "totp", "algorithm", "SHA1",
    "digits", "6", "period", "30", NULL
  };
  g_autoptr(GSubprocess) tool = NULL;
  g_autoptr(GError) error = NULL;

  tool = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (tool, "abc", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (tool));
  g_assert_cmpint (g_subprocess_get_exit_status (tool), ==, 0);
}

static void
clear_damaged_item (void)
{
  const char *argv[] = { "secret-tool", "clear", "credential-id", "SHRT00000001", NULL };
  g_autoptr(GSubprocess) tool = NULL;
  g_autoptr(GError) error = NULL;

  tool = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (tool, NULL, &error));
  g_assert_no_error (error);
}

/* A damaged item does not hide the good tokens: they are shown, and the
 * damaged one is named above them. */
static void
test_damaged_item_named (void)
{
  g_autoptr(TokenCredential) credential = NULL;
  TokenWindow *window;
  GtkLabel *damaged;

  store_damaged_item ();
  empty_keyring ();
  credential = add_test_token ();

  window = new_window (NULL);
  assert_page_becomes (window, "tokens");
  g_assert_cmpstr (token_credential_get_credential_id (token_card_get_credential (only_card (window))),
                   ==, "SOFT12345674");

  damaged = find_label (GTK_WIDGET (window), "damaged-items");
  g_assert_nonnull (strstr (gtk_label_get_label (damaged), "SHRT00000001"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (GTK_WIDGET (damaged),
                                                                                       GTK_TYPE_REVEALER))));

  gtk_window_destroy (GTK_WINDOW (window));
  clear_damaged_item ();
}

static gboolean
unlock_like_a_person (gpointer user_data)
{
  token_test_world_unlock_keyring ();
  return G_SOURCE_REMOVE;
}

/* A locked keyring is a page with an Unlock button, not an empty list;
 * unlocking (the password typed into the keyring's own prompt) shows the
 * tokens. */
static void
test_locked_keyring (void)
{
  g_autoptr(TokenCredential) credential = NULL;
  TokenWindow *window;

  empty_keyring ();
  credential = add_test_token ();
  token_test_world_lock_keyring ();

  window = new_window (NULL);
  assert_page_becomes (window, "locked");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
  g_idle_add (unlock_like_a_person, NULL);
  assert_page_becomes (window, "tokens");
  g_assert_cmpstr (token_credential_get_credential_id (token_card_get_credential (only_card (window))),
                   ==, "SOFT12345674");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  token_test_world_require ();
  gtk_init ();
  adw_init ();
  store = token_store_new ();

  g_test_add_func ("/gui/card-shows-id-and-code", test_card_shows_id_and_code);
  g_test_add_func ("/gui/copy-code", test_copy_code);
  g_test_add_func ("/gui/clipboard-keeps-later-copy", test_clipboard_keeps_later_copy);
  g_test_add_func ("/gui/welcome-creates-token", test_welcome_creates_token);
  g_test_add_func ("/gui/damaged-item-named", test_damaged_item_named);
  g_test_add_func ("/gui/locked-keyring", test_locked_keyring);

  status = g_test_run ();
  g_clear_object (&store);
  return status;
}
