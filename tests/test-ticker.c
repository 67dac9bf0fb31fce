/* test-ticker.c: the one tick a second that drives the cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "token-ticker.h"

typedef struct
{
  gint64 now;
  GArray *ticks;
} Clock;

static gint64
clock_now (gpointer user_data)
{
  Clock *clock = user_data;

  return clock->now;
}

static void
on_tick (TokenTicker *ticker,
         gint64       unix_time,
         Clock       *clock)
{
  g_array_append_val (clock->ticks, unix_time);
}

/* A ticker starts paused and says nothing; resuming ticks at once with the
 * wall clock read then, so a code is right as soon as the window shows. */
static void
test_pause_and_resume (void)
{
  g_autoptr(TokenTicker) ticker = token_ticker_new ();
  Clock clock = { G_GINT64_CONSTANT (1111111111) * G_USEC_PER_SEC + 400000, g_array_new (FALSE, FALSE, sizeof (gint64)) };

  g_signal_connect (ticker, "tick", G_CALLBACK (on_tick), &clock);
  token_ticker_set_time_func (ticker, clock_now, &clock, NULL);
  g_assert_true (token_ticker_get_paused (ticker));
  token_ticker_tick_now (ticker);
  g_assert_cmpuint (clock.ticks->len, ==, 0);

  token_ticker_set_paused (ticker, FALSE);
  g_assert_cmpuint (clock.ticks->len, ==, 1);
  g_assert_cmpint (g_array_index (clock.ticks, gint64, 0), ==, 1111111111);

  /* The clock jumps while paused (a suspend): resuming shows the new time. */
  token_ticker_set_paused (ticker, TRUE);
  clock.now += G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (clock.ticks->len, ==, 1);
  token_ticker_set_paused (ticker, FALSE);
  g_assert_cmpuint (clock.ticks->len, ==, 2);
  g_assert_cmpint (g_array_index (clock.ticks, gint64, 1), ==, 1111111111 + 3600);

  g_array_unref (clock.ticks);
}

static gboolean
on_limit (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Each tick reads the clock again: what it reports is the clock's time at
 * that tick, not a count of ticks since the start. */
static void
test_reads_clock_each_tick (void)
{
  g_autoptr(TokenTicker) ticker = token_ticker_new ();
  Clock clock = { G_GINT64_CONSTANT (1111111111) * G_USEC_PER_SEC + 999000, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gboolean expired = FALSE;
  guint limit_id;

  g_signal_connect (ticker, "tick", G_CALLBACK (on_tick), &clock);
  token_ticker_set_time_func (ticker, clock_now, &clock, NULL);
  token_ticker_set_paused (ticker, FALSE);
  clock.now = G_GINT64_CONSTANT (2000000000) * G_USEC_PER_SEC;

  limit_id = g_timeout_add_seconds (10, on_limit, &expired);
  while (clock.ticks->len < 2 && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&limit_id, g_source_remove);

  g_assert_false (expired);
  g_assert_cmpint (g_array_index (clock.ticks, gint64, 1), ==, 2000000000);

  g_array_unref (clock.ticks);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticker/pause-and-resume", test_pause_and_resume);
  g_test_add_func ("/ticker/reads-clock-each-tick", test_reads_clock_each_tick);

  return g_test_run ();
}
