/* test-uri.c: otpauth:// URIs as real services and tools write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-base32.h"
#include "token-error.h"
#include "token-secure.h"
#include "token-uri.h"

#define SECRET_80  "JBSWY3DPEHPK3PXP"
#define SECRET_160 "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

typedef struct
{
  const char     *uri;
  TokenKind       kind;
  const char     *credential_id;
  const char     *issuer;
  TokenAlgorithm  algorithm;
  guint           digits;
  guint           period;
  guint64         counter;
  const char     *secret;
} ValidUri;

static const ValidUri valid[] = {
  /* Google's own example of the format */
  { "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example",
    TOKEN_KIND_TOTP, "alice@google.com", "Example", TOKEN_ALGORITHM_SHA1, 6, 30, 0, SECRET_80 },
  /* A VIP credential from a provisioning tool, with its extra image parameter */
  { "otpauth://totp/VIP%20Access:SYMC26070843?secret=" SECRET_160
    "&issuer=VIP%20Access&algorithm=SHA1&digits=6&image=https%3A%2F%2Fexample.com%2Fvip.png",
    TOKEN_KIND_TOTP, "SYMC26070843", "VIP Access", TOKEN_ALGORITHM_SHA1, 6, 30, 0, SECRET_160 },
  /* The label alone gives the issuer */
  { "otpauth://totp/VIP%20Access:SYMC12345678?secret=" SECRET_160,
    TOKEN_KIND_TOTP, "SYMC12345678", "VIP Access", TOKEN_ALGORITHM_SHA1, 6, 30, 0, SECRET_160 },
  /* Label and parameter disagree: the parameter is kept */
  { "otpauth://totp/VIP%20Access:VSST12345678?secret=" SECRET_160 "&issuer=Symantec",
    TOKEN_KIND_TOTP, "VSST12345678", "Symantec", TOKEN_ALGORITHM_SHA1, 6, 30, 0, SECRET_160 },
  /* An encoded colon and every parameter spelled out */
  { "otpauth://totp/ACME%20Co%3Ajohn.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
    "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30",
    TOKEN_KIND_TOTP, "john.doe@email.com", "ACME Co", TOKEN_ALGORITHM_SHA1, 6, 30, 0,
    "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ" },
  /* A literal colon followed by a space, and a space left unescaped */
  { "otpauth://totp/ACME Co: john@example.com?secret=" SECRET_80,
    TOKEN_KIND_TOTP, "john@example.com", "ACME Co", TOKEN_ALGORITHM_SHA1, 6, 30, 0, SECRET_80 },
  { "otpauth://totp/Amazon%20Web%20Services:admin@123456789012?secret=" SECRET_160
    "&issuer=Amazon%20Web%20Services",
    TOKEN_KIND_TOTP, "admin@123456789012", "Amazon Web Services", TOKEN_ALGORITHM_SHA1, 6, 30, 0,
    SECRET_160 },
  /* No issuer anywhere */
  { "otpauth://totp/alice?secret=" SECRET_80,
    TOKEN_KIND_TOTP, "alice", NULL, TOKEN_ALGORITHM_SHA1, 6, 30, 0, SECRET_80 },
  /* Stronger settings */
  { "otpauth://totp/Bank:SOFT12345674?secret=" SECRET_160
    "&issuer=Bank&algorithm=SHA256&digits=8&period=60",
    TOKEN_KIND_TOTP, "SOFT12345674", "Bank", TOKEN_ALGORITHM_SHA256, 8, 60, 0, SECRET_160 },
  { "otpauth://totp/Vault:ops?secret=" SECRET_160 "&algorithm=sha512&digits=7&period=1",
    TOKEN_KIND_TOTP, "ops", "Vault", TOKEN_ALGORITHM_SHA512, 7, 1, 0, SECRET_160 },
  /* A counter-based token */
  { "otpauth://hotp/Example:bob?secret=" SECRET_160 "&issuer=Example&counter=42",
    TOKEN_KIND_HOTP, "bob", "Example", TOKEN_ALGORITHM_SHA1, 6, 30, 42, SECRET_160 },
  { "otpauth://hotp/yubi?secret=" SECRET_160 "&counter=18446744073709551615",
    TOKEN_KIND_HOTP, "yubi", NULL, TOKEN_ALGORITHM_SHA1, 6, 30, G_MAXUINT64, SECRET_160 },
  /* Upper-case scheme and type, a lower-case padded secret, white space */
  { "  OTPAUTH://TOTP/Example:carol?secret=jbswy3dpehpk3pxp====&issuer=Example\n",
    TOKEN_KIND_TOTP, "carol", "Example", TOKEN_ALGORITHM_SHA1, 6, 30, 0, SECRET_80 },
  /* A Japanese bank's name, percent-encoded UTF-8, with “+” for a space */
  { "otpauth://totp/%E3%81%97%E3%82%93%E3%81%8D%E3%82%93%E9%8A%80%E8%A1%8C:SOFT12345674"
    "?secret=" SECRET_160 "&issuer=%E3%81%97%E3%82%93%E3%81%8D%E3%82%93+%E9%8A%80%E8%A1%8C",
    TOKEN_KIND_TOTP, "SOFT12345674", "しんきん 銀行", TOKEN_ALGORITHM_SHA1, 6, 30, 0, SECRET_160 },
  /* Parameters in another order, an empty pair and unknown ones */
  { "otpauth://totp/GitHub:octocat?issuer=GitHub&&period=30&secret=" SECRET_160 "&color=black&icon",
    TOKEN_KIND_TOTP, "octocat", "GitHub", TOKEN_ALGORITHM_SHA1, 6, 30, 0, SECRET_160 },
};

static void
test_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      const ValidUri *v = &valid[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(TokenCredential) credential = NULL;
      g_autoptr(GBytes) secret = token_base32_decode (v->secret, NULL);

      g_test_message ("URI %u: %s", i, v->uri);
      credential = token_uri_parse (v->uri, &error);
      g_assert_no_error (error);
      g_assert_nonnull (credential);
      g_assert_cmpint (token_credential_get_kind (credential), ==, v->kind);
      g_assert_cmpstr (token_credential_get_credential_id (credential), ==, v->credential_id);
      g_assert_cmpstr (token_credential_get_issuer (credential), ==, v->issuer);
      g_assert_cmpint (token_credential_get_algorithm (credential), ==, v->algorithm);
      g_assert_cmpuint (token_credential_get_digits (credential), ==, v->digits);
      g_assert_cmpuint (token_credential_get_period (credential), ==, v->period);
      g_assert_cmpuint (token_credential_get_counter (credential), ==, v->counter);
      g_assert_true (g_bytes_equal (token_credential_get_secret (credential), secret));
      g_assert_null (token_credential_get_label (credential));
    }
}

typedef struct
{
  const char *uri;
  TokenError  code;
} MalformedUri;

static const MalformedUri malformed[] = {
  { "", TOKEN_ERROR_INVALID_URI },
  { "https://example.com/?secret=" SECRET_80, TOKEN_ERROR_INVALID_URI },
  { "otpauth:/totp/alice?secret=" SECRET_80, TOKEN_ERROR_INVALID_URI },
  { "otpauth://", TOKEN_ERROR_INVALID_URI },
  { "otpauth://totp", TOKEN_ERROR_INVALID_URI },
  { "otpauth:///alice?secret=" SECRET_80, TOKEN_ERROR_INVALID_URI },
  { "otpauth://motp/alice?secret=" SECRET_80, TOKEN_ERROR_UNSUPPORTED_TYPE },
  { "otpauth://steam/alice?secret=" SECRET_80, TOKEN_ERROR_UNSUPPORTED_TYPE },
  { "otpauth://totp/alice", TOKEN_ERROR_MISSING_SECRET },
  { "otpauth://totp/alice?issuer=Example", TOKEN_ERROR_MISSING_SECRET },
  { "otpauth://totp/alice?secret=", TOKEN_ERROR_MISSING_SECRET },
  { "otpauth://totp/alice?secret", TOKEN_ERROR_MISSING_SECRET },
  { "otpauth://totp/alice?secret=JBSW1Y3DPEHPK3PXP", TOKEN_ERROR_INVALID_BASE32 },
  { "otpauth://totp/alice?secret=JBSWY3DP%21EHPK3PXP", TOKEN_ERROR_INVALID_BASE32 },
  { "otpauth://totp/alice?secret=JBSWY3DPEHPK3PX", TOKEN_ERROR_SECRET_TOO_SHORT },
  { "otpauth://totp/alice?secret=JBSWY3DP", TOKEN_ERROR_SECRET_TOO_SHORT },
  { "otpauth://totp/alice?secret=" SECRET_80 "&algorithm=MD5", TOKEN_ERROR_UNSUPPORTED_ALGORITHM },
  { "otpauth://totp/alice?secret=" SECRET_80 "&algorithm=", TOKEN_ERROR_UNSUPPORTED_ALGORITHM },
  { "otpauth://totp/alice?secret=" SECRET_80 "&digits=5", TOKEN_ERROR_INVALID_DIGITS },
  { "otpauth://totp/alice?secret=" SECRET_80 "&digits=9", TOKEN_ERROR_INVALID_DIGITS },
  { "otpauth://totp/alice?secret=" SECRET_80 "&digits=six", TOKEN_ERROR_INVALID_DIGITS },
  { "otpauth://totp/alice?secret=" SECRET_80 "&digits=-6", TOKEN_ERROR_INVALID_DIGITS },
  { "otpauth://totp/alice?secret=" SECRET_80 "&digits=+6", TOKEN_ERROR_INVALID_DIGITS },
  { "otpauth://totp/alice?secret=" SECRET_80 "&period=0", TOKEN_ERROR_INVALID_PERIOD },
  { "otpauth://totp/alice?secret=" SECRET_80 "&period=86400", TOKEN_ERROR_INVALID_PERIOD },
  { "otpauth://totp/alice?secret=" SECRET_80 "&period=30s", TOKEN_ERROR_INVALID_PERIOD },
  { "otpauth://totp/alice?secret=" SECRET_80 "&period=99999999999999999999", TOKEN_ERROR_INVALID_PERIOD },
  { "otpauth://hotp/alice?secret=" SECRET_80, TOKEN_ERROR_MISSING_COUNTER },
  { "otpauth://hotp/alice?secret=" SECRET_80 "&counter=-1", TOKEN_ERROR_INVALID_COUNTER },
  { "otpauth://hotp/alice?secret=" SECRET_80 "&counter=18446744073709551616", TOKEN_ERROR_INVALID_COUNTER },
  { "otpauth://hotp/alice?secret=" SECRET_80 "&counter=", TOKEN_ERROR_INVALID_COUNTER },
  { "otpauth://totp/?secret=" SECRET_80, TOKEN_ERROR_INVALID_LABEL },
  { "otpauth://totp/Example:?secret=" SECRET_80, TOKEN_ERROR_INVALID_LABEL },
  { "otpauth://totp/Example%3A%20?secret=" SECRET_80, TOKEN_ERROR_INVALID_LABEL },
  { "otpauth://totp/Ex%2:alice?secret=" SECRET_80, TOKEN_ERROR_INVALID_URI },
  { "otpauth://totp/alice%?secret=" SECRET_80, TOKEN_ERROR_INVALID_URI },
  { "otpauth://totp/al%00ice?secret=" SECRET_80, TOKEN_ERROR_INVALID_URI },
  { "otpauth://totp/al%FFice?secret=" SECRET_80, TOKEN_ERROR_INVALID_URI },
  { "otpauth://totp/alice?secret=" SECRET_80 "&issuer=%C3", TOKEN_ERROR_INVALID_URI },
  { "otpauth://totp/alice?secret=" SECRET_80 "&secret=" SECRET_160, TOKEN_ERROR_INVALID_URI },
  { "otpauth://totp/alice?secret=" SECRET_80 "&digits=6&digits=8", TOKEN_ERROR_INVALID_URI },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TokenCredential) credential = NULL;

      g_test_message ("URI %u: %s", i, malformed[i].uri);
      credential = token_uri_parse (malformed[i].uri, &error);
      g_assert_null (credential);
      g_assert_error (error, TOKEN_ERROR, (gint) malformed[i].code);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_oversized (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) uri = g_string_new ("otpauth://totp/alice?secret=");
  g_autoptr(GString) long_secret = g_string_new ("otpauth://totp/alice?secret=");
  g_autoptr(TokenCredential) credential = NULL;

  for (guint i = 0; i < 700; i++)
    g_string_append (uri, "ABCDEFGH");
  credential = token_uri_parse (uri->str, &error);
  g_assert_null (credential);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_URI);
  g_clear_error (&error);

  /* 129 bytes of secret: one more than a token may hold. */
  for (guint i = 0; i < 129 * 8 / 5 + 1; i++)
    g_string_append_c (long_secret, 'A');
  credential = token_uri_parse (long_secret->str, &error);
  g_assert_null (credential);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_SECRET_TOO_LONG);
}

static TokenCredential *
random_credential (void)
{
  static const char * const issuers[] = {
    NULL, "Example", "VIP Access", "しんきん銀行", "A:B & C/D?E=F%G+H", "Ünïcødé Bank",
  };
  static const char * const ids[] = {
    "SOFT12345674", "SYMC26070843", "alice@example.com", "user name", "x:y", "山田",
  };
  g_autoptr(GBytes) secret = NULL;
  TokenCredential *credential;
  guint8 seed[64];
  gsize size = (gsize) g_test_rand_int_range (TOKEN_MIN_SECRET_BYTES, sizeof seed + 1);
  TokenKind kind = g_test_rand_bit () ? TOKEN_KIND_HOTP : TOKEN_KIND_TOTP;

  for (gsize i = 0; i < size; i++)
    seed[i] = (guint8) g_test_rand_int ();
  secret = token_secure_bytes_new (seed, size);

  credential = token_credential_new (ids[g_test_rand_int_range (0, G_N_ELEMENTS (ids))], kind, secret);
  token_credential_set_issuer (credential, issuers[g_test_rand_int_range (0, G_N_ELEMENTS (issuers))]);
  token_credential_set_algorithm (credential, (TokenAlgorithm) g_test_rand_int_range (0, 3));
  token_credential_set_digits (credential, (guint) g_test_rand_int_range (6, 9));
  if (kind == TOKEN_KIND_TOTP)
    token_credential_set_period (credential, g_test_rand_bit () ? 30 : (guint) g_test_rand_int_range (1, 301));
  else
    token_credential_set_counter (credential, ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ());

  return credential;
}

static void
test_round_trip (void)
{
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(TokenCredential) credential = random_credential ();
      g_autoptr(TokenCredential) parsed = NULL;
      g_autoptr(TokenSecureString) uri = token_uri_format (credential);
      g_autoptr(GError) error = NULL;

      parsed = token_uri_parse (uri, &error);
      g_assert_no_error (error);
      g_assert_true (token_credential_equal (credential, parsed));
    }
}

static void
test_format (void)
{
  g_autoptr(GBytes) secret = token_base32_decode (SECRET_160, NULL);
  g_autoptr(TokenCredential) credential = token_credential_new ("SOFT12345674", TOKEN_KIND_TOTP, secret);
  g_autoptr(TokenCredential) odd = token_credential_new ("alice", TOKEN_KIND_HOTP, secret);
  g_autoptr(TokenCredential) short_secret = NULL;
  g_autoptr(GBytes) eleven = g_bytes_new_static ("12345678901", 11);
  g_autofree char *uri = NULL;
  g_autofree char *odd_uri = NULL;
  g_autofree char *short_uri = NULL;

  token_credential_set_issuer (credential, "VIP Access");
  uri = token_uri_format (credential);
  g_assert_cmpstr (uri, ==,
                   "otpauth://totp/VIP%20Access:SOFT12345674?secret=" SECRET_160 "&issuer=VIP%20Access");

  token_credential_set_algorithm (odd, TOKEN_ALGORITHM_SHA512);
  token_credential_set_digits (odd, 8);
  token_credential_set_counter (odd, 7);
  odd_uri = token_uri_format (odd);
  g_assert_cmpstr (odd_uri, ==,
                   "otpauth://hotp/alice?secret=" SECRET_160 "&algorithm=SHA512&digits=8&counter=7");

  /* 11 bytes do not fill whole base32 groups: no padding is written. */
  short_secret = token_credential_new ("bob", TOKEN_KIND_TOTP, eleven);
  token_credential_set_period (short_secret, 60);
  short_uri = token_uri_format (short_secret);
  g_assert_cmpstr (short_uri, ==, "otpauth://totp/bob?secret=GEZDGNBVGY3TQOJQGE&period=60");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uri/valid", test_valid);
  g_test_add_func ("/uri/malformed", test_malformed);
  g_test_add_func ("/uri/oversized", test_oversized);
  g_test_add_func ("/uri/round-trip", test_round_trip);
  g_test_add_func ("/uri/format", test_format);

  return g_test_run ();
}
