/* token-base64.c
 *
 * g_base64_decode() skips any character it does not know, so a damaged
 * code would decode to something else instead of being refused. This
 * decoder takes only the standard alphabet, with or without the “=”
 * padding, and its output is wiped when it is freed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-base64.h"
#include "token-secure.h"

static int
base64_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

/**
 * token_base64_decode:
 *
 * Returns: (transfer full) (nullable): the decoded bytes, wiped when freed,
 *   or %NULL when @text is not valid base64
 */
GBytes *
token_base64_decode (const char *text,
                     gsize       length)
{
  guint8 *out;
  gsize out_length = 0;
  guint32 bits = 0;
  guint n_bits = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length % 4 == 0 && length > 0 && text[length - 1] == '=')
    length -= text[length - 2] == '=' ? 2 : 1;
  if (length % 4 == 1)
    return NULL;

  out = g_malloc (length * 3 / 4 + 1);
  for (gsize i = 0; i < length; i++)
    {
      int value = base64_value (text[i]);

      if (value < 0)
        {
          token_secure_wipe (out, out_length);
          g_free (out);
          return NULL;
        }
      bits = bits << 6 | (guint32) value;
      n_bits += 6;
      if (n_bits >= 8)
        {
          n_bits -= 8;
          out[out_length++] = (guint8) (bits >> n_bits);
        }
    }

  /* The bits left over must be zero, or two texts would give one value. */
  if ((bits & ((1u << n_bits) - 1)) != 0)
    {
      token_secure_wipe (out, out_length);
      g_free (out);
      return NULL;
    }

  return token_secure_bytes_new_take (out, out_length);
}

/**
 * token_base64_encode:
 *
 * Returns: (transfer full): @data in base64 with padding, in one exact
 *   allocation; free it with token_secure_string_free()
 */
char *
token_base64_encode (GBytes *data)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const guint8 *bytes;
  gsize size;
  char *out;
  gsize o = 0;

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  out = g_malloc ((size + 2) / 3 * 4 + 1);

  for (gsize i = 0; i < size; i += 3)
    {
      guint32 group = (guint32) bytes[i] << 16;

      if (i + 1 < size)
        group |= (guint32) bytes[i + 1] << 8;
      if (i + 2 < size)
        group |= bytes[i + 2];

      out[o++] = alphabet[group >> 18 & 63];
      out[o++] = alphabet[group >> 12 & 63];
      out[o++] = i + 1 < size ? alphabet[group >> 6 & 63] : '=';
      out[o++] = i + 2 < size ? alphabet[group & 63] : '=';
    }
  out[o] = '\0';

  return out;
}
