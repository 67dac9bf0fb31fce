/* fuzz-transfer-file.c: the transfer-file reader on any bytes
 *
 * Runs what token_transfer_decrypt() runs, with a fixed key in place of
 * the key derivation (which would make each input take milliseconds): the
 * header checks, then AES-GCM over whatever lengths the header allows.
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
  static const guint8 key[TOKEN_TRANSFER_KEY_BYTES] = { 0 };
  g_autoptr(GBytes) file = g_bytes_new (data, size);
  g_autoptr(TokenTransfer) transfer = NULL;
  g_autoptr(GError) error = NULL;

  if (!token_transfer_check_header (file, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }

  g_assert_cmpuint (size, <=, TOKEN_TRANSFER_MAX_FILE_SIZE);
  g_assert_true (memcmp (data, "SOFTXFER", 8) == 0);

  transfer = token_transfer_decrypt_with_key (file, key, &error);
  g_assert_true ((transfer == NULL) != (error == NULL));
  return 0;
}
