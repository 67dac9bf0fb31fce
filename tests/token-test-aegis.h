/* token-test-aegis.h: Aegis vaults encrypted the way Aegis encrypts them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *token_test_aegis_encrypt (GPtrArray  *credentials,
                                  const char *password,
                                  guint64     n,
                                  gboolean    tamper);

G_END_DECLS
