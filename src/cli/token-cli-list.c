/* token-cli-list.c: soft-token-cli list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "token-cli.h"
#include "token-store.h"

static const char *
or_dash (const char *text)
{
  return text != NULL ? text : "-";
}

/* One line a token, its fields separated by tabs, so that `cut` works. */
static void
print_lines (GListModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (model, i);
      g_autofree char *display_id = token_credential_dup_display_id (credential);

      printf ("%s\t%s\t%s\t%s\n", display_id,
              or_dash (token_credential_get_issuer (credential)),
              or_dash (token_credential_get_label (credential)),
              token_kind_to_string (token_credential_get_kind (credential)));
    }
}

static void
add_optional_member (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (GListModel *model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (model, i);
      g_autofree char *display_id = token_credential_dup_display_id (credential);
      TokenKind kind = token_credential_get_kind (credential);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "internal_id");
      json_builder_add_string_value (builder, token_credential_get_internal_id (credential));
      json_builder_set_member_name (builder, "credential_id");
      json_builder_add_string_value (builder, token_credential_get_credential_id (credential));
      json_builder_set_member_name (builder, "display_id");
      json_builder_add_string_value (builder, display_id);
      add_optional_member (builder, "issuer", token_credential_get_issuer (credential));
      add_optional_member (builder, "label", token_credential_get_label (credential));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, token_kind_to_string (kind));
      json_builder_set_member_name (builder, "algorithm");
      json_builder_add_string_value (builder, token_algorithm_to_string (token_credential_get_algorithm (credential)));
      json_builder_set_member_name (builder, "digits");
      json_builder_add_int_value (builder, token_credential_get_digits (credential));
      if (kind == TOKEN_KIND_HOTP)
        {
          json_builder_set_member_name (builder, "counter");
          json_builder_add_int_value (builder, (gint64) token_credential_get_counter (credential));
        }
      else
        {
          json_builder_set_member_name (builder, "period");
          json_builder_add_int_value (builder, token_credential_get_period (credential));
        }
      json_builder_set_member_name (builder, "created");
      json_builder_add_int_value (builder, token_credential_get_created (credential));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static TokenCliExit
run_list (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TokenStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  TokenCliExit status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array, for scripts"), NULL },
    { NULL }
  };

  context = token_cli_option_context_new (&token_cli_command_list, entries);
  if ((status = token_cli_parse_options (context, &argc, &argv)) != TOKEN_CLI_EXIT_OK)
    return status;

  if (argc > 1)
    return token_cli_usage_error (_("Unexpected argument “%s”"), argv[1]);

  store = token_store_new ();
  if (!token_store_load_sync (store, NULL, &error))
    return token_cli_report_error (error);

  if (json)
    print_json (G_LIST_MODEL (store));
  else
    print_lines (G_LIST_MODEL (store));

  token_cli_warn_damaged (store);
  return TOKEN_CLI_EXIT_OK;
}

const TokenCliCommand token_cli_command_list = {
  .name = "list",
  .parameters = NULL,
  .summary = N_("List the tokens in the keyring: ID, issuer, label and type"),
  .run = run_list,
};
