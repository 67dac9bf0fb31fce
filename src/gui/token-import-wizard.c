/* token-import-wizard.c: the Import from Another Device wizard (new device)
 *
 * The file (picked in the file chooser, opened from the file manager, given
 * on the command line or dropped on the window) -> its passphrase -> the
 * key derivation and decryption, in the core's worker thread -> a preview
 * of each token (ID, issuer, kind); a token whose ID is already here is
 * skipped unless the user turns on Replace and confirms it -> stored ->
 * the confirmation code for the old device, large, and an offer to delete
 * the transfer file, which stays usable until it is deleted. The pages are
 * a GtkStack in token-import-wizard.ui; the preview rows are built here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-import-wizard.h"
#include "token-secure.h"
#include "token-transfer.h"

#define PULSE_INTERVAL_MS 100

struct _TokenImportWizard
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkButton           *next_button;
  GtkLabel            *passphrase_description;
  AdwPasswordEntryRow *passphrase_entry;
  GtkLabel            *passphrase_error;
  GtkProgressBar      *progress;
  GtkListBox          *preview_list;
  GtkLabel            *code_label;
  GtkLabel            *delete_result;

  /* Owned state */
  TokenStore          *store;
  GFile               *file;
  TokenTransfer       *transfer;
  GPtrArray           *replace_switches;
  char                *code;
  GCancellable        *cancellable;
  guint                pulse_source;
  guint                next_to_store;
  guint                n_stored;
};

G_DEFINE_FINAL_TYPE (TokenImportWizard, token_import_wizard, ADW_TYPE_WINDOW)

static void
show_page (TokenImportWizard *self,
           const char        *name)
{
  gboolean passphrase = g_str_equal (name, "passphrase");
  gboolean preview = g_str_equal (name, "preview");
  gboolean done = g_str_equal (name, "done");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), passphrase || preview || done);
  gtk_button_set_label (self->next_button,
                        passphrase ? _("_Open") : preview ? _("_Import") : _("_Done"));
}

static gboolean
on_pulse (gpointer user_data)
{
  TokenImportWizard *self = user_data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
start_pulsing (TokenImportWizard *self)
{
  if (self->pulse_source == 0)
    self->pulse_source = g_timeout_add (PULSE_INTERVAL_MS, on_pulse, self);
}

static void
stop_pulsing (TokenImportWizard *self)
{
  g_clear_handle_id (&self->pulse_source, g_source_remove);
}

static char *
describe_token (TokenCredential *credential)
{
  const char *kind = token_credential_get_kind (credential) == TOKEN_KIND_HOTP
                     ? _("Counter-based (HOTP)") : _("Time-based (TOTP)");
  const char *issuer = token_credential_get_issuer (credential);

  if (issuer == NULL)
    return g_strdup (kind);
  /* Translators: an issuer, then the kind of token */
  return g_strdup_printf (_("%s · %s"), issuer, kind);
}

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  GtkSwitch *replace_switch = user_data;

  if (g_str_equal (response, "replace"))
    {
      g_object_set_data (G_OBJECT (replace_switch), "confirmed", GINT_TO_POINTER (TRUE));
      gtk_switch_set_state (replace_switch, TRUE);
    }
  else
    gtk_switch_set_active (replace_switch, FALSE);
  g_object_unref (replace_switch);
}

/* Turning Replace on asks first: the token here would be lost. */
static gboolean
on_replace_state_set (GtkSwitch         *replace_switch,
                      gboolean           state,
                      TokenImportWizard *self)
{
  TokenCredential *credential = g_object_get_data (G_OBJECT (replace_switch), "credential");
  g_autofree char *display_id = NULL;
  AdwMessageDialog *dialog;

  if (!state)
    g_object_set_data (G_OBJECT (replace_switch), "confirmed", NULL);
  if (!state || g_object_get_data (G_OBJECT (replace_switch), "confirmed") != NULL)
    return FALSE;

  display_id = token_credential_dup_display_id (credential);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Token Here?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("This device already has a token with the Credential ID %s. If it is replaced by the one from the file, the token here is lost, and services registered with it will not accept its codes any more."),
                                  display_id);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep the Token Here"),
                                    "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), g_object_ref (replace_switch));
  gtk_window_present (GTK_WINDOW (dialog));

  /* Stays off until the answer. */
  return TRUE;
}

static void
fill_preview (TokenImportWizard *self)
{
  GPtrArray *credentials = token_transfer_get_credentials (self->transfer);

  for (guint i = 0; i < credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (credentials, i);
      g_autofree char *display_id = token_credential_dup_display_id (credential);
      g_autofree char *description = describe_token (credential);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *replace_switch = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display_id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);

      if (token_store_find (self->store, token_credential_get_credential_id (credential)) != NULL)
        {
          GtkWidget *label = gtk_label_new (_("Already here: replace"));

          gtk_widget_add_css_class (label, "dim-label");
          replace_switch = gtk_switch_new ();
          gtk_widget_set_valign (replace_switch, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (replace_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Replace the token that is already here"), -1);
          g_object_set_data (G_OBJECT (replace_switch), "credential", credential);
          g_signal_connect (replace_switch, "state-set", G_CALLBACK (on_replace_state_set), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), replace_switch);
        }

      g_ptr_array_add (self->replace_switches, replace_switch);
      gtk_list_box_append (self->preview_list, row);
    }
}

static void
transfer_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TokenImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;

  stop_pulsing (self);
  self->transfer = token_transfer_load_finish (result, &error);
  if (self->transfer == NULL)
    {
      show_page (self, "passphrase");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->passphrase_error, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->passphrase_error), TRUE);
        }
      return;
    }

  fill_preview (self);
  show_page (self, "preview");
}

static void
open_file (TokenImportWizard *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));

  if (*passphrase == '\0')
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_error), FALSE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_page (self, "opening");
  start_pulsing (self);
  token_transfer_load_async (self->file, passphrase, self->cancellable,
                             transfer_loaded, g_object_ref (self));
}

static void store_next (TokenImportWizard *self);

static void
token_stored (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TokenImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!token_store_add_finish (TOKEN_STORE (source), result, &error))
    {
      /* What is stored stays (the old device still has every token); the
       * code is not shown, so the old device keeps its copies. */
      stop_pulsing (self);
      show_page (self, "preview");
      gtk_widget_set_visible (GTK_WIDGET (self->next_button), FALSE);
      {
        AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import Failed"), error->message));

        adw_message_dialog_add_response (dialog, "close", _("_Close"));
        gtk_window_present (GTK_WINDOW (dialog));
      }
      return;
    }

  self->n_stored++;
  store_next (self);
}

static void
store_next (TokenImportWizard *self)
{
  GPtrArray *credentials = token_transfer_get_credentials (self->transfer);

  while (self->next_to_store < credentials->len)
    {
      guint i = self->next_to_store++;
      GtkSwitch *replace_switch = g_ptr_array_index (self->replace_switches, i);
      TokenStoreAddFlags flags = TOKEN_STORE_ADD_NONE;

      if (replace_switch != NULL)
        {
          if (!gtk_switch_get_state (replace_switch))
            continue;
          flags = TOKEN_STORE_ADD_REPLACE;
        }

      token_store_add_async (self->store, g_ptr_array_index (credentials, i), flags,
                             self->cancellable, token_stored, g_object_ref (self));
      return;
    }

  stop_pulsing (self);
  self->code = token_transfer_dup_confirmation_code (self->transfer);
  {
    /* Read and typed in two groups of four; the old device ignores the
     * space. */
    g_autofree char *grouped = g_strdup_printf ("%.4s %s", self->code, self->code + 4);

    gtk_label_set_label (self->code_label, grouped);
  }
  show_page (self, "done");
}

static void
store_tokens (TokenImportWizard *self)
{
  show_page (self, "storing");
  start_pulsing (self);
  self->next_to_store = 0;
  store_next (self);
}

static void
file_deleted (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TokenImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (source), result, &error))
    {
      gtk_label_set_label (self->delete_result, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.delete-file", TRUE);
    }
  else
    gtk_label_set_label (self->delete_result, _("The transfer file is deleted."));
  gtk_widget_set_visible (GTK_WIDGET (self->delete_result), TRUE);
}

static void
delete_file_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TokenImportWizard *self = TOKEN_IMPORT_WIZARD (widget);

  gtk_widget_action_set_enabled (widget, "wizard.delete-file", FALSE);
  g_file_delete_async (self->file, G_PRIORITY_DEFAULT, NULL, file_deleted, g_object_ref (self));
}

static void
describe_file (TokenImportWizard *self)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *description = g_strdup_printf (_("Type the passphrase that was chosen on the old device for “%s”."), name);

  gtk_label_set_label (self->passphrase_description, description);
}

void
token_import_wizard_next (TokenImportWizard *self)
{
  const char *page;

  g_return_if_fail (TOKEN_IS_IMPORT_WIZARD (self));

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_str_equal (page, "passphrase"))
    open_file (self);
  else if (g_str_equal (page, "preview"))
    store_tokens (self);
  else if (g_str_equal (page, "done"))
    gtk_window_close (GTK_WINDOW (self));
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  token_import_wizard_next (TOKEN_IMPORT_WIZARD (widget));
}

static void
token_import_wizard_dispose (GObject *object)
{
  TokenImportWizard *self = (TokenImportWizard *) object;

  g_cancellable_cancel (self->cancellable);
  stop_pulsing (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOKEN_TYPE_IMPORT_WIZARD);

  G_OBJECT_CLASS (token_import_wizard_parent_class)->dispose (object);
}

static void
token_import_wizard_finalize (GObject *object)
{
  TokenImportWizard *self = (TokenImportWizard *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->transfer);
  g_clear_pointer (&self->replace_switches, g_ptr_array_unref);
  g_clear_pointer (&self->code, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (token_import_wizard_parent_class)->finalize (object);
}

static void
token_import_wizard_class_init (TokenImportWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = token_import_wizard_dispose;
  object_class->finalize = token_import_wizard_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/token-import-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, TokenImportWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, TokenImportWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, TokenImportWizard, passphrase_description);
  gtk_widget_class_bind_template_child (widget_class, TokenImportWizard, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, TokenImportWizard, passphrase_error);
  gtk_widget_class_bind_template_child (widget_class, TokenImportWizard, progress);
  gtk_widget_class_bind_template_child (widget_class, TokenImportWizard, preview_list);
  gtk_widget_class_bind_template_child (widget_class, TokenImportWizard, code_label);
  gtk_widget_class_bind_template_child (widget_class, TokenImportWizard, delete_result);
  gtk_widget_class_bind_template_callback (widget_class, open_file);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "wizard.delete-file", NULL, delete_file_activated);
}

static void
token_import_wizard_init (TokenImportWizard *self)
{
  self->replace_switches = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

TokenImportWizard *
token_import_wizard_new (GtkWindow  *parent,
                         TokenStore *store,
                         GFile      *file)
{
  TokenImportWizard *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TOKEN_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TOKEN_TYPE_IMPORT_WIZARD, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->file = g_object_ref (file);
  describe_file (self);
  show_page (self, "passphrase");
  return self;
}

const char *
token_import_wizard_get_page_name (TokenImportWizard *self)
{
  g_return_val_if_fail (TOKEN_IS_IMPORT_WIZARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkEditable *
token_import_wizard_get_passphrase_entry (TokenImportWizard *self)
{
  g_return_val_if_fail (TOKEN_IS_IMPORT_WIZARD (self), NULL);

  return GTK_EDITABLE (self->passphrase_entry);
}

const char *
token_import_wizard_get_code (TokenImportWizard *self)
{
  g_return_val_if_fail (TOKEN_IS_IMPORT_WIZARD (self), NULL);

  return self->code;
}
