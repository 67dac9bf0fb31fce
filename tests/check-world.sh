#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks tests/run-in-world itself: each world is private (its own HOME,
# XDG directories, bus, keyring and display), the control commands work,
# the test's exit status comes through, and nothing is left behind when a
# test passes, fails, or is stopped by a timeout.
# Usage: check-world.sh PATH/TO/run-in-world
set -uo pipefail

world_runner=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0
n=0

check() {
  local description=$1
  shift
  n=$((n + 1))
  if "$@"; then
    echo "ok $n $description"
  else
    echo "not ok $n $description"
    failures=$((failures + 1))
  fi
}

# What a world looked like from inside, saved for the checks outside.
inside_keyring() {
  "$world_runner" --keyring -- bash -c '
    echo "$SOFT_TOKEN_WORLD" >"$1/world"
    cat "$SOFT_TOKEN_WORLD/keyring.pid" >"$1/keyring.pid"
    for dir in "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"; do
      case "$dir" in "$SOFT_TOKEN_WORLD"/*) ;; *) exit 10 ;; esac
    done
    case "$DBUS_SESSION_BUS_ADDRESS" in *"$SOFT_TOKEN_WORLD"*) ;; *) exit 11 ;; esac
    [ "$GSETTINGS_BACKEND" = memory ] || exit 12
    [ -f "$XDG_DATA_HOME/keyrings/login.keyring" ] || exit 13
    printf seed-for-the-check | secret-tool store --label=check world check || exit 14
    "$SOFT_TOKEN_WORLD_CONTROL" control restart-keyring || exit 15
    [ "$(secret-tool lookup world check)" = seed-for-the-check ] || exit 16
    exit 7
  ' world "$scratch"
}

inside_keyring
status=$?
check "a keyring world is private, restarts keep its items, the status comes through (got $status)" \
  test $status -eq 7
check "the keyring world is removed afterwards" test ! -e "$(cat "$scratch/world")"
check "the keyring daemon is stopped afterwards" bash -c '! kill -0 "$(cat "$1")" 2>/dev/null' x "$scratch/keyring.pid"

"$world_runner" --no-secret-service -- bash -c '
  ! gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
    --method org.freedesktop.DBus.Peer.Ping >/dev/null 2>&1'
check "without a Secret Service nothing answers, nor can be activated" test $? -eq 0

"$world_runner" --no-bus -- bash -c '! gdbus call --session --dest org.freedesktop.DBus \
  --object-path /org/freedesktop/DBus --method org.freedesktop.DBus.GetId >/dev/null 2>&1'
check "without a bus there is no session bus" test $? -eq 0

"$world_runner" --xvfb -- bash -c '
  echo "$SOFT_TOKEN_WORLD" >"$1/xworld"
  cat "$SOFT_TOKEN_WORLD/xvfb.pid" >"$1/xvfb.pid"
  [ -n "$DISPLAY" ] && [ "$GDK_BACKEND" = x11 ] && [ -S "/tmp/.X11-unix/X${DISPLAY#:}" ]' x "$scratch"
check "an Xvfb world has its own display" test $? -eq 0
check "the Xvfb world is removed afterwards" test ! -e "$(cat "$scratch/xworld")"
check "its Xvfb is stopped afterwards" bash -c '! kill -0 "$(cat "$1")" 2>/dev/null' x "$scratch/xvfb.pid"

# A test that fails: the world goes all the same.
"$world_runner" --keyring -- bash -c 'echo "$SOFT_TOKEN_WORLD" >"$1/fworld"; cat "$SOFT_TOKEN_WORLD/keyring.pid" >"$1/fpid"; exit 1' x "$scratch"
check "a failing test's status comes through" test $? -eq 1
check "a failing test's world is removed" test ! -e "$(cat "$scratch/fworld")"
check "a failing test's keyring daemon is stopped" bash -c '! kill -0 "$(cat "$1")" 2>/dev/null' x "$scratch/fpid"

# A test stopped by meson's timeout: SIGTERM to its process group.
setsid "$world_runner" --keyring -- bash -c 'echo "$SOFT_TOKEN_WORLD" >"$1/tworld"; cat "$SOFT_TOKEN_WORLD/keyring.pid" >"$1/tpid"; sleep 60' x "$scratch" &
runner=$!
for _ in $(seq 100); do [ -s "$scratch/tpid" ] && break; sleep 0.1; done
kill -TERM -- -"$runner"
wait "$runner"
check "a test stopped by SIGTERM ends its world" test ! -e "$(cat "$scratch/tworld")"
check "a test stopped by SIGTERM stops its keyring daemon" bash -c '! kill -0 "$(cat "$1")" 2>/dev/null' x "$scratch/tpid"

echo "1..$n"
[ $failures -eq 0 ]
