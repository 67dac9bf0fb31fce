/* token-credential-id.c
 *
 * An ID made here is 4 letters and 8 digits, the last digit a Luhn check
 * over the 7 before it, so a mistyped digit or two swapped neighbours are
 * caught. IDs from elsewhere (a VIP “SYMC…” ID, an e-mail address) are
 * kept exactly as they came and never checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <openssl/rand.h>

#include "token-credential-id.h"

#define PAYLOAD_DIGITS (TOKEN_CREDENTIAL_ID_DIGITS - 1)
#define NATIVE_LENGTH  (TOKEN_CREDENTIAL_ID_PREFIX_LENGTH + TOKEN_CREDENTIAL_ID_DIGITS)

gboolean
token_credential_id_prefix_is_valid (const char *prefix)
{
  if (prefix == NULL || strlen (prefix) != TOKEN_CREDENTIAL_ID_PREFIX_LENGTH)
    return FALSE;

  for (guint i = 0; i < TOKEN_CREDENTIAL_ID_PREFIX_LENGTH; i++)
    if (!g_ascii_isupper (prefix[i]))
      return FALSE;

  return TRUE;
}

/* The Luhn digit that makes @digits followed by it pass the Luhn check. */
static guint
luhn_check_digit (const char *digits,
                  gsize       n_digits)
{
  guint sum = 0;

  for (gsize i = 0; i < n_digits; i++)
    {
      guint d = (guint) (digits[n_digits - 1 - i] - '0');

      if (i % 2 == 0)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  return (10 - sum % 10) % 10;
}

static guint
random_below (guint bound)
{
  guint32 value;
  guint32 limit = G_MAXUINT32 - G_MAXUINT32 % bound;

  /* Rejection sampling keeps every digit equally likely. */
  do
    {
      if (RAND_bytes ((unsigned char *) &value, sizeof value) != 1)
        g_error ("The system random number generator failed");
    }
  while (value >= limit);

  return value % bound;
}

char *
token_credential_id_generate (const char *prefix)
{
  char id[NATIVE_LENGTH + 1];
  char *digits = id + TOKEN_CREDENTIAL_ID_PREFIX_LENGTH;

  if (prefix == NULL)
    prefix = TOKEN_CREDENTIAL_ID_DEFAULT_PREFIX;
  g_return_val_if_fail (token_credential_id_prefix_is_valid (prefix), NULL);

  memcpy (id, prefix, TOKEN_CREDENTIAL_ID_PREFIX_LENGTH);
  for (guint i = 0; i < PAYLOAD_DIGITS; i++)
    digits[i] = (char) ('0' + random_below (10));
  digits[PAYLOAD_DIGITS] = (char) ('0' + luhn_check_digit (digits, PAYLOAD_DIGITS));
  id[NATIVE_LENGTH] = '\0';

  return g_strdup (id);
}

static gboolean
has_native_shape (const char *id)
{
  if (strlen (id) != NATIVE_LENGTH)
    return FALSE;

  for (guint i = 0; i < NATIVE_LENGTH; i++)
    {
      gboolean letter_expected = i < TOKEN_CREDENTIAL_ID_PREFIX_LENGTH;

      if (letter_expected ? !g_ascii_isupper (id[i]) : !g_ascii_isdigit (id[i]))
        return FALSE;
    }

  return TRUE;
}

/* TRUE for a well-formed ID of our own, with a correct check digit. */
gboolean
token_credential_id_is_valid (const char *id)
{
  g_autofree char *normal = NULL;
  const char *digits;

  g_return_val_if_fail (id != NULL, FALSE);

  normal = token_credential_id_normalize (id);
  if (!has_native_shape (normal))
    return FALSE;

  digits = normal + TOKEN_CREDENTIAL_ID_PREFIX_LENGTH;
  return (guint) (digits[PAYLOAD_DIGITS] - '0') == luhn_check_digit (digits, PAYLOAD_DIGITS);
}

/* What a person typed, made comparable: if it has the shape of one of our
 * IDs once spaces are gone and letters raised, that shape; otherwise the
 * text as it was, trimmed. */
char *
token_credential_id_normalize (const char *text)
{
  g_autoptr(GString) compact = NULL;
  g_autofree char *upper = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  compact = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (compact, *p);

  upper = g_ascii_strup (compact->str, -1);
  if (has_native_shape (upper))
    return g_steal_pointer (&upper);

  return g_strstrip (g_strdup (text));
}

/* “SOFT12345678” is shown as “SOFT 1234 5678”; other IDs as they are. */
char *
token_credential_id_format (const char *id)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  normal = token_credential_id_normalize (id);
  if (!has_native_shape (normal))
    return g_steal_pointer (&normal);

  return g_strdup_printf ("%.4s %.4s %.4s", normal, normal + 4, normal + 8);
}

gboolean
token_credential_id_equal (const char *a,
                           const char *b)
{
  g_autofree char *normal_a = NULL;
  g_autofree char *normal_b = NULL;
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  normal_a = token_credential_id_normalize (a);
  normal_b = token_credential_id_normalize (b);
  if (g_str_equal (normal_a, normal_b))
    return TRUE;

  /* IDs from elsewhere (“alice@example.com”) match in any case too. */
  folded_a = g_utf8_casefold (normal_a, -1);
  folded_b = g_utf8_casefold (normal_b, -1);
  return g_str_equal (folded_a, folded_b);
}
