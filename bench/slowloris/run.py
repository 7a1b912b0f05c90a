#!/usr/bin/env python3
"""Slowloris latency: SLOW connections each trickle a request head, one byte every few
seconds, while one normal client sends NORMAL requests one after another; prints the normal
client's latency (p50 / p99 / max, ms). Starts its own headless receiver (build/bin/hookscope).

    python3 bench/slowloris/run.py                # 500 slow connections, 300 requests
    SLOW=1000 NORMAL=500 python3 bench/slowloris/run.py
    SLOW=0 SYNC=normal python3 bench/slowloris/run.py   # the baseline; --sync normal: no fsync
    SLOW=0 SILENT=1100 python3 bench/slowloris/run.py   # 1,100 connections that never send a byte

SILENT connections connect and send nothing, more of them than the default --max-connections
(1024): the receiver closes the longest-silent one for each new connection at the cap (and every
silent one after --first-byte-timeout, 10 s; the bench reopens those, so SILENT stay open).
With SILENT the receiver runs with its default --max-connections unless MAXCONN is given.

Besides the client's latency it prints the receiver's own handling time of the same requests
(first byte to answer written, from the store): when both are high, the wait was inside the
receiver (on a busy machine, mostly the fsync before each 2xx), not in the slow connections.

The slow connections are trickled from a separate process, so that the measuring client never
waits for Python's interpreter lock (a thread of this process would add milliseconds to it).
"""
import multiprocessing, os, socket, sqlite3, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary = os.environ.get("HOOKSCOPE_BIN", os.path.join(root, "build", "bin", "hookscope"))
slow_count, normal_count, port = int(os.environ.get("SLOW", 500)), int(os.environ.get("NORMAL", 300)), 18179
silent_count = int(os.environ.get("SILENT", 0))
sync = os.environ.get("SYNC", "full")
work = tempfile.mkdtemp(prefix="hookscope-slowloris.")


def closed_by_server(s):
    try:
        return s.recv(4096, socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def trickle(port, count, silent_count, ready, stop):
    """Opens `count` connections and sends each a byte of a request head every 3 s; opens
    `silent_count` connections that send nothing, reopening those the receiver closes."""
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, count + silent_count + 256)), hard))
    except (ImportError, ValueError, OSError):
        pass
    slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
    silent = [socket.create_connection(("127.0.0.1", port)) for _ in range(silent_count)]
    ready.set()
    head = b"POST /slow HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"p" * 100000
    i = 0
    while not stop.is_set():
        for s in slow:
            try:
                s.send(head[i:i + 1])
            except OSError:
                pass
        for n, s in enumerate(silent):
            if closed_by_server(s):
                s.close()
                try:
                    silent[n] = socket.create_connection(("127.0.0.1", port), timeout=1)
                except OSError:
                    pass
        i += 1
        stop.wait(3 if count else 0.5)  # a byte per slow connection every 3 s


max_connections = os.environ.get("MAXCONN", "" if silent_count else str(slow_count + 100))
server = subprocess.Popen([binary, "--headless", "--port", str(port), "--db", f"{work}/events.sqlite", "--sync", sync]
                          + (["--max-connections", max_connections] if max_connections else []),
                          stdout=subprocess.DEVNULL, stderr=open(f"{work}/server.log", "w"))
try:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    stop = multiprocessing.Event()
    ready = multiprocessing.Event()
    trickler = multiprocessing.Process(target=trickle, args=(port, slow_count, silent_count, ready, stop), daemon=True)
    trickler.start()
    if not ready.wait(60):
        sys.exit("the slow connections did not open")
    time.sleep(1)
    latencies = []
    for n in range(normal_count):
        body = b'{"n":%d}' % n
        req = b"POST /normal HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
        t0 = time.perf_counter()
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(req)
            data = b""
            while b"\r\n\r\n" not in data:
                data += s.recv(4096)
        latencies.append((time.perf_counter() - t0) * 1000)
        assert data.startswith(b"HTTP/1.1 2"), data[:80]
    stop.set()
    trickler.join(10)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"{slow_count} slow and {silent_count} silent connections open"
          f"{', --max-connections ' + max_connections if max_connections else ''}, --sync {sync}; "
          f"{normal_count} normal requests: min {latencies[0]:.2f} ms, "
          f"p50 {statistics.median(latencies):.2f} ms, p99 {p99:.2f} ms, max {latencies[-1]:.2f} ms "
          f"({'within' if latencies[-1] < 100 else 'OVER'} 100 ms)")
finally:
    server.terminate()
    server.wait()
try:
    with sqlite3.connect(f"{work}/events.sqlite") as db:
        handling = sorted(row[0] / 1000 for row in db.execute(
            "SELECT event_info.handling_us FROM event_info JOIN events USING (id) "
            "WHERE event_info.handling_us IS NOT NULL AND CAST(target AS TEXT) = '/normal'"))
    if handling:
        print(f"  receiver's handling time of those requests: p50 {statistics.median(handling):.2f} ms, "
              f"p99 {handling[min(len(handling) - 1, int(len(handling) * 0.99))]:.2f} ms, max {handling[-1]:.2f} ms")
except sqlite3.Error as error:
    print(f"  (handling times not read: {error})")
