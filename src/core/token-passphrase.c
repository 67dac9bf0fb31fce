/* token-passphrase.c
 *
 * Generated passphrases are read aloud and typed on another device, so
 * they use lowercase Crockford base32 (digits and letters without i, l, o
 * and u: nothing that looks or sounds like something else), in groups of
 * four: “k7dm-4hxq-9zrb-w2pe-tn6c-f3ya”. Each character carries 5 bits.
 *
 * A passphrase a person chooses is rated with simple, explainable rules:
 * long enough, free of the words and runs guessed first, not the same few
 * characters again and again, and a rough estimate of its size (length
 * times the bits of the character classes it uses) above a floor. It is a
 * guard against the obvious, not a password cracker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <openssl/rand.h>

#include "token-error.h"
#include "token-passphrase.h"
#include "token-secure.h"

#define GROUPS          6
#define GROUP_LENGTH    4
#define MIN_DIFFERENT   6
#define RUN_LENGTH      5

static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

/* Lowercase; at least RUN_LENGTH characters each. */
static const char * const common_words[] = {
  "password", "passwort", "passphrase", "letmein", "iloveyou", "welcome",
  "admin", "monkey", "dragon", "secret", "softtoken", "shinkin",
};

/* Any RUN_LENGTH characters in a row from these, either way round. */
static const char * const runs[] = {
  "abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm",
};

/**
 * token_passphrase_generate:
 *
 * Returns: (transfer full): a new passphrase of
 *   %TOKEN_PASSPHRASE_GENERATED_BITS bits; free it with
 *   token_secure_string_free()
 */
char *
token_passphrase_generate (void)
{
  guint8 random[GROUPS * GROUP_LENGTH];
  char *passphrase = g_malloc (GROUPS * (GROUP_LENGTH + 1));
  gsize position = 0;

  G_STATIC_ASSERT (sizeof alphabet - 1 == 32);
  G_STATIC_ASSERT (GROUPS * GROUP_LENGTH * 5 == TOKEN_PASSPHRASE_GENERATED_BITS);

  if (RAND_bytes (random, sizeof random) != 1)
    g_error ("The system random number generator failed");

  for (guint i = 0; i < sizeof random; i++)
    {
      if (i > 0 && i % GROUP_LENGTH == 0)
        passphrase[position++] = '-';
      passphrase[position++] = alphabet[random[i] & 0x1f];
    }
  passphrase[position] = '\0';

  token_secure_wipe (random, sizeof random);
  return passphrase;
}

/**
 * token_passphrase_normalize:
 * @passphrase: UTF-8
 *
 * The passphrase as the key derivation sees it: NFKC, so that full-width
 * letters typed with an input method count as their ASCII forms. ASCII is
 * already in that form and is copied directly; GLib's normalizer makes
 * working copies that are freed without being wiped.
 *
 * Returns: (transfer full): free it with token_secure_string_free()
 */
char *
token_passphrase_normalize (const char *passphrase)
{
  g_return_val_if_fail (passphrase != NULL, NULL);

  for (const char *p = passphrase; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        return g_utf8_normalize (passphrase, -1, G_NORMALIZE_NFKC);
    }

  return g_strdup (passphrase);
}

static gboolean
contains_common_word (const char *folded)
{
  for (guint i = 0; i < G_N_ELEMENTS (common_words); i++)
    {
      if (strstr (folded, common_words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
contains_run (const char *folded)
{
  char window[RUN_LENGTH + 1] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      gsize length = strlen (runs[i]);

      for (gsize start = 0; start + RUN_LENGTH <= length; start++)
        {
          gboolean found;

          memcpy (window, runs[i] + start, RUN_LENGTH);
          found = strstr (folded, window) != NULL;
          g_strreverse (window);
          found = found || strstr (folded, window) != NULL;
          if (found)
            return TRUE;
        }
    }

  return FALSE;
}

/* Without a table, which would keep the characters in memory that is
 * not wiped; passphrases are short. */
static guint
count_different (const char *text)
{
  guint count = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *earlier = text;

      while (earlier < p && g_utf8_get_char (earlier) != c)
        earlier = g_utf8_next_char (earlier);
      if (earlier == p)
        count++;
    }

  return count;
}

/* Length (not counting a character that repeats the one before) times
 * log2 of the size of the character classes used. */
static double
estimate_bits (const char *text)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, symbol = FALSE, other = FALSE;
  gunichar previous = 0;
  guint length = 0, pool = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != previous)
        length++;
      previous = c;

      if (c >= 'a' && c <= 'z')
        lower = TRUE;
      else if (c >= 'A' && c <= 'Z')
        upper = TRUE;
      else if (c >= '0' && c <= '9')
        digit = TRUE;
      else if (c < 0x80)
        symbol = TRUE;
      else
        other = TRUE;
    }

  pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) + (other ? 100 : 0);
  return pool > 1 ? length * log2 (pool) : 0;
}

/**
 * token_passphrase_rate:
 * @passphrase: UTF-8
 *
 * Returns: %TOKEN_PASSPHRASE_STRONG, or the first reason it is not
 */
TokenPassphraseStrength
token_passphrase_rate (const char *passphrase)
{
  g_autoptr(TokenSecureString) normalized = NULL;
  g_autoptr(TokenSecureString) folded = NULL;

  g_return_val_if_fail (passphrase != NULL, TOKEN_PASSPHRASE_TOO_SHORT);
  g_return_val_if_fail (g_utf8_validate (passphrase, -1, NULL), TOKEN_PASSPHRASE_TOO_SHORT);

  normalized = token_passphrase_normalize (passphrase);
  /* The words and runs looked for are ASCII. */
  folded = g_strdup (normalized);
  for (char *p = folded; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);

  if (g_utf8_strlen (normalized, -1) < TOKEN_PASSPHRASE_MIN_LENGTH)
    return TOKEN_PASSPHRASE_TOO_SHORT;
  if (contains_common_word (folded) || contains_run (folded))
    return TOKEN_PASSPHRASE_COMMON;
  if (count_different (folded) < MIN_DIFFERENT)
    return TOKEN_PASSPHRASE_REPETITIVE;
  if (estimate_bits (normalized) < TOKEN_PASSPHRASE_MIN_BITS)
    return TOKEN_PASSPHRASE_GUESSABLE;

  return TOKEN_PASSPHRASE_STRONG;
}

/**
 * token_passphrase_check:
 *
 * Fails with %TOKEN_ERROR_WEAK_PASSPHRASE and a sentence that says why,
 * for a passphrase token_passphrase_rate() does not find strong.
 */
gboolean
token_passphrase_check (const char  *passphrase,
                        GError     **error)
{
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (token_passphrase_rate (passphrase))
    {
    case TOKEN_PASSPHRASE_STRONG:
      return TRUE;
    case TOKEN_PASSPHRASE_TOO_SHORT:
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_WEAK_PASSPHRASE,
                   _("The passphrase is too short: use at least %u characters"),
                   TOKEN_PASSPHRASE_MIN_LENGTH);
      break;
    case TOKEN_PASSPHRASE_COMMON:
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase contains a word or a run of characters that is guessed first, such as “password” or “12345”"));
      break;
    case TOKEN_PASSPHRASE_REPETITIVE:
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase repeats the same few characters"));
      break;
    case TOKEN_PASSPHRASE_GUESSABLE:
    default:
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase is too easy to guess: make it longer, or mix lowercase and uppercase letters, digits and symbols"));
      break;
    }

  return FALSE;
}
