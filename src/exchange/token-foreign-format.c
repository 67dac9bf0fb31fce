/* token-foreign-format.c: inputs of other apps that Soft Token does not
 * read, told by their contents and named in one sentence
 *
 * Two kinds: the internal databases of apps, which only a rooted phone can
 * copy and which Soft Token leaves out on purpose, and the exports of apps
 * that this version does not read. Either way the user learns in one
 * sentence what the file is, rather than one error for each of its lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "token-error.h"
#include "token-exchange-json.h"
#include "token-foreign-format.h"

/* A marker the file holds somewhere, and the sentence that names it. */
typedef struct
{
  const char *marker;
  const char *sentence;
} ContentMarker;

/* The header of every SQLite 3 database file. */
static const char sqlite_magic[16] = "SQLite format 3";

static const ContentMarker sqlite_markers[] = {
  { "auditlog_add_account", N_("This is Google Authenticator’s internal database, which Soft Token cannot read. Export the tokens from Google Authenticator as transfer QR codes instead.") },
  { "CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email", N_("This is Google Authenticator’s internal database, which Soft Token cannot read. Export the tokens from Google Authenticator as transfer QR codes instead.") },
  { "`paws_url`", N_("This is Microsoft Authenticator’s internal database, which Soft Token cannot read.") },
  { "CREATE TABLE \"authenticator\"", N_("This is Authenticator Pro’s internal database, which Soft Token cannot read. Make a backup in Authenticator Pro instead.") },
};

/* Android keeps an app's settings in an XML <map>. */
static const ContentMarker settings_markers[] = {
  { "com.authy.", N_("This is Authy’s internal database, which Soft Token cannot read.") },
  { "com.blizzard.", N_("This is Battle.net Authenticator’s internal database, which Soft Token cannot read.") },
  { "STATIC_TOTP_CODES_LIST", N_("This is TOTP Authenticator’s internal database, which Soft Token cannot read.") },
  { "name=\"tokenOrder\"", N_("This is FreeOTP’s internal database, which Soft Token cannot read. Make a backup in FreeOTP instead.") },
};

static gboolean
holds (const char *data,
       gsize       size,
       const char *marker)
{
  return memmem (data, size, marker, strlen (marker)) != NULL;
}

static const char *
find_marker (const char          *data,
             gsize                size,
             const ContentMarker *markers,
             guint                n_markers)
{
  for (guint i = 0; i < n_markers; i++)
    if (holds (data, size, markers[i].marker))
      return markers[i].sentence;

  return NULL;
}

static gboolean
has_members (JsonObject  *object,
             const char  *first,
             ...)
{
  va_list members;
  gboolean all = TRUE;

  va_start (members, first);
  for (const char *name = first; name != NULL && all; name = va_arg (members, const char *))
    all = json_object_has_member (object, name);
  va_end (members);

  return all;
}

/* The sentence for a JSON export of an app this version does not read. */
static const char *
recognise_json_object (JsonObject *object)
{
  if (has_members (object, "encrypted", "items", NULL))
    return N_("This is a Bitwarden export, which this version of Soft Token cannot read.");
  if (has_members (object, "tokenOrder", "tokens", NULL))
    return N_("This is a FreeOTP+ backup, which this version of Soft Token cannot read.");
  if (has_members (object, "Authenticators", NULL))
    return N_("This is an Authenticator Pro backup, which this version of Soft Token cannot read.");
  if (has_members (object, "deviceSecret", "accounts", NULL))
    return N_("This is a LastPass Authenticator export, which this version of Soft Token cannot read.");
  if (has_members (object, "encryptedData", "kdfParams", NULL))
    return N_("This is an encrypted Ente Auth export, which this version of Soft Token cannot read.");
  if (has_members (object, "shared_secret", NULL))
    return N_("This is a Steam Guard maFile, which this version of Soft Token cannot read.");
  if (has_members (object, "version", "entries", NULL) && !json_object_has_member (object, "header"))
    return N_("This is a Proton Authenticator export, which this version of Soft Token cannot read.");

  return NULL;
}

static const char *
recognise_json_array (JsonArray *array)
{
  JsonNode *first;
  JsonObject *object;

  if (json_array_get_length (array) == 0
      || !JSON_NODE_HOLDS_OBJECT (first = json_array_get_element (array, 0)))
    return NULL;

  object = json_node_get_object (first);
  if (has_members (object, "otpGenerator", "accountType", NULL))
    return N_("This is Duo Mobile’s internal database, which Soft Token cannot read.");
  if (has_members (object, "secret", "type", "label", NULL))
    return N_("This is an andOTP backup, which this version of Soft Token cannot read.");

  return NULL;
}

static const char *
recognise_json (const char *data,
                gsize       size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!token_exchange_json_is_shallow (data, size)
      || !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_OBJECT (root))
    return recognise_json_object (json_node_get_object (root));
  if (JSON_NODE_HOLDS_ARRAY (root))
    return recognise_json_array (json_node_get_array (root));

  return NULL;
}

static const char *
recognise (const char *data,
           gsize       size)
{
  gsize start;

  if (size >= sizeof sqlite_magic && memcmp (data, sqlite_magic, sizeof sqlite_magic) == 0)
    {
      const char *named = find_marker (data, size, sqlite_markers, G_N_ELEMENTS (sqlite_markers));

      return named != NULL ? named : N_("This is an SQLite database, not an export that Soft Token reads.");
    }

  for (start = 0; start < size && g_ascii_isspace (data[start]); start++)
    ;
  if (start < size && data[start] == '<' && holds (data, size, "<map>"))
    return find_marker (data, size, settings_markers, G_N_ELEMENTS (settings_markers));
  if (start < size && (data[start] == '{' || data[start] == '['))
    return recognise_json (data + start, size - start);

  return NULL;
}

/**
 * token_foreign_format_recognise:
 * @input: the whole input
 *
 * Returns: %TRUE, with @error set to the one sentence that names the
 *   input's kind, when @input is a file of another app that Soft Token
 *   does not read; %FALSE when it is none of those
 */
gboolean
token_foreign_format_recognise (GBytes  *input,
                                GError **error)
{
  gsize size;
  const char *data;
  const char *sentence;

  g_return_val_if_fail (input != NULL, FALSE);

  data = g_bytes_get_data (input, &size);
  if (size == 0 || (sentence = recognise (data, size)) == NULL)
    return FALSE;

  g_set_error_literal (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_FORMAT, _(sentence));
  return TRUE;
}
