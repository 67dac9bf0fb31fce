/* token-cli-export-formats.h: the formats of other apps that export writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a format may need besides the tokens. A usage mistake (no --user for
 * pam-oath, several tokens in one QR code...) is reported in the
 * G_OPTION_ERROR domain, so that the command exits with status 2. */
typedef struct
{
  const char *user;
  const char *output;
} TokenCliExportOptions;

/* Each returns the whole output, wiped when freed, or NULL with @error set.
 * @credentials holds TokenCredential, in the order given. */
GBytes *token_cli_export_otpauth  (GPtrArray                    *credentials,
                                   const TokenCliExportOptions  *options,
                                   GError                      **error);
GBytes *token_cli_export_qr       (GPtrArray                    *credentials,
                                   const TokenCliExportOptions  *options,
                                   GError                      **error);
GBytes *token_cli_export_pam_oath (GPtrArray                    *credentials,
                                   const TokenCliExportOptions  *options,
                                   GError                      **error);
GBytes *token_cli_export_aegis    (GPtrArray                    *credentials,
                                   const TokenCliExportOptions  *options,
                                   GError                      **error);

G_END_DECLS
