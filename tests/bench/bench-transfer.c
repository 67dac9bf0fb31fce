/* bench-transfer.c: what the scrypt cost of a transfer file costs
 *
 * Seals and opens one token at each cost a reader accepts (2^14 to 2^17,
 * and 2^20 with --all) and prints the times as ratios against 2^14 in the
 * same run, so the figures say how the cost scales whatever the machine.
 * Run: _build/tests/bench/bench-transfer [--all]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "token-transfer.h"

#define ROUNDS 3

/* Best of ROUNDS, in seconds, of one encryption and one decryption. */
static void
measure (TokenTransfer *transfer,
         guint          cost,
         double        *seal_seconds,
         double        *open_seconds)
{
  *seal_seconds = *open_seconds = G_MAXDOUBLE;

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GBytes) file = NULL;
      g_autoptr(TokenTransfer) opened = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      file = token_transfer_encrypt (transfer, "k7dm-4hxq-9zrb-w2pe-tn6c-f3ya", cost, NULL, &error);
      *seal_seconds = MIN (*seal_seconds, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

      start = g_get_monotonic_time ();
      if (file != NULL)
        opened = token_transfer_decrypt (file, "k7dm-4hxq-9zrb-w2pe-tn6c-f3ya", NULL, &error);
      *open_seconds = MIN (*open_seconds, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

      if (opened == NULL)
        g_error ("cost %u: %s", cost, error->message);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TokenTransfer) transfer = NULL;
  guint last = argc > 1 && g_str_equal (argv[1], "--all") ? TOKEN_TRANSFER_MAX_COST : TOKEN_TRANSFER_DEFAULT_COST;
  double base = 0;

  g_ptr_array_add (credentials, token_credential_new_random (NULL));
  transfer = token_transfer_new (credentials, NULL);

  printf ("%-6s %10s %10s %12s\n", "N", "seal (s)", "open (s)", "vs 2^14");
  for (guint cost = TOKEN_TRANSFER_MIN_COST; cost <= last; cost++)
    {
      double seal, open;

      measure (transfer, cost, &seal, &open);
      if (cost == TOKEN_TRANSFER_MIN_COST)
        base = open;
      printf ("2^%-4u %10.3f %10.3f %11.1fx%s\n", cost, seal, open, open / base,
              cost == TOKEN_TRANSFER_DEFAULT_COST ? "  (written by default)" : "");
    }

  return 0;
}
