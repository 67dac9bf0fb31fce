/* bench-otp.c: TOTP codes per second, ours next to liboath's
 *
 * Both run in this process on the same seeds and times, so the ratio says
 * how we compare whatever the machine. Run: _build/tests/bench/bench-otp
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <liboath/oath.h>

#include "token-otp.h"

#define ROUND_SECONDS 0.5
#define ROUNDS        5

static const char seed_sha1[] = "12345678901234567890";
static const char seed_sha256[] = "12345678901234567890123456789012";
static const char seed_sha512[] =
  "1234567890123456789012345678901234567890123456789012345678901234";

typedef gboolean (*CodeFunc) (TokenAlgorithm algorithm,
                              GBytes        *seed,
                              gint64         unix_time,
                              char           code[TOKEN_CODE_BUFFER_SIZE]);

static gboolean
ours (TokenAlgorithm algorithm,
      GBytes        *seed,
      gint64         unix_time,
      char           code[TOKEN_CODE_BUFFER_SIZE])
{
  guint32 value;

  if (!token_hotp (algorithm, seed, token_totp_counter (unix_time, 30), 6, &value, NULL))
    return FALSE;
  token_otp_format_code (value, 6, code);
  return TRUE;
}

static gboolean
liboath (TokenAlgorithm algorithm,
         GBytes        *seed,
         gint64         unix_time,
         char           code[TOKEN_CODE_BUFFER_SIZE])
{
  static const int flags[] = { 0, OATH_TOTP_HMAC_SHA256, OATH_TOTP_HMAC_SHA512 };
  gsize size;
  const char *data = g_bytes_get_data (seed, &size);

  return oath_totp_generate2 (data, size, (time_t) unix_time, 30, 0, 6,
                              flags[algorithm], code) == OATH_OK;
}

/* Codes per second over one round of about ROUND_SECONDS, taking the
 * seeds in turn: one seed is a token showing its codes, two alternating
 * seeds the worst case, where every code needs a new key. */
static double
measure (CodeFunc       func,
         TokenAlgorithm algorithm,
         GBytes       **seeds,
         guint          n_seeds)
{
  char code[TOKEN_CODE_BUFFER_SIZE];
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;
  guint64 count = 0;
  gint64 unix_time = 1700000000;

  do
    {
      for (guint i = 0; i < 1000; i++)
        {
          if (!func (algorithm, seeds[i % n_seeds], unix_time, code))
            g_error ("code generation failed");
          unix_time += 30;
        }
      count += 1000;
      elapsed = g_get_monotonic_time () - start;
    }
  while (elapsed < ROUND_SECONDS * G_USEC_PER_SEC);

  return count / (elapsed / (double) G_USEC_PER_SEC);
}

static double
best_of_rounds (CodeFunc       func,
                TokenAlgorithm algorithm,
                GBytes       **seeds,
                guint          n_seeds)
{
  double best = 0;

  for (guint round = 0; round < ROUNDS; round++)
    best = MAX (best, measure (func, algorithm, seeds, n_seeds));

  return best;
}

static void
report (const char     *name,
        TokenAlgorithm  algorithm,
        GBytes        **seeds,
        guint           n_seeds)
{
  double ours_rate = best_of_rounds (ours, algorithm, seeds, n_seeds);
  double oath_rate = best_of_rounds (liboath, algorithm, seeds, n_seeds);

  printf ("%-8s %-10s %14.0f %14.0f %8.2f\n", token_algorithm_to_string (algorithm), name,
          ours_rate, oath_rate, ours_rate / oath_rate);
}

int
main (void)
{
  const char *seeds[] = { seed_sha1, seed_sha256, seed_sha512 };

  if (oath_init () != OATH_OK)
    g_error ("liboath failed to start");

  printf ("# TOTP codes per second, best of %d rounds of %.1f s\n", ROUNDS, ROUND_SECONDS);
  printf ("%-8s %-10s %14s %14s %8s\n", "algo", "seeds", "soft-token", "liboath", "ratio");

  for (TokenAlgorithm algorithm = TOKEN_ALGORITHM_SHA1; algorithm <= TOKEN_ALGORITHM_SHA512; algorithm++)
    {
      g_autoptr(GBytes) seed = g_bytes_new_static (seeds[algorithm], strlen (seeds[algorithm]));
      g_autoptr(GBytes) other = g_bytes_new_static (seeds[(algorithm + 1) % 3], strlen (seeds[(algorithm + 1) % 3]));
      GBytes *alternating[] = { seed, other };
      char a[TOKEN_CODE_BUFFER_SIZE], b[TOKEN_CODE_BUFFER_SIZE];

      /* Both must agree before their speed means anything. */
      if (!ours (algorithm, seed, 59, a) || !liboath (algorithm, seed, 59, b) || strcmp (a, b) != 0)
        g_error ("%s: soft-token and liboath disagree", token_algorithm_to_string (algorithm));

      report ("one", algorithm, &seed, 1);
      report ("alternate", algorithm, alternating, 2);
    }

  oath_done ();
  return 0;
}
