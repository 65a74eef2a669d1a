#!/usr/bin/env bash
# What the dashboard's live announcements (schema V6: one NOTIFY per job insert, status change and
# progress write) cost the queue: one packaged app, rounds of 4,000 async SMA jobs enqueued by 8
# clients and run to completion, with the announcement triggers disabled and enabled in turn
# (after a warm-up round: the JIT needs it on two cores). Also prints any non-202 answer.
#
# Usage: bench/announce-cost.sh [jobs-per-round=4000] [rounds=2]
# Needs: python3, a PostgreSQL on 127.0.0.1:5432 (database ormcalc_announce_bench is recreated),
# the packaged app (built if missing). Run it alone: it uses both cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/auth.sh
JOBS=${1:-4000}
ROUNDS=${2:-2}
PORT=${PORT:-18081}
URL=http://localhost:$PORT
DB=ormcalc_announce_bench
PSQL="psql -h 127.0.0.1 -U postgres -d $DB -q"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB" -c "create database $DB"
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_HTTP_PORT=$PORT \
  java -jar target/quarkus-app/quarkus-run.jar > target/announce-bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf $URL/q/health/ready >/dev/null && break; sleep 1; done

BODY=target/announce-bench-request.json
sed 's/"execution_mode":"sync"/"execution_mode":"async"/' docs/examples/sma-request.json > $BODY
echo "== warm-up"
python3 bench/throughput.py $URL $BODY "$JOBS" 8 | grep -E "enqueued|completed"
for round in $(seq 1 "$ROUNDS"); do
  for mode in disable enable; do
    $PSQL -c "alter table job $mode trigger job_announce_insert" \
          -c "alter table job $mode trigger job_announce_update"
    echo "== round $round, announcements ${mode}d"
    python3 bench/throughput.py $URL $BODY "$JOBS" 8 | grep -E "enqueued|completed|answer"
  done
done
