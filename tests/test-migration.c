/* test-migration.c: Google Authenticator transfer codes, built here byte by
 * byte as Google Authenticator writes them, and damaged in every way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-error.h"
#include "token-migration.h"
#include "token-secure.h"

#define SECRET_A "12345678901234567890"
#define SECRET_B "abcdefghijklmnopqrstuvwxyz012345"
#define SECRET_C "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

/* A protocol buffer writer of the test's own, so that the reader is checked
 * against bytes it did not write itself. */
static void
put_varint (GByteArray *out,
            guint64     value)
{
  do
    {
      guint8 byte = (guint8) ((value & 0x7f) | (value > 0x7f ? 0x80 : 0));

      g_byte_array_append (out, &byte, 1);
      value >>= 7;
    }
  while (value != 0);
}

static void
put_key (GByteArray *out,
         guint       number,
         guint       wire_type)
{
  put_varint (out, (guint64) number << 3 | wire_type);
}

static void
put_uint (GByteArray *out,
          guint       number,
          guint64     value)
{
  put_key (out, number, 0);
  put_varint (out, value);
}

static void
put_bytes (GByteArray    *out,
           guint          number,
           gconstpointer  data,
           gsize          size)
{
  put_key (out, number, 2);
  put_varint (out, size);
  g_byte_array_append (out, data, (guint) size);
}

static void
put_string (GByteArray *out,
            guint       number,
            const char *text)
{
  put_bytes (out, number, text, strlen (text));
}

static void
put_message (GByteArray *out,
             guint       number,
             GByteArray *message)
{
  put_bytes (out, number, message->data, message->len);
}

typedef struct
{
  const char *secret;
  const char *name;
  const char *issuer;
  guint       algorithm;
  guint       digits;
  guint       type;
  guint64     counter;
} Entry;

static GByteArray *
entry_message (const Entry *entry)
{
  GByteArray *message = g_byte_array_new ();

  if (entry->secret != NULL)
    put_string (message, 1, entry->secret);
  if (entry->name != NULL)
    put_string (message, 2, entry->name);
  if (entry->issuer != NULL)
    put_string (message, 3, entry->issuer);
  put_uint (message, 4, entry->algorithm);
  put_uint (message, 5, entry->digits);
  put_uint (message, 6, entry->type);
  if (entry->counter != 0)
    put_uint (message, 7, entry->counter);

  return message;
}

static GBytes *
payload_bytes (GByteArray *payload)
{
  return g_bytes_new (payload->data, payload->len);
}

static TokenCredential *
credential_at (TokenImport *import,
               guint        index)
{
  return g_list_model_get_item (token_import_get_credentials (import), index);
}

static guint
n_credentials (TokenImport *import)
{
  return g_list_model_get_n_items (token_import_get_credentials (import));
}

static void
assert_secret (TokenCredential *credential,
               const char      *secret)
{
  GBytes *bytes = token_credential_get_secret (credential);

  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   secret, strlen (secret));
}

/* Three tokens of every kind Google Authenticator writes, one it cannot
 * have (MD5) and one of an unspecified type, with fields it does not know
 * of every wire type in between. */
static GByteArray *
mixed_payload (void)
{
  static const Entry entries[] = {
    { SECRET_A, "Example:alice@example.com", "Example", 1, 1, 2, 0 },
    { SECRET_B, "bank:SOFT12345670", "bank", 2, 2, 1, 42 },
    { SECRET_C, "SYMC12345678", NULL, 3, 0, 2, 0 },
    { SECRET_A "x", "old-md5", NULL, 4, 1, 2, 0 },
    { SECRET_B "y", "untyped", NULL, 1, 1, 0, 0 },
  };
  GByteArray *payload = g_byte_array_new ();
  static const guint8 fixed64[] = { (9 << 3) | 1, 1, 2, 3, 4, 5, 6, 7, 8 };
  static const guint8 fixed32[] = { (10 << 3) | 5, 1, 2, 3, 4 };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GByteArray) message = entry_message (&entries[i]);

      if (i == 1)
        {
          put_uint (message, 99, 7);
          put_string (message, 100, "unknown");
        }
      put_message (payload, 1, message);
    }
  g_byte_array_append (payload, fixed64, sizeof fixed64);
  g_byte_array_append (payload, fixed32, sizeof fixed32);
  put_uint (payload, 2, 1);
  put_uint (payload, 3, 1);
  put_uint (payload, 4, 0);
  put_uint (payload, 5, 123456);

  return payload;
}

static void
test_decode_mixed (void)
{
  g_autoptr(GByteArray) payload = mixed_payload ();
  g_autoptr(GBytes) bytes = payload_bytes (payload);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenMigrationPart) part = token_migration_decode (bytes, &error);
  g_autoptr(TokenCredential) first = NULL;
  g_autoptr(TokenCredential) second = NULL;
  g_autoptr(TokenCredential) third = NULL;
  const TokenImportProblem *problem;

  g_assert_no_error (error);
  g_assert_cmpuint (part->version, ==, 1);
  g_assert_cmpuint (part->batch_size, ==, 1);
  g_assert_cmpuint (part->batch_index, ==, 0);
  g_assert_cmpint (part->batch_id, ==, 123456);
  g_assert_cmpuint (n_credentials (part->import), ==, 3);

  first = credential_at (part->import, 0);
  g_assert_cmpstr (token_credential_get_credential_id (first), ==, "alice@example.com");
  g_assert_cmpstr (token_credential_get_issuer (first), ==, "Example");
  g_assert_cmpint (token_credential_get_kind (first), ==, TOKEN_KIND_TOTP);
  g_assert_cmpint (token_credential_get_algorithm (first), ==, TOKEN_ALGORITHM_SHA1);
  g_assert_cmpuint (token_credential_get_digits (first), ==, 6);
  g_assert_cmpuint (token_credential_get_period (first), ==, 30);
  assert_secret (first, SECRET_A);

  second = credential_at (part->import, 1);
  g_assert_cmpstr (token_credential_get_credential_id (second), ==, "SOFT12345670");
  g_assert_cmpstr (token_credential_get_issuer (second), ==, "bank");
  g_assert_cmpint (token_credential_get_kind (second), ==, TOKEN_KIND_HOTP);
  g_assert_cmpint (token_credential_get_algorithm (second), ==, TOKEN_ALGORITHM_SHA256);
  g_assert_cmpuint (token_credential_get_digits (second), ==, 8);
  g_assert_cmpuint (token_credential_get_counter (second), ==, 42);
  assert_secret (second, SECRET_B);

  third = credential_at (part->import, 2);
  g_assert_cmpstr (token_credential_get_credential_id (third), ==, "SYMC12345678");
  g_assert_null (token_credential_get_issuer (third));
  g_assert_cmpint (token_credential_get_algorithm (third), ==, TOKEN_ALGORITHM_SHA512);
  g_assert_cmpuint (token_credential_get_digits (third), ==, 6);
  assert_secret (third, SECRET_C);

  g_assert_cmpuint (token_import_get_n_problems (part->import), ==, 2);
  problem = token_import_get_problem (part->import, 0);
  g_assert_cmpstr (problem->name, ==, "old-md5");
  g_assert_error (problem->error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_ALGORITHM);
  problem = token_import_get_problem (part->import, 1);
  g_assert_cmpstr (problem->name, ==, "untyped");
  g_assert_error (problem->error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_TYPE);
}

static GPtrArray *
sample_credentials (void)
{
  GPtrArray *credentials = g_ptr_array_new_with_free_func (g_object_unref);
  TokenCredential *credential;

  credential = token_credential_new_random (NULL);
  token_credential_set_issuer (credential, "Shinkin Bank");
  g_ptr_array_add (credentials, credential);

  credential = token_credential_new_random ("TEST");
  token_credential_set_algorithm (credential, TOKEN_ALGORITHM_SHA512);
  token_credential_set_digits (credential, 8);
  g_ptr_array_add (credentials, credential);

  {
    g_autoptr(GBytes) secret = token_secure_bytes_new (SECRET_C, strlen (SECRET_C));

    credential = token_credential_new ("counter@example.com", TOKEN_KIND_HOTP, secret);
    token_credential_set_algorithm (credential, TOKEN_ALGORITHM_SHA256);
    token_credential_set_counter (credential, G_GUINT64_CONSTANT (1) << 40);
    token_credential_set_issuer (credential, "Issuer: with colon");
    g_ptr_array_add (credentials, credential);
  }

  return credentials;
}

static void
assert_same_credentials (GPtrArray   *expected,
                         TokenImport *import)
{
  g_assert_cmpuint (n_credentials (import), ==, expected->len);
  g_assert_cmpuint (token_import_get_n_problems (import), ==, 0);

  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(TokenCredential) credential = credential_at (import, i);

      g_assert_true (token_credential_equal (credential, g_ptr_array_index (expected, i)));
    }
}

static void
test_encode_round_trip (void)
{
  g_autoptr(GPtrArray) credentials = sample_credentials ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = token_migration_encode (credentials, 1, 0, -7, &error);
  g_autoptr(TokenSecureString) uri = NULL;
  g_autoptr(TokenMigrationPart) part = NULL;

  g_assert_no_error (error);
  uri = token_migration_format_uri (payload);
  g_assert_true (g_str_has_prefix (uri, "otpauth-migration://offline?data="));
  g_assert_null (strpbrk (uri + strlen ("otpauth-migration://offline?data="), "+/="));

  part = token_migration_parse_uri (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (part->batch_id, ==, -7);
  assert_same_credentials (credentials, part->import);
}

static void
test_encode_refuses (void)
{
  g_autoptr(GPtrArray) credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TokenCredential) seven = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) slow = token_credential_new_random (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = NULL;

  token_credential_set_digits (seven, 7);
  token_credential_set_period (slow, 60);

  g_ptr_array_add (credentials, g_object_ref (seven));
  payload = token_migration_encode (credentials, 1, 0, 1, &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_DIGITS);
  g_assert_null (payload);
  g_clear_error (&error);

  g_ptr_array_set_size (credentials, 0);
  g_ptr_array_add (credentials, g_object_ref (slow));
  payload = token_migration_encode (credentials, 1, 0, 1, &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_PERIOD);
  g_assert_null (payload);
  g_clear_error (&error);

  g_ptr_array_set_size (credentials, 0);
  for (guint i = 0; i <= TOKEN_MIGRATION_MAX_CREDENTIALS; i++)
    g_ptr_array_add (credentials, token_credential_new_random (NULL));
  payload = token_migration_encode (credentials, 1, 0, 1, &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE);
  g_assert_null (payload);
}

/* Cut short after every byte, the code either ends exactly between two
 * top-level fields, and keeps the tokens before the cut, or is refused as
 * damaged. */
static void
test_truncated_everywhere (void)
{
  g_autoptr(GByteArray) payload = g_byte_array_new ();
  g_autoptr(GArray) boundaries = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) tokens_before = g_array_new (FALSE, FALSE, sizeof (guint));
  static const Entry entries[] = {
    { SECRET_A, "first", NULL, 1, 1, 2, 0 },
    { SECRET_B, "second", NULL, 2, 2, 1, 300 },
    { SECRET_C, "third", "Issuer", 3, 1, 2, 0 },
  };
  guint zero = 0;

  g_array_append_val (boundaries, zero);
  g_array_append_val (tokens_before, zero);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GByteArray) message = entry_message (&entries[i]);
      guint n = i + 1;

      put_message (payload, 1, message);
      g_array_append_val (boundaries, payload->len);
      g_array_append_val (tokens_before, n);
    }
  put_uint (payload, 2, 1);

  for (guint length = 0; length < payload->len; length++)
    {
      g_autoptr(GBytes) prefix = g_bytes_new (payload->data, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(TokenMigrationPart) part = token_migration_decode (prefix, &error);
      gint boundary = -1;

      for (guint b = 0; b < boundaries->len; b++)
        if (g_array_index (boundaries, guint, b) == length)
          boundary = (gint) b;

      if (boundary >= 0)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (n_credentials (part->import), ==,
                            g_array_index (tokens_before, guint, boundary));
        }
      else
        {
          g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE);
          g_assert_null (part);
        }
    }
}

static void
assert_refused (GByteArray *payload,
                gint        code)
{
  g_autoptr(GBytes) bytes = payload_bytes (payload);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenMigrationPart) part = token_migration_decode (bytes, &error);

  g_assert_error (error, TOKEN_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_null (part);
}

static void
test_malformed (void)
{
  static const Entry entry = { SECRET_A, "name", NULL, 1, 1, 2, 0 };

  /* A length far beyond the end of the code */
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();

    put_key (payload, 1, 2);
    put_varint (payload, G_GUINT64_CONSTANT (1) << 40);
    g_byte_array_append (payload, (const guint8 *) "abc", 3);
    assert_refused (payload, TOKEN_ERROR_DAMAGED_FILE);
  }

  /* The largest length there is */
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();

    put_key (payload, 1, 2);
    put_varint (payload, G_MAXUINT64);
    assert_refused (payload, TOKEN_ERROR_DAMAGED_FILE);
  }

  /* A varint of eleven bytes, and one whose tenth byte overflows 64 bits */
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();
    static const guint8 eleven[] = { 0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                     0xff, 0xff, 0xff, 0xff, 0x01 };

    g_byte_array_append (payload, eleven, sizeof eleven);
    assert_refused (payload, TOKEN_ERROR_DAMAGED_FILE);
  }
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();
    static const guint8 overflow[] = { 0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                       0xff, 0xff, 0xff, 0x02 };

    g_byte_array_append (payload, overflow, sizeof overflow);
    assert_refused (payload, TOKEN_ERROR_DAMAGED_FILE);
  }

  /* Known fields of the wrong wire type, outside and inside a token */
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();

    put_uint (payload, 1, 5);
    assert_refused (payload, TOKEN_ERROR_DAMAGED_FILE);
  }
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();

    put_string (payload, 2, "1");
    assert_refused (payload, TOKEN_ERROR_DAMAGED_FILE);
  }
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();
    g_autoptr(GByteArray) message = g_byte_array_new ();

    put_uint (message, 1, 12345);
    put_message (payload, 1, message);
    assert_refused (payload, TOKEN_ERROR_DAMAGED_FILE);
  }
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();
    g_autoptr(GByteArray) message = entry_message (&entry);

    put_string (message, 6, "totp");
    put_message (payload, 1, message);
    assert_refused (payload, TOKEN_ERROR_DAMAGED_FILE);
  }

  /* Groups (wire types 3 and 4) and the unused wire types 6 and 7 */
  for (guint wire_type = 3; wire_type <= 7; wire_type++)
    {
      g_autoptr(GByteArray) payload = g_byte_array_new ();

      if (wire_type == 5)
        continue;
      put_key (payload, 20, wire_type);
      put_varint (payload, 1);
      assert_refused (payload, TOKEN_ERROR_DAMAGED_FILE);
    }

  /* Field number zero */
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();

    put_key (payload, 0, 0);
    put_varint (payload, 1);
    assert_refused (payload, TOKEN_ERROR_DAMAGED_FILE);
  }

  /* More tokens than allowed, and more codes than allowed */
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();

    for (guint i = 0; i <= TOKEN_MIGRATION_MAX_CREDENTIALS; i++)
      {
        g_autoptr(GByteArray) message = entry_message (&entry);

        put_message (payload, 1, message);
      }
    assert_refused (payload, TOKEN_ERROR_TOO_LARGE);
  }
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();

    put_uint (payload, 3, 1000);
    assert_refused (payload, TOKEN_ERROR_TOO_LARGE);
  }

  /* Code 3 of 2 */
  {
    g_autoptr(GByteArray) payload = g_byte_array_new ();

    put_uint (payload, 3, 2);
    put_uint (payload, 4, 2);
    assert_refused (payload, TOKEN_ERROR_DAMAGED_FILE);
  }
}

static void
test_bad_entries (void)
{
  static const Entry entries[] = {
    { NULL, "no-secret", NULL, 1, 1, 2, 0 },
    { "short", "short-secret", NULL, 1, 1, 2, 0 },
    { SECRET_A, "", NULL, 1, 1, 2, 0 },
    { SECRET_A, "Issuer:", "Issuer", 1, 1, 2, 0 },
    { SECRET_A, "digits", NULL, 1, 7, 2, 0 },
    { SECRET_A, "algorithm", NULL, 9, 1, 2, 0 },
    { SECRET_A, "negative", NULL, 1, 1, 1, G_MAXUINT64 },
    { SECRET_B, "good", NULL, 1, 1, 2, 0 },
    { SECRET_B, "same-secret", NULL, 1, 1, 2, 0 },
  };
  static const gint codes[] = {
    TOKEN_ERROR_MISSING_SECRET, TOKEN_ERROR_SECRET_TOO_SHORT, TOKEN_ERROR_UNSUPPORTED_TYPE,
    TOKEN_ERROR_INVALID_LABEL, TOKEN_ERROR_INVALID_DIGITS, TOKEN_ERROR_UNSUPPORTED_ALGORITHM,
    TOKEN_ERROR_INVALID_COUNTER, TOKEN_ERROR_EXISTS,
  };
  g_autoptr(GByteArray) payload = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenMigrationPart) part = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GByteArray) message = entry_message (&entries[i]);

      /* An empty name with type 0 makes the third one refused for its type. */
      if (i == 2)
        {
          g_byte_array_set_size (message, 0);
          put_string (message, 1, SECRET_A);
          put_string (message, 2, "");
        }
      put_message (payload, 1, message);
    }

  bytes = payload_bytes (payload);
  part = token_migration_decode (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_credentials (part->import), ==, 1);
  g_assert_cmpuint (token_import_get_n_problems (part->import), ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const TokenImportProblem *problem = token_import_get_problem (part->import, i);
      g_autofree char *description = token_import_describe_problem (problem);

      g_test_message ("%s", description);
      g_assert_error (problem->error, TOKEN_ERROR, codes[i]);
    }
  g_assert_cmpstr (token_import_get_problem (part->import, 0)->name, ==, "no-secret");
  g_assert_cmpstr (token_import_get_problem (part->import, 7)->name, ==, "same-secret");
}

static void
assert_uri_refused (const char *uri,
                    gint        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenMigrationPart) part = token_migration_parse_uri (uri, &error);

  g_assert_error (error, TOKEN_ERROR, code);
  g_assert_null (part);
}

static void
test_bad_uris (void)
{
  g_autofree char *huge = g_strnfill (TOKEN_MIGRATION_MAX_PAYLOAD * 3, 'A');
  g_autofree char *huge_uri = g_strconcat ("otpauth-migration://offline?data=", huge, NULL);

  assert_uri_refused ("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", TOKEN_ERROR_INVALID_URI);
  assert_uri_refused ("otpauth-migration://offline?", TOKEN_ERROR_INVALID_URI);
  assert_uri_refused ("otpauth-migration://offline?other=1", TOKEN_ERROR_INVALID_URI);
  assert_uri_refused ("otpauth-migration://offline?data=%ZZ", TOKEN_ERROR_INVALID_URI);
  assert_uri_refused ("otpauth-migration://offline?data=ab*d", TOKEN_ERROR_INVALID_URI);
  assert_uri_refused ("otpauth-migration://offline?data=abcde", TOKEN_ERROR_INVALID_URI);
  assert_uri_refused ("otpauth-migration://offline?data=ab%3D%3Dcd", TOKEN_ERROR_INVALID_URI);
  /* “AB” leaves bits over that are not zero */
  assert_uri_refused ("otpauth-migration://offline?data=AB", TOKEN_ERROR_INVALID_URI);
  /* Valid base64 of a damaged payload: a lone key with no value */
  assert_uri_refused ("otpauth-migration://offline?data=CA%3D%3D", TOKEN_ERROR_DAMAGED_FILE);
  assert_uri_refused (huge_uri, TOKEN_ERROR_TOO_LARGE);
}

static TokenMigrationPart *
batch_part (GPtrArray *credentials,
            guint      size,
            guint      index,
            gint32     id)
{
  g_autoptr(GBytes) payload = token_migration_encode (credentials, size, index, id, NULL);
  g_autoptr(GError) error = NULL;
  TokenMigrationPart *part = token_migration_decode (payload, &error);

  g_assert_no_error (error);
  return part;
}

static void
test_batches (void)
{
  g_autoptr(GPtrArray) all = sample_credentials ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) token_migration_part_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) joined = NULL;

  /* One token a code, scanned out of order */
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      guint index = (i + 1) % all->len;

      g_ptr_array_add (one, g_ptr_array_index (all, index));
      g_ptr_array_add (parts, batch_part (one, all->len, index, 77));
    }

  joined = token_migration_join_parts (parts, &error);
  g_assert_no_error (error);
  assert_same_credentials (all, joined);

  /* A code missing */
  {
    g_autoptr(TokenMigrationPart) removed = g_ptr_array_steal_index (parts, 1);

    g_assert_false (token_migration_check_parts (parts, &error));
    g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_INCOMPLETE_EXPORT);
    g_test_message ("%s", error->message);
    g_clear_error (&error);

    /* The same code twice */
    g_ptr_array_add (parts, batch_part (all, all->len, 0, 77));
    g_assert_false (token_migration_check_parts (parts, &error));
    g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_INCOMPLETE_EXPORT);
    g_clear_error (&error);
    g_ptr_array_remove_index (parts, parts->len - 1);
    g_ptr_array_add (parts, g_steal_pointer (&removed));
  }
  g_assert_true (token_migration_check_parts (parts, NULL));

  /* A code of another export */
  {
    g_autoptr(TokenMigrationPart) removed = g_ptr_array_steal_index (parts, 0);
    g_autoptr(TokenImport) none = NULL;

    g_ptr_array_add (parts, batch_part (all, all->len, removed->batch_index, 78));
    none = token_migration_join_parts (parts, &error);
    g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_INCOMPLETE_EXPORT);
    g_assert_null (none);
    g_clear_error (&error);
  }

  /* Nothing at all */
  g_ptr_array_set_size (parts, 0);
  g_assert_false (token_migration_check_parts (parts, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_INCOMPLETE_EXPORT);
}

/* Each code holds less than 100 tokens, the export as a whole more. */
static void
test_batches_too_many (void)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) token_migration_part_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) joined = NULL;

  for (guint p = 0; p < 3; p++)
    {
      g_autoptr(GPtrArray) credentials = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < 40; i++)
        g_ptr_array_add (credentials, token_credential_new_random (NULL));
      g_ptr_array_add (parts, batch_part (credentials, 3, p, 5));
    }

  joined = token_migration_join_parts (parts, &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE);
  g_assert_null (joined);
}

/* An export in several codes, each scanned, gives back every token. */
static void
test_format_uris (void)
{
  g_autoptr(GPtrArray) credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) token_migration_part_free);
  g_autoptr(GPtrArray) uris = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) joined = NULL;

  for (guint i = 0; i < 25; i++)
    g_ptr_array_add (credentials, token_credential_new_random (NULL));

  uris = token_migration_format_uris (credentials, TOKEN_MIGRATION_TOKENS_PER_CODE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uris->len, ==, 3);

  for (guint i = uris->len; i > 0; i--)
    {
      TokenMigrationPart *part = token_migration_parse_uri (g_ptr_array_index (uris, i - 1), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (part->batch_size, ==, 3);
      g_assert_cmpuint (part->batch_index, ==, i - 1);
      g_assert_cmpuint (g_list_model_get_n_items (token_import_get_credentials (part->import)),
                        ==, i == 3 ? 5 : 10);
      g_ptr_array_add (parts, part);
    }

  joined = token_migration_join_parts (parts, &error);
  g_assert_no_error (error);
  assert_same_credentials (credentials, joined);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migration/decode-mixed", test_decode_mixed);
  g_test_add_func ("/migration/encode-round-trip", test_encode_round_trip);
  g_test_add_func ("/migration/encode-refuses", test_encode_refuses);
  g_test_add_func ("/migration/truncated-everywhere", test_truncated_everywhere);
  g_test_add_func ("/migration/malformed", test_malformed);
  g_test_add_func ("/migration/bad-entries", test_bad_entries);
  g_test_add_func ("/migration/bad-uris", test_bad_uris);
  g_test_add_func ("/migration/batches", test_batches);
  g_test_add_func ("/migration/batches-too-many", test_batches_too_many);
  g_test_add_func ("/migration/format-uris", test_format_uris);

  return g_test_run ();
}
