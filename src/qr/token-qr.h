/* token-qr.h: QR codes of otpauth:// URIs, drawn and read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The white border around a code that readers need, in modules. */
#define TOKEN_QR_QUIET_ZONE        4
#define TOKEN_QR_MAX_IMAGE_BYTES   (32 * 1024 * 1024)
#define TOKEN_QR_MAX_IMAGE_PIXELS  (40 * 1024 * 1024)

GBytes *token_qr_encode     (const char    *text,
                             guint         *width,
                             GError       **error);
GBytes *token_qr_write_png  (const char    *text,
                             guint          module_pixels,
                             GError       **error);
char   *token_qr_write_svg  (const char    *text,
                             GError       **error);

char   *token_qr_read       (GBytes        *image,
                             GError       **error);
char   *token_qr_read_file  (GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error);

G_END_DECLS
