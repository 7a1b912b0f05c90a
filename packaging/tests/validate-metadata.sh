#!/bin/sh
# validate-metadata.sh desktop|metainfo FILE: the freedesktop validators on our files.
# Exit 77 (ctest SKIP) when the validator is not installed.
set -eu
case "$1" in
  desktop)
    command -v desktop-file-validate >/dev/null || { echo "SKIP: desktop-file-validate (desktop-file-utils) is not installed"; exit 77; }
    out=$(desktop-file-validate "$2" 2>&1) || { echo "$out"; exit 1; }
    # Hints are not failures, but they are printed.
    [ -z "$out" ] || echo "$out"
    ;;
  metainfo)
    command -v appstreamcli >/dev/null || { echo "SKIP: appstreamcli (appstream) is not installed"; exit 77; }
    appstreamcli validate --no-net --explain "$2"
    ;;
  *) echo "usage: $0 desktop|metainfo FILE"; exit 2 ;;
esac
