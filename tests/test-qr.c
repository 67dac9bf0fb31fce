/* test-qr.c: QR codes we draw, read by zbarimg and by our reader, and
 * images that hold no code or are no image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "token-error.h"
#include "token-qr.h"
#include "token-secure.h"
#include "token-uri.h"

static char *
sample_uri (guint variant)
{
  g_autoptr(TokenCredential) credential = token_credential_new_random (NULL);

  switch (variant)
    {
    case 0:
      break;
    case 1:
      token_credential_set_issuer (credential, "しんきん銀行 & Co: Tokyo");
      token_credential_set_algorithm (credential, TOKEN_ALGORITHM_SHA256);
      token_credential_set_digits (credential, 8);
      break;
    default:
      {
        g_autoptr(GBytes) secret = token_secure_bytes_new (g_bytes_get_data (token_credential_get_secret (credential), NULL), 20);
        g_autoptr(TokenCredential) hotp = token_credential_new ("counter@example.com", TOKEN_KIND_HOTP, secret);

        token_credential_set_counter (hotp, 987654321);
        return token_uri_format (hotp);
      }
    }

  return token_uri_format (credential);
}

static char *
write_temporary (const char *directory,
                 const char *name,
                 GBytes     *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (directory, name, NULL);

  g_file_set_contents_full (path, g_bytes_get_data (contents, NULL),
                            (gssize) g_bytes_get_size (contents),
                            G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
  return path;
}

/* zbarimg (zbar-tools) reads the image on its standard input, so the code
 * is never written to a file. */
static char *
zbarimg (GBytes *image)
{
  const char *argv[] = { "zbarimg", "--raw", "-q", "--nodbus", "-", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) output = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, image, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  return g_strndup (g_bytes_get_data (output, NULL), g_bytes_get_size (output));
}

static void
test_png_zbarimg (void)
{
  for (guint variant = 0; variant < 3; variant++)
    {
      g_autoptr(TokenSecureString) uri = sample_uri (variant);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) png = token_qr_write_png (uri, 2 + variant * 3, &error);
      g_autoptr(TokenSecureString) output = NULL;
      g_autoptr(TokenSecureString) expected = NULL;

      g_assert_no_error (error);
      output = zbarimg (png);
      expected = g_strconcat (uri, "\n", NULL);
      g_assert_cmpstr (output, ==, expected);
    }
}

static GBytes *
to_jpeg (GBytes *png)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_loader_write_bytes (loader, png, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  gdk_pixbuf_save_to_buffer (gdk_pixbuf_loader_get_pixbuf (loader), &buffer, &size, "jpeg", &error,
                             "quality", "90", NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

static void
test_own_reader (void)
{
  for (guint variant = 0; variant < 3; variant++)
    {
      g_autoptr(TokenSecureString) uri = sample_uri (variant);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) png = token_qr_write_png (uri, 3, &error);
      g_autoptr(GBytes) jpeg = NULL;
      g_autoptr(TokenSecureString) from_png = NULL;
      g_autoptr(TokenSecureString) from_jpeg = NULL;

      g_assert_no_error (error);
      from_png = token_qr_read (png, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (from_png, ==, uri);

      jpeg = to_jpeg (png);
      from_jpeg = token_qr_read (jpeg, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (from_jpeg, ==, uri);
    }
}

static void
test_read_file (void)
{
  g_autoptr(TokenSecureString) uri = sample_uri (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = token_qr_write_png (uri, 2, NULL);
  g_autofree char *directory = g_dir_make_tmp ("soft-token-qr-XXXXXX", &error);
  g_autofree char *path = write_temporary (directory, "code.png", png);
  g_autofree char *missing_path = g_build_filename (directory, "missing.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(TokenSecureString) text = token_qr_read_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, uri);

  g_assert_null (token_qr_read_file (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (path);
  g_rmdir (directory);
}

/* Every pixel is black or white, every module a square of whole pixels,
 * inside a white quiet zone of four modules. */
static void
test_png_crisp (void)
{
  const guint module_pixels = 5;
  g_autoptr(TokenSecureString) uri = sample_uri (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = token_qr_write_png (uri, module_pixels, &error);
  g_autoptr(GBytes) modules = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  GdkPixbuf *pixbuf;
  const guint8 *dark;
  const guint8 *pixels;
  guint width;
  int side;

  g_assert_no_error (error);
  modules = token_qr_encode (uri, &width, &error);
  g_assert_no_error (error);
  dark = g_bytes_get_data (modules, NULL);

  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, png, NULL));
  g_assert_true (gdk_pixbuf_loader_close (loader, NULL));
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  side = gdk_pixbuf_get_width (pixbuf);
  g_assert_cmpint (side, ==, (int) ((width + 2 * TOKEN_QR_QUIET_ZONE) * module_pixels));
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, side);
  pixels = gdk_pixbuf_read_pixels (pixbuf);

  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      {
        const guint8 *p = pixels + y * gdk_pixbuf_get_rowstride (pixbuf)
                          + x * gdk_pixbuf_get_n_channels (pixbuf);
        int mx = x / (int) module_pixels - TOKEN_QR_QUIET_ZONE;
        int my = y / (int) module_pixels - TOKEN_QR_QUIET_ZONE;
        gboolean expect_dark = mx >= 0 && my >= 0 && mx < (int) width && my < (int) width
                               && dark[my * (int) width + mx];
        guint8 expected = expect_dark ? 0 : 255;

        g_assert_cmpuint (p[0], ==, expected);
        g_assert_cmpuint (p[1], ==, expected);
        g_assert_cmpuint (p[2], ==, expected);
      }
}

typedef struct
{
  char *view_box;
  char *path;
  guint n_elements;
} SvgParts;

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  SvgParts *parts = user_data;

  parts->n_elements++;
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (element, "svg") && g_str_equal (names[i], "viewBox"))
        parts->view_box = g_strdup (values[i]);
      if (g_str_equal (element, "path") && g_str_equal (names[i], "d"))
        parts->path = g_strdup (values[i]);
    }
}

/* The path is well-formed XML, its runs cover exactly the dark modules,
 * and the view box leaves the quiet zone around them. */
static void
test_svg (void)
{
  static const GMarkupParser parser = { svg_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(TokenSecureString) uri = sample_uri (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenSecureString) svg = token_qr_write_svg (uri, &error);
  g_autoptr(GBytes) modules = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree guint8 *drawn = NULL;
  g_autofree char *expected_box = NULL;
  SvgParts parts = { 0 };
  const guint8 *dark;
  const char *p;
  guint width;

  g_assert_no_error (error);
  modules = token_qr_encode (uri, &width, &error);
  g_assert_no_error (error);
  dark = g_bytes_get_data (modules, NULL);

  context = g_markup_parse_context_new (&parser, 0, &parts, NULL);
  g_assert_true (g_markup_parse_context_parse (context, svg, -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (svg, "shape-rendering=\"crispEdges\""));

  expected_box = g_strdup_printf ("0 0 %u %u", width + 8, width + 8);
  g_assert_cmpstr (parts.view_box, ==, expected_box);
  g_assert_nonnull (parts.path);

  drawn = g_malloc0 (width * width);
  for (p = parts.path; *p != '\0';)
    {
      guint x, y, run, back;
      int consumed = 0;

      g_assert_cmpint (sscanf (p, "M%u %uh%uv1h-%uz%n", &x, &y, &run, &back, &consumed), ==, 4);
      g_assert_cmpuint (run, ==, back);
      g_assert_cmpuint (x, >=, TOKEN_QR_QUIET_ZONE);
      g_assert_cmpuint (y, >=, TOKEN_QR_QUIET_ZONE);
      for (guint i = 0; i < run; i++)
        {
          g_assert_cmpuint (x - TOKEN_QR_QUIET_ZONE + i, <, width);
          drawn[(y - TOKEN_QR_QUIET_ZONE) * width + x - TOKEN_QR_QUIET_ZONE + i] = 1;
        }
      p += consumed;
    }
  g_assert_cmpmem (drawn, width * width, dark, width * width);

  g_free (parts.view_box);
  token_secure_string_free (parts.path);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
blank_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 200);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_status_t status;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 50, 50, 100, 20);
  cairo_fill (cr);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  g_assert_cmpint (status, ==, CAIRO_STATUS_SUCCESS);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static void
assert_read_refused (GBytes *image,
                     gint    code)
{
  g_autoptr(GError) error = NULL;
  char *text = token_qr_read (image, &error);

  g_assert_error (error, TOKEN_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_null (text);
}

static void
test_read_refuses (void)
{
  static const guint8 huge_png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 8, 2, 0, 0, 0, 0, 0, 0, 0,
  };
  static const guint8 jpeg_garbage[] = { 0xff, 0xd8, 0xff, 0x00, 0x01, 0x02, 0x03, 0x04 };
  static const char gif[] = "GIF89a\x01\x00\x01\x00";
  g_autoptr(TokenSecureString) uri = sample_uri (0);
  g_autoptr(GBytes) png = token_qr_write_png (uri, 4, NULL);
  g_autoptr(GBytes) blank = blank_png ();
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 2);
  g_autoptr(GBytes) text = g_bytes_new_static ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP", 40);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) huge = g_bytes_new_static (huge_png, sizeof huge_png);
  g_autoptr(GBytes) jpeg = g_bytes_new_static (jpeg_garbage, sizeof jpeg_garbage);
  g_autoptr(GBytes) gif_bytes = g_bytes_new_static (gif, sizeof gif - 1);

  assert_read_refused (blank, TOKEN_ERROR_NO_QR_CODE);
  assert_read_refused (text, TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_read_refused (empty, TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_read_refused (gif_bytes, TOKEN_ERROR_UNSUPPORTED_FORMAT);
  assert_read_refused (truncated, TOKEN_ERROR_DAMAGED_FILE);
  assert_read_refused (jpeg, TOKEN_ERROR_DAMAGED_FILE);
  assert_read_refused (huge, TOKEN_ERROR_TOO_LARGE);
}

static void
test_too_long (void)
{
  g_autofree char *text = g_strnfill (5000, 'x');
  g_autoptr(GError) error = NULL;
  guint width;

  g_assert_null (token_qr_encode (text, &width, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_null (token_qr_write_svg (text, &error));
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qr/png-zbarimg", test_png_zbarimg);
  g_test_add_func ("/qr/own-reader", test_own_reader);
  g_test_add_func ("/qr/read-file", test_read_file);
  g_test_add_func ("/qr/png-crisp", test_png_crisp);
  g_test_add_func ("/qr/svg", test_svg);
  g_test_add_func ("/qr/read-refuses", test_read_refuses);
  g_test_add_func ("/qr/too-long", test_too_long);

  return g_test_run ();
}
