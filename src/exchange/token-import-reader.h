/* token-import-reader.h: tokens from whatever another app gave the user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-import.h"
#include "token-qr.h"

G_BEGIN_DECLS

/* The largest input read: a photo of a QR code is the biggest kind. */
#define TOKEN_IMPORT_READER_MAX_SIZE TOKEN_QR_MAX_IMAGE_BYTES

typedef enum
{
  TOKEN_IMPORT_INPUT_URI_LIST,
  TOKEN_IMPORT_INPUT_AEGIS,
  TOKEN_IMPORT_INPUT_IMAGE,
} TokenImportInput;

TokenImportInput  token_import_reader_detect         (GBytes        *input);
gboolean          token_import_reader_needs_password (GBytes        *input);
TokenImport      *token_import_reader_read           (GBytes        *input,
                                                      const char    *password,
                                                      GError       **error);
GBytes           *token_import_reader_load           (GFile         *file,
                                                      GCancellable  *cancellable,
                                                      GError       **error);
TokenImport      *token_import_reader_read_file      (GFile         *file,
                                                      const char    *password,
                                                      GCancellable  *cancellable,
                                                      GError       **error);

G_END_DECLS
