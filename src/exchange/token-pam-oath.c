/* token-pam-oath.c
 *
 * The users file of pam_oath (the UsersFile format of mod-authn-otp, read by
 * liboath) has one line a user:
 *
 *   TYPE USER PIN SECRET [COUNTER]
 *
 * TYPE is HOTP/T<period>/<digits> for a time-based token and HOTP/E/<digits>
 * for a counter-based one, PIN “-” for none, SECRET the seed in hex, and
 * COUNTER (HOTP only) the counter of the next code. liboath computes HMAC-SHA1
 * only, so tokens with another algorithm cannot be written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "token-error.h"
#include "token-pam-oath.h"
#include "token-secure.h"

static gboolean
user_is_valid (const char *user)
{
  if (*user == '\0' || *user == '#' || !g_utf8_validate (user, -1, NULL))
    return FALSE;

  for (const char *c = user; *c != '\0'; c++)
    if (g_ascii_isspace (*c) || g_ascii_iscntrl (*c))
      return FALSE;

  return TRUE;
}

/**
 * token_pam_oath_format_line:
 * @credential: a token with the SHA1 algorithm
 * @user: the login name the line is for
 *
 * Returns: (transfer full): the line, without a line end; it holds the
 *   secret, so free it with token_secure_string_free(). %NULL with @error
 *   set when pam_oath cannot use the token, or @user cannot be written.
 */
char *
token_pam_oath_format_line (TokenCredential  *credential,
                            const char       *user,
                            GError          **error)
{
  g_autofree char *head = NULL;
  g_autofree char *tail = NULL;
  const guint8 *secret;
  gsize secret_size;
  gsize head_length;
  gsize tail_length;
  char *line;

  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (credential), NULL);
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!user_is_valid (user))
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PARAMETERS,
                   _("“%s” cannot be a user name in a pam_oath users file"), user);
      return NULL;
    }
  if (token_credential_get_algorithm (credential) != TOKEN_ALGORITHM_SHA1)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_ALGORITHM,
                   _("pam_oath supports only SHA1 tokens, and this one uses %s"),
                   token_algorithm_to_string (token_credential_get_algorithm (credential)));
      return NULL;
    }

  if (token_credential_get_kind (credential) == TOKEN_KIND_HOTP)
    {
      head = g_strdup_printf ("HOTP/E/%u %s - ", token_credential_get_digits (credential), user);
      tail = g_strdup_printf (" %" G_GUINT64_FORMAT, token_credential_get_counter (credential));
    }
  else
    {
      head = g_strdup_printf ("HOTP/T%u/%u %s - ", token_credential_get_period (credential),
                              token_credential_get_digits (credential), user);
      tail = g_strdup ("");
    }

  /* One exact allocation for the line with the secret in it. */
  secret = g_bytes_get_data (token_credential_get_secret (credential), &secret_size);
  head_length = strlen (head);
  tail_length = strlen (tail);
  line = g_malloc (head_length + 2 * secret_size + tail_length + 1);
  memcpy (line, head, head_length);
  for (gsize i = 0; i < secret_size; i++)
    {
      line[head_length + 2 * i] = "0123456789abcdef"[secret[i] >> 4];
      line[head_length + 2 * i + 1] = "0123456789abcdef"[secret[i] & 15];
    }
  memcpy (line + head_length + 2 * secret_size, tail, tail_length + 1);

  return line;
}
