/* token-cli-code.c: soft-token-cli code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "token-cli.h"
#include "token-credential.h"
#include "token-error.h"
#include "token-secure.h"
#include "token-store.h"
#include "token-uri.h"

static TokenCliExit
print_code (TokenCredential *credential,
            gint64           unix_time)
{
  g_autoptr(GError) error = NULL;
  char code[TOKEN_CODE_BUFFER_SIZE];

  if (!token_credential_code_at (credential, unix_time, code, &error))
    return token_cli_report_error (error);

  printf ("%s\n", code);
  return TOKEN_CLI_EXIT_OK;
}

static TokenCliExit
code_from_uri (const char *source,
               gint64      unix_time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenSecureString) uri = NULL;
  g_autoptr(TokenCredential) credential = NULL;

  if (!(uri = token_cli_read_input (source, TOKEN_URI_MAX_LENGTH + 2, &error)))
    return token_cli_report_error (error);

  if (!(credential = token_uri_parse (uri, &error)))
    return token_cli_report_error (error);

  return print_code (credential, unix_time);
}

/* A stored HOTP token moves its counter on in the keyring first, so the
 * same code is never shown twice. */
static TokenCliExit
print_stored_code (TokenStore      *store,
                   TokenCredential *credential,
                   gint64           unix_time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenSecureString) code = NULL;

  if (token_credential_get_kind (credential) != TOKEN_KIND_HOTP)
    return print_code (credential, unix_time);

  if (!(code = token_store_next_hotp_code_sync (store, credential, NULL, &error)))
    return token_cli_report_error (error);

  printf ("%s\n", code);
  return TOKEN_CLI_EXIT_OK;
}

static TokenCliExit
code_from_keyring (const char *credential_id,
                   gint64      unix_time)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GError) error = NULL;
  TokenCliExit status;
  guint n_tokens;

  if (credential_id != NULL)
    {
      if ((status = token_cli_lookup (store, credential_id, &credential)) != TOKEN_CLI_EXIT_OK)
        return status;
      return print_stored_code (store, credential, unix_time);
    }

  if (!token_store_load_sync (store, NULL, &error))
    return token_cli_report_error (error);
  token_cli_warn_damaged (store);

  n_tokens = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (n_tokens == 0)
    {
      fprintf (stderr, "soft-token-cli: %s\n",
               _("There are no tokens in the keyring. Create one with “soft-token-cli new”."));
      return TOKEN_CLI_EXIT_NOT_FOUND;
    }
  if (n_tokens > 1)
    return token_cli_usage_error (_("There are %u tokens in the keyring; say which one, as listed by “soft-token-cli list”"),
                                  n_tokens);

  credential = g_list_model_get_item (G_LIST_MODEL (store), 0);
  return print_stored_code (store, credential, unix_time);
}

static TokenCliExit
run_code (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *uri_source = NULL;
  g_autofree char *at = NULL;
  gint64 unix_time = g_get_real_time () / G_USEC_PER_SEC;
  TokenCliExit status;
  const GOptionEntry entries[] = {
    { "uri", 0, 0, G_OPTION_ARG_FILENAME, &uri_source,
      N_("Read the token as an otpauth:// URI from FILE, or from standard input for “-”"),
      N_("FILE") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("Show the code at this time (seconds since 1970) instead of now"), N_("TIME") },
    { NULL }
  };

  context = token_cli_option_context_new (&token_cli_command_code, entries);
  if ((status = token_cli_parse_options (context, &argc, &argv)) != TOKEN_CLI_EXIT_OK)
    return status;

  if (at != NULL && !token_cli_parse_time (at, &unix_time))
    return token_cli_usage_error (_("“%s” is not a time; give the seconds since 1970, such as 1700000000"),
                                  at);

  if (argc > 2)
    return token_cli_usage_error (_("Unexpected argument “%s”"), argv[2]);

  if (uri_source == NULL)
    return code_from_keyring (argc > 1 ? argv[1] : NULL, unix_time);

  /* A URI on the command line would show its secret to every user of the
   * machine (ps, shell history), so it is refused. */
  if (g_str_has_prefix (uri_source, "otpauth:"))
    return token_cli_usage_error (_("For safety, a URI is not accepted on the command line; pass it on standard input with --uri -"));

  if (argc > 1)
    return token_cli_usage_error (_("Give either a Credential ID (“%s”) or --uri, not both"), argv[1]);

  return code_from_uri (uri_source, unix_time);
}

const TokenCliCommand token_cli_command_code = {
  .name = "code",
  .parameters = N_("[ID]"),
  .summary = N_("Print the current security code of a token"),
  .run = run_code,
};
