/* test-transfer.c: the transfer file: round trips, the documented test
 * vector, malformed files, files on disk and the confirmation code
 *
 * Files here use scrypt cost 14 (the lowest a reader accepts) so that the
 * suite stays fast; one test shows that the default writes cost 17.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "token-error.h"
#include "token-secure.h"
#include "token-transfer-private.h"

#define TEST_COST        14
#define PASSPHRASE       "k7dm-4hxq-9zrb-w2pe-tn6c-f3ya"
#define HEADER_BYTES     44
#define TAG_BYTES        16

/* Header offsets, as in docs/transfer-format.md. */
#define OFFSET_VERSION   8
#define OFFSET_COST      9
#define OFFSET_R         10
#define OFFSET_P         11
#define OFFSET_SALT      12
#define OFFSET_NONCE     28
#define OFFSET_LENGTH    40

static TokenCredential *
make_credential (const char     *id,
                 TokenKind       kind,
                 const char     *seed,
                 const char     *issuer,
                 const char     *label,
                 TokenAlgorithm  algorithm,
                 guint           digits,
                 guint           period,
                 guint64         counter,
                 gint64          created)
{
  g_autoptr(GBytes) secret = token_secure_bytes_new (seed, strlen (seed));
  TokenCredential *credential = token_credential_new (id, kind, secret);

  token_credential_set_issuer (credential, issuer);
  token_credential_set_label (credential, label);
  token_credential_set_algorithm (credential, algorithm);
  token_credential_set_digits (credential, digits);
  token_credential_set_period (credential, period);
  token_credential_set_counter (credential, counter);
  token_credential_set_created (credential, created);
  return credential;
}

/* Three tokens that differ in every field. */
static GPtrArray *
make_credentials (void)
{
  GPtrArray *credentials = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (credentials,
                   make_credential ("SOFT12345674", TOKEN_KIND_TOTP, "12345678901234567890",
                                    "Example Bank", "Everyday login",
                                    TOKEN_ALGORITHM_SHA1, 6, 30, 0, 1764028800));
  g_ptr_array_add (credentials,
                   make_credential ("SYMC98765432", TOKEN_KIND_HOTP, "abcdefghijklmnopqrstuvwxyz012345",
                                    "しんきん銀行", NULL,
                                    TOKEN_ALGORITHM_SHA256, 8, 30, G_GUINT64_CONSTANT (12345678901234),
                                    1600000000));
  g_ptr_array_add (credentials,
                   make_credential ("alice@example.com", TOKEN_KIND_TOTP,
                                    "0123456789012345678901234567890123456789012345678901234567890123",
                                    NULL, "仕事用",
                                    TOKEN_ALGORITHM_SHA512, 7, 60, 0, 0));
  return credentials;
}

static GBytes *
make_file (TokenTransfer **transfer_out)
{
  g_autoptr(GPtrArray) credentials = make_credentials ();
  g_autoptr(TokenTransfer) transfer = token_transfer_new (credentials, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *file;

  g_assert_nonnull (transfer);
  file = token_transfer_encrypt (transfer, PASSPHRASE, TEST_COST, NULL, &error);
  g_assert_no_error (error);
  if (transfer_out != NULL)
    *transfer_out = g_steal_pointer (&transfer);
  return file;
}

/* One good file for the malformed cases, made once. */
static GBytes *the_good_file;

static GBytes *
good_file (void)
{
  if (the_good_file == NULL)
    the_good_file = make_file (NULL);
  return the_good_file;
}

static void
assert_same_credential (TokenCredential *expected,
                        TokenCredential *found)
{
  g_assert_true (token_credential_equal (expected, found));
  g_assert_cmpint (token_credential_get_created (expected), ==, token_credential_get_created (found));
}

static void
test_round_trip (void)
{
  g_autoptr(TokenTransfer) original = NULL;
  g_autoptr(GBytes) file = make_file (&original);
  g_autoptr(TokenTransfer) read_back = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *expected = token_transfer_get_credentials (original);
  GPtrArray *found;
  g_autofree char *code_before = NULL;
  g_autofree char *code_after = NULL;

  read_back = token_transfer_decrypt (file, PASSPHRASE, NULL, &error);
  g_assert_no_error (error);

  found = token_transfer_get_credentials (read_back);
  g_assert_cmpuint (found->len, ==, 3);
  for (guint i = 0; i < found->len; i++)
    assert_same_credential (g_ptr_array_index (expected, i), g_ptr_array_index (found, i));

  g_assert_cmpstr (token_transfer_get_id (read_back), ==, token_transfer_get_id (original));
  g_assert_cmpuint (strlen (token_transfer_get_id (read_back)), ==, 32);
  g_assert_true (g_bytes_equal (token_transfer_get_confirmation_secret (read_back),
                                token_transfer_get_confirmation_secret (original)));
  code_before = token_transfer_dup_confirmation_code (original);
  code_after = token_transfer_dup_confirmation_code (read_back);
  g_assert_cmpstr (code_before, ==, code_after);
}

/* The same tokens give codes that agree after the move, TOTP and HOTP. */
static void
test_round_trip_codes (void)
{
  g_autoptr(TokenTransfer) original = NULL;
  g_autoptr(GBytes) file = make_file (&original);
  g_autoptr(TokenTransfer) read_back = token_transfer_decrypt (file, PASSPHRASE, NULL, NULL);
  GPtrArray *before = token_transfer_get_credentials (original);
  GPtrArray *after = token_transfer_get_credentials (read_back);

  for (guint i = 0; i < before->len; i++)
    {
      char expected[TOKEN_CODE_BUFFER_SIZE], found[TOKEN_CODE_BUFFER_SIZE];

      g_assert_true (token_credential_code_at (g_ptr_array_index (before, i), 1764028859, expected, NULL));
      g_assert_true (token_credential_code_at (g_ptr_array_index (after, i), 1764028859, found, NULL));
      g_assert_cmpstr (expected, ==, found);
    }
}

static void
test_fresh_randomness (void)
{
  g_autoptr(TokenTransfer) first = NULL;
  g_autoptr(TokenTransfer) second = NULL;
  g_autoptr(GBytes) file_a = make_file (&first);
  g_autoptr(GBytes) file_b = make_file (&second);
  const guint8 *a = g_bytes_get_data (file_a, NULL);
  const guint8 *b = g_bytes_get_data (file_b, NULL);

  g_assert_cmpstr (token_transfer_get_id (first), !=, token_transfer_get_id (second));
  g_assert_false (g_bytes_equal (token_transfer_get_confirmation_secret (first),
                                 token_transfer_get_confirmation_secret (second)));
  g_assert_cmpmem (a, OFFSET_SALT, b, OFFSET_SALT);
  g_assert_true (memcmp (a + OFFSET_SALT, b + OFFSET_SALT, 16) != 0);
  g_assert_true (memcmp (a + OFFSET_NONCE, b + OFFSET_NONCE, 12) != 0);
}

static void
test_default_cost (void)
{
  g_autoptr(GPtrArray) credentials = make_credentials ();
  g_autoptr(TokenTransfer) transfer = token_transfer_new (credentials, NULL);
  g_autoptr(TokenTransfer) read_back = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;

  file = token_transfer_encrypt (transfer, PASSPHRASE, TOKEN_TRANSFER_DEFAULT_COST, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (TOKEN_TRANSFER_DEFAULT_COST, ==, 17);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (file, NULL))[OFFSET_COST], ==, 17);

  read_back = token_transfer_decrypt (file, PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (token_transfer_get_credentials (read_back)->len, ==, 3);
}

static void
test_wrong_passphrase (void)
{
  GBytes *file = good_file ();
  g_autoptr(GError) error = NULL;
  guint calls = token_transfer_get_kdf_calls ();

  g_assert_null (token_transfer_decrypt (file, "k7dm-4hxq-9zrb-w2pe-tn6c-f3yb", NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE);
  g_assert_cmpstr (error->message, ==, "Wrong passphrase or damaged file");
  g_assert_cmpuint (token_transfer_get_kdf_calls (), ==, calls + 1);
  g_clear_error (&error);

  g_assert_null (token_transfer_decrypt (file, "", NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE);
}

/* Full-width letters from an input method give the same key (NFKC). */
static void
test_passphrase_normalized (void)
{
  g_autoptr(TokenTransfer) read_back = NULL;
  g_autoptr(GError) error = NULL;

  read_back = token_transfer_decrypt (good_file (), "ｋ７ｄｍ－４ｈｘｑ－９ｚｒｂ－ｗ２ｐｅ－ｔｎ６ｃ－ｆ３ｙａ",
                                      NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read_back);
}

/* The test vector of docs/transfer-format.md */

static GBytes *
hex_decode (const char *text)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  int high = -1;

  for (const char *p = text; *p != '\0'; p++)
    {
      int value = g_ascii_xdigit_value (*p);

      if (value < 0)
        {
          g_assert_true (g_ascii_isspace (*p));
          continue;
        }
      if (high < 0)
        high = value;
      else
        {
          guint8 byte = (guint8) (high << 4 | value);

          g_byte_array_append (bytes, &byte, 1);
          high = -1;
        }
    }
  g_assert_cmpint (high, ==, -1);

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* The hex between the fences that follow the “### File” heading. */
static GBytes *
read_documented_vector (void)
{
  const char *source_dir = g_getenv ("SOFT_TOKEN_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hex = NULL;
  g_autoptr(GError) error = NULL;
  const char *start, *end;

  /* Set by tests/meson.build; run the test with meson test. */
  g_assert_nonnull (source_dir);
  path = g_build_filename (source_dir, "docs", "transfer-format.md", NULL);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  start = strstr (text, "### File\n");
  g_assert_nonnull (start);
  start = strstr (start, "```\n");
  g_assert_nonnull (start);
  start += 4;
  end = strstr (start, "```");
  g_assert_nonnull (end);

  hex = g_strndup (start, end - start);
  return hex_decode (hex);
}

static void
test_documented_vector (void)
{
  g_autoptr(GBytes) file = read_documented_vector ();
  g_autoptr(TokenTransfer) transfer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  TokenCredential *credential;
  GBytes *secret;
  char otp[TOKEN_CODE_BUFFER_SIZE];

  g_assert_cmpuint (g_bytes_get_size (file), ==, 197);
  transfer = token_transfer_decrypt (file, "correct horse battery staple", NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (token_transfer_get_credentials (transfer)->len, ==, 1);
  credential = g_ptr_array_index (token_transfer_get_credentials (transfer), 0);
  g_assert_cmpstr (token_credential_get_credential_id (credential), ==, "SOFT12345674");
  g_assert_cmpstr (token_credential_get_issuer (credential), ==, "Example Bank");
  g_assert_cmpstr (token_credential_get_label (credential), ==, "Everyday login");
  g_assert_cmpint (token_credential_get_kind (credential), ==, TOKEN_KIND_HOTP);
  g_assert_cmpint (token_credential_get_algorithm (credential), ==, TOKEN_ALGORITHM_SHA256);
  g_assert_cmpuint (token_credential_get_digits (credential), ==, 8);
  g_assert_cmpuint (token_credential_get_period (credential), ==, 30);
  g_assert_cmpuint (token_credential_get_counter (credential), ==, 42);
  g_assert_cmpint (token_credential_get_created (credential), ==, 1764028800);
  secret = token_credential_get_secret (credential);
  g_assert_cmpmem (g_bytes_get_data (secret, NULL), g_bytes_get_size (secret), "12345678901234567890", 20);

  g_assert_cmpstr (token_transfer_get_id (transfer), ==, "176a41249efffb22e9f187e18a8f9cb8");
  code = token_transfer_dup_confirmation_code (transfer);
  g_assert_cmpstr (code, ==, "TJ7409CE");

  /* HMAC-SHA256 HOTP of counter 42, 8 digits, computed with Python's hmac. */
  g_assert_true (token_credential_code_at (credential, 0, otp, NULL));
  g_assert_cmpstr (otp, ==, "47411693");
}

/* Malformed files */

typedef struct
{
  const char *name;
  /* Changes a copy of the good file. */
  void      (*damage) (GByteArray *file);
  TokenError  code;
  /* Whether the error can only come after the key derivation. */
  gboolean    after_kdf;
} MalformedCase;

static void
set_length (GByteArray *file,
            guint32     length)
{
  file->data[OFFSET_LENGTH] = (guint8) (length >> 24);
  file->data[OFFSET_LENGTH + 1] = (guint8) (length >> 16);
  file->data[OFFSET_LENGTH + 2] = (guint8) (length >> 8);
  file->data[OFFSET_LENGTH + 3] = (guint8) length;
}

static guint32
get_length (GByteArray *file)
{
  return (guint32) file->data[OFFSET_LENGTH] << 24 | (guint32) file->data[OFFSET_LENGTH + 1] << 16
       | (guint32) file->data[OFFSET_LENGTH + 2] << 8 | file->data[OFFSET_LENGTH + 3];
}

static void damage_empty (GByteArray *f) { g_byte_array_set_size (f, 0); }
static void damage_magic (GByteArray *f) { f->data[0] = 'X'; }
static void damage_magic_text (GByteArray *f) { memcpy (f->data, "otpauth:", 8); }
static void damage_magic_prefix (GByteArray *f) { g_byte_array_set_size (f, 5); }
static void damage_version_0 (GByteArray *f) { f->data[OFFSET_VERSION] = 0; }
static void damage_version_2 (GByteArray *f) { f->data[OFFSET_VERSION] = 2; }
static void damage_version_255 (GByteArray *f) { f->data[OFFSET_VERSION] = 255; }
static void damage_cost_13 (GByteArray *f) { f->data[OFFSET_COST] = 13; }
static void damage_cost_21 (GByteArray *f) { f->data[OFFSET_COST] = 21; }
static void damage_cost_0 (GByteArray *f) { f->data[OFFSET_COST] = 0; }
static void damage_cost_255 (GByteArray *f) { f->data[OFFSET_COST] = 255; }
static void damage_r_7 (GByteArray *f) { f->data[OFFSET_R] = 7; }
static void damage_r_9 (GByteArray *f) { f->data[OFFSET_R] = 9; }
static void damage_r_0 (GByteArray *f) { f->data[OFFSET_R] = 0; }
static void damage_p_0 (GByteArray *f) { f->data[OFFSET_P] = 0; }
static void damage_p_2 (GByteArray *f) { f->data[OFFSET_P] = 2; }
static void damage_length_zero (GByteArray *f) { set_length (f, 0); }
static void damage_length_too_small (GByteArray *f) { set_length (f, 89); }
static void damage_length_huge (GByteArray *f) { set_length (f, G_MAXUINT32); }
static void damage_length_plus_one (GByteArray *f) { set_length (f, get_length (f) + 1); }
static void damage_length_minus_one (GByteArray *f) { set_length (f, get_length (f) - 1); }
static void damage_header_only (GByteArray *f) { g_byte_array_set_size (f, HEADER_BYTES); }
static void damage_no_tag (GByteArray *f) { g_byte_array_set_size (f, f->len - TAG_BYTES); }

static void
damage_trailing_byte (GByteArray *f)
{
  guint8 zero = 0;

  g_byte_array_append (f, &zero, 1);
}

static void
damage_trailing_kib (GByteArray *f)
{
  g_byte_array_set_size (f, f->len + 1024);
}

/* Trailing bytes that the length field is changed to cover: the tag no
 * longer matches, so this is found only after the key derivation. */
static void
damage_trailing_covered (GByteArray *f)
{
  damage_trailing_byte (f);
  set_length (f, get_length (f) + 1);
}

static void
damage_over_one_mib (GByteArray *f)
{
  g_byte_array_set_size (f, TOKEN_TRANSFER_MAX_FILE_SIZE + 1);
}

/* A length one past what a 1 MiB file can hold, in a file of 1 MiB. */
static void
damage_length_over_limit (GByteArray *f)
{
  g_byte_array_set_size (f, TOKEN_TRANSFER_MAX_FILE_SIZE);
  set_length (f, TOKEN_TRANSFER_MAX_FILE_SIZE - HEADER_BYTES - TAG_BYTES + 1);
}

static void damage_salt (GByteArray *f) { f->data[OFFSET_SALT + 3] ^= 0x10; }
static void damage_nonce (GByteArray *f) { f->data[OFFSET_NONCE + 11] ^= 0x01; }
static void damage_ciphertext_first (GByteArray *f) { f->data[HEADER_BYTES] ^= 0x80; }
static void damage_ciphertext_last (GByteArray *f) { f->data[f->len - TAG_BYTES - 1] ^= 0x01; }
static void damage_tag_first (GByteArray *f) { f->data[f->len - TAG_BYTES] ^= 0x01; }
static void damage_tag_last (GByteArray *f) { f->data[f->len - 1] ^= 0x80; }

static const MalformedCase malformed_cases[] = {
  { "empty", damage_empty, TOKEN_ERROR_NOT_A_TRANSFER_FILE, FALSE },
  { "magic/first-byte", damage_magic, TOKEN_ERROR_NOT_A_TRANSFER_FILE, FALSE },
  { "magic/other-format", damage_magic_text, TOKEN_ERROR_NOT_A_TRANSFER_FILE, FALSE },
  { "magic/cut-short", damage_magic_prefix, TOKEN_ERROR_DAMAGED_FILE, FALSE },
  { "version/0", damage_version_0, TOKEN_ERROR_UNSUPPORTED_VERSION, FALSE },
  { "version/2", damage_version_2, TOKEN_ERROR_UNSUPPORTED_VERSION, FALSE },
  { "version/255", damage_version_255, TOKEN_ERROR_UNSUPPORTED_VERSION, FALSE },
  { "cost/13", damage_cost_13, TOKEN_ERROR_BAD_PARAMETERS, FALSE },
  { "cost/21", damage_cost_21, TOKEN_ERROR_BAD_PARAMETERS, FALSE },
  { "cost/0", damage_cost_0, TOKEN_ERROR_BAD_PARAMETERS, FALSE },
  { "cost/255", damage_cost_255, TOKEN_ERROR_BAD_PARAMETERS, FALSE },
  { "r/0", damage_r_0, TOKEN_ERROR_BAD_PARAMETERS, FALSE },
  { "r/7", damage_r_7, TOKEN_ERROR_BAD_PARAMETERS, FALSE },
  { "r/9", damage_r_9, TOKEN_ERROR_BAD_PARAMETERS, FALSE },
  { "p/0", damage_p_0, TOKEN_ERROR_BAD_PARAMETERS, FALSE },
  { "p/2", damage_p_2, TOKEN_ERROR_BAD_PARAMETERS, FALSE },
  { "length/zero", damage_length_zero, TOKEN_ERROR_DAMAGED_FILE, FALSE },
  { "length/below-minimum", damage_length_too_small, TOKEN_ERROR_DAMAGED_FILE, FALSE },
  { "length/4-gib", damage_length_huge, TOKEN_ERROR_DAMAGED_FILE, FALSE },
  { "length/over-limit", damage_length_over_limit, TOKEN_ERROR_DAMAGED_FILE, FALSE },
  { "length/one-more", damage_length_plus_one, TOKEN_ERROR_DAMAGED_FILE, FALSE },
  { "length/one-less", damage_length_minus_one, TOKEN_ERROR_DAMAGED_FILE, FALSE },
  { "cut/header-only", damage_header_only, TOKEN_ERROR_DAMAGED_FILE, FALSE },
  { "cut/no-tag", damage_no_tag, TOKEN_ERROR_DAMAGED_FILE, FALSE },
  { "trailing/one-byte", damage_trailing_byte, TOKEN_ERROR_DAMAGED_FILE, FALSE },
  { "trailing/one-kib", damage_trailing_kib, TOKEN_ERROR_DAMAGED_FILE, FALSE },
  { "trailing/covered-by-length", damage_trailing_covered, TOKEN_ERROR_BAD_PASSPHRASE, TRUE },
  { "size/over-1-mib", damage_over_one_mib, TOKEN_ERROR_TOO_LARGE, FALSE },
  { "flip/salt", damage_salt, TOKEN_ERROR_BAD_PASSPHRASE, TRUE },
  { "flip/nonce", damage_nonce, TOKEN_ERROR_BAD_PASSPHRASE, TRUE },
  { "flip/ciphertext-first", damage_ciphertext_first, TOKEN_ERROR_BAD_PASSPHRASE, TRUE },
  { "flip/ciphertext-last", damage_ciphertext_last, TOKEN_ERROR_BAD_PASSPHRASE, TRUE },
  { "flip/tag-first", damage_tag_first, TOKEN_ERROR_BAD_PASSPHRASE, TRUE },
  { "flip/tag-last", damage_tag_last, TOKEN_ERROR_BAD_PASSPHRASE, TRUE },
};

static GByteArray *
copy_good_file (void)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (good_file (), &size);
  GByteArray *copy = g_byte_array_sized_new (size);

  g_byte_array_append (copy, data, size);
  return copy;
}

/* Refused with @code; the KDF ran only if @after_kdf. */
static void
assert_refused (const guint8 *data,
                gsize         size,
                TokenError    code,
                gboolean      after_kdf,
                const char   *what)
{
  g_autoptr(GBytes) file = g_bytes_new (data, size);
  g_autoptr(TokenTransfer) transfer = NULL;
  g_autoptr(GError) error = NULL;
  guint calls = token_transfer_get_kdf_calls ();

  transfer = token_transfer_decrypt (file, PASSPHRASE, NULL, &error);
  if (transfer != NULL || !g_error_matches (error, TOKEN_ERROR, (gint) code))
    g_error ("%s: expected error %d, got %s", what, code,
             error != NULL ? error->message : "a transfer");
  g_assert_cmpuint (token_transfer_get_kdf_calls (), ==, calls + (after_kdf ? 1 : 0));

  /* What can be refused without the passphrase is refused by the header
   * check too, with the same error. */
  g_clear_error (&error);
  if (after_kdf)
    g_assert_true (token_transfer_check_header (file, NULL));
  else
    {
      g_assert_false (token_transfer_check_header (file, &error));
      g_assert_error (error, TOKEN_ERROR, (gint) code);
    }
}

static void
test_malformed (gconstpointer data)
{
  const MalformedCase *malformed = data;
  g_autoptr(GByteArray) file = copy_good_file ();

  malformed->damage (file);
  assert_refused (file->data, file->len, malformed->code, malformed->after_kdf, malformed->name);
}

/* Every prefix of the file, from empty to one byte short: refused before
 * the KDF, as not ours when empty, damaged otherwise. */
static void
test_cut_at_every_offset (void)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (good_file (), &size);

  for (gsize cut = 0; cut < size; cut++)
    {
      g_autofree char *what = g_strdup_printf ("cut at %" G_GSIZE_FORMAT, cut);

      assert_refused (data, cut, cut == 0 ? TOKEN_ERROR_NOT_A_TRANSFER_FILE : TOKEN_ERROR_DAMAGED_FILE,
                      FALSE, what);
    }
}

/* What a flipped bit in each header field does: a field that is checked
 * before the KDF gives that field's error; the salt and nonce, which have
 * no range, and a cost that stays in range, fail at the tag. */
static void
expected_for_header_flip (const guint8 *flipped,
                          gsize         offset,
                          TokenError   *code,
                          gboolean     *after_kdf)
{
  gboolean cost_in_range = flipped[OFFSET_COST] >= 14 && flipped[OFFSET_COST] <= 20;

  *after_kdf = (offset == OFFSET_COST && cost_in_range)
            || (offset >= OFFSET_SALT && offset < OFFSET_LENGTH);

  if (*after_kdf)
    *code = TOKEN_ERROR_BAD_PASSPHRASE;
  else if (offset < OFFSET_VERSION)
    *code = TOKEN_ERROR_NOT_A_TRANSFER_FILE;
  else if (offset == OFFSET_VERSION)
    *code = TOKEN_ERROR_UNSUPPORTED_VERSION;
  else if (offset < OFFSET_SALT)
    *code = TOKEN_ERROR_BAD_PARAMETERS;
  else
    *code = TOKEN_ERROR_DAMAGED_FILE;
}

static void
test_flip_every_header_bit (void)
{
  g_autoptr(GByteArray) file = copy_good_file ();

  for (gsize offset = 0; offset < HEADER_BYTES; offset++)
    {
      /* The salt and nonce have no range: one bit of each byte is enough
       * to show the tag catches them, and each costs a key derivation. */
      guint bits = offset >= OFFSET_SALT && offset < OFFSET_LENGTH ? 1 : 8;

      for (guint bit = 0; bit < bits; bit++)
        {
          g_autofree char *what = g_strdup_printf ("header bit %" G_GSIZE_FORMAT ".%u", offset, bit);
          TokenError code;
          gboolean after_kdf;

          file->data[offset] ^= 1 << ((bit + offset) % 8);
          expected_for_header_flip (file->data, offset, &code, &after_kdf);
          assert_refused (file->data, file->len, code, after_kdf, what);
          file->data[offset] ^= 1 << ((bit + offset) % 8);
        }
    }
}

/* A flipped bit anywhere in the ciphertext or tag fails the tag; a byte
 * out of every few stands for the rest. */
static void
test_flip_body_bits (void)
{
  g_autoptr(GByteArray) file = copy_good_file ();

  for (gsize offset = HEADER_BYTES; offset < file->len; offset++)
    {
      gboolean in_tag = offset >= file->len - TAG_BYTES;
      g_autofree char *what = NULL;

      if (!in_tag && offset % 11 != 0 && offset != file->len - TAG_BYTES - 1)
        continue;

      what = g_strdup_printf ("body byte %" G_GSIZE_FORMAT, offset);
      file->data[offset] ^= 1 << (offset % 8);
      assert_refused (file->data, file->len, TOKEN_ERROR_BAD_PASSPHRASE, TRUE, what);
      file->data[offset] ^= 1 << (offset % 8);
    }
}

/* The payload: a well-sealed file can still hold a bad payload */

typedef struct
{
  const char *name;
  /* Offset into a one-credential payload, and the bytes written there. */
  gsize       offset;
  const char *bytes;
  gsize       n_bytes;
  gboolean    append;
} PayloadCase;

/* The payload of make_payload(): ID (16), secret (32), count at 48,
 * then “SOFT12345674” (length at 50), issuer “Bank” (length at 64),
 * empty label (length at 70), kind 72, algorithm 73, digits 74,
 * period 75-76, counter 77-84, created 85-92, secret length 93-94. */
static GBytes *
make_payload (void)
{
  g_autoptr(GPtrArray) credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) secret = token_secure_bytes_new_take (g_malloc0 (32), 32);
  guint8 id[TOKEN_TRANSFER_ID_BYTES] = { 0 };

  g_ptr_array_add (credentials,
                   make_credential ("SOFT12345674", TOKEN_KIND_TOTP, "12345678901234567890",
                                    "Bank", NULL, TOKEN_ALGORITHM_SHA1, 6, 30, 0, 1));
  return token_transfer_payload_write (credentials, id, secret);
}

static const PayloadCase payload_cases[] = {
  { "count/zero", 48, "\0\0", 2, FALSE },
  { "count/over-limit", 48, "\0\x65", 2, FALSE },
  { "count/more-than-present", 48, "\0\x02", 2, FALSE },
  { "id/empty", 50, "\0\0", 2, FALSE },
  { "id/over-limit", 50, "\x01\x01", 2, FALSE },
  { "id/longer-than-payload", 50, "\xff\xff", 2, FALSE },
  { "id/not-utf8", 52, "\xff", 1, FALSE },
  { "id/nul", 52, "\0", 1, FALSE },
  { "issuer/over-limit", 64, "\x01\x01", 2, FALSE },
  { "kind/2", 72, "\x02", 1, FALSE },
  { "algorithm/3", 73, "\x03", 1, FALSE },
  { "digits/5", 74, "\x05", 1, FALSE },
  { "digits/9", 74, "\x09", 1, FALSE },
  { "period/0", 75, "\0\0", 2, FALSE },
  { "period/301", 75, "\x01\x2d", 2, FALSE },
  { "created/negative", 85, "\x80", 1, FALSE },
  { "secret/too-short", 93, "\0\x09", 2, FALSE },
  { "secret/over-limit", 93, "\0\x81", 2, FALSE },
  { "trailing/one-byte", 0, "\0", 1, TRUE },
};

static void
assert_payload_refused (const guint8 *data,
                        gsize         size,
                        const char   *what)
{
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GError) error = NULL;
  guint8 id[TOKEN_TRANSFER_ID_BYTES];

  if (token_transfer_payload_read (data, size, &credentials, id, &secret, &error))
    g_error ("%s: the payload was accepted", what);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE);
  g_assert_null (credentials);
  g_assert_null (secret);
}

static void
test_payload_good (void)
{
  g_autoptr(GBytes) payload = make_payload ();
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GBytes) written_again = NULL;
  guint8 id[TOKEN_TRANSFER_ID_BYTES];

  g_assert_cmpuint (g_bytes_get_size (payload), ==, 16 + 32 + 2 + 2 + 12 + 2 + 4 + 2 + 3 + 2 + 16 + 2 + 20);
  g_assert_true (token_transfer_payload_read (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                                              &credentials, id, &secret, NULL));
  g_assert_cmpstr (token_credential_get_issuer (g_ptr_array_index (credentials, 0)), ==, "Bank");

  /* Canonical: what is read writes back the same. */
  written_again = token_transfer_payload_write (credentials, id, secret);
  g_assert_true (g_bytes_equal (payload, written_again));
}

static void
test_payload_malformed (gconstpointer data)
{
  const PayloadCase *bad = data;
  g_autoptr(GBytes) payload = make_payload ();
  g_autoptr(GByteArray) copy = g_byte_array_new ();

  g_byte_array_append (copy, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
  if (bad->append)
    g_byte_array_append (copy, (const guint8 *) bad->bytes, bad->n_bytes);
  else
    memcpy (copy->data + bad->offset, bad->bytes, bad->n_bytes);

  assert_payload_refused (copy->data, copy->len, bad->name);
}

static void
test_payload_duplicate_id (void)
{
  g_autoptr(GBytes) payload = make_payload ();
  g_autoptr(GByteArray) copy = g_byte_array_new ();
  gsize size;
  const guint8 *data = g_bytes_get_data (payload, &size);

  /* The one credential twice, count 2. */
  g_byte_array_append (copy, data, size);
  g_byte_array_append (copy, data + 50, size - 50);
  copy->data[49] = 2;
  assert_payload_refused (copy->data, copy->len, "duplicate ID");
}

/* Every prefix of a payload is refused. */
static void
test_payload_cut (void)
{
  g_autoptr(GBytes) payload = make_payload ();
  gsize size;
  const guint8 *data = g_bytes_get_data (payload, &size);

  for (gsize cut = 0; cut < size; cut++)
    assert_payload_refused (data, cut, "cut payload");
}

/* What the writer refuses */

static void
test_new_refuses (void)
{
  g_autoptr(GPtrArray) credentials = make_credentials ();
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *long_label = g_strnfill (TOKEN_TRANSFER_MAX_TEXT_BYTES + 1, 'x');
  g_autofree char *longest_label = g_strnfill (TOKEN_TRANSFER_MAX_TEXT_BYTES, 'x');
  g_autoptr(TokenTransfer) fits = NULL;

  token_credential_set_label (g_ptr_array_index (credentials, 1), long_label);
  g_assert_null (token_transfer_new (credentials, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_LABEL);
  g_clear_error (&error);

  token_credential_set_label (g_ptr_array_index (credentials, 1), longest_label);
  fits = token_transfer_new (credentials, &error);
  g_assert_no_error (error);

  g_ptr_array_add (credentials, token_credential_copy (g_ptr_array_index (credentials, 0)));
  g_assert_null (token_transfer_new (credentials, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_EXISTS);
  g_clear_error (&error);

  for (guint i = 0; i <= TOKEN_TRANSFER_MAX_CREDENTIALS; i++)
    g_ptr_array_add (many, token_credential_new_random (NULL));
  g_assert_null (token_transfer_new (many, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* The transfer keeps copies: changing the original later changes nothing. */
  token_credential_set_counter (g_ptr_array_index (credentials, 1), 1);
  g_assert_cmpuint (token_credential_get_counter (g_ptr_array_index (token_transfer_get_credentials (fits), 1)),
                    ==, G_GUINT64_CONSTANT (12345678901234));
}

/* Files on disk */

static char *
make_directory (void)
{
  g_autoptr(GError) error = NULL;
  char *directory = g_dir_make_tmp ("test-transfer-XXXXXX", &error);

  g_assert_no_error (error);
  return directory;
}

static guint
count_entries (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  guint count = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

static void
remove_directory (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  g_chmod (directory, 0700);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (directory), ==, 0);
}

static void
test_save_and_load (void)
{
  g_autofree char *directory = make_directory ();
  g_autofree char *path = g_build_filename (directory, "move.softtoken", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) credentials = make_credentials ();
  g_autoptr(TokenTransfer) transfer = token_transfer_new (credentials, NULL);
  g_autoptr(TokenTransfer) loaded = NULL;
  g_autoptr(GError) error = NULL;
  struct stat info;

  /* An existing file with looser permissions is replaced by a 0600 one. */
  g_assert_true (g_file_set_contents_full (path, "old", -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL));

  g_assert_true (token_transfer_save (transfer, PASSPHRASE, TEST_COST, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_entries (directory), ==, 1);

  loaded = token_transfer_load (file, PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token_transfer_get_id (loaded), ==, token_transfer_get_id (transfer));

  remove_directory (directory);
}

static void
test_save_unwritable (void)
{
  g_autofree char *directory = make_directory ();
  g_autofree char *path = g_build_filename (directory, "move.softtoken", NULL);
  g_autofree char *missing_path = g_build_filename (directory, "missing", "move.softtoken", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GPtrArray) credentials = make_credentials ();
  g_autoptr(TokenTransfer) transfer = token_transfer_new (credentials, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (token_transfer_save (transfer, PASSPHRASE, TEST_COST, missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (directory), ==, 0);

  /* A directory where nothing may be created (root ignores the mode). */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (directory, 0500), ==, 0);
      g_assert_false (token_transfer_save (transfer, PASSPHRASE, TEST_COST, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_clear_error (&error);
      g_assert_cmpint (g_chmod (directory, 0700), ==, 0);
      g_assert_cmpuint (count_entries (directory), ==, 0);
    }

  /* Where even root cannot create a file. */
  {
    g_autoptr(GFile) in_proc = g_file_new_for_path ("/proc/move.softtoken");

    g_assert_false (token_transfer_save (transfer, PASSPHRASE, TEST_COST, in_proc, NULL, &error));
    g_assert_nonnull (error);
    g_assert_true (error->domain == G_IO_ERROR);
    g_clear_error (&error);
    g_assert_false (g_file_query_exists (in_proc, NULL));
  }

  /* The destination is a directory: the rename fails after the temporary
   * file was written, which must go too. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (token_transfer_save (transfer, PASSPHRASE, TEST_COST, file, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (directory), ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (g_rmdir (path), ==, 0);

  remove_directory (directory);
}

static void
test_load_refuses_large_file (void)
{
  g_autofree char *directory = make_directory ();
  g_autofree char *path = g_build_filename (directory, "big.softtoken", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GByteArray) big = copy_good_file ();
  g_autoptr(GError) error = NULL;
  guint calls = token_transfer_get_kdf_calls ();

  g_byte_array_set_size (big, 3 * TOKEN_TRANSFER_MAX_FILE_SIZE);
  g_assert_true (g_file_set_contents (path, (const char *) big->data, big->len, NULL));

  g_assert_null (token_transfer_load (file, PASSPHRASE, NULL, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE);
  g_assert_cmpuint (token_transfer_get_kdf_calls (), ==, calls);

  remove_directory (directory);
}

/* Async */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} AsyncWait;

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
async_wait (AsyncWait *wait)
{
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
  return wait->result;
}

static void
test_async_round_trip (void)
{
  g_autofree char *directory = make_directory ();
  g_autofree char *path = g_build_filename (directory, "move.softtoken", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) credentials = make_credentials ();
  g_autoptr(TokenTransfer) transfer = token_transfer_new (credentials, NULL);
  g_autoptr(TokenTransfer) loaded = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GError) error = NULL;
  AsyncWait wait = { g_main_loop_new (NULL, FALSE), NULL };

  token_transfer_save_async (transfer, PASSPHRASE, TEST_COST, file, NULL, async_done, &wait);
  saved = async_wait (&wait);
  g_assert_true (token_transfer_save_finish (transfer, saved, &error));
  g_assert_no_error (error);

  wait.loop = g_main_loop_new (NULL, FALSE);
  token_transfer_load_async (file, "wrong passphrase", NULL, async_done, &wait);
  read = async_wait (&wait);
  g_assert_null (token_transfer_load_finish (read, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE);
  g_clear_error (&error);
  g_clear_object (&read);

  wait.loop = g_main_loop_new (NULL, FALSE);
  token_transfer_load_async (file, PASSPHRASE, NULL, async_done, &wait);
  read = async_wait (&wait);
  loaded = token_transfer_load_finish (read, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token_transfer_get_id (loaded), ==, token_transfer_get_id (transfer));

  remove_directory (directory);
}

static void
test_async_cancelled (void)
{
  g_autofree char *directory = make_directory ();
  g_autofree char *path = g_build_filename (directory, "move.softtoken", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) credentials = make_credentials ();
  g_autoptr(TokenTransfer) transfer = token_transfer_new (credentials, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  AsyncWait wait = { g_main_loop_new (NULL, FALSE), NULL };

  /* Cancelled: no new file, no temporary file, the old file untouched. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  token_transfer_save_async (transfer, PASSPHRASE, TEST_COST, file, cancellable, async_done, &wait);
  saved = async_wait (&wait);
  g_assert_false (token_transfer_save_finish (transfer, saved, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (directory), ==, 1);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");

  g_assert_true (token_transfer_save (transfer, PASSPHRASE, TEST_COST, file, NULL, NULL));
  wait.loop = g_main_loop_new (NULL, FALSE);
  token_transfer_load_async (file, PASSPHRASE, cancellable, async_done, &wait);
  read = async_wait (&wait);
  g_assert_null (token_transfer_load_finish (read, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  remove_directory (directory);
}

/* The confirmation code */

static void
test_confirmation_code (void)
{
  g_autoptr(GPtrArray) credentials = make_credentials ();
  g_autoptr(TokenTransfer) transfer = token_transfer_new (credentials, NULL);
  g_autofree char *code = token_transfer_dup_confirmation_code (transfer);
  g_autofree char *lower = g_ascii_strdown (code, -1);
  g_autofree char *spaced = g_strdup_printf ("  %.4s %s ", lower, code + 4);
  g_autofree char *dashed = g_strdup_printf ("%.4s-%s", code, lower + 4);
  g_autofree char *wrong = g_strdup (code);
  g_autofree char *longer = g_strconcat (code, "0", NULL);
  GBytes *secret = token_transfer_get_confirmation_secret (transfer);

  g_assert_cmpuint (strlen (code), ==, TOKEN_TRANSFER_CONFIRMATION_LENGTH);
  g_assert_cmpuint (strspn (code, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"), ==, strlen (code));

  g_assert_true (token_transfer_confirmation_matches (secret, code));
  g_assert_true (token_transfer_confirmation_matches (secret, lower));
  g_assert_true (token_transfer_confirmation_matches (secret, spaced));
  g_assert_true (token_transfer_confirmation_matches (secret, dashed));

  wrong[3] = wrong[3] == 'A' ? 'B' : 'A';
  g_assert_false (token_transfer_confirmation_matches (secret, wrong));
  g_assert_false (token_transfer_confirmation_matches (secret, ""));
  g_assert_false (token_transfer_confirmation_matches (secret, "0000000"));
  wrong[3] = code[3];
  g_assert_true (token_transfer_confirmation_matches (secret, wrong));
  g_assert_false (token_transfer_confirmation_matches (secret, code + 1));
  g_assert_false (token_transfer_confirmation_matches (secret, longer));
}

/* Letters that look like digits are read as those digits. The secret is
 * 32 bytes of 0x04; its code, computed with Python's hmac, has both. */
static void
test_confirmation_lookalikes (void)
{
  guint8 secret_data[32];
  g_autoptr(GBytes) secret = NULL;
  g_autofree char *code = NULL;

  memset (secret_data, 4, sizeof secret_data);
  secret = g_bytes_new (secret_data, sizeof secret_data);
  code = token_transfer_confirmation_code (secret);

  g_assert_cmpstr (code, ==, "611AA0R7");
  g_assert_true (token_transfer_confirmation_matches (secret, "6iLa aOr7"));
  g_assert_true (token_transfer_confirmation_matches (secret, "611a-a0r7"));
  g_assert_true (token_transfer_confirmation_matches (secret, "６１１Ａ　Ａ０Ｒ７"));
  g_assert_false (token_transfer_confirmation_matches (secret, "611AA0R1"));
  g_assert_false (token_transfer_confirmation_matches (secret, "611AA0R7!"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transfer/round-trip", test_round_trip);
  g_test_add_func ("/transfer/round-trip-codes", test_round_trip_codes);
  g_test_add_func ("/transfer/fresh-randomness", test_fresh_randomness);
  g_test_add_func ("/transfer/default-cost", test_default_cost);
  g_test_add_func ("/transfer/wrong-passphrase", test_wrong_passphrase);
  g_test_add_func ("/transfer/passphrase-normalized", test_passphrase_normalized);
  g_test_add_func ("/transfer/documented-vector", test_documented_vector);

  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/transfer/malformed/", malformed_cases[i].name, NULL);

      g_test_add_data_func (path, &malformed_cases[i], test_malformed);
    }
  g_test_add_func ("/transfer/malformed/cut-at-every-offset", test_cut_at_every_offset);
  g_test_add_func ("/transfer/malformed/flip-every-header-bit", test_flip_every_header_bit);
  g_test_add_func ("/transfer/malformed/flip-body-bits", test_flip_body_bits);

  g_test_add_func ("/transfer/payload/good", test_payload_good);
  for (guint i = 0; i < G_N_ELEMENTS (payload_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/transfer/payload/", payload_cases[i].name, NULL);

      g_test_add_data_func (path, &payload_cases[i], test_payload_malformed);
    }
  g_test_add_func ("/transfer/payload/duplicate-id", test_payload_duplicate_id);
  g_test_add_func ("/transfer/payload/cut-at-every-offset", test_payload_cut);
  g_test_add_func ("/transfer/new-refuses", test_new_refuses);

  g_test_add_func ("/transfer/file/save-and-load", test_save_and_load);
  g_test_add_func ("/transfer/file/unwritable", test_save_unwritable);
  g_test_add_func ("/transfer/file/too-large", test_load_refuses_large_file);
  g_test_add_func ("/transfer/async/round-trip", test_async_round_trip);
  g_test_add_func ("/transfer/async/cancelled", test_async_cancelled);

  g_test_add_func ("/transfer/confirmation/code", test_confirmation_code);
  g_test_add_func ("/transfer/confirmation/lookalikes", test_confirmation_lookalikes);

  status = g_test_run ();
  g_clear_pointer (&the_good_file, g_bytes_unref);
  return status;
}
