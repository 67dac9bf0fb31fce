/* token-transfer-payload.c
 *
 * The plaintext of a transfer file: a length-prefixed binary layout, big
 * endian, written in one allocation of its exact size so that no copy of a
 * seed is left behind by a growing buffer. Reading is strict: every length
 * is checked against what remains and against its limit, every value
 * against its range, and nothing may follow the last credential. The
 * encoding is canonical: a payload that reads writes back byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "token-error.h"
#include "token-secure.h"
#include "token-transfer-private.h"

typedef struct
{
  guint8 *data;
  gsize   size;
  gsize   position;
} PayloadWriter;

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         position;
} PayloadReader;

/* Fixed-size part of one credential: three length prefixes, kind,
 * algorithm, digits, period, counter, created and the secret's length. */
#define CREDENTIAL_FIXED_BYTES (2 + 2 + 2 + 1 + 1 + 1 + 2 + 8 + 8 + 2)

static gsize
text_size (const char *text)
{
  return text != NULL ? strlen (text) : 0;
}

static gsize
credential_size (TokenCredential *credential)
{
  return CREDENTIAL_FIXED_BYTES
       + text_size (token_credential_get_credential_id (credential))
       + text_size (token_credential_get_issuer (credential))
       + text_size (token_credential_get_label (credential))
       + g_bytes_get_size (token_credential_get_secret (credential));
}

static void
put_bytes (PayloadWriter *writer,
           gconstpointer  data,
           gsize          size)
{
  g_assert (writer->position + size <= writer->size);

  if (size > 0)
    memcpy (writer->data + writer->position, data, size);
  writer->position += size;
}

static void
put_uint (PayloadWriter *writer,
          guint64        value,
          guint          n_bytes)
{
  guint8 buffer[8];

  for (guint i = 0; i < n_bytes; i++)
    buffer[i] = (guint8) (value >> (8 * (n_bytes - 1 - i)));

  put_bytes (writer, buffer, n_bytes);
}

static void
put_sized (PayloadWriter *writer,
           gconstpointer  data,
           gsize          size)
{
  put_uint (writer, size, 2);
  put_bytes (writer, data, size);
}

static void
put_text (PayloadWriter *writer,
          const char    *text)
{
  put_sized (writer, text, text_size (text));
}

static void
put_credential (PayloadWriter   *writer,
                TokenCredential *credential)
{
  GBytes *secret = token_credential_get_secret (credential);

  put_text (writer, token_credential_get_credential_id (credential));
  put_text (writer, token_credential_get_issuer (credential));
  put_text (writer, token_credential_get_label (credential));
  put_uint (writer, token_credential_get_kind (credential), 1);
  put_uint (writer, token_credential_get_algorithm (credential), 1);
  put_uint (writer, token_credential_get_digits (credential), 1);
  put_uint (writer, token_credential_get_period (credential), 2);
  put_uint (writer, token_credential_get_counter (credential), 8);
  put_uint (writer, (guint64) token_credential_get_created (credential), 8);
  put_sized (writer, g_bytes_get_data (secret, NULL), g_bytes_get_size (secret));
}

/**
 * token_transfer_payload_write:
 * @credentials: (element-type TokenCredential): checked with
 *   token_transfer_check_credentials()
 *
 * Returns: (transfer full): the plaintext, in bytes that wipe themselves
 */
GBytes *
token_transfer_payload_write (GPtrArray    *credentials,
                              const guint8  transfer_id[TOKEN_TRANSFER_ID_BYTES],
                              GBytes       *confirmation_secret)
{
  PayloadWriter writer = { 0 };

  g_return_val_if_fail (credentials != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (confirmation_secret) == TOKEN_TRANSFER_CONFIRMATION_SECRET_BYTES, NULL);

  writer.size = TOKEN_TRANSFER_ID_BYTES + TOKEN_TRANSFER_CONFIRMATION_SECRET_BYTES + 2;
  for (guint i = 0; i < credentials->len; i++)
    writer.size += credential_size (g_ptr_array_index (credentials, i));
  writer.data = g_malloc (writer.size);

  put_bytes (&writer, transfer_id, TOKEN_TRANSFER_ID_BYTES);
  put_bytes (&writer, g_bytes_get_data (confirmation_secret, NULL),
             TOKEN_TRANSFER_CONFIRMATION_SECRET_BYTES);
  put_uint (&writer, credentials->len, 2);
  for (guint i = 0; i < credentials->len; i++)
    put_credential (&writer, g_ptr_array_index (credentials, i));

  g_assert (writer.position == writer.size);
  return token_secure_bytes_new_take (writer.data, writer.size);
}

static gboolean
get_bytes (PayloadReader  *reader,
           gsize           size,
           const guint8  **data)
{
  if (size > reader->size - reader->position)
    return FALSE;

  *data = reader->data + reader->position;
  reader->position += size;
  return TRUE;
}

static gboolean
get_uint (PayloadReader *reader,
          guint          n_bytes,
          guint64       *value)
{
  const guint8 *data;

  if (!get_bytes (reader, n_bytes, &data))
    return FALSE;

  *value = 0;
  for (guint i = 0; i < n_bytes; i++)
    *value = (*value << 8) | data[i];
  return TRUE;
}

static gboolean
get_uint_in_range (PayloadReader *reader,
                   guint          n_bytes,
                   guint64        min,
                   guint64        max,
                   guint64       *value)
{
  return get_uint (reader, n_bytes, value) && *value >= min && *value <= max;
}

static gboolean
get_sized (PayloadReader  *reader,
           gsize           min,
           gsize           max,
           const guint8  **data,
           gsize          *size)
{
  guint64 length;

  if (!get_uint_in_range (reader, 2, min, max, &length))
    return FALSE;

  *size = length;
  return get_bytes (reader, length, data);
}

/* UTF-8 without NUL; empty (for @min 0) means “none”. */
static gboolean
get_text (PayloadReader  *reader,
          gsize           min,
          char          **text)
{
  const guint8 *data;
  gsize size;

  if (!get_sized (reader, min, TOKEN_TRANSFER_MAX_TEXT_BYTES, &data, &size))
    return FALSE;
  if (size > 0 && !g_utf8_validate_len ((const char *) data, size, NULL))
    return FALSE;

  *text = size > 0 ? g_strndup ((const char *) data, size) : NULL;
  return TRUE;
}

static TokenCredential *
get_credential (PayloadReader *reader)
{
  g_autofree char *id = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GBytes) secret = NULL;
  TokenCredential *credential;
  guint64 kind, algorithm, digits, period, counter, created;
  const guint8 *secret_data;
  gsize secret_size;

  if (!get_text (reader, 1, &id)
      || !get_text (reader, 0, &issuer)
      || !get_text (reader, 0, &label)
      || !get_uint_in_range (reader, 1, TOKEN_KIND_TOTP, TOKEN_KIND_HOTP, &kind)
      || !get_uint_in_range (reader, 1, TOKEN_ALGORITHM_SHA1, TOKEN_ALGORITHM_SHA512, &algorithm)
      || !get_uint_in_range (reader, 1, TOKEN_MIN_DIGITS, TOKEN_MAX_DIGITS, &digits)
      || !get_uint_in_range (reader, 2, TOKEN_MIN_PERIOD, TOKEN_MAX_PERIOD, &period)
      || !get_uint (reader, 8, &counter)
      || !get_uint_in_range (reader, 8, 0, G_MAXINT64, &created)
      || !get_sized (reader, TOKEN_MIN_SECRET_BYTES, TOKEN_MAX_SECRET_BYTES,
                     &secret_data, &secret_size))
    return NULL;

  secret = token_secure_bytes_new (secret_data, secret_size);
  credential = token_credential_new (id, (TokenKind) kind, secret);
  token_credential_set_issuer (credential, issuer);
  token_credential_set_label (credential, label);
  token_credential_set_algorithm (credential, (TokenAlgorithm) algorithm);
  token_credential_set_digits (credential, (guint) digits);
  token_credential_set_period (credential, (guint) period);
  token_credential_set_counter (credential, counter);
  token_credential_set_created (credential, (gint64) created);

  return credential;
}

static gboolean
has_duplicate_id (GPtrArray  *credentials,
                  const char *credential_id)
{
  for (guint i = 0; i < credentials->len; i++)
    {
      TokenCredential *other = g_ptr_array_index (credentials, i);

      if (g_str_equal (token_credential_get_credential_id (other), credential_id))
        return TRUE;
    }

  return FALSE;
}

static gboolean
payload_damaged (GError **error)
{
  g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                       _("The contents of the transfer file are not valid"));
  return FALSE;
}

/**
 * token_transfer_payload_read:
 * @credentials: (out) (element-type TokenCredential): the tokens
 * @confirmation_secret: (out): in bytes that wipe themselves
 *
 * Fails with %TOKEN_ERROR_DAMAGED_FILE, setting nothing, unless @data is
 * exactly one valid payload.
 */
gboolean
token_transfer_payload_read (const guint8  *data,
                             gsize          size,
                             GPtrArray    **credentials,
                             guint8         transfer_id[TOKEN_TRANSFER_ID_BYTES],
                             GBytes       **confirmation_secret,
                             GError       **error)
{
  PayloadReader reader = { data, size, 0 };
  g_autoptr(GPtrArray) found = NULL;
  const guint8 *id_data, *secret_data;
  guint64 count;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (credentials != NULL && confirmation_secret != NULL, FALSE);

  if (!get_bytes (&reader, TOKEN_TRANSFER_ID_BYTES, &id_data)
      || !get_bytes (&reader, TOKEN_TRANSFER_CONFIRMATION_SECRET_BYTES, &secret_data)
      || !get_uint_in_range (&reader, 2, 1, TOKEN_TRANSFER_MAX_CREDENTIALS, &count))
    return payload_damaged (error);

  found = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < count; i++)
    {
      TokenCredential *credential = get_credential (&reader);

      if (credential == NULL)
        return payload_damaged (error);
      if (has_duplicate_id (found, token_credential_get_credential_id (credential)))
        {
          g_object_unref (credential);
          return payload_damaged (error);
        }
      g_ptr_array_add (found, credential);
    }

  if (reader.position != reader.size)
    return payload_damaged (error);

  memcpy (transfer_id, id_data, TOKEN_TRANSFER_ID_BYTES);
  *confirmation_secret = token_secure_bytes_new (secret_data, TOKEN_TRANSFER_CONFIRMATION_SECRET_BYTES);
  *credentials = g_steal_pointer (&found);
  return TRUE;
}

/* What the reader accepts: UTF-8, not too long. */
static gboolean
text_fits (const char *text)
{
  return text == NULL
      || (strlen (text) <= TOKEN_TRANSFER_MAX_TEXT_BYTES && g_utf8_validate (text, -1, NULL));
}

static gboolean
check_text_lengths (TokenCredential  *credential,
                    GError          **error)
{
  const char *id = token_credential_get_credential_id (credential);

  if (!text_fits (id))
    g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_CREDENTIAL_ID,
                 _("A Credential ID is too long for a transfer file (at most %u bytes) or not valid text"),
                 TOKEN_TRANSFER_MAX_TEXT_BYTES);
  else if (!text_fits (token_credential_get_issuer (credential)))
    g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_LABEL,
                 _("The issuer of token %s is too long for a transfer file (at most %u bytes) or not valid text"),
                 id, TOKEN_TRANSFER_MAX_TEXT_BYTES);
  else if (!text_fits (token_credential_get_label (credential)))
    g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_LABEL,
                 _("The label of token %s is too long for a transfer file (at most %u bytes) or not valid text"),
                 id, TOKEN_TRANSFER_MAX_TEXT_BYTES);
  else if (token_credential_get_created (credential) < 0)
    g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_TIME,
                 _("The creation time of token %s is before 1970"), id);
  else
    return TRUE;

  return FALSE;
}

/**
 * token_transfer_check_credentials:
 * @credentials: (element-type TokenCredential)
 *
 * Whether @credentials can be written to a transfer file: at least one and
 * at most %TOKEN_TRANSFER_MAX_CREDENTIALS, each valid, none too long, no
 * Credential ID twice.
 */
gboolean
token_transfer_check_credentials (GPtrArray  *credentials,
                                  GError    **error)
{
  g_autoptr(GPtrArray) seen = NULL;

  g_return_val_if_fail (credentials != NULL && credentials->len > 0, FALSE);

  if (credentials->len > TOKEN_TRANSFER_MAX_CREDENTIALS)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("A transfer file holds at most %u tokens"),
                   TOKEN_TRANSFER_MAX_CREDENTIALS);
      return FALSE;
    }

  seen = g_ptr_array_new ();
  for (guint i = 0; i < credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (credentials, i);
      const char *id = token_credential_get_credential_id (credential);

      if (!token_credential_validate (credential, error)
          || !check_text_lengths (credential, error))
        return FALSE;

      if (has_duplicate_id (seen, id))
        {
          g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_EXISTS,
                       _("The token %s is chosen twice"), id);
          return FALSE;
        }
      g_ptr_array_add (seen, credential);
    }

  return TRUE;
}
