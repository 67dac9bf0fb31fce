/* token-transfer.c
 *
 * A move of tokens to a new device: the tokens, a random transfer ID and a
 * random confirmation secret, sealed in a file with a passphrase.
 *
 *   header (44 bytes, all of it associated data) | ciphertext | GCM tag (16)
 *
 * Everything that can be checked without the passphrase is checked before
 * the key is derived, so a file that is not ours, or one that asks for an
 * absurd amount of work, costs nothing. The layout and the order of the
 * checks are those of docs/transfer-format.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "token-atomic-file.h"
#include "token-error.h"
#include "token-passphrase.h"
#include "token-secure.h"
#include "token-transfer-private.h"

static const guint8 magic[8] = { 'S', 'O', 'F', 'T', 'X', 'F', 'E', 'R' };

#define FORMAT_VERSION   1
#define SCRYPT_R         8
#define SCRYPT_P         1
#define SALT_BYTES       16
#define NONCE_BYTES      12
#define KEY_BYTES        TOKEN_TRANSFER_KEY_BYTES
#define TAG_BYTES        16

enum {
  OFFSET_MAGIC             = 0,
  OFFSET_VERSION           = 8,
  OFFSET_COST              = 9,
  OFFSET_R                 = 10,
  OFFSET_P                 = 11,
  OFFSET_SALT              = 12,
  OFFSET_NONCE             = 28,
  OFFSET_CIPHERTEXT_LENGTH = 40,
  HEADER_BYTES             = 44,
};

/* The smallest payload: IDs, the count, and one credential with a
 * one-byte Credential ID and the shortest secret. */
#define MIN_PAYLOAD_BYTES (TOKEN_TRANSFER_ID_BYTES + TOKEN_TRANSFER_CONFIRMATION_SECRET_BYTES \
                           + 2 + 40)
#define MAX_PAYLOAD_BYTES (TOKEN_TRANSFER_MAX_FILE_SIZE - HEADER_BYTES - TAG_BYTES)

static const char confirmation_context[] = "Soft Token confirmation code v1";
/* Crockford's base32: no I, L, O or U. */
static const char confirmation_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

struct _TokenTransfer
{
  GObject    parent_instance;

  GPtrArray *credentials;
  guint8     id[TOKEN_TRANSFER_ID_BYTES];
  char      *id_text;
  GBytes    *confirmation_secret;
};

G_DEFINE_FINAL_TYPE (TokenTransfer, token_transfer, G_TYPE_OBJECT)

static guint kdf_calls;

/* Source tags of the tasks (ISO C has no function-to-data pointer cast). */
static char save_task[] = "token_transfer_save_async";
static char load_task[] = "token_transfer_load_async";

static void
token_transfer_finalize (GObject *object)
{
  TokenTransfer *self = (TokenTransfer *) object;

  g_clear_pointer (&self->credentials, g_ptr_array_unref);
  g_clear_pointer (&self->id_text, g_free);
  g_clear_pointer (&self->confirmation_secret, g_bytes_unref);

  G_OBJECT_CLASS (token_transfer_parent_class)->finalize (object);
}

static void
token_transfer_class_init (TokenTransferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = token_transfer_finalize;
}

static void
token_transfer_init (TokenTransfer *self)
{
}

static void
random_bytes (guint8 *buffer,
              gsize   size)
{
  if (RAND_bytes (buffer, (int) size) != 1)
    g_error ("The system random number generator failed");
}

TokenTransfer *
token_transfer_new_from_parts (GPtrArray    *credentials,
                               const guint8  transfer_id[TOKEN_TRANSFER_ID_BYTES],
                               GBytes       *confirmation_secret)
{
  TokenTransfer *self;

  g_return_val_if_fail (credentials != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (confirmation_secret) == TOKEN_TRANSFER_CONFIRMATION_SECRET_BYTES, NULL);

  self = g_object_new (TOKEN_TYPE_TRANSFER, NULL);
  self->credentials = g_ptr_array_ref (credentials);
  memcpy (self->id, transfer_id, TOKEN_TRANSFER_ID_BYTES);
  self->id_text = g_malloc (TOKEN_TRANSFER_ID_BYTES * 2 + 1);
  for (guint i = 0; i < TOKEN_TRANSFER_ID_BYTES; i++)
    g_snprintf (self->id_text + 2 * i, 3, "%02x", self->id[i]);
  self->confirmation_secret = g_bytes_ref (confirmation_secret);

  return self;
}

/**
 * token_transfer_new:
 * @credentials: (element-type TokenCredential): the tokens to move, at
 *   least one; the transfer keeps copies
 *
 * A new move: a random transfer ID and confirmation secret. Fails when a
 * token cannot be written to a transfer file (see
 * token_transfer_check_credentials()).
 */
TokenTransfer *
token_transfer_new (GPtrArray  *credentials,
                    GError    **error)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GBytes) confirmation_secret = NULL;
  guint8 transfer_id[TOKEN_TRANSFER_ID_BYTES];
  guint8 *secret;

  g_return_val_if_fail (credentials != NULL && credentials->len > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!token_transfer_check_credentials (credentials, error))
    return NULL;

  copies = g_ptr_array_new_full (credentials->len, g_object_unref);
  for (guint i = 0; i < credentials->len; i++)
    g_ptr_array_add (copies, token_credential_copy (g_ptr_array_index (credentials, i)));

  random_bytes (transfer_id, sizeof transfer_id);
  secret = g_malloc (TOKEN_TRANSFER_CONFIRMATION_SECRET_BYTES);
  random_bytes (secret, TOKEN_TRANSFER_CONFIRMATION_SECRET_BYTES);
  confirmation_secret = token_secure_bytes_new_take (secret, TOKEN_TRANSFER_CONFIRMATION_SECRET_BYTES);

  return token_transfer_new_from_parts (copies, transfer_id, confirmation_secret);
}

/**
 * token_transfer_get_credentials:
 *
 * Returns: (transfer none) (element-type TokenCredential): the tokens, in
 *   the order they were given to the writer
 */
GPtrArray *
token_transfer_get_credentials (TokenTransfer *self)
{
  g_return_val_if_fail (TOKEN_IS_TRANSFER (self), NULL);

  return self->credentials;
}

/* The transfer ID in 32 lowercase hexadecimal digits: not secret. */
const char *
token_transfer_get_id (TokenTransfer *self)
{
  g_return_val_if_fail (TOKEN_IS_TRANSFER (self), NULL);

  return self->id_text;
}

/**
 * token_transfer_get_confirmation_secret:
 *
 * What the old device keeps with the pending move, to check the code the
 * new device shows. Secret: keep it where the seeds are kept.
 *
 * Returns: (transfer none): 32 bytes that wipe themselves
 */
GBytes *
token_transfer_get_confirmation_secret (TokenTransfer *self)
{
  g_return_val_if_fail (TOKEN_IS_TRANSFER (self), NULL);

  return self->confirmation_secret;
}

/* The code the new device shows after the import. */
char *
token_transfer_dup_confirmation_code (TokenTransfer *self)
{
  g_return_val_if_fail (TOKEN_IS_TRANSFER (self), NULL);

  return token_transfer_confirmation_code (self->confirmation_secret);
}

guint
token_transfer_get_kdf_calls (void)
{
  return g_atomic_int_get (&kdf_calls);
}

/* The header */

static guint32
read_uint32_be (const guint8 *data)
{
  return ((guint32) data[0] << 24) | ((guint32) data[1] << 16)
       | ((guint32) data[2] << 8) | (guint32) data[3];
}

static void
write_uint32_be (guint8  *data,
                 guint32  value)
{
  data[0] = (guint8) (value >> 24);
  data[1] = (guint8) (value >> 16);
  data[2] = (guint8) (value >> 8);
  data[3] = (guint8) value;
}

static gboolean
file_damaged (GError **error)
{
  g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                       _("The transfer file is incomplete or damaged"));
  return FALSE;
}

static gboolean
check_magic (const guint8  *data,
             gsize          size,
             GError       **error)
{
  gsize compared = MIN (size, sizeof magic);

  if (size > 0 && memcmp (data, magic, compared) == 0)
    return compared == sizeof magic ? TRUE : file_damaged (error);

  g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_NOT_A_TRANSFER_FILE,
                       _("This is not a Soft Token transfer file"));
  return FALSE;
}

static gboolean
check_version (const guint8  *data,
               gsize          size,
               GError       **error)
{
  if (size <= OFFSET_VERSION)
    return file_damaged (error);

  if (data[OFFSET_VERSION] != FORMAT_VERSION)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_VERSION,
                   _("The transfer file has format version %u, which this version of Soft Token cannot read"),
                   data[OFFSET_VERSION]);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_parameters (const guint8  *data,
                  GError       **error)
{
  guint cost = data[OFFSET_COST];

  if (cost < TOKEN_TRANSFER_MIN_COST || cost > TOKEN_TRANSFER_MAX_COST
      || data[OFFSET_R] != SCRYPT_R || data[OFFSET_P] != SCRYPT_P)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PARAMETERS,
                           _("The transfer file asks for key derivation settings that Soft Token does not allow"));
      return FALSE;
    }

  return TRUE;
}

/**
 * token_transfer_check_header:
 * @file: the whole file
 *
 * Checks everything that can be checked without the passphrase: size,
 * magic, version, key derivation parameters, lengths. The import wizard
 * calls it when a file is chosen; token_transfer_decrypt() calls it first.
 */
gboolean
token_transfer_check_header (GBytes  *file,
                             GError **error)
{
  const guint8 *data;
  gsize size;
  guint32 ciphertext_length;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (file, &size);

  if (size > TOKEN_TRANSFER_MAX_FILE_SIZE)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("The file is too large to be a transfer file (at most %u KiB)"),
                   TOKEN_TRANSFER_MAX_FILE_SIZE / 1024);
      return FALSE;
    }

  if (!check_magic (data, size, error) || !check_version (data, size, error))
    return FALSE;

  if (size < HEADER_BYTES)
    return file_damaged (error);

  if (!check_parameters (data, error))
    return FALSE;

  ciphertext_length = read_uint32_be (data + OFFSET_CIPHERTEXT_LENGTH);
  if (ciphertext_length < MIN_PAYLOAD_BYTES || ciphertext_length > MAX_PAYLOAD_BYTES
      || size != HEADER_BYTES + (gsize) ciphertext_length + TAG_BYTES)
    return file_damaged (error);

  return TRUE;
}

/* The key */

static gboolean
crypto_failed (GError **error)
{
  g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_CRYPTO,
                       _("The encryption library failed"));
  return FALSE;
}

/* What OpenSSL's scrypt allocates for these parameters, plus a margin. */
static guint64
scrypt_max_memory (guint cost)
{
  guint64 n = G_GUINT64_CONSTANT (1) << cost;

  return 128 * SCRYPT_R * (n + 2) + 128 * SCRYPT_R * SCRYPT_P + 1024 * 1024;
}

static gboolean
derive_key (const char    *passphrase,
            const guint8  *salt,
            guint          cost,
            guint8         key[KEY_BYTES],
            GError       **error)
{
  g_autoptr(TokenSecureString) normalized = token_passphrase_normalize (passphrase);
  EVP_KDF *kdf;
  EVP_KDF_CTX *ctx = NULL;
  OSSL_PARAM params[7];
  uint64_t n = G_GUINT64_CONSTANT (1) << cost;
  uint32_t r = SCRYPT_R, p = SCRYPT_P;
  uint64_t max_memory = scrypt_max_memory (cost);
  gboolean derived;

  g_atomic_int_inc (&kdf_calls);

  if (normalized == NULL)
    return crypto_failed (error);

  params[0] = OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_PASSWORD, normalized, strlen (normalized));
  params[1] = OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_SALT, (guint8 *) salt, SALT_BYTES);
  params[2] = OSSL_PARAM_construct_uint64 (OSSL_KDF_PARAM_SCRYPT_N, &n);
  params[3] = OSSL_PARAM_construct_uint32 (OSSL_KDF_PARAM_SCRYPT_R, &r);
  params[4] = OSSL_PARAM_construct_uint32 (OSSL_KDF_PARAM_SCRYPT_P, &p);
  params[5] = OSSL_PARAM_construct_uint64 (OSSL_KDF_PARAM_SCRYPT_MAXMEM, &max_memory);
  params[6] = OSSL_PARAM_construct_end ();

  kdf = EVP_KDF_fetch (NULL, OSSL_KDF_NAME_SCRYPT, NULL);
  if (kdf != NULL)
    ctx = EVP_KDF_CTX_new (kdf);
  derived = ctx != NULL && EVP_KDF_derive (ctx, key, KEY_BYTES, params) == 1;
  EVP_KDF_CTX_free (ctx);
  EVP_KDF_free (kdf);

  if (!derived)
    {
      token_secure_wipe (key, KEY_BYTES);
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_CRYPTO,
                           _("The key could not be derived from the passphrase; the computer may lack memory"));
    }
  return derived;
}

/* AES-256-GCM */

static EVP_CIPHER_CTX *
cipher_start (const guint8  key[KEY_BYTES],
              const guint8 *nonce,
              const guint8 *header,
              gboolean      encrypt)
{
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new ();
  int length;

  if (ctx == NULL)
    return NULL;

  if (EVP_CipherInit_ex (ctx, EVP_aes_256_gcm (), NULL, NULL, NULL, encrypt) != 1
      || EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_SET_IVLEN, NONCE_BYTES, NULL) != 1
      || EVP_CipherInit_ex (ctx, NULL, NULL, key, nonce, encrypt) != 1
      || EVP_CipherUpdate (ctx, NULL, &length, header, HEADER_BYTES) != 1)
    {
      EVP_CIPHER_CTX_free (ctx);
      return NULL;
    }

  return ctx;
}

/* Fills in the ciphertext and tag after the header already in @file. */
static gboolean
seal (guint8        *file,
      const guint8   key[KEY_BYTES],
      GBytes        *payload)
{
  gsize size;
  const guint8 *plaintext = g_bytes_get_data (payload, &size);
  guint8 *ciphertext = file + HEADER_BYTES;
  EVP_CIPHER_CTX *ctx;
  int length = 0, final_length = 0;
  gboolean sealed;

  if ((ctx = cipher_start (key, file + OFFSET_NONCE, file, TRUE)) == NULL)
    return FALSE;

  sealed = EVP_CipherUpdate (ctx, ciphertext, &length, plaintext, (int) size) == 1
        && EVP_CipherFinal_ex (ctx, ciphertext + length, &final_length) == 1
        && (gsize) (length + final_length) == size
        && EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_GET_TAG, TAG_BYTES, ciphertext + size) == 1;

  EVP_CIPHER_CTX_free (ctx);
  return sealed;
}

/* Returns the plaintext only when the tag is right; wiped otherwise. */
static GBytes *
open_sealed (const guint8  *file,
             gsize          ciphertext_length,
             const guint8   key[KEY_BYTES])
{
  const guint8 *ciphertext = file + HEADER_BYTES;
  guint8 *plaintext = g_malloc (ciphertext_length);
  guint8 tag[TAG_BYTES];
  EVP_CIPHER_CTX *ctx;
  int length = 0, final_length = 0;
  gboolean opened = FALSE;

  memcpy (tag, ciphertext + ciphertext_length, TAG_BYTES);
  if ((ctx = cipher_start (key, file + OFFSET_NONCE, file, FALSE)) != NULL)
    {
      opened = EVP_CipherUpdate (ctx, plaintext, &length, ciphertext, (int) ciphertext_length) == 1
            && EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_SET_TAG, TAG_BYTES, tag) == 1
            && EVP_CipherFinal_ex (ctx, plaintext + length, &final_length) == 1
            && (gsize) (length + final_length) == ciphertext_length;
      EVP_CIPHER_CTX_free (ctx);
    }

  if (!opened)
    {
      token_secure_wipe (plaintext, ciphertext_length);
      g_free (plaintext);
      return NULL;
    }

  return token_secure_bytes_new_take (plaintext, ciphertext_length);
}

/**
 * token_transfer_encrypt:
 * @passphrase: UTF-8; check a passphrase the user chose with
 *   token_passphrase_check() first
 * @cost: log2 of scrypt's N, from %TOKEN_TRANSFER_MIN_COST to
 *   %TOKEN_TRANSFER_MAX_COST; %TOKEN_TRANSFER_DEFAULT_COST for real files
 *
 * Runs the key derivation: a fraction of a second to seconds, so call it
 * from a worker thread (token_transfer_save_async() does).
 *
 * Returns: (transfer full): the whole file
 */
GBytes *
token_transfer_encrypt (TokenTransfer  *self,
                        const char     *passphrase,
                        guint           cost,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(GBytes) payload = NULL;
  g_autofree guint8 *file = NULL;
  guint8 key[KEY_BYTES];
  gsize payload_size, file_size;
  gboolean sealed;

  g_return_val_if_fail (TOKEN_IS_TRANSFER (self), NULL);
  g_return_val_if_fail (passphrase != NULL && *passphrase != '\0', NULL);
  g_return_val_if_fail (g_utf8_validate (passphrase, -1, NULL), NULL);
  g_return_val_if_fail (cost >= TOKEN_TRANSFER_MIN_COST && cost <= TOKEN_TRANSFER_MAX_COST, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  payload = token_transfer_payload_write (self->credentials, self->id, self->confirmation_secret);
  payload_size = g_bytes_get_size (payload);
  g_assert (payload_size >= MIN_PAYLOAD_BYTES && payload_size <= MAX_PAYLOAD_BYTES);

  file_size = HEADER_BYTES + payload_size + TAG_BYTES;
  file = g_malloc (file_size);
  memcpy (file + OFFSET_MAGIC, magic, sizeof magic);
  file[OFFSET_VERSION] = FORMAT_VERSION;
  file[OFFSET_COST] = (guint8) cost;
  file[OFFSET_R] = SCRYPT_R;
  file[OFFSET_P] = SCRYPT_P;
  random_bytes (file + OFFSET_SALT, SALT_BYTES);
  random_bytes (file + OFFSET_NONCE, NONCE_BYTES);
  write_uint32_be (file + OFFSET_CIPHERTEXT_LENGTH, (guint32) payload_size);

  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !derive_key (passphrase, file + OFFSET_SALT, cost, key, error))
    return NULL;

  sealed = seal (file, key, payload);
  token_secure_wipe (key, sizeof key);
  if (!sealed)
    {
      crypto_failed (error);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&file), file_size);
}

static void
bad_passphrase (GError **error)
{
  g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE,
                       _("Wrong passphrase or damaged file"));
}

/**
 * token_transfer_decrypt:
 * @file: the whole file
 * @passphrase: as typed, UTF-8
 *
 * Refuses a file whose header is wrong before deriving any key (see
 * token_transfer_check_header()). A wrong passphrase and a damaged
 * ciphertext are the same failure, %TOKEN_ERROR_BAD_PASSPHRASE, and no
 * plaintext is kept. Runs the key derivation: call it from a worker thread.
 *
 * Returns: (transfer full): the move the file holds
 */
TokenTransfer *
token_transfer_decrypt (GBytes        *file,
                        const char    *passphrase,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(TokenTransfer) transfer = NULL;
  guint8 key[KEY_BYTES];
  const guint8 *data;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!token_transfer_check_header (file, error))
    return NULL;

  if (!g_utf8_validate (passphrase, -1, NULL))
    {
      bad_passphrase (error);
      return NULL;
    }

  data = g_bytes_get_data (file, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !derive_key (passphrase, data + OFFSET_SALT, data[OFFSET_COST], key, error))
    return NULL;

  transfer = token_transfer_decrypt_with_key (file, key, error);
  token_secure_wipe (key, sizeof key);

  if (transfer == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&transfer);
}

/* token_transfer_decrypt() after the key derivation: fuzz targets use it
 * with a fixed key, since the KDF would make each run take milliseconds. */
TokenTransfer *
token_transfer_decrypt_with_key (GBytes        *file,
                                 const guint8   key[TOKEN_TRANSFER_KEY_BYTES],
                                 GError       **error)
{
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(GBytes) confirmation_secret = NULL;
  guint8 transfer_id[TOKEN_TRANSFER_ID_BYTES];
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!token_transfer_check_header (file, error))
    return NULL;

  data = g_bytes_get_data (file, &size);
  payload = open_sealed (data, size - HEADER_BYTES - TAG_BYTES, key);
  if (payload == NULL)
    {
      bad_passphrase (error);
      return NULL;
    }

  if (!token_transfer_payload_read (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                                    &credentials, transfer_id, &confirmation_secret, error))
    return NULL;

  return token_transfer_new_from_parts (credentials, transfer_id, confirmation_secret);
}

/* Files */

/**
 * token_transfer_save:
 * @destination: a local file; replaced atomically, mode 0600
 *
 * Encrypts and writes. On any failure or cancellation before the file is
 * complete, nothing is left: no partial file, no temporary file, and an
 * existing @destination is untouched.
 */
gboolean
token_transfer_save (TokenTransfer  *self,
                     const char     *passphrase,
                     guint           cost,
                     GFile          *destination,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (TOKEN_IS_TRANSFER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  contents = token_transfer_encrypt (self, passphrase, cost, cancellable, error);
  if (contents == NULL)
    return FALSE;

  return token_atomic_file_write (destination, contents, cancellable, error);
}

/**
 * token_transfer_read_file:
 *
 * Reads a transfer file, refusing one over %TOKEN_TRANSFER_MAX_FILE_SIZE
 * without reading it all, and checks its header.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
token_transfer_read_file (GFile         *file,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree guint8 *buffer = NULL;
  gsize size = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* One byte more than allowed, so that an oversized file is recognised. */
  buffer = g_malloc (TOKEN_TRANSFER_MAX_FILE_SIZE + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, TOKEN_TRANSFER_MAX_FILE_SIZE + 1,
                                &size, cancellable, error))
    return NULL;

  contents = g_bytes_new_take (g_realloc (g_steal_pointer (&buffer), MAX (size, 1)), size);
  if (!token_transfer_check_header (contents, error))
    return NULL;

  return g_steal_pointer (&contents);
}

TokenTransfer *
token_transfer_load (GFile         *file,
                     const char    *passphrase,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  contents = token_transfer_read_file (file, cancellable, error);
  if (contents == NULL)
    return NULL;

  return token_transfer_decrypt (contents, passphrase, cancellable, error);
}

/* Async */

typedef struct
{
  char  *passphrase;
  guint  cost;
  GFile *file;
} TaskData;

static void
task_data_free (TaskData *data)
{
  token_secure_string_free (data->passphrase);
  g_clear_object (&data->file);
  g_free (data);
}

static TaskData *
task_data_new (const char *passphrase,
               guint       cost,
               GFile      *file)
{
  TaskData *data = g_new0 (TaskData, 1);

  data->passphrase = g_strdup (passphrase);
  data->cost = cost;
  data->file = g_object_ref (file);
  return data;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;

  if (token_transfer_save (source_object, data->passphrase, data->cost, data->file,
                           cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * token_transfer_save_async:
 *
 * token_transfer_save() in a worker thread. The passphrase is copied and
 * wiped when the task ends. Cancelling before the file is renamed into
 * place leaves nothing; once it is in place the save is reported as done,
 * since it is.
 */
void
token_transfer_save_async (TokenTransfer       *self,
                           const char          *passphrase,
                           guint                cost,
                           GFile               *destination,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TOKEN_IS_TRANSFER (self));
  g_return_if_fail (passphrase != NULL && *passphrase != '\0');
  g_return_if_fail (g_utf8_validate (passphrase, -1, NULL));
  g_return_if_fail (cost >= TOKEN_TRANSFER_MIN_COST && cost <= TOKEN_TRANSFER_MAX_COST);
  g_return_if_fail (G_IS_FILE (destination));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, save_task);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, task_data_new (passphrase, cost, destination),
                        (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
token_transfer_save_finish (TokenTransfer  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == save_task, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  TokenTransfer *transfer;

  transfer = token_transfer_load (data->file, data->passphrase, cancellable, &error);
  if (transfer != NULL)
    g_task_return_pointer (task, transfer, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* token_transfer_load() in a worker thread; cancelled, it returns
 * G_IO_ERROR_CANCELLED and keeps nothing. */
void
token_transfer_load_async (GFile               *file,
                           const char          *passphrase,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, load_task);
  g_task_set_task_data (task, task_data_new (passphrase, 0, file),
                        (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, load_thread);
}

TokenTransfer *
token_transfer_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == load_task, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The confirmation code */

/**
 * token_transfer_confirmation_code:
 * @confirmation_secret: the 32 bytes from the transfer
 *
 * The first 40 bits of HMAC-SHA256 (key: the secret, message: a fixed
 * context string), in eight characters of Crockford's base32.
 *
 * Returns: (transfer full): eight characters, such as "7KQ2M9XD"
 */
char *
token_transfer_confirmation_code (GBytes *confirmation_secret)
{
  guint8 mac[EVP_MAX_MD_SIZE];
  size_t mac_length = 0;
  guint64 bits = 0;
  char *code;
  gsize size;
  const guint8 *secret;

  g_return_val_if_fail (confirmation_secret != NULL, NULL);

  secret = g_bytes_get_data (confirmation_secret, &size);
  if (EVP_Q_mac (NULL, OSSL_MAC_NAME_HMAC, NULL, "SHA256", NULL, secret, size,
                 (const guint8 *) confirmation_context, strlen (confirmation_context),
                 mac, sizeof mac, &mac_length) == NULL)
    g_error ("HMAC-SHA256 failed");

  for (guint i = 0; i < 5; i++)
    bits = (bits << 8) | mac[i];

  code = g_malloc (TOKEN_TRANSFER_CONFIRMATION_LENGTH + 1);
  for (guint i = 0; i < TOKEN_TRANSFER_CONFIRMATION_LENGTH; i++)
    code[i] = confirmation_alphabet[(bits >> (35 - 5 * i)) & 0x1f];
  code[TOKEN_TRANSFER_CONFIRMATION_LENGTH] = '\0';

  return code;
}

/* Uppercase, without spaces and hyphens, with the letters Crockford's
 * base32 leaves out read as the digits they look like, and full-width
 * forms (from an input method) read as ASCII. */
static gboolean
normalize_typed_code (const char *typed,
                      char        code[TOKEN_TRANSFER_CONFIRMATION_LENGTH + 1])
{
  g_autofree char *ascii = NULL;
  gsize length = 0;

  if (!g_utf8_validate (typed, -1, NULL))
    return FALSE;
  ascii = g_utf8_normalize (typed, -1, G_NORMALIZE_NFKC);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == ' ' || c == '-' || c == '\t')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';

      if (length == TOKEN_TRANSFER_CONFIRMATION_LENGTH || strchr (confirmation_alphabet, c) == NULL)
        return FALSE;
      code[length++] = c;
    }
  code[length] = '\0';

  return length == TOKEN_TRANSFER_CONFIRMATION_LENGTH;
}

/**
 * token_transfer_confirmation_matches:
 * @confirmation_secret: what the old device kept with the pending move
 * @typed_code: what the user typed: case, spaces, hyphens and full-width
 *   forms do not matter
 *
 * Compared in constant time.
 */
gboolean
token_transfer_confirmation_matches (GBytes     *confirmation_secret,
                                     const char *typed_code)
{
  g_autofree char *expected = NULL;
  char typed[TOKEN_TRANSFER_CONFIRMATION_LENGTH + 1];

  g_return_val_if_fail (confirmation_secret != NULL, FALSE);
  g_return_val_if_fail (typed_code != NULL, FALSE);

  if (!normalize_typed_code (typed_code, typed))
    return FALSE;

  expected = token_transfer_confirmation_code (confirmation_secret);
  return CRYPTO_memcmp (expected, typed, TOKEN_TRANSFER_CONFIRMATION_LENGTH) == 0;
}
