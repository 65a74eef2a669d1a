#!/usr/bin/env bash
# What one request costs (issue 15's profile harness): wrk against one path of the packaged app,
# then per request the JVM's CPU (/proc utime + stime), PostgreSQL's commits and the statements it
# ran (pg_stat_statements, time per request and calls per request), optionally with a JDK Flight
# Recorder file for ../shared/tools/profile/jfr-top.
#
# Usage: bench/cost-per-request.sh sma|async|status [connections=4] [jfr=0]
#   sma     synchronous SMA (docs/examples/sma-request.json), answered 201
#   async   async BIA creation (bench/bia-async-request.json) on an api replica, answered 202
#   status  status read of one job
# Needs wrk, a PostgreSQL on 127.0.0.1:5432 with pg_stat_statements in shared_preload_libraries
# (pg_stat_statements.track = all counts the statements inside triggers; without it the statement
# table is skipped), the packaged app. Database ormcalc_cost is recreated. Warm-up 40 s, measured
# 20 s; with jfr=1 target/cost-<path>.jfr records the measured window.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/auth.sh
needs wrk
WHAT=${1:?sma, async or status}
C=${2:-4}
JFR=${3:-0}
DB=ormcalc_cost
PORT=18100
THREADS=$([ "$C" = 1 ] && echo 1 || echo 2)
psql_db() { psql -h 127.0.0.1 -U postgres -d $DB -qtA "$@"; }

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB with (force)" -c "create database $DB"
HAS_PSS=$(psql_db -c "show shared_preload_libraries" | grep -c pg_stat_statements || true)
[ "$HAS_PSS" = 1 ] && psql_db -c "create extension if not exists pg_stat_statements" > /dev/null

BODY=docs/examples/sma-request.json
SCRIPT=bench/post.lua
ROLE=all
URL_PATH=/api/v1/calculation-jobs
case $WHAT in
  sma) ;;
  async) BODY=bench/bia-async-request.json; ROLE=api; export EXPECT=202 ;;
  status) SCRIPT=bench/get.lua ;;
  *) echo "sma, async or status"; exit 2 ;;
esac
OPTS=()
[ "$JFR" = 1 ] && OPTS=("-XX:StartFlightRecording=filename=target/cost-$WHAT.jfr,settings=profile,delay=42s,duration=20s")
ORMCALC_ROLE=$ROLE QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_HTTP_PORT=$PORT \
  java "${OPTS[@]}" -jar target/quarkus-app/quarkus-run.jar > target/bench-cost.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do curl -sf localhost:$PORT/q/health/ready > /dev/null && break; sleep 1; done
if [ "$WHAT" = status ]; then
  BODY_FILE=docs/examples/sma-request.json wrk -t1 -c1 -d2s -s bench/post.lua "http://localhost:$PORT$URL_PATH" > /dev/null
  URL_PATH="$URL_PATH/$(psql_db -c "select id from job limit 1")/status"
fi
URL="http://localhost:$PORT$URL_PATH"
echo "warm-up (40 s, $C connections)"
BODY_FILE=$BODY wrk -t$THREADS -c"$C" -d40s -s $SCRIPT "$URL" > /dev/null
[ "$HAS_PSS" = 1 ] && psql_db -c "select pg_stat_statements_reset()" > /dev/null
CPU0=$(awk '{print $14 + $15}' /proc/$APP/stat)
COMMITS0=$(psql_db -c "select xact_commit from pg_stat_database where datname = '$DB'")
echo "measure (20 s)"
BODY_FILE=$BODY wrk -t$THREADS -c"$C" -d20s -s $SCRIPT "$URL" | tee target/bench-cost-wrk.txt | grep -E "Requests/sec|^p|unexpected"
CPU1=$(awk '{print $14 + $15}' /proc/$APP/stat)
COMMITS1=$(psql_db -c "select xact_commit from pg_stat_database where datname = '$DB'")
REQUESTS=$(grep -oE "[0-9]+ requests in" target/bench-cost-wrk.txt | awk '{print $1}')
TICK=$(getconf CLK_TCK)
python3 -c "import sys; c0, c1, n, k0, k1, tick = map(int, sys.argv[1:]); print(f'JVM CPU per request {(c1 - c0) * 1e6 / tick / n:.0f} us; commits per request {(k1 - k0) / n:.2f}')" \
  "$CPU0" "$CPU1" "$REQUESTS" "$COMMITS0" "$COMMITS1" "$TICK"
if [ "$HAS_PSS" = 1 ]; then
  psql -h 127.0.0.1 -U postgres -d $DB -c "select round((total_exec_time * 1000 / $REQUESTS)::numeric, 1) as us_per_request,
      round(calls::numeric / $REQUESTS, 2) as calls_per_request, left(regexp_replace(query, '\s+', ' ', 'g'), 90) as statement
    from pg_stat_statements where dbid = (select oid from pg_database where datname = '$DB')
    order by total_exec_time desc limit 10"
else
  echo "(pg_stat_statements is not in shared_preload_libraries: no statement table)"
fi
[ "$JFR" = 1 ] && sleep 3 && echo "recording: target/cost-$WHAT.jfr (../shared/tools/profile/jfr-top target/cost-$WHAT.jfr)"
