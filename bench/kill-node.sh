#!/usr/bin/env bash
# Kill a Cairn node mid-storm and mid-escalation: two nodes on one PostgreSQL database, SIGKILL to one.
# For each scenario (storm, then escalation):
#   1. creates a fresh database, picks free ports,
#   2. starts node A, waits for health (it runs the migrations), then node B: same jar and database,
#      different ports and --cairn.node-name (bench-a, bench-b), each with its mail going to its own SMTP
#      sink (opened by bench/load/KillNode.java),
#   3. runs bench/load/KillNode.java, which sends the work, kills node A with SIGKILL (by its pid) in the
#      middle of it, lets B carry on and counts with SQL what survived,
#   4. stops node B and drops the database, also on failure or Ctrl-C (trap).
# Output goes to the terminal and to bench/results/kill-node-<time>/ (ignored by git). Exit status non-zero
# if anything was lost in any scenario.
#
# Usage: bench/kill-node.sh [--no-build] [storm|escalation ...]   (default: both)
#   STORM_PAYLOADS=600 STORM_BATCH=5 STORM_CONCURRENCY=8 KILL_AT=50 (percent of payloads answered)
#   PAGES=50 SLOW_MS=3000 (A's SMTP server holds each 250 that long) SLOW_AT=data|greeting (hold the 220 instead)
#   KILL_HOLDING=8 (kill A when its SMTP server holds that many) STEP_DELAY=10 TIMEOUT=120
#   COLD=1 (the nodes neither send an e-mail nor load the ack-link signing key beforehand: see README)
#   JAVA=... JAVA_OPTS="..." PG_JAR=... PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAVA_OPTS=${JAVA_OPTS:-}
STORM_PAYLOADS=${STORM_PAYLOADS:-600}
STORM_BATCH=${STORM_BATCH:-5}
STORM_CONCURRENCY=${STORM_CONCURRENCY:-8}
KILL_AT=${KILL_AT:-50}
PAGES=${PAGES:-50}
SLOW_MS=${SLOW_MS:-3000}
STEP_DELAY=${STEP_DELAY:-10}
TIMEOUT=${TIMEOUT:-120}
KILL_HOLDING=${KILL_HOLDING:-8}
SLOW_AT=${SLOW_AT:-data}
COLD=${COLD:-0}
PG_JAR=${PG_JAR:-}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
BUILD=1
SCENARIOS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    storm|escalation) SCENARIOS+=("$1"); shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(storm escalation)

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH_DIR/results/kill-node-$STAMP
mkdir -p "$OUT"
exec > >(tee "$OUT/summary.txt") 2>&1
CAIRN_JAR=$REPO_DIR/target/cairn-0.1.0-SNAPSHOT.jar
TOKEN=bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
PSQL=(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -qAt)
A_PID=
B_PID=
DB=
STATUS=0

stop_pid() { # graceful, then SIGKILL after 15 s; only a process this script started, by its id
  local pid=$1
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  stop_pid "$A_PID"; A_PID=
  stop_pid "$B_PID"; B_PID=
  if [ -n "$DB" ]; then
    "${PSQL[@]}" -d postgres -c "drop database if exists \"$DB\" with (force)" >/dev/null 2>&1 \
      && echo "   dropped database $DB" || echo "WARNING: could not drop database $DB" >&2
    DB=
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=bench/lib.sh
. "$REPO_DIR/bench/lib.sh"

start_node() { # name http-port smtp-port log -> sets STARTED_PID
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags on purpose
  "$JAVA" $JAVA_OPTS -jar "$CAIRN_JAR" \
    --server.port="$2" --server.address=127.0.0.1 --cairn.base-url="http://127.0.0.1:$2" --cairn.node-name="$1" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
    --cairn.bootstrap-api-token="$TOKEN" --cairn.admin-password=bench-admin-password \
    --spring.mail.host=127.0.0.1 --spring.mail.port="$3" \
    > "$4" 2>&1 &
  STARTED_PID=$!
}

echo "== kill-node $STAMP on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); JVM $("$JAVA" -version 2>&1 | head -n 1)"
echo "   commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'); scenarios ${SCENARIOS[*]}; results in $OUT"
if [ "$BUILD" = 1 ] || [ ! -f "$CAIRN_JAR" ]; then
  echo "== building Cairn"
  (cd "$REPO_DIR" && ./mvnw -q -DskipTests package) > "$OUT/build-cairn.log" 2>&1 \
    || { echo "Cairn build failed (see $OUT/build-cairn.log)"; [ -f "$CAIRN_JAR" ] || exit 2; echo "using the existing jar"; }
fi
PG_JAR=$(find_pg_jar)
[ -n "$PG_JAR" ] || { echo "no PostgreSQL JDBC jar (set PG_JAR=)"; exit 2; }

for scenario in "${SCENARIOS[@]}"; do
  DIR=$OUT/$scenario
  mkdir -p "$DIR"
  PORT_A=$(free_port); PORT_B=$(free_port); SMTP_A=$(free_port); SMTP_B=$(free_port)
  DB=cairn_kill_${scenario}_${STAMP,,}_$$
  "${PSQL[@]}" -d postgres -c "create database \"$DB\""
  echo "== $scenario: database $DB; node A bench-a on $PORT_A (mail to $SMTP_A), node B bench-b on $PORT_B (mail to $SMTP_B)"
  start_node bench-a "$PORT_A" "$SMTP_A" "$DIR/node-a.log"; A_PID=$STARTED_PID
  if ! wait_healthy "http://127.0.0.1:$PORT_A/actuator/health" "$A_PID" 120; then
    echo "node A did not become healthy:"; tail -n 20 "$DIR/node-a.log"; STATUS=2; cleanup; continue
  fi
  start_node bench-b "$PORT_B" "$SMTP_B" "$DIR/node-b.log"; B_PID=$STARTED_PID
  if ! wait_healthy "http://127.0.0.1:$PORT_B/actuator/health" "$B_PID" 120; then
    echo "node B did not become healthy:"; tail -n 20 "$DIR/node-b.log"; STATUS=2; cleanup; continue
  fi
  rc=0
  timeout $((TIMEOUT + 300)) "$JAVA" -cp "$PG_JAR" "$BENCH_DIR/load/KillNode.java" --scenario "$scenario" \
    --node-a "http://127.0.0.1:$PORT_A" --node-b "http://127.0.0.1:$PORT_B" --pid-a "$A_PID" --name-a bench-a --name-b bench-b \
    --token "$TOKEN" --jdbc "jdbc:postgresql://$PGHOST:$PGPORT/$DB" --db-user "$PGUSER" --smtp-a "$SMTP_A" --smtp-b "$SMTP_B" \
    --log-a "$DIR/node-a.log" --log-b "$DIR/node-b.log" \
    --payloads "$STORM_PAYLOADS" --batch "$STORM_BATCH" --concurrency "$STORM_CONCURRENCY" --kill-at "$KILL_AT" \
    --pages "$PAGES" --slow-ms "$SLOW_MS" --step-delay "$STEP_DELAY" --timeout "$TIMEOUT" --kill-holding "$KILL_HOLDING" --slow-at "$SLOW_AT" \
    $([ "$COLD" = 1 ] && echo --cold) || rc=$?
  for n in a b; do # Cairn's own account of refused requests and lost claims, from each node's log
    echo "   node ${n^^} log: $(grep -c 'event=alert_ingest_unavailable' "$DIR/node-$n.log" || true) ingest requests answered 503"\
"  ($(grep -c 'ERROR: deadlock detected' "$DIR/node-$n.log" || true) lines naming a PostgreSQL deadlock),"\
" $(grep -c 'event=notification_claim_lost' "$DIR/node-$n.log" || true) lost delivery claims"
  done
  if kill -0 "$A_PID" 2>/dev/null; then echo "   node A is still alive: it was not killed"; rc=${rc/#0/1}; fi
  kill -0 "$B_PID" 2>/dev/null || { echo "   node B died too"; rc=${rc/#0/1}; }
  echo "   $scenario: exit $rc"
  [ "$rc" = 0 ] || STATUS=1
  cleanup
done
echo "== done (status $STATUS); summary in $OUT/summary.txt"
exit $STATUS
