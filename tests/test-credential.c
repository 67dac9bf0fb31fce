/* test-credential.c: new tokens, copies, codes and checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-credential.h"
#include "token-credential-id.h"
#include "token-error.h"
#include "token-secure.h"

static const char rfc_seed[] = "12345678901234567890";

static TokenCredential *
rfc_credential (TokenKind kind)
{
  g_autoptr(GBytes) secret = token_secure_bytes_new (rfc_seed, strlen (rfc_seed));

  return token_credential_new ("SOFT12345674", kind, secret);
}

static void
test_new_random (void)
{
  g_autoptr(TokenCredential) a = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) b = token_credential_new_random ("BANK");

  g_assert_cmpuint (g_bytes_get_size (token_credential_get_secret (a)), ==, 20);
  g_assert_true (token_credential_id_is_valid (token_credential_get_credential_id (a)));
  g_assert_true (g_str_has_prefix (token_credential_get_credential_id (a), "SOFT"));
  g_assert_true (g_str_has_prefix (token_credential_get_credential_id (b), "BANK"));
  g_assert_cmpint (token_credential_get_kind (a), ==, TOKEN_KIND_TOTP);
  g_assert_cmpint (token_credential_get_algorithm (a), ==, TOKEN_ALGORITHM_SHA1);
  g_assert_cmpuint (token_credential_get_digits (a), ==, 6);
  g_assert_cmpuint (token_credential_get_period (a), ==, 30);
  g_assert_cmpint (token_credential_get_created (a), >, 1700000000);
  g_assert_false (g_bytes_equal (token_credential_get_secret (a), token_credential_get_secret (b)));
  g_assert_true (token_credential_validate (a, NULL));
}

static void
test_copy_and_equal (void)
{
  g_autoptr(TokenCredential) original = rfc_credential (TOKEN_KIND_HOTP);
  g_autoptr(TokenCredential) copy = NULL;

  token_credential_set_issuer (original, "Bank");
  token_credential_set_label (original, "Everyday login");
  token_credential_set_counter (original, 9);
  token_credential_set_digits (original, 8);
  copy = token_credential_copy (original);
  g_assert_true (token_credential_equal (original, copy));

  token_credential_set_counter (copy, 10);
  g_assert_false (token_credential_equal (original, copy));
}

static void
test_codes (void)
{
  g_autoptr(TokenCredential) totp = rfc_credential (TOKEN_KIND_TOTP);
  g_autoptr(TokenCredential) hotp = rfc_credential (TOKEN_KIND_HOTP);
  g_autoptr(GError) error = NULL;
  char code[TOKEN_CODE_BUFFER_SIZE];

  token_credential_set_digits (totp, 8);
  g_assert_true (token_credential_code_at (totp, 59, code, &error));
  g_assert_cmpstr (code, ==, "94287082");

  /* HOTP shows the code of its counter, whatever the time. */
  token_credential_set_counter (hotp, 1);
  g_assert_true (token_credential_code_at (hotp, 59, code, NULL));
  g_assert_cmpstr (code, ==, "287082");
  g_assert_true (token_credential_code_at (hotp, 1700000000, code, NULL));
  g_assert_cmpstr (code, ==, "287082");

  g_assert_false (token_credential_code_at (totp, -1, code, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_TIME);
}

static void
test_validate (void)
{
  g_autoptr(GBytes) short_secret = token_secure_bytes_new ("123456789", 9);
  g_autoptr(GBytes) empty_id_secret = token_secure_bytes_new (rfc_seed, 20);
  g_autoptr(TokenCredential) too_short = token_credential_new ("a", TOKEN_KIND_TOTP, short_secret);
  g_autoptr(TokenCredential) no_id = token_credential_new ("", TOKEN_KIND_TOTP, empty_id_secret);
  g_autoptr(GError) error = NULL;

  g_assert_false (token_credential_validate (too_short, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_SECRET_TOO_SHORT);
  g_clear_error (&error);

  g_assert_false (token_credential_validate (no_id, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_CREDENTIAL_ID);
}

static void
test_title_and_display_id (void)
{
  g_autoptr(TokenCredential) credential = rfc_credential (TOKEN_KIND_TOTP);
  g_autofree char *shown = token_credential_dup_display_id (credential);

  g_assert_cmpstr (shown, ==, "SOFT 1234 5674");
  g_assert_cmpstr (token_credential_get_title (credential), ==, "SOFT12345674");
  token_credential_set_label (credential, "Work");
  g_assert_cmpstr (token_credential_get_title (credential), ==, "Work");
  token_credential_set_issuer (credential, "Bank");
  g_assert_cmpstr (token_credential_get_title (credential), ==, "Bank");
  token_credential_set_issuer (credential, "");
  g_assert_null (token_credential_get_issuer (credential));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_notify_counter (void)
{
  g_autoptr(TokenCredential) credential = rfc_credential (TOKEN_KIND_HOTP);
  guint count = 0;

  g_signal_connect (credential, "notify::counter", G_CALLBACK (count_notify), &count);
  token_credential_set_counter (credential, 1);
  token_credential_set_counter (credential, 1);
  token_credential_set_counter (credential, 2);
  g_assert_cmpuint (count, ==, 2);
}

static void
test_secure_wipe (void)
{
  char buffer[] = "secret";

  token_secure_wipe (buffer, sizeof buffer - 1);
  for (guint i = 0; i < sizeof buffer - 1; i++)
    g_assert_cmpint (buffer[i], ==, 0);
}

static TokenCredential *
token_with (const char *id,
            const char *issuer,
            const char *seed,
            TokenKind   kind)
{
  g_autoptr(GBytes) secret = token_secure_bytes_new (seed, strlen (seed));
  TokenCredential *credential = token_credential_new (id, kind, secret);

  token_credential_set_issuer (credential, issuer);
  return credential;
}

/* DESIGN.md's identity: issuer and ID (any case), or the same codes. */
static void
test_identity (void)
{
  g_autoptr(TokenCredential) james_spdx = token_with ("James", "SPDX", "seed-of-james-at-spdx", TOKEN_KIND_TOTP);
  g_autoptr(TokenCredential) james_issuu = token_with ("James", "Issuu", "seed-of-james-at-issuu", TOKEN_KIND_HOTP);
  g_autoptr(TokenCredential) james_spdx_again = token_with ("james", "spdx", "another-seed-entirely", TOKEN_KIND_TOTP);
  g_autoptr(TokenCredential) same_codes = token_with ("Someone", "Elsewhere", "seed-of-james-at-spdx", TOKEN_KIND_TOTP);
  g_autoptr(TokenCredential) same_seed_hotp = token_with ("Someone", "Elsewhere", "seed-of-james-at-spdx", TOKEN_KIND_HOTP);
  g_autoptr(TokenCredential) same_seed_60s = token_with ("Someone", "Elsewhere", "seed-of-james-at-spdx", TOKEN_KIND_TOTP);
  g_autoptr(TokenCredential) no_issuer = token_with ("James", NULL, "seed-without-issuer!", TOKEN_KIND_TOTP);
  g_autofree char *name = NULL;

  token_credential_set_period (same_seed_60s, 60);

  g_assert_false (token_credential_same_token (james_spdx, james_issuu));
  g_assert_true (token_credential_same_token (james_spdx, james_spdx_again));
  g_assert_true (token_credential_same_token (james_spdx, same_codes));
  g_assert_false (token_credential_same_token (james_spdx, same_seed_hotp));
  g_assert_true (token_credential_same_secret (james_spdx, same_seed_hotp));
  g_assert_false (token_credential_same_token (james_spdx, same_seed_60s));
  g_assert_false (token_credential_same_token (james_spdx, no_issuer));

  name = token_credential_dup_qualified_name (james_issuu);
  g_assert_cmpstr (name, ==, "Issuu:James");
  g_assert_true (token_credential_id_matches (james_issuu, "JAMES"));
  g_assert_true (token_credential_issuer_matches (james_issuu, "ISSUU"));
}

static void
test_internal_id (void)
{
  g_autoptr(TokenCredential) credential = rfc_credential (TOKEN_KIND_TOTP);
  g_autoptr(TokenCredential) copy = NULL;
  const char *first;

  g_assert_null (token_credential_get_internal_id (credential));
  first = token_credential_ensure_internal_id (credential);
  g_assert_true (g_uuid_string_is_valid (first));
  g_assert_cmpstr (token_credential_ensure_internal_id (credential), ==, first);

  copy = token_credential_copy (credential);
  g_assert_cmpstr (token_credential_get_internal_id (copy), ==, first);

  g_assert_false (token_credential_set_internal_id (copy, "not-a-uuid"));
  g_assert_true (token_credential_set_internal_id (copy, "0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9"));
  g_assert_cmpstr (token_credential_get_internal_id (copy), ==, "0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9");
  g_assert_true (token_credential_same_token (credential, credential));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credential/new-random", test_new_random);
  g_test_add_func ("/credential/copy-equal", test_copy_and_equal);
  g_test_add_func ("/credential/codes", test_codes);
  g_test_add_func ("/credential/validate", test_validate);
  g_test_add_func ("/credential/title", test_title_and_display_id);
  g_test_add_func ("/credential/notify-counter", test_notify_counter);
  g_test_add_func ("/credential/secure-wipe", test_secure_wipe);
  g_test_add_func ("/credential/identity", test_identity);
  g_test_add_func ("/credential/internal-id", test_internal_id);

  return g_test_run ();
}
