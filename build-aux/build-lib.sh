# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by build-aux/run and build-aux/test: configure once, build again.
# Usage: configure_and_build BUILD_DIR [MESON_OPTION...]

source_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

configure_and_build() {
  local build_dir=$1
  shift
  if [ -f "$build_dir/build.ninja" ]; then
    meson configure "$build_dir" "$@" >/dev/null
  else
    meson setup "$build_dir" "$source_root" "$@"
  fi
  meson compile -C "$build_dir"
}
