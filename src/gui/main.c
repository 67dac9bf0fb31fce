/* main.c: soft-token, the desktop app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-application.h"
#include "token-i18n.h"
#include "token-process.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TokenApplication) application = NULL;

  token_process_harden ();
  token_i18n_init ();
  g_set_application_name (_("Soft Token"));

  application = token_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
