/* token-keyring-error.h: what libsecret and D-Bus say, as TOKEN_ERROR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A TOKEN_ERROR for what libsecret or D-Bus reported (cancellations and
 * TOKEN_ERRORs are copied as they are); @timed_out when the operation
 * was cancelled by its own timeout. */
GError *token_keyring_error_new (const GError *source,
                                 gboolean      timed_out);

G_END_DECLS
