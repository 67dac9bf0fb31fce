/* test-vip.c: the VIP Access request, reply and secret against the vectors
 * published by the open-source clients (see tests/vip/README)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <openssl/evp.h>

#include "token-base32.h"
#include "token-otp.h"
#include "token-secure.h"
#include "token-vip-error.h"
#include "token-vip-request.h"
#include "token-vip-response.h"

static const guint8 wrapping_key[16] = {
  0x01, 0xad, 0x9b, 0xc6, 0x82, 0xa3, 0xaa, 0x93,
  0xa9, 0xa3, 0x23, 0x9a, 0x86, 0xd6, 0xcc, 0xd9,
};

static GBytes *
bytes_from_hex (const char *hex)
{
  gsize length = strlen (hex) / 2;
  guint8 *data = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    data[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4
                        | g_ascii_xdigit_value (hex[2 * i + 1]));
  return g_bytes_new_take (data, length);
}

static char *
hex_of (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  GString *hex = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (hex, "%02x", data[i]);
  return g_string_free (hex, FALSE);
}

static GBytes *
bytes_from_base64 (const char *text)
{
  gsize length;
  guint8 *data = g_base64_decode (text, &length);

  return g_bytes_new_take (data, length);
}

/* Encrypts PLAIN as the service does, with no padding added: the tests give
 * the padding (right or wrong) themselves. */
static char *
wrap_base64 (const guint8 *iv,
             const guint8 *plain,
             gsize         length)
{
  EVP_CIPHER_CTX *context = EVP_CIPHER_CTX_new ();
  guint8 out[64];
  int out_length = 0;
  int final_length = 0;

  g_assert_cmpuint (length % 16, ==, 0);
  g_assert_cmpuint (length, <=, sizeof out);
  g_assert_true (EVP_EncryptInit_ex (context, EVP_aes_128_cbc (), NULL, wrapping_key, iv));
  EVP_CIPHER_CTX_set_padding (context, 0);
  g_assert_true (EVP_EncryptUpdate (context, out, &out_length, plain, (int) length));
  g_assert_true (EVP_EncryptFinal_ex (context, out + out_length, &final_length));
  EVP_CIPHER_CTX_free (context);
  return g_base64_encode (out, out_length + final_length);
}

static void
test_request_mac (void)
{
  struct { gint64 ts; const char *client_id; const char *mac; } vectors[] = {
    { 1412030064, "python-vipaccess-X.Y.Z", "MyvXiv5vU27qBbRDN2HwbVAp0n+e67QWfWhXlbPb4Q8=" },
    { 1412030064, "Mac-3E36319D3EA483BD", "Y95GpBio35otwd2H/4TjrukR0AnG7VR/KJ7qxz5Y370=" },
    { 1485223391, "Mac-980DC3811ADCE61E", "Nd5hKFb35v+ub9a0XOv1qHeJqQTg2ctbXymNhQxdWOI=" },
  };
  g_autofree char *java = token_vip_request_mac (1485665959, "Mac-25299F222BC21776");
  g_autoptr(GBytes) java_mac = bytes_from_base64 (java);
  g_autofree char *java_hex = hex_of (java_mac);

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *mac = token_vip_request_mac (vectors[i].ts, vectors[i].client_id);
      g_assert_cmpstr (mac, ==, vectors[i].mac);
    }
  g_assert_cmpstr (java_hex, ==,
                   "e10f774d57b8aa5389b76bfb3b47884fc888fd22d696fd47a33216e82435e6c0");
}

static void
test_request_bytes (void)
{
  const char *expected =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
    "<GetSharedSecret Id=\"1412030064\" Version=\"2.0\"\n"
    "    xmlns=\"http://www.verisign.com/2006/08/vipservice\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    "    <TokenModel>SYMC</TokenModel>\n"
    "    <ActivationCode></ActivationCode>\n"
    "    <OtpAlgorithm type=\"HMAC-SHA1-TRUNC-6DIGITS\"/>\n"
    "    <SharedSecretDeliveryMethod>HTTPS</SharedSecretDeliveryMethod>\n"
    "    <Extension extVersion=\"auth\" xsi:type=\"vip:ProvisionInfoType\"\n"
    "        xmlns:vip=\"http://www.verisign.com/2006/08/vipservice\">\n"
    "        <AppHandle>iMac010200</AppHandle>\n"
    "        <ClientIDType>BOARDID</ClientIDType>\n"
    "        <ClientID>python-vipaccess-X.Y.Z</ClientID>\n"
    "        <DistChannel>Symantec</DistChannel>\n"
    "        <ClientTimestamp>1412030064</ClientTimestamp>\n"
    "        <Data>MyvXiv5vU27qBbRDN2HwbVAp0n+e67QWfWhXlbPb4Q8=</Data>\n"
    "    </Extension>\n"
    "</GetSharedSecret>";
  g_autoptr(GError) error = NULL;
  g_autofree char *request = token_vip_request_build ("SYMC", "python-vipaccess-X.Y.Z",
                                                      1412030064, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (request, ==, expected);
}

static void
test_request_models (void)
{
  const char *good[] = { "SYMC", "SYDC", "VSST", "VSMT", "UBHE", "ABC" };
  const char *bad[] = { "", "SY", "SYMCX", "symc", "SYM<", "SYMC/VSMT" };
  g_autofree char *client_id = token_vip_client_id ();

  g_assert_cmpstr (client_id, ==, "soft-token-" PACKAGE_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (token_vip_model_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *request = token_vip_request_build (bad[i], client_id, 1, &error);

      g_assert_null (request);
      g_assert_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_INVALID_MODEL);
    }
}

static void
test_unwrap_vectors (void)
{
  struct { const char *iv; const char *cipher; const char *secret; } vectors[] = {
    { "Fsg1KafmAX80gUEDADijHw==", "ILBweOCEOoMBLJARzoeUIlu0+5m6b3khZljd5dozARk=",
      "5a716544d977675d22121f37c7763622f0135c69" },
    { "vqkQNXKvVUFE5MkLf9LjgA==", "v0STrB5yFAngrWjYBgzn1dtsW9yCsFnmTsOSi68AXvk=",
      "9c1a6ba3b865849135ab5a20a1890fd345964acd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) iv = bytes_from_base64 (vectors[i].iv);
      g_autoptr(GBytes) cipher = bytes_from_base64 (vectors[i].cipher);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) secret = token_vip_unwrap_secret (iv, cipher, &error);
      g_autofree char *hex = NULL;

      g_assert_no_error (error);
      hex = hex_of (secret);
      g_assert_cmpstr (hex, ==, vectors[i].secret);
    }
}

/* The UBHE and Java vectors are published here as their secrets only: wrap
 * each again, as the service does, and check that exactly it comes back. */
static void
test_unwrap_round_trip (void)
{
  const char *secrets[] = {
    "9a13cd3221adbd9752fc4545b69265b414b0fe6d",
    "3cb3f7c1b540b4ddf4cfea2e25b0129857545856",
  };
  g_autoptr(GBytes) iv = bytes_from_hex ("617bc21cf9c4b6904fb983a009f83778");

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autoptr(GBytes) secret = bytes_from_hex (secrets[i]);
      guint8 plain[32];
      g_autofree char *cipher_text = NULL;
      g_autoptr(GBytes) cipher = NULL;
      g_autoptr(GBytes) unwrapped = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *hex = NULL;

      memcpy (plain, g_bytes_get_data (secret, NULL), 20);
      memset (plain + 20, 0x0c, 12);
      cipher_text = wrap_base64 (g_bytes_get_data (iv, NULL), plain, sizeof plain);
      cipher = bytes_from_base64 (cipher_text);
      unwrapped = token_vip_unwrap_secret (iv, cipher, &error);
      g_assert_no_error (error);
      hex = hex_of (unwrapped);
      g_assert_cmpstr (hex, ==, secrets[i]);
    }
}

static void
assert_unwrap_refused (const guint8 *plain,
                       gsize         length)
{
  static const guint8 iv_data[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
  g_autoptr(GBytes) iv = g_bytes_new_static (iv_data, sizeof iv_data);
  g_autofree char *cipher_text = wrap_base64 (iv_data, plain, length);
  g_autoptr(GBytes) cipher = bytes_from_base64 (cipher_text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = token_vip_unwrap_secret (iv, cipher, &error);

  g_assert_null (secret);
  g_assert_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_BAD_SECRET);
}

static void
test_unwrap_strict (void)
{
  guint8 plain[48];

  /* 19 bytes and thirteen 0x0d: valid PKCS#7, but not a 20-byte secret. */
  memset (plain, 0x55, 19);
  memset (plain + 19, 0x0d, 13);
  assert_unwrap_refused (plain, 32);

  /* 20 bytes, one padding byte wrong. */
  memset (plain, 0x55, 20);
  memset (plain + 20, 0x0c, 12);
  plain[31] = 0x0b;
  assert_unwrap_refused (plain, 32);
  plain[31] = 0x0c;
  plain[20] = 0x00;
  assert_unwrap_refused (plain, 32);

  /* 32 bytes of secret and a full block of padding: 48 bytes. */
  memset (plain, 0x55, 32);
  memset (plain + 32, 0x10, 16);
  assert_unwrap_refused (plain, 48);

  /* A single block. */
  memset (plain, 0x10, 16);
  assert_unwrap_refused (plain, 16);
}

static void
test_unwrap_iv_length (void)
{
  g_autoptr(GBytes) iv = bytes_from_hex ("0001020304050607");
  g_autoptr(GBytes) cipher = bytes_from_base64 ("ILBweOCEOoMBLJARzoeUIlu0+5m6b3khZljd5dozARk=");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = token_vip_unwrap_secret (iv, cipher, &error);

  g_assert_null (secret);
  g_assert_error (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_BAD_SECRET);
}

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_build_filename (g_getenv ("SOFT_TOKEN_SOURCE_DIR"),
                                            "tests", "vip", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_real_reply (const char *name,
                   const char *id,
                   const char *base32_secret,
                   gint64      expiry_unix)
{
  gsize length;
  g_autofree char *reply = read_fixture (name, &length);
  g_autoptr(GDateTime) expiry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenCredential) credential = token_vip_response_parse (reply, length,
                                                                    &expiry, &error);
  g_autofree char *secret = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (token_credential_get_credential_id (credential), ==, id);
  g_assert_cmpstr (token_credential_get_issuer (credential), ==, "VIP Access");
  g_assert_cmpint (token_credential_get_kind (credential), ==, TOKEN_KIND_TOTP);
  g_assert_cmpint (token_credential_get_algorithm (credential), ==, TOKEN_ALGORITHM_SHA1);
  g_assert_cmpuint (token_credential_get_digits (credential), ==, 6);
  g_assert_cmpuint (token_credential_get_period (credential), ==, 30);
  secret = token_base32_encode (token_credential_get_secret (credential));
  g_assert_cmpstr (secret, ==, base32_secret);
  g_assert_cmpint (g_date_time_to_unix (expiry), ==, expiry_unix);
  g_assert_cmpint (token_credential_get_expiry (credential), ==, expiry_unix);
}

/* oathtool is an implementation that shares nothing with ours. */
static void
assert_oathtool_agrees (const char *hex_secret,
                        gint64      unix_time,
                        const char *code)
{
  g_autofree char *at = g_strdup_printf ("@%" G_GINT64_FORMAT, unix_time);
  const char *argv[] = { "oathtool", "--totp", "-N", at, hex_secret, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &output, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (g_strstrip (output), ==, code);
}

static void
test_reply_2014 (void)
{
  gsize length;
  g_autofree char *reply = read_fixture ("reply-2014.xml", &length);
  g_autoptr(TokenCredential) credential = token_vip_response_parse (reply, length, NULL, NULL);
  char code[TOKEN_CODE_BUFFER_SIZE];

  assert_real_reply ("reply-2014.xml", "SYMC26070843", "LJYWKRGZO5TV2IQSD434O5RWELYBGXDJ",
                     1506382582);
  g_assert_true (token_credential_code_at (credential, 1412030065, code, NULL));
  g_assert_cmpstr (code, ==, "111332");
  assert_oathtool_agrees ("5a716544d977675d22121f37c7763622f0135c69", 1412030065, code);
}

static void
test_reply_2021 (void)
{
  g_autoptr(GBytes) secret = bytes_from_hex ("9c1a6ba3b865849135ab5a20a1890fd345964acd");
  g_autofree char *base32 = token_base32_encode (secret);

  assert_real_reply ("reply-2021.xml", "SYMC88734197", base32,
                     /* UTCTimestamp + 1095 days, to the second */
                     1632619148 + 1095 * 86400);
}

/* A reply built from the 2014 one with one part changed. */
static char *
reply_replacing (const char *from,
                 const char *to)
{
  gsize length;
  g_autofree char *reply = read_fixture ("reply-2014.xml", &length);
  g_auto(GStrv) parts = g_strsplit (reply, from, 2);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strconcat (parts[0], to, parts[1], NULL);
}

static void
assert_reply_refused (const char *reply,
                      gint        code,
                      const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  g_autoptr(TokenCredential) credential = token_vip_response_parse (reply, strlen (reply),
                                                                    &expiry, &error);

  g_assert_null (credential);
  g_assert_null (expiry);
  g_assert_error (error, TOKEN_VIP_ERROR, code);
  if (in_message != NULL)
    g_assert_nonnull (strstr (error->message, in_message));
}

static void
assert_replaced_refused (const char *from,
                         const char *to,
                         gint        code,
                         const char *in_message)
{
  g_autofree char *reply = reply_replacing (from, to);

  assert_reply_refused (reply, code, in_message);
}

#define STATUS_REPLY \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<GetSharedSecretResponse RequestId=\"1\" Version=\"2.0\" " \
  "xmlns=\"http://www.verisign.com/2006/08/vipservice\">" \
  "<Status><ReasonCode>%s</ReasonCode><StatusMessage>%s</StatusMessage></Status>" \
  "</GetSharedSecretResponse>"

static void
test_reply_status (void)
{
  const char *statuses[][2] = {
    { "4E00", "Malformed request" },
    { "4E0D", "Unsupported token model" },
    { "4F04", "Expired or unsupported mobile application" },
    { "4F99", "Something else" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *reply = g_strdup_printf (STATUS_REPLY, statuses[i][0], statuses[i][1]);
      g_autofree char *shown = g_strdup_printf ("status %s, “%s”", statuses[i][0], statuses[i][1]);

      assert_reply_refused (reply, TOKEN_VIP_ERROR_SERVICE_STATUS, shown);
    }
}

static void
test_reply_malformed (void)
{
  gsize length;
  g_autofree char *reply = read_fixture ("reply-2014.xml", &length);
  g_autofree char *truncated = g_strndup (reply, length / 2);
  const char *nonsense[] = {
    "", "<html><body>Service unavailable</body></html>", "not xml at all",
    "<GetSharedSecretResponse><Status><ReasonCode>0000</ReasonCode>"
    "<StatusMessage>Success</StatusMessage></Status></GetSharedSecretResponse>",
    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
    "<GetSharedSecretResponse xmlns=\"http://www.verisign.com/2006/08/vipservice\">&e;"
    "</GetSharedSecretResponse>",
  };

  assert_reply_refused (truncated, TOKEN_VIP_ERROR_MALFORMED_REPLY, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (nonsense); i++)
    assert_reply_refused (nonsense[i], TOKEN_VIP_ERROR_MALFORMED_REPLY, NULL);

  /* Each required part, missing or wrong. */
  assert_replaced_refused ("<IV>Fsg1KafmAX80gUEDADijHw==</IV>", "",
                           TOKEN_VIP_ERROR_MALFORMED_REPLY, "IV");
  assert_replaced_refused ("Fsg1KafmAX80gUEDADijHw==", "Fsg1Kafm!X80gUEDADijHw==",
                           TOKEN_VIP_ERROR_MALFORMED_REPLY, "IV");
  assert_replaced_refused ("Fsg1KafmAX80gUEDADijHw==", "Fsg1KafmAX80gUED",
                           TOKEN_VIP_ERROR_BAD_SECRET, NULL);
  assert_replaced_refused ("<Cipher>ILBweOCEOoMBLJARzoeUIlu0+5m6b3khZljd5dozARk=</Cipher>", "",
                           TOKEN_VIP_ERROR_MALFORMED_REPLY, "Cipher");
  assert_replaced_refused ("ILBweOCEOoMBLJARzoeUIlu0+5m6b3khZljd5dozARk=",
                           "ILBweOCEOoMBLJARzoeUIlu0+5m6b3khZljd5dozARkILBweOCE=",
                           TOKEN_VIP_ERROR_BAD_SECRET, NULL);
  assert_replaced_refused ("HMAC-SHA1-TRUNC-6DIGITS", "HMAC-SHA256-TRUNC-8DIGITS",
                           TOKEN_VIP_ERROR_MALFORMED_REPLY, "AI");
  assert_replaced_refused ("<TimeStep>30</TimeStep>", "",
                           TOKEN_VIP_ERROR_MALFORMED_REPLY, "TimeStep");
  assert_replaced_refused ("<TimeStep>30</TimeStep>", "<TimeStep>0</TimeStep>",
                           TOKEN_VIP_ERROR_MALFORMED_REPLY, "TimeStep");
  assert_replaced_refused ("<Expiry>2017-09-25T23:36:22.056Z</Expiry>", "<Expiry>soon</Expiry>",
                           TOKEN_VIP_ERROR_MALFORMED_REPLY, "Expiry");
  assert_replaced_refused ("<ReasonCode>0000</ReasonCode>", "",
                           TOKEN_VIP_ERROR_MALFORMED_REPLY, "Status");
  /* The right names in another namespace are not the reply. */
  assert_replaced_refused ("xmlns=\"http://www.verisign.com/2006/08/vipservice\"",
                           "xmlns=\"http://example.com/other\"",
                           TOKEN_VIP_ERROR_MALFORMED_REPLY, NULL);
}

static void
test_reply_bad_padding (void)
{
  static const guint8 iv[16] = { 0x16, 0xc8, 0x35, 0x29 };
  guint8 plain[32];
  g_autofree char *cipher = NULL;
  g_autofree char *iv_text = g_base64_encode (iv, sizeof iv);
  g_autofree char *with_iv = reply_replacing ("Fsg1KafmAX80gUEDADijHw==", iv_text);
  g_auto(GStrv) parts = NULL;
  g_autofree char *reply = NULL;

  memset (plain, 0x41, 20);
  memset (plain + 20, 0x0c, 12);
  plain[25] = 0x0a;
  cipher = wrap_base64 (iv, plain, sizeof plain);
  parts = g_strsplit (with_iv, "ILBweOCEOoMBLJARzoeUIlu0+5m6b3khZljd5dozARk=", 2);
  reply = g_strconcat (parts[0], cipher, parts[1], NULL);
  assert_reply_refused (reply, TOKEN_VIP_ERROR_BAD_SECRET, NULL);
}

static void
test_reply_credential_id (void)
{
  const char *bad[] = { "SYMC2607084", "SYMC260708430", "SYM126070843", "symc26070843",
                        "SYMC2607084X", "" };

  g_assert_true (token_vip_credential_id_is_valid ("SYMC26070843"));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *attribute = g_strdup_printf ("Id=\"%s\"", bad[i]);

      g_assert_false (token_vip_credential_id_is_valid (bad[i]));
      assert_replaced_refused ("Id=\"SYMC26070843\"", attribute,
                               TOKEN_VIP_ERROR_BAD_CREDENTIAL_ID, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vip/request/mac", test_request_mac);
  g_test_add_func ("/vip/request/bytes", test_request_bytes);
  g_test_add_func ("/vip/request/models", test_request_models);
  g_test_add_func ("/vip/unwrap/vectors", test_unwrap_vectors);
  g_test_add_func ("/vip/unwrap/round-trip", test_unwrap_round_trip);
  g_test_add_func ("/vip/unwrap/strict", test_unwrap_strict);
  g_test_add_func ("/vip/unwrap/iv-length", test_unwrap_iv_length);
  g_test_add_func ("/vip/reply/2014", test_reply_2014);
  g_test_add_func ("/vip/reply/2021", test_reply_2021);
  g_test_add_func ("/vip/reply/status", test_reply_status);
  g_test_add_func ("/vip/reply/malformed", test_reply_malformed);
  g_test_add_func ("/vip/reply/bad-padding", test_reply_bad_padding);
  g_test_add_func ("/vip/reply/credential-id", test_reply_credential_id);

  return g_test_run ();
}
