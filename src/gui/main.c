/* main.c: soft-token, the desktop app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "token-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TokenApplication) application = NULL;
  const char *localedir = g_getenv ("SOFT_TOKEN_LOCALEDIR");

  /* SOFT_TOKEN_LOCALEDIR lets the build tree's tests and screenshots use
   * the catalogues in _build/po before anything is installed. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Soft Token"));

  application = token_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
