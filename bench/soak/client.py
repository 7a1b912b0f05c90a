#!/usr/bin/env python3
"""Soak client: sends mixed webhook traffic to 127.0.0.1:PORT for SECONDS and logs every
request that got a 2xx, one line per request: "<id> <sha256 of the body bytes sent>".

Mix: valid JSON, invalid JSON, chunked, gzip (Content-Encoding kept raw in the store),
malformed (expects 4xx, never logged). Raw sockets, so framing is exactly what we say.
Connection errors (the receiver was just killed) are counted, not retried: a request is
logged only when its 2xx status line was read in full."""
import gzip, hashlib, json, os, random, socket, sys, time

port, seconds, name, log_path = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
rng = random.Random(name)
counts = {"sent": 0, "2xx": 0, "4xx": 0, "5xx": 0, "conn_errors": 0}


def read_response(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the response head")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            length = int(v.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed mid-body")
        rest += chunk
    return status


def build(req_id, kind):
    doc = {"soakId": req_id, "type": "AppointmentCreate", "n": rng.randrange(10**9),
           "pad": "x" * rng.choice([0, 10, 200, 3000, 20000])}
    body = json.dumps(doc).encode()
    head = [f"POST /hooks/soak/{kind} HTTP/1.1", "Host: 127.0.0.1", f"X-Soak-Id: {req_id}",
            "Content-Type: application/json", "Connection: close"]
    if kind == "invalid":
        body = body[: len(body) // 2] + b"\xff\xfe not json"
    if kind == "gzip":
        body = gzip.compress(body)
        head.append("Content-Encoding: gzip")
    if kind == "chunked":
        head.append("Transfer-Encoding: chunked")
        cut = [0] + sorted(rng.sample(range(1, len(body)), min(3, len(body) - 1))) + [len(body)]
        wire = b"".join(b"%x\r\n%s\r\n" % (b - a, body[a:b]) for a, b in zip(cut, cut[1:]) if b > a) + b"0\r\n\r\n"
        return body, ("\r\n".join(head) + "\r\n\r\n").encode() + wire
    if kind == "malformed":
        return None, (f"POST /hooks/soak/bad HTTP/1.1\r\nX-Soak-Id: {req_id}\r\nContent-Length: 5\r\n"
                      "Bad Header Without Colon\r\n\r\nhello").encode()
    head.append(f"Content-Length: {len(body)}")
    return body, ("\r\n".join(head) + "\r\n\r\n").encode() + body


deadline = time.monotonic() + seconds
n = 0
with open(log_path, "w") as log:
    while time.monotonic() < deadline:
        n += 1
        req_id = f"{name}-{n}"
        kind = rng.choice(["valid", "valid", "invalid", "chunked", "gzip", "malformed"])
        body, wire = build(req_id, kind)
        counts["sent"] += 1
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                sock.sendall(wire)
                status = read_response(sock)
        except (OSError, ConnectionError, ValueError, IndexError):
            counts["conn_errors"] += 1
            time.sleep(0.01)
            continue
        if 200 <= status < 300:
            counts["2xx"] += 1
            if body is None:
                print(f"BUG: malformed request {req_id} got {status}", file=sys.stderr)
            else:
                log.write(f"{req_id} {hashlib.sha256(body).hexdigest()}\n")
        elif status < 500:
            counts["4xx"] += 1
        else:
            counts["5xx"] += 1
print(json.dumps(counts))
