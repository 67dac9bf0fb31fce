/* token-import-dialog.c: tokens from other apps, previewed before storing
 *
 * Pasted otpauth:// links (a Google Authenticator transfer link among
 * them), a file (a list of links, an Aegis vault, a QR code image) or a QR
 * code image on the clipboard. Files and images are read, and vaults
 * decrypted, on a worker thread. The preview lists each token with a check
 * box (those already on this computer cannot be chosen) and names each
 * skipped entry with its reason. Storing is the window's business: the
 * dialog hands over the chosen tokens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "token-error.h"
#include "token-import-dialog.h"
#include "token-import-reader.h"
#include "token-secure.h"

struct _TokenImportDialog
{
  AdwWindow     parent_instance;

  /* Template widgets */
  GtkStack     *stack;
  GtkTextView  *text_view;
  GtkLabel     *source_error_label;
  AdwEntryRow  *password_row;
  GtkLabel     *password_error_label;
  GtkSpinner   *spinner;
  GtkWidget    *tokens_group;
  GtkListBox   *tokens_list;
  GtkWidget    *problems_group;
  GtkListBox   *problems_list;
  GtkLabel     *import_error_label;

  TokenStore   *store;
  GCancellable *cancellable;
  /* An encrypted vault waiting for its password. */
  GBytes       *locked_input;
  TokenImport  *import;
  /* One GtkCheckButton per credential of the import. */
  GPtrArray    *checks;
};

G_DEFINE_FINAL_TYPE (TokenImportDialog, token_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IMPORT_CREDENTIALS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reading, off the main thread */

typedef struct
{
  GFile   *file;
  GBytes  *input;
  char    *password;
} ReadJob;

typedef struct
{
  GBytes      *input;
  TokenImport *import;
} ReadResult;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->input, g_bytes_unref);
  g_clear_pointer (&job->password, token_secure_string_free);
  g_free (job);
}

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->input, g_bytes_unref);
  g_clear_object (&result->import);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadResult, read_result_free)

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReadJob *job = task_data;
  ReadResult *result = g_new0 (ReadResult, 1);
  GError *error = NULL;

  result->input = job->input != NULL ? g_bytes_ref (job->input)
                                     : token_import_reader_load (job->file, cancellable, &error);

  /* An encrypted vault without its password goes back for one. */
  if (result->input != NULL
      && (job->password != NULL || !token_import_reader_needs_password (result->input)))
    result->import = token_import_reader_read (result->input, job->password, &error);

  if (error != NULL)
    {
      read_result_free (result);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify) read_result_free);
}

static void
show_page (TokenImportDialog *self,
           const char        *name)
{
  gboolean preview = g_str_equal (name, "preview");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "reading"));
  gtk_widget_set_visible (GTK_WIDGET (self->import_error_label), FALSE);
  if (!preview)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.import", FALSE);
}

static void
show_label_error (GtkLabel   *label,
                  const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static guint
count_chosen (TokenImportDialog *self)
{
  guint chosen = 0;

  for (guint i = 0; self->checks != NULL && i < self->checks->len; i++)
    chosen += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));

  return chosen;
}

static void
update_import_action (TokenImportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.import", count_chosen (self) > 0);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
describe_outcome (const TokenAddOutcome *outcome)
{
  TokenCredential *credential = outcome->credential;
  gboolean exists = outcome->result != TOKEN_ADD_NEW;
  const char *issuer = token_credential_get_issuer (credential);
  const char *kind = token_credential_get_kind (credential) == TOKEN_KIND_HOTP
                     ? _("Counter-based (HOTP)") : _("Time-based (TOTP)");
  g_autofree char *first = issuer != NULL ? g_strdup_printf ("%s · %s", issuer, kind) : g_strdup (kind);

  if (exists)
    /* Translators: what a token is, then why it cannot be chosen */
    return g_strdup_printf (_("%s — already on this computer"), first);
  if (outcome->same_secret_as != NULL)
    /* Translators: what a token is, then another token's “Issuer:ID” */
    return g_strdup_printf (_("%s — same secret as %s"), first, outcome->same_secret_as);
  return g_steal_pointer (&first);
}

static GtkWidget *
token_row_new (TokenImportDialog     *self,
               const TokenAddOutcome *outcome)
{
  g_autofree char *display_id = token_credential_dup_display_id (outcome->credential);
  gboolean exists = outcome->result != TOKEN_ADD_NEW;
  g_autofree char *subtitle = describe_outcome (outcome);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display_id);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !exists);
  gtk_widget_set_sensitive (check, !exists);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, display_id, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (update_import_action), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->checks, check);

  return row;
}

static GtkWidget *
problem_row_new (const TokenImportProblem *problem)
{
  g_autofree char *description = token_import_describe_problem (problem);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), description);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Skipped"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (icon, "warning");

  return row;
}

static void
preview_decided (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TokenImportDialog) self = user_data;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  guint n_problems;

  if (!(outcomes = token_store_add_all_finish (TOKEN_STORE (source), result, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_page (self, "source");
      show_label_error (self->source_error_label, error->message);
      return;
    }

  self->checks = g_ptr_array_new ();
  for (guint i = 0; i < outcomes->len; i++)
    gtk_list_box_append (self->tokens_list, token_row_new (self, g_ptr_array_index (outcomes, i)));

  n_problems = token_import_get_n_problems (self->import);
  for (guint i = 0; i < n_problems; i++)
    gtk_list_box_append (self->problems_list, problem_row_new (token_import_get_problem (self->import, i)));
  gtk_widget_set_visible (self->problems_group, n_problems > 0);

  show_page (self, "preview");
  update_import_action (self);
}

static void
show_preview (TokenImportDialog *self,
              TokenImport       *import)
{
  GListModel *credentials = token_import_get_credentials (import);
  guint n_credentials = g_list_model_get_n_items (credentials);
  guint n_problems = token_import_get_n_problems (import);

  g_clear_object (&self->import);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  clear_list (self->tokens_list);
  clear_list (self->problems_list);

  if (n_credentials == 0)
    {
      g_autofree char *message = NULL;

      /* The reasons still matter: the first one is the likeliest. */
      if (n_problems > 0)
        {
          g_autofree char *first = token_import_describe_problem (token_import_get_problem (import, 0));

          message = g_strdup_printf ("%s\n%s", _("None of the entries can be imported."), first);
        }
      else
        message = g_strdup (_("No token was found."));

      show_page (self, "source");
      show_label_error (self->source_error_label, message);
      return;
    }

  self->import = g_object_ref (import);
  /* What is new is decided by the store, as for the import itself and the
   * CLI's add: a dry run of adding them all. */
  token_store_add_all_async (self->store, credentials, TOKEN_STORE_ADD_DRY_RUN, self->cancellable,
                             preview_decided, g_object_ref (self));
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  TokenImportDialog *self = TOKEN_IMPORT_DIALOG (source);
  g_autoptr(ReadResult) read = NULL;
  g_autoptr(GError) error = NULL;
  gboolean had_password = GPOINTER_TO_INT (user_data);

  if (!(read = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (had_password && g_error_matches (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE))
        {
          show_page (self, "password");
          show_label_error (self->password_error_label, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
          return;
        }
      g_clear_pointer (&self->locked_input, g_bytes_unref);
      show_page (self, "source");
      show_label_error (self->source_error_label, error->message);
      return;
    }

  if (read->import == NULL)
    {
      g_clear_pointer (&self->locked_input, g_bytes_unref);
      self->locked_input = g_bytes_ref (read->input);
      show_page (self, "password");
      show_label_error (self->password_error_label, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  g_clear_pointer (&self->locked_input, g_bytes_unref);
  show_preview (self, read->import);
}

static void
start_reading (TokenImportDialog *self,
               ReadJob           *job)
{
  g_autoptr(GTask) task = NULL;
  gboolean has_password = job->password != NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  show_label_error (self->source_error_label, NULL);
  show_page (self, "reading");
  task = g_task_new (self, self->cancellable, read_done, GINT_TO_POINTER (has_password));
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_in_thread);
}

static void
read_bytes (TokenImportDialog *self,
            GBytes            *input)
{
  ReadJob *job = g_new0 (ReadJob, 1);

  job->input = g_bytes_ref (input);
  start_reading (self, job);
}

/* Actions */

static void
read_text_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TokenImportDialog *self = TOKEN_IMPORT_DIALOG (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autoptr(GBytes) input = NULL;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  input = token_secure_bytes_new_take (text, strlen (text));
  read_bytes (self, input);
}

static void
open_response (GtkNativeDialog   *chooser,
               int                response,
               TokenImportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    token_import_dialog_read_file (self, file);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_file_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Tokens from Other Apps"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");

  chooser = gtk_file_chooser_native_new (_("Open File"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
texture_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TokenImportDialog) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;

  if (!(texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_label_error (self->source_error_label, _("The clipboard holds no image."));
      return;
    }

  png = gdk_texture_save_to_png_bytes (texture);
  read_bytes (self, png);
}

static gboolean
clipboard_has_image (GdkClipboard *clipboard)
{
  g_autoptr(GdkContentFormats) formats = NULL;

  formats = gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));
  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE);
}

/* Without an image the answer is known before reading (and GTK 4.8 would
 * leak its read when no format fits). */
static void
paste_image_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TokenImportDialog *self = TOKEN_IMPORT_DIALOG (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  if (!clipboard_has_image (clipboard))
    {
      show_label_error (self->source_error_label, _("The clipboard holds no image."));
      return;
    }

  gdk_clipboard_read_texture_async (clipboard, self->cancellable, texture_read, g_object_ref (self));
}

static void
unlock_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TokenImportDialog *self = TOKEN_IMPORT_DIALOG (widget);
  ReadJob *job;

  if (self->locked_input == NULL)
    return;

  job = g_new0 (ReadJob, 1);
  job->input = g_bytes_ref (self->locked_input);
  job->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  start_reading (self, job);
}

static void
on_password_activated (TokenImportDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.unlock", NULL);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TokenImportDialog *self = TOKEN_IMPORT_DIALOG (widget);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->import == NULL)
    return;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (chosen, g_list_model_get_item (token_import_get_credentials (self->import), i));

  if (chosen->len > 0)
    g_signal_emit (self, signals[IMPORT_CREDENTIALS], 0, chosen);
}

/* GObject */

static void
token_import_dialog_dispose (GObject *object)
{
  TokenImportDialog *self = (TokenImportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOKEN_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->import);
  g_clear_pointer (&self->locked_input, g_bytes_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (token_import_dialog_parent_class)->dispose (object);
}

static void
token_import_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TokenImportDialog *self = TOKEN_IMPORT_DIALOG (object);

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
token_import_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TokenImportDialog *self = TOKEN_IMPORT_DIALOG (object);

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
token_import_dialog_class_init (TokenImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = token_import_dialog_dispose;
  object_class->get_property = token_import_dialog_get_property;
  object_class->set_property = token_import_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TOKEN_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TokenImportDialog::import-credentials:
   * @credentials: (element-type TokenCredential): the chosen tokens
   *
   * The dialog stays open until the caller closes it, or shows why
   * storing failed.
   */
  signals[IMPORT_CREDENTIALS] =
    g_signal_new ("import-credentials",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/token-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TokenImportDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, TokenImportDialog, source_error_label);
  gtk_widget_class_bind_template_child (widget_class, TokenImportDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TokenImportDialog, password_error_label);
  gtk_widget_class_bind_template_child (widget_class, TokenImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, TokenImportDialog, tokens_group);
  gtk_widget_class_bind_template_child (widget_class, TokenImportDialog, tokens_list);
  gtk_widget_class_bind_template_child (widget_class, TokenImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, TokenImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, TokenImportDialog, import_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated);

  gtk_widget_class_install_action (widget_class, "dialog.read-text", NULL, read_text_activated);
  gtk_widget_class_install_action (widget_class, "dialog.open-file", NULL, open_file_activated);
  gtk_widget_class_install_action (widget_class, "dialog.paste-image", NULL, paste_image_activated);
  gtk_widget_class_install_action (widget_class, "dialog.unlock", NULL, unlock_activated);
  gtk_widget_class_install_action (widget_class, "dialog.import", NULL, import_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
token_import_dialog_init (TokenImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.import", FALSE);
}

TokenImportDialog *
token_import_dialog_new (GtkWindow  *parent,
                         TokenStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TOKEN_IS_STORE (store), NULL);

  return g_object_new (TOKEN_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

/* Puts @text in the paste box, as if the user had pasted it. */
void
token_import_dialog_set_text (TokenImportDialog *self,
                              const char        *text)
{
  g_return_if_fail (TOKEN_IS_IMPORT_DIALOG (self));
  g_return_if_fail (text != NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
}

/* Reads @file on a worker thread, then shows the preview, the password
 * page or the reason it cannot be read. */
void
token_import_dialog_read_file (TokenImportDialog *self,
                               GFile             *file)
{
  ReadJob *job;

  g_return_if_fail (TOKEN_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ReadJob, 1);
  job->file = g_object_ref (file);
  start_reading (self, job);
}

/* “source”, “password”, “reading” or “preview”. */
const char *
token_import_dialog_get_page_name (TokenImportDialog *self)
{
  g_return_val_if_fail (TOKEN_IS_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* What the preview shows, or NULL before anything was read. */
TokenImport *
token_import_dialog_get_import (TokenImportDialog *self)
{
  g_return_val_if_fail (TOKEN_IS_IMPORT_DIALOG (self), NULL);

  return self->import;
}

gboolean
token_import_dialog_get_chosen (TokenImportDialog *self,
                                guint              index)
{
  g_return_val_if_fail (TOKEN_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (self->checks != NULL && index < self->checks->len, FALSE);

  return gtk_check_button_get_active (g_ptr_array_index (self->checks, index));
}

/* As a click on the token's check box: a token already on this computer
 * stays unchosen. */
void
token_import_dialog_set_chosen (TokenImportDialog *self,
                                guint              index,
                                gboolean           chosen)
{
  GtkWidget *check;

  g_return_if_fail (TOKEN_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->checks != NULL && index < self->checks->len);

  check = g_ptr_array_index (self->checks, index);
  if (gtk_widget_get_sensitive (check))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), chosen);
}

void
token_import_dialog_show_error (TokenImportDialog *self,
                                const char        *message)
{
  g_return_if_fail (TOKEN_IS_IMPORT_DIALOG (self));

  show_label_error (self->import_error_label, message);
}
