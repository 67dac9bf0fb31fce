#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when po/ja.po lacks a translation of any string in POTFILES.in, or
# has a fuzzy one: it merges ja.po with a template made now from the sources.
set -euo pipefail

source_root=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$source_root"
xgettext --from-code=UTF-8 --add-comments=Translators \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --files-from=<(grep -v '^#' po/POTFILES.in | grep -v '^$') \
  --output="$work/template.pot" --package-name=soft-token

msgmerge --quiet --no-fuzzy-matching --output-file="$work/ja.po" po/ja.po "$work/template.pot"
stats=$(msgfmt --check --statistics -o /dev/null "$work/ja.po" 2>&1)
echo "ja.po: $stats"
case "$stats" in
  *untranslated*|*fuzzy*) 
    msgattrib --untranslated --only-fuzzy "$work/ja.po" 2>/dev/null | head -40
    msgattrib --untranslated "$work/ja.po" | grep '^msgid' | head -40
    exit 1 ;;
esac
