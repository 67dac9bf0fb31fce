/* test-otp.c: HOTP and TOTP against the vectors of RFC 4226 and RFC 6238
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-error.h"
#include "token-otp.h"

static const char rfc_seed_sha1[] = "12345678901234567890";
static const char rfc_seed_sha256[] = "12345678901234567890123456789012";
static const char rfc_seed_sha512[] =
  "1234567890123456789012345678901234567890123456789012345678901234";

static GBytes *
seed_for (TokenAlgorithm algorithm)
{
  const char *seed = algorithm == TOKEN_ALGORITHM_SHA1 ? rfc_seed_sha1
                   : algorithm == TOKEN_ALGORITHM_SHA256 ? rfc_seed_sha256
                   : rfc_seed_sha512;

  return g_bytes_new_static (seed, strlen (seed));
}

static void
assert_code (TokenAlgorithm  algorithm,
             guint64         counter,
             guint           digits,
             const char     *expected)
{
  g_autoptr(GBytes) seed = seed_for (algorithm);
  g_autoptr(GError) error = NULL;
  char code[TOKEN_CODE_BUFFER_SIZE];
  guint32 value = 0;

  g_assert_true (token_hotp (algorithm, seed, counter, digits, &value, &error));
  g_assert_no_error (error);
  token_otp_format_code (value, digits, code);
  g_assert_cmpstr (code, ==, expected);
}

/* RFC 4226, appendix D: the truncated values, of which a code is the tail. */
static const char * const rfc4226_truncated[] = {
  "1284755224", "1094287082", "137359152", "1726969429", "1640338314",
  "868254676", "1918287922", "82162583", "673399871", "645520489",
};

static void
test_hotp_rfc4226 (void)
{
  for (guint counter = 0; counter < G_N_ELEMENTS (rfc4226_truncated); counter++)
    {
      g_autofree char *padded = g_strdup_printf ("%010u",
                                                 (guint) g_ascii_strtoull (rfc4226_truncated[counter], NULL, 10));

      assert_code (TOKEN_ALGORITHM_SHA1, counter, 6, padded + 4);
      assert_code (TOKEN_ALGORITHM_SHA1, counter, 7, padded + 3);
      assert_code (TOKEN_ALGORITHM_SHA1, counter, 8, padded + 2);
    }
}

static void
test_hotp_rfc4226_six_digits (void)
{
  static const char * const expected[] = {
    "755224", "287082", "359152", "969429", "338314",
    "254676", "287922", "162583", "399871", "520489",
  };

  for (guint counter = 0; counter < G_N_ELEMENTS (expected); counter++)
    assert_code (TOKEN_ALGORITHM_SHA1, counter, 6, expected[counter]);
}

/* RFC 6238, appendix B, with 64-bit time (20000000000 is in 2603). */
static const struct {
  gint64          time;
  TokenAlgorithm  algorithm;
  const char     *code;
} rfc6238[] = {
  { 59, TOKEN_ALGORITHM_SHA1, "94287082" },
  { 59, TOKEN_ALGORITHM_SHA256, "46119246" },
  { 59, TOKEN_ALGORITHM_SHA512, "90693936" },
  { 1111111109, TOKEN_ALGORITHM_SHA1, "07081804" },
  { 1111111109, TOKEN_ALGORITHM_SHA256, "68084774" },
  { 1111111109, TOKEN_ALGORITHM_SHA512, "25091201" },
  { 1111111111, TOKEN_ALGORITHM_SHA1, "14050471" },
  { 1111111111, TOKEN_ALGORITHM_SHA256, "67062674" },
  { 1111111111, TOKEN_ALGORITHM_SHA512, "99943326" },
  { 1234567890, TOKEN_ALGORITHM_SHA1, "89005924" },
  { 1234567890, TOKEN_ALGORITHM_SHA256, "91819424" },
  { 1234567890, TOKEN_ALGORITHM_SHA512, "93441116" },
  { 2000000000, TOKEN_ALGORITHM_SHA1, "69279037" },
  { 2000000000, TOKEN_ALGORITHM_SHA256, "90698825" },
  { 2000000000, TOKEN_ALGORITHM_SHA512, "38618901" },
  { G_GINT64_CONSTANT (20000000000), TOKEN_ALGORITHM_SHA1, "65353130" },
  { G_GINT64_CONSTANT (20000000000), TOKEN_ALGORITHM_SHA256, "77737706" },
  { G_GINT64_CONSTANT (20000000000), TOKEN_ALGORITHM_SHA512, "47863826" },
};

static void
test_totp_rfc6238_eight_digits (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rfc6238); i++)
    assert_code (rfc6238[i].algorithm, token_totp_counter (rfc6238[i].time, 30), 8,
                 rfc6238[i].code);
}

static void
test_totp_rfc6238_six_digits (void)
{
  /* A 6-digit code is the last six digits of the 8-digit one: both are the
   * same truncated value modulo a power of ten. */
  for (guint i = 0; i < G_N_ELEMENTS (rfc6238); i++)
    assert_code (rfc6238[i].algorithm, token_totp_counter (rfc6238[i].time, 30), 6,
                 rfc6238[i].code + 2);
}

static void
test_totp_steps (void)
{
  g_assert_cmpuint (token_totp_counter (0, 30), ==, 0);
  g_assert_cmpuint (token_totp_counter (29, 30), ==, 0);
  g_assert_cmpuint (token_totp_counter (30, 30), ==, 1);
  g_assert_cmpuint (token_totp_counter (G_GINT64_CONSTANT (20000000000), 30), ==,
                    G_GUINT64_CONSTANT (666666666));
  g_assert_cmpuint (token_totp_counter (1234, 1), ==, 1234);
  g_assert_cmpuint (token_totp_counter (599, 300), ==, 1);

  g_assert_cmpuint (token_totp_seconds_left (0, 30), ==, 30);
  g_assert_cmpuint (token_totp_seconds_left (29, 30), ==, 1);
  g_assert_cmpuint (token_totp_seconds_left (30, 30), ==, 30);
  g_assert_cmpuint (token_totp_seconds_left (1111111111, 30), ==, 29);
  g_assert_cmpuint (token_totp_seconds_left (5, 1), ==, 1);
}

static void
test_hotp_large_counter (void)
{
  /* The counter is written big-endian over all 8 bytes: a counter above
   * 2^32 must differ from its low half. */
  g_autoptr(GBytes) seed = seed_for (TOKEN_ALGORITHM_SHA1);
  guint32 low = 0, high = 0;

  g_assert_true (token_hotp (TOKEN_ALGORITHM_SHA1, seed, 5, 8, &low, NULL));
  g_assert_true (token_hotp (TOKEN_ALGORITHM_SHA1, seed, G_GUINT64_CONSTANT (0x100000005), 8,
                             &high, NULL));
  g_assert_cmpuint (low, !=, high);
}

static void
test_empty_key (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GError) error = NULL;
  guint32 value;

  g_assert_false (token_hotp (TOKEN_ALGORITHM_SHA1, empty, 0, 6, &value, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_MISSING_SECRET);
}

static void
test_format_code (void)
{
  char code[TOKEN_CODE_BUFFER_SIZE];

  token_otp_format_code (42, 6, code);
  g_assert_cmpstr (code, ==, "000042");
  token_otp_format_code (1234567, 8, code);
  g_assert_cmpstr (code, ==, "01234567");
  token_otp_format_code (9999999, 7, code);
  g_assert_cmpstr (code, ==, "9999999");
}

static void
test_algorithm_names (void)
{
  static const struct { const char *name; TokenAlgorithm algorithm; } accepted[] = {
    { "SHA1", TOKEN_ALGORITHM_SHA1 },
    { "sha1", TOKEN_ALGORITHM_SHA1 },
    { "SHA-1", TOKEN_ALGORITHM_SHA1 },
    { "SHA256", TOKEN_ALGORITHM_SHA256 },
    { "sha-256", TOKEN_ALGORITHM_SHA256 },
    { "SHA512", TOKEN_ALGORITHM_SHA512 },
  };
  static const char * const refused[] = { "MD5", "SHA", "SHA384", "", "SHA1 ", "SHA--1" };
  TokenAlgorithm algorithm;

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_assert_true (token_algorithm_from_string (accepted[i].name, &algorithm));
      g_assert_cmpint (algorithm, ==, accepted[i].algorithm);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_false (token_algorithm_from_string (refused[i], &algorithm));

  g_assert_cmpstr (token_algorithm_to_string (TOKEN_ALGORITHM_SHA256), ==, "SHA256");
}

static gpointer
codes_in_thread (gpointer data)
{
  for (guint counter = 0; counter < G_N_ELEMENTS (rfc4226_truncated); counter++)
    assert_code (TOKEN_ALGORITHM_SHA1, counter, 8,
                 rfc4226_truncated[counter] + strlen (rfc4226_truncated[counter]) - 8);
  return NULL;
}

static void
test_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("otp", codes_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/otp/hotp/rfc4226", test_hotp_rfc4226);
  g_test_add_func ("/otp/hotp/rfc4226-six-digits", test_hotp_rfc4226_six_digits);
  g_test_add_func ("/otp/hotp/large-counter", test_hotp_large_counter);
  g_test_add_func ("/otp/hotp/empty-key", test_empty_key);
  g_test_add_func ("/otp/totp/rfc6238-eight-digits", test_totp_rfc6238_eight_digits);
  g_test_add_func ("/otp/totp/rfc6238-six-digits", test_totp_rfc6238_six_digits);
  g_test_add_func ("/otp/totp/steps", test_totp_steps);
  g_test_add_func ("/otp/format-code", test_format_code);
  g_test_add_func ("/otp/algorithm-names", test_algorithm_names);
  g_test_add_func ("/otp/threads", test_threads);

  return g_test_run ();
}
