/* token-pam-oath.h: a line of a pam_oath users file (/etc/users.oath)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-credential.h"

G_BEGIN_DECLS

char *token_pam_oath_format_line (TokenCredential  *credential,
                                  const char       *user,
                                  GError          **error);

G_END_DECLS
