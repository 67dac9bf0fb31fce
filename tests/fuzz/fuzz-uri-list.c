/* fuzz-uri-list.c: the otpauth:// list reader on any text
 *
 * What reads must write back as URIs and read again as the same tokens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-secure.h"
#include "token-uri-list.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenImport) import = token_uri_list_parse ((const char *) data, (gssize) size, &error);
  g_autoptr(TokenImport) again = NULL;
  g_autoptr(GPtrArray) credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TokenSecureString) text = NULL;
  GListModel *model;

  if (import == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }

  model = token_import_get_credentials (import);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (credentials, g_list_model_get_item (model, i));

  text = token_uri_list_format (credentials);
  again = token_uri_list_parse (text, -1, &error);
  g_assert_no_error (error);

  model = token_import_get_credentials (again);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, credentials->len);
  for (guint i = 0; i < credentials->len; i++)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (model, i);

      g_assert_true (token_credential_equal (credential, g_ptr_array_index (credentials, i)));
    }

  return 0;
}
