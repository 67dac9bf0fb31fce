/* token-store-lock.c
 *
 * A read-modify-write of the keyring (the next HOTP code, adding tokens
 * that must not be there yet) is made atomic across processes by an
 * exclusive flock() on $XDG_RUNTIME_DIR/soft-token/keyring.lock. The file
 * holds nothing; it lives in the user's private runtime directory, so
 * another user can neither read nor hold it. flock() waits in a thread
 * of its own, and is retried rather than blocked on so that a cancelled
 * operation stops waiting at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "token-error.h"
#include "token-store-lock.h"

#define LOCK_RETRY_USEC (5 * 1000)

static char *
lock_path (void)
{
  return g_build_filename (g_get_user_runtime_dir (), "soft-token", "keyring.lock", NULL);
}

static int
open_lock_file (GError **error)
{
  g_autofree char *path = lock_path ();
  g_autofree char *directory = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (directory, 0700) != 0
      || (fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_NO_SERVICE,
                   _("Could not open the lock file %s: %s"), path, g_strerror (saved_errno));
      return -1;
    }
  return fd;
}

static void
acquire_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  int fd = open_lock_file (&error);

  if (fd < 0)
    {
      g_task_return_error (task, error);
      return;
    }

  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (errno != EWOULDBLOCK && errno != EINTR)
        {
          int saved_errno = errno;

          close (fd);
          g_task_return_new_error (task, TOKEN_ERROR, TOKEN_ERROR_NO_SERVICE,
                                   _("Could not lock the keyring for this change: %s"),
                                   g_strerror (saved_errno));
          return;
        }
      if (g_task_return_error_if_cancelled (task))
        {
          close (fd);
          return;
        }
      g_usleep (LOCK_RETRY_USEC);
    }

  g_task_return_int (task, fd);
}

void
token_store_lock_acquire_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_name (task, "token_store_lock_acquire_async");
  g_task_run_in_thread (task, acquire_in_thread);
}

int
token_store_lock_acquire_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);

  return (int) g_task_propagate_int (G_TASK (result), error);
}

void
token_store_lock_release (int fd)
{
  if (fd >= 0)
    close (fd);
}
