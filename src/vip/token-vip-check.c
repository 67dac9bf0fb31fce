/* token-vip-check.c
 *
 * otpCheck takes the current code, one digit a field (cr1..cr6); otpSync
 * takes the code of the period before and the current one (ncr1..ncr6).
 * The pages they answer are not published: only three sentences are known,
 * so only those are matched and anything else is reported as such.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "token-vip-check.h"
#include "token-vip-error.h"
#include "token-vip-response.h"

#define CHECK_WORKING "Your VIP Credential is working correctly"
#define CHECK_NEEDS_SYNC "Your VIP credential needs to be sync"
#define SYNC_DONE "Your VIP Credential is successfully synced"

/* A credential VIP Access issued: its issuer and an ID of VIP's shape. */
gboolean
token_vip_credential_is_vip (TokenCredential *credential)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (credential), FALSE);

  return g_strcmp0 (token_credential_get_issuer (credential), TOKEN_VIP_ISSUER) == 0
         && token_vip_credential_id_is_valid (token_credential_get_credential_id (credential))
         && token_credential_get_kind (credential) == TOKEN_KIND_TOTP;
}

static void
append_digits (GString    *form,
               const char *prefix,
               const char *code)
{
  for (guint i = 0; code[i] != '\0'; i++)
    g_string_append_printf (form, "%s%u=%c&", prefix, i + 1, code[i]);
}

char *
token_vip_check_form (TokenCredential  *credential,
                      gint64            unix_time,
                      gboolean          sync,
                      GError          **error)
{
  char code[TOKEN_CODE_BUFFER_SIZE];
  char previous[TOKEN_CODE_BUFFER_SIZE];
  g_autofree char *id = NULL;
  GString *form;
  guint period;

  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (credential), NULL);

  if (token_credential_get_kind (credential) != TOKEN_KIND_TOTP
      || token_credential_get_digits (credential) != 6)
    {
      g_set_error_literal (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_CHECK_FAILED,
                           _("VIP Access can only check time-based tokens with six-digit codes"));
      return NULL;
    }
  period = token_credential_get_period (credential);
  if (!token_credential_code_at (credential, unix_time, code, error))
    return NULL;
  if (sync && !token_credential_code_at (credential, unix_time - period, previous, error))
    return NULL;

  form = g_string_new (NULL);
  append_digits (form, "cr", sync ? previous : code);
  if (sync)
    append_digits (form, "ncr", code);
  id = g_uri_escape_string (token_credential_get_credential_id (credential), NULL, FALSE);
  g_string_append_printf (form, "cred=%s&continue=%s", id, sync ? "otp_sync" : "otp_check");
  return g_string_free (form, FALSE);
}

static gboolean
page_says (const char *page,
           gsize       length,
           const char *sentence)
{
  return g_strstr_len (page, length, sentence) != NULL;
}

gboolean
token_vip_check_reply (const char  *page,
                       gsize        length,
                       gboolean     sync,
                       GError     **error)
{
  g_return_val_if_fail (page != NULL || length == 0, FALSE);

  if (page_says (page, length, sync ? SYNC_DONE : CHECK_WORKING))
    return TRUE;

  if (!sync && page_says (page, length, CHECK_NEEDS_SYNC))
    g_set_error_literal (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_NEEDS_SYNC,
                         _("VIP Access knows this credential, but its codes are out of step: sync it"));
  else if (sync)
    g_set_error_literal (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_CHECK_FAILED,
                         _("VIP Access did not sync this credential: it may not know the Credential ID, or the last check was less than a minute ago"));
  else
    g_set_error_literal (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_CHECK_FAILED,
                         _("VIP Access did not accept this credential’s code: it may not know the Credential ID"));
  return FALSE;
}
