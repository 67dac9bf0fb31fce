/* token-search.c: which tokens a search finds, and the order of the list
 *
 * A search ignores case, spaces and the width of characters: a Japanese
 * input method types full-width “Ｇｉｔ”, and a Credential ID is typed with
 * or without its group spaces. Both sides are brought to NFKC, case-folded
 * and stripped of white space before one is looked for in the other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-search.h"

/* NFKC, case-folded, without white space; NULL when @text is not UTF-8. */
char *
token_search_normalize (const char *text)
{
  g_autofree char *composed = NULL;
  g_autofree char *folded = NULL;
  GString *result;

  g_return_val_if_fail (text != NULL, NULL);

  composed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (composed == NULL)
    return NULL;
  folded = g_utf8_casefold (composed, -1);

  result = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (result, c);
    }
  return g_string_free (result, FALSE);
}

static gboolean
field_contains (const char *field,
                const char *normalized_query)
{
  g_autofree char *normalized = NULL;

  if (field == NULL)
    return FALSE;
  normalized = token_search_normalize (field);
  return normalized != NULL && strstr (normalized, normalized_query) != NULL;
}

/* Whether the issuer, the label or the Credential ID holds
 * @normalized_query (from token_search_normalize()); an empty query
 * finds every token. */
gboolean
token_search_matches (TokenCredential *credential,
                      const char      *normalized_query)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (credential), FALSE);
  g_return_val_if_fail (normalized_query != NULL, FALSE);

  if (*normalized_query == '\0')
    return TRUE;

  return field_contains (token_credential_get_issuer (credential), normalized_query)
         || field_contains (token_credential_get_label (credential), normalized_query)
         || field_contains (token_credential_get_credential_id (credential), normalized_query);
}

static int
compare_collated (const char *a,
                  const char *b)
{
  g_autofree char *folded_a = g_utf8_casefold (a != NULL ? a : "", -1);
  g_autofree char *folded_b = g_utf8_casefold (b != NULL ? b : "", -1);
  g_autofree char *key_a = g_utf8_collate_key (folded_a, -1);
  g_autofree char *key_b = g_utf8_collate_key (folded_b, -1);

  return strcmp (key_a, key_b);
}

/* The name a row is known by: the issuer, or the label without one. */
static const char *
list_name (TokenCredential *credential)
{
  const char *issuer = token_credential_get_issuer (credential);

  return issuer != NULL && *issuer != '\0' ? issuer : token_credential_get_label (credential);
}

/* By issuer then account in the locale's collation, ignoring case; the
 * Credential ID and then the internal id decide between equals, so that
 * the order is the same at every load and a row never jumps. */
int
token_search_compare_order (TokenCredential *a,
                            TokenCredential *b)
{
  int result;

  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (a), 0);
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (b), 0);

  if ((result = compare_collated (list_name (a), list_name (b))) != 0)
    return result;
  if ((result = compare_collated (token_credential_get_label (a), token_credential_get_label (b))) != 0)
    return result;
  if ((result = g_strcmp0 (token_credential_get_credential_id (a), token_credential_get_credential_id (b))) != 0)
    return result;
  return g_strcmp0 (token_credential_get_internal_id (a), token_credential_get_internal_id (b));
}
