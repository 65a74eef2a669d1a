#!/usr/bin/env bash
# Latency of a synchronous SMA job over HTTP: POST /api/v1/calculation-jobs, which validates,
# stores the job, calculates and records the outcome (two transactions, three audit events).
#
# Usage: bench/sync-latency.sh [duration=30s] [connections=4]
# Needs: wrk (apt-get install wrk), a PostgreSQL on 127.0.0.1:5432 (database ormcalc_bench is
# recreated), a packaged app (./mvnw package -DskipTests). Prints p50/p90/p99/p99.9.
set -euo pipefail
cd "$(dirname "$0")/.."
# production mode: token verification settings, a signing secret, and $TOKEN for the requests
source bench/auth.sh
needs wrk
DURATION=${1:-30s}
CONNECTIONS=${2:-4}
PORT=${PORT:-18080}

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -h 127.0.0.1 -U postgres -q -c 'drop database if exists ormcalc_bench' -c 'create database ormcalc_bench'

QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/ormcalc_bench \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_HTTP_PORT=$PORT \
  java -jar target/quarkus-app/quarkus-run.jar > target/bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf localhost:$PORT/q/health/ready >/dev/null && break; sleep 1; done

echo "warm-up (10 s)"
BODY_FILE=docs/examples/sma-request.json wrk -t2 -c"$CONNECTIONS" -d10s -s bench/post.lua \
  "http://localhost:$PORT/api/v1/calculation-jobs" > /dev/null
echo "measure ($DURATION, $CONNECTIONS connections)"
BODY_FILE=docs/examples/sma-request.json wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/post.lua \
  "http://localhost:$PORT/api/v1/calculation-jobs"
echo "sequential, one connection ($DURATION)"
BODY_FILE=docs/examples/sma-request.json wrk -t1 -c1 -d"$DURATION" -s bench/post.lua \
  "http://localhost:$PORT/api/v1/calculation-jobs"
