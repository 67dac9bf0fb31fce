/* token-cli-new.c: soft-token-cli new
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "token-cli.h"
#include "token-credential-id.h"
#include "token-error.h"
#include "token-store.h"

/* A new random ID that is already taken is astronomically unlikely, but
 * costs nothing to survive. */
#define MAX_ATTEMPTS 5

static TokenCliExit
run_new (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *label = NULL;
  g_autofree char *model = NULL;
  gboolean vip = FALSE;
  TokenCliExit status;
  const GOptionEntry entries[] = {
    { "prefix", 0, 0, G_OPTION_ARG_STRING, &prefix,
      N_("Begin the Credential ID with these four letters (default SOFT)"), N_("ABCD") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("The service the token is for, such as the name of your bank"), N_("NAME") },
    { "label", 0, 0, G_OPTION_ARG_STRING, &label,
      N_("A name of your own for the token, such as your account"), N_("NAME") },
    { "vip", 0, 0, G_OPTION_ARG_NONE, &vip,
      N_("Ask Symantec’s VIP Access service for a credential, for a bank that uses VIP"), NULL },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model,
      N_("With --vip: the credential type, SYMC (mobile, the default), SYDC (desktop), VSST or VSMT"),
      N_("TYPE") },
    { NULL }
  };

  context = token_cli_option_context_new (&token_cli_command_new, entries);
  if ((status = token_cli_parse_options (context, &argc, &argv)) != TOKEN_CLI_EXIT_OK)
    return status;

  if (argc > 1)
    return token_cli_usage_error (_("Unexpected argument “%s”"), argv[1]);

  if (model != NULL && !vip)
    return token_cli_usage_error ("%s", _("--model is only for a VIP Access credential: add --vip"));
  if (vip && (prefix != NULL || issuer != NULL))
    return token_cli_usage_error ("%s", _("A VIP Access credential gets its ID and issuer from VIP: leave out --prefix and --issuer"));
  if (vip)
    return token_cli_new_vip (model, label);

  if (prefix != NULL)
    {
      g_autofree char *upper = g_ascii_strup (prefix, -1);

      if (!token_credential_id_prefix_is_valid (upper))
        return token_cli_usage_error (_("The prefix “%s” is not four letters from A to Z"), prefix);
      g_free (prefix);
      prefix = g_steal_pointer (&upper);
    }

  store = token_store_new ();
  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      g_autoptr(TokenCredential) credential = token_credential_new_random (prefix);
      g_autofree char *display_id = NULL;

      token_credential_set_issuer (credential, issuer);
      token_credential_set_label (credential, label);

      g_clear_error (&error);
      if (token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error))
        {
          display_id = token_credential_dup_display_id (credential);
          printf ("%s\n", display_id);
          return TOKEN_CLI_EXIT_OK;
        }

      if (!g_error_matches (error, TOKEN_ERROR, TOKEN_ERROR_EXISTS))
        break;
    }

  return token_cli_report_error (error);
}

const TokenCliCommand token_cli_command_new = {
  .name = "new",
  .parameters = NULL,
  .summary = N_("Create a token, store it in the keyring and print its Credential ID"),
  .run = run_new,
};
