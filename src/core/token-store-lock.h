/* token-store-lock.h: one writer at a time on the tokens, across processes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Waits for the lock that every process of this user shares (the app and
 * each soft-token-cli), and gives its file descriptor: closing it with
 * token_store_lock_release() lets the next one in. */
void     token_store_lock_acquire_async  (GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
int      token_store_lock_acquire_finish (GAsyncResult         *result,
                                          GError              **error);
void     token_store_lock_release        (int                   fd);

G_END_DECLS
