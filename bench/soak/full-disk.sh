#!/usr/bin/env bash
# Full disk: the store on a small tmpfs. While space lasts, requests get 2xx; once the disk
# is full they get 503 with the reason (never a 2xx for what is not stored); after the
# filesystem grows again, requests get 2xx again without a restart. Every 2xx is then
# checked in the store, byte for byte (check.py). Needs root for mount; skips otherwise.
#
#   bash bench/soak/full-disk.sh
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${HOOKSCOPE_BIN:-$ROOT/build/bin/hookscope}
PORT=${PORT:-18178}
[[ -x $BIN ]] || { echo "build first: make build (no $BIN)" >&2; exit 1; }
export no_proxy='*' NO_PROXY='*'

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hookscope-fulldisk.XXXXXX")
MNT=$WORK/mnt
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=4m tmpfs "$MNT" 2>"$WORK/mount.err"; then
  echo "full-disk: SKIPPED: cannot mount a tmpfs here ($(cat "$WORK/mount.err")); run as root on a machine that allows mounts"
  exit 0
fi
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  umount "$MNT" 2>/dev/null || true
}
trap cleanup EXIT

"$BIN" --headless --port "$PORT" --db "$MNT/events.sqlite" --no-validate >"$WORK/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.05; done

python3 - "$PORT" "$WORK" "$MNT" <<'PY'
import hashlib, os, socket, subprocess, sys
port, work, mnt = int(sys.argv[1]), sys.argv[2], sys.argv[3]

def send(n):
    body = os.urandom(48 * 1024)  # incompressible: the store cannot shrink it
    req = (f"POST /hooks/disk HTTP/1.1\r\nHost: x\r\nX-Soak-Id: d-{n}\r\nContent-Length: {len(body)}\r\n"
           "Connection: close\r\n\r\n").encode() + body
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        s.sendall(req)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), rest.decode(errors="replace").strip(), body

acked = open(f"{work}/acked-disk.log", "w")
counts = {"2xx": 0, "503": 0, "other": 0}
reason = ""
n = 0
phase_full_at = None
for n in range(1, 400):  # until full, then a few more
    status, text, body = send(n)
    if 200 <= status < 300:
        counts["2xx"] += 1
        acked.write(f"d-{n} {hashlib.sha256(body).hexdigest()}\n")
    elif status == 503:
        counts["503"] += 1
        reason = reason or text
        phase_full_at = phase_full_at or n
        if counts["503"] >= 5:
            break
    else:
        counts["other"] += 1
print(f"filling a 4 MiB tmpfs: {counts['2xx']} x 2xx, then 503 from request {phase_full_at}: {reason!r}")
if not phase_full_at:
    sys.exit("full-disk: the disk never filled")
subprocess.run(["mount", "-o", "remount,size=64m", mnt], check=True)
after = {"2xx": 0, "other": 0}
for m in range(n + 1, n + 21):
    status, text, body = send(m)
    if 200 <= status < 300:
        after["2xx"] += 1
        acked.write(f"d-{m} {hashlib.sha256(body).hexdigest()}\n")
    else:
        after["other"] += 1
acked.close()
print(f"after growing the tmpfs to 64 MiB (no restart): {after['2xx']} x 2xx, {after['other']} other")
if after["2xx"] == 0 or "full" not in reason:
    sys.exit("full-disk: FAILED (no recovery, or the 503 did not say why)")
PY
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
grep -m1 "store error" "$WORK/server.log" || true
python3 "$HERE/check.py" "$MNT/events.sqlite" "$WORK/acked-disk.log"
