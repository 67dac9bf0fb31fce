/* token-uri.c
 *
 * otpauth://TYPE/[ISSUER:]ACCOUNT?secret=…&issuer=…&algorithm=…&digits=…
 *                                  &period=…&counter=…
 *
 * The account is the Credential ID; the local label of a token has no place
 * in the format and is not written. The strings that pass through here hold
 * the secret, so every copy is wiped before it is freed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "token-base32.h"
#include "token-error.h"
#include "token-secure.h"
#include "token-uri.h"

#define SCHEME "otpauth://"

typedef struct
{
  char           *type;
  char           *label_issuer;
  char           *account;
  char           *secret;
  char           *issuer;
  char           *algorithm;
  char           *digits;
  char           *period;
  char           *counter;
} UriParts;

static void
uri_parts_clear (UriParts *parts)
{
  g_free (parts->type);
  g_free (parts->label_issuer);
  g_free (parts->account);
  token_secure_string_free (parts->secret);
  g_free (parts->issuer);
  g_free (parts->algorithm);
  g_free (parts->digits);
  g_free (parts->period);
  g_free (parts->counter);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UriParts, uri_parts_clear)

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes %XX escapes (and “+” as a space when @plus_is_space, as in HTML
 * forms). The result must be UTF-8 with no NUL in it. */
static char *
percent_decode (const char  *text,
                gsize        length,
                gboolean     plus_is_space,
                GError     **error)
{
  g_autoptr(GString) out = g_string_sized_new (length + 1);

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '%')
        {
          int high = i + 2 < length ? hex_value (text[i + 1]) : -1;
          int low = i + 2 < length ? hex_value (text[i + 2]) : -1;

          if (high < 0 || low < 0 || (high == 0 && low == 0))
            {
              token_secure_wipe (out->str, out->len);
              g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_URI,
                                   _("The URI has a broken “%” escape"));
              return NULL;
            }
          g_string_append_c (out, (char) (high << 4 | low));
          i += 2;
        }
      else if (c == '+' && plus_is_space)
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, c);
    }

  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      token_secure_wipe (out->str, out->len);
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_URI,
                           _("The URI holds characters that are not valid text"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The label is “Issuer:Account”. An issuer may itself hold a colon, so when
 * the issuer parameter is given and begins the label, it marks the split. */
static gboolean
split_label (const char  *label,
             UriParts    *parts,
             GError     **error)
{
  gsize issuer_length = parts->issuer != NULL ? strlen (parts->issuer) : 0;
  const char *colon;
  const char *account;

  if (issuer_length > 0 && strncmp (label, parts->issuer, issuer_length) == 0
      && label[issuer_length] == ':')
    colon = label + issuer_length;
  else
    colon = strchr (label, ':');

  account = colon != NULL ? colon + 1 : label;
  while (*account == ' ')
    account++;

  if (*account == '\0')
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_LABEL,
                           _("The URI does not name an account or Credential ID"));
      return FALSE;
    }

  if (colon != NULL && colon != label)
    parts->label_issuer = g_strndup (label, colon - label);
  parts->account = g_strdup (account);
  return TRUE;
}

static char **
parameter_slot (UriParts   *parts,
                const char *key)
{
  if (g_str_equal (key, "secret"))
    return &parts->secret;
  if (g_str_equal (key, "issuer"))
    return &parts->issuer;
  if (g_str_equal (key, "algorithm"))
    return &parts->algorithm;
  if (g_str_equal (key, "digits"))
    return &parts->digits;
  if (g_str_equal (key, "period"))
    return &parts->period;
  if (g_str_equal (key, "counter"))
    return &parts->counter;
  return NULL;
}

static gboolean
parse_parameter (const char  *pair,
                 gsize        length,
                 UriParts    *parts,
                 GError     **error)
{
  const char *equals = memchr (pair, '=', length);
  g_autofree char *key = NULL;
  char **slot;

  if (equals == NULL)
    equals = pair + length;

  if (!(key = percent_decode (pair, equals - pair, TRUE, error)))
    return FALSE;

  /* Parameters other apps add (image, icon, color, …) are not ours to judge. */
  if ((slot = parameter_slot (parts, key)) == NULL)
    return TRUE;

  if (*slot != NULL)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_URI,
                   _("The URI gives the “%s” parameter twice"), key);
      return FALSE;
    }

  if (equals == pair + length)
    *slot = g_strdup ("");
  else
    *slot = percent_decode (equals + 1, pair + length - equals - 1, TRUE, error);

  return *slot != NULL;
}

static gboolean
split_uri (const char  *uri,
           UriParts    *parts,
           GError     **error)
{
  const char *type = uri + strlen (SCHEME);
  const char *slash = strchr (type, '/');
  const char *query;
  g_autofree char *label = NULL;
  gsize label_length;

  if (slash == NULL || slash == type)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_URI,
                           _("The URI has no token type; it should start with otpauth://totp/ or otpauth://hotp/"));
      return FALSE;
    }
  parts->type = g_ascii_strdown (type, slash - type);

  query = strchr (slash + 1, '?');
  label_length = query != NULL ? (gsize) (query - slash - 1) : strlen (slash + 1);
  if (!(label = percent_decode (slash + 1, label_length, FALSE, error)))
    return FALSE;

  for (const char *pair = query != NULL ? query + 1 : ""; *pair != '\0';)
    {
      gsize length = strcspn (pair, "&");

      if (length > 0 && !parse_parameter (pair, length, parts, error))
        return FALSE;
      pair += length + (pair[length] == '&');
    }

  return split_label (label, parts, error);
}

static gboolean
parse_number (const char  *text,
              guint64      max,
              guint64     *value)
{
  return text != NULL
      && g_ascii_isdigit (*text)
      && g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL);
}

static gboolean
apply_settings (TokenCredential  *credential,
                UriParts         *parts,
                GError          **error)
{
  guint64 number;

  if (parts->algorithm != NULL)
    {
      TokenAlgorithm algorithm;

      if (!token_algorithm_from_string (parts->algorithm, &algorithm))
        {
          g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_ALGORITHM,
                       _("The algorithm “%s” is not supported; use SHA1, SHA256 or SHA512"),
                       parts->algorithm);
          return FALSE;
        }
      token_credential_set_algorithm (credential, algorithm);
    }

  if (parts->digits != NULL)
    {
      if (!parse_number (parts->digits, G_MAXUINT, &number)
          || number < TOKEN_MIN_DIGITS || number > TOKEN_MAX_DIGITS)
        {
          g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_DIGITS,
                       _("Codes of “%s” digits are not supported; use 6, 7 or 8"),
                       parts->digits);
          return FALSE;
        }
      token_credential_set_digits (credential, (guint) number);
    }

  if (parts->period != NULL)
    {
      if (!parse_number (parts->period, G_MAXUINT, &number)
          || number < TOKEN_MIN_PERIOD || number > TOKEN_MAX_PERIOD)
        {
          g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_PERIOD,
                       _("A period of “%s” seconds is not supported; use 1 to %d"),
                       parts->period, TOKEN_MAX_PERIOD);
          return FALSE;
        }
      /* A period means nothing to a counter-based token; it is checked but
       * not kept, so that the token reads back the same once written. */
      if (token_credential_get_kind (credential) == TOKEN_KIND_TOTP)
        token_credential_set_period (credential, (guint) number);
    }

  if (token_credential_get_kind (credential) == TOKEN_KIND_HOTP)
    {
      if (parts->counter == NULL)
        {
          g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_MISSING_COUNTER,
                               _("The URI is for a counter-based (HOTP) token but gives no counter"));
          return FALSE;
        }
      if (!parse_number (parts->counter, G_MAXUINT64, &number))
        {
          g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_COUNTER,
                       _("The counter “%s” is not a whole number"), parts->counter);
          return FALSE;
        }
      token_credential_set_counter (credential, number);
    }

  return TRUE;
}

static GBytes *
decode_secret (const char  *secret,
               GError     **error)
{
  GBytes *bytes;
  gsize size;

  if (secret == NULL || *secret == '\0')
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_MISSING_SECRET,
                           _("The URI has no secret"));
      return NULL;
    }

  if (!(bytes = token_base32_decode (secret, error)))
    return NULL;

  size = g_bytes_get_size (bytes);
  if (size < TOKEN_MIN_SECRET_BYTES || size > TOKEN_MAX_SECRET_BYTES)
    {
      g_set_error (error, TOKEN_ERROR,
                   size < TOKEN_MIN_SECRET_BYTES ? TOKEN_ERROR_SECRET_TOO_SHORT
                                                 : TOKEN_ERROR_SECRET_TOO_LONG,
                   _("The secret has %u bits; a token needs %u to %u"),
                   (guint) size * 8, TOKEN_MIN_SECRET_BYTES * 8, TOKEN_MAX_SECRET_BYTES * 8);
      g_bytes_unref (bytes);
      return NULL;
    }

  return bytes;
}

/**
 * token_uri_parse:
 * @uri: an otpauth:// URI; white space around it is ignored
 *
 * Returns: (transfer full): the credential, or %NULL with @error set to a
 *   #TOKEN_ERROR that says what is wrong
 */
TokenCredential *
token_uri_parse (const char  *uri,
                 GError     **error)
{
  g_auto(UriParts) parts = { 0 };
  g_autoptr(TokenSecureString) trimmed = NULL;
  g_autoptr(TokenCredential) credential = NULL;
  g_autoptr(GBytes) secret = NULL;
  TokenKind kind;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (uri));

  if (strlen (trimmed) > TOKEN_URI_MAX_LENGTH)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_URI,
                   _("The URI is longer than %d characters"), TOKEN_URI_MAX_LENGTH);
      return NULL;
    }

  if (g_ascii_strncasecmp (trimmed, SCHEME, strlen (SCHEME)) != 0)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_URI,
                           _("This is not an otpauth:// URI"));
      return NULL;
    }

  if (!split_uri (trimmed, &parts, error))
    return NULL;

  if (!token_kind_from_string (parts.type, &kind))
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_TYPE,
                   _("The token type “%s” is not supported; use totp or hotp"), parts.type);
      return NULL;
    }

  if (!(secret = decode_secret (parts.secret, error)))
    return NULL;

  credential = token_credential_new (parts.account, kind, secret);

  /* When the label and the issuer parameter disagree, the parameter wins:
   * the Key URI Format makes it the authoritative one, and labels are often
   * rewritten by hand or by tools that do not escape colons. */
  token_credential_set_issuer (credential,
                               parts.issuer != NULL ? parts.issuer : parts.label_issuer);

  if (!apply_settings (credential, &parts, error))
    return NULL;

  return g_steal_pointer (&credential);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_uri_escape_string (text, NULL, FALSE);

  g_string_append (out, escaped);
}

/**
 * token_uri_format:
 *
 * Writes the issuer both in the label and as a parameter, the secret in
 * base32 without padding, and the other settings only when they differ from
 * the defaults (HOTP always gets its counter).
 *
 * Returns: (transfer full): the URI; it holds the secret, so free it with
 *   token_secure_string_free()
 */
char *
token_uri_format (TokenCredential *credential)
{
  g_autoptr(TokenSecureString) secret = NULL;
  g_autoptr(GString) head = g_string_new (SCHEME);
  g_autoptr(GString) tail = g_string_new (NULL);
  const char *issuer;

  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (credential), NULL);

  issuer = token_credential_get_issuer (credential);

  g_string_append_printf (head, "%s/",
                          token_kind_to_string (token_credential_get_kind (credential)));
  /* Without an issuer, a colon in the ID would be read as the split, so
   * an empty issuer is written before it. */
  if (issuer != NULL)
    append_escaped (head, issuer);
  if (issuer != NULL || strchr (token_credential_get_credential_id (credential), ':') != NULL)
    g_string_append_c (head, ':');
  append_escaped (head, token_credential_get_credential_id (credential));

  if (issuer != NULL)
    {
      g_string_append (tail, "&issuer=");
      append_escaped (tail, issuer);
    }
  if (token_credential_get_algorithm (credential) != TOKEN_ALGORITHM_SHA1)
    g_string_append_printf (tail, "&algorithm=%s",
                            token_algorithm_to_string (token_credential_get_algorithm (credential)));
  if (token_credential_get_digits (credential) != TOKEN_DEFAULT_DIGITS)
    g_string_append_printf (tail, "&digits=%u", token_credential_get_digits (credential));
  if (token_credential_get_kind (credential) == TOKEN_KIND_HOTP)
    g_string_append_printf (tail, "&counter=%" G_GUINT64_FORMAT,
                            token_credential_get_counter (credential));
  else if (token_credential_get_period (credential) != TOKEN_DEFAULT_PERIOD)
    g_string_append_printf (tail, "&period=%u", token_credential_get_period (credential));

  /* The secret goes in last, in one exact allocation, so that no growing
   * buffer leaves an unwiped copy of it behind. */
  secret = token_base32_encode (token_credential_get_secret (credential));
  return g_strconcat (head->str, "?secret=", secret, tail->str, NULL);
}
