#!/usr/bin/env bash
# Webhook figures: delivery latency after job completion (p50/p99) and throughput with a slow
# receiver (1 s per answer), with the default settings (32 deliveries in flight per replica).
#
# Usage: bench/webhook-bench.sh [jobs=300] [slow-jobs=1000] [receiver-delay-seconds=1.0]
# Needs: python3, a PostgreSQL on 127.0.0.1:5432 (database ormcalc_bench is recreated), the
# packaged app (built if missing). Run it alone: it uses both cores.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18080}
URL=http://localhost:$PORT
DB=ormcalc_bench
SECRET=whsec_$(head -c 32 /dev/urandom | base64)
export WEBHOOK_SIGNING_SECRET=$SECRET
source bench/auth.sh

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB" -c "create database $DB"

QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_HTTP_PORT=$PORT \
WEBHOOK_SIGNING_SECRET=$SECRET WEBHOOK_ALLOW_HTTP=true WEBHOOK_ALLOWED_HOSTS=127.0.0.1 \
  java -jar target/quarkus-app/quarkus-run.jar > target/bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf $URL/q/health/ready >/dev/null && break; sleep 1; done

python3 bench/webhook_bench.py "$URL" docs/examples/sma-request.json "$SECRET" "${1:-300}" "${2:-1000}" "${3:-1.0}"
