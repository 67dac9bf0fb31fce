/* token-exchange-crypto.c: the key derivations and ciphers of other apps'
 * encrypted exports, from OpenSSL
 *
 * Each caller bounds what it reads from a file (salt sizes, iteration
 * counts) before calling here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <openssl/evp.h>

#include "token-exchange-crypto.h"
#include "token-secure.h"

/* Fills @key from @password with PBKDF2-HMAC-SHA256. */
gboolean
token_exchange_pbkdf2_sha256 (const char *password,
                              GBytes     *salt,
                              guint       iterations,
                              guint8     *key,
                              gsize       key_size)
{
  gsize salt_size;
  const guint8 *salt_data = g_bytes_get_data (salt, &salt_size);

  g_return_val_if_fail (password != NULL && key != NULL, FALSE);

  if (salt_size > G_MAXINT || key_size > G_MAXINT || iterations == 0 || iterations > G_MAXINT)
    return FALSE;

  return PKCS5_PBKDF2_HMAC (password, (int) strlen (password), salt_data, (int) salt_size,
                            (int) iterations, EVP_sha256 (), (int) key_size, key) == 1;
}

static const EVP_CIPHER *
gcm_cipher (gsize key_size)
{
  switch (key_size)
    {
    case 16:
      return EVP_aes_128_gcm ();
    case 32:
      return EVP_aes_256_gcm ();
    default:
      return NULL;
    }
}

/**
 * token_exchange_aes_gcm_decrypt:
 * @sealed: the ciphertext followed by its 16-byte tag
 *
 * Returns: (transfer full) (nullable): the plaintext, in a buffer wiped
 *   when freed, or %NULL when the tag does not match (a wrong key or a
 *   damaged input)
 */
GBytes *
token_exchange_aes_gcm_decrypt (const guint8 *key,
                                gsize         key_size,
                                GBytes       *iv,
                                GBytes       *sealed)
{
  const EVP_CIPHER *cipher = gcm_cipher (key_size);
  g_autoptr(GBytes) plaintext = NULL;
  gsize iv_size, sealed_size, size;
  const guint8 *iv_data = g_bytes_get_data (iv, &iv_size);
  const guint8 *data = g_bytes_get_data (sealed, &sealed_size);
  EVP_CIPHER_CTX *context;
  guint8 *out;
  int length = 0;
  int final_length = 0;
  gboolean ok;

  if (cipher == NULL || iv_size == 0 || iv_size > 64
      || sealed_size < TOKEN_EXCHANGE_GCM_TAG_BYTES || sealed_size > G_MAXINT)
    return NULL;

  size = sealed_size - TOKEN_EXCHANGE_GCM_TAG_BYTES;
  out = g_malloc (size + 1);
  plaintext = token_secure_bytes_new_take (out, size);

  context = EVP_CIPHER_CTX_new ();
  ok = context != NULL
       && EVP_DecryptInit_ex (context, cipher, NULL, NULL, NULL) == 1
       && EVP_CIPHER_CTX_ctrl (context, EVP_CTRL_GCM_SET_IVLEN, (int) iv_size, NULL) == 1
       && EVP_DecryptInit_ex (context, NULL, NULL, key, iv_data) == 1
       && EVP_DecryptUpdate (context, out, &length, data, (int) size) == 1
       && EVP_CIPHER_CTX_ctrl (context, EVP_CTRL_GCM_SET_TAG, TOKEN_EXCHANGE_GCM_TAG_BYTES,
                               (void *) (data + size)) == 1
       && EVP_DecryptFinal_ex (context, out + length, &final_length) == 1;
  EVP_CIPHER_CTX_free (context);

  return ok ? g_steal_pointer (&plaintext) : NULL;
}
