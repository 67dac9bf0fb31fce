/* token-window.c: the main window
 *
 * Shows what the store holds: a page for each keyring state, the welcome
 * page when there is no token, a card per token otherwise. The user's
 * actions become store calls (async, cancelled with the window); the
 * cards follow the store's items-changed. The window never touches the
 * keyring or the cryptography itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-error.h"
#include "token-moved-row.h"
#include "token-window-private.h"

G_DEFINE_FINAL_TYPE (TokenWindow, token_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TICKER,
  PROP_CLIPBOARD,
  PROP_CLOCK_MONITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
token_window_show_toast (TokenWindow *self,
                         const char  *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* The keyring usually answers within a few milliseconds: a spinner that
 * flashes by would only make the start look slower, so it appears only
 * when reading takes noticeably long. */
#define SPINNER_DELAY_MS 500

static gboolean
show_spinner (gpointer user_data)
{
  TokenWindow *self = user_data;

  self->spinner_timeout_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), TRUE);
  gtk_spinner_start (self->loading_spinner);
  return G_SOURCE_REMOVE;
}

static void
set_loading (TokenWindow *self,
             gboolean     loading)
{
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  gtk_spinner_stop (self->loading_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), FALSE);
  if (loading)
    self->spinner_timeout_id = g_timeout_add (SPINNER_DELAY_MS, show_spinner, self);
}

static void
show_page (TokenWindow *self,
           const char  *name)
{
  gboolean leaving_loading = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "loading") == 0;

  /* What was read appears at once: a fade from the blank loading page
   * would only delay it. */
  gtk_stack_set_transition_type (self->main_stack,
                                 leaving_loading ? GTK_STACK_TRANSITION_TYPE_NONE
                                                 : GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_visible_child_name (self->main_stack, name);
  set_loading (self, g_strcmp0 (name, "loading") == 0);
  gtk_widget_set_visible (self->add_button, g_strcmp0 (name, "tokens") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-code", g_strcmp0 (name, "tokens") == 0);
  /* Nothing to export without tokens; importing is for any loaded keyring. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-to-app", g_strcmp0 (name, "tokens") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-from-app",
                                 g_strcmp0 (name, "tokens") == 0 || g_strcmp0 (name, "welcome") == 0);
}

static guint
count_moved_away (TokenWindow *self)
{
  GListModel *moves = token_store_get_moves (self->store);
  guint n_moves = g_list_model_get_n_items (moves);
  guint count = 0;

  for (guint i = 0; i < n_moves; i++)
    {
      g_autoptr(TokenMove) move = g_list_model_get_item (moves, i);

      if (token_move_get_state (move) == TOKEN_MOVE_DONE)
        count++;
    }
  return count;
}

/* The records of tokens moved away stay on the tokens page until they are
 * dismissed, even when no token is left here. */
static void
show_tokens_or_welcome (TokenWindow *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  show_page (self, n_items > 0 || count_moved_away (self) > 0 ? "tokens" : "welcome");
}

/* Ticking costs nothing while nobody can see the codes. */
static void
update_ticking (TokenWindow *self)
{
  gboolean visible = gtk_widget_get_mapped (GTK_WIDGET (self));

  if (self->surface != NULL)
    visible = visible && !(gdk_toplevel_get_state (GDK_TOPLEVEL (self->surface)) & GDK_TOPLEVEL_STATE_MINIMIZED);

  token_ticker_set_paused (self->ticker, !visible);
}

static void
on_tick (TokenWindow *self,
         gint64       unix_time)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->token_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (TOKEN_IS_CARD (child))
      token_card_update (TOKEN_CARD (child), unix_time, &self->view_settings);
}

static void
tick_card (TokenWindow *self,
           TokenCard   *card)
{
  gint64 now = token_ticker_get_now (self->ticker) / G_USEC_PER_SEC;

  token_card_update (card, now, &self->view_settings);
}

static void
dismiss_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TokenWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!token_store_dismiss_move_finish (TOKEN_STORE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    token_window_show_toast (self, error->message);
}

static void
on_moved_row_dismiss (TokenMovedRow *row,
                      TokenWindow   *self)
{
  token_store_dismiss_move_async (self->store, token_moved_row_get_move (row), self->cancellable,
                                  dismiss_done, g_object_ref (self));
}

/* One row per token moved away, with no seed behind it, until dismissed. */
static void
append_moved_records (TokenWindow *self)
{
  GListModel *moves = token_store_get_moves (self->store);
  guint n_moves = g_list_model_get_n_items (moves);
  GtkWidget *list = NULL;

  for (guint i = 0; i < n_moves; i++)
    {
      g_autoptr(TokenMove) move = g_list_model_get_item (moves, i);
      GtkWidget *row;

      if (token_move_get_state (move) != TOKEN_MOVE_DONE)
        continue;

      if (list == NULL)
        {
          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_box_append (self->token_box, list);
        }

      row = token_moved_row_new (move);
      g_signal_connect_object (row, "dismiss", G_CALLBACK (on_moved_row_dismiss), self, 0);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
}

/* A handful of tokens at most: the cards are made again on every change. */
static void
rebuild_cards (TokenWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n_items = g_list_model_get_n_items (model);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->token_box))) != NULL)
    gtk_box_remove (self->token_box, child);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (model, i);
      GtkWidget *card = token_window_create_card (self, credential);

      token_card_set_standalone (TOKEN_CARD (card), n_items == 1);
      gtk_box_append (self->token_box, card);
      tick_card (self, TOKEN_CARD (card));
    }

  append_moved_records (self);

  if (n_items == 1)
    gtk_widget_add_css_class (GTK_WIDGET (self->token_box), "single");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->token_box), "single");
}

static void
on_items_changed (TokenWindow *self)
{
  rebuild_cards (self);
  if (self->loaded)
    show_tokens_or_welcome (self);
}

static void
on_damaged_changed (TokenWindow *self)
{
  g_auto(GStrv) damaged = token_store_dup_damaged (self->store);
  g_autofree char *text = NULL;

  if (damaged != NULL && damaged[0] != NULL)
    {
      text = g_strjoinv ("\n", damaged);
      gtk_label_set_label (self->damaged_label, text);
    }
  gtk_revealer_set_reveal_child (self->damaged_banner, damaged != NULL && damaged[0] != NULL);
}

/* The keyring unlocked from elsewhere (a prompt, Seahorse, the login
 * screen): the tokens can be read now. */
static void
on_locked_changed (TokenWindow *self)
{
  if (!token_store_get_locked (self->store)
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "locked") == 0)
    token_window_reload (self);
}

/* Loading */

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TokenWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!token_store_load_finish (TOKEN_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      self->loaded = FALSE;
      if (g_error_matches (error, TOKEN_ERROR, TOKEN_ERROR_NO_SERVICE))
        show_page (self, "no-service");
      else if (g_error_matches (error, TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED))
        show_page (self, "locked");
      else
        {
          adw_status_page_set_description (self->error_page, error->message);
          show_page (self, "error");
        }
      return;
    }

  self->loaded = TRUE;
  on_damaged_changed (self);
  show_tokens_or_welcome (self);
}

void
token_window_reload (TokenWindow *self)
{
  g_return_if_fail (TOKEN_IS_WINDOW (self));

  show_page (self, "loading");
  token_store_load_async (self->store, self->cancellable, load_done, g_object_ref (self));
}

/* Settings and size */

static void
on_show_next_code_changed (TokenWindow *self)
{
  self->view_settings.show_next_code = g_settings_get_boolean (self->settings, "show-next-code");
  token_ticker_tick_now (self->ticker);
}

static void
restore_size (TokenWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
token_window_close_request (GtkWindow *window)
{
  TokenWindow *self = TOKEN_WINDOW (window);
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (token_window_parent_class)->close_request (window);
}

/* Visibility */

static void
on_surface_state_changed (TokenWindow *self)
{
  update_ticking (self);
}

static void
token_window_realize (GtkWidget *widget)
{
  TokenWindow *self = TOKEN_WINDOW (widget);

  GTK_WIDGET_CLASS (token_window_parent_class)->realize (widget);

  self->surface = g_object_ref (gtk_native_get_surface (GTK_NATIVE (widget)));
  self->surface_state_handler =
    g_signal_connect_swapped (self->surface, "notify::state",
                              G_CALLBACK (on_surface_state_changed), self);
}

static void
token_window_unrealize (GtkWidget *widget)
{
  TokenWindow *self = TOKEN_WINDOW (widget);

  if (self->surface != NULL)
    g_clear_signal_handler (&self->surface_state_handler, self->surface);
  g_clear_object (&self->surface);

  GTK_WIDGET_CLASS (token_window_parent_class)->unrealize (widget);
}

static void
token_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (token_window_parent_class)->map (widget);
  update_ticking (TOKEN_WINDOW (widget));
}

static void
token_window_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (token_window_parent_class)->unmap (widget);
  update_ticking (TOKEN_WINDOW (widget));
}

static gboolean
on_file_dropped (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 TokenWindow   *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  token_window_import_file (self, file);
  return TRUE;
}

/* Construction */

static void
token_window_constructed (GObject *object)
{
  TokenWindow *self = (TokenWindow *) object;

  G_OBJECT_CLASS (token_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  if (self->ticker == NULL)
    self->ticker = token_ticker_new ();
  if (self->clipboard == NULL)
    self->clipboard = token_clipboard_new (gtk_widget_get_clipboard (GTK_WIDGET (self)));

  self->tick_handler = g_signal_connect_swapped (self->ticker, "tick", G_CALLBACK (on_tick), self);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (token_store_get_moves (self->store), "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::damaged",
                           G_CALLBACK (on_damaged_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::locked",
                           G_CALLBACK (on_locked_changed), self, G_CONNECT_SWAPPED);

  if (self->clock_monitor != NULL)
    g_object_bind_property (self->clock_monitor, "unsynchronized",
                            self->clock_banner, "reveal-child",
                            G_BINDING_SYNC_CREATE);

  rebuild_cards (self);
  token_window_reload (self);
}

static void
token_window_dispose (GObject *object)
{
  TokenWindow *self = (TokenWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  if (self->ticker != NULL)
    {
      g_clear_signal_handler (&self->tick_handler, self->ticker);
      token_ticker_set_paused (self->ticker, TRUE);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), TOKEN_TYPE_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->ticker);
  g_clear_object (&self->clipboard);
  g_clear_object (&self->clock_monitor);
  g_clear_object (&self->settings);
  g_clear_object (&self->surface);

  G_OBJECT_CLASS (token_window_parent_class)->dispose (object);
}

static void
token_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TokenWindow *self = TOKEN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TICKER:
      g_value_set_object (value, self->ticker);
      break;
    case PROP_CLIPBOARD:
      g_value_set_object (value, self->clipboard);
      break;
    case PROP_CLOCK_MONITOR:
      g_value_set_object (value, self->clock_monitor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TokenWindow *self = TOKEN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_TICKER:
      self->ticker = g_value_dup_object (value);
      break;
    case PROP_CLIPBOARD:
      self->clipboard = g_value_dup_object (value);
      break;
    case PROP_CLOCK_MONITOR:
      self->clock_monitor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_window_class_init (TokenWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = token_window_constructed;
  object_class->dispose = token_window_dispose;
  object_class->get_property = token_window_get_property;
  object_class->set_property = token_window_set_property;

  widget_class->realize = token_window_realize;
  widget_class->unrealize = token_window_unrealize;
  widget_class->map = token_window_map;
  widget_class->unmap = token_window_unmap;

  window_class->close_request = token_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TOKEN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TICKER] =
    g_param_spec_object ("ticker", NULL, NULL,
                         TOKEN_TYPE_TICKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLIPBOARD] =
    g_param_spec_object ("clipboard", NULL, NULL,
                         TOKEN_TYPE_CLIPBOARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLOCK_MONITOR] =
    g_param_spec_object ("clock-monitor", NULL, NULL,
                         TOKEN_TYPE_CLOCK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/token-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, clock_banner);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, damaged_banner);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, damaged_label);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, token_box);
  gtk_widget_class_bind_template_child (widget_class, TokenWindow, error_page);

  token_window_class_add_actions (widget_class);
}

static void
token_window_init (TokenWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  self->view_settings.show_next_code = g_settings_get_boolean (self->settings, "show-next-code");
  g_signal_connect_object (self->settings, "changed::show-next-code",
                           G_CALLBACK (on_show_next_code_changed), self, G_CONNECT_SWAPPED);

  adw_status_page_set_icon_name (self->welcome_page, APP_ID);

  {
    GtkDropTarget *drop_target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

    g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_file_dropped), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
  }
  restore_size (self);

  if (DEVELOPMENT_PROFILE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

TokenWindow *
token_window_new (GtkApplication    *application,
                  TokenStore        *store,
                  TokenTicker       *ticker,
                  TokenClipboard    *clipboard,
                  TokenClockMonitor *clock_monitor)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TOKEN_IS_STORE (store), NULL);
  g_return_val_if_fail (ticker == NULL || TOKEN_IS_TICKER (ticker), NULL);
  g_return_val_if_fail (clipboard == NULL || TOKEN_IS_CLIPBOARD (clipboard), NULL);
  g_return_val_if_fail (clock_monitor == NULL || TOKEN_IS_CLOCK_MONITOR (clock_monitor), NULL);

  return g_object_new (TOKEN_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "ticker", ticker,
                       "clipboard", clipboard,
                       "clock-monitor", clock_monitor,
                       NULL);
}

TokenStore *
token_window_get_store (TokenWindow *self)
{
  g_return_val_if_fail (TOKEN_IS_WINDOW (self), NULL);

  return self->store;
}

TokenTicker *
token_window_get_ticker (TokenWindow *self)
{
  g_return_val_if_fail (TOKEN_IS_WINDOW (self), NULL);

  return self->ticker;
}

/* “loading”, “welcome”, “tokens”, “no-service”, “locked” or “error”. */
const char *
token_window_get_page_name (TokenWindow *self)
{
  g_return_val_if_fail (TOKEN_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* The cards, in the order shown. Free the list with g_list_free(). */
GList *
token_window_get_cards (TokenWindow *self)
{
  GList *cards = NULL;

  g_return_val_if_fail (TOKEN_IS_WINDOW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_last_child (GTK_WIDGET (self->token_box));
       child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    if (TOKEN_IS_CARD (child))
      cards = g_list_prepend (cards, child);

  return cards;
}
