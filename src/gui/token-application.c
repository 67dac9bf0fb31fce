/* token-application.c: the single-instance application
 *
 * Owns what outlives a window: the store, the clipboard guard and the
 * clock monitor. Launching the app again raises the window that is there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-application.h"
#include "token-clock-monitor.h"
#include "token-preferences-window.h"
#include "token-window.h"

struct _TokenApplication
{
  AdwApplication     parent_instance;

  GSettings         *settings;
  TokenStore        *store;
  TokenClipboard    *clipboard;
  TokenClockMonitor *clock_monitor;
};

G_DEFINE_FINAL_TYPE (TokenApplication, token_application, ADW_TYPE_APPLICATION)

static gboolean
seconds_to_milliseconds (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  g_value_set_uint (value, g_variant_get_uint32 (variant) * 1000);
  return TRUE;
}

static void
token_application_startup (GApplication *application)
{
  TokenApplication *self = TOKEN_APPLICATION (application);
  GdkClipboard *clipboard;

  G_APPLICATION_CLASS (token_application_parent_class)->startup (application);

  self->settings = g_settings_new (APP_ID);
  self->store = token_store_new ();
  self->clock_monitor = token_clock_monitor_new (NULL);

  clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  self->clipboard = token_clipboard_new (clipboard);
  g_settings_bind_with_mapping (self->settings, "clipboard-clear-delay",
                                self->clipboard, "clear-delay-ms",
                                G_SETTINGS_BIND_GET,
                                seconds_to_milliseconds, NULL, NULL, NULL);
}

static void
token_application_activate (GApplication *application)
{
  TokenApplication *self = TOKEN_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (token_window_new (GTK_APPLICATION (application), self->store,
                                           NULL, self->clipboard, self->clock_monitor));

  gtk_window_present (window);
}

/* Before GTK hands the clipboard to a clipboard manager on the way out,
 * the code is taken back. */
static void
token_application_shutdown (GApplication *application)
{
  TokenApplication *self = TOKEN_APPLICATION (application);

  if (self->clipboard != NULL)
    token_clipboard_clear_secret (self->clipboard);

  G_APPLICATION_CLASS (token_application_parent_class)->shutdown (application);
}

static void
token_application_dispose (GObject *object)
{
  TokenApplication *self = (TokenApplication *) object;

  g_clear_object (&self->clipboard);
  g_clear_object (&self->clock_monitor);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (token_application_parent_class)->dispose (object);
}

static void
token_application_class_init (TokenApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = token_application_dispose;
  application_class->startup = token_application_startup;
  application_class->activate = token_application_activate;
  application_class->shutdown = token_application_shutdown;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (token_preferences_window_new (parent)));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { _("The Soft Token authors"), NULL };

  adw_show_about_window (parent,
                         "application-name", _("Soft Token"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "comments", _("One-time security codes for logging in to your bank and other services"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

static void
token_application_init (TokenApplication *self)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *shortcuts_accels[] = { "<Control>question", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);
}

TokenApplication *
token_application_new (void)
{
  return g_object_new (TOKEN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

TokenStore *
token_application_get_store (TokenApplication *self)
{
  g_return_val_if_fail (TOKEN_IS_APPLICATION (self), NULL);

  return self->store;
}

TokenClipboard *
token_application_get_clipboard (TokenApplication *self)
{
  g_return_val_if_fail (TOKEN_IS_APPLICATION (self), NULL);

  return self->clipboard;
}
