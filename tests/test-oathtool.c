/* test-oathtool.c: our codes against an independent implementation
 *
 * oathtool (OATH Toolkit) computes the same codes from random seeds, times
 * past 2038, every algorithm, digit count and period. The key goes to it on
 * standard input, never on its command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "token-otp.h"
#include "token-secure.h"

#define N_TOTP_COMBINATIONS 320
#define N_HOTP_COMBINATIONS 60

static char *
oathtool_code (const char * const *argv,
               GBytes             *key)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  const guint8 *data;
  gsize size;

  data = g_bytes_get_data (key, &size);
  hex = g_malloc (size * 2 + 1);
  for (gsize i = 0; i < size; i++)
    g_snprintf (hex + i * 2, 3, "%02x", data[i]);
  input = g_strconcat (hex, "\n", NULL);

  process = g_subprocess_newv (argv,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE
                               | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &output, &errors, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("oathtool failed: %s", errors);

  return g_strstrip (g_steal_pointer (&output));
}

static GBytes *
random_key (void)
{
  gsize size = (gsize) g_test_rand_int_range (10, 65);
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_test_rand_int ();

  return token_secure_bytes_new_take (data, size);
}

static gint64
random_time (guint i)
{
  /* A third of the times lie past 2038, up to the year 3000. */
  if (i % 3 == 0)
    return G_GINT64_CONSTANT (2147483648) + (gint64) (g_test_rand_double () * 30000000000.0);
  return (gint64) (g_test_rand_double () * 2147483647.0);
}

static void
test_totp_matches_oathtool (void)
{
  static const char * const modes[] = { "--totp=SHA1", "--totp=SHA256", "--totp=SHA512" };

  for (guint i = 0; i < N_TOTP_COMBINATIONS; i++)
    {
      g_autoptr(GBytes) key = random_key ();
      TokenAlgorithm algorithm = (TokenAlgorithm) (i % 3);
      guint digits = 6 + (guint) g_test_rand_int_range (0, 3);
      guint period = g_test_rand_bit () ? 30 : (guint) g_test_rand_int_range (1, 301);
      gint64 unix_time = random_time (i);
      g_autofree char *digits_arg = g_strdup_printf ("--digits=%u", digits);
      g_autofree char *period_arg = g_strdup_printf ("--time-step-size=%us", period);
      g_autofree char *now_arg = g_strdup_printf ("--now=@%" G_GINT64_FORMAT, unix_time);
      const char *argv[] = { "oathtool", modes[algorithm], digits_arg, period_arg, now_arg, "-", NULL };
      g_autofree char *expected = NULL;
      char code[TOKEN_CODE_BUFFER_SIZE];
      guint32 value;

      g_assert_true (token_hotp (algorithm, key, token_totp_counter (unix_time, period),
                                 digits, &value, NULL));
      token_otp_format_code (value, digits, code);
      expected = oathtool_code (argv, key);

      if (!g_str_equal (code, expected))
        g_error ("TOTP %s, %u digits, period %u, time %" G_GINT64_FORMAT
                 ", %" G_GSIZE_FORMAT "-byte key: ours %s, oathtool %s",
                 token_algorithm_to_string (algorithm), digits, period, unix_time,
                 g_bytes_get_size (key), code, expected);
    }
}

static void
test_hotp_matches_oathtool (void)
{
  for (guint i = 0; i < N_HOTP_COMBINATIONS; i++)
    {
      g_autoptr(GBytes) key = random_key ();
      guint digits = 6 + (guint) g_test_rand_int_range (0, 3);
      guint64 counter = i % 2 ? (guint64) g_test_rand_int () : (guint64) g_test_rand_int () << 20;
      g_autofree char *digits_arg = g_strdup_printf ("--digits=%u", digits);
      g_autofree char *counter_arg = g_strdup_printf ("--counter=%" G_GUINT64_FORMAT, counter);
      const char *argv[] = { "oathtool", "--hotp", digits_arg, counter_arg, "-", NULL };
      g_autofree char *expected = NULL;
      char code[TOKEN_CODE_BUFFER_SIZE];
      guint32 value;

      g_assert_true (token_hotp (TOKEN_ALGORITHM_SHA1, key, counter, digits, &value, NULL));
      token_otp_format_code (value, digits, code);
      expected = oathtool_code (argv, key);
      g_assert_cmpstr (code, ==, expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oathtool/totp", test_totp_matches_oathtool);
  g_test_add_func ("/oathtool/hotp", test_hotp_matches_oathtool);

  return g_test_run ();
}
