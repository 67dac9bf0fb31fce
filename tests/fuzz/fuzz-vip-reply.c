/* fuzz-vip-reply.c: the VIP Access reply parser on any bytes
 *
 * Whatever it is given, the parser either returns a credential that holds
 * everything the protocol promises (a valid ID, a 20-byte secret, SHA1 and
 * six digits, an expiry) or an error, never both and never neither.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-vip-response.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  g_autoptr(TokenCredential) credential = NULL;

  credential = token_vip_response_parse ((const char *) data, size, &expiry, &error);
  if (credential == NULL)
    {
      g_assert_nonnull (error);
      g_assert_null (expiry);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (expiry);
  g_assert_true (token_vip_credential_id_is_valid (token_credential_get_credential_id (credential)));
  g_assert_cmpuint (g_bytes_get_size (token_credential_get_secret (credential)), ==, 20);
  g_assert_cmpint (token_credential_get_algorithm (credential), ==, TOKEN_ALGORITHM_SHA1);
  g_assert_cmpuint (token_credential_get_digits (credential), ==, 6);
  g_assert_cmpint (token_credential_get_expiry (credential), >, 0);
  return 0;
}
