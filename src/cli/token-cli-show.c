/* token-cli-show.c: soft-token-cli show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "token-cli.h"
#include "token-store.h"

static void
print_field (const char *name,
             const char *value)
{
  printf ("%-18s %s\n", name, value != NULL ? value : "-");
}

/* Everything about a token but its secret. */
static void
print_credential (TokenCredential *credential)
{
  g_autofree char *display_id = token_credential_dup_display_id (credential);
  g_autofree char *digits = g_strdup_printf ("%u", token_credential_get_digits (credential));
  g_autofree char *moving = NULL;
  g_autofree char *created = NULL;
  g_autoptr(GDateTime) created_time = NULL;
  TokenKind kind = token_credential_get_kind (credential);

  print_field (_("Credential ID:"), display_id);
  print_field (_("Issuer:"), token_credential_get_issuer (credential));
  print_field (_("Label:"), token_credential_get_label (credential));
  print_field (_("Type:"), kind == TOKEN_KIND_HOTP ? _("HOTP (counter-based)") : _("TOTP (time-based)"));
  print_field (_("Algorithm:"), token_algorithm_to_string (token_credential_get_algorithm (credential)));
  print_field (_("Digits:"), digits);

  if (kind == TOKEN_KIND_HOTP)
    {
      moving = g_strdup_printf ("%" G_GUINT64_FORMAT, token_credential_get_counter (credential));
      /* The counter of the next code, as services and other apps count. */
      print_field (_("Next counter:"), moving);
    }
  else
    {
      moving = g_strdup_printf (_("%u seconds"), token_credential_get_period (credential));
      print_field (_("Period:"), moving);
    }

  created_time = g_date_time_new_from_unix_local (token_credential_get_created (credential));
  if (created_time != NULL)
    created = g_date_time_format (created_time, "%Y-%m-%d %H:%M:%S %z");
  print_field (_("Created:"), created);
  print_field (_("Internal ID:"), token_credential_get_internal_id (credential));

  if (token_credential_get_expiry (credential) > 0)
    {
      g_autoptr(GDateTime) expiry_time = g_date_time_new_from_unix_local (token_credential_get_expiry (credential));
      g_autofree char *expiry = g_date_time_format (expiry_time, "%Y-%m-%d %H:%M:%S %z");

      print_field (_("Expires:"), expiry);
    }
}

static TokenCliExit
run_show (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(TokenCredential) credential = NULL;
  g_autofree char *credential_id = NULL;
  TokenCliExit status;
  const GOptionEntry entries[] = {
    { NULL }
  };

  context = token_cli_option_context_new (&token_cli_command_show, entries);
  if ((status = token_cli_parse_options (context, &argc, &argv)) != TOKEN_CLI_EXIT_OK)
    return status;

  if (argc < 2)
    return token_cli_usage_error ("%s", _("Say which token: give its Credential ID"));
  credential_id = token_cli_join_id (argc, argv);

  store = token_store_new ();
  if ((status = token_cli_lookup (store, credential_id, &credential)) != TOKEN_CLI_EXIT_OK)
    return status;

  print_credential (credential);
  return TOKEN_CLI_EXIT_OK;
}

const TokenCliCommand token_cli_command_show = {
  .name = "show",
  .parameters = N_("ID"),
  .summary = N_("Print everything about a token except its secret"),
  .run = run_show,
};
