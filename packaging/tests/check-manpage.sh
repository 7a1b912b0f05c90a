#!/bin/sh
# check-manpage.sh HOOKSCOPE MANPAGE: the man page was made from --help (every long option of
# `hookscope --help` is in it) and renders without roff warnings.
set -eu
bin=$1; page=$2
missing=0
for opt in $("$bin" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
  roff=$(printf '%s' "$opt" | sed 's/-/\\-/g')
  if ! grep -qF -- "$roff" "$page"; then echo "missing from the man page: $opt"; missing=1; fi
done
[ "$missing" -eq 0 ] || exit 1
grep -q '^\.SH NAME' "$page" || { echo "no NAME section"; exit 1; }
if command -v groff >/dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1) || true
  [ -z "$warnings" ] || { echo "$warnings"; exit 1; }
fi
echo "man page covers every option of --help"
