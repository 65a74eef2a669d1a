#!/usr/bin/env python3
"""Webhook figures: delivery latency after job completion, and throughput with a slow receiver.

Runs a receiver (standard library, threaded) on loopback that checks every Standard Webhooks
signature (its own HMAC, independent of the service) and records when each message arrived, then:

1. latency: N async SMA jobs with a callback, submitted one by one at a modest pace; for each
   message, arrival time minus the job's completed_at (the payload's timestamp, database time on
   the same machine);
2. slow receiver: M jobs at once whose receiver answers after DELAY seconds; deliveries per second
   from the first arrival to the last.

Usage: webhook_bench.py BASE_URL BODY_FILE SECRET [N=300] [M=1000] [DELAY=1.0] [PORT=18090]
"""
import base64
import hashlib
import hmac
import http.client
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# bench/auth.sh exports TOKEN: the service runs with authentication, as in production
AUTH = {"Authorization": "Bearer " + os.environ["TOKEN"]} if "TOKEN" in os.environ else {}

base, body_file, secret = sys.argv[1], sys.argv[2], sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 300
m = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
delay = float(sys.argv[6]) if len(sys.argv) > 6 else 1.0
port = int(sys.argv[7]) if len(sys.argv) > 7 else 18090
key = base64.b64decode(secret[len("whsec_"):])
url = urllib.parse.urlparse(base)
template = json.load(open(body_file))
template["execution_mode"] = "async"

arrivals = {}  # path -> list of (arrival epoch seconds, completed_at epoch seconds)
bad_signatures = []
lock = threading.Lock()


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        now = time.time()
        signed = f'{self.headers["webhook-id"]}.{self.headers["webhook-timestamp"]}.'.encode() + body
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        valid = any(s == "v1," + expected for s in self.headers["webhook-signature"].split(" "))
        completed = datetime.fromisoformat(json.loads(body)["timestamp"].replace("Z", "+00:00"))
        with lock:
            if not valid:
                bad_signatures.append(self.headers["webhook-id"])
            arrivals.setdefault(self.path, []).append((now, completed.timestamp()))
        if self.path == "/slow":
            time.sleep(delay)
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
server = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()


def submit(path):
    body = dict(template, callback_url=f"http://127.0.0.1:{port}{path}")
    c = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    c.request("POST", "/api/v1/calculation-jobs", json.dumps(body), {"Content-Type": "application/json", **AUTH})
    r = c.getresponse()
    r.read()
    c.close()
    if r.status != 202:
        raise SystemExit(f"job creation answered {r.status}")


def wait_for(path, count, limit):
    deadline = time.time() + limit
    while time.time() < deadline:
        with lock:
            if len(arrivals.get(path, [])) >= count:
                return
        time.sleep(0.05)
    raise SystemExit(f"only {len(arrivals.get(path, []))} of {count} messages reached {path}")


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


print("== warm-up: 200 jobs with callbacks")
for _ in range(200):
    submit("/warm")
wait_for("/warm", 200, 120)

print(f"== delivery latency after job completion: {n} jobs, one at a time, 20 per second")
for _ in range(n):
    submit("/fast")
    time.sleep(0.05)
wait_for("/fast", n, 120)
latencies = [(a - c) * 1000 for a, c in arrivals["/fast"]]
print(f"messages {len(latencies)}  p50 {pct(latencies, 0.5):.2f} ms  p90 {pct(latencies, 0.9):.2f} ms"
      f"  p99 {pct(latencies, 0.99):.2f} ms  max {max(latencies):.2f} ms")

print(f"== slow receiver ({delay:.1f} s per answer): {m} jobs submitted at once")
workers = [threading.Thread(target=lambda: [submit("/slow") for _ in range(m // 8)]) for _ in range(8)]
for w in workers:
    w.start()
for w in workers:
    w.join()
wait_for("/slow", m // 8 * 8, 3600)
times = sorted(a for a, _ in arrivals["/slow"])
span = times[-1] - times[0]
print(f"messages {len(times)}  first to last arrival {span:.1f} s  throughput {(len(times) - 1) / span:.1f} deliveries/s")
print(f"signatures failing verification: {len(bad_signatures)}")
server.shutdown()
