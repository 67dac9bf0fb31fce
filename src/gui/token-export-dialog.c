/* token-export-dialog.c: tokens written for another app
 *
 * An otpauth:// list (FreeOTP+, Aegis), a plain Aegis vault, a pam_oath
 * users-file line or a QR code image, under a warning that the file holds
 * the secrets. The file is written atomically with mode 0600, on a worker
 * thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "token-atomic-file.h"
#include "token-export-dialog.h"
#include "token-secure.h"


struct _TokenExportDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwPreferencesGroup *format_group;
  AdwComboRow         *format_row;
  AdwEntryRow         *user_row;
  GtkListBox          *tokens_list;
  GtkLabel            *error_label;

  TokenStore          *store;
  GCancellable        *cancellable;
  /* One GtkCheckButton per token of the store, in its order. */
  GPtrArray           *checks;
};

G_DEFINE_FINAL_TYPE (TokenExportDialog, token_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const TokenExchangeWriter *
current_writer (TokenExportDialog *self)
{
  return token_exchange_writer_get ((TokenExchangeFormat) adw_combo_row_get_selected (self->format_row));
}

static GPtrArray *
chosen_credentials (TokenExportDialog *self)
{
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (chosen, g_list_model_get_item (G_LIST_MODEL (self->store), i));

  return chosen;
}

static void
show_error (TokenExportDialog *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* What is missing before the file can be written, or NULL. */
static const char *
missing_choice (TokenExportDialog *self)
{
  g_autoptr(GPtrArray) chosen = chosen_credentials (self);
  const TokenExchangeWriter *writer = current_writer (self);

  if (chosen->len == 0)
    return _("Choose the tokens to export.");
  if (writer->one_token && chosen->len != 1)
    return _("This format holds exactly one token: choose one.");
  if (writer->needs_user
      && *gtk_editable_get_text (GTK_EDITABLE (self->user_row)) == '\0')
    return _("Enter the user name that logs in with the token.");

  return NULL;
}

static void
on_choice_changed (TokenExportDialog *self)
{
  const char *missing = missing_choice (self);

  show_error (self, missing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", missing == NULL);
}

static void
on_format_changed (TokenExportDialog *self)
{
  const TokenExchangeWriter *writer = current_writer (self);

  gtk_widget_set_visible (GTK_WIDGET (self->user_row), writer->needs_user);
  adw_preferences_group_set_description (self->format_group, _(writer->use));

  /* A one-token format starts with the first token chosen alone. */
  if (writer->one_token && self->checks->len > 1)
    for (guint i = 0; i < self->checks->len; i++)
      gtk_check_button_set_active (g_ptr_array_index (self->checks, i), i == 0);

  on_choice_changed (self);
}

static GtkWidget *
token_row_new (TokenExportDialog *self,
               TokenCredential   *credential)
{
  g_autofree char *display_id = token_credential_dup_display_id (credential);
  const char *issuer = token_credential_get_issuer (credential);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display_id);
  if (issuer != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), issuer);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, display_id, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->checks, check);

  return row;
}

/* Writing, off the main thread */

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GBytes *contents = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GError *error = NULL;

  if (!token_atomic_file_write (file, contents, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TokenExportDialog *self = TOKEN_EXPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0);
}

static void
save_response (GtkNativeDialog   *chooser,
               int                response,
               TokenExportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    token_export_dialog_save_to (self, file);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TokenExportDialog *self = TOKEN_EXPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;

  if (missing_choice (self) != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_writer (self)->suggested_file_name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
token_export_dialog_constructed (GObject *object)
{
  TokenExportDialog *self = (TokenExportDialog *) object;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n_items;

  G_OBJECT_CLASS (token_export_dialog_parent_class)->constructed (object);

  for (TokenExchangeFormat f = 0; f < TOKEN_EXCHANGE_N_FORMATS; f++)
    gtk_string_list_append (names, _(token_exchange_writer_get (f)->title));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (names));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      gtk_list_box_append (self->tokens_list, token_row_new (self, credential));
    }

  on_format_changed (self);
}

static void
token_export_dialog_dispose (GObject *object)
{
  TokenExportDialog *self = (TokenExportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOKEN_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (token_export_dialog_parent_class)->dispose (object);
}

static void
token_export_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TokenExportDialog *self = TOKEN_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_export_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TokenExportDialog *self = TOKEN_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_export_dialog_class_init (TokenExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = token_export_dialog_constructed;
  object_class->dispose = token_export_dialog_dispose;
  object_class->get_property = token_export_dialog_get_property;
  object_class->set_property = token_export_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TOKEN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TokenExportDialog::saved:
   *
   * The file is written; the caller closes the dialog.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/token-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TokenExportDialog, format_group);
  gtk_widget_class_bind_template_child (widget_class, TokenExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, TokenExportDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, TokenExportDialog, tokens_list);
  gtk_widget_class_bind_template_child (widget_class, TokenExportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
token_export_dialog_init (TokenExportDialog *self)
{
  self->checks = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

TokenExportDialog *
token_export_dialog_new (GtkWindow  *parent,
                         TokenStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TOKEN_IS_STORE (store), NULL);

  return g_object_new (TOKEN_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

void
token_export_dialog_set_format (TokenExportDialog   *self,
                                TokenExchangeFormat  format)
{
  g_return_if_fail (TOKEN_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format < TOKEN_EXCHANGE_N_FORMATS);

  adw_combo_row_set_selected (self->format_row, format);
}

void
token_export_dialog_set_user (TokenExportDialog *self,
                              const char        *user)
{
  g_return_if_fail (TOKEN_IS_EXPORT_DIALOG (self));
  g_return_if_fail (user != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
}

void
token_export_dialog_set_chosen (TokenExportDialog *self,
                                guint              index,
                                gboolean           chosen)
{
  g_return_if_fail (TOKEN_IS_EXPORT_DIALOG (self));
  g_return_if_fail (index < self->checks->len);

  gtk_check_button_set_active (g_ptr_array_index (self->checks, index), chosen);
}

/**
 * token_export_dialog_build:
 *
 * Returns: (transfer full): what the file will hold for the chosen tokens
 *   and format, wiped when freed; or %NULL with @error set (a token the
 *   format cannot hold, a user name pam_oath refuses)
 */
GBytes *
token_export_dialog_build (TokenExportDialog  *self,
                           GError            **error)
{
  TokenExchangeWriteOptions options = { NULL, };
  g_autoptr(GPtrArray) chosen = NULL;
  const char *missing;

  g_return_val_if_fail (TOKEN_IS_EXPORT_DIALOG (self), NULL);

  if ((missing = missing_choice (self)) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, missing);
      return NULL;
    }

  chosen = chosen_credentials (self);
  options.user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  return current_writer (self)->write (chosen, &options, error);
}

/* Writes the export to @file, atomically and private to the user, then
 * emits ::saved; or shows why it could not. */
void
token_export_dialog_save_to (TokenExportDialog *self,
                             GFile             *file)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TOKEN_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!(contents = token_export_dialog_build (self, &error)))
    {
      show_error (self, error->message);
      return;
    }

  task = g_task_new (self, self->cancellable, write_done, NULL);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_set_task_data (task, g_steal_pointer (&contents), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, write_in_thread);
}
