/* token-otp.h: HOTP (RFC 4226) and TOTP (RFC 6238)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TOKEN_ALGORITHM_SHA1,
  TOKEN_ALGORITHM_SHA256,
  TOKEN_ALGORITHM_SHA512,
} TokenAlgorithm;

#define TOKEN_MIN_DIGITS      6
#define TOKEN_MAX_DIGITS      8
#define TOKEN_DEFAULT_DIGITS  6
#define TOKEN_MIN_PERIOD      1
#define TOKEN_MAX_PERIOD      300
#define TOKEN_DEFAULT_PERIOD  30
/* Large enough for a code of TOKEN_MAX_DIGITS and its terminating NUL. */
#define TOKEN_CODE_BUFFER_SIZE 16

const char *token_algorithm_to_string    (TokenAlgorithm   algorithm);
gboolean    token_algorithm_from_string  (const char      *name,
                                          TokenAlgorithm  *algorithm);

gboolean    token_hotp                   (TokenAlgorithm   algorithm,
                                          GBytes          *key,
                                          guint64          counter,
                                          guint            digits,
                                          guint32         *code,
                                          GError         **error);

guint64     token_totp_counter           (gint64           unix_time,
                                          guint            period);
guint       token_totp_seconds_left      (gint64           unix_time,
                                          guint            period);

void        token_otp_format_code        (guint32          code,
                                          guint            digits,
                                          char             buffer[TOKEN_CODE_BUFFER_SIZE]);

G_END_DECLS
