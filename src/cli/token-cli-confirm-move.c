/* token-cli-confirm-move.c: soft-token-cli confirm-move
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "token-cli.h"
#include "token-store.h"

static TokenCliExit
run_confirm_move (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenCredential) credential = NULL;
  g_autofree char *credential_id = NULL;
  g_autofree char *display_id = NULL;
  const char *code;
  TokenCliExit status;
  const GOptionEntry entries[] = {
    { NULL }
  };

  context = token_cli_option_context_new (&token_cli_command_confirm_move, entries);
  if ((status = token_cli_parse_options (context, &argc, &argv)) != TOKEN_CLI_EXIT_OK)
    return status;

  if (argc < 3)
    return token_cli_usage_error ("%s", _("Give the Credential ID and the confirmation code the new device shows: soft-token-cli confirm-move ID CODE"));

  /* The code is the last word; the ID may be typed as several. */
  code = argv[argc - 1];
  argv[argc - 1] = NULL;
  credential_id = token_cli_join_id (argc - 1, argv);

  store = token_store_new ();
  if ((status = token_cli_lookup (store, credential_id, &credential)) != TOKEN_CLI_EXIT_OK)
    return status;
  if (!token_store_confirm_move_sync (store, credential, code, NULL, &error))
    return token_cli_report_error (error);

  display_id = token_credential_dup_qualified_name (credential);
  printf (_("Move of %s confirmed: the tokens of this transfer are removed from this device and now work only on the new one.\n"),
          display_id);
  return TOKEN_CLI_EXIT_OK;
}

const TokenCliCommand token_cli_command_confirm_move = {
  .name = "confirm-move",
  .parameters = N_("ID CODE"),
  .summary = N_("Finish a move: with the code the new device shows, remove the exported tokens from this device"),
  .run = run_confirm_move,
};
