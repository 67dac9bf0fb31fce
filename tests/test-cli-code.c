/* test-cli-code.c: soft-token-cli code, run the way a user or script does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <gio/gio.h>

#define RFC_URI_SHA1 "otpauth://totp/RFC:SOFT12345674?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8"

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

static void
run_cli (CliResult          *result,
         const char         *input,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SOFT_TOKEN_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE
                               | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

static void
test_code_at_time (void)
{
  static const char * const args[] = { "code", "--uri", "-", "--at", "59", NULL };
  g_auto(CliResult) result = { 0 };

  run_cli (&result, RFC_URI_SHA1 "\n", args);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "94287082\n");
  g_assert_cmpstr (result.err, ==, "");
}

static void
test_code_past_2038 (void)
{
  static const char * const args[] = { "code", "--at", "20000000000", "--uri", "-", NULL };
  g_auto(CliResult) result = { 0 };

  run_cli (&result, RFC_URI_SHA1, args);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "65353130\n");
}

static void
test_code_now (void)
{
  static const char * const args[] = { "code", "--uri", "-", NULL };
  g_auto(CliResult) result = { 0 };

  run_cli (&result, RFC_URI_SHA1, args);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^[0-9]{8}\n$", result.out, 0, 0));
}

static void
test_bad_uri (void)
{
  static const char * const args[] = { "code", "--uri", "-", NULL };
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "otpauth://totp/alice?secret=JBSW1Y3DPEHPK3PXP", args);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "“1”"));
  g_assert_cmpuint (strlen (result.err), <, 200);
}

static void
test_empty_input (void)
{
  static const char * const args[] = { "code", "--uri", "-", NULL };
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "", args);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "otpauth://"));
}

/* A Japanese user reads Japanese: the catalogue of this build is used. */
static void
test_japanese_messages (void)
{
  static const char * const args[] = { "code", "--uri", "-", NULL };
  g_auto(CliResult) result = { 0 };
  g_autofree char *saved = g_strdup (g_getenv ("LC_ALL"));

  g_setenv ("LC_ALL", "ja_JP.UTF-8", TRUE);
  run_cli (&result, "https://example.com/", args);
  g_setenv ("LC_ALL", saved, TRUE);

  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "otpauth:// URI ではありません"));
}

static const struct {
  const char *args[6];
  const char *mentions;
} usage_errors[] = {
  { { "code", "--uri", "-", "--at", "yesterday", NULL }, "yesterday" },
  { { "code", "--uri", "-", "--at", "-5", NULL }, "-5" },
  { { "code", "--uri", RFC_URI_SHA1, NULL }, "standard input" },
  { { "code", "--uri", "-", "extra", NULL }, "extra" },
  { { "code", "--frobnicate", NULL }, "frobnicate" },
  { { "frobnicate", NULL }, "frobnicate" },
  { { NULL }, "Usage" },
};

static void
test_usage_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (usage_errors); i++)
    {
      g_auto(CliResult) result = { 0 };

      run_cli (&result, NULL, usage_errors[i].args);
      g_test_message ("case %u: %s", i, result.err);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_cmpstr (result.out, ==, "");
      g_assert_nonnull (strstr (result.err, usage_errors[i].mentions));
    }
}

/* Without a URI, code reads the keyring; this world has none. */
static void
test_code_needs_keyring (void)
{
  static const char * const args[] = { "code", NULL };
  g_auto(CliResult) result = { 0 };

  run_cli (&result, NULL, args);
  g_assert_cmpint (result.status, ==, 3);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "keyring"));
}

static void
test_help_and_version (void)
{
  static const char * const help[] = { "--help", NULL };
  static const char * const code_help[] = { "code", "--help", NULL };
  static const char * const version[] = { "--version", NULL };
  g_auto(CliResult) help_result = { 0 };
  g_auto(CliResult) code_help_result = { 0 };
  g_auto(CliResult) version_result = { 0 };

  run_cli (&help_result, "", help);
  g_assert_cmpint (help_result.status, ==, 0);
  g_assert_nonnull (strstr (help_result.out, "code"));

  run_cli (&code_help_result, "", code_help);
  g_assert_cmpint (code_help_result.status, ==, 0);
  g_assert_nonnull (strstr (code_help_result.out, "--at"));

  run_cli (&version_result, "", version);
  g_assert_cmpint (version_result.status, ==, 0);
  g_assert_true (g_str_has_prefix (version_result.out, "soft-token-cli " PACKAGE_VERSION));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* A command that refuses its input closes the pipe before we write. */
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/cli/code/at-time", test_code_at_time);
  g_test_add_func ("/cli/code/past-2038", test_code_past_2038);
  g_test_add_func ("/cli/code/now", test_code_now);
  g_test_add_func ("/cli/code/bad-uri", test_bad_uri);
  g_test_add_func ("/cli/code/empty-input", test_empty_input);
  g_test_add_func ("/cli/code/japanese-messages", test_japanese_messages);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/code/needs-keyring", test_code_needs_keyring);
  g_test_add_func ("/cli/help-version", test_help_and_version);

  return g_test_run ();
}
