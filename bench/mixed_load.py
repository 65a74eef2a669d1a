#!/usr/bin/env python3
"""Mixed load on one replica: tenant A's long and small low-priority work, then tenant B's urgent
and low jobs; B's waits are read from the jobs' own records (created, started, completed).

Usage: mixed_load.py BASE_URL TOKEN_A TOKEN_B SMA_BODY_FILE. Standard library only.
Prints B's queue waits, A's throughput and the answers to an over-budget request.
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse
from datetime import datetime

base, token_a, token_b, sma_file = sys.argv[1:5]
url = urllib.parse.urlparse(base)
SMA = json.load(open(sma_file))
JOBS = "/api/v1/calculation-jobs"


def connect():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=60)


def call(conn, method, path, token, body=None):
    headers = {"Authorization": "Bearer " + token}
    data = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    text = response.read()
    return response.status, (json.loads(text) if text else None)


def sma(priority, entity):
    body = dict(SMA)
    body.update(execution_mode="async", priority=priority, entity_id=entity)
    return body


def lda(priority, years, lam, entity, units=1, confidence=None):
    inputs = {
        "units_of_measure": [
            {"name": f"u{u}", "frequency": {"type": "poisson", "lambda": lam},
             "severity": {"type": "lognormal", "mu": 10, "sigma": 2}} for u in range(units)],
        "simulations": years, "seed": 7}
    if confidence is not None:
        inputs["confidence"] = confidence
    return {"model_name": "lda", "entity_id": entity, "calculation_date": "2024-12-31",
            "execution_mode": "async", "priority": priority, "inputs": inputs}


def submit_all(bodies, token, ids, threads=6):
    """POSTs the bodies on a few connections; the job ids land in ids, in order of answer."""
    lock = threading.Lock()
    queue = list(bodies)

    def worker():
        conn = connect()
        while True:
            with lock:
                if not queue:
                    break
                body = queue.pop(0)
            status, job = call(conn, "POST", JOBS, token, body)
            if status not in (201, 202):
                print("unexpected answer", status, job, file=sys.stderr)
                continue
            with lock:
                ids.append(job["job_id"])
        conn.close()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    return workers


def when(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def jobs(token, ids):
    conn = connect()
    out = []
    for job_id in ids:
        out.append(call(conn, "GET", f"{JOBS}/{job_id}", token)[1])
    conn.close()
    return out


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def await_done(token, ids, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        records = jobs(token, ids)
        if all(r["status"] in ("completed", "failed", "cancelled") for r in records):
            return records
        time.sleep(0.5)
    return jobs(token, ids)


def waits(records, start_field, end_field):
    return [(when(r[end_field]) - when(r[start_field])).total_seconds() * 1000
            for r in records if r.get(end_field)]


print("== tenant A: one long LDA, 300 small LDA, 10,000 SMA, all low priority")
t0 = time.time()
a_long, a_small, a_sma = [], [], []
conn = connect()
status, job = call(conn, "POST", JOBS, token_a, lda("low", 200_000_000, 25, "A-LONG"))
if status != 202:
    sys.exit(f"the long LDA was answered {status}: {job}")
a_long.append(job["job_id"])
conn.close()
feeders = submit_all([lda("low", 1_000_000, 2, f"A-LDA-{i}") for i in range(300)], token_a, a_small, 2)
feeders += submit_all([sma("low", f"A-SMA-{i}") for i in range(10_000)], token_a, a_sma, 4)
time.sleep(3)

print("== tenant B, 3 s later: 100 urgent SMA, 5 urgent small LDA, 20 low SMA")
b_urgent, b_lda, b_low = [], [], []
b = submit_all([sma("urgent", f"B-URG-{i}") for i in range(100)], token_b, b_urgent, 4)
b += submit_all([lda("urgent", 1_000_000, 2, f"B-LDA-{i}") for i in range(5)], token_b, b_lda, 1)
b += submit_all([sma("low", f"B-LOW-{i}") for i in range(20)], token_b, b_low, 1)
for w in b:
    w.join()
urgent = await_done(token_b, b_urgent, 120)
small = await_done(token_b, b_lda, 120)
low = await_done(token_b, b_low, 120)
for w in feeders:
    w.join()
a_submitted = time.time()

u = waits(urgent, "created_at", "started_at")
s = waits(small, "created_at", "completed_at")
l_wait = waits(low, "created_at", "started_at")
print(f"B urgent SMA  queue wait p50 {percentile(u, 50):8.1f} ms  p99 {percentile(u, 99):8.1f} ms"
      f"  max {max(u):8.1f} ms  (target p99 < 250 ms)")
print(f"B urgent LDA  created to completed  max {max(s):8.1f} ms  p50 {percentile(s, 50):8.1f} ms"
      f"  (target: each within 2,000 ms)")
print(f"B low SMA     queue wait p50 {percentile(l_wait, 50):8.1f} ms  p99 {percentile(l_wait, 99):8.1f} ms"
      f"  max {max(l_wait):8.1f} ms  (target: start within 1,000 ms)")
print(f"B outcomes: {sorted(set(r['status'] for r in urgent + small + low))}")

# A's throughput while all this ran: its SMA jobs, then its small LDA jobs, from their records
a_sma_records = await_done(token_a, a_sma, 300)
done_sma = [when(r["completed_at"]) for r in a_sma_records if r.get("completed_at")]
first = min(when(r["created_at"]) for r in a_sma_records)
print(f"A SMA: {len(done_sma)} of {len(a_sma)} completed, "
      f"{len(done_sma) / max(1e-9, (max(done_sma) - first).total_seconds()):7.0f} jobs/s (first creation to last completion)")
a_small_records = await_done(token_a, a_small, 900)
done_lda = [when(r["completed_at"]) for r in a_small_records if r.get("completed_at")]
first = min(when(r["created_at"]) for r in a_small_records)
print(f"A small LDA: {len(done_lda)} of {len(a_small)} completed, "
      f"{len(done_lda) / max(1e-9, (max(done_lda) - first).total_seconds()):7.2f} jobs/s")
conn = connect()
long_job = call(conn, "GET", f"{JOBS}/{a_long[0]}/status", token_a)[1]
print(f"A long LDA: {long_job['status']} at {long_job['progress_percentage']} % after"
      f" {time.time() - t0:.0f} s")
if long_job["status"] == "running":
    call(conn, "DELETE", f"{JOBS}/{a_long[0]}", token_a)

print("== an LDA request over the per-job memory limit (2e8 years at 0.9, 20 units)")
over = lda("low", 200_000_000, 1, "OVER", units=20, confidence=0.9)
status, problem = call(conn, "POST", JOBS, token_a, over)
print(f"answer {status} {problem.get('error_code')}: estimated {problem.get('estimated_memory_bytes')}"
      f" bytes, limit {problem.get('memory_limit_bytes')} bytes")
print(f"   {problem.get('detail')}")
conn.close()
