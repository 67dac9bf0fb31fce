/* token-vip-check-flow.h: Check with VIP…, and the Sync it may offer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "token-credential.h"

G_BEGIN_DECLS

void token_vip_check_flow_start (GtkWindow       *parent,
                                 TokenCredential *credential);

G_END_DECLS
