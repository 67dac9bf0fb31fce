/* token-test-aegis.c: Aegis vaults encrypted the way Aegis encrypts them,
 * with OpenSSL, for the tests that read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include "token-aegis.h"
#include "token-test-aegis.h"

static char *
to_hex (const guint8 *data,
        gsize         size)
{
  char *hex = g_malloc (size * 2 + 1);

  for (gsize i = 0; i < size; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", data[i]);
  return hex;
}

static void
scrypt_key (const char   *password,
            const guint8 *salt,
            gsize         salt_size,
            guint64       n,
            guint8        key[32])
{
  EVP_KDF *kdf = EVP_KDF_fetch (NULL, "SCRYPT", NULL);
  EVP_KDF_CTX *context = EVP_KDF_CTX_new (kdf);
  uint32_t r = 8;
  uint32_t p = 1;
  OSSL_PARAM params[] = {
    OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_PASSWORD, (void *) password, strlen (password)),
    OSSL_PARAM_construct_octet_string (OSSL_KDF_PARAM_SALT, (void *) salt, salt_size),
    OSSL_PARAM_construct_uint64 (OSSL_KDF_PARAM_SCRYPT_N, &n),
    OSSL_PARAM_construct_uint32 (OSSL_KDF_PARAM_SCRYPT_R, &r),
    OSSL_PARAM_construct_uint32 (OSSL_KDF_PARAM_SCRYPT_P, &p),
    OSSL_PARAM_construct_end (),
  };

  g_assert_cmpint (EVP_KDF_derive (context, key, 32, params), ==, 1);
  EVP_KDF_CTX_free (context);
  EVP_KDF_free (kdf);
}

/* AES-256-GCM with a random nonce; the nonce and tag come back in hex. */
static guint8 *
gcm_seal (const guint8  key[32],
          const guint8 *plaintext,
          gsize         size,
          char        **nonce_hex,
          char        **tag_hex)
{
  EVP_CIPHER_CTX *context = EVP_CIPHER_CTX_new ();
  guint8 *ciphertext = g_malloc (size + 1);
  guint8 nonce[12];
  guint8 tag[16];
  int length = 0;

  g_assert_cmpint (RAND_bytes (nonce, sizeof nonce), ==, 1);
  g_assert_cmpint (EVP_EncryptInit_ex (context, EVP_aes_256_gcm (), NULL, key, nonce), ==, 1);
  g_assert_cmpint (EVP_EncryptUpdate (context, ciphertext, &length, plaintext, (int) size), ==, 1);
  g_assert_cmpint (EVP_EncryptFinal_ex (context, ciphertext + length, &length), ==, 1);
  g_assert_cmpint (EVP_CIPHER_CTX_ctrl (context, EVP_CTRL_GCM_GET_TAG, 16, tag), ==, 1);
  EVP_CIPHER_CTX_free (context);

  *nonce_hex = to_hex (nonce, sizeof nonce);
  *tag_hex = to_hex (tag, sizeof tag);
  return ciphertext;
}

static char *
password_slot (const char   *password,
               guint64       n,
               const guint8  master_key[32])
{
  guint8 salt[32];
  guint8 key[32];
  g_autofree char *salt_hex = NULL;
  g_autofree char *nonce_hex = NULL;
  g_autofree char *tag_hex = NULL;
  g_autofree char *sealed_hex = NULL;
  g_autofree guint8 *sealed = NULL;

  g_assert_cmpint (RAND_bytes (salt, sizeof salt), ==, 1);
  scrypt_key (password, salt, sizeof salt, n, key);
  sealed = gcm_seal (key, master_key, 32, &nonce_hex, &tag_hex);
  sealed_hex = to_hex (sealed, 32);
  salt_hex = to_hex (salt, sizeof salt);

  return g_strdup_printf ("{\"type\": 1, \"uuid\": \"4f5a37cf-3fa8-4b57-9b4f-21d3e05b7c0a\", "
                          "\"key\": \"%s\", \"key_params\": {\"nonce\": \"%s\", \"tag\": \"%s\"}, "
                          "\"n\": %" G_GUINT64_FORMAT ", \"r\": 8, \"p\": 1, \"salt\": \"%s\", "
                          "\"repaired\": true, \"is_backup\": false}",
                          sealed_hex, nonce_hex, tag_hex, n, salt_hex);
}

/* The “db” object of a plain vault, as text. */
static char *
plain_contents (GBytes *plain_vault)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (plain_vault, NULL),
                                             (gssize) g_bytes_get_size (plain_vault), NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  return json_to_string (json_object_get_member (root, "db"), FALSE);
}

/* An encrypted vault of @credentials: a biometric slot Aegis would have on a
 * phone, a slot for another password, then one for @password, stretched
 * with scrypt N = @n. @tamper changes the tag of the contents. */
GBytes *
token_test_aegis_encrypt (GPtrArray  *credentials,
                          const char *password,
                          guint64     n,
                          gboolean    tamper)
{
  g_autoptr(GBytes) plain = token_aegis_write (credentials, NULL);
  g_autofree char *contents = plain_contents (plain);
  g_autofree char *other_slot = NULL;
  g_autofree char *right_slot = NULL;
  g_autofree char *nonce_hex = NULL;
  g_autofree char *tag_hex = NULL;
  g_autofree guint8 *ciphertext = NULL;
  g_autofree char *db = NULL;
  guint8 master_key[32];
  char *vault;

  g_assert_cmpint (RAND_bytes (master_key, sizeof master_key), ==, 1);
  other_slot = password_slot ("another password", n, master_key);
  right_slot = password_slot (password, n, master_key);
  ciphertext = gcm_seal (master_key, (const guint8 *) contents, strlen (contents), &nonce_hex, &tag_hex);
  db = g_base64_encode (ciphertext, strlen (contents));
  if (tamper)
    tag_hex[0] = tag_hex[0] == '0' ? '1' : '0';

  vault = g_strdup_printf ("{\"version\": 1, \"header\": {\"slots\": ["
                           "{\"type\": 2, \"uuid\": \"x\", \"key\": \"00\", \"key_params\": null}, "
                           "%s, %s], \"params\": {\"nonce\": \"%s\", \"tag\": \"%s\"}}, "
                           "\"db\": \"%s\"}",
                           other_slot, right_slot, nonce_hex, tag_hex, db);
  return g_bytes_new_take (vault, strlen (vault));
}
