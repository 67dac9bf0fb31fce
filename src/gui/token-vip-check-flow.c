/* token-vip-check-flow.c
 *
 * The person asked (the card's menu), so the check goes out at once; the
 * answer is a message: accepted, out of step (with Sync, which sends two
 * consecutive codes), or what went wrong. Nothing is stored or changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "token-vip-check-flow.h"
#include "token-vip-client.h"
#include "token-vip-error.h"

typedef struct
{
  GtkWindow       *parent;
  TokenCredential *credential;
  TokenVipClient  *client;
  gboolean         sync;
} CheckFlow;

static void
check_flow_free (CheckFlow *flow)
{
  g_clear_object (&flow->parent);
  g_clear_object (&flow->credential);
  g_clear_object (&flow->client);
  g_free (flow);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckFlow, check_flow_free)

static void send_check (CheckFlow *flow);

static void
on_sync_response (AdwMessageDialog *dialog,
                  const char       *response,
                  CheckFlow        *flow)
{
  if (g_str_equal (response, "sync"))
    {
      CheckFlow *again = g_new0 (CheckFlow, 1);

      again->parent = g_object_ref (flow->parent);
      again->credential = g_object_ref (flow->credential);
      again->client = g_object_ref (flow->client);
      again->sync = TRUE;
      send_check (again);
    }
}

static void
show_result (CheckFlow    *flow,
             const GError *error)
{
  const char *heading;
  GtkWidget *dialog;

  if (error == NULL)
    heading = flow->sync ? _("VIP Access synced this credential")
                         : _("VIP Access accepts this credential’s codes");
  else if (g_error_matches (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_NEEDS_SYNC))
    heading = _("The Codes Are Out of Step");
  else
    heading = flow->sync ? _("Sync Failed") : _("Check Failed");

  dialog = adw_message_dialog_new (flow->parent, heading, error != NULL ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (g_error_matches (error, TOKEN_VIP_ERROR, TOKEN_VIP_ERROR_NEEDS_SYNC))
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "sync", _("_Sync"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sync",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sync");
      g_object_set_data_full (G_OBJECT (dialog), "token-check-flow", flow,
                              (GDestroyNotify) check_flow_free);
      g_signal_connect (dialog, "response", G_CALLBACK (on_sync_response), flow);
    }
  else
    check_flow_free (flow);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CheckFlow *flow = user_data;
  g_autoptr(GError) error = NULL;

  token_vip_client_check_finish (TOKEN_VIP_CLIENT (source), result, &error);
  show_result (flow, error);
}

static void
send_check (CheckFlow *flow)
{
  token_vip_client_check_async (flow->client, flow->credential, flow->sync, NULL,
                                check_done, flow);
}

void
token_vip_check_flow_start (GtkWindow       *parent,
                            TokenCredential *credential)
{
  CheckFlow *flow;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (TOKEN_IS_CREDENTIAL (credential));

  flow = g_new0 (CheckFlow, 1);
  flow->parent = g_object_ref (parent);
  flow->credential = g_object_ref (credential);
  flow->client = token_vip_client_new ();
  send_check (flow);
}
