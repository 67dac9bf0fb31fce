/* token-cli-export-formats.c: the formats of other apps for soft-token-cli
 * export, from the exchange library's one table of writers
 *
 * Unlike the transfer file these hold the secrets in the clear: each says
 * so on the terminal, and a file is written atomically with mode 0600.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#include "token-atomic-file.h"
#include "token-cli-export-formats.h"

static gboolean
writes_to_stdout (const TokenCliExportOptions *options)
{
  return options->output == NULL || g_str_equal (options->output, "-");
}

static TokenCliExit
write_output (const TokenCliExportOptions *options,
              GBytes                      *contents)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  if (writes_to_stdout (options))
    {
      if (isatty (STDOUT_FILENO))
        fprintf (stderr, "soft-token-cli: %s\n",
                 _("Warning: this output holds the secrets of the tokens; whoever sees it can copy them."));
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        {
          fprintf (stderr, "soft-token-cli: %s\n", _("Could not write to standard output"));
          return TOKEN_CLI_EXIT_ERROR;
        }
      return TOKEN_CLI_EXIT_OK;
    }

  {
    g_autoptr(GFile) destination = g_file_new_for_commandline_arg (options->output);

    if (!token_atomic_file_write (destination, contents, NULL, &error))
      return token_cli_report_error (error);
  }

  if (isatty (STDOUT_FILENO))
    fprintf (stderr, "soft-token-cli: %s\n",
             _("Warning: this file holds the secrets of the tokens in the clear; keep it private and delete it when it is no longer needed."));
  return TOKEN_CLI_EXIT_OK;
}

/* What the options give that @writer cannot take, or what it lacks. */
static TokenCliExit
check_options (const TokenCliExportOptions *options,
               const TokenExchangeWriter   *writer,
               GPtrArray                   *credentials)
{
  if (options->user != NULL && !writer->needs_user)
    /* Translators: %s is the name of a format, as in “--format qr” */
    return token_cli_usage_error (_("The format “%s” does not take --user."), writer->name);
  if (options->passphrase_file != NULL || options->generate_passphrase)
    return token_cli_usage_error (_("The format “%s” is not encrypted: it takes no passphrase."), writer->name);
  if (writer->one_token && credentials->len != 1)
    return token_cli_usage_error (_("The format “%s” holds exactly one token: give one Credential ID."), writer->name);
  if (writer->needs_user && options->user == NULL)
    return token_cli_usage_error ("%s", _("A pam_oath line names the user who logs in with the token: give it with --user NAME."));
  if (writer->image && writes_to_stdout (options))
    return token_cli_usage_error ("%s", _("A QR code is an image: give the file to write with --output FILE.png or FILE.svg."));
  if (writer->image && !token_exchange_writer_knows_image_kind (options->output))
    return token_cli_usage_error (_("“%s” ends neither in .png nor in .svg, so the kind of image is unknown."),
                                  options->output);

  return TOKEN_CLI_EXIT_OK;
}

TokenCliExit
token_cli_export_exchange (const TokenCliExportOptions *options,
                           const TokenExchangeWriter   *writer,
                           GPtrArray                   *credentials)
{
  TokenExchangeWriteOptions write_options = {
    .file_name = writes_to_stdout (options) ? NULL : options->output,
    .user = options->user,
  };
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  TokenCliExit status;

  if ((status = check_options (options, writer, credentials)) != TOKEN_CLI_EXIT_OK)
    return status;

  if (!(contents = writer->write (credentials, &write_options, &error)))
    return token_cli_report_error (error);

  return write_output (options, contents);
}
