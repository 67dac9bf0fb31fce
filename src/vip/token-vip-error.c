/* token-vip-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-vip-error.h"

G_DEFINE_QUARK (token-vip-error-quark, token_vip_error)
