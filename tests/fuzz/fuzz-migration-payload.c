/* fuzz-migration-payload.c: the Google Authenticator payload decoder on any
 * bytes
 *
 * A payload that decodes holds only valid tokens, all of which Google's
 * format can hold again; one that does not decode says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-migration.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) payload = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenMigrationPart) part = token_migration_decode (payload, &error);
  g_autoptr(GPtrArray) credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) encoded = NULL;
  GListModel *model;

  if (part == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (part->batch_index, <, part->batch_size);

  model = token_import_get_credentials (part->import);
  g_assert_cmpuint (g_list_model_get_n_items (model), <=, TOKEN_MIGRATION_MAX_CREDENTIALS);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      TokenCredential *credential = g_list_model_get_item (model, i);

      g_assert_true (token_credential_validate (credential, NULL));
      g_ptr_array_add (credentials, credential);
    }

  encoded = token_migration_encode (credentials, part->batch_size, part->batch_index,
                                    part->batch_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (encoded);

  return 0;
}
