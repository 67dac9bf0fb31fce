/* main.c: soft-token-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "token-cli.h"
#include "token-i18n.h"
#include "token-process.h"

int
main (int    argc,
      char **argv)
{
  token_process_harden ();
  token_i18n_init ();
  /* Each command parses its options from its own argv, whose first
   * element is the command; usage lines name the program. */
  g_set_prgname ("soft-token-cli");

  return token_cli_run (argc, argv);
}
