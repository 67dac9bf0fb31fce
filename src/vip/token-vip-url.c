/* token-vip-url.c
 *
 * The real service unless an environment variable names another (the test
 * server). Plain http is only good enough for this machine's own loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "token-vip-error.h"
#include "token-vip-url.h"

static const struct
{
  const char *variable;
  const char *url;
} services[] = {
  [TOKEN_VIP_SERVICE_PROVISION] = { "SOFT_TOKEN_VIP_PROVISION_URL",
                                    "https://services.vip.symantec.com/prov" },
  [TOKEN_VIP_SERVICE_CHECK] = { "SOFT_TOKEN_VIP_CHECK_URL",
                                "https://vip.symantec.com/otpCheck" },
  [TOKEN_VIP_SERVICE_SYNC] = { "SOFT_TOKEN_VIP_SYNC_URL",
                               "https://vip.symantec.com/otpSync" },
};

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Returns URL itself (a copy) when it may be used. */
char *
token_vip_url_check (const char  *url,
                     GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || *host == '\0')
    {
      g_set_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_INSECURE_URL,
                   _("“%s” is not a web address for VIP Access"), url);
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0
      || (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (host)))
    return g_strdup (url);

  g_set_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_INSECURE_URL,
               _("VIP Access must be reached over https, not “%s”: plain http is only for this computer’s own test servers"),
               url);
  return NULL;
}

char *
token_vip_service_url (TokenVipService   service,
                       GError          **error)
{
  const char *url;

  g_return_val_if_fail (service <= TOKEN_VIP_SERVICE_SYNC, NULL);

  url = g_getenv (services[service].variable);
  if (url == NULL || *url == '\0')
    url = services[service].url;
  return token_vip_url_check (url, error);
}
