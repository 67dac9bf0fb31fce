/* token-name.c
 *
 * A Credential ID alone may name two tokens: the same account at two
 * services. Every command that takes a token's name also takes
 * “Issuer:ID” and the token's internal ID, and a name that fits two tokens
 * is refused with both spelled out, never resolved to one of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "token-credential-id.h"
#include "token-error.h"
#include "token-name.h"

static gboolean
issuer_equal (const char *wanted,
              const char *issuer)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (wanted));
  g_autofree char *folded_wanted = NULL;
  g_autofree char *folded_issuer = NULL;

  if (issuer == NULL || *trimmed == '\0')
    return FALSE;

  folded_wanted = g_utf8_casefold (trimmed, -1);
  folded_issuer = g_utf8_casefold (issuer, -1);
  return g_str_equal (folded_wanted, folded_issuer);
}

/* Issuers may hold a colon themselves, so every colon is tried. */
static gboolean
qualified_name_matches (const char *name,
                        const char *issuer,
                        const char *credential_id)
{
  for (const char *colon = strchr (name, ':'); colon != NULL; colon = strchr (colon + 1, ':'))
    {
      g_autofree char *issuer_part = g_strndup (name, (gsize) (colon - name));
      const char *id_part = colon + 1;

      if (*id_part != '\0' && issuer_equal (issuer_part, issuer)
          && token_credential_id_equal (id_part, credential_id))
        return TRUE;
    }
  return FALSE;
}

gboolean
token_name_matches (const char *name,
                    const char *internal_id,
                    const char *issuer,
                    const char *credential_id)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  if (credential_id == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (name));
  if (internal_id != NULL && g_ascii_strcasecmp (trimmed, internal_id) == 0)
    return TRUE;

  return token_credential_id_equal (trimmed, credential_id)
      || qualified_name_matches (trimmed, issuer, credential_id);
}

char *
token_name_qualified (const char *issuer,
                      const char *credential_id)
{
  g_autofree char *display_id = token_credential_id_format (credential_id);

  if (issuer == NULL || *issuer == '\0')
    return g_steal_pointer (&display_id);
  return g_strdup_printf ("%s:%s", issuer, display_id);
}

GError *
token_name_ambiguous_error (const char *name,
                            GPtrArray  *qualified_names)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < qualified_names->len; i++)
    g_string_append_printf (list, "\n  %s", (const char *) g_ptr_array_index (qualified_names, i));

  return g_error_new (TOKEN_ERROR, TOKEN_ERROR_AMBIGUOUS,
                      _("“%s” names more than one token; name one of them as Issuer:ID:%s"),
                      name, list->str);
}
