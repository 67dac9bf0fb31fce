/* token-cli.h: what the commands of soft-token-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "token-store.h"

G_BEGIN_DECLS

/* Documented in the man page; scripts rely on them. */
typedef enum
{
  TOKEN_CLI_EXIT_OK = 0,
  TOKEN_CLI_EXIT_ERROR = 1,
  TOKEN_CLI_EXIT_USAGE = 2,
  TOKEN_CLI_EXIT_KEYRING = 3,
  TOKEN_CLI_EXIT_NOT_FOUND = 4,
  /* A wrong passphrase (or a damaged transfer file) or confirmation code. */
  TOKEN_CLI_EXIT_REFUSED = 5,
  /* No network, or VIP Access refused or answered nonsense. */
  TOKEN_CLI_EXIT_SERVICE = 6,
} TokenCliExit;

typedef struct
{
  const char   *name;
  const char   *parameters;
  const char   *summary;
  TokenCliExit (*run) (int    argc,
                       char **argv);
} TokenCliCommand;

int           token_cli_run             (int           argc,
                                         char        **argv);

GOptionContext *token_cli_option_context_new (const TokenCliCommand *command,
                                              const GOptionEntry    *entries);
TokenCliExit  token_cli_parse_options   (GOptionContext *context,
                                         int            *argc,
                                         char         ***argv);
TokenCliExit  token_cli_usage_error     (const char     *format,
                                         ...) G_GNUC_PRINTF (1, 2);
TokenCliExit  token_cli_report_error    (const GError   *error);
char         *token_cli_read_input      (const char     *path,
                                         gsize           max_size,
                                         GError        **error);
gboolean      token_cli_parse_time      (const char     *text,
                                         gint64         *unix_time);
TokenCliExit  token_cli_check_id        (const char     *credential_id);
char         *token_cli_join_id         (int              argc,
                                         char           **argv);
TokenCliExit  token_cli_lookup          (TokenStore      *store,
                                         const char      *credential_id,
                                         TokenCredential **credential);
void          token_cli_warn_damaged    (TokenStore     *store);
char         *token_cli_read_passphrase_file (const char  *path,
                                              GError     **error);
char         *token_cli_prompt_secret   (const char     *prompt);
gboolean      token_cli_ask_yes         (const char     *question);

extern const TokenCliCommand token_cli_command_new;
extern const TokenCliCommand token_cli_command_list;
extern const TokenCliCommand token_cli_command_code;
extern const TokenCliCommand token_cli_command_add;
extern const TokenCliCommand token_cli_command_show;
extern const TokenCliCommand token_cli_command_remove;
extern const TokenCliCommand token_cli_command_export;
extern const TokenCliCommand token_cli_command_import;
extern const TokenCliCommand token_cli_command_confirm_move;
extern const TokenCliCommand token_cli_command_vip_check;
extern const TokenCliCommand token_cli_command_vip_sync;

TokenCliExit  token_cli_new_vip         (const char     *model,
                                         const char     *label);

G_END_DECLS
