/* token-cli-export-formats.c: otpauth lists, QR images, pam_oath lines and
 * plain Aegis vaults for soft-token-cli export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "token-aegis.h"
#include "token-cli-export-formats.h"
#include "token-pam-oath.h"
#include "token-qr.h"
#include "token-secure.h"
#include "token-uri-list.h"
#include "token-uri.h"

/* Big enough for a phone to read the code from a screen or from paper. */
#define QR_MODULE_PIXELS 8

static GBytes *
secure_bytes_from_string (char *text)
{
  return token_secure_bytes_new_take (text, strlen (text));
}

static gboolean
check_one_token (GPtrArray   *credentials,
                 const char  *format,
                 GError     **error)
{
  if (credentials->len != 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s is the name of a format, as in “--format qr” */
                   _("The format “%s” holds exactly one token: give one Credential ID"), format);
      return FALSE;
    }

  return TRUE;
}

GBytes *
token_cli_export_otpauth (GPtrArray                    *credentials,
                          const TokenCliExportOptions  *options,
                          GError                      **error)
{
  g_return_val_if_fail (credentials != NULL, NULL);

  return secure_bytes_from_string (token_uri_list_format (credentials));
}

GBytes *
token_cli_export_qr (GPtrArray                    *credentials,
                     const TokenCliExportOptions  *options,
                     GError                      **error)
{
  g_autoptr(TokenSecureString) uri = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (credentials != NULL && options != NULL, NULL);

  if (!check_one_token (credentials, "qr", error))
    return NULL;

  if (options->output == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("A QR code is an image: give the file to write with --output FILE.png or FILE.svg"));
      return NULL;
    }

  uri = token_uri_format (g_ptr_array_index (credentials, 0));
  lower = g_ascii_strdown (options->output, -1);
  if (g_str_has_suffix (lower, ".png"))
    return token_qr_write_png (uri, QR_MODULE_PIXELS, error);
  if (g_str_has_suffix (lower, ".svg"))
    {
      char *svg = token_qr_write_svg (uri, error);

      return svg != NULL ? secure_bytes_from_string (svg) : NULL;
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” ends neither in .png nor in .svg, so the kind of image is unknown"),
               options->output);
  return NULL;
}

GBytes *
token_cli_export_pam_oath (GPtrArray                    *credentials,
                           const TokenCliExportOptions  *options,
                           GError                      **error)
{
  g_autoptr(TokenSecureString) line = NULL;

  g_return_val_if_fail (credentials != NULL && options != NULL, NULL);

  if (!check_one_token (credentials, "pam-oath", error))
    return NULL;

  if (options->user == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("A pam_oath line names the user who logs in with the token: give it with --user NAME"));
      return NULL;
    }

  if (!(line = token_pam_oath_format_line (g_ptr_array_index (credentials, 0), options->user, error)))
    return NULL;

  return secure_bytes_from_string (g_strconcat (line, "\n", NULL));
}

GBytes *
token_cli_export_aegis (GPtrArray                    *credentials,
                        const TokenCliExportOptions  *options,
                        GError                      **error)
{
  g_return_val_if_fail (credentials != NULL, NULL);

  return token_aegis_write (credentials, error);
}
