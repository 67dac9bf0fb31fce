/* token-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "token-i18n.h"

/* Follows the user's locale. SOFT_TOKEN_LOCALEDIR lets the build tree's
 * tests and screenshots use the catalogues in _build/po before anything
 * is installed. */
void
token_i18n_init (void)
{
  const char *localedir = g_getenv ("SOFT_TOKEN_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
