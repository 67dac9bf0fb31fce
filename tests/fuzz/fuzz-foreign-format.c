/* fuzz-foreign-format.c: the recogniser of other apps' files on any bytes
 *
 * Whatever it is given, it either names the input's kind in one sentence
 * (an error set) or leaves it to the readers (no error).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-foreign-format.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) input = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  gboolean named = token_foreign_format_recognise (input, &error);

  g_assert_true (named == (error != NULL));
  if (named)
    g_assert_null (strchr (error->message, '\n'));

  return 0;
}
