/* token-name.h: how a person names one token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @name names the token with these fields: its Credential ID (with
 * or without spaces, in any case), “Issuer:ID” (the issuer in any case),
 * or its internal ID. */
gboolean  token_name_matches         (const char  *name,
                                      const char  *internal_id,
                                      const char  *issuer,
                                      const char  *credential_id);
/* “Issuer:ID”, or the ID shown as a person reads it when there is no
 * issuer. */
char     *token_name_qualified       (const char  *issuer,
                                      const char  *credential_id);
/* TOKEN_ERROR_AMBIGUOUS for a @name that fits each of @qualified_names. */
GError   *token_name_ambiguous_error (const char  *name,
                                      GPtrArray   *qualified_names);

G_END_DECLS
