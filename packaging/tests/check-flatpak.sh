#!/bin/sh
# check-flatpak.sh MANIFEST APP_ID: the Flatpak manifest parses (flatpak-builder --show-manifest,
# no network, nothing built) and its id and command are the .deb's. Exit 77 (ctest SKIP) when
# flatpak-builder is not installed (it is not a build dependency: apt-get install flatpak-builder).
set -eu
command -v flatpak-builder >/dev/null || { echo "SKIP: flatpak-builder is not installed"; exit 77; }
manifest=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# flatpak-builder leaves a .flatpak-builder/ state folder in its working directory: a temporary one.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp"
out=$(flatpak-builder --show-manifest "$manifest" 2>&1) || { echo "$out"; echo "the manifest does not parse"; exit 1; }
echo "$out" | grep -qi "unknown property" && { echo "$out" | grep -i "unknown property"; exit 1; }
echo "$out" | grep -q "\"id\" : \"$2\"" || { echo "the manifest's id is not $2"; exit 1; }
echo "$out" | grep -q '"command" : "hookscope"' || { echo "the manifest's command is not hookscope"; exit 1; }
echo "flatpak manifest parses; id $2"
