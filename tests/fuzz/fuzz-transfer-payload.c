/* fuzz-transfer-payload.c: the payload parser on any bytes
 *
 * A payload that reads must write back byte for byte (the encoding is
 * canonical), and one that does not read must leave nothing set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-transfer-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  guint8 transfer_id[TOKEN_TRANSFER_ID_BYTES];

  if (!token_transfer_payload_read (data, size, &credentials, transfer_id, &secret, &error))
    {
      g_assert_nonnull (error);
      g_assert_null (credentials);
      g_assert_null (secret);
      return 0;
    }

  g_assert_true (token_transfer_check_credentials (credentials, NULL));
  written = token_transfer_payload_write (credentials, transfer_id, secret);
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written), data, size);
  return 0;
}
