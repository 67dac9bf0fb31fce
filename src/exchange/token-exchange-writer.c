/* token-exchange-writer.c: the one table of the formats of other apps that
 * Soft Token writes
 *
 * Each writer returns the whole output, wiped when freed: these formats
 * hold the secrets in the clear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "token-aegis.h"
#include "token-exchange-writer.h"
#include "token-pam-oath.h"
#include "token-qr.h"
#include "token-secure.h"
#include "token-uri-list.h"
#include "token-uri.h"

/* Big enough for a phone to read the code from a screen or from paper. */
#define QR_MODULE_PIXELS 8

static GBytes *
write_otpauth (GPtrArray                       *credentials,
               const TokenExchangeWriteOptions *options,
               GError                         **error)
{
  char *text = token_uri_list_format (credentials);

  return token_secure_bytes_new_take (text, strlen (text));
}

static GBytes *
write_aegis (GPtrArray                       *credentials,
             const TokenExchangeWriteOptions *options,
             GError                         **error)
{
  return token_aegis_write (credentials, error);
}

static GBytes *
write_pam_oath (GPtrArray                       *credentials,
                const TokenExchangeWriteOptions *options,
                GError                         **error)
{
  g_autoptr(TokenSecureString) line = NULL;
  char *text;

  g_return_val_if_fail (credentials->len == 1 && options->user != NULL, NULL);

  if (!(line = token_pam_oath_format_line (g_ptr_array_index (credentials, 0), options->user, error)))
    return NULL;

  text = g_strconcat (line, "\n", NULL);
  return token_secure_bytes_new_take (text, strlen (text));
}

static gboolean
names_svg (const char *file_name)
{
  g_autofree char *lower = file_name != NULL ? g_ascii_strdown (file_name, -1) : NULL;

  return lower != NULL && g_str_has_suffix (lower, ".svg");
}

static GBytes *
write_qr (GPtrArray                       *credentials,
          const TokenExchangeWriteOptions *options,
          GError                         **error)
{
  g_autoptr(TokenSecureString) uri = NULL;
  char *svg;

  g_return_val_if_fail (credentials->len == 1, NULL);

  uri = token_uri_format (g_ptr_array_index (credentials, 0));
  if (!names_svg (options->file_name))
    return token_qr_write_png (uri, QR_MODULE_PIXELS, error);

  if (!(svg = token_qr_write_svg (uri, error)))
    return NULL;
  return token_secure_bytes_new_take (svg, strlen (svg));
}

static const TokenExchangeWriter writers[TOKEN_EXCHANGE_N_FORMATS] = {
  { TOKEN_EXCHANGE_FORMAT_OTPAUTH, "otpauth", N_("otpauth:// Links"),
    N_("One link a line, for FreeOTP+, Aegis and other authenticator apps"),
    "tokens.txt", FALSE, FALSE, FALSE, write_otpauth },
  { TOKEN_EXCHANGE_FORMAT_AEGIS, "aegis", N_("Aegis Vault"),
    N_("A plain Aegis backup, for the Aegis app"),
    "aegis-export.json", FALSE, FALSE, FALSE, write_aegis },
  { TOKEN_EXCHANGE_FORMAT_PAM_OATH, "pam-oath", N_("pam_oath Line"),
    N_("A line for a pam_oath users file on a server, for one token"),
    "users.oath", TRUE, TRUE, FALSE, write_pam_oath },
  { TOKEN_EXCHANGE_FORMAT_QR, "qr", N_("QR Code Image"),
    N_("A PNG image to scan with a phone or to give to a service, for one token"),
    "token.png", TRUE, FALSE, TRUE, write_qr },
};

const TokenExchangeWriter *
token_exchange_writer_get (TokenExchangeFormat format)
{
  g_return_val_if_fail (format < TOKEN_EXCHANGE_N_FORMATS, NULL);

  return &writers[format];
}

/* The writer soft-token-cli export --format NAME uses, or NULL. */
const TokenExchangeWriter *
token_exchange_writer_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    if (g_str_equal (writers[i].name, name))
      return &writers[i];

  return NULL;
}

/* Whether an image writer can tell from @file_name which image to draw. */
gboolean
token_exchange_writer_knows_image_kind (const char *file_name)
{
  g_autofree char *lower = g_ascii_strdown (file_name, -1);

  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg");
}
