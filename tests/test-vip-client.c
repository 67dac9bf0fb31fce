/* test-vip-client.c: the exchanges with VIP Access, against the test server
 * (tests/vip-test-server.py, on loopback, started here)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "token-credential-id.h"
#include "token-vip-client.h"
#include "token-vip-error.h"
#include "token-vip-response.h"

static GSubprocess *server;
static char *base_url;

static void
start_server (void)
{
  const char *source = g_getenv ("SOFT_TOKEN_SOURCE_DIR");
  g_autofree char *script = g_build_filename (source, "tests", "vip-test-server.py", NULL);
  g_autofree char *fixtures = g_build_filename (source, "tests", "vip", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *port = NULL;

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             "python3", script, fixtures, "--sync-gap", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  port = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (port);
  base_url = g_strdup_printf ("http://127.0.0.1:%s", port);
}

static void
point_at (const char *provision_path)
{
  g_autofree char *provision = g_strconcat (base_url, provision_path, NULL);
  g_autofree char *check = g_strconcat (base_url, "/otpCheck", NULL);
  g_autofree char *sync = g_strconcat (base_url, "/otpSync", NULL);

  g_setenv ("SOFT_TOKEN_VIP_PROVISION_URL", provision, TRUE);
  g_setenv ("SOFT_TOKEN_VIP_CHECK_URL", check, TRUE);
  g_setenv ("SOFT_TOKEN_VIP_SYNC_URL", sync, TRUE);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static TokenCredential *
provision (TokenVipClient *client,
           const char     *model,
           GCancellable   *cancellable,
           GDateTime     **expiry,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  token_vip_client_provision_async (client, model, cancellable, store_result, &result);
  return token_vip_client_provision_finish (client, wait_for (&result), expiry, error);
}

static gboolean
check (TokenVipClient  *client,
       TokenCredential *credential,
       gboolean         sync,
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  token_vip_client_check_async (client, credential, sync, NULL, store_result, &result);
  return token_vip_client_check_finish (client, wait_for (&result), error);
}

static void
test_provision_and_check (void)
{
  const char *models[] = { NULL, "SYMC", "SYDC" };

  point_at ("/prov");
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autoptr(TokenVipClient) client = token_vip_client_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) expiry = NULL;
      g_autoptr(TokenCredential) credential = provision (client, models[i], NULL, &expiry, &error);
      const char *id;
      gint64 expected_expiry = g_get_real_time () / G_USEC_PER_SEC + 1095 * 86400;

      g_assert_no_error (error);
      id = token_credential_get_credential_id (credential);
      g_assert_true (token_vip_credential_id_is_valid (id));
      g_assert_true (g_str_has_prefix (id, models[i] != NULL ? models[i] : "SYMC"));
      g_assert_cmpstr (token_credential_get_issuer (credential), ==, "VIP Access");
      g_assert_cmpint (ABS (g_date_time_to_unix (expiry) - expected_expiry), <=, 5);

      /* The server checks the code with its own RFC 6238 code. */
      g_assert_true (check (client, credential, FALSE, &error));
      g_assert_no_error (error);
    }
}

static void
test_real_replies (void)
{
  const char *replies[][2] = {
    { "/prov/real-2014", "SYMC26070843" },
    { "/prov/real-2021", "SYMC88734197" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(TokenVipClient) client = token_vip_client_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(TokenCredential) credential = NULL;

      point_at (replies[i][0]);
      credential = provision (client, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (token_credential_get_credential_id (credential), ==, replies[i][1]);
    }
}

static void
assert_provision_fails (const char *path,
                        const char *model,
                        GQuark      domain,
                        gint        code,
                        const char *in_message)
{
  g_autoptr(TokenVipClient) client = token_vip_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  g_autoptr(TokenCredential) credential = NULL;

  point_at (path);
  token_vip_client_set_timeout (client, 2);
  credential = provision (client, model, NULL, &expiry, &error);
  g_assert_null (credential);
  g_assert_null (expiry);
  g_assert_error (error, domain, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” is not in “%s”", in_message, error->message);
}

static void
test_service_status (void)
{
  assert_provision_fails ("/prov/status-4E00", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_SERVICE_STATUS, "4E00");
  assert_provision_fails ("/prov/status-4E0D", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_SERVICE_STATUS, "Unsupported token model");
  assert_provision_fails ("/prov/status-4F04", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_SERVICE_STATUS, "Expired or unsupported mobile application");
  assert_provision_fails ("/prov/status-4F99", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_SERVICE_STATUS, "4F99");
  /* A well-formed model the (test) service does not issue. */
  assert_provision_fails ("/prov", "ABCD", TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_SERVICE_STATUS, "4E0D");
  assert_provision_fails ("/prov", "AB", TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_INVALID_MODEL, NULL);
}

static void
test_bad_replies (void)
{
  assert_provision_fails ("/prov/truncated", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_MALFORMED_REPLY, NULL);
  assert_provision_fails ("/prov/malformed", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_MALFORMED_REPLY, NULL);
  assert_provision_fails ("/prov/bad-padding", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_BAD_SECRET, NULL);
  assert_provision_fails ("/prov/short-secret", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_BAD_SECRET, NULL);
  assert_provision_fails ("/prov/bad-id", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_BAD_CREDENTIAL_ID, NULL);
  assert_provision_fails ("/prov/http-500", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_HTTP, "500");
  assert_provision_fails ("/prov/close-half-way", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_NETWORK, "127.0.0.1");
}

static void
test_timeout (void)
{
  gint64 start = g_get_monotonic_time ();

  assert_provision_fails ("/prov/never-ends", NULL, TOKEN_VIP_ERROR,
                          TOKEN_VIP_ERROR_TIMEOUT, "127.0.0.1");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 6 * G_USEC_PER_SEC);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(TokenVipClient) client = token_vip_client_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenCredential) credential = NULL;
  gint64 start = g_get_monotonic_time ();

  point_at ("/prov/never-ends");
  g_timeout_add (300, cancel_soon, cancellable);
  credential = provision (client, NULL, cancellable, NULL, &error);
  g_assert_null (credential);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_urls (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_autofree char *closed = NULL;

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  closed = g_strdup_printf ("http://127.0.0.1:%u/prov", port);

  g_setenv ("SOFT_TOKEN_VIP_PROVISION_URL", "http://vip.example.com/prov", TRUE);
  {
    g_autoptr(TokenVipClient) client = token_vip_client_new ();
    g_autoptr(GError) refused = NULL;
    g_autoptr(TokenCredential) credential = provision (client, NULL, NULL, NULL, &refused);

    g_assert_null (credential);
    g_assert_error (refused, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_INSECURE_URL);
  }
  g_setenv ("SOFT_TOKEN_VIP_PROVISION_URL", closed, TRUE);
  {
    g_autoptr(TokenVipClient) client = token_vip_client_new ();
    g_autoptr(GError) unreachable = NULL;
    g_autoptr(TokenCredential) credential = provision (client, NULL, NULL, NULL, &unreachable);

    g_assert_null (credential);
    g_assert_error (unreachable, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_NETWORK);
    g_assert_nonnull (strstr (unreachable->message, "127.0.0.1"));
  }
}

static void
test_check_and_sync (void)
{
  g_autoptr(TokenVipClient) client = token_vip_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(TokenCredential) stranger = NULL;
  g_autoptr(GBytes) secret = g_bytes_new_static ("01234567890123456789", 20);

  point_at ("/prov/drifted");
  credential = provision (client, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (check (client, credential, FALSE, &error));
  g_assert_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_NEEDS_SYNC);
  g_clear_error (&error);
  g_assert_true (check (client, credential, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (check (client, credential, FALSE, &error));
  g_assert_no_error (error);

  stranger = token_credential_new ("SYMC00000000", TOKEN_KIND_TOTP, secret);
  g_assert_false (check (client, stranger, FALSE, &error));
  g_assert_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_CHECK_FAILED);
  g_clear_error (&error);
  g_assert_false (check (client, stranger, TRUE, &error));
  g_assert_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_CHECK_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  start_server ();

  g_test_add_func ("/vip-client/provision-and-check", test_provision_and_check);
  g_test_add_func ("/vip-client/real-replies", test_real_replies);
  g_test_add_func ("/vip-client/service-status", test_service_status);
  g_test_add_func ("/vip-client/bad-replies", test_bad_replies);
  g_test_add_func ("/vip-client/timeout", test_timeout);
  g_test_add_func ("/vip-client/cancel", test_cancel);
  g_test_add_func ("/vip-client/urls", test_urls);
  g_test_add_func ("/vip-client/check-and-sync", test_check_and_sync);

  status = g_test_run ();
  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&server);
  g_free (base_url);
  return status;
}
