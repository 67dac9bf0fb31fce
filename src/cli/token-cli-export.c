/* token-cli-export.c: soft-token-cli export
 *
 * One command for every way out of the keyring, chosen with --format: the
 * transfer file, or one of the exchange library's writers of other apps'
 * formats.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "token-cli.h"
#include "token-cli-export-formats.h"
#include "token-credential-id.h"
#include "token-error.h"
#include "token-passphrase.h"
#include "token-secure.h"
#include "token-store.h"
#include "token-transfer.h"

/* The passphrase of a new transfer file: from --passphrase-file, generated,
 * or typed twice on the terminal. A chosen one must be strong enough. */
static TokenCliExit
export_passphrase (const TokenCliExportOptions  *options,
                   char                        **passphrase)
{
  g_autoptr(TokenSecureString) chosen = NULL;
  g_autoptr(TokenSecureString) again = NULL;
  g_autoptr(GError) error = NULL;

  if (options->generate_passphrase)
    {
      *passphrase = token_passphrase_generate ();
      return TOKEN_CLI_EXIT_OK;
    }

  if (options->passphrase_file != NULL)
    {
      if ((chosen = token_cli_read_passphrase_file (options->passphrase_file, &error)) == NULL)
        return token_cli_report_error (error);
    }
  else
    {
      if (!isatty (STDIN_FILENO))
        return token_cli_usage_error ("%s", _("Without a terminal to type the passphrase on, give it with --passphrase-file FILE, or use --generate-passphrase."));
      if ((chosen = token_cli_prompt_secret (_("Passphrase for the transfer file: "))) == NULL)
        return TOKEN_CLI_EXIT_ERROR;
    }

  if (!token_passphrase_check (chosen, &error))
    {
      /* Translators: the reason follows. */
      fprintf (stderr, "soft-token-cli: %s: %s. %s\n", _("Not exported"), error->message,
               _("Choose a stronger passphrase, or let soft-token-cli make one with --generate-passphrase."));
      return TOKEN_CLI_EXIT_ERROR;
    }

  if (options->passphrase_file == NULL)
    {
      again = token_cli_prompt_secret (_("The same passphrase again: "));
      if (again == NULL || !g_str_equal (chosen, again))
        {
          fprintf (stderr, "soft-token-cli: %s\n", _("The two passphrases are not the same. Nothing was exported."));
          return TOKEN_CLI_EXIT_ERROR;
        }
    }

  *passphrase = g_steal_pointer (&chosen);
  return TOKEN_CLI_EXIT_OK;
}

/* The encrypted transfer file of a move, and the pending move that waits
 * for the new device's confirmation code. */
static TokenCliExit
export_transfer (const TokenCliExportOptions *options,
                 TokenStore                  *store,
                 GPtrArray                   *credentials)
{
  g_autoptr(TokenSecureString) passphrase = NULL;
  g_autoptr(TokenTransfer) transfer = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GError) error = NULL;
  TokenCliExit status;

  if (options->user != NULL)
    return token_cli_usage_error ("%s", _("The transfer format does not take --user."));

  if ((transfer = token_transfer_new (credentials, &error)) == NULL)
    return token_cli_report_error (error);
  if ((status = export_passphrase (options, &passphrase)) != TOKEN_CLI_EXIT_OK)
    return status;

  destination = g_file_new_for_commandline_arg (options->output);
  if (!token_transfer_save (transfer, passphrase, TOKEN_TRANSFER_DEFAULT_COST, destination, NULL, &error))
    return token_cli_report_error (error);

  /* Without its pending move the file could never be confirmed here: it
   * goes too. */
  if (!token_store_start_move_sync (store, transfer, NULL, &error))
    {
      g_file_delete (destination, NULL, NULL);
      return token_cli_report_error (error);
    }

  if (options->generate_passphrase)
    {
      printf (_("Passphrase (write it down; the new device asks for it): %s\n"), passphrase);
      printf ("\n");
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u token to %s\n", "Exported %u tokens to %s\n",
                       credentials->len),
          credentials->len, options->output);
  printf ("%s\n", _("Next steps:"));
  printf ("  %s\n", _("1. Copy the file to the new device and import it there (in Soft Token, or with “soft-token-cli import FILE”), with the passphrase."));
  printf ("  %s\n", _("2. The new device then shows a confirmation code. Enter it here with “soft-token-cli confirm-move ID CODE”: only then are the tokens removed from this device."));
  printf ("  %s\n", _("3. Delete the transfer file: anyone with it and the passphrase can import the tokens until it is deleted."));
  printf ("%s\n", _("Until the code is entered, the tokens keep working here."));

  return TOKEN_CLI_EXIT_OK;
}

/* The transfer file is the app's own format; the others come from the
 * exchange library's table, the one the app's export dialog uses too. */
static const char transfer_name[] = "transfer";

static char *
format_names (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  g_strv_builder_add (builder, transfer_name);
  for (TokenExchangeFormat f = 0; f < TOKEN_EXCHANGE_N_FORMATS; f++)
    g_strv_builder_add (builder, token_exchange_writer_get (f)->name);
  names = g_strv_builder_end (builder);

  return g_strjoinv (", ", names);
}

/* The tokens named on the command line, or every token when none is. An
 * unquoted “SOFT 1234 5678” names one token when it is one. */
static TokenCliExit
collect_credentials (TokenStore  *store,
                     int          argc,
                     char       **argv,
                     GPtrArray  **credentials)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *joined = token_cli_join_id (argc, argv);
  g_autoptr(GError) error = NULL;
  TokenCredential *credential;

  if (!token_store_load_sync (store, NULL, &error))
    return token_cli_report_error (error);
  token_cli_warn_damaged (store);

  if (argc < 2)
    {
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (store));

      for (guint i = 0; i < n_items; i++)
        g_ptr_array_add (found, g_list_model_get_item (G_LIST_MODEL (store), i));
      if (found->len == 0)
        {
          fprintf (stderr, "soft-token-cli: %s\n", _("There are no tokens in the keyring to export."));
          return TOKEN_CLI_EXIT_NOT_FOUND;
        }
    }
  else if ((credential = token_store_find (store, joined)) != NULL)
    g_ptr_array_add (found, g_object_ref (credential));
  else
    for (int i = 1; i < argc; i++)
      {
        TokenCliExit status;

        if ((status = token_cli_check_id (argv[i])) != TOKEN_CLI_EXIT_OK)
          return status;
        if ((credential = token_store_find (store, argv[i])) == NULL)
          {
            g_autofree char *display_id = token_credential_id_format (argv[i]);

            fprintf (stderr, "soft-token-cli: ");
            fprintf (stderr, _("There is no token with the Credential ID %s in the keyring."), display_id);
            fprintf (stderr, "\n");
            return TOKEN_CLI_EXIT_NOT_FOUND;
          }
        if (!g_ptr_array_find (found, credential, NULL))
          g_ptr_array_add (found, g_object_ref (credential));
      }

  *credentials = g_steal_pointer (&found);
  return TOKEN_CLI_EXIT_OK;
}

static TokenCliExit
run_export (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(GPtrArray) credentials = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *user = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *names = format_names ();
  g_autofree char *format_help = NULL;
  TokenCliExportOptions options = { 0 };
  const TokenExchangeWriter *writer = NULL;
  gboolean transfer;
  gboolean generate_passphrase = FALSE;
  TokenCliExit status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      NULL, N_("FORMAT") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the passphrase from the first line of FILE (“-” for standard input)"), N_("FILE") },
    { "generate-passphrase", 0, 0, G_OPTION_ARG_NONE, &generate_passphrase,
      N_("Make a strong passphrase and print it once"), NULL },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user,
      N_("The system user a format names (not used by the transfer format)"), N_("NAME") },
    { NULL }
  };

  format_help = g_strdup_printf (_("The format to write: %s (default: transfer, the encrypted file that moves tokens to a new device)"),
                                 names);
  entries[1].description = format_help;

  context = token_cli_option_context_new (&token_cli_command_export, entries);
  if ((status = token_cli_parse_options (context, &argc, &argv)) != TOKEN_CLI_EXIT_OK)
    return status;

  transfer = format_name == NULL || g_str_equal (format_name, transfer_name);
  if (!transfer && (writer = token_exchange_writer_find (format_name)) == NULL)
    return token_cli_usage_error (_("Unknown format “%s”: use one of %s"), format_name, names);
  if (output == NULL && (transfer || writer->image))
    return token_cli_usage_error ("%s", _("Say where to write: --output FILE"));
  if (generate_passphrase && passphrase_file != NULL)
    return token_cli_usage_error ("%s", _("Use either --generate-passphrase or --passphrase-file, not both."));

  options.output = output;
  options.user = user;
  options.passphrase_file = passphrase_file;
  options.generate_passphrase = generate_passphrase;

  store = token_store_new ();
  if ((status = collect_credentials (store, argc, argv, &credentials)) != TOKEN_CLI_EXIT_OK)
    return status;

  if (transfer)
    return export_transfer (&options, store, credentials);
  return token_cli_export_exchange (&options, writer, credentials);
}

const TokenCliCommand token_cli_command_export = {
  .name = "export",
  .parameters = N_("[--format FORMAT] [--output FILE] [ID…]"),
  .summary = N_("Export tokens (all when no ID is given) to a file, by default the encrypted transfer file that moves them to a new device"),
  .run = run_export,
};
