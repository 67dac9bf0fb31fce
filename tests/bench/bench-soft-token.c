/* bench-soft-token.c: soft-token's own main(), with the benchmark hooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bench-window-hooks.h"
#include "token-application.h"
#include "token-i18n.h"
#include "token-store.h"

/* --add-example-token: puts one token in the (private) keyring and exits,
 * so that the benchmark measures a window with a ticking card. */
static int
add_example_token (void)
{
  g_autoptr(TokenStore) store = token_store_new ();
  g_autoptr(TokenCredential) credential = token_credential_new_random (NULL);
  g_autoptr(GError) error = NULL;

  token_credential_set_issuer (credential, "Example Bank");
  if (!token_store_add_sync (store, credential, TOKEN_STORE_ADD_NONE, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TokenApplication) application = NULL;

  token_i18n_init ();
  g_set_application_name (_("Soft Token"));

  if (argc > 1 && g_str_equal (argv[1], "--add-example-token"))
    return add_example_token ();

  application = token_application_new ();
  bench_window_hooks_install (GTK_APPLICATION (application));
  return g_application_run (G_APPLICATION (application), argc, argv);
}
