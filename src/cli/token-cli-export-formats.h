/* token-cli-export-formats.h: the formats soft-token-cli export writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "token-cli.h"
#include "token-exchange-writer.h"
#include "token-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *output;
  const char *user;
  const char *passphrase_file;
  gboolean    generate_passphrase;
} TokenCliExportOptions;

/* The formats of other apps: plain text or images that hold the secrets.
 * Each writes to --output (atomically, mode 0600) or standard output. */
TokenCliExit token_cli_export_exchange (const TokenCliExportOptions *options,
                                        const TokenExchangeWriter   *writer,
                                        GPtrArray                   *credentials);

G_END_DECLS
