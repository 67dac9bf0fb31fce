/* fuzz-2fas.c: the 2FAS backup reader on any bytes
 *
 * Whatever it is given, it reads a backup (each service a token or a named
 * problem) or refuses the whole input with an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-2fas.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) input = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = NULL;

  token_2fas_recognise (input);
  token_2fas_is_encrypted (input);
  import = token_2fas_read (input, NULL, &error);
  g_assert_true ((import == NULL) == (error != NULL));

  return 0;
}
