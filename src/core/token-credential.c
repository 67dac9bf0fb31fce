/* token-credential.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "token-credential.h"
#include "token-credential-id.h"
#include "token-name.h"
#include "token-enums.h"
#include "token-error.h"
#include "token-secure.h"

struct _TokenCredential
{
  GObject         parent_instance;

  char           *internal_id;
  char           *credential_id;
  char           *issuer;
  char           *label;
  TokenKind       kind;
  TokenAlgorithm  algorithm;
  guint           digits;
  guint           period;
  guint64         counter;
  gint64          created;
  gint64          expiry;
  GBytes         *secret;
};

G_DEFINE_FINAL_TYPE (TokenCredential, token_credential, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INTERNAL_ID,
  PROP_CREDENTIAL_ID,
  PROP_ISSUER,
  PROP_LABEL,
  PROP_KIND,
  PROP_ALGORITHM,
  PROP_DIGITS,
  PROP_PERIOD,
  PROP_COUNTER,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
token_credential_finalize (GObject *object)
{
  TokenCredential *self = (TokenCredential *) object;

  g_clear_pointer (&self->internal_id, g_free);
  g_clear_pointer (&self->credential_id, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->secret, g_bytes_unref);

  G_OBJECT_CLASS (token_credential_parent_class)->finalize (object);
}

static void
token_credential_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TokenCredential *self = TOKEN_CREDENTIAL (object);

  switch (prop_id)
    {
    case PROP_INTERNAL_ID:
      g_value_set_string (value, self->internal_id);
      break;
    case PROP_CREDENTIAL_ID:
      g_value_set_string (value, self->credential_id);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ALGORITHM:
      g_value_set_enum (value, self->algorithm);
      break;
    case PROP_DIGITS:
      g_value_set_uint (value, self->digits);
      break;
    case PROP_PERIOD:
      g_value_set_uint (value, self->period);
      break;
    case PROP_COUNTER:
      g_value_set_uint64 (value, self->counter);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_credential_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TokenCredential *self = TOKEN_CREDENTIAL (object);

  switch (prop_id)
    {
    case PROP_CREDENTIAL_ID:
      g_free (self->credential_id);
      self->credential_id = g_value_dup_string (value);
      break;
    case PROP_ISSUER:
      token_credential_set_issuer (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      token_credential_set_label (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_ALGORITHM:
      token_credential_set_algorithm (self, g_value_get_enum (value));
      break;
    case PROP_DIGITS:
      token_credential_set_digits (self, g_value_get_uint (value));
      break;
    case PROP_PERIOD:
      token_credential_set_period (self, g_value_get_uint (value));
      break;
    case PROP_COUNTER:
      token_credential_set_counter (self, g_value_get_uint64 (value));
      break;
    case PROP_CREATED:
      token_credential_set_created (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_credential_class_init (TokenCredentialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = token_credential_finalize;
  object_class->get_property = token_credential_get_property;
  object_class->set_property = token_credential_set_property;

  properties[PROP_INTERNAL_ID] =
    g_param_spec_string ("internal-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CREDENTIAL_ID] =
    g_param_spec_string ("credential-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, TOKEN_TYPE_KIND, TOKEN_KIND_TOTP,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALGORITHM] =
    g_param_spec_enum ("algorithm", NULL, NULL, TOKEN_TYPE_ALGORITHM, TOKEN_ALGORITHM_SHA1, flags);
  properties[PROP_DIGITS] =
    g_param_spec_uint ("digits", NULL, NULL, TOKEN_MIN_DIGITS, TOKEN_MAX_DIGITS,
                       TOKEN_DEFAULT_DIGITS, flags);
  properties[PROP_PERIOD] =
    g_param_spec_uint ("period", NULL, NULL, TOKEN_MIN_PERIOD, TOKEN_MAX_PERIOD,
                       TOKEN_DEFAULT_PERIOD, flags);
  properties[PROP_COUNTER] =
    g_param_spec_uint64 ("counter", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
token_credential_init (TokenCredential *self)
{
  self->kind = TOKEN_KIND_TOTP;
  self->algorithm = TOKEN_ALGORITHM_SHA1;
  self->digits = TOKEN_DEFAULT_DIGITS;
  self->period = TOKEN_DEFAULT_PERIOD;
}

/**
 * token_credential_new:
 * @credential_id: the ID, kept as given
 * @kind: TOTP or HOTP
 * @secret: the seed; the credential keeps a reference, so pass bytes that
 *   wipe themselves (token_secure_bytes_new())
 *
 * The other fields take the defaults of the Key URI Format: SHA1, 6 digits,
 * a 30-second period, counter 0.
 */
TokenCredential *
token_credential_new (const char *credential_id,
                      TokenKind   kind,
                      GBytes     *secret)
{
  TokenCredential *self;

  g_return_val_if_fail (credential_id != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  self = g_object_new (TOKEN_TYPE_CREDENTIAL,
                       "credential-id", credential_id,
                       "kind", kind,
                       NULL);
  self->secret = g_bytes_ref (secret);
  self->created = g_get_real_time () / G_USEC_PER_SEC;

  return self;
}

/**
 * token_credential_new_random:
 * @prefix: (nullable): four uppercase letters for the Credential ID, or
 *   %NULL for the default
 *
 * A new TOTP token: a 160-bit seed from the system's random generator and
 * a new Credential ID.
 */
TokenCredential *
token_credential_new_random (const char *prefix)
{
  g_autofree char *id = NULL;
  g_autoptr(GBytes) secret = NULL;
  guint8 *seed;

  g_return_val_if_fail (prefix == NULL || token_credential_id_prefix_is_valid (prefix), NULL);

  seed = g_malloc (TOKEN_NEW_SECRET_BYTES);
  if (RAND_bytes (seed, TOKEN_NEW_SECRET_BYTES) != 1)
    g_error ("The system random number generator failed");
  secret = token_secure_bytes_new_take (seed, TOKEN_NEW_SECRET_BYTES);

  id = token_credential_id_generate (prefix);
  return token_credential_new (id, TOKEN_KIND_TOTP, secret);
}

TokenCredential *
token_credential_copy (TokenCredential *self)
{
  TokenCredential *copy;

  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), NULL);

  copy = token_credential_new (self->credential_id, self->kind, self->secret);
  copy->internal_id = g_strdup (self->internal_id);
  copy->issuer = g_strdup (self->issuer);
  copy->label = g_strdup (self->label);
  copy->algorithm = self->algorithm;
  copy->digits = self->digits;
  copy->period = self->period;
  copy->counter = self->counter;
  copy->created = self->created;
  copy->expiry = self->expiry;

  return copy;
}

/**
 * token_credential_get_internal_id:
 *
 * Returns: (nullable): the token's stable internal ID, a lowercase UUID,
 *   or %NULL for a token that was never stored
 */
const char *
token_credential_get_internal_id (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), NULL);

  return self->internal_id;
}

/* Returns FALSE, changing nothing, unless @internal_id is a UUID. */
gboolean
token_credential_set_internal_id (TokenCredential *self,
                                  const char      *internal_id)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), FALSE);
  g_return_val_if_fail (internal_id != NULL, FALSE);

  if (!token_credential_internal_id_is_valid (internal_id))
    return FALSE;

  if (g_strcmp0 (self->internal_id, internal_id) != 0)
    {
      g_free (self->internal_id);
      self->internal_id = g_ascii_strdown (internal_id, -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERNAL_ID]);
    }
  return TRUE;
}

/* Gives a token that has no internal ID yet a new random one: done once,
 * when the token is first stored. */
const char *
token_credential_ensure_internal_id (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), NULL);

  if (self->internal_id == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      token_credential_set_internal_id (self, uuid);
    }
  return self->internal_id;
}

gboolean
token_credential_internal_id_is_valid (const char *text)
{
  return text != NULL && g_uuid_string_is_valid (text);
}

const char *
token_credential_get_credential_id (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), NULL);

  return self->credential_id;
}

const char *
token_credential_get_issuer (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), NULL);

  return self->issuer;
}

/* Empty strings are stored as %NULL, so “no issuer” has one spelling. */
static gboolean
set_optional_string (char       **field,
                     const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
token_credential_set_issuer (TokenCredential *self,
                             const char      *issuer)
{
  g_return_if_fail (TOKEN_IS_CREDENTIAL (self));

  if (set_optional_string (&self->issuer, issuer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ISSUER]);
}

const char *
token_credential_get_label (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), NULL);

  return self->label;
}

void
token_credential_set_label (TokenCredential *self,
                            const char      *label)
{
  g_return_if_fail (TOKEN_IS_CREDENTIAL (self));

  if (set_optional_string (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

TokenKind
token_credential_get_kind (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), TOKEN_KIND_TOTP);

  return self->kind;
}

TokenAlgorithm
token_credential_get_algorithm (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), TOKEN_ALGORITHM_SHA1);

  return self->algorithm;
}

void
token_credential_set_algorithm (TokenCredential *self,
                                TokenAlgorithm   algorithm)
{
  g_return_if_fail (TOKEN_IS_CREDENTIAL (self));
  g_return_if_fail (algorithm <= TOKEN_ALGORITHM_SHA512);

  if (self->algorithm == algorithm)
    return;

  self->algorithm = algorithm;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALGORITHM]);
}

guint
token_credential_get_digits (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), TOKEN_DEFAULT_DIGITS);

  return self->digits;
}

void
token_credential_set_digits (TokenCredential *self,
                             guint            digits)
{
  g_return_if_fail (TOKEN_IS_CREDENTIAL (self));
  g_return_if_fail (digits >= TOKEN_MIN_DIGITS && digits <= TOKEN_MAX_DIGITS);

  if (self->digits == digits)
    return;

  self->digits = digits;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIGITS]);
}

guint
token_credential_get_period (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), TOKEN_DEFAULT_PERIOD);

  return self->period;
}

void
token_credential_set_period (TokenCredential *self,
                             guint            period)
{
  g_return_if_fail (TOKEN_IS_CREDENTIAL (self));
  g_return_if_fail (period >= TOKEN_MIN_PERIOD && period <= TOKEN_MAX_PERIOD);

  if (self->period == period)
    return;

  self->period = period;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

guint64
token_credential_get_counter (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), 0);

  return self->counter;
}

void
token_credential_set_counter (TokenCredential *self,
                              guint64          counter)
{
  g_return_if_fail (TOKEN_IS_CREDENTIAL (self));

  if (self->counter == counter)
    return;

  self->counter = counter;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTER]);
}

/* The end of validity the issuer gave (VIP Access does), as Unix seconds;
 * 0 when there is none. Shown, never enforced: nobody knows what it does. */
gint64
token_credential_get_expiry (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), 0);

  return self->expiry;
}

void
token_credential_set_expiry (TokenCredential *self,
                             gint64           expiry)
{
  g_return_if_fail (TOKEN_IS_CREDENTIAL (self));
  g_return_if_fail (expiry >= 0);

  self->expiry = expiry;
}

gint64
token_credential_get_created (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), 0);

  return self->created;
}

void
token_credential_set_created (TokenCredential *self,
                              gint64           created)
{
  g_return_if_fail (TOKEN_IS_CREDENTIAL (self));

  if (self->created == created)
    return;

  self->created = created;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

/**
 * token_credential_get_secret:
 *
 * Returns: (transfer none): the seed. Never log it or put it anywhere that
 *   outlives the call.
 */
GBytes *
token_credential_get_secret (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), NULL);

  return self->secret;
}

/* The Credential ID as people read it: “SOFT 1234 5678”. */
char *
token_credential_dup_display_id (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), NULL);

  return token_credential_id_format (self->credential_id);
}

/* What names the token in a list: its issuer, else its label, else its ID. */
const char *
token_credential_get_title (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), NULL);

  if (self->issuer != NULL)
    return self->issuer;
  if (self->label != NULL)
    return self->label;
  return self->credential_id;
}

gboolean
token_credential_validate (TokenCredential  *self,
                           GError          **error)
{
  gsize size;

  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->credential_id == NULL || *self->credential_id == '\0'
      || !g_utf8_validate (self->credential_id, -1, NULL))
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_CREDENTIAL_ID,
                           _("The token has no Credential ID"));
      return FALSE;
    }

  size = g_bytes_get_size (self->secret);
  if (size < TOKEN_MIN_SECRET_BYTES)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_SECRET_TOO_SHORT,
                   _("The secret is too short: %u bits, and at least %u are needed"),
                   (guint) size * 8, TOKEN_MIN_SECRET_BYTES * 8);
      return FALSE;
    }
  if (size > TOKEN_MAX_SECRET_BYTES)
    {
      g_set_error (error, TOKEN_ERROR, TOKEN_ERROR_SECRET_TOO_LONG,
                   _("The secret is too long: %u bytes, and at most %u are allowed"),
                   (guint) size, TOKEN_MAX_SECRET_BYTES);
      return FALSE;
    }

  return TRUE;
}

gboolean
token_credential_code_for_counter (TokenCredential  *self,
                                   guint64           counter,
                                   char              code[TOKEN_CODE_BUFFER_SIZE],
                                   GError          **error)
{
  guint32 value;

  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!token_hotp (self->algorithm, self->secret, counter, self->digits, &value, error))
    return FALSE;

  token_otp_format_code (value, self->digits, code);
  return TRUE;
}

/**
 * token_credential_code_at:
 * @unix_time: seconds since 1970, at least 0
 *
 * The code this token shows at @unix_time: for TOTP the code of that time
 * step, for HOTP the code of the current counter (the time is ignored).
 */
gboolean
token_credential_code_at (TokenCredential  *self,
                          gint64            unix_time,
                          char              code[TOKEN_CODE_BUFFER_SIZE],
                          GError          **error)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), FALSE);

  if (self->kind == TOKEN_KIND_HOTP)
    return token_credential_code_for_counter (self, self->counter, code, error);

  if (unix_time < 0)
    {
      g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_INVALID_TIME,
                           _("The time is before 1970, when time-based codes begin"));
      return FALSE;
    }

  return token_credential_code_for_counter (self,
                                            token_totp_counter (unix_time, self->period),
                                            code, error);
}

static gboolean
secrets_equal (GBytes *a,
               GBytes *b)
{
  gsize size_a, size_b;
  const guint8 *data_a = g_bytes_get_data (a, &size_a);
  const guint8 *data_b = g_bytes_get_data (b, &size_b);

  return size_a == size_b && CRYPTO_memcmp (data_a, data_b, size_a) == 0;
}

gboolean
token_credential_equal (TokenCredential *a,
                        TokenCredential *b)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (a), FALSE);
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (b), FALSE);

  return g_strcmp0 (a->credential_id, b->credential_id) == 0
      && g_strcmp0 (a->issuer, b->issuer) == 0
      && g_strcmp0 (a->label, b->label) == 0
      && a->kind == b->kind
      && a->algorithm == b->algorithm
      && a->digits == b->digits
      && a->period == b->period
      && a->counter == b->counter
      && secrets_equal (a->secret, b->secret);
}

/* Issuers compare without regard to case, and no issuer equals an empty
 * one (set_optional_string() keeps both as %NULL). */
static gboolean
issuers_equal (const char *a,
               const char *b)
{
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  folded_a = g_utf8_casefold (a, -1);
  folded_b = g_utf8_casefold (b, -1);
  return g_str_equal (folded_a, folded_b);
}

gboolean
token_credential_id_matches (TokenCredential *self,
                             const char      *credential_id)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), FALSE);
  g_return_val_if_fail (credential_id != NULL, FALSE);

  return token_credential_id_equal (self->credential_id, credential_id);
}

gboolean
token_credential_issuer_matches (TokenCredential *self,
                                 const char      *issuer)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), FALSE);

  if (issuer != NULL && *issuer == '\0')
    issuer = NULL;
  return issuers_equal (self->issuer, issuer);
}

/**
 * token_credential_same_secret:
 *
 * Whether both tokens have the same seed, whatever else differs.
 */
gboolean
token_credential_same_secret (TokenCredential *a,
                              TokenCredential *b)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (a), FALSE);
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (b), FALSE);

  return secrets_equal (a->secret, b->secret);
}

/**
 * token_credential_same_token:
 *
 * The identity of DESIGN.md: two tokens are one token when their issuer and
 * Credential ID are equal (ignoring case), or when they make the same codes
 * (same secret, kind, algorithm, digits and, for TOTP, period). The same
 * account at two services is two tokens; so is one seed used for a TOTP and
 * a HOTP token, which give different codes.
 */
gboolean
token_credential_same_token (TokenCredential *a,
                             TokenCredential *b)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (a), FALSE);
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (b), FALSE);

  if (a->internal_id != NULL && b->internal_id != NULL
      && g_str_equal (a->internal_id, b->internal_id))
    return TRUE;

  if (issuers_equal (a->issuer, b->issuer) && token_credential_id_matches (a, b->credential_id))
    return TRUE;

  return secrets_equal (a->secret, b->secret)
      && a->kind == b->kind
      && a->algorithm == b->algorithm
      && a->digits == b->digits
      && (a->kind == TOKEN_KIND_HOTP || a->period == b->period);
}

/**
 * token_credential_dup_qualified_name:
 *
 * Returns: (transfer full): how a person names this token where its ID alone
 *   may be ambiguous: “Issuer:ID”, or the ID when it has no issuer
 */
char *
token_credential_dup_qualified_name (TokenCredential *self)
{
  g_return_val_if_fail (TOKEN_IS_CREDENTIAL (self), NULL);

  return token_name_qualified (self->issuer, self->credential_id);
}

const char *
token_kind_to_string (TokenKind kind)
{
  return kind == TOKEN_KIND_HOTP ? "hotp" : "totp";
}

gboolean
token_kind_from_string (const char *name,
                        TokenKind  *kind)
{
  g_return_val_if_fail (name != NULL && kind != NULL, FALSE);

  if (g_ascii_strcasecmp (name, "totp") == 0)
    *kind = TOKEN_KIND_TOTP;
  else if (g_ascii_strcasecmp (name, "hotp") == 0)
    *kind = TOKEN_KIND_HOTP;
  else
    return FALSE;

  return TRUE;
}
