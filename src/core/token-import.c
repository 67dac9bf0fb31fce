/* token-import.c
 *
 * Every reader of another app's format fills one of these: the credentials
 * it could read, in order, and for each part it skipped, where the part was
 * and why. Duplicates inside one input are caught here, so that each reader
 * does not have to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "token-error.h"
#include "token-import.h"

typedef struct
{
  guint  line;
  char  *name;
} Origin;

struct _TokenImport
{
  GObject     parent_instance;

  GListStore *credentials;
  GArray     *origins;
  GArray     *problems;
};

G_DEFINE_FINAL_TYPE (TokenImport, token_import, G_TYPE_OBJECT)

static void
origin_clear (gpointer data)
{
  Origin *origin = data;

  g_clear_pointer (&origin->name, g_free);
}

static void
problem_clear (gpointer data)
{
  TokenImportProblem *problem = data;

  g_clear_pointer (&problem->name, g_free);
  g_clear_error (&problem->error);
}

static void
token_import_finalize (GObject *object)
{
  TokenImport *self = (TokenImport *) object;

  g_clear_object (&self->credentials);
  g_clear_pointer (&self->origins, g_array_unref);
  g_clear_pointer (&self->problems, g_array_unref);

  G_OBJECT_CLASS (token_import_parent_class)->finalize (object);
}

static void
token_import_class_init (TokenImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = token_import_finalize;
}

static void
token_import_init (TokenImport *self)
{
  self->credentials = g_list_store_new (TOKEN_TYPE_CREDENTIAL);
  self->origins = g_array_new (FALSE, TRUE, sizeof (Origin));
  g_array_set_clear_func (self->origins, origin_clear);
  self->problems = g_array_new (FALSE, TRUE, sizeof (TokenImportProblem));
  g_array_set_clear_func (self->problems, problem_clear);
}

TokenImport *
token_import_new (void)
{
  return g_object_new (TOKEN_TYPE_IMPORT, NULL);
}

/**
 * token_import_get_credentials:
 *
 * Returns: (transfer none): the credentials that were read, in the order of
 *   the input, as a list of #TokenCredential
 */
GListModel *
token_import_get_credentials (TokenImport *self)
{
  g_return_val_if_fail (TOKEN_IS_IMPORT (self), NULL);

  return G_LIST_MODEL (self->credentials);
}

guint
token_import_get_n_problems (TokenImport *self)
{
  g_return_val_if_fail (TOKEN_IS_IMPORT (self), 0);

  return self->problems->len;
}

const TokenImportProblem *
token_import_get_problem (TokenImport *self,
                          guint        index)
{
  g_return_val_if_fail (TOKEN_IS_IMPORT (self), NULL);
  g_return_val_if_fail (index < self->problems->len, NULL);

  return &g_array_index (self->problems, TokenImportProblem, index);
}

/**
 * token_import_describe_problem:
 *
 * Returns: (transfer full): one sentence for a person: where the skipped
 *   part was, and what is wrong with it
 */
char *
token_import_describe_problem (const TokenImportProblem *problem)
{
  g_return_val_if_fail (problem != NULL && problem->error != NULL, NULL);

  if (problem->line > 0)
    /* Translators: “Line 3: The URI has no secret” */
    return g_strdup_printf (_("Line %u: %s"), problem->line, problem->error->message);
  if (problem->name != NULL)
    /* Translators: ““alice@example.com”: The entry has no secret” */
    return g_strdup_printf (_("“%s”: %s"), problem->name, problem->error->message);
  return g_strdup (problem->error->message);
}

/**
 * token_import_add_problem:
 * @error: (transfer full): why the part was skipped
 */
void
token_import_add_problem (TokenImport *self,
                          guint        line,
                          const char  *name,
                          GError      *error)
{
  TokenImportProblem problem = { line, g_strdup (name), error };

  g_return_if_fail (TOKEN_IS_IMPORT (self));
  g_return_if_fail (error != NULL);

  g_array_append_val (self->problems, problem);
}

static GError *
duplicate_error (const Origin *first)
{
  if (first->line > 0)
    return g_error_new (TOKEN_ERROR, TOKEN_ERROR_EXISTS,
                        _("This is the same token as the one on line %u"), first->line);
  if (first->name != NULL)
    return g_error_new (TOKEN_ERROR, TOKEN_ERROR_EXISTS,
                        _("This is the same token as “%s”"), first->name);
  return g_error_new_literal (TOKEN_ERROR, TOKEN_ERROR_EXISTS,
                              _("This token is given twice"));
}

/**
 * token_import_add:
 * @credential: a credential read from the input
 * @line: its line in the input, or 0
 * @name: (nullable): the name of its entry in the input
 *
 * Adds @credential unless it is not valid, repeats one already added (the
 * same token by token_credential_same_token()), or the input holds more than
 * %TOKEN_IMPORT_MAX_CREDENTIALS tokens; each of those becomes a problem.
 *
 * Returns: whether @credential was added
 */
gboolean
token_import_add (TokenImport     *self,
                  TokenCredential *credential,
                  guint            line,
                  const char      *name)
{
  GListModel *model;
  GError *error = NULL;
  Origin origin;

  g_return_val_if_fail (TOKEN_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (credential), FALSE);

  model = G_LIST_MODEL (self->credentials);

  if (!token_credential_validate (credential, &error))
    {
      token_import_add_problem (self, line, name, error);
      return FALSE;
    }

  if (g_list_model_get_n_items (model) >= TOKEN_IMPORT_MAX_CREDENTIALS)
    {
      token_import_add_problem (self, line, name,
                                g_error_new (TOKEN_ERROR, TOKEN_ERROR_TOO_LARGE,
                                             _("Only the first %d tokens are read"),
                                             TOKEN_IMPORT_MAX_CREDENTIALS));
      return FALSE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TokenCredential) other = g_list_model_get_item (model, i);

      if (token_credential_same_token (credential, other))
        {
          token_import_add_problem (self, line, name,
                                    duplicate_error (&g_array_index (self->origins, Origin, i)));
          return FALSE;
        }
    }

  origin.line = line;
  origin.name = g_strdup (name);
  g_array_append_val (self->origins, origin);
  g_list_store_append (self->credentials, credential);
  return TRUE;
}

/**
 * token_import_append:
 *
 * Adds what @other read to @self, as if it came from the same input: its
 * credentials (checked for duplicates again) and its problems.
 */
void
token_import_append (TokenImport *self,
                     TokenImport *other)
{
  GListModel *model;

  g_return_if_fail (TOKEN_IS_IMPORT (self));
  g_return_if_fail (TOKEN_IS_IMPORT (other));

  for (guint i = 0; i < other->problems->len; i++)
    {
      const TokenImportProblem *problem = token_import_get_problem (other, i);

      token_import_add_problem (self, problem->line, problem->name,
                                g_error_copy (problem->error));
    }

  model = G_LIST_MODEL (other->credentials);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TokenCredential) credential = g_list_model_get_item (model, i);
      const Origin *origin = &g_array_index (other->origins, Origin, i);

      token_import_add (self, credential, origin->line, origin->name);
    }
}
