/* test-view-state.c: what a card shows, computed without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-credential.h"
#include "token-secure.h"
#include "token-view-state.h"

/* RFC 6238, appendix B: the SHA-1 seed and its 8-digit codes. */
static const char rfc_seed[] = "12345678901234567890";

static TokenCredential *
rfc_credential (guint digits)
{
  g_autoptr(GBytes) secret = token_secure_bytes_new (rfc_seed, strlen (rfc_seed));
  TokenCredential *credential = token_credential_new ("SOFT12345674", TOKEN_KIND_TOTP, secret);

  token_credential_set_digits (credential, digits);
  return credential;
}

static void
test_group_code (void)
{
  char grouped[TOKEN_VIEW_CODE_SIZE];

  token_view_group_code ("123456", grouped);
  g_assert_cmpstr (grouped, ==, "123 456");
  token_view_group_code ("1234567", grouped);
  g_assert_cmpstr (grouped, ==, "123 4567");
  token_view_group_code ("12345678", grouped);
  g_assert_cmpstr (grouped, ==, "1234 5678");
}

static void
test_spoken_code (void)
{
  g_autofree char *six = token_view_dup_spoken_code ("123 456");
  g_autofree char *eight = token_view_dup_spoken_code ("1234 5678");

  g_assert_cmpstr (six, ==, "1 2 3, 4 5 6");
  g_assert_cmpstr (eight, ==, "1 2 3 4, 5 6 7 8");
}

/* RFC 6238 test vectors, 8 digits, and the countdown at those times. */
static void
test_rfc_codes (void)
{
  g_autoptr(TokenCredential) credential = rfc_credential (8);
  const TokenViewSettings settings = { .show_next_code = TRUE };
  const struct {
    gint64      time;
    const char *code;
    guint       seconds_left;
  } vectors[] = {
    { 59, "9428 7082", 1 },
    { 1111111109, "0708 1804", 1 },
    { 1111111111, "1405 0471", 29 },
    { 1234567890, "8900 5924", 30 },
    { 2000000000, "6927 9037", 10 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      TokenViewState state;
      g_autoptr(GError) error = NULL;

      g_assert_true (token_view_state_compute (credential, vectors[i].time, &settings,
                                               NULL, &state, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (state.code, ==, vectors[i].code);
      g_assert_cmpuint (state.seconds_left, ==, vectors[i].seconds_left);
      g_assert_cmpfloat_with_epsilon (state.fraction, vectors[i].seconds_left / 30.0, 1e-9);
      g_assert_cmpuint (state.step, ==, (guint64) vectors[i].time / 30);
    }
}

/* Urgent in the last 5 seconds; the next code in the last 10, and only
 * when the setting asks for it. */
static void
test_urgent_and_next_code (void)
{
  g_autoptr(TokenCredential) credential = rfc_credential (6);
  const TokenViewSettings show = { .show_next_code = TRUE };
  const TokenViewSettings hide = { .show_next_code = FALSE };
  const gint64 period_start = 1111111110;
  TokenViewState state;
  TokenViewState following;

  g_assert_true (token_view_state_compute (credential, period_start + 30, &show, NULL, &following, NULL));

  g_assert_true (token_view_state_compute (credential, period_start + 19, &show, NULL, &state, NULL));
  g_assert_cmpuint (state.seconds_left, ==, 11);
  g_assert_cmpstr (state.next_code, ==, "");
  g_assert_false (state.urgent);

  g_assert_true (token_view_state_compute (credential, period_start + 20, &show, NULL, &state, NULL));
  g_assert_cmpuint (state.seconds_left, ==, 10);
  g_assert_cmpstr (state.next_code, ==, following.code);
  g_assert_cmpstr (state.next_code, !=, state.code);
  g_assert_false (state.urgent);

  g_assert_true (token_view_state_compute (credential, period_start + 25, &show, NULL, &state, NULL));
  g_assert_cmpuint (state.seconds_left, ==, 5);
  g_assert_true (state.urgent);

  g_assert_true (token_view_state_compute (credential, period_start + 25, &hide, NULL, &state, NULL));
  g_assert_cmpstr (state.next_code, ==, "");
  g_assert_true (state.urgent);
}

/* Within a step the codes are carried over from the previous state, not
 * computed again; a new step computes them afresh. The previous state is
 * doctored so that a recomputation would show. */
static void
test_code_computed_once_a_step (void)
{
  g_autoptr(TokenCredential) credential = rfc_credential (6);
  const TokenViewSettings settings = { .show_next_code = TRUE };
  TokenViewState state;
  TokenViewState fresh;

  g_assert_true (token_view_state_compute (credential, 1111111111, &settings, NULL, &state, NULL));
  g_strlcpy (state.code, "000 000", sizeof state.code);

  g_assert_true (token_view_state_compute (credential, 1111111112, &settings, &state, &state, NULL));
  g_assert_cmpstr (state.code, ==, "000 000");
  g_assert_cmpuint (state.seconds_left, ==, 28);

  /* The clock jumped (suspend, a correction): a new step, a new code. */
  g_assert_true (token_view_state_compute (credential, 1111111111 + 3600, &settings, &state, &state, NULL));
  g_assert_true (token_view_state_compute (credential, 1111111111 + 3600, &settings, NULL, &fresh, NULL));
  g_assert_cmpstr (state.code, ==, fresh.code);
  g_assert_cmpstr (state.code, !=, "000 000");
}

static void
test_hotp_has_no_countdown (void)
{
  g_autoptr(GBytes) secret = token_secure_bytes_new (rfc_seed, strlen (rfc_seed));
  g_autoptr(TokenCredential) credential = token_credential_new ("SOFT12345674", TOKEN_KIND_HOTP, secret);
  const TokenViewSettings settings = { .show_next_code = TRUE };
  TokenViewState state;

  token_credential_set_counter (credential, 7);
  g_assert_true (token_view_state_compute (credential, 1111111111, &settings, NULL, &state, NULL));
  g_assert_cmpint (state.kind, ==, TOKEN_KIND_HOTP);
  g_assert_cmpstr (state.code, ==, "");
  g_assert_cmpstr (state.next_code, ==, "");
  g_assert_false (state.urgent);
  g_assert_cmpuint (state.step, ==, 7);

  /* A code shown for counter 7 stays until the counter moves on. */
  g_strlcpy (state.code, "162 583", sizeof state.code);
  g_assert_true (token_view_state_compute (credential, 1111111200, &settings, &state, &state, NULL));
  g_assert_cmpstr (state.code, ==, "162 583");
  token_credential_set_counter (credential, 8);
  g_assert_true (token_view_state_compute (credential, 1111111200, &settings, &state, &state, NULL));
  g_assert_cmpstr (state.code, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-state/group-code", test_group_code);
  g_test_add_func ("/view-state/spoken-code", test_spoken_code);
  g_test_add_func ("/view-state/rfc-codes", test_rfc_codes);
  g_test_add_func ("/view-state/urgent-and-next-code", test_urgent_and_next_code);
  g_test_add_func ("/view-state/code-computed-once-a-step", test_code_computed_once_a_step);
  g_test_add_func ("/view-state/hotp-has-no-countdown", test_hotp_has_no_countdown);

  return g_test_run ();
}
