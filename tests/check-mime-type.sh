#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The transfer file's MIME type, as the file manager sees it once our
# shared-mime-info package is installed: by its magic SOFTXFER at offset 0
# (whatever the name), and by the extension .softtoken.
# Usage: check-mime-type.sh MIME_XML
set -uo pipefail

xml=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

mkdir -p "$dir/data/mime/packages"
cp "$xml" "$dir/data/mime/packages/"
XDG_DATA_HOME="$dir/data" update-mime-database "$dir/data/mime" || { echo "update-mime-database refused $xml"; exit 1; }

printf 'SOFTXFER\001\021\010\001' >"$dir/moved-tokens.bin"
head -c 64 /dev/urandom >>"$dir/moved-tokens.bin"
printf 'not a transfer file' >"$dir/renamed.softtoken"

status=0
for file in moved-tokens.bin renamed.softtoken; do
  type=$(XDG_DATA_HOME="$dir/data" XDG_DATA_DIRS=/usr/share gio info -a standard::content-type \
           "$dir/$file" | sed -n 's/^ *standard::content-type: //p')
  if [ "$type" = application/x-soft-token-transfer ]; then
    echo "ok: $file is $type"
  else
    echo "FAIL: $file is “$type”, not application/x-soft-token-transfer"
    status=1
  fi
done
exit $status
