/* fuzz-aegis.c: the Aegis vault reader on any bytes
 *
 * Without a password, an encrypted vault is checked up to the key
 * derivation (its slots and scrypt parameters) and stops there, so each
 * input takes microseconds; plain vaults go through the whole reader. What
 * reads must write back and read again as the same tokens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-aegis.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) vault = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = NULL;
  g_autoptr(TokenImport) again = NULL;
  g_autoptr(GPtrArray) credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) written = NULL;
  GListModel *model;

  token_aegis_is_encrypted (vault);

  import = token_aegis_read (vault, NULL, &error);
  if (import == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_assert_no_error (error);

  model = token_import_get_credentials (import);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (credentials, g_list_model_get_item (model, i));

  written = token_aegis_write (credentials, &error);
  g_assert_no_error (error);
  again = token_aegis_read (written, NULL, &error);
  g_assert_no_error (error);

  model = token_import_get_credentials (again);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, credentials->len);
  g_assert_cmpuint (token_import_get_n_problems (again), ==, 0);
  for (guint i = 0; i < credentials->len; i++)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (model, i);

      g_assert_true (token_credential_equal (credential, g_ptr_array_index (credentials, i)));
    }

  return 0;
}
