#!/usr/bin/env bash
# What a drained job costs: an api replica accepts N async BIA jobs (wrk, 16 connections), then a
# worker replica (8 workers) drains them; prints the rate from the first to the last completion,
# the worker's JVM CPU per job (start-up included) and PostgreSQL's statements per job
# (pg_stat_statements, time per job and calls per job).
#
# Usage: bench/drain-cost.sh [N=40000] [jfr=0]
# Settings of the worker pass through the environment, e.g.
#   ORMCALC_EXECUTION_INSTANT_BATCH_SIZE=200 bench/drain-cost.sh
# For experiments: PRE_DRAIN_SQL runs on the filled database before the worker starts (e.g. a
# different index), WORKER_JAVA_OPTS are added to the worker's JVM options.
# Needs wrk, a PostgreSQL on 127.0.0.1:5432 (pg_stat_statements in shared_preload_libraries for the
# statement table), the packaged app. Database ormcalc_drain is recreated. With jfr=1
# target/drain.jfr records 8 s of the steady drain (from 12 s after the worker starts).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/auth.sh
needs wrk
N=${1:-40000}
JFR=${2:-0}
DB=ormcalc_drain
JDBC=jdbc:postgresql://127.0.0.1:5432/$DB
psql_db() { psql -h 127.0.0.1 -U postgres -d $DB -qtA "$@"; }
jobs_in() { psql_db -c "select coalesce(sum(jobs), 0) from job_count where status in ($1)"; }

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB with (force)" -c "create database $DB"
APP=
stop() { [ -n "$APP" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true; APP=; }
trap stop EXIT
start() {  # role port [java options...]
  local role=$1 port=$2
  shift 2
  ORMCALC_ROLE=$role ORMCALC_EXECUTION_INSTANCE_ID=drain-$role MAX_CONCURRENT_JOBS=8 \
    QUARKUS_DATASOURCE_JDBC_URL=$JDBC QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_HTTP_PORT=$port \
    java "$@" -jar target/quarkus-app/quarkus-run.jar > target/bench-drain-$role.log 2>&1 &
  APP=$!
}
start api 18200
for _ in $(seq 1 90); do curl -sf localhost:18200/q/health/ready > /dev/null && break; sleep 1; done
echo "api replica: creating $N jobs"
PER_THREAD=$((N / 2)) BODY_FILE=bench/bia-async-request.json EXPECT=202 \
  wrk -t2 -c16 -d600s -s bench/post-n.lua http://localhost:18200/api/v1/calculation-jobs > target/bench-drain-wrk.txt 2>&1 &
WRK=$!
until [ "$(jobs_in "'queued'")" -ge "$N" ]; do sleep 0.2; done
kill -INT $WRK 2>/dev/null || true
wait $WRK 2>/dev/null || true
stop
echo "queued: $(jobs_in "'queued'")"
[ -n "${PRE_DRAIN_SQL:-}" ] && psql_db -c "$PRE_DRAIN_SQL"
HAS_PSS=$(psql_db -c "show shared_preload_libraries" | grep -c pg_stat_statements || true)
[ "$HAS_PSS" = 1 ] && psql_db -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" > /dev/null
OPTS=()
[ "$JFR" = 1 ] && OPTS=("-XX:StartFlightRecording=filename=target/drain.jfr,settings=profile,delay=12s,duration=8s")
# shellcheck disable=SC2086 # WORKER_JAVA_OPTS is a list of options
start worker 18201 "${OPTS[@]}" ${WORKER_JAVA_OPTS:-}
until [ "$(jobs_in "'queued', 'running'")" = "0" ]; do sleep 0.3; done
CPU=$(awk '{print $14 + $15}' /proc/$APP/stat)
stop
psql_db -c "select 'drain ' || round(count(*) / extract(epoch from max(completed_at) - min(completed_at)))
  || ' jobs/s over ' || round(extract(epoch from max(completed_at) - min(completed_at))::numeric, 1) || ' s'
  from job where status = 'completed'"
python3 -c "import sys; print(f'worker JVM CPU per job {int(sys.argv[1]) * 1e6 / int(sys.argv[3]) / int(sys.argv[2]):.0f} us (start-up included)')" \
  "$CPU" "$N" "$(getconf CLK_TCK)"
if [ "$HAS_PSS" = 1 ]; then
  psql -h 127.0.0.1 -U postgres -d $DB -c "select round((total_exec_time * 1000 / $N)::numeric, 1) as us_per_job,
      round(calls::numeric / $N, 3) as calls_per_job, left(regexp_replace(query, '\s+', ' ', 'g'), 90) as statement
    from pg_stat_statements where dbid = (select oid from pg_database where datname = '$DB')
    order by total_exec_time desc limit 10"
fi
