/* token-cli.c: the command dispatcher and what every command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <glib/gi18n.h>
#include <unistd.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>

#include "token-cli.h"
#include "token-credential-id.h"
#include "token-error.h"
#include "token-secure.h"
#include "token-vip-error.h"

static const TokenCliCommand *commands[] = {
  &token_cli_command_new,
  &token_cli_command_list,
  &token_cli_command_code,
  &token_cli_command_add,
  &token_cli_command_show,
  &token_cli_command_remove,
  &token_cli_command_export,
  &token_cli_command_import,
  &token_cli_command_confirm_move,
  &token_cli_command_vip_check,
  &token_cli_command_vip_sync,
};

/* Every command's --help ends with it too: scripts branch on them. */
#define EXIT_STATUS_HELP N_("Exit status: 0 success, 1 error (such as a token that is already stored), 2 bad usage or a name that fits several tokens, 3 keyring unavailable or locked, 4 no such token, 5 wrong passphrase, vault password or confirmation code, 6 no network or VIP Access failed.")

static void
print_help (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: soft-token-cli COMMAND [OPTION…]"));
  fprintf (stream, "\n%s\n", _("Keep one-time-password tokens in the keyring and show their codes."));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-14s %s\n", commands[i]->name, _(commands[i]->summary));
  fprintf (stream, "\n%s\n", _("Run “soft-token-cli COMMAND --help” for the options of a command."));
  fprintf (stream, "%s\n", _(EXIT_STATUS_HELP));
}

static const TokenCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i]->name, name))
      return commands[i];

  return NULL;
}

int
token_cli_run (int    argc,
               char **argv)
{
  const TokenCliCommand *command;

  if (argc < 2)
    {
      print_help (stderr);
      return TOKEN_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_help (stdout);
      return TOKEN_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("soft-token-cli %s\n", PACKAGE_VERSION);
      return TOKEN_CLI_EXIT_OK;
    }

  if ((command = find_command (argv[1])) == NULL)
    return token_cli_usage_error (_("Unknown command “%s”. Run “soft-token-cli --help” for the list."),
                                  argv[1]);

  return command->run (argc - 1, argv + 1);
}

GOptionContext *
token_cli_option_context_new (const TokenCliCommand *command,
                              const GOptionEntry    *entries)
{
  g_autofree char *parameter_string = NULL;
  GOptionContext *context;

  parameter_string = g_strdup_printf ("%s %s", command->name,
                                      command->parameters != NULL ? _(command->parameters) : "");
  context = g_option_context_new (parameter_string);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_description (context, _(EXIT_STATUS_HELP));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  return context;
}

TokenCliExit
token_cli_parse_options (GOptionContext   *context,
                         int              *argc,
                         char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return token_cli_usage_error ("%s", error->message);

  return TOKEN_CLI_EXIT_OK;
}

TokenCliExit
token_cli_usage_error (const char *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "soft-token-cli: %s\n", message);
  return TOKEN_CLI_EXIT_USAGE;
}

static TokenCliExit
exit_status_for (const GError *error)
{
  if (error->domain == TOKEN_VIP_ERROR)
    return error->code == TOKEN_VIP_ERROR_INVALID_MODEL ? TOKEN_CLI_EXIT_USAGE
                                                        : TOKEN_CLI_EXIT_SERVICE;
  if (error->domain != TOKEN_ERROR)
    return TOKEN_CLI_EXIT_ERROR;

  switch ((TokenError) error->code)
    {
    case TOKEN_ERROR_NO_SERVICE:
    case TOKEN_ERROR_KEYRING_LOCKED:
    case TOKEN_ERROR_NO_COLLECTION:
    case TOKEN_ERROR_TIMEOUT:
      return TOKEN_CLI_EXIT_KEYRING;
    case TOKEN_ERROR_NOT_FOUND:
      return TOKEN_CLI_EXIT_NOT_FOUND;
    case TOKEN_ERROR_AMBIGUOUS:
      return TOKEN_CLI_EXIT_USAGE;
    case TOKEN_ERROR_BAD_PASSPHRASE:
    case TOKEN_ERROR_WRONG_CONFIRMATION:
      return TOKEN_CLI_EXIT_REFUSED;
    default:
      return TOKEN_CLI_EXIT_ERROR;
    }
}

TokenCliExit
token_cli_report_error (const GError *error)
{
  fprintf (stderr, "soft-token-cli: %s\n", error->message);
  return exit_status_for (error);
}

/* Reads a whole small input that may hold a secret: standard input for
 * “-”, else the file at @path. The buffer is wiped if it is refused. */
char *
token_cli_read_input (const char  *path,
                      gsize        max_size,
                      GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  char *buffer = g_malloc (max_size + 1);
  gsize size = 0;

  if (g_str_equal (path, "-"))
    stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
    }

  if (stream == NULL
      || !g_input_stream_read_all (stream, buffer, max_size + 1, &size, NULL, error))
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

  buffer[size] = '\0';
  return buffer;
}

gboolean
token_cli_parse_time (const char *text,
                      gint64     *unix_time)
{
  guint64 value;

  if (text == NULL || !g_ascii_isdigit (*text)
      || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64 / 2, &value, NULL))
    return FALSE;

  *unix_time = (gint64) value;
  return TRUE;
}

/* An ID given on the command line: any text but an empty one. */
TokenCliExit
token_cli_check_id (const char *credential_id)
{
  g_autofree char *normal = token_credential_id_normalize (credential_id);

  if (*normal == '\0')
    return token_cli_usage_error ("%s", _("The Credential ID is empty"));

  return TOKEN_CLI_EXIT_OK;
}

/* Looks a token up in the keyring, reporting any failure. */
/* The Credential ID in the arguments after the command name. People type
 * “SOFT 1234 5678” as they see it, unquoted, so the words are joined.
 * Returns %NULL when there is none. */
char *
token_cli_join_id (int    argc,
                   char **argv)
{
  if (argc < 2)
    return NULL;

  return g_strjoinv (" ", argv + 1);
}

TokenCliExit
token_cli_lookup (TokenStore       *store,
                  const char       *credential_id,
                  TokenCredential **credential)
{
  g_autoptr(GError) error = NULL;
  TokenCliExit status;

  if ((status = token_cli_check_id (credential_id)) != TOKEN_CLI_EXIT_OK)
    return status;

  *credential = token_store_lookup_sync (store, credential_id, NULL, &error);
  if (*credential == NULL)
    return token_cli_report_error (error);

  return TOKEN_CLI_EXIT_OK;
}

/* Damaged items do not stop a command; they are named on standard error. */
void
token_cli_warn_damaged (TokenStore *store)
{
  g_auto(GStrv) damaged = token_store_dup_damaged (store);

  for (guint i = 0; damaged[i] != NULL; i++)
    fprintf (stderr, "soft-token-cli: %s\n", damaged[i]);
  if (damaged[0] != NULL)
    fprintf (stderr, "soft-token-cli: %s\n",
             _("Damaged items are left untouched in the keyring; remove them with a keyring manager such as Passwords and Keys."));
}

#define MAX_PASSPHRASE_BYTES 1024

/* The first line of a file (or of standard input for “-”) that holds a
 * passphrase; a final line break is not part of it. */
char *
token_cli_read_passphrase_file (const char  *path,
                                GError     **error)
{
  g_autoptr(TokenSecureString) contents = NULL;
  char *end;

  if ((contents = token_cli_read_input (path, MAX_PASSPHRASE_BYTES, error)) == NULL)
    return NULL;

  if ((end = strpbrk (contents, "\r\n")) != NULL)
    *end = '\0';
  if (*contents == '\0')
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PASSPHRASE,
                           _("The passphrase file is empty"));
      return NULL;
    }

  return g_steal_pointer (&contents);
}

/* Asks on the terminal of standard input without showing what is typed.
 * Returns %NULL at the end of the input. */
char *
token_cli_prompt_secret (const char *prompt)
{
  char buffer[MAX_PASSPHRASE_BYTES + 2];
  struct termios saved, quiet;
  gboolean echo_off;
  char *line;
  char *answer = NULL;

  fprintf (stderr, "%s", prompt);
  fflush (stderr);

  echo_off = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (echo_off)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  line = fgets (buffer, sizeof buffer, stdin);

  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);

  if (line != NULL)
    {
      buffer[strcspn (buffer, "\r\n")] = '\0';
      answer = g_strdup (buffer);
    }
  token_secure_wipe (buffer, sizeof buffer);

  return answer;
}

/* Asks a yes-or-no question on the terminal; anything but a yes is no. */
gboolean
token_cli_ask_yes (const char *question)
{
  /* Translators: the answers that mean yes to “[y/N]”, separated by “|”. */
  g_auto(GStrv) translated_yes = g_strsplit (_("y|yes"), "|", -1);
  char answer[32] = "";

  fprintf (stderr, "%s [y/N] ", question);
  fflush (stderr);

  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  g_strstrip (answer);

  return g_ascii_strcasecmp (answer, "y") == 0
      || g_ascii_strcasecmp (answer, "yes") == 0
      || g_strv_contains ((const char * const *) translated_yes, answer);
}
