/* token-exchange-writer.h: the one table of the formats of other apps that
 * Soft Token writes, for soft-token-cli export and the app's Export to
 * Another App dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* In the order the app offers them. */
typedef enum
{
  TOKEN_EXCHANGE_FORMAT_OTPAUTH,
  TOKEN_EXCHANGE_FORMAT_AEGIS,
  TOKEN_EXCHANGE_FORMAT_PAM_OATH,
  TOKEN_EXCHANGE_FORMAT_QR,
  TOKEN_EXCHANGE_N_FORMATS,
} TokenExchangeFormat;

typedef struct
{
  /* Where the output goes, to tell its kind (a QR code's .png or .svg);
   * NULL for the format's first kind. */
  const char *file_name;
  /* The system user a pam_oath line names. */
  const char *user;
} TokenExchangeWriteOptions;

typedef struct
{
  TokenExchangeFormat  format;
  /* The name soft-token-cli export --format takes. */
  const char          *name;
  /* Translatable (N_): the app's name of the format and what it is for. */
  const char          *title;
  const char          *use;
  const char          *suggested_file_name;
  gboolean             one_token;
  gboolean             needs_user;
  /* An image, which cannot go to a terminal. */
  gboolean             image;
  GBytes            *(*write) (GPtrArray                       *credentials,
                               const TokenExchangeWriteOptions *options,
                               GError                         **error);
} TokenExchangeWriter;

const TokenExchangeWriter *token_exchange_writer_get   (TokenExchangeFormat  format);
const TokenExchangeWriter *token_exchange_writer_find  (const char          *name);
gboolean                   token_exchange_writer_knows_image_kind (const char *file_name);

G_END_DECLS
