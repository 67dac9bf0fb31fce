/* test-gui.c: the window, as a person uses it, on a private display and
 * keyring (tests/run-in-world --keyring --xvfb), with a frozen clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "token-application.h"
#include "token-card.h"
#include "token-clipboard.h"
#include "token-countdown.h"
#include "token-credential-id.h"
#include "token-export-wizard.h"
#include "token-import-wizard.h"
#include "token-preferences-window.h"
#include "token-secure.h"
#include "token-test-gui.h"
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

static const char *
window_page (gpointer window)
{
  return token_window_get_page_name (window);
}

static void
assert_page_becomes (TokenWindow *window,
                     const char  *page)
{
  token_test_assert_text_becomes (window, window_page, page);
}

static void
empty_keyring (void)
{
  TokenTestStoreCall load = { 0 };

  token_store_load_async (store, NULL, token_test_store_load_done, &load);
  token_test_assert_call_succeeds (&load);
  while (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (G_LIST_MODEL (store), 0);
      TokenTestStoreCall remove = { 0 };

      token_store_remove_async (store, credential,
                                NULL, token_test_store_remove_done, &remove);
      token_test_assert_call_succeeds (&remove);
    }
}

static TokenCredential *
add_test_token (void)
{
  g_autoptr(GBytes) secret = token_secure_bytes_new (test_seed, strlen (test_seed));
  g_autoptr(TokenCredential) credential = token_credential_new ("SOFT12345674", TOKEN_KIND_TOTP, secret);
  TokenTestStoreCall add = { 0 };

  token_credential_set_issuer (credential, "Example Bank");
  token_store_add_async (store, credential, TOKEN_STORE_ADD_NONE, NULL, token_test_store_add_done, &add);
  token_test_assert_call_succeeds (&add);
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

static gboolean
is_label_with_class (GtkWidget     *widget,
                     gconstpointer  css_class)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class);
}

static GtkLabel *
find_label (GtkWidget  *widget,
            const char *css_class)
{
  return GTK_LABEL (token_test_find_widget (widget, is_label_with_class, css_class));
}

static const char *
label_text (gpointer label)
{
  return gtk_label_get_label (label);
}

static void
assert_label_becomes (GtkLabel   *label,
                      const char *text)
{
  token_test_assert_text_becomes (label, label_text, text);
}

static gboolean
is_button_with_label (GtkWidget     *widget,
                      gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  return token_test_find_widget (widget, is_button_with_label, label);
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
  GtkRevealer *next_code_revealer;
  TokenWindow *window;
  TokenCard *card;

  empty_keyring ();
  credential = add_test_token ();
  window = new_window (NULL);
  assert_page_becomes (window, "tokens");

  card = token_test_only_card (window);
  grouped_code_at (credential, FROZEN_SECONDS, code);
  grouped_code_at (credential, FROZEN_SECONDS + 30, next_code);
  g_assert_cmpstr (gtk_label_get_label (find_label (GTK_WIDGET (card), "credential-id")), ==, "SOFT 1234 5674");
  g_assert_cmpstr (gtk_label_get_label (find_label (GTK_WIDGET (card), "security-code")), ==, code);
  g_assert_cmpstr (gtk_label_get_label (find_label (GTK_WIDGET (card), "next-code")), ==, next_code);
  g_assert_cmpuint (token_card_get_view_state (card)->seconds_left, ==, 7);
  /* Shown at once, not faded in: an animation would cost some thirty
   * frames a period while the window sits idle. */
  next_code_revealer = GTK_REVEALER (gtk_widget_get_ancestor (GTK_WIDGET (find_label (GTK_WIDGET (card), "next-code")),
                                                              GTK_TYPE_REVEALER));
  g_assert_true (gtk_revealer_get_child_revealed (next_code_revealer));
  g_assert_cmpint (gtk_revealer_get_transition_type (next_code_revealer), ==, GTK_REVEALER_TRANSITION_TYPE_NONE);

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
  g_assert_true (token_test_wait_until (read_is_done, &read));
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
  g_assert_true (token_test_wait_until (read_is_done, &read));
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

  g_assert_true (token_test_wait_until (flag_is_set, &cleared));
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
  g_assert_true (token_test_wait_until (flag_is_set, &delay_passed));
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
  card = token_test_only_card (window);
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
  g_assert_cmpstr (token_credential_get_credential_id (token_card_get_credential (token_test_only_card (window))),
                   ==, "SOFT12345674");

  damaged = find_label (GTK_WIDGET (window), "damaged-items");
  g_assert_nonnull (strstr (gtk_label_get_label (damaged), "SHRT00000001"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (GTK_WIDGET (damaged),
                                                                                       GTK_TYPE_REVEALER))));

  gtk_window_destroy (GTK_WINDOW (window));
  clear_damaged_item ();
}

static gboolean
spinner_spinning (gpointer data)
{
  GtkWidget *spinner = data;

  return gtk_widget_get_visible (spinner) && gtk_spinner_get_spinning (GTK_SPINNER (spinner));
}

/* A keyring that answers at once shows the tokens with no spinner flashing
 * by; one that takes its time gets a spinner, until the tokens come. */
static void
test_spinner_only_when_slow (void)
{
  g_autoptr(TokenCredential) credential = NULL;
  GPid daemon;
  TokenWindow *window;
  GtkWidget *spinner;
  gint64 frozen_at;

  empty_keyring ();
  credential = add_test_token ();

  window = new_window (NULL);
  spinner = token_test_find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_SPINNER);
  g_assert_nonnull (spinner);
  assert_page_becomes (window, "tokens");
  g_assert_false (gtk_widget_get_visible (spinner));
  gtk_window_destroy (GTK_WINDOW (window));

  daemon = token_test_world_keyring_pid ();
  g_assert_cmpint (kill (daemon, SIGSTOP), ==, 0);
  frozen_at = g_get_monotonic_time ();
  window = new_window (NULL);
  spinner = token_test_find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_SPINNER);
  g_assert_cmpstr (token_window_get_page_name (window), ==, "loading");
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_true (token_test_wait_until (spinner_spinning, spinner));
  g_assert_cmpint (g_get_monotonic_time () - frozen_at, >=, 400 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpstr (token_window_get_page_name (window), ==, "loading");

  g_assert_cmpint (kill (daemon, SIGCONT), ==, 0);
  assert_page_becomes (window, "tokens");
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  gtk_window_destroy (GTK_WINDOW (window));
}

#define RFC4226_SEED "12345678901234567890"

/* An HOTP token has a Next Code button where a TOTP token has its
 * countdown; each press shows the code of the next counter value (RFC 4226
 * appendix D) and keeps the counter in the keyring. */
static void
test_hotp_next_code (void)
{
  g_autoptr(GBytes) seed = token_secure_bytes_new (RFC4226_SEED, strlen (RFC4226_SEED));
  g_autoptr(TokenCredential) credential = token_credential_new ("SOFT12345674", TOKEN_KIND_HOTP, seed);
  g_autoptr(TokenCredential) stored = NULL;
  g_autoptr(GError) error = NULL;
  TokenTestStoreCall add = { 0 };
  TokenWindow *window;
  GtkWidget *card;
  GtkWidget *next_button;
  GtkLabel *code;

  empty_keyring ();
  token_credential_set_counter (credential, 5);
  token_store_add_async (store, credential, TOKEN_STORE_ADD_NONE, NULL, token_test_store_add_done, &add);
  token_test_assert_call_succeeds (&add);

  window = new_window (NULL);
  assert_page_becomes (window, "tokens");
  card = GTK_WIDGET (token_test_only_card (window));
  code = find_label (card, "security-code");
  g_assert_cmpstr (gtk_label_get_label (code), ==, "--- ---");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (find_label (card, "next-code"))));
  g_assert_false (gtk_widget_get_mapped (token_test_find_widget_of_type (card, TOKEN_TYPE_COUNTDOWN)));

  next_button = find_button (card, "_Next Code");
  g_assert_true (gtk_widget_get_mapped (next_button));
  gtk_widget_activate (next_button);
  /* Counter 5 is the next code: RFC 4226 gives 254676 for it, then 287922. */
  assert_label_becomes (code, "254 676");
  gtk_widget_activate (next_button);
  assert_label_becomes (code, "287 922");

  stored = token_store_lookup_sync (store, "SOFT12345674", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (token_credential_get_counter (stored), ==, 7);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Preferences: the clipboard delay is 20 s unless changed, and kept within
 * 5 to 120 s; a prefix is saved in capitals, and only when it is valid;
 * turning the next code off hides it on the card at once. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(TokenCredential) credential = NULL;
  g_autofree char *saved_prefix = NULL;
  TokenWindow *window;
  GtkWindow *preferences;
  GtkSpinButton *delay;
  GtkEditable *prefix;
  GtkRevealer *next_code_revealer;

  empty_keyring ();
  credential = add_test_token ();
  window = new_window (NULL);
  assert_page_becomes (window, "tokens");
  next_code_revealer = GTK_REVEALER (gtk_widget_get_ancestor (
      GTK_WIDGET (find_label (GTK_WIDGET (token_test_only_card (window)), "next-code")), GTK_TYPE_REVEALER));
  g_assert_true (gtk_revealer_get_reveal_child (next_code_revealer));

  preferences = GTK_WINDOW (token_preferences_window_new (GTK_WINDOW (window)));
  gtk_window_present (preferences);

  delay = GTK_SPIN_BUTTON (token_test_find_widget_of_type (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpfloat (gtk_spin_button_get_value (delay), ==, 20);
  gtk_spin_button_set_value (delay, 600);
  g_assert_cmpuint (g_settings_get_uint (settings, "clipboard-clear-delay"), ==, 120);
  gtk_spin_button_set_value (delay, 1);
  g_assert_cmpuint (g_settings_get_uint (settings, "clipboard-clear-delay"), ==, 5);
  gtk_spin_button_set_value (delay, 45);
  g_assert_cmpuint (g_settings_get_uint (settings, "clipboard-clear-delay"), ==, 45);

  prefix = GTK_EDITABLE (token_test_find_widget_of_type (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW));
  g_assert_cmpstr (gtk_editable_get_text (prefix), ==, "SOFT");
  gtk_editable_set_text (prefix, "bank");
  g_assert_cmpstr (gtk_editable_get_text (prefix), ==, "BANK");
  g_signal_emit_by_name (prefix, "apply");
  saved_prefix = g_settings_get_string (settings, "credential-id-prefix");
  g_assert_cmpstr (saved_prefix, ==, "BANK");
  g_clear_pointer (&saved_prefix, g_free);
  gtk_editable_set_text (prefix, "B4NK");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (prefix), "error"));
  g_signal_emit_by_name (prefix, "apply");
  saved_prefix = g_settings_get_string (settings, "credential-id-prefix");
  g_assert_cmpstr (saved_prefix, ==, "BANK");
  g_assert_cmpstr (gtk_editable_get_text (prefix), ==, "BANK");

  gtk_switch_set_active (GTK_SWITCH (token_test_find_widget_of_type (GTK_WIDGET (preferences), GTK_TYPE_SWITCH)), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "show-next-code"));
  g_assert_false (gtk_revealer_get_reveal_child (next_code_revealer));

  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "clipboard-clear-delay");
  g_settings_reset (settings, "credential-id-prefix");
  g_settings_reset (settings, "show-next-code");
}

static GtkWindow *
only_import_wizard (TokenWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *wizard = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (!TOKEN_IS_IMPORT_WIZARD (toplevel))
        continue;
      g_assert_null (wizard);
      g_assert_true (gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window));
      g_assert_cmpstr (token_import_wizard_get_page_name (TOKEN_IMPORT_WIZARD (toplevel)), ==, "passphrase");
      wizard = toplevel;
    }

  g_assert_nonnull (wizard);
  return wizard;
}

static gboolean
drop_file (GtkWidget *window,
           GFile     *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &handled);
    }

  return handled;
}

/* `soft-token FILE` (what the file manager runs for a transfer file)
 * shows the window and the import wizard for the file; launching again
 * raises the same window; a file dropped on the window opens the wizard
 * too. */
static void
test_open_file (void)
{
  g_autoptr(TokenApplication) application = token_application_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("tokens.softtoken");
  g_autoptr(GError) error = NULL;
  GFile *files[] = { file };
  TokenWindow *window;
  GtkWindow *wizard;

  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  g_application_open (G_APPLICATION (application), files, 1, "");

  window = TOKEN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_nonnull (window);
  wizard = only_import_wizard (window);
  gtk_window_destroy (wizard);

  g_application_activate (G_APPLICATION (application));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))), ==, 1);
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (application)) == GTK_WINDOW (window));

  g_assert_true (drop_file (GTK_WIDGET (window), file));
  gtk_window_destroy (only_import_wizard (window));

  gtk_window_destroy (GTK_WINDOW (window));
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
  g_assert_cmpstr (token_credential_get_credential_id (token_card_get_credential (token_test_only_card (window))),
                   ==, "SOFT12345674");

  gtk_window_destroy (GTK_WINDOW (window));
}

static const char *
wizard_page (gpointer wizard)
{
  return TOKEN_IS_EXPORT_WIZARD (wizard)
         ? token_export_wizard_get_page_name (wizard)
         : token_import_wizard_get_page_name (wizard);
}

static void
assert_wizard_page_becomes (GtkWindow  *wizard,
                            const char *page)
{
  token_test_assert_text_becomes (wizard, wizard_page, page);
}

static AdwMessageDialog *
shown_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return shown_message_dialog () != NULL;
}

/* Turns a Replace switch on and answers the question it asks. */
static void
answer_replace (GtkSwitch  *replace_switch,
                const char *response)
{
  AdwMessageDialog *dialog;

  gtk_switch_set_active (replace_switch, TRUE);
  g_assert_true (token_test_wait_until (message_dialog_shown, NULL));
  dialog = shown_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "SOFT 1234 5674"));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
store_is_empty_with_record (gpointer data)
{
  TokenMove *move = token_store_find_move (store, "SOFT12345674");

  return g_list_model_get_n_items (G_LIST_MODEL (store)) == 0
      && move != NULL && token_move_get_state (move) == TOKEN_MOVE_DONE;
}

static void
reload_store (void)
{
  TokenTestStoreCall load = { 0 };

  token_store_load_async (store, NULL, token_test_store_load_done, &load);
  token_test_assert_call_succeeds (&load);
}

/* The whole move through the two wizards: export on the old device (the
 * world's keyring), import on the new one (a second keyring), and the
 * confirmation code from the new device typed into the old one's card. */
static void
test_move_wizards (void)
{
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *path = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TokenCredential) before_replace = NULL;
  char old_code[TOKEN_VIEW_CODE_SIZE];
  TokenWindow *window;
  GtkWindow *wizard;
  GtkWindow *dialog;
  GStatBuf stat_buf;

  token_test_world_use_device ("new");
  empty_keyring ();
  token_test_world_use_device ("main");
  empty_keyring ();
  credential = add_test_token ();
  grouped_code_at (credential, FROZEN_SECONDS, old_code);

  directory = g_dir_make_tmp ("test-gui-move-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (directory, "tokens.softtoken", NULL);
  file = g_file_new_for_path (path);

  window = new_window (NULL);
  assert_page_becomes (window, "tokens");

  /* Old device: export, with the generated passphrase. */
  wizard = token_window_export (window);
  assert_wizard_page_becomes (wizard, "choose");
  token_export_wizard_next (TOKEN_EXPORT_WIZARD (wizard));
  assert_wizard_page_becomes (wizard, "passphrase");
  passphrase = g_strdup (token_export_wizard_get_passphrase (TOKEN_EXPORT_WIZARD (wizard)));
  g_assert_cmpuint (strlen (passphrase), >=, 24);

  /* Cancelled while the key is derived: back to the passphrase, and
   * nothing left behind, neither a file nor a pending move. */
  token_export_wizard_save_to (TOKEN_EXPORT_WIZARD (wizard), file);
  g_assert_cmpstr (token_export_wizard_get_page_name (TOKEN_EXPORT_WIZARD (wizard)), ==, "saving");
  g_assert_true (gtk_widget_activate (find_button (GTK_WIDGET (wizard), "_Cancel")));
  assert_wizard_page_becomes (wizard, "passphrase");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (token_store_find_move (store, "SOFT12345674"));
  {
    g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);

    g_assert_null (g_dir_read_name (dir));
  }

  token_export_wizard_save_to (TOKEN_EXPORT_WIZARD (wizard), file);
  g_assert_cmpstr (token_export_wizard_get_page_name (TOKEN_EXPORT_WIZARD (wizard)), ==, "saving");
  assert_wizard_page_becomes (wizard, "done");
  g_assert_cmpint (g_stat (path, &stat_buf), ==, 0);
  g_assert_cmpint (stat_buf.st_mode & 0777, ==, 0600);
  g_assert_cmpint (token_move_get_state (token_store_find_move (store, "SOFT12345674")), ==, TOKEN_MOVE_PENDING);
  gtk_window_destroy (wizard);
  /* The card says a move is pending. */
  g_assert_nonnull (token_card_get_move (token_test_only_card (window)));

  /* New device: the import wizard; a wrong passphrase first. */
  token_test_world_use_device ("new");
  reload_store ();
  assert_page_becomes (window, "welcome");
  wizard = token_window_import_file (window, file);
  assert_wizard_page_becomes (wizard, "passphrase");
  gtk_editable_set_text (token_import_wizard_get_passphrase_entry (TOKEN_IMPORT_WIZARD (wizard)), "not the passphrase");
  token_import_wizard_next (TOKEN_IMPORT_WIZARD (wizard));
  assert_wizard_page_becomes (wizard, "opening");
  assert_wizard_page_becomes (wizard, "passphrase");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  gtk_editable_set_text (token_import_wizard_get_passphrase_entry (TOKEN_IMPORT_WIZARD (wizard)), passphrase);
  token_import_wizard_next (TOKEN_IMPORT_WIZARD (wizard));
  assert_wizard_page_becomes (wizard, "preview");
  token_import_wizard_next (TOKEN_IMPORT_WIZARD (wizard));
  assert_wizard_page_becomes (wizard, "done");
  code = g_strdup (token_import_wizard_get_code (TOKEN_IMPORT_WIZARD (wizard)));
  g_assert_cmpuint (strlen (code), ==, 8);
  gtk_window_destroy (wizard);

  /* The new device shows the same code at the same time. */
  assert_page_becomes (window, "tokens");
  {
    TokenCard *card = token_test_only_card (window);
    char new_code[TOKEN_VIEW_CODE_SIZE];

    grouped_code_at (token_card_get_credential (card), FROZEN_SECONDS, new_code);
    g_assert_cmpstr (new_code, ==, old_code);
    g_assert_cmpstr (token_card_get_view_state (card)->code, ==, old_code);
  }

  /* Old device: the file opened again where the token already is. Replace
   * stays off (the token is skipped) unless confirmed in a dialog. */
  token_test_world_use_device ("main");
  reload_store ();
  before_replace = g_list_model_get_item (G_LIST_MODEL (store), 0);
  wizard = token_window_import_file (window, file);
  gtk_editable_set_text (token_import_wizard_get_passphrase_entry (TOKEN_IMPORT_WIZARD (wizard)), passphrase);
  token_import_wizard_next (TOKEN_IMPORT_WIZARD (wizard));
  assert_wizard_page_becomes (wizard, "preview");
  {
    GtkSwitch *replace_switch = GTK_SWITCH (token_test_find_widget_of_type (GTK_WIDGET (wizard), GTK_TYPE_SWITCH));

    g_assert_nonnull (replace_switch);
    g_assert_false (gtk_switch_get_state (replace_switch));
    answer_replace (replace_switch, "cancel");
    g_assert_false (gtk_switch_get_state (replace_switch));
    g_assert_false (gtk_switch_get_active (replace_switch));
    answer_replace (replace_switch, "replace");
    g_assert_true (gtk_switch_get_state (replace_switch));
  }
  token_import_wizard_next (TOKEN_IMPORT_WIZARD (wizard));
  assert_wizard_page_becomes (wizard, "done");
  gtk_window_destroy (wizard);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  /* Replaced: the store holds the token from the file now. */
  {
    g_autoptr(TokenCredential) after_replace = g_list_model_get_item (G_LIST_MODEL (store), 0);

    g_assert_true (after_replace != before_replace);
    g_assert_true (token_credential_equal (after_replace, before_replace));
  }

  /* Old device: the code, typed into the card's confirmation dialog. */
  dialog = token_window_confirm_move (window, token_test_only_card (window));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))), code);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "confirm");
  g_assert_true (token_test_wait_until (store_is_empty_with_record, NULL));
  /* The record stays on the tokens page until dismissed. */
  assert_page_becomes (window, "tokens");
  g_assert_null (token_window_get_cards (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (directory);
  token_test_world_use_device ("new");
  empty_keyring ();
  token_test_world_use_device ("main");
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
  g_test_add_func ("/gui/spinner-only-when-slow", test_spinner_only_when_slow);
  g_test_add_func ("/gui/hotp-next-code", test_hotp_next_code);
  g_test_add_func ("/gui/preferences", test_preferences);
  g_test_add_func ("/gui/open-file", test_open_file);
  g_test_add_func ("/gui/move-wizards", test_move_wizards);

  status = g_test_run ();
  g_clear_object (&store);
  return status;
}
