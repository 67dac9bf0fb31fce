/* token-cli-add.c: soft-token-cli add
 *
 * Stores the tokens of an otpauth:// URI, of several (one a line, the
 * FreeOTP+ and Aegis text format), of a Google Authenticator transfer code,
 * of an Aegis vault or of a QR image. Each entry is stored or named and
 * skipped on its own; nothing is stored when nothing is good.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "token-cli.h"
#include "token-error.h"
#include "token-import-reader.h"
#include "token-secure.h"
#include "token-store.h"

/* The input may be a QR image as well as text, so it is read as bytes, into
 * a buffer that is wiped when it is freed. */
static GBytes *
read_input_bytes (const char  *path,
                  GError     **error)
{
  const gsize max_size = TOKEN_IMPORT_READER_MAX_SIZE;
  g_autoptr(GInputStream) stream = NULL;
  char *buffer;
  gsize size = 0;

  if (g_str_equal (path, "-"))
    stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      if (!(stream = G_INPUT_STREAM (g_file_read (file, NULL, error))))
        return NULL;
    }

  buffer = g_malloc (max_size + 1);
  if (!g_input_stream_read_all (stream, buffer, max_size + 1, &size, NULL, error))
    {
      token_secure_wipe (buffer, max_size + 1);
      g_free (buffer);
      return NULL;
    }

  if (size > max_size)
    {
      token_secure_wipe (buffer, max_size + 1);
      g_free (buffer);
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("The input is larger than %u bytes"), (guint) max_size);
      return NULL;
    }

  return token_secure_bytes_new_take (buffer, size);
}

static char *
ask_password (GError **error)
{
  char *password = token_cli_prompt_secret (_("Password of the encrypted file: "));

  if (password == NULL)
    g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE,
                         _("No password was given"));
  return password;
}

static TokenImport *
read_tokens (GBytes      *input,
             const char  *password_file,
             GError     **error)
{
  g_autoptr(TokenSecureString) password = NULL;

  if (token_import_reader_needs_password (input))
    {
      password = password_file != NULL ? token_cli_read_passphrase_file (password_file, error)
                                       : ask_password (error);
      if (password == NULL)
        return NULL;
    }

  return token_import_reader_read (input, password, error);
}

static void
report_problems (TokenImport *import)
{
  for (guint i = 0; i < token_import_get_n_problems (import); i++)
    {
      g_autofree char *description =
        token_import_describe_problem (token_import_get_problem (import, i));

      fprintf (stderr, "soft-token-cli: %s\n", description);
    }
}

static const char *
kind_name (TokenCredential *credential)
{
  return token_credential_get_kind (credential) == TOKEN_KIND_HOTP ? "HOTP" : "TOTP";
}

static void
print_preview_line (const TokenAddOutcome *outcome)
{
  g_autofree char *display_id = token_credential_dup_display_id (outcome->credential);
  g_autofree char *description = token_add_outcome_describe (outcome);
  const char *issuer = token_credential_get_issuer (outcome->credential);

  printf ("%s\t%s\t%s\t%s\n", display_id, issuer != NULL ? issuer : "",
          kind_name (outcome->credential), description);
}

static void
print_outcome (const TokenAddOutcome *outcome)
{
  g_autofree char *display_id = token_credential_dup_display_id (outcome->credential);

  if (outcome->error != NULL)
    fprintf (stderr, "soft-token-cli: %s: %s\n", display_id, outcome->error->message);
  else
    printf ("%s\n", display_id);
}

/* The real add and its dry run are one call to the store, which decides
 * every entry the same way and stops before writing in a dry run; only
 * what is printed differs. */
static TokenCliExit
add_tokens (TokenImport *import,
            gboolean     replace,
            gboolean     dry_run)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  TokenStoreAddFlags flags = (replace ? TOKEN_STORE_ADD_REPLACE : 0) | (dry_run ? TOKEN_STORE_ADD_DRY_RUN : 0);
  guint skipped = 0;

  outcomes = token_store_add_all_sync (store, token_import_get_credentials (import), flags, NULL, &error);
  if (outcomes == NULL)
    return token_cli_report_error (error);

  for (guint i = 0; i < outcomes->len; i++)
    {
      const TokenAddOutcome *outcome = g_ptr_array_index (outcomes, i);

      if (dry_run)
        print_preview_line (outcome);
      else
        print_outcome (outcome);
      if (outcome->error != NULL)
        skipped++;
    }

  return skipped > 0 || token_import_get_n_problems (import) > 0
         ? TOKEN_CLI_EXIT_ERROR : TOKEN_CLI_EXIT_OK;
}

static TokenCliExit
run_add (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(TokenImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *password_file = NULL;
  gboolean replace = FALSE;
  gboolean dry_run = FALSE;
  TokenCliExit status;
  const GOptionEntry entries[] = {
    { "file", 'f', 0, G_OPTION_ARG_FILENAME, &path,
      N_("Read the tokens from FILE: otpauth:// URIs, an Aegis vault, a 2FAS backup or a QR image (PNG or JPEG)"), N_("FILE") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password of an encrypted file (an Aegis vault or a 2FAS backup) from the first line of FILE"), N_("FILE") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace a stored token that is the same token (the same issuer and Credential ID, or the same secret and settings)"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show what would be stored, and store nothing"), NULL },
    { NULL }
  };

  context = token_cli_option_context_new (&token_cli_command_add, entries);
  if ((status = token_cli_parse_options (context, &argc, &argv)) != TOKEN_CLI_EXIT_OK)
    return status;

  /* A URI on the command line would show its secret to every user of the
   * machine (ps, shell history), so it is refused. */
  if (argc > 1 && g_str_has_prefix (argv[1], "otpauth"))
    return token_cli_usage_error ("%s", _("For safety, a URI is not accepted on the command line; pass it on standard input"));
  if (argc > 1)
    return token_cli_usage_error (_("Unexpected argument “%s”"), argv[1]);

  if (!(input = read_input_bytes (path != NULL ? path : "-", &error)))
    return token_cli_report_error (error);

  /* The password is asked only on a terminal that is not the input. */
  if (token_import_reader_needs_password (input) && password_file == NULL
      && (path == NULL || !isatty (STDIN_FILENO)))
    return token_cli_usage_error ("%s", _("The file is encrypted: give its password with --password-file FILE"));

  if (!(import = read_tokens (input, password_file, &error)))
    return token_cli_report_error (error);

  report_problems (import);
  if (g_list_model_get_n_items (token_import_get_credentials (import)) == 0)
    {
      if (token_import_get_n_problems (import) == 0)
        fprintf (stderr, "soft-token-cli: %s\n", _("The input holds no otpauth:// URI"));
      fprintf (stderr, "soft-token-cli: %s\n", _("Nothing was stored"));
      return TOKEN_CLI_EXIT_ERROR;
    }

  return add_tokens (import, replace, dry_run);
}

const TokenCliCommand token_cli_command_add = {
  .name = "add",
  .parameters = NULL,
  .summary = N_("Store tokens given as otpauth:// URIs, a Google Authenticator transfer code, an Aegis vault or a QR image"),
  .run = run_add,
};
