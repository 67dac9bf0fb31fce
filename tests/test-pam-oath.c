/* test-pam-oath.c: the users-file lines we write, as pam_oath reads them
 *
 * pamtester takes its PAM configuration from /etc/pam.d, which a test must
 * not touch: it runs in a private mount namespace (unshare --mount) where a
 * temporary directory is bound over /etc/pam.d, so the change is seen by
 * that one process and disappears with it. Codes go to pamtester on its
 * standard input, and no secret is ever on a command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "token-error.h"
#include "token-pam-oath.h"
#include "token-secure.h"

#define SERVICE "soft-token-test"
#define RFC_SECRET "12345678901234567890"
#define RFC_SECRET_HEX "3132333435363738393031323334353637383930"

static TokenCredential *
rfc_credential (TokenKind kind)
{
  g_autoptr(GBytes) secret = token_secure_bytes_new (RFC_SECRET, strlen (RFC_SECRET));

  return token_credential_new ("SOFT12345670", kind, secret);
}

static void
test_format (void)
{
  g_autoptr(TokenCredential) totp = rfc_credential (TOKEN_KIND_TOTP);
  g_autoptr(TokenCredential) hotp = rfc_credential (TOKEN_KIND_HOTP);
  g_autoptr(TokenSecureString) line = NULL;

  line = token_pam_oath_format_line (totp, "alice", NULL);
  g_assert_cmpstr (line, ==, "HOTP/T30/6 alice - " RFC_SECRET_HEX);
  g_clear_pointer (&line, token_secure_string_free);

  token_credential_set_digits (totp, 8);
  token_credential_set_period (totp, 60);
  line = token_pam_oath_format_line (totp, "alice", NULL);
  g_assert_cmpstr (line, ==, "HOTP/T60/8 alice - " RFC_SECRET_HEX);
  g_clear_pointer (&line, token_secure_string_free);

  token_credential_set_counter (hotp, 42);
  line = token_pam_oath_format_line (hotp, "bob", NULL);
  g_assert_cmpstr (line, ==, "HOTP/E/6 bob - " RFC_SECRET_HEX " 42");
}

static void
test_refuses (void)
{
  static const char * const bad_users[] = { "", "two words", "tab\there", "#comment", "line\nend" };
  g_autoptr(TokenCredential) credential = rfc_credential (TOKEN_KIND_TOTP);
  g_autoptr(GError) error = NULL;
  char *line;

  for (guint i = 0; i < G_N_ELEMENTS (bad_users); i++)
    {
      line = token_pam_oath_format_line (credential, bad_users[i], &error);
      g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_BAD_PARAMETERS);
      g_assert_null (line);
      g_clear_error (&error);
    }

  token_credential_set_algorithm (credential, TOKEN_ALGORITHM_SHA256);
  line = token_pam_oath_format_line (credential, "alice", &error);
  g_assert_error (error, TOKEN_ERROR, TOKEN_ERROR_UNSUPPORTED_ALGORITHM);
  g_assert_null (line);
}

typedef struct
{
  char *directory;
  char *pam_directory;
  char *users_file;
} Sandbox;

static void
sandbox_clear (Sandbox *sandbox)
{
  if (sandbox->directory != NULL)
    {
      g_autoptr(GDir) dir = NULL;
      g_autofree char *config = g_build_filename (sandbox->pam_directory, SERVICE, NULL);
      const char *name;

      g_unlink (config);
      g_rmdir (sandbox->pam_directory);
      /* pam_oath rewrites the users file through a lock and a new file. */
      if ((dir = g_dir_open (sandbox->directory, 0, NULL)) != NULL)
        while ((name = g_dir_read_name (dir)) != NULL)
          {
            g_autofree char *path = g_build_filename (sandbox->directory, name, NULL);

            g_unlink (path);
          }
      g_rmdir (sandbox->directory);
    }
  g_free (sandbox->directory);
  g_free (sandbox->pam_directory);
  g_free (sandbox->users_file);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sandbox, sandbox_clear)

/* Runs pamtester for @user in the private namespace, with @code on its
 * input (NULL: only checks that the namespace can be made). */
static gboolean
run_pamtester (Sandbox     *sandbox,
               const char  *user,
               const char  *code,
               char       **errors)
{
  const char *argv[] = {
    "unshare", "--mount", "--", "/bin/sh", "-c",
    code != NULL ? "mount --bind \"$1\" /etc/pam.d && exec pamtester \"$2\" \"$3\" authenticate"
                 : "mount --bind \"$1\" /etc/pam.d && test -f \"/etc/pam.d/$2\"",
    "sh", sandbox->pam_directory, SERVICE, user, NULL,
  };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = code != NULL ? g_strconcat (code, "\n", NULL) : NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, NULL, errors, &error);
  g_assert_no_error (error);

  return g_subprocess_get_successful (process);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
}

static gboolean
sandbox_init (Sandbox    *sandbox,
              const char *users)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *errors = NULL;

  sandbox->directory = g_dir_make_tmp ("soft-token-pam-XXXXXX", &error);
  g_assert_no_error (error);
  sandbox->pam_directory = g_build_filename (sandbox->directory, "pam.d", NULL);
  g_assert_cmpint (g_mkdir (sandbox->pam_directory, 0700), ==, 0);
  sandbox->users_file = g_build_filename (sandbox->directory, "users.oath", NULL);

  write_file (sandbox->users_file, users);
  config = g_strdup_printf ("auth required pam_oath.so usersfile=%s window=1\n", sandbox->users_file);
  config_path = g_build_filename (sandbox->pam_directory, SERVICE, NULL);
  write_file (config_path, config);

  if (!run_pamtester (sandbox, "nobody", NULL, &errors))
    {
      g_autofree char *message = g_strdup_printf (
        "this sandbox cannot make a private mount namespace to give pamtester its own "
        "/etc/pam.d (unshare --mount and mount --bind need CAP_SYS_ADMIN): %s",
        g_strstrip (errors));

      g_test_skip (message);
      return FALSE;
    }

  return TRUE;
}

/* A code that is wrong at every counter the window allows around @counter. */
static void
wrong_code (TokenCredential *credential,
            guint64          counter,
            char             wrong[TOKEN_CODE_BUFFER_SIZE])
{
  guint digits = token_credential_get_digits (credential);
  guint32 modulus = digits == 6 ? 1000000 : digits == 7 ? 10000000 : 100000000;
  char near[5][TOKEN_CODE_BUFFER_SIZE];
  guint32 value;
  gboolean clash;

  for (guint i = 0; i < 5; i++)
    g_assert_true (token_credential_code_for_counter (credential, counter + i - 2, near[i], NULL));

  value = (guint32) g_ascii_strtoull (near[2], NULL, 10);
  do
    {
      value = (value + 1) % modulus;
      token_otp_format_code (value, digits, wrong);
      clash = FALSE;
      for (guint i = 0; i < 5; i++)
        clash |= g_str_equal (wrong, near[i]);
    }
  while (clash);
}

static void
assert_pam (Sandbox    *sandbox,
            const char *user,
            const char *code,
            gboolean    expected)
{
  g_autofree char *errors = NULL;
  gboolean authenticated = run_pamtester (sandbox, user, code, &errors);

  g_test_message ("pamtester %s: %s", user, g_strstrip (errors));
  g_assert_cmpint (authenticated, ==, expected);
}

static void
test_pamtester (void)
{
  g_autoptr(TokenCredential) totp = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) totp8 = token_credential_new_random (NULL);
  g_autoptr(TokenCredential) hotp = NULL;
  g_autoptr(TokenSecureString) totp_line = NULL;
  g_autoptr(TokenSecureString) totp8_line = NULL;
  g_autoptr(TokenSecureString) hotp_line = NULL;
  g_autoptr(TokenSecureString) users = NULL;
  g_auto(Sandbox) sandbox = { 0 };
  char code[TOKEN_CODE_BUFFER_SIZE];
  char wrong[TOKEN_CODE_BUFFER_SIZE];
  gint64 now;

  {
    g_autoptr(TokenCredential) random = token_credential_new_random (NULL);

    hotp = token_credential_new ("counter", TOKEN_KIND_HOTP, token_credential_get_secret (random));
    token_credential_set_counter (hotp, 1000);
  }
  token_credential_set_digits (totp8, 8);
  token_credential_set_period (totp8, 60);

  totp_line = token_pam_oath_format_line (totp, "alice", NULL);
  totp8_line = token_pam_oath_format_line (totp8, "carol", NULL);
  hotp_line = token_pam_oath_format_line (hotp, "bob", NULL);
  users = g_strconcat ("# written by test-pam-oath\n", totp_line, "\n", totp8_line, "\n",
                       hotp_line, "\n", NULL);

  if (!sandbox_init (&sandbox, users))
    return;

  /* The wrong code first: a success records the code, and pam_oath then
   * refuses anything older. */
  now = g_get_real_time () / G_USEC_PER_SEC;
  wrong_code (totp, token_totp_counter (now, 30), wrong);
  assert_pam (&sandbox, "alice", wrong, FALSE);
  g_assert_true (token_credential_code_at (totp, g_get_real_time () / G_USEC_PER_SEC, code, NULL));
  assert_pam (&sandbox, "alice", code, TRUE);

  now = g_get_real_time () / G_USEC_PER_SEC;
  wrong_code (totp8, token_totp_counter (now, 60), wrong);
  assert_pam (&sandbox, "carol", wrong, FALSE);
  g_assert_true (token_credential_code_at (totp8, g_get_real_time () / G_USEC_PER_SEC, code, NULL));
  g_assert_cmpuint (strlen (code), ==, 8);
  assert_pam (&sandbox, "carol", code, TRUE);

  wrong_code (hotp, 1000, wrong);
  assert_pam (&sandbox, "bob", wrong, FALSE);
  g_assert_true (token_credential_code_for_counter (hotp, 1000, code, NULL));
  assert_pam (&sandbox, "bob", code, TRUE);

  /* Another user's code does not open this one. */
  g_assert_true (token_credential_code_at (totp, g_get_real_time () / G_USEC_PER_SEC, code, NULL));
  assert_pam (&sandbox, "bob", code, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pam-oath/format", test_format);
  g_test_add_func ("/pam-oath/refuses", test_refuses);
  g_test_add_func ("/pam-oath/pamtester", test_pamtester);

  return g_test_run ();
}
