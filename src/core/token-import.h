/* token-import.h: what a file or a scanned code brought in, and what it could not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "token-credential.h"

G_BEGIN_DECLS

/* More tokens than anyone carries; a bigger input is refused as a whole. */
#define TOKEN_IMPORT_MAX_CREDENTIALS 1000

/* One part of the input that was skipped, and why. @line is 0 for inputs that
 * are not read line by line; @name is %NULL when the entry had none. */
typedef struct
{
  guint   line;
  char   *name;
  GError *error;
} TokenImportProblem;

#define TOKEN_TYPE_IMPORT (token_import_get_type ())

G_DECLARE_FINAL_TYPE (TokenImport, token_import, TOKEN, IMPORT, GObject)

TokenImport              *token_import_new              (void);
GListModel               *token_import_get_credentials  (TokenImport       *self);
guint                     token_import_get_n_problems   (TokenImport       *self);
const TokenImportProblem *token_import_get_problem      (TokenImport       *self,
                                                         guint              index);
char                     *token_import_describe_problem (const TokenImportProblem *problem);

gboolean                  token_import_add              (TokenImport       *self,
                                                         TokenCredential   *credential,
                                                         guint              line,
                                                         const char        *name);
void                      token_import_add_problem      (TokenImport       *self,
                                                         guint              line,
                                                         const char        *name,
                                                         GError            *error);
void                      token_import_append           (TokenImport       *self,
                                                         TokenImport       *other);

G_END_DECLS
