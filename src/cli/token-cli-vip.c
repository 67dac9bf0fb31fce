/* token-cli-vip.c: soft-token-cli new --vip, vip-check and vip-sync
 *
 * The only commands that use the network, and only VIP Access's service
 * (or the test server the environment names).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "token-cli.h"
#include "token-store.h"
#include "token-vip-client.h"
#include "token-vip-request.h"

typedef struct
{
  GAsyncResult *result;
} Waiter;

static void
keep_result (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  ((Waiter *) data)->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return waiter->result;
}

static TokenCredential *
provision (const char  *model,
           GError     **error)
{
  g_autoptr(TokenVipClient) client = token_vip_client_new ();
  Waiter waiter = { NULL };
  TokenCredential *credential;

  token_vip_client_provision_async (client, model, NULL, keep_result, &waiter);
  credential = token_vip_client_provision_finish (client, wait_for (&waiter), NULL, error);
  g_object_unref (waiter.result);
  return credential;
}

static gboolean
check (TokenCredential  *credential,
       gboolean          sync,
       GError          **error)
{
  g_autoptr(TokenVipClient) client = token_vip_client_new ();
  Waiter waiter = { NULL };
  gboolean ok;

  token_vip_client_check_async (client, credential, sync, NULL, keep_result, &waiter);
  ok = token_vip_client_check_finish (client, wait_for (&waiter), error);
  g_object_unref (waiter.result);
  return ok;
}

/* Asks VIP Access for a credential, stores it and prints its ID and first
 * code. Nothing is stored unless the whole reply held. */
TokenCliExit
token_cli_new_vip (const char *model,
                   const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(TokenStore) store = NULL;
  g_autofree char *display_id = NULL;
  char code[TOKEN_CODE_BUFFER_SIZE];

  if (model != NULL && !token_vip_model_is_valid (model))
    return token_cli_usage_error (_("“%s” is not a VIP Access credential type: use SYMC, SYDC, VSST or VSMT"),
                                  model);

  credential = provision (model != NULL ? model : TOKEN_VIP_DEFAULT_MODEL, &error);
  if (credential == NULL)
    return token_cli_report_error (error);
  token_credential_set_label (credential, label);

  store = token_store_new ();
  if (!token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error)
      || !token_credential_code_at (credential, g_get_real_time () / G_USEC_PER_SEC, code, &error))
    return token_cli_report_error (error);

  display_id = token_credential_dup_display_id (credential);
  printf ("%s\n%s\n", display_id, code);
  fprintf (stderr, "%s\n", _("Register this Credential ID and the current security code at your bank."));
  return TOKEN_CLI_EXIT_OK;
}

static TokenCliExit
run_check_or_sync (const TokenCliCommand *command,
                   gboolean               sync,
                   int                    argc,
                   char                 **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *credential_id = NULL;
  TokenCliExit status;
  const GOptionEntry entries[] = {
    { NULL }
  };

  context = token_cli_option_context_new (command, entries);
  if ((status = token_cli_parse_options (context, &argc, &argv)) != TOKEN_CLI_EXIT_OK)
    return status;
  if (argc < 2)
    return token_cli_usage_error ("%s", _("Say which token: give its Credential ID"));
  credential_id = token_cli_join_id (argc, argv);

  store = token_store_new ();
  if ((status = token_cli_lookup (store, credential_id, &credential)) != TOKEN_CLI_EXIT_OK)
    return status;

  if (!check (credential, sync, &error))
    return token_cli_report_error (error);

  printf ("%s\n", sync ? _("VIP Access synced this credential")
                       : _("VIP Access accepts this credential’s codes"));
  return TOKEN_CLI_EXIT_OK;
}

static TokenCliExit
run_vip_check (int    argc,
               char **argv)
{
  return run_check_or_sync (&token_cli_command_vip_check, FALSE, argc, argv);
}

static TokenCliExit
run_vip_sync (int    argc,
              char **argv)
{
  return run_check_or_sync (&token_cli_command_vip_sync, TRUE, argc, argv);
}

const TokenCliCommand token_cli_command_vip_check = {
  .name = "vip-check",
  .parameters = N_("ID"),
  .summary = N_("Send the current code to VIP Access’s test form and say whether VIP accepts it"),
  .run = run_vip_check,
};

const TokenCliCommand token_cli_command_vip_sync = {
  .name = "vip-sync",
  .parameters = N_("ID"),
  .summary = N_("Send two consecutive codes to VIP Access to bring the credential back in step"),
  .run = run_vip_sync,
};
