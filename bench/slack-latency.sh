#!/usr/bin/env bash
# Slack event -> timeline entry visible in a subscribed browser (SSE), p50/p99, beside a web-room
# post -> SSE in the same run, against Cairn on a fresh PostgreSQL database.
#   1. builds the Cairn jar (not with --no-build, if the jar exists),
#   2. creates a fresh database, picks free ports, starts Cairn from its jar on 127.0.0.1 with Slack
#      configured (a bench signing secret, its Web API pointed at the fake that SlackEventLatency opens),
#   3. runs bench/load/SlackEventLatency.java: EVENTS signed Slack message events and EVENTS web posts,
#      interleaved, INTERVAL_MS apart, one SSE subscriber,
#   4. stops Cairn and drops the database, also on failure or Ctrl-C (trap).
# Output goes to the terminal and to bench/results/slack-latency-<time>/ (ignored by git).
#
# Usage: bench/slack-latency.sh [--no-build]
#   EVENTS=500 INTERVAL_MS=20 JAVA=/path/to/java JAVA_OPTS="..." PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAVA_OPTS=${JAVA_OPTS:-}
EVENTS=${EVENTS:-500}
INTERVAL_MS=${INTERVAL_MS:-20}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH_DIR/results/slack-latency-$STAMP
mkdir -p "$OUT"
exec > >(tee "$OUT/summary.txt") 2>&1
CAIRN_JAR=$REPO_DIR/target/cairn-0.1.0-SNAPSHOT.jar
DB=cairn_slacklat_${STAMP,,}_$$
TOKEN=bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
SECRET=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
PSQL=(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -qAt)
CAIRN_PID=
DB_CREATED=0

stop_pid() { # graceful, then SIGKILL after 15 s; only the process we started, by its id
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  stop_pid "$CAIRN_PID"; CAIRN_PID=
  if [ "$DB_CREATED" = 1 ]; then
    "${PSQL[@]}" -d postgres -c "drop database if exists \"$DB\" with (force)" >/dev/null 2>&1 \
      && echo "dropped database $DB" || echo "WARNING: could not drop database $DB" >&2
    DB_CREATED=0
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=bench/lib.sh
. "$REPO_DIR/bench/lib.sh"

echo "== slack-latency $STAMP on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); JVM $("$JAVA" -version 2>&1 | head -n 1)"
echo "   commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'); results in $OUT"
if [ "$BUILD" = 1 ] || [ ! -f "$CAIRN_JAR" ]; then
  echo "== building Cairn"
  (cd "$REPO_DIR" && ./mvnw -q -DskipTests package) > "$OUT/build-cairn.log" 2>&1 \
    || { echo "Cairn build failed (see $OUT/build-cairn.log)"; [ -f "$CAIRN_JAR" ] || exit 2; echo "using the existing jar"; }
fi

PORT=$(free_port); FAKE_PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
"${PSQL[@]}" -d postgres -c "create database \"$DB\""
DB_CREATED=1
echo "== starting Cairn on database $DB, port $PORT, Slack Web API faked on 127.0.0.1:$FAKE_PORT"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags on purpose
"$JAVA" $JAVA_OPTS -jar "$CAIRN_JAR" \
  --server.port="$PORT" --server.address=127.0.0.1 --cairn.base-url="$BASE" --cairn.node-name=bench-node \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
  --cairn.bootstrap-api-token="$TOKEN" --cairn.admin-password=bench-admin-password \
  --cairn.slack.signing-secret="$SECRET" --cairn.slack.bot-token=xoxb-bench \
  --cairn.slack.api-url="http://127.0.0.1:$FAKE_PORT/api/" --cairn.slack.channel-per-incident=false \
  > "$OUT/cairn.log" 2>&1 &
CAIRN_PID=$!
wait_healthy "$BASE/actuator/health" "$CAIRN_PID" 120 \
  || { echo "Cairn did not become healthy; last lines of its log:"; tail -n 20 "$OUT/cairn.log"; exit 2; }

echo "== SlackEventLatency ($EVENTS Slack events and $EVENTS web posts, interleaved, $INTERVAL_MS ms apart)"
set +e
timeout 600 "$JAVA" "$BENCH_DIR/load/SlackEventLatency.java" --base "$BASE" --token "$TOKEN" --secret "$SECRET" \
  --fake-port "$FAKE_PORT" --events "$EVENTS" --interval-ms "$INTERVAL_MS"
STATUS=$?
set -e
exit $STATUS
