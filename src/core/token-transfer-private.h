/* token-transfer-private.h: the parts of the transfer file that tests and
 * fuzz targets reach directly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-transfer.h"

G_BEGIN_DECLS

#define TOKEN_TRANSFER_ID_BYTES                   16
#define TOKEN_TRANSFER_CONFIRMATION_SECRET_BYTES  32
#define TOKEN_TRANSFER_KEY_BYTES                  32

/* The plaintext inside the file (docs/transfer-format.md, “The payload”). */
GBytes        *token_transfer_payload_write   (GPtrArray     *credentials,
                                               const guint8   transfer_id[TOKEN_TRANSFER_ID_BYTES],
                                               GBytes        *confirmation_secret);
gboolean       token_transfer_payload_read    (const guint8  *data,
                                               gsize          size,
                                               GPtrArray    **credentials,
                                               guint8         transfer_id[TOKEN_TRANSFER_ID_BYTES],
                                               GBytes       **confirmation_secret,
                                               GError       **error);
gboolean       token_transfer_check_credentials (GPtrArray   *credentials,
                                                 GError     **error);

TokenTransfer *token_transfer_decrypt_with_key (GBytes       *file,
                                                const guint8  key[TOKEN_TRANSFER_KEY_BYTES],
                                                GError      **error);

TokenTransfer *token_transfer_new_from_parts  (GPtrArray     *credentials,
                                               const guint8   transfer_id[TOKEN_TRANSFER_ID_BYTES],
                                               GBytes        *confirmation_secret);

/* How many times the key was derived from a passphrase in this process:
 * tests use it to show that a bad header is refused before the KDF runs. */
guint          token_transfer_get_kdf_calls   (void);

G_END_DECLS
