/* token-exchange-json.c: what every reader of another app's JSON checks
 * before json-glib sees the text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-exchange-json.h"

/* json-glib recurses once a level of nesting; a file of a million “[” must
 * not reach it. Strings are skipped, so brackets inside them do not count. */
gboolean
token_exchange_json_is_shallow (const char *text,
                                gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > TOKEN_EXCHANGE_MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}
