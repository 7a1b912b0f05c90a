#!/usr/bin/env python3
"""Compares the clients' logs of acknowledged (2xx) requests with the store: every one must
be there exactly once, its raw body byte for byte (sha256). Prints the counts; exits 1 on
any missing, duplicate or altered event."""
import collections, hashlib, sqlite3, sys, zlib

store, logs = sys.argv[1], sys.argv[2:]
acked = {}
for path in logs:
    with open(path) as f:
        for line in f:
            req_id, digest = line.split()
            acked[req_id] = digest

db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
seen = collections.Counter()
digests = {}
for headers, body, encoding in db.execute("SELECT headers, body, body_encoding FROM events"):
    req_id = None
    for line in bytes(headers).split(b"\r\n"):
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"x-soak-id":
            req_id = v.strip().decode()
    if req_id is None:
        continue
    raw = bytes(body or b"")
    if encoding == 1:
        raw = zlib.decompress(raw[4:])  # qCompress: 4-byte length, then zlib
    seen[req_id] += 1
    digests[req_id] = hashlib.sha256(raw).hexdigest()

missing = [i for i in acked if seen[i] == 0]
duplicates = [i for i, c in seen.items() if c > 1]
altered = [i for i in acked if seen[i] and digests[i] != acked[i]]
print(f"acknowledged (2xx): {len(acked)}  stored with a soak id: {sum(seen.values())}  "
      f"missing: {len(missing)}  duplicates: {len(duplicates)}  altered: {len(altered)}")
for label, ids in (("missing", missing), ("duplicate", duplicates), ("altered", altered)):
    for i in ids[:10]:
        print(f"  {label}: {i}")
sys.exit(1 if missing or duplicates or altered else 0)
