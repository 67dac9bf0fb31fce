/* token-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-error.h"

G_DEFINE_QUARK (token-error-quark, token_error)
