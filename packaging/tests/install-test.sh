#!/bin/sh
# install-test.sh BUILD_DIR: builds the .deb from the (already built) tree, extracts it into an
# empty root with dpkg-deb -x (no root needed), checks its layout and dependencies, starts the
# INSTALLED binary headless on a free port with a temporary store, sends one event and checks it
# is in the store. Exit 77 (ctest SKIP) when dpkg-deb or cpack is missing.
set -eu
build=$(cd "$1" && pwd)
command -v dpkg-deb >/dev/null || { echo "SKIP: dpkg-deb is not installed"; exit 77; }
cpack=$(dirname "$(command -v cmake)")/cpack
[ -x "$cpack" ] || { echo "SKIP: cpack is not installed"; exit 77; }

tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM

# Reuses the build tree: cpack only runs the install step of what is already built.
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1 \
  || { cat "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/pkg/*.deb)
echo "package: $(basename "$deb")"

# lintian: no error and no warning (Debian policy files, description, layout, permissions).
# Info and pedantic tags are advice, not failures. lintian comes with `make deps`.
command -v lintian >/dev/null || { echo "lintian is not installed: run make deps"; exit 1; }
lintian --fail-on error,warning "$deb" >"$tmp/lintian.log" 2>&1 \
  || { cat "$tmp/lintian.log"; echo "lintian reports errors or warnings on $(basename "$deb")"; exit 1; }
echo "lintian: no errors, no warnings"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for dep in libqt6core6 libqt6widgets6 libqt6sql6 libqt6sql6-sqlite libhttp-parser; do
  echo "$depends" | grep -q "$dep" || { echo "Depends lacks $dep"; exit 1; }
done

root=$tmp/root
dpkg-deb -x "$deb" "$root"
id=io.github.hookscope.Hookscope
for f in usr/bin/hookscope \
         usr/share/applications/$id.desktop \
         usr/share/metainfo/$id.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/$id.svg \
         usr/share/icons/hicolor/16x16/apps/$id.png \
         usr/share/icons/hicolor/512x512/apps/$id.png \
         usr/share/man/man1/hookscope.1.gz \
         usr/share/hookscope/kinds/jicoo.kind.json \
         usr/share/hookscope/schemas/jicoo.schema.json \
         usr/share/hookscope/samples/jicoo.json \
         usr/share/doc/hookscope/copyright \
         usr/share/doc/hookscope/changelog.gz; do
  [ -e "$root/$f" ] || { echo "not in the package: /$f"; exit 1; }
done

# The installed binary, away from the build tree, with its own config and a fresh store.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
unset HOOKSCOPE_DATA_DIR
mkdir -p "$HOME"

# The installed binary reads its built-in kinds and schemas from <prefix>/share/hookscope, not
# from the source tree nor only from the copies compiled in.
share="$root/usr/share/hookscope"
"$root/usr/bin/hookscope" schemas >"$tmp/schemas.log" 2>&1 || { cat "$tmp/schemas.log"; exit 1; }
grep -q "built-in $share/schemas/jicoo.schema.json" "$tmp/schemas.log" \
  || { cat "$tmp/schemas.log"; echo "the installed binary did not read $share/schemas"; exit 1; }
# ... and its presets: the installed "accept" preset, edited here, is the answer that goes out.
sed -i 's/"status": 200/"status": 203/' "$share/presets/accept.preset.json"
grep -q '"status": 203' "$share/presets/accept.preset.json" || { echo "could not edit the installed preset"; exit 1; }
"$root/usr/bin/hookscope" --headless --port 0 --db "$tmp/events.sqlite" \
  --respond before-book-appointment=accept >"$tmp/out.log" 2>&1 &
pid=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's/^Listening on \(http[^ ]*\).*/\1/p' "$tmp/out.log")
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/out.log"; echo "the installed binary exited"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/out.log"; echo "the installed binary did not start listening"; exit 1; }
echo "installed binary listening on $url"

status=$(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data-binary @"$root/usr/share/hookscope/samples/jicoo.json" "${url%/}/hooks/jicoo")
[ "$status" = 200 ] || { cat "$tmp/out.log"; echo "POST answered $status"; exit 1; }

status=$(curl --noproxy '*' -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data-binary @"$share/samples/before-book-appointment.json" "${url%/}/hooks/before-book-appointment")
[ "$status" = 203 ] || { cat "$tmp/out.log"; echo "the booking hook got $status, not the installed preset's 203"; exit 1; }
echo "installed kinds, schemas and presets are read from $share"

kill -TERM "$pid"
wait "$pid" || true
pid=
# Read back through the installed binary's store file (sqlite3 when present).
if command -v sqlite3 >/dev/null; then
  stored=$(sqlite3 "$tmp/events.sqlite" "SELECT count(*) FROM events WHERE CAST(target AS TEXT) = '/hooks/jicoo'")
  [ "$stored" = 1 ] || { echo "expected 1 stored event, found $stored"; exit 1; }
else
  grep -q '/hooks/jicoo' "$tmp/out.log" || { cat "$tmp/out.log"; echo "the event line is missing"; exit 1; }
fi
echo "one event stored by the installed binary"
