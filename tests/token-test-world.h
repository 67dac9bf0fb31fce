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

/* Runs $SOFT_TOKEN_CLI with @args on a terminal of its own (a
 * pseudo-terminal), as a person would: once @prompt has been written, types
 * @answer and Return, and, when @hidden, waits first until the program has
 * turned echo off. result->out gets everything the terminal showed. */
void     token_test_run_cli_on_terminal   (TokenTestCliResult  *result,
                                           const char * const  *args,
                                           const char          *prompt,
                                           const char          *answer,
                                           gboolean             hidden);

/* Fails the test unless it runs inside run-in-world. */
void     token_test_world_require         (void);
void     token_test_world_control         (const char          *command);
void     token_test_world_use_device      (const char          *name);
void     token_test_world_lock_keyring    (void);
void     token_test_world_unlock_keyring  (void);
gboolean token_test_world_keyring_locked  (void);
GPid     token_test_world_keyring_pid     (void);

/* The keyring behind TokenStore, read and written over plain D-Bus (no
 * libsecret, whose blocking calls leave data behind for LeakSanitizer). */
typedef struct
{
  char       *path;
  char       *label;
  GHashTable *attributes;
} TokenTestItem;

void     token_test_item_free             (TokenTestItem       *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TokenTestItem, token_test_item_free)

/* Every item of every collection, locked or not. */
GPtrArray *token_test_keyring_items       (void);
/* Deletes every item with this attribute; the keyring must be unlocked. */
void     token_test_keyring_delete_items  (const char          *name,
                                           const char          *value);
/* Creates an item in the default collection, never replacing one. */
void     token_test_keyring_create_item   (const char          *label,
                                           GHashTable          *attributes,
                                           const char          *secret);

/* Iterates the thread-default main context until @done is TRUE or
 * @timeout_ms have passed; returns @done. */
gboolean token_test_wait_for_flag         (const gboolean      *done,
                                           guint                timeout_ms);

G_END_DECLS
