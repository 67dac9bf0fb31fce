/* token-countdown.c: the ring that shows how long a code has left
 *
 * A circle that empties as the period runs out, the seconds in its middle.
 * Its colour comes from CSS (accent, then the error colour when urgent), so
 * dark style and high contrast follow the theme. The seconds are drawn, not
 * a child label: a tick then only redraws the ring, with no new layout of
 * the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "token-countdown.h"

#define RING_WIDTH 4.0

struct _TokenCountdown
{
  GtkWidget  parent_instance;

  char       seconds_text[8];

  guint      seconds_left;
  guint      period;
  gboolean   urgent;
};

G_DEFINE_FINAL_TYPE (TokenCountdown, token_countdown, GTK_TYPE_WIDGET)

static void
token_countdown_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  TokenCountdown *self = TOKEN_COUNTDOWN (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double size = MIN (width, height);
  double radius = (size - RING_WIDTH) / 2.0;
  double fraction = token_countdown_get_fraction (self);
  GdkRGBA color;
  cairo_t *cr;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, RING_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* The track: the whole period, faint. */
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.15);
  cairo_stroke (cr);

  /* What is left, clockwise from the top, as on a clock face. */
  if (fraction > 0.0)
    {
      cairo_arc (cr, width / 2.0, height / 2.0, radius,
                 -G_PI / 2.0, -G_PI / 2.0 + 2 * G_PI * fraction);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  /* Made at each draw (once a second), so it follows font changes. */
  if (self->seconds_text[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->seconds_text);
      int text_width;
      int text_height;

      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - text_width) / 2.0f,
                                                             (height - text_height) / 2.0f));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
    }
}

static void
token_countdown_class_init (TokenCountdownClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = token_countdown_snapshot;

  gtk_widget_class_set_css_name (widget_class, "countdown");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
token_countdown_init (TokenCountdown *self)
{
  self->period = 30;
  self->seconds_left = 30;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time left for this code"),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  -1);
}

GtkWidget *
token_countdown_new (void)
{
  return g_object_new (TOKEN_TYPE_COUNTDOWN, NULL);
}

void
token_countdown_set (TokenCountdown *self,
                     guint           seconds_left,
                     guint           period,
                     gboolean        urgent)
{
  g_autofree char *spoken = NULL;

  g_return_if_fail (TOKEN_IS_COUNTDOWN (self));
  g_return_if_fail (period > 0);

  if (self->seconds_left == seconds_left && self->period == period
      && self->urgent == urgent && self->seconds_text[0] != '\0')
    return;

  self->seconds_left = seconds_left;
  self->period = period;
  self->urgent = !!urgent;

  g_snprintf (self->seconds_text, sizeof self->seconds_text, "%u", seconds_left);

  if (urgent)
    gtk_widget_add_css_class (GTK_WIDGET (self), "urgent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "urgent");

  spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second left", "%u seconds left", seconds_left),
                            seconds_left);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) period,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) seconds_left,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, spoken,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
token_countdown_get_fraction (TokenCountdown *self)
{
  g_return_val_if_fail (TOKEN_IS_COUNTDOWN (self), 0.0);

  return CLAMP ((double) self->seconds_left / self->period, 0.0, 1.0);
}

gboolean
token_countdown_get_urgent (TokenCountdown *self)
{
  g_return_val_if_fail (TOKEN_IS_COUNTDOWN (self), FALSE);

  return self->urgent;
}
