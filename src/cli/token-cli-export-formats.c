/* token-cli-export-formats.c: otpauth lists, QR images, pam_oath lines and
 * plain Aegis vaults for soft-token-cli export
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

#include "token-aegis.h"
#include "token-atomic-file.h"
#include "token-cli-export-formats.h"
#include "token-pam-oath.h"
#include "token-qr.h"
#include "token-secure.h"
#include "token-uri-list.h"
#include "token-uri.h"

/* Big enough for a phone to read the code from a screen or from paper. */
#define QR_MODULE_PIXELS 8

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

static TokenCliExit
refuse_user (const TokenCliExportOptions *options,
             const char                  *format)
{
  if (options->user != NULL)
    /* Translators: %s is the name of a format, as in “--format qr” */
    return token_cli_usage_error (_("The format “%s” does not take --user."), format);
  if (options->passphrase_file != NULL || options->generate_passphrase)
    return token_cli_usage_error (_("The format “%s” is not encrypted: it takes no passphrase."), format);

  return TOKEN_CLI_EXIT_OK;
}

static TokenCliExit
check_one_token (GPtrArray  *credentials,
                 const char *format)
{
  if (credentials->len != 1)
    return token_cli_usage_error (_("The format “%s” holds exactly one token: give one Credential ID."), format);

  return TOKEN_CLI_EXIT_OK;
}

TokenCliExit
token_cli_export_otpauth (const TokenCliExportOptions *options,
                          TokenStore                  *store,
                          GPtrArray                   *credentials)
{
  g_autoptr(GBytes) contents = NULL;
  TokenCliExit status;
  char *text;

  if ((status = refuse_user (options, "otpauth")) != TOKEN_CLI_EXIT_OK)
    return status;

  text = token_uri_list_format (credentials);
  contents = token_secure_bytes_new_take (text, strlen (text));
  return write_output (options, contents);
}

TokenCliExit
token_cli_export_qr (const TokenCliExportOptions *options,
                     TokenStore                  *store,
                     GPtrArray                   *credentials)
{
  g_autoptr(TokenSecureString) uri = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lower = NULL;
  TokenCliExit status;

  if ((status = refuse_user (options, "qr")) != TOKEN_CLI_EXIT_OK
      || (status = check_one_token (credentials, "qr")) != TOKEN_CLI_EXIT_OK)
    return status;

  if (writes_to_stdout (options))
    return token_cli_usage_error ("%s", _("A QR code is an image: give the file to write with --output FILE.png or FILE.svg."));

  uri = token_uri_format (g_ptr_array_index (credentials, 0));
  lower = g_ascii_strdown (options->output, -1);
  if (g_str_has_suffix (lower, ".png"))
    contents = token_qr_write_png (uri, QR_MODULE_PIXELS, &error);
  else if (g_str_has_suffix (lower, ".svg"))
    {
      char *svg = token_qr_write_svg (uri, &error);

      if (svg != NULL)
        contents = token_secure_bytes_new_take (svg, strlen (svg));
    }
  else
    return token_cli_usage_error (_("“%s” ends neither in .png nor in .svg, so the kind of image is unknown."),
                                  options->output);

  if (contents == NULL)
    return token_cli_report_error (error);

  return write_output (options, contents);
}

TokenCliExit
token_cli_export_pam_oath (const TokenCliExportOptions *options,
                           TokenStore                  *store,
                           GPtrArray                   *credentials)
{
  g_autoptr(TokenSecureString) line = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  TokenCliExit status;
  char *text;

  if ((status = check_one_token (credentials, "pam-oath")) != TOKEN_CLI_EXIT_OK)
    return status;
  if (options->passphrase_file != NULL || options->generate_passphrase)
    return token_cli_usage_error (_("The format “%s” is not encrypted: it takes no passphrase."), "pam-oath");
  if (options->user == NULL)
    return token_cli_usage_error ("%s", _("A pam_oath line names the user who logs in with the token: give it with --user NAME."));

  if (!(line = token_pam_oath_format_line (g_ptr_array_index (credentials, 0), options->user, &error)))
    return token_cli_report_error (error);

  text = g_strconcat (line, "\n", NULL);
  contents = token_secure_bytes_new_take (text, strlen (text));
  return write_output (options, contents);
}

TokenCliExit
token_cli_export_aegis (const TokenCliExportOptions *options,
                        TokenStore                  *store,
                        GPtrArray                   *credentials)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  TokenCliExit status;

  if ((status = refuse_user (options, "aegis")) != TOKEN_CLI_EXIT_OK)
    return status;

  if (!(contents = token_aegis_write (credentials, &error)))
    return token_cli_report_error (error);

  return write_output (options, contents);
}
