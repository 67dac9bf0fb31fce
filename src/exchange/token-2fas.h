/* token-2fas.h: 2FAS Authenticator backups (.2fas), plain and encrypted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-import.h"

G_BEGIN_DECLS

gboolean     token_2fas_recognise    (GBytes      *input);
gboolean     token_2fas_is_encrypted (GBytes      *input);
TokenImport *token_2fas_read         (GBytes      *input,
                                      const char  *password,
                                      GError     **error);

G_END_DECLS
