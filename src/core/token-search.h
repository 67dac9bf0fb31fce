/* token-search.h: which tokens a search finds, and the order of the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "token-credential.h"

G_BEGIN_DECLS

char     *token_search_normalize     (const char      *text);
gboolean  token_search_matches       (TokenCredential *credential,
                                      const char      *normalized_query);
int       token_search_compare_order (TokenCredential *a,
                                      TokenCredential *b);

G_END_DECLS
