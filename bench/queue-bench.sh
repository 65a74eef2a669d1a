#!/usr/bin/env bash
# The job system's figures: creation latency (async), status read latency, async throughput
# (10,000 SMA jobs, enqueue to completed) and statistics latency with 1,000,000 finished jobs.
#
# Usage: bench/queue-bench.sh [duration=20s]
# Needs: wrk and python3, a PostgreSQL on 127.0.0.1:5432 (database ormcalc_bench is recreated),
# the packaged app (built if missing). Run it alone: it uses both cores.
set -euo pipefail
cd "$(dirname "$0")/.."
# production mode: token verification settings, a signing secret, and $TOKEN for the requests
source bench/auth.sh
needs wrk
DURATION=${1:-20s}
PORT=${PORT:-18080}
URL=http://localhost:$PORT
DB=ormcalc_bench

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB" -c "create database $DB"

QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_HTTP_PORT=$PORT \
  java -jar target/quarkus-app/quarkus-run.jar > target/bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf $URL/q/health/ready >/dev/null && break; sleep 1; done

post() { BODY_FILE=docs/examples/sma-request.json MODE=$1 EXPECT=$2 wrk -t1 -c1 -d"$3" -s bench/post.lua "$URL/api/v1/calculation-jobs"; }

echo "== warm-up (30 s each of creation and status reads: the JIT needs it on two cores)"
post async 202 30s > /dev/null
echo "== creation latency, async SMA job, one connection ($DURATION)"
post async 202 "$DURATION" | grep -E "^(requests|p)"
JOB=$(curl -s -H "$AUTH_HEADER" -X POST $URL/api/v1/calculation-jobs -H 'Content-Type: application/json' \
  -d @docs/examples/sma-request.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
wrk -t1 -c1 -d30s -s bench/get.lua "$URL/api/v1/calculation-jobs/$JOB/status" > /dev/null
echo "== status read latency, one connection ($DURATION)"
wrk -t1 -c1 -d"$DURATION" -s bench/get.lua "$URL/api/v1/calculation-jobs/$JOB/status" | grep -E "^(requests|p)"
echo "== async throughput, 10,000 SMA jobs"
sleep 5
python3 bench/throughput.py "$URL" docs/examples/sma-request.json 10000 8
echo "== seeding 1,000,000 finished jobs"
time psql -h 127.0.0.1 -U postgres -d $DB -q -v n=1000000 -f bench/seed-finished-jobs.sql
wrk -t1 -c1 -d15s -s bench/get.lua "$URL/api/v1/calculation-jobs/queue/statistics" > /dev/null
echo "== liveness probe latency for comparison: what this machine adds to any request"
wrk -t1 -c1 -d"$DURATION" -s bench/get.lua "$URL/q/health/live" | grep -E "^(requests|p)"
echo "== statistics latency with $(psql -h 127.0.0.1 -U postgres -d $DB -tAc 'select count(*) from job') jobs, one connection ($DURATION)"
wrk -t1 -c1 -d"$DURATION" -s bench/get.lua "$URL/api/v1/calculation-jobs/queue/statistics" | grep -E "^(requests|p)"
curl -s -H "$AUTH_HEADER" $URL/api/v1/calculation-jobs/queue/statistics | python3 -m json.tool | head -30
