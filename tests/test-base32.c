/* test-base32.c: RFC 4648 vectors and the inputs people paste
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-base32.h"
#include "token-error.h"

/* RFC 4648, section 10. */
static const struct { const char *plain; const char *encoded; } rfc4648[] = {
  { "f", "MY" },
  { "fo", "MZXQ" },
  { "foo", "MZXW6" },
  { "foob", "MZXW6YQ" },
  { "fooba", "MZXW6YTB" },
  { "foobar", "MZXW6YTBOI" },
};

static const char * const rfc4648_padded[] = {
  "MY======", "MZXQ====", "MZXW6===", "MZXW6YQ=", "MZXW6YTB", "MZXW6YTBOI======",
};

static void
assert_decodes_to (const char *text,
                   const char *plain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = token_base32_decode (text, &error);
  gsize size;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpmem (data, size, plain, strlen (plain));
}

static void
test_rfc4648_encode (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rfc4648); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (rfc4648[i].plain, strlen (rfc4648[i].plain));
      g_autofree char *encoded = token_base32_encode (bytes);

      g_assert_cmpstr (encoded, ==, rfc4648[i].encoded);
    }
}

static void
test_rfc4648_decode (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rfc4648); i++)
    {
      assert_decodes_to (rfc4648[i].encoded, rfc4648[i].plain);
      assert_decodes_to (rfc4648_padded[i], rfc4648[i].plain);
    }
}

static void
test_lenient_forms (void)
{
  /* How secrets arrive: lower case, grouped by spaces or hyphens, with
   * padding missing, complete or overdone. */
  assert_decodes_to ("mzxw6ytboi", "foobar");
  assert_decodes_to ("MZXW 6YTB OI", "foobar");
  assert_decodes_to ("mzxw-6ytb-oi", "foobar");
  assert_decodes_to ("MZXW6YTBOI=", "foobar");
  assert_decodes_to ("MZXW6YTBOI==========", "foobar");
  assert_decodes_to ("  MZXW6YTBOI\t", "foobar");
  assert_decodes_to ("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "12345678901234567890");
}

static void
test_round_trip (void)
{
  guint8 data[64];

  for (guint size = 1; size <= sizeof data; size++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) decoded = NULL;
      g_autofree char *encoded = NULL;

      for (guint i = 0; i < size; i++)
        data[i] = (guint8) g_test_rand_int ();
      bytes = g_bytes_new (data, size);
      encoded = token_base32_encode (bytes);
      g_assert_null (strchr (encoded, '='));
      decoded = token_base32_decode (encoded, NULL);
      g_assert_nonnull (decoded);
      g_assert_true (g_bytes_equal (bytes, decoded));
    }
}

static const struct {
  const char *input;
  TokenError  code;
  const char *mentions;
} malformed[] = {
  { "", TOKEN_ERROR_MISSING_SECRET, NULL },
  { "   ", TOKEN_ERROR_MISSING_SECRET, NULL },
  { "====", TOKEN_ERROR_MISSING_SECRET, NULL },
  { "MZXW6YTB1I", TOKEN_ERROR_INVALID_BASE32, "“1”" },
  { "MZXW6YTB0I", TOKEN_ERROR_INVALID_BASE32, "“0”" },
  { "MZXW6YTB8I", TOKEN_ERROR_INVALID_BASE32, "“8”" },
  { "MZXW6+TBOI", TOKEN_ERROR_INVALID_BASE32, "“+”" },
  { "MZXW6/TBOI", TOKEN_ERROR_INVALID_BASE32, "“/”" },
  { "MZXW6.TBOI", TOKEN_ERROR_INVALID_BASE32, "“.”" },
  { "MZXW6_TBOI", TOKEN_ERROR_INVALID_BASE32, "“_”" },
  { "MZXW6ÄTBOI", TOKEN_ERROR_INVALID_BASE32, "“Ä”" },
  { "ＭＺＸＷ", TOKEN_ERROR_INVALID_BASE32, "“Ｍ”" },
  { "MZXW6\x01TBOI", TOKEN_ERROR_INVALID_BASE32, "0x01" },
  { "MZXW6\xffTBOI", TOKEN_ERROR_INVALID_BASE32, "0xFF" },
  { "MZ=XW6YTBOI", TOKEN_ERROR_INVALID_BASE32, "padding" },
  { "M", TOKEN_ERROR_INVALID_BASE32, "length" },
  { "MZX", TOKEN_ERROR_INVALID_BASE32, "length" },
  { "MZXW6Y", TOKEN_ERROR_INVALID_BASE32, "length" },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = token_base32_decode (malformed[i].input, &error);
      g_autofree char *shown = g_strescape (malformed[i].input, NULL);

      g_test_message ("input %u: %s", i, shown);
      g_assert_null (bytes);
      g_assert_error (error, TOKEN_ERROR, (gint) malformed[i].code);
      if (malformed[i].mentions != NULL)
        g_assert_nonnull (strstr (error->message, malformed[i].mentions));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/base32/rfc4648/encode", test_rfc4648_encode);
  g_test_add_func ("/base32/rfc4648/decode", test_rfc4648_decode);
  g_test_add_func ("/base32/lenient-forms", test_lenient_forms);
  g_test_add_func ("/base32/round-trip", test_round_trip);
  g_test_add_func ("/base32/malformed", test_malformed);

  return g_test_run ();
}
