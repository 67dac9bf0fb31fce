/* token-qr.c
 *
 * Codes are made with libqrencode and read with zbar, from images that
 * gdk-pixbuf decodes. Only PNG and JPEG are accepted, and their size is
 * read from their header and checked before any pixel is decoded.
 *
 * A QR code of an otpauth:// URI is the secret in another form: every
 * buffer that holds its modules or its pixels is wiped before it is freed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>
#include <zbar.h>

#include "token-error.h"
#include "token-qr.h"
#include "token-secure.h"

#define MAX_MODULE_PIXELS 64
#define MAX_TEXT_BYTES    4096

static const guint8 png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
static const guint8 jpeg_signature[] = { 0xff, 0xd8, 0xff };

/**
 * token_qr_encode:
 * @text: the text of the code, such as an otpauth:// URI
 * @width: (out): the number of modules on a side, without a quiet zone
 *
 * Makes a QR code with error correction level M, the level phone
 * authenticators expect.
 *
 * Returns: (transfer full): @width × @width bytes, row by row, 1 for a dark
 *   module and 0 for a light one, wiped when freed; or %NULL with @error set
 *   when @text does not fit in a QR code
 */
GBytes *
token_qr_encode (const char  *text,
                 guint       *width,
                 GError     **error)
{
  QRcode *code;
  guint8 *modules;
  gsize n_modules;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (width != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*text == '\0' || strlen (text) > MAX_TEXT_BYTES
      || (code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M)) == NULL)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                           _("The text is too long for a QR code"));
      return NULL;
    }

  *width = (guint) code->width;
  n_modules = (gsize) code->width * (gsize) code->width;
  modules = g_malloc (n_modules);
  for (gsize i = 0; i < n_modules; i++)
    modules[i] = code->data[i] & 1;

  token_secure_wipe (code->data, n_modules);
  QRcode_free (code);

  return token_secure_bytes_new_take (modules, n_modules);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * token_qr_write_png:
 * @text: the text of the code
 * @module_pixels: the side of a module in pixels, 1 to 64
 *
 * Draws the code black on white, each module a square of whole pixels
 * with no smoothing, inside a quiet zone of %TOKEN_QR_QUIET_ZONE modules.
 *
 * Returns: (transfer full): the PNG file, wiped when freed, or %NULL with
 *   @error set
 */
GBytes *
token_qr_write_png (const char  *text,
                    guint        module_pixels,
                    GError     **error)
{
  g_autoptr(GBytes) modules = NULL;
  g_autoptr(GByteArray) png = NULL;
  cairo_surface_t *surface;
  const guint8 *dark;
  guint8 *pixels;
  gsize png_length;
  guint width;
  int side;
  int stride;
  cairo_status_t status;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (module_pixels >= 1 && module_pixels <= MAX_MODULE_PIXELS, NULL);

  if (!(modules = token_qr_encode (text, &width, error)))
    return NULL;

  dark = g_bytes_get_data (modules, NULL);
  side = (int) ((width + 2 * TOKEN_QR_QUIET_ZONE) * module_pixels);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < side; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (pixels + (gsize) y * (gsize) stride);
      int module_y = y / (int) module_pixels - TOKEN_QR_QUIET_ZONE;

      for (int x = 0; x < side; x++)
        {
          int module_x = x / (int) module_pixels - TOKEN_QR_QUIET_ZONE;
          gboolean is_dark = module_x >= 0 && module_y >= 0
                             && module_x < (int) width && module_y < (int) width
                             && dark[(gsize) module_y * width + (gsize) module_x];

          row[x] = is_dark ? 0xff000000 : 0xffffffff;
        }
    }
  cairo_surface_mark_dirty (surface);

  /* Sized from above, so that the array does not grow and leave copies. */
  png = g_byte_array_sized_new ((guint) ((gsize) side * (gsize) side * 4 + 4096));
  status = cairo_surface_write_to_png_stream (surface, append_to_array, png);

  token_secure_wipe (pixels, (gsize) stride * (gsize) side);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      token_secure_wipe (png->data, png->len);
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_CRYPTO,
                   _("The QR code could not be drawn: %s"), cairo_status_to_string (status));
      return NULL;
    }

  png_length = png->len;
  return token_secure_bytes_new_take (g_byte_array_steal (png, NULL), png_length);
}

/**
 * token_qr_write_svg:
 * @text: the text of the code
 *
 * Draws the code as a scalable image, one path of whole-module rectangles
 * marked for crisp edges, inside a quiet zone.
 *
 * Returns: (transfer full): the SVG document; free it with
 *   token_secure_string_free()
 */
char *
token_qr_write_svg (const char  *text,
                    GError     **error)
{
  g_autoptr(GBytes) modules = NULL;
  const guint8 *dark;
  GString *svg;
  guint width;
  guint side;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(modules = token_qr_encode (text, &width, error)))
    return NULL;

  dark = g_bytes_get_data (modules, NULL);
  side = width + 2 * TOKEN_QR_QUIET_ZONE;

  /* At most one run a module, of at most 32 characters: the string is sized
   * once so that it never grows and leaves copies behind. */
  svg = g_string_sized_new ((gsize) width * width * 32 + 512);
  g_string_append_printf (svg,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                          "viewBox=\"0 0 %u %u\" shape-rendering=\"crispEdges\">\n"
                          "<rect width=\"%u\" height=\"%u\" fill=\"#ffffff\"/>\n"
                          "<path fill=\"#000000\" d=\"",
                          side, side, side, side);

  for (guint y = 0; y < width; y++)
    for (guint x = 0; x < width;)
      {
        guint run = 0;

        while (x + run < width && dark[y * width + x + run])
          run++;
        if (run == 0)
          {
            x++;
            continue;
          }
        g_string_append_printf (svg, "M%u %uh%uv1h-%uz",
                                x + TOKEN_QR_QUIET_ZONE, y + TOKEN_QR_QUIET_ZONE, run, run);
        x += run;
      }

  g_string_append (svg, "\"/>\n</svg>\n");

  return g_string_free (svg, FALSE);
}

static guint32
read_be32 (const guint8 *data)
{
  return (guint32) data[0] << 24 | (guint32) data[1] << 16 | (guint32) data[2] << 8 | data[3];
}

static gboolean
png_size (const guint8 *data,
          gsize         size,
          guint64      *width,
          guint64      *height)
{
  /* The signature, then the IHDR chunk: its length, its type, the size. */
  if (size < 24 || memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;

  *width = read_be32 (data + 16);
  *height = read_be32 (data + 20);
  return TRUE;
}

static gboolean
jpeg_size (const guint8 *data,
           gsize         size,
           guint64      *width,
           guint64      *height)
{
  gsize position = 2;

  /* Segments follow the start marker until a start-of-frame gives the size. */
  while (position + 4 <= size)
    {
      guint8 marker;
      gsize length;

      if (data[position] != 0xff)
        return FALSE;
      marker = data[position + 1];
      if (marker == 0xff)
        {
          position++;
          continue;
        }
      length = (gsize) data[position + 2] << 8 | data[position + 3];
      if (length < 2)
        return FALSE;

      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (position + 9 > size || length < 7)
            return FALSE;
          *height = (guint64) data[position + 5] << 8 | data[position + 6];
          *width = (guint64) data[position + 7] << 8 | data[position + 8];
          return TRUE;
        }
      position += 2 + length;
    }

  return FALSE;
}

static gboolean
check_image (GBytes      *image,
             const char **type,
             GError     **error)
{
  const guint8 *data;
  gsize size;
  guint64 width = 0;
  guint64 height = 0;
  gboolean known_size;

  data = g_bytes_get_data (image, &size);

  if (size > TOKEN_QR_MAX_IMAGE_BYTES)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("The image is larger than %d MiB"), TOKEN_QR_MAX_IMAGE_BYTES / (1024 * 1024));
      return FALSE;
    }

  if (size >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    {
      *type = "png";
      known_size = png_size (data, size, &width, &height);
    }
  else if (size >= sizeof jpeg_signature && memcmp (data, jpeg_signature, sizeof jpeg_signature) == 0)
    {
      *type = "jpeg";
      known_size = jpeg_size (data, size, &width, &height);
    }
  else
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_FORMAT,
                           _("This is not a PNG or JPEG image"));
      return FALSE;
    }

  if (!known_size || width == 0 || height == 0)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                           _("The image is damaged"));
      return FALSE;
    }
  if (width * height > TOKEN_QR_MAX_IMAGE_PIXELS)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                   _("The image is too large to search for a QR code (%llu × %llu pixels)"),
                   (unsigned long long) width, (unsigned long long) height);
      return FALSE;
    }

  /* gdk-pixbuf decodes a PNG that is cut short without a word, leaving the
   * missing rows blank; one without its end chunk is refused here. */
  if (g_str_equal (*type, "png") && memmem (data, size, "\0\0\0\0IEND", 8) == NULL)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                           _("The image is damaged"));
      return FALSE;
    }

  return TRUE;
}

static GdkPixbuf *
decode_image (GBytes      *image,
              GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *type = NULL;
  GdkPixbuf *pixbuf;

  if (!check_image (image, &type, error))
    return NULL;

  if (!(loader = gdk_pixbuf_loader_new_with_type (type, &local_error)))
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_FORMAT,
                           _("Images of this type cannot be read on this system"));
      return NULL;
    }

  if (!gdk_pixbuf_loader_write_bytes (loader, image, &local_error)
      || !gdk_pixbuf_loader_close (loader, &local_error)
      || (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      /* A loader that fails to write has closed itself. */
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_DAMAGED_FILE,
                           _("The image is damaged"));
      return NULL;
    }

  return g_object_ref (pixbuf);
}

/* zbar reads 8-bit grey; transparent pixels are taken as lying on white. */
static guint8 *
grey_pixels (GdkPixbuf *pixbuf,
             gsize     *size)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  guint8 *grey;

  *size = (gsize) width * (gsize) height;
  grey = g_malloc (*size);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + (gsize) y * (gsize) stride + (gsize) x * (gsize) channels;
        guint luma = (299u * p[0] + 587u * p[1] + 114u * p[2]) / 1000u;

        if (alpha)
          luma = (luma * p[3] + 255u * (255u - p[3])) / 255u;
        grey[(gsize) y * (gsize) width + (gsize) x] = (guint8) luma;
      }

  return grey;
}

static char *
scan_grey (const guint8  *grey,
           guint          width,
           guint          height,
           GError       **error)
{
  zbar_image_scanner_t *scanner = zbar_image_scanner_create ();
  zbar_image_t *zimage = zbar_image_create ();
  const zbar_symbol_t *symbol;
  char *text = NULL;

  zbar_image_scanner_set_config (scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);

  zbar_image_set_format (zimage, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (zimage, width, height);
  zbar_image_set_data (zimage, grey, (unsigned long) width * height, NULL);

  if (zbar_scan_image (scanner, zimage) > 0)
    for (symbol = zbar_image_first_symbol (zimage); symbol != NULL;
         symbol = zbar_symbol_next (symbol))
      {
        const char *data = zbar_symbol_get_data (symbol);
        unsigned int length = zbar_symbol_get_data_length (symbol);

        if (zbar_symbol_get_type (symbol) != ZBAR_QRCODE)
          continue;

        if (length == 0 || memchr (data, '\0', length) != NULL
            || !g_utf8_validate_len (data, length, NULL))
          g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_FORMAT,
                               _("The QR code does not hold text"));
        else
          text = g_strndup (data, length);
        token_secure_wipe ((gpointer) data, length);
        break;
      }

  if (text == NULL && (error == NULL || *error == NULL))
    g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_NO_QR_CODE,
                         _("No QR code was found in the image"));

  zbar_image_destroy (zimage);
  zbar_image_scanner_destroy (scanner);
  return text;
}

/**
 * token_qr_read:
 * @image: a PNG or JPEG image
 *
 * Returns: (transfer full): the text of the first QR code in @image; free it
 *   with token_secure_string_free(). %NULL with @error set to
 *   %TOKEN_ERROR_NO_QR_CODE when there is none, %TOKEN_ERROR_UNSUPPORTED_FORMAT
 *   when @image is not a PNG or JPEG image, %TOKEN_ERROR_DAMAGED_FILE or
 *   %TOKEN_ERROR_TOO_LARGE.
 */
char *
token_qr_read (GBytes  *image,
               GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  guint8 *grey;
  gsize size;
  char *text;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(pixbuf = decode_image (image, error)))
    return NULL;

  grey = grey_pixels (pixbuf, &size);
  text = scan_grey (grey, (guint) gdk_pixbuf_get_width (pixbuf),
                    (guint) gdk_pixbuf_get_height (pixbuf), error);

  token_secure_wipe (grey, size);
  g_free (grey);
  token_secure_wipe ((gpointer) gdk_pixbuf_read_pixels (pixbuf), gdk_pixbuf_get_byte_length (pixbuf));

  return text;
}

/**
 * token_qr_read_file:
 * @file: a PNG or JPEG image
 *
 * Like token_qr_read(), for an image in a file.
 *
 * Returns: (transfer full): the text of the first QR code in the image
 */
char *
token_qr_read_file (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;

  /* One byte more than allowed tells a file that is too large. */
  contents = g_input_stream_read_bytes (G_INPUT_STREAM (stream), TOKEN_QR_MAX_IMAGE_BYTES + 1,
                                        cancellable, error);
  if (contents == NULL)
    return NULL;

  return token_qr_read (contents, error);
}
