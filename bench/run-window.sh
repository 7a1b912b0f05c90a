#!/usr/bin/env bash
# The window's capture numbers beside headless mode, in one run of the same wrk harness
# (../shared/bench/run-peers.sh: 5.3 KB POST, wrk -c50 and -c1 with --latency, server on one
# CPU through taskset, wrk on the other).
#
#   bash bench/run-window.sh                 # REPS=3 C50_DUR=10s C1_DUR=5s by default
#   REPS=1 bash bench/run-window.sh
#   SYNC=normal bash bench/run-window.sh    # both rows with --sync normal: no fsync per commit, so
#                                           # the tail shows the process, not the disk's flush
#
# Rows: hookscope-headless = hookscope --headless; hookscope-window = the window, offscreen
# (QT_QPA_PLATFORM=offscreen), shown, its table live, on a settings folder of its own. Same
# binary, same store settings (--sync full, the default). Targets (issue 21): window c50 >= 95%
# of headless, window c1 p99 < 2 ms.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-$ROOT/../shared/bench}
[[ -f $SHARED_BENCH/run-peers.sh ]] || SHARED_BENCH=/work/shared/bench
WORK=$ROOT/bench/out/harness
BIN=${HOOKSCOPE_BIN:-$ROOT/build/bin/hookscope}
[[ -x $BIN ]] || { echo "build first: make build (no $BIN)" >&2; exit 1; }
[[ -f $SHARED_BENCH/run-peers.sh ]] || { echo "no harness at $SHARED_BENCH" >&2; exit 1; }

mkdir -p "$WORK"
(cd "$SHARED_BENCH" && tar --exclude=./out --exclude=./peers/node_modules --exclude=./validators -cf - .) | tar -C "$WORK" -xf -
chmod -R u+w "$WORK"
# Only Hookscope rows run here: wrk is all they need, not the peers' nginx and npm packages.
HARNESS=$WORK/run-window-peers.sh
sed 's/^ensure_deps$/command -v wrk >\/dev\/null || { log "wrk is missing"; exit 1; }/' "$WORK/run-peers.sh" >"$HARNESS"

STAMP=$(date +%Y%m%d-%H%M%S)
export OUT=${OUT:-$ROOT/bench/out/window-$STAMP}
export PEERS=${PEERS:-hookscope-headless,hookscope-window}
DBDIR=$OUT/stores
CFG=$OUT/config # the window's QSettings and data folder: never the user's
mkdir -p "$DBDIR" "$CFG"
SYNC=${SYNC:-full}
ROWS=$OUT/hookscope-rows.sh
COUNT_PY=$OUT/count-events.py
printf '%s\n' 'import sqlite3, sys' \
  'print(sqlite3.connect(sys.argv[1]).execute("select count(*) from events").fetchone()[0])' >"$COUNT_PY"
cat >"$ROWS" <<ROWS
rm -f "$DBDIR"/*.sqlite*
COUNT_CMD="python3 $COUNT_PY $DBDIR/headless.sqlite" \\
  measure hookscope-headless 18093 "$BIN" --headless --port 18093 --sync $SYNC --db "$DBDIR/headless.sqlite"
rm -f "$DBDIR"/headless.sqlite* # gigabytes after a few runs: gone before the window's row starts
COUNT_CMD="python3 $COUNT_PY $DBDIR/window.sqlite" \\
  measure hookscope-window 18094 env QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$CFG" XDG_DATA_HOME="$CFG" \\
    "$BIN" --port 18094 --sync $SYNC --db "$DBDIR/window.sqlite"
ROWS
EXTRA_ROWS=$ROWS bash "$HARNESS"
rm -f "$DBDIR"/*.sqlite*
