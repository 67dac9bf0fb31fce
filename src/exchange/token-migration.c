/* token-migration.c
 *
 * A Google Authenticator export is a protocol buffer (MigrationPayload),
 * in base64, in a URI, in one or more QR codes:
 *
 *   MigrationPayload { repeated OtpParameters otp_parameters = 1;
 *                      int32 version = 2; int32 batch_size = 3;
 *                      int32 batch_index = 4; int32 batch_id = 5; }
 *   OtpParameters    { bytes secret = 1; string name = 2; string issuer = 3;
 *                      Algorithm algorithm = 4; DigitCount digits = 5;
 *                      OtpType type = 6; int64 counter = 7; }
 *
 * It is decoded here by hand, with every length checked against what is
 * left, so that a damaged or hostile code cannot make us read past its end
 * or allocate more than it holds. A damaged structure refuses the whole
 * code; a token we cannot use is reported by name and skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "token-base64.h"
#include "token-error.h"
#include "token-migration.h"
#include "token-secure.h"

#define MAX_NAME_BYTES 1024
#define MAX_URI_LENGTH (TOKEN_MIGRATION_MAX_PAYLOAD * 2)

enum
{
  WIRE_VARINT = 0,
  WIRE_FIXED64 = 1,
  WIRE_LENGTH = 2,
  WIRE_FIXED32 = 5,
};

enum
{
  PAYLOAD_OTP_PARAMETERS = 1,
  PAYLOAD_VERSION = 2,
  PAYLOAD_BATCH_SIZE = 3,
  PAYLOAD_BATCH_INDEX = 4,
  PAYLOAD_BATCH_ID = 5,
};

enum
{
  OTP_SECRET = 1,
  OTP_NAME = 2,
  OTP_ISSUER = 3,
  OTP_ALGORITHM = 4,
  OTP_DIGITS = 5,
  OTP_TYPE = 6,
  OTP_COUNTER = 7,
};

enum { GOOGLE_ALGORITHM_SHA1 = 1, GOOGLE_ALGORITHM_SHA256, GOOGLE_ALGORITHM_SHA512, GOOGLE_ALGORITHM_MD5 };
enum { GOOGLE_DIGITS_SIX = 1, GOOGLE_DIGITS_EIGHT };
enum { GOOGLE_TYPE_HOTP = 1, GOOGLE_TYPE_TOTP };

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         position;
} ProtoReader;

typedef struct
{
  guint32       number;
  guint         wire_type;
  guint64       varint;
  const guint8 *bytes;
  gsize         length;
} ProtoField;

typedef struct
{
  GBytes  *secret;
  char    *name;
  char    *issuer;
  guint64  algorithm;
  guint64  digits;
  guint64  type;
  guint64  counter;
} OtpParameters;

static void
otp_parameters_clear (OtpParameters *parameters)
{
  g_clear_pointer (&parameters->secret, g_bytes_unref);
  g_clear_pointer (&parameters->name, g_free);
  g_clear_pointer (&parameters->issuer, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OtpParameters, otp_parameters_clear)

static gboolean
damaged (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE, message);
  return FALSE;
}

static gboolean
proto_read_varint (ProtoReader  *reader,
                   guint64      *value,
                   GError      **error)
{
  guint64 result = 0;

  /* Ten bytes of seven bits hold 64; the tenth may only carry the top bit. */
  for (guint shift = 0; shift < 70; shift += 7)
    {
      guint8 byte;

      if (reader->position >= reader->size)
        return damaged (error, _("The transfer code is cut short"));

      byte = reader->data[reader->position++];
      if (shift == 63 && byte > 1)
        break;

      result |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = result;
          return TRUE;
        }
    }

  return damaged (error, _("The transfer code holds a number that is too long"));
}

static gboolean
proto_skip (ProtoReader  *reader,
            guint64       length,
            GError      **error)
{
  if (length > reader->size - reader->position)
    return damaged (error, _("The transfer code holds a field longer than the code itself"));

  reader->position += length;
  return TRUE;
}

static gboolean
proto_next_field (ProtoReader  *reader,
                  ProtoField   *field,
                  GError      **error)
{
  guint64 key;

  memset (field, 0, sizeof *field);

  if (!proto_read_varint (reader, &key, error))
    return FALSE;
  if (key >> 3 == 0 || key >> 3 > G_MAXUINT32)
    return damaged (error, _("The transfer code holds a field with no valid number"));

  field->number = (guint32) (key >> 3);
  field->wire_type = key & 7;

  switch (field->wire_type)
    {
    case WIRE_VARINT:
      return proto_read_varint (reader, &field->varint, error);

    case WIRE_FIXED64:
      return proto_skip (reader, 8, error);

    case WIRE_FIXED32:
      return proto_skip (reader, 4, error);

    case WIRE_LENGTH:
      if (!proto_read_varint (reader, &field->varint, error))
        return FALSE;
      field->bytes = reader->data + reader->position;
      field->length = (gsize) MIN (field->varint, G_MAXSIZE);
      return proto_skip (reader, field->varint, error);

    default:
      return damaged (error, _("The transfer code holds a field of an unknown kind"));
    }
}

static gboolean
proto_expect (const ProtoField  *field,
              guint              wire_type,
              GError           **error)
{
  if (field->wire_type == wire_type)
    return TRUE;

  g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
               _("Field %u of the transfer code has the wrong type"), field->number);
  return FALSE;
}

/* Names that are not valid text are kept as NULL and refused later, with
 * the other problems of the token, rather than refusing the whole code. */
static char *
dup_text (const ProtoField *field)
{
  if (field->length > MAX_NAME_BYTES
      || memchr (field->bytes, '\0', field->length) != NULL
      || !g_utf8_validate_len ((const char *) field->bytes, field->length, NULL))
    return g_strdup ("");

  return g_strndup ((const char *) field->bytes, field->length);
}

static gboolean
read_otp_parameters (const ProtoField  *outer,
                     OtpParameters     *parameters,
                     GError           **error)
{
  ProtoReader reader = { outer->bytes, outer->length, 0 };

  while (reader.position < reader.size)
    {
      ProtoField field;
      gboolean is_bytes;

      if (!proto_next_field (&reader, &field, error))
        return FALSE;

      is_bytes = field.number == OTP_SECRET || field.number == OTP_NAME
                 || field.number == OTP_ISSUER;
      if (field.number <= OTP_COUNTER
          && !proto_expect (&field, is_bytes ? WIRE_LENGTH : WIRE_VARINT, error))
        return FALSE;

      switch (field.number)
        {
        case OTP_SECRET:
          g_clear_pointer (&parameters->secret, g_bytes_unref);
          parameters->secret = token_secure_bytes_new (field.bytes, field.length);
          break;
        case OTP_NAME:
          g_free (parameters->name);
          parameters->name = dup_text (&field);
          break;
        case OTP_ISSUER:
          g_free (parameters->issuer);
          parameters->issuer = dup_text (&field);
          break;
        case OTP_ALGORITHM:
          parameters->algorithm = field.varint;
          break;
        case OTP_DIGITS:
          parameters->digits = field.varint;
          break;
        case OTP_TYPE:
          parameters->type = field.varint;
          break;
        case OTP_COUNTER:
          parameters->counter = field.varint;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

static gboolean
settings_from_google (const OtpParameters  *parameters,
                      TokenKind            *kind,
                      TokenAlgorithm       *algorithm,
                      guint                *digits,
                      GError              **error)
{
  switch (parameters->type)
    {
    case GOOGLE_TYPE_HOTP:
      *kind = TOKEN_KIND_HOTP;
      if (parameters->counter > G_MAXINT64)
        {
          g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_COUNTER,
                               _("The token’s counter is negative"));
          return FALSE;
        }
      break;
    case GOOGLE_TYPE_TOTP:
      *kind = TOKEN_KIND_TOTP;
      break;
    default:
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_TYPE,
                           _("The token is neither time-based (TOTP) nor counter-based (HOTP)"));
      return FALSE;
    }

  switch (parameters->algorithm)
    {
    case 0:
    case GOOGLE_ALGORITHM_SHA1:
      *algorithm = TOKEN_ALGORITHM_SHA1;
      break;
    case GOOGLE_ALGORITHM_SHA256:
      *algorithm = TOKEN_ALGORITHM_SHA256;
      break;
    case GOOGLE_ALGORITHM_SHA512:
      *algorithm = TOKEN_ALGORITHM_SHA512;
      break;
    case GOOGLE_ALGORITHM_MD5:
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_ALGORITHM,
                           _("The token uses MD5, which is not supported"));
      return FALSE;
    default:
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_ALGORITHM,
                           _("The token uses an unknown algorithm"));
      return FALSE;
    }

  switch (parameters->digits)
    {
    case 0:
    case GOOGLE_DIGITS_SIX:
      *digits = 6;
      break;
    case GOOGLE_DIGITS_EIGHT:
      *digits = 8;
      break;
    default:
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_DIGITS,
                           _("The token has a number of digits that is not supported"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_secret (GBytes  *secret,
              GError **error)
{
  gsize size = secret != NULL ? g_bytes_get_size (secret) : 0;

  if (size == 0)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_MISSING_SECRET,
                           _("The token has no secret"));
      return FALSE;
    }
  if (size < TOKEN_MIN_SECRET_BYTES || size > TOKEN_MAX_SECRET_BYTES)
    {
      g_set_error (error, TOKEN_ERROR,
                   size < TOKEN_MIN_SECRET_BYTES ? TOKEN_ERROR_SECRET_TOO_SHORT
                                                 : TOKEN_ERROR_SECRET_TOO_LONG,
                   _("The secret has %u bits; a token needs %u to %u"),
                   (guint) size * 8, TOKEN_MIN_SECRET_BYTES * 8, TOKEN_MAX_SECRET_BYTES * 8);
      return FALSE;
    }

  return TRUE;
}

/* Google writes “Issuer:account” as the name and the issuer again on its
 * own; older exports have only the name. */
static TokenCredential *
credential_from_google (const OtpParameters  *parameters,
                        GError              **error)
{
  const char *name = parameters->name != NULL ? parameters->name : "";
  g_autofree char *issuer = g_strdup (parameters->issuer != NULL && *parameters->issuer != '\0'
                                      ? parameters->issuer : NULL);
  g_autoptr(TokenCredential) credential = NULL;
  const char *colon = strchr (name, ':');
  const char *account = name;
  TokenAlgorithm algorithm;
  TokenKind kind;
  guint digits;

  if (!settings_from_google (parameters, &kind, &algorithm, &digits, error)
      || !check_secret (parameters->secret, error))
    return NULL;

  if (issuer != NULL && g_str_has_prefix (name, issuer) && name[strlen (issuer)] == ':')
    account = name + strlen (issuer) + 1;
  else if (issuer == NULL && colon != NULL)
    {
      issuer = g_strndup (name, colon - name);
      account = colon + 1;
    }
  while (*account == ' ')
    account++;

  if (*account == '\0')
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_LABEL,
                           _("The token has no account name"));
      return NULL;
    }

  credential = token_credential_new (account, kind, parameters->secret);
  token_credential_set_issuer (credential, issuer != NULL && *issuer != '\0' ? issuer : NULL);
  token_credential_set_algorithm (credential, algorithm);
  token_credential_set_digits (credential, digits);
  if (kind == TOKEN_KIND_HOTP)
    token_credential_set_counter (credential, parameters->counter);

  return g_steal_pointer (&credential);
}

static gboolean
read_token (const ProtoField  *field,
            TokenImport       *import,
            GError           **error)
{
  g_auto(OtpParameters) parameters = { 0 };
  g_autoptr(TokenCredential) credential = NULL;
  GError *problem = NULL;

  if (!read_otp_parameters (field, &parameters, error))
    return FALSE;

  if (!(credential = credential_from_google (&parameters, &problem)))
    token_import_add_problem (import, 0,
                              parameters.name != NULL && *parameters.name != '\0'
                              ? parameters.name : NULL,
                              problem);
  else
    token_import_add (import, credential, 0, token_credential_get_credential_id (credential));

  return TRUE;
}

static gboolean
read_batch_number (const ProtoField  *field,
                   guint             *value,
                   GError           **error)
{
  if (field->varint > TOKEN_MIGRATION_MAX_CREDENTIALS)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("The export is split into more than %d codes"),
                   TOKEN_MIGRATION_MAX_CREDENTIALS);
      return FALSE;
    }

  *value = (guint) field->varint;
  return TRUE;
}

static gboolean
read_payload_field (TokenMigrationPart  *part,
                    const ProtoField    *field,
                    guint               *n_tokens,
                    GError             **error)
{
  if (field->number > PAYLOAD_BATCH_ID)
    return TRUE;

  if (!proto_expect (field, field->number == PAYLOAD_OTP_PARAMETERS ? WIRE_LENGTH : WIRE_VARINT,
                     error))
    return FALSE;

  switch (field->number)
    {
    case PAYLOAD_OTP_PARAMETERS:
      if (++*n_tokens > TOKEN_MIGRATION_MAX_CREDENTIALS)
        {
          g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                       _("The transfer code holds more than %d tokens"),
                       TOKEN_MIGRATION_MAX_CREDENTIALS);
          return FALSE;
        }
      return read_token (field, part->import, error);
    case PAYLOAD_VERSION:
      part->version = (guint) MIN (field->varint, G_MAXUINT);
      return TRUE;
    case PAYLOAD_BATCH_SIZE:
      return read_batch_number (field, &part->batch_size, error);
    case PAYLOAD_BATCH_INDEX:
      return read_batch_number (field, &part->batch_index, error);
    case PAYLOAD_BATCH_ID:
      /* An int32 is sign-extended to 64 bits on the wire. */
      part->batch_id = (gint32) (guint32) field->varint;
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

void
token_migration_part_free (TokenMigrationPart *part)
{
  if (part == NULL)
    return;

  g_clear_object (&part->import);
  g_free (part);
}

/**
 * token_migration_decode:
 * @payload: the MigrationPayload protocol buffer
 *
 * Returns: (transfer full): the part, whose import holds the tokens that
 *   could be read and names the ones that could not; or %NULL with @error
 *   set when the code is damaged (%TOKEN_ERROR_DAMAGED_FILE) or too large
 *   (%TOKEN_ERROR_TOO_LARGE)
 */
TokenMigrationPart *
token_migration_decode (GBytes  *payload,
                        GError **error)
{
  g_autoptr(TokenMigrationPart) part = NULL;
  ProtoReader reader = { 0 };
  guint n_tokens = 0;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader.data = g_bytes_get_data (payload, &reader.size);
  if (reader.size > TOKEN_MIGRATION_MAX_PAYLOAD)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                           _("The transfer code is too large"));
      return NULL;
    }

  part = g_new0 (TokenMigrationPart, 1);
  part->import = token_import_new ();

  while (reader.position < reader.size)
    {
      ProtoField field;

      if (!proto_next_field (&reader, &field, error)
          || !read_payload_field (part, &field, &n_tokens, error))
        return NULL;
    }

  if (part->batch_size == 0)
    part->batch_size = 1;
  if (part->batch_index >= part->batch_size)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                   _("The transfer code says it is code %u of %u"),
                   part->batch_index + 1, part->batch_size);
      return NULL;
    }

  return g_steal_pointer (&part);
}

gboolean
token_migration_is_uri (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  while (g_ascii_isspace (*text))
    text++;

  return g_ascii_strncasecmp (text, TOKEN_MIGRATION_URI_PREFIX,
                              strlen (TOKEN_MIGRATION_URI_PREFIX)) == 0;
}

static int
hex_value (char c)
{
  if (g_ascii_isxdigit (c))
    return g_ascii_xdigit_value (c);
  return -1;
}

/* The data parameter, with its %XX escapes decoded, in memory that is wiped. */
static TokenSecureString *
find_data (const char *query)
{
  for (const char *pair = query; *pair != '\0';)
    {
      gsize length = strcspn (pair, "&");

      if (length > 5 && strncmp (pair, "data=", 5) == 0)
        {
          char *out = g_malloc (length);
          gsize o = 0;

          for (gsize i = 5; i < length; i++)
            {
              if (pair[i] != '%')
                out[o++] = pair[i];
              else if (i + 2 < length && hex_value (pair[i + 1]) >= 0
                       && hex_value (pair[i + 2]) >= 0)
                {
                  out[o++] = (char) (hex_value (pair[i + 1]) << 4 | hex_value (pair[i + 2]));
                  i += 2;
                }
              else
                {
                  token_secure_wipe (out, o);
                  g_free (out);
                  return g_strdup ("%");
                }
            }
          out[o] = '\0';
          return out;
        }
      pair += length + (pair[length] == '&');
    }

  return NULL;
}

/**
 * token_migration_parse_uri:
 * @uri: an otpauth-migration://offline?data=… URI, as a QR code holds it
 *
 * Returns: (transfer full): the part, or %NULL with @error set
 */
TokenMigrationPart *
token_migration_parse_uri (const char  *uri,
                           GError     **error)
{
  g_autoptr(TokenSecureString) trimmed = NULL;
  g_autoptr(TokenSecureString) data = NULL;
  g_autoptr(GBytes) payload = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strlen (uri) > MAX_URI_LENGTH)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                           _("The transfer code is too large"));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (uri));
  if (!token_migration_is_uri (trimmed))
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_URI,
                           _("This is not a Google Authenticator transfer code"));
      return NULL;
    }

  data = find_data (trimmed + strlen (TOKEN_MIGRATION_URI_PREFIX));
  if (data == NULL)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_URI,
                           _("The transfer code holds no data"));
      return NULL;
    }

  if (!(payload = token_base64_decode (data, strlen (data))))
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_URI,
                           _("The data of the transfer code is not valid base64"));
      return NULL;
    }

  return token_migration_decode (payload, error);
}

static gint
compare_parts (gconstpointer a,
               gconstpointer b)
{
  const TokenMigrationPart *part_a = *(TokenMigrationPart * const *) a;
  const TokenMigrationPart *part_b = *(TokenMigrationPart * const *) b;

  return (gint) part_a->batch_index - (gint) part_b->batch_index;
}

/**
 * token_migration_check_parts:
 * @parts: (element-type TokenMigrationPart): the parts scanned so far
 *
 * Returns: whether @parts are every code of one export, each once; if not,
 *   @error (%TOKEN_ERROR_INCOMPLETE_EXPORT) says what is missing or wrong
 */
gboolean
token_migration_check_parts (GPtrArray  *parts,
                             GError    **error)
{
  g_autofree gboolean *seen = NULL;
  const TokenMigrationPart *first;

  g_return_val_if_fail (parts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (parts->len == 0)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INCOMPLETE_EXPORT,
                           _("No transfer code was given"));
      return FALSE;
    }

  first = g_ptr_array_index (parts, 0);
  seen = g_new0 (gboolean, first->batch_size);

  for (guint i = 0; i < parts->len; i++)
    {
      const TokenMigrationPart *part = g_ptr_array_index (parts, i);

      if (part->batch_id != first->batch_id || part->batch_size != first->batch_size)
        {
          g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INCOMPLETE_EXPORT,
                               _("These codes come from different exports; scan the codes of one export only"));
          return FALSE;
        }
      if (seen[part->batch_index])
        {
          g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INCOMPLETE_EXPORT,
                       _("Code %u of %u was scanned twice"),
                       part->batch_index + 1, part->batch_size);
          return FALSE;
        }
      seen[part->batch_index] = TRUE;
    }

  for (guint i = 0; i < first->batch_size; i++)
    if (!seen[i])
      {
        g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INCOMPLETE_EXPORT,
                     _("Code %u of %u is missing; scan every code the other app shows"),
                     i + 1, first->batch_size);
        return FALSE;
      }

  return TRUE;
}

/**
 * token_migration_join_parts:
 * @parts: (element-type TokenMigrationPart): every code of one export
 *
 * Returns: (transfer full): the tokens of all the parts, in the order of the
 *   export, or %NULL with @error set
 */
TokenImport *
token_migration_join_parts (GPtrArray  *parts,
                            GError    **error)
{
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(TokenImport) import = NULL;
  guint n_tokens = 0;

  if (!token_migration_check_parts (parts, error))
    return NULL;

  /* A copy of the pointers that does not free them, sorted by index. */
  ordered = g_ptr_array_sized_new (parts->len);
  for (guint i = 0; i < parts->len; i++)
    g_ptr_array_add (ordered, g_ptr_array_index (parts, i));
  g_ptr_array_sort (ordered, compare_parts);

  for (guint i = 0; i < ordered->len; i++)
    {
      const TokenMigrationPart *part = g_ptr_array_index (ordered, i);

      n_tokens += g_list_model_get_n_items (token_import_get_credentials (part->import))
                  + token_import_get_n_problems (part->import);
    }
  if (n_tokens > TOKEN_MIGRATION_MAX_CREDENTIALS)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("The export holds more than %d tokens"), TOKEN_MIGRATION_MAX_CREDENTIALS);
      return NULL;
    }

  import = token_import_new ();
  for (guint i = 0; i < ordered->len; i++)
    token_import_append (import, ((TokenMigrationPart *) g_ptr_array_index (ordered, i))->import);

  return g_steal_pointer (&import);
}

/* The writer's buffer is sized once, from above, so that it never grows and
 * leaves unwiped copies of the secrets behind. */
typedef struct
{
  guint8 *data;
  gsize   capacity;
  gsize   length;
} ProtoWriter;

static void
proto_write_varint (ProtoWriter *writer,
                    guint64      value)
{
  do
    {
      g_assert (writer->length < writer->capacity);
      writer->data[writer->length++] = (guint8) ((value & 0x7f) | (value > 0x7f ? 0x80 : 0));
      value >>= 7;
    }
  while (value != 0);
}

static void
proto_write_key (ProtoWriter *writer,
                 guint        number,
                 guint        wire_type)
{
  proto_write_varint (writer, (guint64) number << 3 | wire_type);
}

static void
proto_write_bytes (ProtoWriter   *writer,
                   guint          number,
                   gconstpointer  data,
                   gsize          size)
{
  proto_write_key (writer, number, WIRE_LENGTH);
  proto_write_varint (writer, size);
  g_assert (writer->capacity - writer->length >= size);
  memcpy (writer->data + writer->length, data, size);
  writer->length += size;
}

static void
proto_write_uint (ProtoWriter *writer,
                  guint        number,
                  guint64      value)
{
  proto_write_key (writer, number, WIRE_VARINT);
  proto_write_varint (writer, value);
}

/* Every key, length and number of an entry fits in this many bytes. */
#define ENTRY_OVERHEAD 128

static gboolean
check_exportable (TokenCredential  *credential,
                  GError          **error)
{
  guint digits = token_credential_get_digits (credential);

  if (digits != 6 && digits != 8)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_DIGITS,
                   _("Google Authenticator cannot hold “%s”: it has codes of %u digits"),
                   token_credential_get_credential_id (credential), digits);
      return FALSE;
    }
  if (token_credential_get_kind (credential) == TOKEN_KIND_TOTP
      && token_credential_get_period (credential) != TOKEN_DEFAULT_PERIOD)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_PERIOD,
                   _("Google Authenticator cannot hold “%s”: its codes change every %u seconds"),
                   token_credential_get_credential_id (credential),
                   token_credential_get_period (credential));
      return FALSE;
    }
  if (token_credential_get_counter (credential) > G_MAXINT64)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_COUNTER,
                   _("Google Authenticator cannot hold “%s”: its counter is too large"),
                   token_credential_get_credential_id (credential));
      return FALSE;
    }

  return TRUE;
}

static char *
google_name (TokenCredential *credential)
{
  const char *issuer = token_credential_get_issuer (credential);
  const char *id = token_credential_get_credential_id (credential);

  return issuer != NULL ? g_strconcat (issuer, ":", id, NULL) : g_strdup (id);
}

static void
write_entry (ProtoWriter     *writer,
             TokenCredential *credential)
{
  static const guint google_algorithms[] = {
    [TOKEN_ALGORITHM_SHA1] = GOOGLE_ALGORITHM_SHA1,
    [TOKEN_ALGORITHM_SHA256] = GOOGLE_ALGORITHM_SHA256,
    [TOKEN_ALGORITHM_SHA512] = GOOGLE_ALGORITHM_SHA512,
  };
  GBytes *secret = token_credential_get_secret (credential);
  g_autofree char *name = google_name (credential);
  const char *issuer = token_credential_get_issuer (credential);
  gboolean hotp = token_credential_get_kind (credential) == TOKEN_KIND_HOTP;
  ProtoWriter entry;

  entry.capacity = g_bytes_get_size (secret) + strlen (name)
                   + (issuer != NULL ? strlen (issuer) : 0) + ENTRY_OVERHEAD;
  entry.data = g_malloc (entry.capacity);
  entry.length = 0;

  proto_write_bytes (&entry, OTP_SECRET, g_bytes_get_data (secret, NULL), g_bytes_get_size (secret));
  proto_write_bytes (&entry, OTP_NAME, name, strlen (name));
  if (issuer != NULL)
    proto_write_bytes (&entry, OTP_ISSUER, issuer, strlen (issuer));
  proto_write_uint (&entry, OTP_ALGORITHM,
                    google_algorithms[token_credential_get_algorithm (credential)]);
  proto_write_uint (&entry, OTP_DIGITS,
                    token_credential_get_digits (credential) == 8 ? GOOGLE_DIGITS_EIGHT
                                                                 : GOOGLE_DIGITS_SIX);
  proto_write_uint (&entry, OTP_TYPE, hotp ? GOOGLE_TYPE_HOTP : GOOGLE_TYPE_TOTP);
  if (hotp)
    proto_write_uint (&entry, OTP_COUNTER, token_credential_get_counter (credential));

  proto_write_bytes (writer, PAYLOAD_OTP_PARAMETERS, entry.data, entry.length);

  token_secure_wipe (entry.data, entry.length);
  g_free (entry.data);
}

/**
 * token_migration_encode:
 * @credentials: (element-type TokenCredential): at most
 *   %TOKEN_MIGRATION_MAX_CREDENTIALS tokens, TOTP with a period of 30
 *   seconds or HOTP, of 6 or 8 digits
 * @batch_size: how many codes the export has
 * @batch_index: which of them this is, from 0
 * @batch_id: the same number for every code of one export
 *
 * Writes one MigrationPayload, as Google Authenticator does.
 *
 * Returns: (transfer full): the protocol buffer, wiped when freed, or %NULL
 *   with @error set when a token cannot be written in this format
 */
GBytes *
token_migration_encode (GPtrArray  *credentials,
                        guint       batch_size,
                        guint       batch_index,
                        gint32      batch_id,
                        GError    **error)
{
  ProtoWriter writer = { NULL, 4 * ENTRY_OVERHEAD, 0 };

  g_return_val_if_fail (credentials != NULL, NULL);
  g_return_val_if_fail (batch_size > 0 && batch_index < batch_size, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (credentials->len > TOKEN_MIGRATION_MAX_CREDENTIALS)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("Google Authenticator takes at most %d tokens at once"),
                   TOKEN_MIGRATION_MAX_CREDENTIALS);
      return NULL;
    }

  for (guint i = 0; i < credentials->len; i++)
    {
      TokenCredential *credential = g_ptr_array_index (credentials, i);
      const char *issuer = token_credential_get_issuer (credential);

      if (!check_exportable (credential, error))
        return NULL;

      /* The entry, its name with the issuer, and the issuer again. */
      writer.capacity += 2 * ENTRY_OVERHEAD
                         + g_bytes_get_size (token_credential_get_secret (credential))
                         + strlen (token_credential_get_credential_id (credential))
                         + 2 * (issuer != NULL ? strlen (issuer) + 1 : 0);
    }

  writer.data = g_malloc (writer.capacity);
  for (guint i = 0; i < credentials->len; i++)
    write_entry (&writer, g_ptr_array_index (credentials, i));
  proto_write_uint (&writer, PAYLOAD_VERSION, 1);
  proto_write_uint (&writer, PAYLOAD_BATCH_SIZE, batch_size);
  proto_write_uint (&writer, PAYLOAD_BATCH_INDEX, batch_index);
  proto_write_uint (&writer, PAYLOAD_BATCH_ID, (guint64) (gint64) batch_id);

  return token_secure_bytes_new_take (writer.data, writer.length);
}

/**
 * token_migration_format_uri:
 * @payload: a MigrationPayload from token_migration_encode()
 *
 * Returns: (transfer full): the otpauth-migration:// URI; it holds the
 *   secrets, so free it with token_secure_string_free()
 */
char *
token_migration_format_uri (GBytes *payload)
{
  g_autoptr(TokenSecureString) base64 = NULL;
  gsize length = strlen (TOKEN_MIGRATION_URI_PREFIX "data=");
  char *uri;
  char *out;

  g_return_val_if_fail (payload != NULL, NULL);

  base64 = token_base64_encode (payload);
  for (const char *c = base64; *c != '\0'; c++)
    length += strchr ("+/=", *c) != NULL ? 3 : 1;

  uri = g_malloc (length + 1);
  out = g_stpcpy (uri, TOKEN_MIGRATION_URI_PREFIX "data=");
  for (const char *c = base64; *c != '\0'; c++)
    {
      if (strchr ("+/=", *c) != NULL)
        out += g_snprintf (out, 4, "%%%02X", (guint) *c);
      else
        *out++ = *c;
    }
  *out = '\0';

  return uri;
}

/**
 * token_migration_format_uris:
 * @credentials: (element-type TokenCredential): the tokens to export
 * @per_code: how many tokens a code holds at most, such as
 *   %TOKEN_MIGRATION_TOKENS_PER_CODE
 *
 * Writes an export as Google Authenticator does: the tokens split into
 * codes of @per_code, all with one random batch id.
 *
 * Returns: (transfer full) (element-type utf8): the URIs, one a code, in
 *   order; freeing the array wipes them. %NULL with @error set when a token
 *   cannot be written in this format.
 */
GPtrArray *
token_migration_format_uris (GPtrArray  *credentials,
                             guint       per_code,
                             GError    **error)
{
  g_autoptr(GPtrArray) uris = NULL;
  gint32 batch_id = (gint32) g_random_int ();
  guint n_codes;

  g_return_val_if_fail (credentials != NULL, NULL);
  g_return_val_if_fail (per_code > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (credentials->len > TOKEN_MIGRATION_MAX_CREDENTIALS)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("Google Authenticator takes at most %d tokens at once"),
                   TOKEN_MIGRATION_MAX_CREDENTIALS);
      return NULL;
    }

  n_codes = MAX (1, (credentials->len + per_code - 1) / per_code);
  uris = g_ptr_array_new_with_free_func ((GDestroyNotify) token_secure_string_free);

  for (guint code = 0; code < n_codes; code++)
    {
      g_autoptr(GPtrArray) slice = g_ptr_array_new ();
      g_autoptr(GBytes) payload = NULL;

      for (guint i = code * per_code; i < MIN (credentials->len, (code + 1) * per_code); i++)
        g_ptr_array_add (slice, g_ptr_array_index (credentials, i));

      if (!(payload = token_migration_encode (slice, n_codes, code, batch_id, error)))
        return NULL;
      g_ptr_array_add (uris, token_migration_format_uri (payload));
    }

  return g_steal_pointer (&uris);
}
