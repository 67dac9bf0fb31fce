/* token-test-world.h: what a test does to the world tests/run-in-world made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;
  char *out;
  char *err;
} TokenTestCliResult;

void     token_test_cli_result_clear      (TokenTestCliResult  *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TokenTestCliResult, token_test_cli_result_clear)

/* Runs $SOFT_TOKEN_CLI with @args, @input (or nothing) on its standard
 * input, and no terminal. */
void     token_test_run_cli               (TokenTestCliResult  *result,
                                           const char          *input,
                                           const char * const  *args);

/* Fails the test unless it runs inside run-in-world. */
void     token_test_world_require         (void);
void     token_test_world_control         (const char          *command);
void     token_test_world_lock_keyring    (void);
void     token_test_world_unlock_keyring  (void);
gboolean token_test_world_keyring_locked  (void);
GPid     token_test_world_keyring_pid     (void);

/* Iterates the thread-default main context until @done is TRUE or
 * @timeout_ms have passed; returns @done. */
gboolean token_test_wait_for_flag         (const gboolean      *done,
                                           guint                timeout_ms);

G_END_DECLS
