/* token-secure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <openssl/crypto.h>

#include "token-secure.h"

typedef struct
{
  gpointer data;
  gsize    size;
} SecureBlock;

static void
secure_block_free (gpointer user_data)
{
  SecureBlock *block = user_data;

  token_secure_wipe (block->data, block->size);
  g_free (block->data);
  g_free (block);
}

void
token_secure_wipe (gpointer data,
                   gsize    size)
{
  if (data != NULL && size > 0)
    OPENSSL_cleanse (data, size);
}

/* Takes ownership of @data, which must come from g_malloc(). */
GBytes *
token_secure_bytes_new_take (gpointer data,
                             gsize    size)
{
  SecureBlock *block = g_new (SecureBlock, 1);

  block->data = data;
  block->size = size;

  return g_bytes_new_with_free_func (data, size, secure_block_free, block);
}

GBytes *
token_secure_bytes_new (gconstpointer data,
                        gsize         size)
{
  return token_secure_bytes_new_take (g_memdup2 (data, size), size);
}

void
token_secure_string_free (char *string)
{
  if (string == NULL)
    return;

  token_secure_wipe (string, strlen (string));
  g_free (string);
}
