/* test-passphrase.c: generated passphrases and the strength check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-error.h"
#include "token-passphrase.h"
#include "token-secure.h"

#define GENERATED_LENGTH 29

static void
test_generate_shape (void)
{
  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(TokenSecureString) passphrase = token_passphrase_generate ();

      g_assert_cmpuint (strlen (passphrase), ==, GENERATED_LENGTH);
      for (guint i = 0; i < GENERATED_LENGTH; i++)
        {
          if (i % 5 == 4)
            g_assert_cmpint (passphrase[i], ==, '-');
          else
            g_assert_nonnull (strchr ("0123456789abcdefghjkmnpqrstvwxyz", passphrase[i]));
        }

      /* What the wizard offers must pass the check it applies to others. */
      g_assert_cmpint (token_passphrase_rate (passphrase), ==, TOKEN_PASSPHRASE_STRONG);
      g_assert_true (token_passphrase_check (passphrase, NULL));
    }
}

/* 120 bits: every character of the alphabet turns up, and two
 * passphrases are never the same. */
static void
test_generate_random (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      (GDestroyNotify) token_secure_string_free, NULL);
  guint counts[128] = { 0 };

  g_assert_cmpuint (TOKEN_PASSPHRASE_GENERATED_BITS, >=, 100);

  for (guint round = 0; round < 1000; round++)
    {
      char *passphrase = token_passphrase_generate ();

      for (const char *p = passphrase; *p != '\0'; p++)
        counts[(guchar) *p]++;
      g_assert_true (g_hash_table_add (seen, passphrase));
    }

  for (const char *c = "0123456789abcdefghjkmnpqrstvwxyz"; *c != '\0'; c++)
    g_assert_cmpuint (counts[(guchar) *c], >, 0);
  for (const char *c = "ilou"; *c != '\0'; c++)
    g_assert_cmpuint (counts[(guchar) *c], ==, 0);
}

typedef struct
{
  const char              *passphrase;
  TokenPassphraseStrength  expected;
} RatingCase;

static const RatingCase rating_cases[] = {
  { "", TOKEN_PASSPHRASE_TOO_SHORT },
  { "Tr0ub4dor&3", TOKEN_PASSPHRASE_TOO_SHORT },
  { "わたしのひみつ", TOKEN_PASSPHRASE_TOO_SHORT },
  { "MyPassword-2026!", TOKEN_PASSPHRASE_COMMON },
  { "shinkin-bank-login", TOKEN_PASSPHRASE_COMMON },
  { "zq12345zq#Wx", TOKEN_PASSPHRASE_COMMON },
  { "Qwertyuiop!!", TOKEN_PASSPHRASE_COMMON },
  { "HGFEDcba#917", TOKEN_PASSPHRASE_COMMON },
  { "aaaaaaaaaaaaaaaa", TOKEN_PASSPHRASE_REPETITIVE },
  { "abababababababab", TOKEN_PASSPHRASE_REPETITIVE },
  { "x7x7x7x7x7x7x7x7y", TOKEN_PASSPHRASE_REPETITIVE },
  { "kqmwzrtbnvhx", TOKEN_PASSPHRASE_GUESSABLE },
  { "938475610293847", TOKEN_PASSPHRASE_GUESSABLE },
  { "Kq7#mW2z!rTb", TOKEN_PASSPHRASE_STRONG },
  { "correct horse battery staple", TOKEN_PASSPHRASE_STRONG },
  { "わたしのひみつのあいことば", TOKEN_PASSPHRASE_STRONG },
  /* Full-width forms count as the ASCII they stand for. */
  { "ｐａｓｓｗｏｒｄ－ｆｏｒ－ｂａｎｋ", TOKEN_PASSPHRASE_COMMON },
};

static void
test_rate (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rating_cases); i++)
    {
      if (token_passphrase_rate (rating_cases[i].passphrase) != rating_cases[i].expected)
        g_error ("“%s” rated %d, expected %d", rating_cases[i].passphrase,
                 token_passphrase_rate (rating_cases[i].passphrase), rating_cases[i].expected);
    }
}

/* Each weakness has its own sentence, so the user learns what to change. */
static void
test_check_says_why (void)
{
  const char *weak[] = { "short", "password-for-bank", "abababababababab", "kqmwzrtbnvhx" };
  g_autoptr(GHashTable) messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (token_passphrase_check (weak[i], &error));
      g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_WEAK_PASSPHRASE);
      g_assert_true (g_hash_table_add (messages, g_strdup (error->message)));
    }

  g_assert_true (token_passphrase_check ("Kq7#mW2z!rTb", NULL));
}

/* What the key derivation sees: full-width forms become ASCII. */
static void
test_normalize (void)
{
  g_autoptr(TokenSecureString) ascii = token_passphrase_normalize ("k7dm-4hxq");
  g_autoptr(TokenSecureString) full_width = token_passphrase_normalize ("ｋ７ｄｍ－４ｈｘｑ");
  g_autoptr(TokenSecureString) kana = token_passphrase_normalize ("ｶﾞｷﾞ");

  g_assert_cmpstr (ascii, ==, "k7dm-4hxq");
  g_assert_cmpstr (full_width, ==, "k7dm-4hxq");
  g_assert_cmpstr (kana, ==, "ガギ");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/passphrase/generate-shape", test_generate_shape);
  g_test_add_func ("/passphrase/generate-random", test_generate_random);
  g_test_add_func ("/passphrase/rate", test_rate);
  g_test_add_func ("/passphrase/check-says-why", test_check_says_why);
  g_test_add_func ("/passphrase/normalize", test_normalize);

  return g_test_run ();
}
