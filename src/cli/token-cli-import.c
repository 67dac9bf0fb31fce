/* token-cli-import.c: soft-token-cli import
 *
 * Stores the tokens of a transfer file made on another device, and prints
 * the confirmation code to enter there. An ID that is already here is
 * skipped; --replace replaces it, after a question on a terminal, and only
 * with --yes as well in a script, so that no script replaces a working
 * token by accident.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "token-cli.h"
#include "token-credential-id.h"
#include "token-error.h"
#include "token-secure.h"
#include "token-store.h"
#include "token-transfer.h"

static TokenCliExit
import_passphrase (const char  *passphrase_file,
                   char       **passphrase)
{
  g_autoptr(GError) error = NULL;

  if (passphrase_file != NULL)
    {
      if ((*passphrase = token_cli_read_passphrase_file (passphrase_file, &error)) == NULL)
        return token_cli_report_error (error);
      return TOKEN_CLI_EXIT_OK;
    }

  if (!isatty (STDIN_FILENO))
    return token_cli_usage_error ("%s", _("Without a terminal to type the passphrase on, give it with --passphrase-file FILE."));
  if ((*passphrase = token_cli_prompt_secret (_("Passphrase of the transfer file: "))) == NULL)
    return TOKEN_CLI_EXIT_ERROR;

  return TOKEN_CLI_EXIT_OK;
}

/* Whether a token of the file whose ID is taken here replaces the one
 * here. */
static gboolean
may_replace (TokenCredential *credential,
             gboolean         replace,
             gboolean         yes)
{
  g_autofree char *display_id = token_credential_dup_display_id (credential);
  g_autofree char *question = NULL;

  if (!replace)
    {
      fprintf (stderr, _("Skipped %s: a token with this Credential ID is already here (use --replace to replace it).\n"),
               display_id);
      return FALSE;
    }

  if (yes)
    return TRUE;

  if (!isatty (STDIN_FILENO))
    {
      fprintf (stderr, _("Skipped %s: a token with this Credential ID is already here; without a terminal to ask on, confirm --replace with --yes.\n"),
               display_id);
      return FALSE;
    }

  question = g_strdup_printf (_("A token with the Credential ID %s is already here. Replace it with the one from the file? The token here is lost."),
                              display_id);
  if (!token_cli_ask_yes (question))
    {
      fprintf (stderr, _("Skipped %s.\n"), display_id);
      return FALSE;
    }

  return TRUE;
}

static TokenCliExit
run_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(TokenTransfer) transfer = NULL;
  g_autoptr(TokenSecureString) passphrase = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *code = NULL;
  gboolean replace = FALSE, yes = FALSE;
  guint n_imported = 0;
  GPtrArray *credentials;
  TokenCliExit status;
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the passphrase from the first line of FILE (“-” for standard input)"), N_("FILE") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace a token whose Credential ID is already here (asks first)"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Replace without asking (needed with --replace when not on a terminal)"), NULL },
    { NULL }
  };

  context = token_cli_option_context_new (&token_cli_command_import, entries);
  if ((status = token_cli_parse_options (context, &argc, &argv)) != TOKEN_CLI_EXIT_OK)
    return status;

  if (argc != 2)
    return token_cli_usage_error ("%s", _("Say which file to import: soft-token-cli import FILE"));

  file = g_file_new_for_commandline_arg (argv[1]);
  /* A file that is not a transfer file is refused before the passphrase
   * is asked for. */
  {
    g_autoptr(GBytes) contents = token_transfer_read_file (file, NULL, &error);

    if (contents == NULL || !token_transfer_check_header (contents, &error))
      return token_cli_report_error (error);
  }

  if ((status = import_passphrase (passphrase_file, &passphrase)) != TOKEN_CLI_EXIT_OK)
    return status;
  if ((transfer = token_transfer_load (file, passphrase, NULL, &error)) == NULL)
    return token_cli_report_error (error);

  store = token_store_new ();
  if (!token_store_load_sync (store, NULL, &error))
    return token_cli_report_error (error);

  credentials = token_transfer_get_credentials (transfer);
  for (guint i = 0; i < credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (credentials, i);
      g_autofree char *display_id = token_credential_dup_display_id (credential);
      TokenStoreAddFlags flags = TOKEN_STORE_ADD_NONE;

      if (token_store_find (store, token_credential_get_credential_id (credential)) != NULL)
        {
          if (!may_replace (credential, replace, yes))
            continue;
          flags = TOKEN_STORE_ADD_REPLACE;
        }

      if (!token_store_add_sync (store, credential, flags, NULL, &error))
        return token_cli_report_error (error);

      printf (_("Imported %s (%s, %s)\n"), display_id, token_credential_get_title (credential),
              token_credential_get_kind (credential) == TOKEN_KIND_HOTP ? "HOTP" : "TOTP");
      n_imported++;
    }

  code = token_transfer_dup_confirmation_code (transfer);
  printf ("\n");
  printf (_("Confirmation code: %s\n"), code);
  printf ("%s\n", _("Enter this code on your old device (in Soft Token, or with “soft-token-cli confirm-move ID CODE”) to remove the tokens there."));
  printf (_("Then delete %s: it stays usable with the passphrase until it is deleted.\n"), argv[1]);

  return TOKEN_CLI_EXIT_OK;
}

const TokenCliCommand token_cli_command_import = {
  .name = "import",
  .parameters = N_("FILE"),
  .summary = N_("Store the tokens of a transfer file from another device, and show the confirmation code for the old device"),
  .run = run_import,
};
