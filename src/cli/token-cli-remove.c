/* token-cli-remove.c: soft-token-cli remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "token-cli.h"
#include "token-store.h"

/* Asks on the terminal; anything but a yes keeps the token. */
static gboolean
confirm (TokenCredential *credential)
{
  g_autofree char *display_id = token_credential_dup_display_id (credential);
  /* Translators: the answers that mean yes to “[y/N]”, separated by “|”. */
  g_auto(GStrv) translated_yes = g_strsplit (_("y|yes"), "|", -1);
  char answer[32] = "";

  fprintf (stderr, _("Remove the token %s (%s)? Deregister it at the service first, or you may be locked out. [y/N] "),
           display_id, token_credential_get_title (credential));
  fflush (stderr);

  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  g_strstrip (answer);

  return g_ascii_strcasecmp (answer, "y") == 0
      || g_ascii_strcasecmp (answer, "yes") == 0
      || g_strv_contains ((const char * const *) translated_yes, answer);
}

static TokenCliExit
run_remove (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(TokenCredential) credential = NULL;
  g_autofree char *credential_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display_id = NULL;
  gboolean yes = FALSE;
  TokenCliExit status;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Remove without asking (needed when not on a terminal)"), NULL },
    { NULL }
  };

  context = token_cli_option_context_new (&token_cli_command_remove, entries);
  if ((status = token_cli_parse_options (context, &argc, &argv)) != TOKEN_CLI_EXIT_OK)
    return status;

  if (argc < 2)
    return token_cli_usage_error ("%s", _("Say which token: give its Credential ID"));
  credential_id = token_cli_join_id (argc, argv);

  store = token_store_new ();
  if ((status = token_cli_lookup (store, credential_id, &credential)) != TOKEN_CLI_EXIT_OK)
    return status;
  display_id = token_credential_dup_display_id (credential);

  if (!yes)
    {
      if (!isatty (STDIN_FILENO))
        return token_cli_usage_error (_("Not removed: %s. Without a terminal to ask on, confirm with --yes."),
                                      display_id);
      if (!confirm (credential))
        {
          fprintf (stderr, "soft-token-cli: %s\n", _("Not removed."));
          return TOKEN_CLI_EXIT_ERROR;
        }
    }

  if (!token_store_remove_sync (store, credential, NULL, &error))
    return token_cli_report_error (error);

  printf (_("Removed %s\n"), display_id);
  return TOKEN_CLI_EXIT_OK;
}

const TokenCliCommand token_cli_command_remove = {
  .name = "remove",
  .parameters = N_("ID"),
  .summary = N_("Remove a token from the keyring (asks first)"),
  .run = run_remove,
};
