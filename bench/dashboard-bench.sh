#!/usr/bin/env bash
# The dashboard with 1,000,000 jobs in the table: the plan and time of every query the page makes
# (EXPLAIN ANALYZE), then Chromium measuring page loads, deep paging and live-event latency
# (io.ormcalc.bench.DashboardBenchmark).
#
# Usage: bench/dashboard-bench.sh [jobs=1000000]
# Needs: wrk, Chromium and chromedriver (apt-get install wrk chromium chromium-driver), a PostgreSQL on
# 127.0.0.1:5432 (database ormcalc_dash_bench is recreated), the packaged app (built if missing).
# Run it alone: it uses both cores. The app keeps its jobs (JOB_CLEANUP_AGE_HOURS=87600): the
# seeded jobs are up to 30 days old and would otherwise be purged while it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/auth.sh
needs wrk
JOBS=${1:-1000000}
PORT=${PORT:-18080}
URL=http://localhost:$PORT
DB=ormcalc_dash_bench
PSQL="psql -h 127.0.0.1 -U postgres -d $DB -q"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB" -c "create database $DB"

start_app() {
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_HTTP_PORT=$PORT JOB_CLEANUP_AGE_HOURS=87600 \
    java -jar target/quarkus-app/quarkus-run.jar > target/dashboard-bench-app.log 2>&1 &
  APP=$!
  for _ in $(seq 1 60); do curl -sf $URL/q/health/ready >/dev/null && break; sleep 1; done
}
start_app
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
# the schema is there once the app is ready; seed with the app stopped (a quiet database)
kill $APP; wait $APP 2>/dev/null || true
echo "== seeding $JOBS jobs"
time $PSQL -v n="$JOBS" -f bench/seed-finished-jobs.sql
echo "jobs: $($PSQL -tAc 'select count(*) from job'), dead letters: $($PSQL -tAc "select count(*) from webhook_delivery where status = 'dead'")"

echo "== the page's queries (EXPLAIN ANALYZE; execution time and the index used)"
explain() {
  echo "-- $1"
  $PSQL -tA -c "explain (analyze, buffers) $2" | grep -E "Index|Execution Time|Seq Scan|Sort" | head -4
}
OLD=$($PSQL -tAc "select created_at || '|' || id from job where tenant_id = 'bench' order by created_at desc, id desc offset 5000 limit 1")
explain "jobs, tenant, first page" "select * from job where tenant_id = 'bench' order by created_at desc, id desc limit 51"
explain "jobs, tenant, page after 5,000 rows (cursor)" "select * from job where tenant_id = 'bench' and (created_at, id) < ('${OLD%%|*}', '${OLD##*|}') order by created_at desc, id desc limit 51"
explain "jobs, tenant, status=failed" "select * from job where tenant_id = 'bench' and status = 'failed' order by created_at desc, id desc limit 51"
explain "jobs, tenant, status=completed model=lda" "select * from job where tenant_id = 'bench' and status = 'completed' and model_name = 'lda' order by created_at desc, id desc limit 51"
explain "jobs, tenant, model=asa" "select * from job where tenant_id = 'bench' and model_name = 'asa' order by created_at desc, id desc limit 51"
explain "jobs, tenant, entity" "select * from job where tenant_id = 'bench' and entity_id = 'SEED_42' order by created_at desc, id desc limit 51"
explain "jobs, tenant, status=running (overview)" "select * from job where tenant_id = 'bench' and status = 'running' order by created_at desc, id desc limit 51"
explain "jobs, every tenant, first page" "select * from job order by created_at desc, id desc limit 51"
explain "jobs, every tenant, model=lda" "select * from job where model_name = 'lda' order by created_at desc, id desc limit 51"
explain "jobs, every tenant, status=failed model=asa" "select * from job where status = 'failed' and model_name = 'asa' order by created_at desc, id desc limit 51"
explain "statistics, counters" "select status, priority, sum(jobs) from job_count where tenant_id = 'bench' group by status, priority"
explain "statistics, oldest due job" "select min(run_at) from job where status = 'queued' and run_at <= now() and tenant_id = 'bench'"
explain "statistics, last hour" "select status, sum(jobs) from job_outcome_minute where minute > date_trunc('minute', now()) - interval '60 minutes' and tenant_id = 'bench' group by status"
explain "dead letters, tenant" "select * from webhook_delivery where tenant_id = 'bench' and status = 'dead' order by created_at desc, id desc limit 51"
SOME_JOB=$($PSQL -tAc "select id from job where tenant_id = 'bench' and status = 'failed' limit 1")
explain "job detail, audit trail" "select * from job_event where job_id = '$SOME_JOB' order by id limit 1001"

start_app
echo "== the page's API calls over HTTP as a tenant reader (wrk, one connection, 8 s each, after a warm-up)"
TOKEN=$READER_TOKEN wrk -t1 -c1 -d15s -s bench/get.lua "$URL/api/v1/calculation-jobs?limit=50" > /dev/null
for path in "calculation-jobs?limit=50" "calculation-jobs?status=completed&model_name=lda&limit=50" \
    "calculation-jobs/queue/statistics" "webhook-deliveries?status=dead&limit=50" \
    "calculation-jobs/$SOME_JOB" "calculation-jobs/$SOME_JOB/events"; do
  echo "-- /api/v1/$path"
  TOKEN=$READER_TOKEN wrk -t1 -c1 -d8s -s bench/get.lua "$URL/api/v1/$path" | grep -E "^(requests|p50|p99 )"
done

./mvnw -B -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
  -Dexec.classpathScope=test -Dexec.mainClass=io.ormcalc.bench.DashboardBenchmark \
  -Dexec.args="$URL $TOKEN $READER_TOKEN $SOME_JOB" 2>&1 | grep -vE "WARN|CdpVersionFinder|^\s*$"
