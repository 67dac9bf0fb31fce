/* token-uri-list.c
 *
 * Blank lines and the white space around a line are ignored. A line may
 * also hold a one-code Google Authenticator transfer code. Each line that
 * cannot be read is reported with its number; the others are kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "token-error.h"
#include "token-migration.h"
#include "token-secure.h"
#include "token-uri.h"
#include "token-uri-list.h"

static void
read_migration_line (TokenImport *import,
                     const char  *line,
                     guint        number)
{
  g_autoptr(TokenMigrationPart) part = NULL;
  GError *error = NULL;

  if (!(part = token_migration_parse_uri (line, &error)))
    {
      token_import_add_problem (import, number, NULL, error);
      return;
    }

  if (part->batch_size > 1)
    {
      token_import_add_problem (import, number, NULL,
                                g_error_new (TOKEN_ERROR, TOKEN_ERROR_INCOMPLETE_EXPORT,
                                             _("This is code %u of a transfer in %u codes; scan all of its codes instead"),
                                             part->batch_index + 1, part->batch_size));
      return;
    }

  /* The tokens inside are reported under the line they came from. */
  for (guint i = 0; i < token_import_get_n_problems (part->import); i++)
    {
      const TokenImportProblem *problem = token_import_get_problem (part->import, i);
      g_autofree char *description = token_import_describe_problem (problem);

      token_import_add_problem (import, number, NULL,
                                g_error_new_literal (TOKEN_ERROR, problem->error->code,
                                                     description));
    }
  for (guint i = 0; i < g_list_model_get_n_items (token_import_get_credentials (part->import)); i++)
    {
      g_autoptr(TokenCredential) credential =
        g_list_model_get_item (token_import_get_credentials (part->import), i);

      token_import_add (import, credential, number, NULL);
    }
}

static void
read_line (TokenImport *import,
           char        *line,
           guint        number)
{
  g_autoptr(TokenCredential) credential = NULL;
  GError *error = NULL;

  /* Blank lines and “#” comments, as people write lists by hand. */
  g_strstrip (line);
  if (*line == '\0' || *line == '#')
    return;

  if (token_migration_is_uri (line))
    {
      read_migration_line (import, line, number);
      return;
    }

  if (!(credential = token_uri_parse (line, &error)))
    token_import_add_problem (import, number, NULL, error);
  else
    token_import_add (import, credential, number, NULL);
}

/**
 * token_uri_list_parse:
 * @text: the text, as pasted or read from a file
 * @length: its length in bytes, or -1 when it ends with a NUL
 *
 * Returns: (transfer full): the tokens of the good lines and, for each bad
 *   or repeated line, its number and what is wrong with it; or %NULL with
 *   @error set when the text as a whole cannot be read
 */
TokenImport *
token_uri_list_parse (const char  *text,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(TokenImport) import = NULL;
  g_autoptr(GBytes) buffer = NULL;
  char *line;
  guint number = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (text);

  if (length > TOKEN_URI_LIST_MAX_SIZE)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("The text is larger than %d MiB"), TOKEN_URI_LIST_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (memchr (text, '\0', (gsize) length) != NULL || !g_utf8_validate_len (text, (gsize) length, NULL))
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_FORMAT,
                           _("This is not text: it cannot hold otpauth:// URIs"));
      return NULL;
    }

  import = token_import_new ();
  /* The lines are cut apart in place, so the whole copy is wiped at the end,
   * not only up to its first NUL. */
  buffer = token_secure_bytes_new_take (g_strndup (text, (gsize) length), (gsize) length + 1);

  for (line = (char *) g_bytes_get_data (buffer, NULL); line != NULL;)
    {
      char *end = strchr (line, '\n');

      if (end != NULL)
        *end = '\0';
      read_line (import, line, ++number);
      line = end != NULL ? end + 1 : NULL;
    }

  return g_steal_pointer (&import);
}

/**
 * token_uri_list_format:
 * @credentials: (element-type TokenCredential): the tokens to write
 *
 * Returns: (transfer full): one otpauth:// URI a line, each line ended;
 *   free it with token_secure_string_free()
 */
char *
token_uri_list_format (GPtrArray *credentials)
{
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func ((GDestroyNotify) token_secure_string_free);
  gsize length = 0;
  char *text;
  char *out;

  g_return_val_if_fail (credentials != NULL, NULL);

  for (guint i = 0; i < credentials->len; i++)
    {
      char *uri = token_uri_format (g_ptr_array_index (credentials, i));

      length += strlen (uri) + 1;
      g_ptr_array_add (uris, uri);
    }

  text = g_malloc (length + 1);
  out = text;
  for (guint i = 0; i < uris->len; i++)
    {
      out = g_stpcpy (out, g_ptr_array_index (uris, i));
      *out++ = '\n';
    }
  *out = '\0';

  return text;
}
