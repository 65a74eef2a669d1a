#!/usr/bin/env bash
# The job system across replicas, and side by side with db-scheduler on the same PostgreSQL:
#   - enqueue-to-start latency of async SMA jobs on an idle replica (LISTEN/NOTIFY wake-ups);
#   - throughput draining 10,000 queued SMA jobs with 1, 2 and 3 replicas;
#   - db-scheduler 16.7.1 (one instance, 5 threads, immediate execution, 100 ms polling) running
#     the same SMA calculation: enqueue-to-start and 10,000 tasks.
# Usage: bench/replica-bench.sh. Needs a PostgreSQL on 127.0.0.1:5432 (database ormcalc_bench is
# recreated) and the packaged app (built if missing). Run it alone: it uses both cores.
set -euo pipefail
cd "$(dirname "$0")/.."
# production mode: token verification settings, a signing secret, and $TOKEN for the requests
source bench/auth.sh
DB=ormcalc_bench
JDBC=jdbc:postgresql://127.0.0.1:5432/$DB
psql_db() { psql -h 127.0.0.1 -U postgres -d $DB -q "$@"; }

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
(cd bench/queue-compare && ../../mvnw -B -q compile dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib)
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB with (force)" -c "create database $DB"

PIDS=()
start_replicas() {  # count
  for i in $(seq 1 "$1"); do
    QUARKUS_DATASOURCE_JDBC_URL=$JDBC QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_HTTP_PORT=$((18080 + i)) ORMCALC_EXECUTION_INSTANCE_ID=bench-$i \
      java -jar target/quarkus-app/quarkus-run.jar > target/bench-replica-$i.log 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 90); do curl -sf localhost:$((18080 + i))/q/health/ready >/dev/null && break; sleep 1; done
  done
}
stop_replicas() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done; PIDS=(); }
trap stop_replicas EXIT

BODY=$(sed 's/"execution_mode":"sync"/"execution_mode":"async"/' docs/examples/sma-request.json)
INPUTS=$(python3 -c 'import json; print(json.dumps(json.load(open("docs/examples/sma-request.json"))["inputs"]))')

echo "== engine: enqueue-to-start latency on an idle replica (LISTEN/NOTIFY), 700 jobs, first 200 as warm-up"
start_replicas 1
for i in $(seq 1 700); do
  curl -s -H "$AUTH_HEADER" -o /dev/null -X POST localhost:18081/api/v1/calculation-jobs -H 'Content-Type: application/json' -d "$BODY"
  sleep 0.02
done
sleep 2
psql_db -tA -c "with l as (select extract(epoch from started_at - created_at) * 1000 as ms from job
  where entity_id = 'BENCH_SMA' order by created_at offset 200)
  select format('engine: enqueue-to-start p50 %s ms, p99 %s ms (%s jobs)',
    round(percentile_cont(0.5) within group (order by ms)::numeric, 2),
    round(percentile_cont(0.99) within group (order by ms)::numeric, 2), count(*)) from l"
stop_replicas

for replicas in 1 2 3; do
  start_replicas "$replicas"
  psql_db -c "insert into job (id, run_id, model_name, entity_id, calculation_date, requested_execution_mode,
      execution_mode, priority, priority_rank, status, attempt, max_attempts, inputs, parameters, input_hash,
      engine_version, rule_set)
    select 'job_' || lpad(to_hex(i) || 'r$replicas', 26, '0'), 'run_' || lpad(to_hex(i) || 'r$replicas', 26, '0'),
      'sma', 'DRAIN_$replicas', date '2024-12-31', 'async', 'async', 'normal', 2, 'queued', 0, 3,
      '$INPUTS'::json, '{}'::json, repeat('0', 64), 'bench', 'BCBS_2017'
    from generate_series(1, 10000) as i"
  t0=$(psql_db -tA -c "select max(created_at) from job where entity_id = 'DRAIN_$replicas'")
  while [ "$(psql_db -tA -c "select count(*) from job where entity_id = 'DRAIN_$replicas' and status <> 'completed'")" != "0" ]; do sleep 0.5; done
  psql_db -tA -c "select format('engine, %s replica(s): 10000 queued SMA jobs drained in %s s: %s jobs/s',
      $replicas, round(extract(epoch from max(completed_at) - '$t0'::timestamptz)::numeric, 1),
      round(10000 / extract(epoch from max(completed_at) - '$t0'::timestamptz)::numeric))
    from job where entity_id = 'DRAIN_$replicas'"
  stop_replicas
done

echo "== db-scheduler, same database, same calculation"
java -cp "bench/queue-compare/target/classes:bench/queue-compare/target/lib/*:target/orm-capital-calculator-0.1.0-SNAPSHOT.jar" \
  bench.DbSchedulerBench $JDBC postgres 5 100
