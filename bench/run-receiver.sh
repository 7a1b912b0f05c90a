#!/usr/bin/env bash
# Hookscope's receiver beside the peer webhook catchers of ../shared/bench, in one run.
#
#   bash bench/run-receiver.sh                       # nginx, node-http, mockttp, mockoon, mitmdump, hookscope
#   PEERS=nginx-echo,mockttp,hookscope bash bench/run-receiver.sh
#
# Runs a copy of ../shared/bench/run-peers.sh (shared/ stays untouched) with Hookscope
# added as rows through EXTRA_ROWS, then prints Hookscope's ratio to each peer
# (bench/ratios.py). Every knob of run-peers.sh applies (REPS, C50_DUR, PIN, ...).
# Rows: hookscope = the default, every event fsync'ed before its 2xx (--sync full);
#       hookscope-normal = --sync normal (durable against a crash of the app, not of the OS);
#       hookscope-novalidate = --sync normal without background classification/validation,
#       to compare validation on (hookscope-normal) and off in one run.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-$ROOT/../shared/bench}
WORK=$ROOT/bench/out/harness
BIN=${HOOKSCOPE_BIN:-$ROOT/build/bin/hookscope}
[[ -x $BIN ]] || { echo "build first: make build (no $BIN)" >&2; exit 1; }
[[ -f $SHARED_BENCH/run-peers.sh ]] || { echo "no harness at $SHARED_BENCH" >&2; exit 1; }

mkdir -p "$WORK"
# A private copy of the harness: its npm installs and outputs stay out of shared/.
(cd "$SHARED_BENCH" && tar --exclude=./out --exclude=./peers/node_modules --exclude=./validators -cf - .) | tar -C "$WORK" -xf -
chmod -R u+w "$WORK"

STAMP=$(date +%Y%m%d-%H%M%S)
export OUT=${OUT:-$ROOT/bench/out/receiver-$STAMP}
export PEERS=${PEERS:-nginx-echo,node-http,mockttp,mockoon,mitmdump,hookscope,hookscope-normal,hookscope-novalidate}
DBDIR=$OUT/stores
mkdir -p "$DBDIR"
ROWS=$OUT/hookscope-rows.sh
COUNT_PY=$OUT/count-events.py
printf '%s\n' 'import sqlite3, sys' \
  'print(sqlite3.connect(sys.argv[1]).execute("select count(*) from events").fetchone()[0])' >"$COUNT_PY"
cat >"$ROWS" <<ROWS
rm -f "$DBDIR"/*.sqlite*
COUNT_CMD="python3 $COUNT_PY $DBDIR/full.sqlite" \\
  measure hookscope 18090 "$BIN" --headless --port 18090 --db "$DBDIR/full.sqlite" --sync full
COUNT_CMD="python3 $COUNT_PY $DBDIR/normal.sqlite" \\
  measure hookscope-normal 18091 "$BIN" --headless --port 18091 --db "$DBDIR/normal.sqlite" --sync normal
COUNT_CMD="python3 $COUNT_PY $DBDIR/novalidate.sqlite" \\
  measure hookscope-novalidate 18092 "$BIN" --headless --port 18092 --db "$DBDIR/novalidate.sqlite" --sync normal --no-validate
ROWS
EXTRA_ROWS=$ROWS bash "$WORK/run-peers.sh"
python3 "$HERE/ratios.py" "$OUT" | tee "$OUT/ratios.md"
rm -f "$DBDIR"/*.sqlite*
