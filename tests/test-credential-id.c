/* test-credential-id.c: generated IDs validate, typing mistakes are caught
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-credential-id.h"

static void
test_generated_ids_validate (void)
{
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = token_credential_id_generate (NULL);

      g_assert_cmpuint (strlen (id), ==, 12);
      g_assert_true (g_str_has_prefix (id, "SOFT"));
      g_assert_true (token_credential_id_is_valid (id));
    }
}

static void
test_prefix (void)
{
  g_autofree char *id = token_credential_id_generate ("BANK");

  g_assert_true (g_str_has_prefix (id, "BANK"));
  g_assert_true (token_credential_id_is_valid (id));

  g_assert_true (token_credential_id_prefix_is_valid ("ABCD"));
  g_assert_false (token_credential_id_prefix_is_valid ("abcd"));
  g_assert_false (token_credential_id_prefix_is_valid ("ABC"));
  g_assert_false (token_credential_id_prefix_is_valid ("ABCDE"));
  g_assert_false (token_credential_id_prefix_is_valid ("AB1D"));
  g_assert_false (token_credential_id_prefix_is_valid (""));
}

static void
test_single_digit_change_detected (void)
{
  for (guint n = 0; n < 200; n++)
    {
      g_autofree char *id = token_credential_id_generate (NULL);

      for (guint position = 4; position < 12; position++)
        for (char digit = '0'; digit <= '9'; digit++)
          {
            g_autofree char *changed = g_strdup (id);

            if (changed[position] == digit)
              continue;
            changed[position] = digit;
            g_assert_false (token_credential_id_is_valid (changed));
          }
    }
}

static void
test_adjacent_swap_detected (void)
{
  for (guint n = 0; n < 500; n++)
    {
      g_autofree char *id = token_credential_id_generate (NULL);

      for (guint position = 4; position < 11; position++)
        {
          g_autofree char *swapped = g_strdup (id);
          char c = swapped[position];
          char d = swapped[position + 1];

          /* Luhn cannot see 09 <-> 90, by design of the algorithm. */
          if (c == d || (c == '0' && d == '9') || (c == '9' && d == '0'))
            continue;
          swapped[position] = d;
          swapped[position + 1] = c;
          g_assert_false (token_credential_id_is_valid (swapped));
        }
    }
}

static void
test_known_ids (void)
{
  /* Luhn over 1234567 gives 4. */
  g_assert_true (token_credential_id_is_valid ("SOFT12345674"));
  g_assert_false (token_credential_id_is_valid ("SOFT12345675"));
  g_assert_true (token_credential_id_is_valid ("soft 1234 5674"));
  g_assert_true (token_credential_id_is_valid (" SOFT 1234 5674 "));
  g_assert_false (token_credential_id_is_valid ("SOFT1234567"));
  g_assert_false (token_credential_id_is_valid ("SOFT123456745"));
  g_assert_false (token_credential_id_is_valid ("SOF112345674"));
  g_assert_false (token_credential_id_is_valid (""));
}

static void
test_format_and_normalize (void)
{
  static const struct { const char *input; const char *normal; const char *shown; } cases[] = {
    { "SOFT12345674", "SOFT12345674", "SOFT 1234 5674" },
    { "soft 1234 5674", "SOFT12345674", "SOFT 1234 5674" },
    { "Soft1234 5674", "SOFT12345674", "SOFT 1234 5674" },
    { "SYMC26070843", "SYMC26070843", "SYMC 2607 0843" },
    /* IDs from elsewhere stay exactly as they came. */
    { "alice@example.com", "alice@example.com", "alice@example.com" },
    { "VSST12345678X", "VSST12345678X", "VSST12345678X" },
    { "山田 太郎", "山田 太郎", "山田 太郎" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normal = token_credential_id_normalize (cases[i].input);
      g_autofree char *shown = token_credential_id_format (cases[i].input);

      g_assert_cmpstr (normal, ==, cases[i].normal);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }

  g_assert_true (token_credential_id_equal ("soft 1234 5674", "SOFT12345674"));
  g_assert_false (token_credential_id_equal ("SOFT12345674", "SOFT12345682"));
  /* IDs from elsewhere match in any case too, as the README says. */
  g_assert_true (token_credential_id_equal ("Alice", "alice"));
  g_assert_false (token_credential_id_equal ("Alice", "Alicia"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credential-id/generated-validate", test_generated_ids_validate);
  g_test_add_func ("/credential-id/prefix", test_prefix);
  g_test_add_func ("/credential-id/single-digit-change", test_single_digit_change_detected);
  g_test_add_func ("/credential-id/adjacent-swap", test_adjacent_swap_detected);
  g_test_add_func ("/credential-id/known", test_known_ids);
  g_test_add_func ("/credential-id/format-normalize", test_format_and_normalize);

  return g_test_run ();
}
