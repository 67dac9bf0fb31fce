/* token-vip-client.c
 *
 * One POST, with the system's TLS (glib-networking and its CA store, no
 * pinning) and the desktop's proxy (the default GProxyResolver, which
 * follows GNOME's settings). The whole exchange has a deadline, so a server
 * that answers slowly forever still ends; the caller's GCancellable stops it
 * at any time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "token-secure.h"
#include "token-vip-check.h"
#include "token-vip-client.h"
#include "token-vip-error.h"
#include "token-vip-request.h"
#include "token-vip-response.h"
#include "token-vip-url.h"

struct _TokenVipClient
{
  GObject parent_instance;

  SoupSession *session;
  guint timeout;
};

G_DEFINE_FINAL_TYPE (TokenVipClient, token_vip_client, G_TYPE_OBJECT)

typedef struct
{
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong caller_handler;
  guint deadline;
  gboolean timed_out;
  char *host;
  gboolean sync;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_clear_handle_id (&exchange->deadline, g_source_remove);
  if (exchange->caller_handler != 0)
    g_cancellable_disconnect (exchange->caller_cancellable, exchange->caller_handler);
  g_clear_object (&exchange->caller_cancellable);
  g_clear_object (&exchange->cancellable);
  g_free (exchange->host);
  g_free (exchange);
}

static void
token_vip_client_dispose (GObject *object)
{
  TokenVipClient *self = TOKEN_VIP_CLIENT (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (token_vip_client_parent_class)->dispose (object);
}

static void
token_vip_client_class_init (TokenVipClientClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = token_vip_client_dispose;
}

static void
token_vip_client_init (TokenVipClient *self)
{
  g_autofree char *user_agent = token_vip_client_id ();

  self->timeout = TOKEN_VIP_DEFAULT_TIMEOUT;
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", self->timeout,
                                                 NULL);
}

TokenVipClient *
token_vip_client_new (void)
{
  return g_object_new (TOKEN_TYPE_VIP_CLIENT, NULL);
}

void
token_vip_client_set_timeout (TokenVipClient *self,
                              guint           seconds)
{
  g_return_if_fail (TOKEN_IS_VIP_CLIENT (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
}

static gboolean
deadline_passed (gpointer data)
{
  Exchange *exchange = data;

  exchange->deadline = 0;
  exchange->timed_out = TRUE;
  g_cancellable_cancel (exchange->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled (GCancellable *caller,
                  GCancellable *own)
{
  g_cancellable_cancel (own);
}

static Exchange *
exchange_new (TokenVipClient *self,
              const char     *url,
              GCancellable   *caller_cancellable)
{
  Exchange *exchange = g_new0 (Exchange, 1);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  exchange->host = g_strdup (uri != NULL ? g_uri_get_host (uri) : url);
  exchange->cancellable = g_cancellable_new ();
  if (caller_cancellable != NULL)
    {
      exchange->caller_cancellable = g_object_ref (caller_cancellable);
      exchange->caller_handler = g_cancellable_connect (caller_cancellable,
                                                        G_CALLBACK (caller_cancelled),
                                                        exchange->cancellable, NULL);
    }
  exchange->deadline = g_timeout_add_seconds (self->timeout, deadline_passed, exchange);
  return exchange;
}

static GError *
network_error (Exchange *exchange,
               GError   *error)
{
  const char *host = exchange->host;

  if (exchange->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_TIMEOUT,
                        _("VIP Access at %s did not answer in time"), host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_NETWORK,
                        _("Could not find the server %s: check the network connection"), host);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_TLS,
                        _("The secure connection to %s failed: %s"), host, error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_FAILED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_AUTH_FAILED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NEED_AUTH)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NOT_ALLOWED))
    return g_error_new (TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_PROXY,
                        _("The proxy did not connect to %s: %s"), host, error->message);
  return g_error_new (TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_NETWORK,
                      _("Could not reach VIP Access at %s: %s"), host, error->message);
}

/* The body of a finished exchange, or NULL and the error to report. */
static GBytes *
finish_body (Exchange      *exchange,
             SoupSession   *session,
             GAsyncResult  *result,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  SoupMessage *message = soup_session_get_async_result_message (session, result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (session, result, &local_error);
  guint status;

  if (body == NULL)
    {
      g_propagate_error (error, network_error (exchange, local_error));
      return NULL;
    }
  status = soup_message_get_status (message);
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_HTTP,
                   _("VIP Access at %s answered with HTTP error %u"),
                   exchange->host, status);
      return NULL;
    }
  return g_steal_pointer (&body);
}

static void
post (TokenVipClient      *self,
      GTask               *task,
      const char          *url,
      const char          *content_type,
      GBytes              *body,
      GAsyncReadyCallback  callback)
{
  Exchange *exchange = exchange_new (self, url, g_task_get_cancellable (task));
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, url);

  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);
  soup_message_set_request_body_from_bytes (message, content_type, body);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    exchange->cancellable, callback, task);
}

static void
provision_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  Exchange *exchange = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) body = finish_body (exchange, SOUP_SESSION (source), result, &error);
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  gsize length = 0;
  const char *data_bytes;

  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data_bytes = g_bytes_get_data (body, &length);
  credential = token_vip_response_parse (data_bytes, length, &expiry, &error);
  /* The body holds the wrapped secret: wipe it once it is read. */
  token_secure_wipe ((gpointer) data_bytes, length);
  if (credential == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_object_set_data_full (G_OBJECT (credential), "token-vip-expiry",
                          g_steal_pointer (&expiry), (GDestroyNotify) g_date_time_unref);
  g_task_return_pointer (task, g_steal_pointer (&credential), g_object_unref);
}

void
token_vip_client_provision_async (TokenVipClient      *self,
                                  const char          *model,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *client_id = token_vip_client_id ();
  g_autofree char *request = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize length;

  g_return_if_fail (TOKEN_IS_VIP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);

  url = token_vip_service_url (TOKEN_VIP_SERVICE_PROVISION, &error);
  if (url != NULL)
    request = token_vip_request_build (model != NULL ? model : TOKEN_VIP_DEFAULT_MODEL,
                                       client_id, g_get_real_time () / G_USEC_PER_SEC,
                                       &error);
  if (request == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  length = strlen (request);
  body = g_bytes_new_take (g_steal_pointer (&request), length);
  post (self, g_steal_pointer (&task), url, "application/xml", body, provision_done);
}

TokenCredential *
token_vip_client_provision_finish (TokenVipClient  *self,
                                   GAsyncResult    *result,
                                   GDateTime      **expiry,
                                   GError         **error)
{
  g_autoptr(TokenCredential) credential = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  credential = g_task_propagate_pointer (G_TASK (result), error);
  if (credential != NULL && expiry != NULL)
    *expiry = g_date_time_ref (g_object_get_data (G_OBJECT (credential), "token-vip-expiry"));
  if (credential != NULL)
    g_object_set_data (G_OBJECT (credential), "token-vip-expiry", NULL);
  return g_steal_pointer (&credential);
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  Exchange *exchange = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) body = finish_body (exchange, SOUP_SESSION (source), result, &error);
  gsize length = 0;
  const char *page;

  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  page = g_bytes_get_data (body, &length);
  if (token_vip_check_reply (page, length, exchange->sync, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
token_vip_client_check_async (TokenVipClient      *self,
                              TokenCredential     *credential,
                              gboolean             sync,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *form = NULL;
  g_autoptr(GBytes) body = NULL;
  Exchange *exchange;
  gsize length;

  g_return_if_fail (TOKEN_IS_VIP_CLIENT (self));
  g_return_if_fail (TOKEN_IS_CREDENTIAL (credential));

  task = g_task_new (self, cancellable, callback, user_data);

  url = token_vip_service_url (sync ? TOKEN_VIP_SERVICE_SYNC : TOKEN_VIP_SERVICE_CHECK, &error);
  if (url != NULL)
    form = token_vip_check_form (credential, g_get_real_time () / G_USEC_PER_SEC, sync, &error);
  if (form == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  length = strlen (form);
  body = g_bytes_new_take (g_steal_pointer (&form), length);
  post (self, task, url, "application/x-www-form-urlencoded", body, check_done);
  exchange = g_task_get_task_data (task);
  exchange->sync = sync;
  g_steal_pointer (&task);
}

gboolean
token_vip_client_check_finish (TokenVipClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
