/* token-keyring-error.c
 *
 * Everything libsecret and D-Bus can say, in our words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "token-error.h"
#include "token-keyring-error.h"

static gboolean
is_missing_service (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

GError *
token_keyring_error_new (const GError *source,
                         gboolean      timed_out)
{
  if (timed_out
      || g_error_matches (source, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)
      || g_error_matches (source, G_DBUS_ERROR, G_DBUS_ERROR_TIMEOUT)
      || g_error_matches (source, G_DBUS_ERROR, G_DBUS_ERROR_TIMED_OUT)
      || g_error_matches (source, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY))
    return g_error_new_literal (TOKEN_ERROR, TOKEN_ERROR_TIMEOUT,
                                _("The keyring did not answer in time. Try again, or restart your session if it keeps happening."));

  if (source->domain == TOKEN_ERROR
      || g_error_matches (source, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (source);

  if (g_error_matches (source, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (TOKEN_ERROR, TOKEN_ERROR_KEYRING_LOCKED,
                                _("The keyring is locked. Unlock it to use your tokens."));

  if (g_error_matches (source, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT))
    return g_error_new_literal (TOKEN_ERROR, TOKEN_ERROR_NOT_FOUND,
                                _("The token is no longer in the keyring."));

  if (is_missing_service (source))
    return g_error_new_literal (TOKEN_ERROR, TOKEN_ERROR_NO_SERVICE,
                                _("No keyring service is running. Soft Token keeps tokens in a Secret Service keyring, such as GNOME Keyring; start one, or log in to a desktop session that has one."));

  return g_error_new (TOKEN_ERROR, TOKEN_ERROR_NO_SERVICE,
                      _("The keyring service could not be used: %s"), source->message);
}
