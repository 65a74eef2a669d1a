#!/usr/bin/env python3
"""Async throughput: enqueue N SMA jobs over HTTP, then wait until all are completed.

Reports the enqueue rate and the end-to-end rate (first enqueue to last completion), read from
GET /queue/statistics. Standard library only. Usage: throughput.py BASE_URL BODY_FILE [N] [THREADS]
"""
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

# bench/auth.sh exports TOKEN: the service runs with authentication, as in production
AUTH = {"Authorization": "Bearer " + os.environ["TOKEN"]} if "TOKEN" in os.environ else {}

base, body_file = sys.argv[1], sys.argv[2]
total = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 8
url = urllib.parse.urlparse(base)
body = json.load(open(body_file))
body["execution_mode"] = "async"
payload = json.dumps(body).encode()


def connect():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=30)


def statistics():
    c = connect()
    c.request("GET", "/api/v1/calculation-jobs/queue/statistics", headers=AUTH)
    data = json.loads(c.getresponse().read())
    c.close()
    return data


before = statistics()["status_breakdown"]["completed"]
failures = []


def enqueue(count):
    c = connect()
    for _ in range(count):
        c.request("POST", "/api/v1/calculation-jobs", payload, {"Content-Type": "application/json", **AUTH})
        r = c.getresponse()
        body = r.read()
        if r.status != 202:
            failures.append(r.status)
            if len(failures) <= 3:
                print(f"answer {r.status}: {body[:200]!r}")
    c.close()


start = time.monotonic()
workers = [threading.Thread(target=enqueue, args=(total // threads,)) for _ in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
enqueued = time.monotonic() - start
sent = (total // threads) * threads
print(f"enqueued {sent} jobs in {enqueued:.1f} s ({sent / enqueued:.0f} jobs/s), {len(failures)} failures")

while True:
    stats = statistics()
    done = stats["status_breakdown"]["completed"] - before
    if done >= sent - len(failures):
        break
    if time.monotonic() - start > 1800:
        print(f"gave up: {done} completed")
        sys.exit(1)
    time.sleep(0.2)
elapsed = time.monotonic() - start
print(f"all {done} completed {elapsed:.1f} s after the first enqueue: {done / elapsed:.0f} jobs/s end to end")
print(f"failed {stats['status_breakdown']['failed']}, max_concurrent_jobs {stats['max_concurrent_jobs']}")
