/* token-qr-code.c: a QR code drawn from its modules
 *
 * The code is not a scaled bitmap: each dark module is a rectangle in the
 * render tree, its side a whole number of pixels, so the code stays sharp
 * at any size and on any scale. It is always dark on light, with its quiet
 * zone, whatever the style: phone cameras read codes that way round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-qr.h"
#include "token-qr-code.h"

/* Below this a phone camera struggles to read a code from a screen. */
#define MIN_MODULE_PIXELS     5
#define NATURAL_MODULE_PIXELS 8

struct _TokenQrCode
{
  GtkWidget  parent_instance;

  GBytes    *modules;
  guint      width;
};

G_DEFINE_FINAL_TYPE (TokenQrCode, token_qr_code, GTK_TYPE_WIDGET)

static guint
side_in_modules (TokenQrCode *self)
{
  return self->modules != NULL ? self->width + 2 * TOKEN_QR_QUIET_ZONE : 0;
}

static void
token_qr_code_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  guint side = side_in_modules (TOKEN_QR_CODE (widget));

  *minimum = (int) (side * MIN_MODULE_PIXELS);
  *natural = (int) (side * NATURAL_MODULE_PIXELS);
}

static void
token_qr_code_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TokenQrCode *self = TOKEN_QR_CODE (widget);
  const GdkRGBA light = { 1.0, 1.0, 1.0, 1.0 };
  const GdkRGBA dark = { 0.0, 0.0, 0.0, 1.0 };
  int available = MIN (gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  guint side = side_in_modules (self);
  const guint8 *module;
  int module_pixels;
  int origin_x;
  int origin_y;

  if (side == 0 || available < (int) side)
    return;

  /* Whole pixels per module, and the code centred on whole pixels. */
  module_pixels = available / (int) side;
  origin_x = (gtk_widget_get_width (widget) - module_pixels * (int) side) / 2;
  origin_y = (gtk_widget_get_height (widget) - module_pixels * (int) side) / 2;

  gtk_snapshot_append_color (snapshot, &light,
                             &GRAPHENE_RECT_INIT (origin_x, origin_y,
                                                  module_pixels * side, module_pixels * side));

  module = g_bytes_get_data (self->modules, NULL);
  for (guint y = 0; y < self->width; y++)
    for (guint x = 0; x < self->width; x++)
      {
        guint run = 0;

        /* A row of dark modules is one rectangle: fewer nodes to draw. */
        while (x + run < self->width && module[y * self->width + x + run])
          run++;
        if (run == 0)
          continue;

        gtk_snapshot_append_color (snapshot, &dark,
                                   &GRAPHENE_RECT_INIT (origin_x + (int) (x + TOKEN_QR_QUIET_ZONE) * module_pixels,
                                                        origin_y + (int) (y + TOKEN_QR_QUIET_ZONE) * module_pixels,
                                                        (int) run * module_pixels,
                                                        module_pixels));
        x += run - 1;
      }
}

static GtkSizeRequestMode
token_qr_code_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
token_qr_code_finalize (GObject *object)
{
  TokenQrCode *self = (TokenQrCode *) object;

  g_clear_pointer (&self->modules, g_bytes_unref);

  G_OBJECT_CLASS (token_qr_code_parent_class)->finalize (object);
}

static void
token_qr_code_class_init (TokenQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = token_qr_code_finalize;
  widget_class->measure = token_qr_code_measure;
  widget_class->snapshot = token_qr_code_snapshot;
  widget_class->get_request_mode = token_qr_code_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "qrcode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
token_qr_code_init (TokenQrCode *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("QR code of the token"),
                                  -1);
}

GtkWidget *
token_qr_code_new (void)
{
  return g_object_new (TOKEN_TYPE_QR_CODE, NULL);
}

/* The modules are kept (wiped when freed), never the text they encode. */
gboolean
token_qr_code_set_text (TokenQrCode  *self,
                        const char   *text,
                        GError      **error)
{
  g_autoptr(GBytes) modules = NULL;
  guint width = 0;

  g_return_val_if_fail (TOKEN_IS_QR_CODE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!(modules = token_qr_encode (text, &width, error)))
    return FALSE;

  g_clear_pointer (&self->modules, g_bytes_unref);
  self->modules = g_steal_pointer (&modules);
  self->width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return TRUE;
}

/* The side of the code in modules, without its quiet zone; 0 when empty. */
guint
token_qr_code_get_modules (TokenQrCode *self)
{
  g_return_val_if_fail (TOKEN_IS_QR_CODE (self), 0);

  return self->modules != NULL ? self->width : 0;
}
