/* token-cli-add.c: soft-token-cli add
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "token-cli.h"
#include "token-secure.h"
#include "token-store.h"
#include "token-uri.h"

static TokenCliExit
run_add (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TokenSecureString) uri = NULL;
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display_id = NULL;
  gboolean replace = FALSE;
  TokenCliExit status;
  const GOptionEntry entries[] = {
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace a stored token that has the same Credential ID"), NULL },
    { NULL }
  };

  context = token_cli_option_context_new (&token_cli_command_add, entries);
  if ((status = token_cli_parse_options (context, &argc, &argv)) != TOKEN_CLI_EXIT_OK)
    return status;

  /* A URI on the command line would show its secret to every user of the
   * machine (ps, shell history), so it is refused. */
  if (argc > 1 && g_str_has_prefix (argv[1], "otpauth:"))
    return token_cli_usage_error ("%s", _("For safety, a URI is not accepted on the command line; pass it on standard input"));
  if (argc > 1)
    return token_cli_usage_error (_("Unexpected argument “%s”"), argv[1]);

  if (!(uri = token_cli_read_input ("-", TOKEN_URI_MAX_LENGTH + 2, &error)))
    return token_cli_report_error (error);

  if (!(credential = token_uri_parse (uri, &error)))
    return token_cli_report_error (error);

  store = token_store_new ();
  if (!token_store_add_sync (store, credential,
                             replace ? TOKEN_STORE_ADD_REPLACE : TOKEN_STORE_ADD_NONE,
                             NULL, &error))
    return token_cli_report_error (error);

  display_id = token_credential_dup_display_id (credential);
  printf ("%s\n", display_id);
  return TOKEN_CLI_EXIT_OK;
}

const TokenCliCommand token_cli_command_add = {
  .name = "add",
  .parameters = NULL,
  .summary = N_("Store a token given as an otpauth:// URI on standard input"),
  .run = run_add,
};
