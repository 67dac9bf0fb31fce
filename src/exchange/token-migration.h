/* token-migration.h: Google Authenticator transfer codes
 * (otpauth-migration://offline?data=…)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-import.h"

G_BEGIN_DECLS

/* Google Authenticator puts at most 10 tokens in a code and has no more
 * than 10 codes in an export; these bounds leave room and stay small. */
#define TOKEN_MIGRATION_MAX_CREDENTIALS 100
#define TOKEN_MIGRATION_MAX_PAYLOAD     (64 * 1024)
#define TOKEN_MIGRATION_URI_PREFIX      "otpauth-migration://offline?"
/* How many tokens Google Authenticator itself puts in one code. */
#define TOKEN_MIGRATION_TOKENS_PER_CODE 10

/* One scanned code: one batch part of an export. */
typedef struct
{
  guint        version;
  guint        batch_size;
  guint        batch_index;
  gint32       batch_id;
  TokenImport *import;
} TokenMigrationPart;

void                token_migration_part_free   (TokenMigrationPart  *part);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TokenMigrationPart, token_migration_part_free)

gboolean            token_migration_is_uri      (const char          *text);
TokenMigrationPart *token_migration_decode      (GBytes              *payload,
                                                 GError             **error);
TokenMigrationPart *token_migration_parse_uri   (const char          *uri,
                                                 GError             **error);
gboolean            token_migration_check_parts (GPtrArray           *parts,
                                                 GError             **error);
TokenImport        *token_migration_join_parts  (GPtrArray           *parts,
                                                 GError             **error);

GBytes             *token_migration_encode      (GPtrArray           *credentials,
                                                 guint                batch_size,
                                                 guint                batch_index,
                                                 gint32               batch_id,
                                                 GError             **error);
char               *token_migration_format_uri  (GBytes              *payload);
GPtrArray          *token_migration_format_uris (GPtrArray           *credentials,
                                                 guint                per_code,
                                                 GError             **error);

G_END_DECLS
