#!/usr/bin/env python3
"""Slowloris latency: SLOW connections each trickle a request head, one byte every few
seconds, while one normal client sends NORMAL requests one after another; prints the normal
client's latency (p50 / p99 / max, ms). Starts its own headless receiver (build/bin/hookscope).

    python3 bench/slowloris/run.py                # 500 slow connections, 300 requests
    SLOW=1000 NORMAL=500 python3 bench/slowloris/run.py
"""
import os, socket, statistics, subprocess, sys, tempfile, threading, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary = os.environ.get("HOOKSCOPE_BIN", os.path.join(root, "build", "bin", "hookscope"))
slow_count, normal_count, port = int(os.environ.get("SLOW", 500)), int(os.environ.get("NORMAL", 300)), 18179
work = tempfile.mkdtemp(prefix="hookscope-slowloris.")
server = subprocess.Popen([binary, "--headless", "--port", str(port), "--db", f"{work}/events.sqlite",
                           "--max-connections", str(slow_count + 100)],
                          stdout=subprocess.DEVNULL, stderr=open(f"{work}/server.log", "w"))
try:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(slow_count)]
    head = b"POST /slow HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"p" * 100000
    stop = threading.Event()

    def trickle():
        i = 0
        while not stop.is_set():
            for s in slow:
                try:
                    s.send(head[i:i + 1])
                except OSError:
                    pass
            i += 1
            stop.wait(3)  # a byte per connection every 3 s

    threading.Thread(target=trickle, daemon=True).start()
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
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"{slow_count} slow connections open; {normal_count} normal requests: "
          f"p50 {statistics.median(latencies):.2f} ms, p99 {p99:.2f} ms, max {latencies[-1]:.2f} ms "
          f"({'within' if latencies[-1] < 100 else 'OVER'} 100 ms)")
finally:
    server.terminate()
    server.wait()
