/* token-base32.c
 *
 * Decoding is lenient where people are (case, spaces, hyphens, padding) and
 * strict everywhere else: any other character is an error that names it.
 * The decoded bytes are secrets, so they live in wiped memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "token-base32.h"
#include "token-error.h"
#include "token-secure.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static int
base32_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a';
  if (c >= '2' && c <= '7')
    return c - '2' + 26;
  return -1;
}

static gboolean
is_separator (char c)
{
  return c == ' ' || c == '-' || c == '\t';
}

/* A character that cannot start a UTF-8 sequence is shown as a byte value. */
static void
set_invalid_character_error (GError     **error,
                             const char  *where)
{
  gunichar c = g_utf8_get_char_validated (where, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isprint (c))
    g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_BASE32,
                 _("The secret contains the byte 0x%02X, which is not allowed in base32"),
                 (guchar) *where);
  else
    {
      char utf8[7] = { 0 };

      g_unichar_to_utf8 (c, utf8);
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_BASE32,
                   _("The secret contains “%s”, which is not allowed in base32 (only A–Z and 2–7)"),
                   utf8);
    }
}

GBytes *
token_base32_decode (const char  *text,
                     GError     **error)
{
  g_autofree guint8 *out = NULL;
  gsize len, n_out = 0;
  guint64 buffer = 0;
  guint bits = 0;
  gboolean in_padding = FALSE;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = strlen (text);
  out = g_malloc (len * 5 / 8 + 1);

  for (const char *p = text; *p != '\0'; p++)
    {
      int value;

      if (is_separator (*p))
        continue;

      if (*p == '=')
        {
          in_padding = TRUE;
          continue;
        }

      value = base32_value (*p);
      if (value < 0)
        {
          token_secure_wipe (out, len * 5 / 8 + 1);
          set_invalid_character_error (error, p);
          return NULL;
        }

      if (in_padding)
        {
          token_secure_wipe (out, len * 5 / 8 + 1);
          g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_BASE32,
                               _("The secret has characters after its “=” padding"));
          return NULL;
        }

      buffer = (buffer << 5) | (guint) value;
      bits += 5;
      if (bits >= 8)
        {
          bits -= 8;
          out[n_out++] = (guint8) (buffer >> bits);
        }
    }

  token_secure_wipe (&buffer, sizeof buffer);

  /* The leftover bits of a well-formed base32 string are only the zero
   * bits that pad the last byte, so at most 4 of them. */
  if (bits > 4)
    {
      token_secure_wipe (out, len * 5 / 8 + 1);
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_BASE32,
                           _("The secret has an impossible length for base32; a character may be missing"));
      return NULL;
    }

  if (n_out == 0)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_MISSING_SECRET,
                           _("The secret is empty"));
      return NULL;
    }

  {
    GBytes *bytes = token_secure_bytes_new (out, n_out);

    token_secure_wipe (out, len * 5 / 8 + 1);
    return bytes;
  }
}

char *
token_base32_encode (GBytes *data)
{
  const guint8 *in;
  gsize size;
  GString *out;
  guint64 buffer = 0;
  guint bits = 0;

  g_return_val_if_fail (data != NULL, NULL);

  in = g_bytes_get_data (data, &size);
  out = g_string_sized_new (size * 8 / 5 + 2);

  for (gsize i = 0; i < size; i++)
    {
      buffer = (buffer << 8) | in[i];
      bits += 8;
      while (bits >= 5)
        {
          bits -= 5;
          g_string_append_c (out, alphabet[(buffer >> bits) & 0x1f]);
        }
    }

  if (bits > 0)
    g_string_append_c (out, alphabet[(buffer << (5 - bits)) & 0x1f]);

  token_secure_wipe (&buffer, sizeof buffer);

  return g_string_free (out, FALSE);
}
