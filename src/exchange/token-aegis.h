/* token-aegis.h: Aegis Authenticator vaults, plain and encrypted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-import.h"

G_BEGIN_DECLS

#define TOKEN_AEGIS_MAX_SIZE (16 * 1024 * 1024)

/* The bounds within which the password of a vault is stretched; others are
 * refused before any key is derived. Aegis writes N = 2^15, r = 8, p = 1. */
#define TOKEN_AEGIS_MIN_SCRYPT_N  (1 << 10)
#define TOKEN_AEGIS_MAX_SCRYPT_N  (1 << 20)
#define TOKEN_AEGIS_MAX_SCRYPT_R  32
#define TOKEN_AEGIS_MAX_SCRYPT_P  4
#define TOKEN_AEGIS_MAX_SCRYPT_MEMORY (G_GUINT64_CONSTANT (1) << 30)

gboolean     token_aegis_is_encrypted (GBytes      *vault);
TokenImport *token_aegis_read         (GBytes      *vault,
                                       const char  *password,
                                       GError     **error);
GBytes      *token_aegis_write        (GPtrArray   *credentials,
                                       GError     **error);

G_END_DECLS
