#!/usr/bin/env bash
# Installs the Debian packages listed in a file (one per line, # comments) that are not
# installed yet. Idempotent: with everything present it only reads dpkg's database.
# Uses sudo when not root. Usage: scripts/install-deps.sh packaging/build-deps.txt [more lists...]
set -euo pipefail
missing=()
for list in "$@"; do
  while read -r pkg _; do
    [[ -z $pkg || $pkg == \#* ]] && continue
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$pkg")
  done <"$list"
done
((${#missing[@]})) || exit 0
echo "Installing missing packages: ${missing[*]}"
sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "Need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
