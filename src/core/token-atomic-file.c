/* token-atomic-file.c
 *
 * The contents go to a temporary file beside the destination (same
 * directory, so the same file system), created with mode 0600, flushed to
 * disk, then renamed over the destination: a reader sees the old file or
 * the new one, never half of one. Any failure before the rename removes
 * the temporary file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "token-atomic-file.h"

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *display_name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not save “%s”: %s"), display_name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         size)
{
  while (size > 0)
    {
      gssize written = write (fd, data, size);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        return FALSE;
      if (written == 0)
        {
          errno = EIO;
          return FALSE;
        }

      data += written;
      size -= (gsize) written;
    }

  return TRUE;
}

/* So that the rename itself survives a crash. Failing here loses nothing:
 * the file is already complete and in place. */
static void
sync_directory (const char *directory)
{
  int fd = open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static gboolean
write_temporary (int      fd,
                 GBytes  *contents)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (contents, &size);
  gboolean written = write_all (fd, data, size) && fsync (fd) == 0;
  int saved_errno = errno;

  if (close (fd) != 0 && written)
    return FALSE;

  errno = saved_errno;
  return written;
}

/**
 * token_atomic_file_write:
 * @destination: a local file; replaced if it exists
 *
 * Writes @contents to @destination with mode 0600, atomically: on failure
 * or cancellation nothing is left behind and an existing file is kept.
 */
gboolean
token_atomic_file_write (GFile         *destination,
                         GBytes        *contents,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *directory = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *temporary_name = NULL;
  const char *path;
  int fd;

  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_peek_path (destination);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Soft Token can only save to a file on this computer"));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  directory = g_path_get_dirname (path);
  basename = g_path_get_basename (path);
  temporary_name = g_strdup_printf (".%s.XXXXXX", basename);
  temporary = g_build_filename (directory, temporary_name, NULL);

  fd = g_mkstemp_full (temporary, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, path);

  if (!write_temporary (fd, contents))
    {
      int saved_errno = errno;

      g_unlink (temporary);
      return set_errno_error (error, saved_errno, path);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (temporary);
      return FALSE;
    }

  if (g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temporary);
      return set_errno_error (error, saved_errno, path);
    }

  sync_directory (directory);
  return TRUE;
}
