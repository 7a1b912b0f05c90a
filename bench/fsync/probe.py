#!/usr/bin/env python3
"""The floor of `--sync full` on this machine: how long one fdatasync takes.

With `--sync full` every request's commit waits for an fdatasync of the WAL, so the c1 p99
of that row can never be lower than this disk's fdatasync p99. Appends WAL-frame-sized
writes (4,120 bytes) to a file in DIR and syncs each, like SQLite's commits do.

    python3 bench/fsync/probe.py [DIR] [COUNT]     # default: bench/out, 2000
"""
import os
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "out")
count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
os.makedirs(directory, exist_ok=True)
frame = b"x" * 4120
samples = []
with tempfile.NamedTemporaryFile(dir=directory, prefix="fsync-probe-") as f:
    fd = f.fileno()
    for _ in range(count):
        start = time.perf_counter()
        os.write(fd, frame)
        os.fdatasync(fd)
        samples.append((time.perf_counter() - start) * 1000.0)
samples.sort()


def pct(p):
    return samples[min(len(samples) - 1, int(len(samples) * p / 100.0))]


print(f"write+fdatasync of 4,120 bytes in {os.path.abspath(directory)}, {count} times:")
print(f"  p50 {pct(50):.2f} ms   p90 {pct(90):.2f} ms   p99 {pct(99):.2f} ms   max {samples[-1]:.2f} ms")
