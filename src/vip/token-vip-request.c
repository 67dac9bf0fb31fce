/* token-vip-request.c
 *
 * The request is the one documented by the open-source clients: a fixed
 * XML layout whose only computed field, Data, is an HMAC-SHA256 with a key
 * taken from Symantec's own client over "ts ts BOARDID ClientID Symantec".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <glib/gi18n-lib.h>

#include "token-vip-error.h"
#include "token-vip-request.h"

#define CLIENT_ID_TYPE "BOARDID"
#define DIST_CHANNEL "Symantec"
#define APP_HANDLE "iMac010200"

static const guint8 request_hmac_key[32] = {
  0xdd, 0x0b, 0xa6, 0x92, 0xc3, 0x8a, 0xa3, 0xa9, 0x93, 0xa3, 0xaa, 0x26,
  0x96, 0x8c, 0xd9, 0xc2, 0xaa, 0x2a, 0xa2, 0xcb, 0x23, 0xb7, 0xc2, 0xd2,
  0xaa, 0xaf, 0x8f, 0x8f, 0xc9, 0xa0, 0xa9, 0xa1,
};

/* The service answers 4E00 for anything but 3 or 4 letters and digits. */
gboolean
token_vip_model_is_valid (const char *model)
{
  gsize length;

  if (model == NULL)
    return FALSE;
  length = strlen (model);
  if (length < 3 || length > 4)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isupper (model[i]) && !g_ascii_isdigit (model[i]))
      return FALSE;
  return TRUE;
}

char *
token_vip_client_id (void)
{
  return g_strdup ("soft-token-" PACKAGE_VERSION);
}

char *
token_vip_request_mac (gint64      timestamp,
                       const char *client_id)
{
  g_autofree char *message = NULL;
  guint8 mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;

  g_return_val_if_fail (client_id != NULL, NULL);

  message = g_strdup_printf ("%" G_GINT64_FORMAT "%" G_GINT64_FORMAT "%s%s%s",
                             timestamp, timestamp, CLIENT_ID_TYPE, client_id,
                             DIST_CHANNEL);
  if (HMAC (EVP_sha256 (), request_hmac_key, sizeof request_hmac_key,
            (const guint8 *) message, strlen (message), mac, &mac_length) == NULL)
    return NULL;
  return g_base64_encode (mac, mac_length);
}

char *
token_vip_request_build (const char  *model,
                         const char  *client_id,
                         gint64       timestamp,
                         GError     **error)
{
  g_autofree char *mac = NULL;
  g_autofree char *escaped_client_id = NULL;

  g_return_val_if_fail (client_id != NULL, NULL);

  if (!token_vip_model_is_valid (model))
    {
      g_set_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_INVALID_MODEL,
                   _("“%s” is not a VIP Access credential type: use 3 or 4 capital letters or digits, such as SYMC"),
                   model != NULL ? model : "");
      return NULL;
    }

  mac = token_vip_request_mac (timestamp, client_id);
  if (mac == NULL)
    {
      g_set_error_literal (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_INVALID_MODEL,
                           _("The request to VIP Access could not be signed"));
      return NULL;
    }
  escaped_client_id = g_markup_escape_text (client_id, -1);

  return g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
    "<GetSharedSecret Id=\"%" G_GINT64_FORMAT "\" Version=\"2.0\"\n"
    "    xmlns=\"http://www.verisign.com/2006/08/vipservice\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    "    <TokenModel>%s</TokenModel>\n"
    "    <ActivationCode></ActivationCode>\n"
    "    <OtpAlgorithm type=\"HMAC-SHA1-TRUNC-6DIGITS\"/>\n"
    "    <SharedSecretDeliveryMethod>HTTPS</SharedSecretDeliveryMethod>\n"
    "    <Extension extVersion=\"auth\" xsi:type=\"vip:ProvisionInfoType\"\n"
    "        xmlns:vip=\"http://www.verisign.com/2006/08/vipservice\">\n"
    "        <AppHandle>" APP_HANDLE "</AppHandle>\n"
    "        <ClientIDType>" CLIENT_ID_TYPE "</ClientIDType>\n"
    "        <ClientID>%s</ClientID>\n"
    "        <DistChannel>" DIST_CHANNEL "</DistChannel>\n"
    "        <ClientTimestamp>%" G_GINT64_FORMAT "</ClientTimestamp>\n"
    "        <Data>%s</Data>\n"
    "    </Extension>\n"
    "</GetSharedSecret>",
    timestamp, model, escaped_client_id, timestamp, mac);
}
