/* token-import-reader.c: tokens from whatever another app gave the user
 *
 * otpauth:// URIs one a line (with Google Authenticator transfer codes
 * among them), Aegis vaults and PNG or JPEG images of a QR code holding
 * either kind of URI: told apart by their contents, not by a file name.
 * 2FAS backups are read too (token-2fas). The files of other apps that
 * Soft Token does not read are named in one
 * sentence (token-foreign-format).
 * The CLI's add and the app's import dialog read through here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "token-2fas.h"
#include "token-aegis.h"
#include "token-error.h"
#include "token-foreign-format.h"
#include "token-qr.h"
#include "token-import-reader.h"
#include "token-secure.h"
#include "token-uri-list.h"

TokenImportInput
token_import_reader_detect (GBytes *input)
{
  gsize size;
  const guchar *data;
  gsize i;

  g_return_val_if_fail (input != NULL, TOKEN_IMPORT_INPUT_URI_LIST);

  data = g_bytes_get_data (input, &size);
  if ((size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
      || (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0))
    return TOKEN_IMPORT_INPUT_IMAGE;

  for (i = 0; i < size && g_ascii_isspace (data[i]); i++)
    ;
  if (i < size && data[i] == '{')
    return TOKEN_IMPORT_INPUT_AEGIS;

  return TOKEN_IMPORT_INPUT_URI_LIST;
}

/* Whether @input is an encrypted Aegis vault or 2FAS backup, which reads
 * only with its password. */
gboolean
token_import_reader_needs_password (GBytes *input)
{
  g_return_val_if_fail (input != NULL, FALSE);

  return token_import_reader_detect (input) == TOKEN_IMPORT_INPUT_AEGIS
         && (token_aegis_is_encrypted (input) || token_2fas_is_encrypted (input));
}

static TokenImport *
read_image (GBytes  *input,
            GError **error)
{
  g_autoptr(TokenSecureString) text = NULL;

  if (!(text = token_qr_read (input, error)))
    return NULL;

  return token_uri_list_parse (text, -1, error);
}

/**
 * token_import_reader_read:
 * @input: the whole input, as read or pasted
 * @password: (nullable): the password of an encrypted Aegis vault
 *
 * Returns: (transfer full): the good tokens and the named problems, or
 *   %NULL with @error set when the input as a whole cannot be read
 */
TokenImport *
token_import_reader_read (GBytes      *input,
                          const char  *password,
                          GError     **error)
{
  TokenImportInput kind;
  const char *data;
  gsize size;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (input, &size);
  kind = token_import_reader_detect (input);
  if (kind == TOKEN_IMPORT_INPUT_IMAGE)
    return read_image (input, error);
  if (token_2fas_recognise (input))
    return token_2fas_read (input, password, error);
  if (token_foreign_format_recognise (input, error))
    return NULL;

  switch (kind)
    {
    case TOKEN_IMPORT_INPUT_AEGIS:
      return token_aegis_read (input, password, error);
    case TOKEN_IMPORT_INPUT_URI_LIST:
    default:
      return token_uri_list_parse (size > 0 ? data : "", (gssize) size, error);
    }
}

/**
 * token_import_reader_load:
 *
 * Blocks: call it from a worker thread in an app.
 *
 * Returns: (transfer full): the file's contents, at most
 *   %TOKEN_IMPORT_READER_MAX_SIZE bytes, in a buffer wiped when freed
 */
GBytes *
token_import_reader_load (GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  const gsize max_size = TOKEN_IMPORT_READER_MAX_SIZE;
  g_autoptr(GFileInputStream) stream = NULL;
  char *buffer;
  gsize size = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;

  buffer = g_malloc (max_size + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, max_size + 1, &size,
                                cancellable, error))
    {
      token_secure_wipe (buffer, max_size + 1);
      g_free (buffer);
      return NULL;
    }

  if (size > max_size)
    {
      token_secure_wipe (buffer, max_size + 1);
      g_free (buffer);
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("The file is larger than %u MiB"), (guint) (max_size / (1024 * 1024)));
      return NULL;
    }

  return token_secure_bytes_new_take (buffer, size);
}

/**
 * token_import_reader_read_file:
 * @password: (nullable): the password of an encrypted Aegis vault
 *
 * Blocks: call it from a worker thread in an app.
 *
 * Returns: (transfer full): as token_import_reader_read()
 */
TokenImport *
token_import_reader_read_file (GFile         *file,
                               const char    *password,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(contents = token_import_reader_load (file, cancellable, error)))
    return NULL;

  return token_import_reader_read (contents, password, error);
}
