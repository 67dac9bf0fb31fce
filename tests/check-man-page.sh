#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Keeps docs/soft-token-cli.1 honest: every command that
# `soft-token-cli --help` lists, and every long option that each command's
# --help lists, must be in the manual page, and the page must format
# without warnings.
# Usage: check-man-page.sh SOFT_TOKEN_CLI MAN_PAGE
set -uo pipefail

cli=$1
page=$2
status=0

# In roff a hyphen in an option is written \-.
text=$(sed 's/\\-/-/g' "$page")

if ! groff -man -ww -z "$page"; then
  echo "$page: groff warns"
  status=1
fi

commands=$(LC_ALL=C "$cli" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }')
[ -n "$commands" ] || { echo "no commands in soft-token-cli --help"; exit 1; }

for command in $commands; do
  if ! grep -q "^\.SS \"$command" <<<"$text"; then
    echo "$page: no section for the command “$command”"
    status=1
  fi
  for option in $(LC_ALL=C "$cli" "$command" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
    [ "$option" = --help ] && continue
    if ! grep -qF -- "$option" <<<"$text"; then
      echo "$page: “$command $option” is not documented"
      status=1
    fi
  done
done

[ $status -eq 0 ] && echo "every command and option of soft-token-cli is in $page"
exit $status
