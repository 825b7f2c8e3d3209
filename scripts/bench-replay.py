#!/usr/bin/env python3
"""A day's allocations replayed: COUNT ownerless leads at random points of the scale
territories' box, over CONNECTIONS keep-alive connections, as fast as the server answers.
Prints the wall time, the rate and the latency percentiles (closed loop).

    scripts/bench-replay.py HOST PORT TOKEN COUNT CONNECTIONS
"""
import http.client
import json
import random
import sys
import threading
import time

host, port, token, count, connections = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
latencies, statuses, lock = [], {}, threading.Lock()


def worker(n, seed):
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(host, port)
    headers = {"content-type": "application/json", "authorization": f"Bearer {token}"}
    mine, codes = [], {}
    for i in range(n):
        body = json.dumps({
            "company": f"Inbound {seed}-{i}",
            "latitude": round(25 + rng.random() * 24, 5),
            "longitude": round(-124 + rng.random() * 57, 5),
        })
        start = time.perf_counter()
        conn.request("POST", "/api/v1/leads", body, headers)
        res = conn.getresponse()
        res.read()
        mine.append(time.perf_counter() - start)
        codes[res.status] = codes.get(res.status, 0) + 1
    with lock:
        latencies.extend(mine)
        for k, v in codes.items():
            statuses[k] = statuses.get(k, 0) + v


threads = [threading.Thread(target=worker, args=(count // connections + (i < count % connections), i))
           for i in range(connections)]
started = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.perf_counter() - started
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000
codes = " ".join(f"{k}:{v}" for k, v in sorted(statuses.items()))
print(f"day replay: {len(latencies)} allocations in {wall:.1f} s ({len(latencies) / wall:.0f}/s) "
      f"p50_ms={pct(50):.2f} p99_ms={pct(99):.2f} max_ms={latencies[-1] * 1000:.2f} status={codes}")
