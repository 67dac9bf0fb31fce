/* token-preferences-window.c: the settings a person may change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-credential-id.h"
#include "token-preferences-window.h"

struct _TokenPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkAdjustment        *clear_delay_adjustment;
  GtkWidget            *show_next_switch;
  AdwEntryRow          *prefix_row;
  GtkLabel             *prefix_hint;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (TokenPreferencesWindow, token_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
prefix_is_valid (TokenPreferencesWindow *self)
{
  const char *prefix = gtk_editable_get_text (GTK_EDITABLE (self->prefix_row));

  return token_credential_id_prefix_is_valid (prefix);
}

/* Typed letters become capitals; anything else marks the row as wrong,
 * and only a valid prefix is saved. */
static void
on_prefix_changed (TokenPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->prefix_row));
  g_autofree char *upper = g_ascii_strup (text, -1);

  if (g_strcmp0 (text, upper) != 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->prefix_row), upper);
      return;
    }

  if (prefix_is_valid (self))
    gtk_widget_remove_css_class (GTK_WIDGET (self->prefix_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->prefix_row), "error");
}

static void
on_prefix_apply (TokenPreferencesWindow *self)
{
  if (!prefix_is_valid (self))
    {
      g_autofree char *saved = g_settings_get_string (self->settings, "credential-id-prefix");

      gtk_editable_set_text (GTK_EDITABLE (self->prefix_row), saved);
      return;
    }

  g_settings_set_string (self->settings, "credential-id-prefix",
                         gtk_editable_get_text (GTK_EDITABLE (self->prefix_row)));
}

static void
token_preferences_window_dispose (GObject *object)
{
  TokenPreferencesWindow *self = (TokenPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TOKEN_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (token_preferences_window_parent_class)->dispose (object);
}

static void
token_preferences_window_class_init (TokenPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = token_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/token-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenPreferencesWindow, clear_delay_adjustment);
  gtk_widget_class_bind_template_child (widget_class, TokenPreferencesWindow, show_next_switch);
  gtk_widget_class_bind_template_child (widget_class, TokenPreferencesWindow, prefix_row);
  gtk_widget_class_bind_template_child (widget_class, TokenPreferencesWindow, prefix_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_prefix_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_prefix_apply);
}

static void
token_preferences_window_init (TokenPreferencesWindow *self)
{
  g_autofree char *prefix = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "clipboard-clear-delay",
                   self->clear_delay_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-next-code",
                   self->show_next_switch, "active", G_SETTINGS_BIND_DEFAULT);

  prefix = g_settings_get_string (self->settings, "credential-id-prefix");
  gtk_editable_set_text (GTK_EDITABLE (self->prefix_row), prefix);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->prefix_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->prefix_hint, NULL,
                                  -1);
}

TokenPreferencesWindow *
token_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (TOKEN_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
