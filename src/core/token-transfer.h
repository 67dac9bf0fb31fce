/* token-transfer.h: the encrypted transfer file that moves tokens to a new
 * device (specified in docs/transfer-format.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "token-credential.h"

G_BEGIN_DECLS

/* scrypt cost as log2(N); r = 8 and p = 1 always. */
#define TOKEN_TRANSFER_DEFAULT_COST        17
#define TOKEN_TRANSFER_MIN_COST            14
#define TOKEN_TRANSFER_MAX_COST            20

#define TOKEN_TRANSFER_MAX_FILE_SIZE       (1024 * 1024)
#define TOKEN_TRANSFER_MAX_CREDENTIALS     100
/* Credential ID, issuer and label, in UTF-8 bytes. */
#define TOKEN_TRANSFER_MAX_TEXT_BYTES      256
#define TOKEN_TRANSFER_CONFIRMATION_LENGTH 8

#define TOKEN_TYPE_TRANSFER (token_transfer_get_type ())

G_DECLARE_FINAL_TYPE (TokenTransfer, token_transfer, TOKEN, TRANSFER, GObject)

TokenTransfer *token_transfer_new                      (GPtrArray            *credentials,
                                                        GError              **error);

GPtrArray     *token_transfer_get_credentials          (TokenTransfer        *self);
const char    *token_transfer_get_id                   (TokenTransfer        *self);
GBytes        *token_transfer_get_confirmation_secret  (TokenTransfer        *self);
char          *token_transfer_dup_confirmation_code    (TokenTransfer        *self);

gboolean       token_transfer_check_header             (GBytes               *file,
                                                        GError              **error);

GBytes        *token_transfer_encrypt                  (TokenTransfer        *self,
                                                        const char           *passphrase,
                                                        guint                 cost,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
TokenTransfer *token_transfer_decrypt                  (GBytes               *file,
                                                        const char           *passphrase,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

gboolean       token_transfer_save                     (TokenTransfer        *self,
                                                        const char           *passphrase,
                                                        guint                 cost,
                                                        GFile                *destination,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void           token_transfer_save_async               (TokenTransfer        *self,
                                                        const char           *passphrase,
                                                        guint                 cost,
                                                        GFile                *destination,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean       token_transfer_save_finish              (TokenTransfer        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

GBytes        *token_transfer_read_file                (GFile                *file,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
TokenTransfer *token_transfer_load                     (GFile                *file,
                                                        const char           *passphrase,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void           token_transfer_load_async               (GFile                *file,
                                                        const char           *passphrase,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
TokenTransfer *token_transfer_load_finish              (GAsyncResult         *result,
                                                        GError              **error);

char          *token_transfer_confirmation_code        (GBytes               *confirmation_secret);
gboolean       token_transfer_confirmation_matches     (GBytes               *confirmation_secret,
                                                        const char           *typed_code);

G_END_DECLS
