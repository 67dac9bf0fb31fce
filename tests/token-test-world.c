/* token-test-world.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "token-test-world.h"

#define SECRETS_BUS_NAME "org.freedesktop.secrets"
#define SECRETS_PATH     "/org/freedesktop/secrets"

void
token_test_cli_result_clear (TokenTestCliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

static GPtrArray *
cli_argv (const char * const *args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("SOFT_TOKEN_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

void
token_test_run_cli (TokenTestCliResult *result,
                    const char         *input,
                    const char * const *args)
{
  g_autoptr(GPtrArray) argv = cli_argv (args);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_test_message ("soft-token-cli %s did not exit: %s", args[0], result->err);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

/* Whether the program on the terminal has turned echo off. The master side
 * of a pseudo-terminal keeps modes of its own, so the terminal's are read
 * from its slave side. */
static gboolean
terminal_echo_off (int master)
{
  struct termios modes;
  int slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  gboolean off;

  g_assert_cmpint (slave, >=, 0);
  g_assert_cmpint (tcgetattr (slave, &modes), ==, 0);
  off = (modes.c_lflag & ECHO) == 0;
  close (slave);
  return off;
}

static void
type_answer (int         master,
             const char *answer,
             gboolean    hidden)
{
  g_autofree char *line = g_strconcat (answer, "\n", NULL);
  gint64 limit = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (hidden && !terminal_echo_off (master))
    {
      if (g_get_monotonic_time () > limit)
        g_error ("The terminal still shows what is typed, after the prompt for a secret");
      g_usleep (10 * 1000);
    }
  g_assert_cmpint (write (master, line, strlen (line)), ==, (gssize) strlen (line));
}

void
token_test_run_cli_on_terminal (TokenTestCliResult *result,
                                const char * const *args,
                                const char         *prompt,
                                const char         *answer,
                                gboolean            hidden)
{
  g_autoptr(GPtrArray) argv = cli_argv (args);
  GString *shown = g_string_new (NULL);
  gboolean answered = FALSE;
  int master;
  int status;
  pid_t pid;

  pid = forkpty (&master, NULL, NULL, NULL);
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      execv (argv->pdata[0], (char * const *) argv->pdata);
      _exit (127);
    }

  for (;;)
    {
      struct pollfd ready = { master, POLLIN, 0 };
      char buffer[256];
      ssize_t n;

      if (poll (&ready, 1, 20 * 1000) <= 0)
        g_error ("soft-token-cli %s stopped answering; the terminal shows: %s", args[0], shown->str);
      /* EIO once the program has ended and closed the terminal. */
      n = read (master, buffer, sizeof buffer);
      if (n <= 0)
        break;
      g_string_append_len (shown, buffer, n);
      if (!answered && strstr (shown->str, prompt) != NULL)
        {
          type_answer (master, answer, hidden);
          answered = TRUE;
        }
    }

  close (master);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  result->status = WEXITSTATUS (status);
  result->out = g_string_free (shown, FALSE);
  result->err = g_strdup ("");
}

void
token_test_world_require (void)
{
  const char *world = g_getenv ("SOFT_TOKEN_WORLD");

  /* Never let a keyring test loose on a real session. */
  if (world == NULL || !g_file_test (world, G_FILE_TEST_IS_DIR))
    g_error ("This test must run inside tests/run-in-world");
}

void
token_test_world_control (const char *command)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("SOFT_TOKEN_WORLD_CONTROL"), "control", command, NULL };
  int status;

  token_test_world_require ();
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* Restarts the keyring daemon on the keyring of another device (“main” is
 * the world's own): two devices in one test. */
void
token_test_world_use_device (const char *name)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("SOFT_TOKEN_WORLD_CONTROL"), "control", "use-device", name, NULL };
  int status;

  token_test_world_require ();
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static char *
default_collection_path (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  char *path;

  reply = g_dbus_connection_call_sync (bus, SECRETS_BUS_NAME, SECRETS_PATH,
                                       "org.freedesktop.Secret.Service", "ReadAlias",
                                       g_variant_new ("(s)", "default"), G_VARIANT_TYPE ("(o)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(o)", &path);
  return path;
}

/* Org.freedesktop.Secret.Service.Lock, as a screen locker would. */
void
token_test_world_lock_keyring (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *collection = NULL;
  const char *objects[2] = { NULL, NULL };

  token_test_world_require ();
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  collection = default_collection_path (bus);
  objects[0] = collection;

  reply = g_dbus_connection_call_sync (bus, SECRETS_BUS_NAME, SECRETS_PATH,
                                       "org.freedesktop.Secret.Service", "Lock",
                                       g_variant_new ("(^ao)", objects), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (token_test_world_keyring_locked ());
}

/* Without a prompter in the world, unlocking goes through gnome-keyring's
 * own interface for this, with the world's throwaway password sent over a
 * “plain” Secret Service session. */
void
token_test_world_unlock_keyring (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password = NULL;
  g_autofree char *session = NULL;
  gsize password_size;

  token_test_world_require ();
  password_file = g_build_filename (g_getenv ("SOFT_TOKEN_WORLD"), "password", NULL);
  g_file_get_contents (password_file, &password, &password_size, &error);
  g_assert_no_error (error);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  collection = default_collection_path (bus);

  reply = g_dbus_connection_call_sync (bus, SECRETS_BUS_NAME, SECRETS_PATH,
                                       "org.freedesktop.Secret.Service", "OpenSession",
                                       g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                                       G_VARIANT_TYPE ("(vo)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(vo)", NULL, &session);
  g_clear_pointer (&reply, g_variant_unref);

  reply = g_dbus_connection_call_sync (bus, SECRETS_BUS_NAME, SECRETS_PATH,
                                       "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
                                       "UnlockWithMasterPassword",
                                       g_variant_new ("(o(o@ay@ays))", collection, session,
                                                      g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                                                      g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, password, password_size, 1),
                                                      "text/plain"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (token_test_world_keyring_locked ());
}

gboolean
token_test_world_keyring_locked (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) locked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *collection = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  collection = default_collection_path (bus);
  reply = g_dbus_connection_call_sync (bus, SECRETS_BUS_NAME, collection,
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", "org.freedesktop.Secret.Collection", "Locked"),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &locked);
  return g_variant_get_boolean (locked);
}

GPid
token_test_world_keyring_pid (void)
{
  g_autofree char *pid_file = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint64 pid;

  token_test_world_require ();
  pid_file = g_build_filename (g_getenv ("SOFT_TOKEN_WORLD"), "keyring.pid", NULL);
  g_file_get_contents (pid_file, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_ascii_string_to_unsigned (g_strstrip (text), 10, 1, G_MAXINT, &pid, NULL));
  return (GPid) pid;
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
token_test_wait_for_flag (const gboolean *done,
                          guint           timeout_ms)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean timed_out = FALSE;
  GSource *timeout = g_timeout_source_new (timeout_ms);

  g_source_set_callback (timeout, on_wait_timeout, &timed_out, NULL);
  g_source_attach (timeout, context);
  while (!*done && !timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);

  return *done;
}

void
token_test_item_free (TokenTestItem *item)
{
  g_free (item->path);
  g_free (item->label);
  g_clear_pointer (&item->attributes, g_hash_table_unref);
  g_free (item);
}

static GDBusConnection *
session_bus (void)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus;

  token_test_world_require ();
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  return bus;
}

static GVariant *
get_property (GDBusConnection *bus,
              const char      *path,
              const char      *interface,
              const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *value;

  reply = g_dbus_connection_call_sync (bus, SECRETS_BUS_NAME, path,
                                       "org.freedesktop.DBus.Properties", "Get",
                                       g_variant_new ("(ss)", interface, name),
                                       G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);
  return value;
}

static TokenTestItem *
read_item (GDBusConnection *bus,
           const char      *path)
{
  TokenTestItem *item = g_new0 (TokenTestItem, 1);
  g_autoptr(GVariant) label = get_property (bus, path, "org.freedesktop.Secret.Item", "Label");
  g_autoptr(GVariant) attributes = get_property (bus, path, "org.freedesktop.Secret.Item", "Attributes");
  GVariantIter iter;
  const char *name, *value;

  item->path = g_strdup (path);
  item->label = g_variant_dup_string (label, NULL);
  item->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_variant_iter_init (&iter, attributes);
  while (g_variant_iter_next (&iter, "{&s&s}", &name, &value))
    g_hash_table_insert (item->attributes, g_strdup (name), g_strdup (value));

  return item;
}

GPtrArray *
token_test_keyring_items (void)
{
  g_autoptr(GDBusConnection) bus = session_bus ();
  g_autoptr(GVariant) collections = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) token_test_item_free);
  GVariantIter collection_iter;
  const char *collection;

  collections = get_property (bus, SECRETS_PATH, "org.freedesktop.Secret.Service", "Collections");
  g_variant_iter_init (&collection_iter, collections);
  while (g_variant_iter_next (&collection_iter, "&o", &collection))
    {
      g_autoptr(GVariant) paths = get_property (bus, collection, "org.freedesktop.Secret.Collection", "Items");
      GVariantIter item_iter;
      const char *path;

      g_variant_iter_init (&item_iter, paths);
      while (g_variant_iter_next (&item_iter, "&o", &path))
        g_ptr_array_add (items, read_item (bus, path));
    }

  return items;
}

void
token_test_keyring_delete_items (const char *name,
                                 const char *value)
{
  g_autoptr(GDBusConnection) bus = session_bus ();
  g_autoptr(GPtrArray) items = token_test_keyring_items ();

  for (guint i = 0; i < items->len; i++)
    {
      TokenTestItem *item = g_ptr_array_index (items, i);
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(GError) error = NULL;
      const char *prompt;

      if (g_strcmp0 (g_hash_table_lookup (item->attributes, name), value) != 0)
        continue;

      reply = g_dbus_connection_call_sync (bus, SECRETS_BUS_NAME, item->path,
                                           "org.freedesktop.Secret.Item", "Delete", NULL,
                                           G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                           NULL, &error);
      g_assert_no_error (error);
      g_variant_get (reply, "(&o)", &prompt);
      g_assert_cmpstr (prompt, ==, "/");
    }
}

void
token_test_keyring_create_item (const char *label,
                                GHashTable *attributes,
                                const char *secret)
{
  g_autoptr(GDBusConnection) bus = session_bus ();
  g_autoptr(GVariant) session_reply = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *collection = default_collection_path (bus);
  g_autofree char *session = NULL;
  GVariantBuilder properties, pairs;
  GHashTableIter iter;
  gpointer name, value;

  session_reply = g_dbus_connection_call_sync (bus, SECRETS_BUS_NAME, SECRETS_PATH,
                                               "org.freedesktop.Secret.Service", "OpenSession",
                                               g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                                               G_VARIANT_TYPE ("(vo)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                               NULL, &error);
  g_assert_no_error (error);
  g_variant_get (session_reply, "(vo)", NULL, &session);

  g_variant_builder_init (&pairs, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_variant_builder_add (&pairs, "{ss}", name, value);

  g_variant_builder_init (&properties, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&properties, "{sv}", "org.freedesktop.Secret.Item.Label",
                         g_variant_new_string (label));
  g_variant_builder_add (&properties, "{sv}", "org.freedesktop.Secret.Item.Attributes",
                         g_variant_builder_end (&pairs));

  reply = g_dbus_connection_call_sync (bus, SECRETS_BUS_NAME, collection,
                                       "org.freedesktop.Secret.Collection", "CreateItem",
                                       g_variant_new ("(a{sv}(o@ay@ays)b)", &properties, session,
                                                      g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                                                      g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, secret, strlen (secret), 1),
                                                      "application/octet-stream", FALSE),
                                       G_VARIANT_TYPE ("(oo)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);
}
