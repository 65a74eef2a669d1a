#!/usr/bin/env bash
# Mixed load on one replica with the defaults (MAX_CONCURRENT_JOBS=5) and a container's heap
# (-Xmx512m, as under the Deployment's 768 Mi): tenant A submits one long low-priority LDA (a
# minute or two of every LDA core), 300 small low LDA and 10,000 low SMA; 3 s later tenant B
# submits 100 urgent SMA, 5 urgent small LDA and 20 low SMA. Prints B's queue waits against the
# targets (urgent SMA p99 < 250 ms, an urgent small LDA done within 2 s, B's low SMA started within
# 1 s), A's throughput, the replica's peak RSS, the answer to an LDA request over the memory limit;
# then hands an LDA run back by SIGTERM part-way, restarts the replica, and compares the resumed
# result with an uninterrupted run's.
#
# Usage: bench/mixed-load.sh. Needs a PostgreSQL on 127.0.0.1:5432 (database ormcalc_bench is
# recreated) and the packaged app (built if missing). Takes some minutes. JAVA_OPTS defaults to
# the JVM image's -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19 (the background LDA
# threads run at nice 19); started as root, the replica runs as user nobody, as the image runs
# unprivileged (a thread's nice value can then be raised, never lowered).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/auth.sh
PORT=${PORT:-18080}
URL=http://localhost:$PORT
HEAP=${HEAP:-512m}
JAVA_OPTS=${JAVA_OPTS:--XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19}
AS_USER=()
[ "$(id -u)" = 0 ] && AS_USER=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
DB=ormcalc_bench

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB" -c "create database $DB"
APP=
start_app() {
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_HTTP_PORT=$PORT \
  SHUTDOWN_DELAY=0s ORMCALC_EXECUTION_SHUTDOWN_GRACE=1s \
    "${AS_USER[@]}" java -Xmx$HEAP $JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar >> target/bench-app.log 2>&1 &
  APP=$!
  for _ in $(seq 1 60); do curl -sf $URL/q/health/ready >/dev/null && break; sleep 1; done
}
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
: > target/bench-app.log
start_app

TOKEN_A=$(mint bench-a bank-a '["calc:submit","calc:read"]')
TOKEN_B=$(mint bench-b bank-b '["calc:submit","calc:read"]')
python3 bench/mixed_load.py "$URL" "$TOKEN_A" "$TOKEN_B" docs/examples/sma-request.json
echo "replica peak RSS: $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' /proc/$APP/status) (heap limit $HEAP)"

echo "== an LDA run handed back by SIGTERM part-way, resumed after a restart"
LDA='{"model_name":"lda","entity_id":"RESUME","calculation_date":"2024-12-31","execution_mode":"async",
 "inputs":{"units_of_measure":[{"name":"u","frequency":{"type":"poisson","lambda":10},
 "severity":{"type":"lognormal","mu":10,"sigma":2}}],"simulations":60000000,"seed":7}}'
create() { curl -s -H "Authorization: Bearer $TOKEN_A" -H 'Content-Type: application/json' \
  -X POST $URL/api/v1/calculation-jobs -d "$LDA" | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])'; }
field() { curl -s -H "Authorization: Bearer $TOKEN_A" $URL/api/v1/calculation-jobs/$1 | python3 -c "import json,sys; print(json.load(sys.stdin)$2)"; }
await_completed() { while [ "$(field $1 '["status"]')" != completed ]; do sleep 0.5; done; }
JOB=$(create)
while python3 -c "import sys; sys.exit(0 if float('$(field $JOB '["progress_percentage"]')') < 40 else 1)"; do sleep 0.2; done
AT=$(field $JOB '["progress_percentage"]')
kill -TERM $APP; wait $APP 2>/dev/null || true
psql -h 127.0.0.1 -U postgres -d $DB -At -c "select encode(substr(state, 1, 4096), 'hex') from lda_checkpoint where job_id = '$JOB'" \
  > target/bench-checkpoint.hex
python3 - "$AT" <<'PY'
import struct, sys
raw = bytes.fromhex(open("target/bench-checkpoint.hex").read().strip() or "")
if not raw:
    sys.exit("no checkpoint was saved at the hand-back")
magic, years, units, chunk_size, tail, body, seed, conf, method, pass_, words = struct.unpack(">iqiiiiqdiii", raw[:56])
done = sum(bin(w).count("1") for w in struct.unpack(f">{words}Q", raw[56:56 + 8 * words]))
chunks = -(-years // chunk_size)
print(f"handed back at {sys.argv[1]} % reported progress: the checkpoint held {done} of {chunks} chunks"
      f" (pass {pass_}); the resumed attempt computes the other {chunks - done}")
PY
start_app
await_completed $JOB
RESUMED=$(field $JOB '["result"]')
AGAIN=$(create); await_completed $AGAIN
UNINTERRUPTED=$(field $AGAIN '["result"]')
echo "attempts of the handed-back job: $(field $JOB '["attempts"]'); resumed result identical to an uninterrupted run's: $([ "$RESUMED" = "$UNINTERRUPTED" ] && echo yes || echo NO)"
