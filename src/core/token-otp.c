/* token-otp.c
 *
 * The HMAC goes through OpenSSL's EVP_MAC. Fetching the MAC and the digest
 * is far more expensive than computing one code, so each thread keeps one
 * ready context per algorithm. The context also remembers the last key:
 * a token shows many codes in a row, and keying an HMAC costs as much as
 * computing it, so the same key is not set again. The copy of the key that
 * makes that comparison possible is wiped when the thread ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "token-error.h"
#include "token-otp.h"
#include "token-secure.h"

#define N_ALGORITHMS 3

static const char * const algorithm_names[N_ALGORITHMS] = { "SHA1", "SHA256", "SHA512" };

/* Longer keys are hashed by HMAC anyway; they are simply not remembered. */
#define MAX_REMEMBERED_KEY 128

typedef struct
{
  EVP_MAC_CTX *ctx;
  gsize        key_len;
  guint8       key[MAX_REMEMBERED_KEY];
} MacContext;

static void mac_context_free (gpointer data);

static GPrivate mac_contexts[N_ALGORITHMS] = {
  G_PRIVATE_INIT (mac_context_free),
  G_PRIVATE_INIT (mac_context_free),
  G_PRIVATE_INIT (mac_context_free),
};

const char *
token_algorithm_to_string (TokenAlgorithm algorithm)
{
  g_return_val_if_fail (algorithm < N_ALGORITHMS, NULL);

  return algorithm_names[algorithm];
}

/* Accepts the spellings seen in the wild: "SHA1", "sha256", "SHA-512". */
gboolean
token_algorithm_from_string (const char     *name,
                             TokenAlgorithm *algorithm)
{
  g_autofree char *compact = NULL;
  char *dash;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (algorithm != NULL, FALSE);

  compact = g_ascii_strup (name, -1);
  if ((dash = strchr (compact, '-')) != NULL)
    memmove (dash, dash + 1, strlen (dash));

  for (guint i = 0; i < N_ALGORITHMS; i++)
    {
      if (g_str_equal (compact, algorithm_names[i]))
        {
          *algorithm = (TokenAlgorithm) i;
          return TRUE;
        }
    }

  return FALSE;
}

static EVP_MAC *
hmac_get (void)
{
  static gsize initialized = 0;
  static EVP_MAC *hmac = NULL;

  if (g_once_init_enter (&initialized))
    {
      hmac = EVP_MAC_fetch (NULL, OSSL_MAC_NAME_HMAC, NULL);
      g_once_init_leave (&initialized, 1);
    }

  return hmac;
}

static void
mac_context_forget_key (MacContext *mac)
{
  token_secure_wipe (mac->key, mac->key_len);
  mac->key_len = 0;
}

static void
mac_context_free (gpointer data)
{
  MacContext *mac = data;

  mac_context_forget_key (mac);
  EVP_MAC_CTX_free (mac->ctx);
  g_free (mac);
}

static MacContext *
mac_context_get (TokenAlgorithm algorithm)
{
  MacContext *mac = g_private_get (&mac_contexts[algorithm]);
  OSSL_PARAM params[2];
  EVP_MAC_CTX *ctx;
  EVP_MAC *hmac;

  if (mac != NULL)
    return mac;

  if ((hmac = hmac_get ()) == NULL || (ctx = EVP_MAC_CTX_new (hmac)) == NULL)
    return NULL;

  params[0] = OSSL_PARAM_construct_utf8_string (OSSL_MAC_PARAM_DIGEST,
                                                (char *) algorithm_names[algorithm], 0);
  params[1] = OSSL_PARAM_construct_end ();
  if (!EVP_MAC_CTX_set_params (ctx, params))
    {
      EVP_MAC_CTX_free (ctx);
      return NULL;
    }

  mac = g_new0 (MacContext, 1);
  mac->ctx = ctx;
  g_private_set (&mac_contexts[algorithm], mac);
  return mac;
}

/* Starts an HMAC with @key, keying the context only when the key changed. */
static gboolean
mac_context_start (MacContext   *mac,
                   const guint8 *key,
                   gsize         key_len)
{
  if (mac->key_len == key_len && CRYPTO_memcmp (mac->key, key, key_len) == 0)
    return EVP_MAC_init (mac->ctx, NULL, 0, NULL);

  mac_context_forget_key (mac);
  if (!EVP_MAC_init (mac->ctx, key, key_len, NULL))
    return FALSE;

  if (key_len <= MAX_REMEMBERED_KEY)
    {
      memcpy (mac->key, key, key_len);
      mac->key_len = key_len;
    }
  return TRUE;
}

static guint32
power_of_ten (guint digits)
{
  guint32 result = 1;

  while (digits-- > 0)
    result *= 10;

  return result;
}

/* RFC 4226, section 5.3: dynamic truncation of the HMAC. */
static guint32
dynamic_truncate (const guint8 *mac,
                  gsize         mac_len)
{
  guint offset = mac[mac_len - 1] & 0x0f;

  return ((guint32) (mac[offset] & 0x7f) << 24)
       | ((guint32) mac[offset + 1] << 16)
       | ((guint32) mac[offset + 2] << 8)
       | (guint32) mac[offset + 3];
}

gboolean
token_hotp (TokenAlgorithm   algorithm,
            GBytes          *key,
            guint64          counter,
            guint            digits,
            guint32         *code,
            GError         **error)
{
  guint8 message[8];
  guint8 digest[EVP_MAX_MD_SIZE];
  gsize digest_len = 0;
  const guint8 *key_data;
  gsize key_len;
  MacContext *mac;
  gboolean ok;

  g_return_val_if_fail (algorithm < N_ALGORITHMS, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (digits >= TOKEN_MIN_DIGITS && digits <= TOKEN_MAX_DIGITS, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key_data = g_bytes_get_data (key, &key_len);

  /* EVP_MAC_init() keeps the previous key when given none. */
  if (key_data == NULL || key_len == 0)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_MISSING_SECRET,
                           _("The secret is empty"));
      return FALSE;
    }

  for (int i = 7; i >= 0; i--)
    {
      message[i] = (guint8) (counter & 0xff);
      counter >>= 8;
    }

  mac = mac_context_get (algorithm);
  ok = mac != NULL
    && mac_context_start (mac, key_data, key_len)
    && EVP_MAC_update (mac->ctx, message, sizeof message)
    && EVP_MAC_final (mac->ctx, digest, &digest_len, sizeof digest)
    && digest_len >= 20;

  if (ok)
    *code = dynamic_truncate (digest, digest_len) % power_of_ten (digits);
  else
    g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_CRYPTO,
                 _("The cryptographic library could not compute an HMAC-%s"),
                 algorithm_names[algorithm]);

  if (!ok && mac != NULL)
    mac_context_forget_key (mac);
  token_secure_wipe (digest, sizeof digest);
  return ok;
}

guint64
token_totp_counter (gint64 unix_time,
                    guint  period)
{
  g_return_val_if_fail (unix_time >= 0, 0);
  g_return_val_if_fail (period >= TOKEN_MIN_PERIOD, 0);

  return (guint64) unix_time / period;
}

guint
token_totp_seconds_left (gint64 unix_time,
                         guint  period)
{
  g_return_val_if_fail (unix_time >= 0, 0);
  g_return_val_if_fail (period >= TOKEN_MIN_PERIOD, 0);

  return period - (guint) ((guint64) unix_time % period);
}

void
token_otp_format_code (guint32 code,
                       guint   digits,
                       char    buffer[TOKEN_CODE_BUFFER_SIZE])
{
  g_return_if_fail (digits >= TOKEN_MIN_DIGITS && digits <= TOKEN_MAX_DIGITS);

  g_snprintf (buffer, TOKEN_CODE_BUFFER_SIZE, "%0*u", (int) digits, code);
}
