#!/usr/bin/env bash
# Soak: mixed traffic (valid, invalid, chunked, gzip, malformed) from several client
# processes at the rate the receiver sustains, while a killer loop SIGKILLs the headless
# receiver at random moments and restarts it. Afterwards every request that got a 2xx must
# be in the store exactly once, byte for byte (check.py). Bounded: SECONDS (default 150).
#
#   bash bench/soak/run.sh                  # 150 s, 6 clients
#   SECONDS_TOTAL=60 CLIENTS=4 bash bench/soak/run.sh
#   STORE_DIR=/mnt/small bash bench/soak/run.sh   # the store elsewhere (full-disk.sh uses it)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${HOOKSCOPE_BIN:-$ROOT/build/bin/hookscope}
DURATION=${SECONDS_TOTAL:-150}
CLIENTS=${CLIENTS:-6}
PORT=${PORT:-18177}
[[ -x $BIN ]] || { echo "build first: make build (no $BIN)" >&2; exit 1; }
export no_proxy='*' NO_PROXY='*'

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hookscope-soak.XXXXXX")
STORE_DIR=${STORE_DIR:-$WORK}
DB=$STORE_DIR/events.sqlite
echo "soak: ${DURATION}s, $CLIENTS clients, store $DB, logs in $WORK"

server_pid=
start_server() {
  "$BIN" --headless --port "$PORT" --db "$DB" >>"$WORK/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do  # until it listens (at most 5 s)
    (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "soak: the receiver did not start; see $WORK/server.log" >&2
  return 1
}
cleanup() {
  [[ -n ${killer_pid:-} ]] && kill "$killer_pid" 2>/dev/null || true
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

start_server
# Killer: SIGKILL after a random 0.3-3 s of service, restart at once.
(
  kills=0
  end=$((SECONDS + DURATION))
  while ((SECONDS < end)); do
    sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.3 + (r % 270) / 100 }')"
    ((SECONDS < end)) || break
    pid=$(cat "$WORK/server.pid" 2>/dev/null || true)
    [[ -n $pid ]] && kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    echo "$kills" >"$WORK/kills"
    sleep 0.05
    touch "$WORK/restart"
    while [[ -e $WORK/restart ]]; do sleep 0.01; done
  done
) &
killer_pid=$!

client_pids=()
for i in $(seq "$CLIENTS"); do
  python3 "$HERE/client.py" "$PORT" "$DURATION" "c$i" "$WORK/acked-c$i.log" >"$WORK/client-c$i.json" &
  client_pids+=($!)
done

# The supervisor: restarts the receiver whenever the killer asks.
echo "$server_pid" >"$WORK/server.pid"
end=$((SECONDS + DURATION + 15))
while ((SECONDS < end)); do
  if [[ -e $WORK/restart ]]; then
    wait "$server_pid" 2>/dev/null || true
    start_server
    echo "$server_pid" >"$WORK/server.pid"
    rm -f "$WORK/restart"
  fi
  alive=0
  for p in "${client_pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
  ((alive)) || break
  sleep 0.01
done
wait "${client_pids[@]}" || true
kill "$killer_pid" 2>/dev/null || true
killer_pid=
# A last kill -9: the check reads what a crash leaves behind.
kill -9 "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=

python3 - "$WORK" <<'PY'
import glob, json, sys
work = sys.argv[1]
total = {}
for path in glob.glob(f"{work}/client-*.json"):
    with open(path) as f:
        for k, v in json.loads(f.read().strip().splitlines()[-1]).items():
            total[k] = total.get(k, 0) + v
kills = open(f"{work}/kills").read().strip() if glob.glob(f"{work}/kills") else "0"
print(f"sent: {total.get('sent', 0)}  2xx: {total.get('2xx', 0)}  4xx: {total.get('4xx', 0)}  "
      f"5xx: {total.get('5xx', 0)}  connection errors (receiver down): {total.get('conn_errors', 0)}  "
      f"SIGKILLs: {kills}")
PY
python3 "$HERE/check.py" "$DB" "$WORK"/acked-*.log
