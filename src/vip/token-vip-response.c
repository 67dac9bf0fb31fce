/* token-vip-response.c
 *
 * The reply of the provisioning service, read with its namespace and taken
 * only when every part of it holds: status 0000, a 16-byte IV, a Cipher that
 * decrypts to exactly 20 bytes and twelve 0x0c bytes of padding, a
 * Credential ID of 4 letters and 8 digits, a known algorithm and an expiry.
 * The Digest cannot be checked: nobody outside Symantec knows its key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/evp.h>

#include "token-base64.h"
#include "token-secure.h"
#include "token-vip-error.h"
#include "token-vip-response.h"

#define VIP_NAMESPACE "http://www.verisign.com/2006/08/vipservice"
#define SECRET_BYTES 20
#define CIPHER_BYTES 32
#define IV_BYTES 16
#define MAX_REPLY_BYTES (64 * 1024)
#define MAX_STATUS_MESSAGE 200

/* The key is a constant of Symantec's own client, published by every port. */
static const guint8 secret_wrapping_key[16] = {
  0x01, 0xad, 0x9b, 0xc6, 0x82, 0xa3, 0xaa, 0x93,
  0xa9, 0xa3, 0x23, 0x9a, 0x86, 0xd6, 0xcc, 0xd9,
};

gboolean
token_vip_credential_id_is_valid (const char *id)
{
  if (id == NULL || strlen (id) != 12)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isupper (id[i]))
      return FALSE;
  for (guint i = 4; i < 12; i++)
    if (!g_ascii_isdigit (id[i]))
      return FALSE;
  return TRUE;
}

static gboolean
padding_is_exact (const guint8 *plain)
{
  guint8 difference = 0;

  for (guint i = SECRET_BYTES; i < CIPHER_BYTES; i++)
    difference |= plain[i] ^ (CIPHER_BYTES - SECRET_BYTES);
  return difference == 0;
}

static gboolean
decrypt_without_padding (const guint8 *iv,
                         const guint8 *cipher,
                         guint8       *plain)
{
  EVP_CIPHER_CTX *context = EVP_CIPHER_CTX_new ();
  int length = 0;
  int final_length = 0;
  gboolean ok;

  ok = context != NULL
       && EVP_DecryptInit_ex (context, EVP_aes_128_cbc (), NULL,
                              secret_wrapping_key, iv) == 1
       && EVP_CIPHER_CTX_set_padding (context, 0) == 1
       && EVP_DecryptUpdate (context, plain, &length, cipher, CIPHER_BYTES) == 1
       && EVP_DecryptFinal_ex (context, plain + length, &final_length) == 1
       && length + final_length == CIPHER_BYTES;
  EVP_CIPHER_CTX_free (context);
  return ok;
}

GBytes *
token_vip_unwrap_secret (GBytes  *iv,
                         GBytes  *cipher,
                         GError **error)
{
  guint8 plain[CIPHER_BYTES];
  GBytes *secret = NULL;

  g_return_val_if_fail (iv != NULL && cipher != NULL, NULL);

  if (g_bytes_get_size (iv) != IV_BYTES)
    {
      g_set_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_BAD_SECRET,
                   _("VIP Access sent an IV of %zu bytes instead of 16"),
                   g_bytes_get_size (iv));
      return NULL;
    }
  if (g_bytes_get_size (cipher) != CIPHER_BYTES)
    {
      g_set_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_BAD_SECRET,
                   _("VIP Access sent an encrypted secret of %zu bytes instead of 32"),
                   g_bytes_get_size (cipher));
      return NULL;
    }

  if (!decrypt_without_padding (g_bytes_get_data (iv, NULL),
                                g_bytes_get_data (cipher, NULL), plain))
    g_set_error_literal (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_BAD_SECRET,
                         _("The secret from VIP Access could not be decrypted"));
  else if (!padding_is_exact (plain))
    g_set_error_literal (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_BAD_SECRET,
                         _("The secret from VIP Access is not 20 bytes with the expected padding"));
  else
    secret = token_secure_bytes_new (plain, SECRET_BYTES);

  token_secure_wipe (plain, sizeof plain);
  return secret;
}

static gboolean
is_vip_element (xmlNode    *node,
                const char *name)
{
  return node->type == XML_ELEMENT_NODE
         && node->ns != NULL
         && g_strcmp0 ((const char *) node->ns->href, VIP_NAMESPACE) == 0
         && g_strcmp0 ((const char *) node->name, name) == 0;
}

static xmlNode *
find_child (xmlNode    *parent,
            const char *name)
{
  if (parent == NULL)
    return NULL;
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is_vip_element (child, name))
      return child;
  return NULL;
}

static xmlNode *
find_path (xmlNode     *node,
           const char **names)
{
  for (guint i = 0; names[i] != NULL && node != NULL; i++)
    node = find_child (node, names[i]);
  return node;
}

static char *
node_text (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  return text;
}

static char *
node_attribute (xmlNode    *node,
                const char *name)
{
  xmlChar *value;
  char *text;

  if (node == NULL)
    return NULL;
  value = xmlGetNoNsProp (node, (const xmlChar *) name);
  text = value != NULL ? g_strdup ((const char *) value) : NULL;
  xmlFree (value);
  return text;
}

static gboolean
malformed (GError    **error,
           const char *what)
{
  g_set_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_MALFORMED_REPLY,
               _("VIP Access sent a reply that is not the documented one (%s)"),
               what);
  return FALSE;
}

static gboolean
check_status (xmlNode  *root,
              GError  **error)
{
  xmlNode *status = find_child (root, "Status");
  g_autofree char *code = node_text (find_child (status, "ReasonCode"));
  g_autofree char *message = node_text (find_child (status, "StatusMessage"));
  g_autofree char *shown = NULL;

  if (code == NULL || message == NULL)
    return malformed (error, "Status");
  if (g_strcmp0 (code, "0000") == 0)
    return TRUE;

  shown = g_utf8_make_valid (message, MIN (strlen (message), MAX_STATUS_MESSAGE));
  g_set_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_SERVICE_STATUS,
               /* Translators: the first %s is VIP's status code (such as 4E0D),
                * the second its message in English (such as “Unsupported token model”). */
               _("VIP Access refused the request: status %s, “%s”"),
               code, shown);
  return FALSE;
}

static GBytes *
decode_field (xmlNode    *node,
              const char *what,
              GError    **error)
{
  g_autofree char *text = node_text (node);
  GBytes *bytes;

  if (text == NULL)
    {
      malformed (error, what);
      return NULL;
    }
  bytes = token_base64_decode (text, strlen (text));
  if (bytes == NULL)
    malformed (error, what);
  token_secure_wipe (text, strlen (text));
  return bytes;
}

static GBytes *
read_secret (xmlNode  *root,
             xmlNode  *secret_node,
             GError  **error)
{
  const char *iv_path[] = { "SecretContainer", "EncryptionMethod", "IV", NULL };
  const char *cipher_path[] = { "Data", "Cipher", NULL };
  g_autoptr(GBytes) iv = decode_field (find_path (root, iv_path), "IV", error);
  g_autoptr(GBytes) cipher = NULL;

  if (iv == NULL)
    return NULL;
  cipher = decode_field (find_path (secret_node, cipher_path), "Cipher", error);
  if (cipher == NULL)
    return NULL;
  return token_vip_unwrap_secret (iv, cipher, error);
}

static gboolean
parse_positive (const char *text,
                guint64     max,
                guint64    *value)
{
  return text != NULL
         && g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL);
}

/* Only what the request asked for is accepted: HMAC-SHA1, 6 digits. */
static gboolean
read_usage (xmlNode          *secret_node,
            TokenCredential  *credential,
            GError          **error)
{
  xmlNode *usage = find_child (secret_node, "Usage");
  g_autofree char *algorithm = node_attribute (find_child (usage, "AI"), "type");
  g_autofree char *time_step = node_text (find_child (usage, "TimeStep"));
  g_autofree char *counter = node_text (find_child (usage, "Counter"));
  guint64 value;

  if (g_strcmp0 (algorithm, "HMAC-SHA1-TRUNC-6DIGITS") != 0)
    return malformed (error, "AI");
  if ((time_step == NULL) == (counter == NULL))
    return malformed (error, "TimeStep");

  token_credential_set_algorithm (credential, TOKEN_ALGORITHM_SHA1);
  token_credential_set_digits (credential, 6);
  if (time_step != NULL)
    {
      if (!parse_positive (time_step, 3600, &value) || value == 0)
        return malformed (error, "TimeStep");
      token_credential_set_period (credential, (guint) value);
    }
  else
    {
      if (!parse_positive (counter, G_MAXUINT64, &value))
        return malformed (error, "Counter");
      token_credential_set_counter (credential, value);
    }
  return TRUE;
}

static GDateTime *
read_expiry (xmlNode  *secret_node,
             GError  **error)
{
  g_autofree char *text = node_text (find_child (secret_node, "Expiry"));
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *expiry = text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;

  if (expiry == NULL)
    malformed (error, "Expiry");
  return expiry;
}

static TokenCredential *
read_credential (xmlNode     *root,
                 GDateTime  **expiry_out,
                 GError     **error)
{
  const char *secret_path[] = { "SecretContainer", "Device", "Secret", NULL };
  xmlNode *secret_node = find_path (root, secret_path);
  g_autofree char *id = node_attribute (secret_node, "Id");
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  g_autofree char *counter = NULL;

  if (secret_node == NULL || id == NULL)
    {
      malformed (error, "Secret");
      return NULL;
    }
  if (!token_vip_credential_id_is_valid (id))
    {
      g_autofree char *shown = g_utf8_make_valid (id, MIN (strlen (id), 40));
      g_set_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_BAD_CREDENTIAL_ID,
                   _("VIP Access sent the Credential ID “%s”, which is not 4 letters and 8 digits"),
                   shown);
      return NULL;
    }
  secret = read_secret (root, secret_node, error);
  if (secret == NULL)
    return NULL;
  expiry = read_expiry (secret_node, error);
  if (expiry == NULL)
    return NULL;

  counter = node_text (find_child (find_child (secret_node, "Usage"), "Counter"));
  credential = token_credential_new (id, counter != NULL ? TOKEN_KIND_HOTP : TOKEN_KIND_TOTP,
                                     secret);
  token_credential_set_issuer (credential, TOKEN_VIP_ISSUER);
  token_credential_set_expiry (credential, MAX (g_date_time_to_unix (expiry), 1));
  if (!read_usage (secret_node, credential, error))
    return NULL;

  if (expiry_out != NULL)
    *expiry_out = g_steal_pointer (&expiry);
  return g_steal_pointer (&credential);
}

TokenCredential *
token_vip_response_parse (const char  *data,
                          gsize        length,
                          GDateTime  **expiry,
                          GError     **error)
{
  xmlDoc *document;
  xmlNode *root;
  TokenCredential *credential = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0 || length > MAX_REPLY_BYTES)
    {
      malformed (error, length == 0 ? "empty" : "too long");
      return NULL;
    }

  /* No network, no external entities, no DTD: the reply is plain data. */
  document = xmlReadMemory (data, (int) length, "vip-reply.xml", NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (document == NULL)
    {
      malformed (error, "not XML");
      return NULL;
    }

  root = xmlDocGetRootElement (document);
  if (root == NULL || !is_vip_element (root, "GetSharedSecretResponse"))
    malformed (error, "GetSharedSecretResponse");
  else if (check_status (root, error))
    credential = read_credential (root, expiry, error);

  xmlFreeDoc (document);
  return credential;
}
