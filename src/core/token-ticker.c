/* token-ticker.c: one tick a second, on the second, for every card
 *
 * A single timeout, set again after each tick for the next second boundary,
 * drives all the cards. The wall clock is read afresh at every tick, so
 * after a suspend or a clock change the next tick shows the right code.
 * While paused (the window is hidden or minimised) nothing is scheduled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-ticker.h"

/* Timeouts can fire a little early; landing just after the boundary makes
 * sure the tick sees the new second. */
#define BOUNDARY_MARGIN_MS 2

struct _TokenTicker
{
  GObject         parent_instance;

  TokenTimeFunc   time_func;
  gpointer        time_data;
  GDestroyNotify  time_destroy;

  guint           timeout_id;
  gboolean        paused;
};

G_DEFINE_FINAL_TYPE (TokenTicker, token_ticker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PAUSED,
  N_PROPS
};

enum {
  TICK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule (TokenTicker *self);

static gint64
real_time (gpointer user_data)
{
  return g_get_real_time ();
}

static void
emit_tick (TokenTicker *self)
{
  gint64 now = token_ticker_get_now (self);

  g_signal_emit (self, signals[TICK], 0, now / G_USEC_PER_SEC);
}

static gboolean
on_timeout (gpointer user_data)
{
  TokenTicker *self = user_data;

  self->timeout_id = 0;
  emit_tick (self);
  schedule (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (TokenTicker *self)
{
  gint64 now;
  guint delay_ms;

  if (self->paused || self->timeout_id != 0)
    return;

  now = token_ticker_get_now (self);
  delay_ms = (guint) ((G_USEC_PER_SEC - now % G_USEC_PER_SEC) / 1000) + BOUNDARY_MARGIN_MS;
  self->timeout_id = g_timeout_add_full (G_PRIORITY_HIGH_IDLE, delay_ms, on_timeout, self, NULL);
  g_source_set_name_by_id (self->timeout_id, "[soft-token] ticker");
}

static void
token_ticker_dispose (GObject *object)
{
  TokenTicker *self = (TokenTicker *) object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->time_destroy != NULL)
    self->time_destroy (self->time_data);
  self->time_destroy = NULL;
  self->time_data = NULL;

  G_OBJECT_CLASS (token_ticker_parent_class)->dispose (object);
}

static void
token_ticker_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TokenTicker *self = TOKEN_TICKER (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_ticker_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TokenTicker *self = TOKEN_TICKER (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      token_ticker_set_paused (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
token_ticker_class_init (TokenTickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = token_ticker_dispose;
  object_class->get_property = token_ticker_get_property;
  object_class->set_property = token_ticker_set_property;

  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TokenTicker::tick:
   * @unix_time: the wall-clock time, in seconds since 1970
   */
  signals[TICK] =
    g_signal_new ("tick",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
token_ticker_init (TokenTicker *self)
{
  self->time_func = real_time;
  self->paused = TRUE;
}

/* A new ticker is paused: whoever shows the codes starts it. */
TokenTicker *
token_ticker_new (void)
{
  return g_object_new (TOKEN_TYPE_TICKER, NULL);
}

void
token_ticker_set_time_func (TokenTicker    *self,
                            TokenTimeFunc   func,
                            gpointer        user_data,
                            GDestroyNotify  destroy)
{
  g_return_if_fail (TOKEN_IS_TICKER (self));

  if (self->time_destroy != NULL)
    self->time_destroy (self->time_data);

  self->time_func = func != NULL ? func : real_time;
  self->time_data = user_data;
  self->time_destroy = destroy;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  token_ticker_tick_now (self);
  schedule (self);
}

/* In microseconds since 1970. */
gint64
token_ticker_get_now (TokenTicker *self)
{
  g_return_val_if_fail (TOKEN_IS_TICKER (self), 0);

  return self->time_func (self->time_data);
}

gboolean
token_ticker_get_paused (TokenTicker *self)
{
  g_return_val_if_fail (TOKEN_IS_TICKER (self), TRUE);

  return self->paused;
}

/* Resuming ticks at once: the codes may have changed while nobody looked. */
void
token_ticker_set_paused (TokenTicker *self,
                         gboolean     paused)
{
  g_return_if_fail (TOKEN_IS_TICKER (self));

  paused = !!paused;
  if (self->paused == paused)
    return;

  self->paused = paused;
  if (paused)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
  else
    {
      emit_tick (self);
      schedule (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/* For changes that cannot wait for the next second (a new token, a
 * setting). Does nothing while paused. */
void
token_ticker_tick_now (TokenTicker *self)
{
  g_return_if_fail (TOKEN_IS_TICKER (self));

  if (!self->paused)
    emit_tick (self);
}
