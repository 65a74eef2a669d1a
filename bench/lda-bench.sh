#!/usr/bin/env bash
# LDA speed: the engine against numpy on the same machine (10^7 years of Poisson(10) x
# lognormal(10, 2)), and a 10^8-year run through the API as an async job with its progress.
#
# Usage: bench/lda-bench.sh. Needs python3-numpy (apt-get install python3-numpy), a PostgreSQL on
# 127.0.0.1:5432 (database ormcalc_bench is recreated) and the packaged app (built if missing).
# For loss samples per second per core: ./mvnw -Pjmh test-compile exec:exec (JMH).
set -euo pipefail
cd "$(dirname "$0")/.."
# production mode: token verification settings, a signing secret, and $TOKEN for the requests
source bench/auth.sh
PORT=${PORT:-18080}
URL=http://localhost:$PORT
PYTHON=/usr/bin/python3; [ -x $PYTHON ] || PYTHON=python3

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists ormcalc_bench" -c "create database ormcalc_bench"
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/ormcalc_bench \
QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_HTTP_PORT=$PORT \
  java -jar target/quarkus-app/quarkus-run.jar > target/bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf $URL/q/health/ready >/dev/null && break; sleep 1; done

body() {  # years, mode
  printf '{"model_name":"lda","entity_id":"BENCH","calculation_date":"2024-12-31","execution_mode":"%s",
  "inputs":{"units_of_measure":[{"name":"u","frequency":{"type":"poisson","lambda":10},
  "severity":{"type":"lognormal","mu":10,"sigma":2}}],"simulations":%s,"seed":7}}' "$2" "$1"
}
post() { curl -s -H "$AUTH_HEADER" -o target/lda-answer.json -w '%{time_total}' -X POST $URL/api/v1/calculation-jobs \
  -H 'Content-Type: application/json' -d "$(body "$1" "$2")"; }

echo "== numpy ($($PYTHON -c 'import numpy; print(numpy.__version__)')), 10^7 years, single-threaded as numpy is"
$PYTHON bench/lda_numpy.py 10000000 7
echo "== engine, warm-up"
post 2000000 sync > /dev/null
echo "== engine, 10^7 years through the API (sync), $(nproc) cores"
for run in 1 2 3; do
  seconds=$(post 10000000 sync)
  echo "run $run: $seconds s; $(python3 -c "import json; r=json.load(open('target/lda-answer.json'))['result']['total']; print('VaR99.9', r['var'], 'ES99.9', r['expected_shortfall'], 'EL', r['expected_loss'], 'SE', r['var_standard_error'])")"
done
echo "== engine, 10^8 years through the API as an async job"
start=$(date +%s.%N)
post 100000000 async > /dev/null
JOB=$(python3 -c "import json; print(json.load(open('target/lda-answer.json'))['job_id'])")
while true; do
  status=$(curl -s -H "$AUTH_HEADER" $URL/api/v1/calculation-jobs/$JOB/status)
  state=$(echo "$status" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["status"], s["progress_percentage"])')
  echo "  $(python3 -c "print(f'{$(date +%s.%N) - $start:6.1f} s')") $state"
  case "$state" in completed*|failed*|cancelled*) break;; esac
  sleep 2
done
curl -s -H "$AUTH_HEADER" $URL/api/v1/calculation-jobs/$JOB | python3 -c "import json,sys; j=json.load(sys.stdin); t=j['result']['total']; print('started', j['started_at'], 'completed', j['completed_at'], 'VaR99.9', t['var'], 'SE', t['var_standard_error'])"
