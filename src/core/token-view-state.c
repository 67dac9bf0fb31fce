/* token-view-state.c: what a token card shows at a given time
 *
 * A pure function of (credential, time, settings): the card only copies the
 * result into its widgets, and tests check it without a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "token-secure.h"
#include "token-view-state.h"

/* 6 digits read as 3+3, 7 as 3+4, 8 as 4+4: the way banks print them. */
void
token_view_group_code (const char *code,
                       char        grouped[TOKEN_VIEW_CODE_SIZE])
{
  gsize length;
  gsize first;

  g_return_if_fail (code != NULL);

  length = strlen (code);
  if (length > TOKEN_MAX_DIGITS || length < 4)
    {
      g_strlcpy (grouped, code, TOKEN_VIEW_CODE_SIZE);
      return;
    }

  first = length / 2;
  memcpy (grouped, code, first);
  grouped[first] = ' ';
  memcpy (grouped + first + 1, code + first, length - first);
  grouped[length + 1] = '\0';
}

/* “123 456” is read out as “1 2 3, 4 5 6”: digit by digit, with a pause
 * between the groups, as a person reads a code aloud. */
char *
token_view_dup_spoken_code (const char *grouped)
{
  GString *spoken;

  g_return_val_if_fail (grouped != NULL, NULL);

  spoken = g_string_new (NULL);
  for (const char *c = grouped; *c != '\0'; c++)
    {
      if (*c == ' ')
        {
          g_string_append_c (spoken, ',');
          continue;
        }
      if (spoken->len > 0)
        g_string_append_c (spoken, ' ');
      g_string_append_c (spoken, *c);
    }

  return g_string_free (spoken, FALSE);
}

void
token_view_state_clear (TokenViewState *state)
{
  g_return_if_fail (state != NULL);

  token_secure_wipe (state, sizeof *state);
}

static gboolean
grouped_code_at (TokenCredential  *credential,
                 gint64            unix_time,
                 char              grouped[TOKEN_VIEW_CODE_SIZE],
                 GError          **error)
{
  char code[TOKEN_CODE_BUFFER_SIZE];

  if (!token_credential_code_at (credential, unix_time, code, error))
    return FALSE;

  token_view_group_code (code, grouped);
  token_secure_wipe (code, sizeof code);
  return TRUE;
}

static gboolean
same_codes (const TokenViewState *previous,
            TokenKind             kind,
            guint64               step,
            guint                 digits)
{
  return previous != NULL
         && previous->kind == kind
         && previous->step == step
         && previous->digits == digits
         && previous->code[0] != '\0';
}

static gboolean
compute_totp (TokenCredential          *credential,
              gint64                    unix_time,
              const TokenViewSettings  *settings,
              const TokenViewState     *previous,
              TokenViewState           *state,
              GError                  **error)
{
  guint period = token_credential_get_period (credential);

  state->period = period;
  state->step = token_totp_counter (unix_time, period);
  state->seconds_left = token_totp_seconds_left (unix_time, period);
  state->fraction = (double) state->seconds_left / period;
  state->urgent = state->seconds_left <= TOKEN_VIEW_URGENT_SECONDS;

  /* HMACs only when the step changes, not at every tick. */
  if (same_codes (previous, TOKEN_KIND_TOTP, state->step, state->digits))
    {
      memcpy (state->code, previous->code, sizeof state->code);
      memcpy (state->upcoming_code, previous->upcoming_code, sizeof state->upcoming_code);
    }
  else if (!grouped_code_at (credential, unix_time, state->code, error)
           || !grouped_code_at (credential, unix_time + period, state->upcoming_code, error))
    {
      token_view_state_clear (state);
      return FALSE;
    }

  if (settings->show_next_code && state->seconds_left <= TOKEN_VIEW_NEXT_CODE_SECONDS)
    memcpy (state->next_code, state->upcoming_code, sizeof state->next_code);

  return TRUE;
}

/* An HOTP code is only made when the user asks (the store advances the
 * counter first), so the state carries over the code already shown for the
 * same counter, and is empty otherwise. */
static void
compute_hotp (TokenCredential      *credential,
              const TokenViewState *previous,
              TokenViewState       *state)
{
  state->step = token_credential_get_counter (credential);
  state->fraction = 1.0;

  if (same_codes (previous, TOKEN_KIND_HOTP, state->step, state->digits))
    memcpy (state->code, previous->code, sizeof state->code);
}

gboolean
token_view_state_compute (TokenCredential          *credential,
                          gint64                    unix_time,
                          const TokenViewSettings  *settings,
                          const TokenViewState     *previous,
                          TokenViewState           *state,
                          GError                  **error)
{
  TokenViewState result = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (credential), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  result.kind = token_credential_get_kind (credential);
  result.digits = token_credential_get_digits (credential);

  if (result.kind == TOKEN_KIND_TOTP)
    ok = compute_totp (credential, unix_time, settings, previous, &result, error);
  else
    compute_hotp (credential, previous, &result);

  /* previous and state may be the same struct. */
  memcpy (state, &result, sizeof result);
  token_view_state_clear (&result);
  return ok;
}
