/* token-exchange-crypto.h: the key derivations and ciphers of other apps'
 * encrypted exports, from OpenSSL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TOKEN_EXCHANGE_GCM_TAG_BYTES 16

gboolean  token_exchange_pbkdf2_sha256  (const char   *password,
                                         GBytes       *salt,
                                         guint         iterations,
                                         guint8       *key,
                                         gsize         key_size);
GBytes   *token_exchange_aes_gcm_decrypt (const guint8 *key,
                                          gsize         key_size,
                                          GBytes       *iv,
                                          GBytes       *sealed);

G_END_DECLS
