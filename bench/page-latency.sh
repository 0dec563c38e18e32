#!/usr/bin/env bash
# Page latency: alert in -> first page e-mail at an SMTP sink, against Cairn on a fresh PostgreSQL database.
#   1. builds the Cairn jar (not with --no-build, if the jar exists),
#   2. creates a fresh database, picks free ports, starts Cairn from its jar on 127.0.0.1 with its mail going
#      to the SMTP sink that bench/load/PageLatency.java opens on 127.0.0.1 (spring.mail.port),
#   3. with --alertmanager also starts prometheus-alertmanager on 127.0.0.1 (PageLatency writes its config
#      with Cairn's hook and reloads it),
#   4. runs bench/load/PageLatency.java (bounded: ALERTS alerts at RATE/s, then at most TIMEOUT s of waiting),
#   5. stops Cairn (and Alertmanager) and drops the database, also on failure or Ctrl-C (trap).
# Output goes to the terminal and to bench/results/page-latency-<time>/ (ignored by git).
#
# Usage: bench/page-latency.sh [--alertmanager] [--no-build]
#   ALERTS=200 WARMUP=20 RATE=20 CONCURRENCY=4 TIMEOUT=60 GROUP_WAIT=0s GROUP_INTERVAL=1s
#   SMTP_DELAY_MS=0 (the sink holds each 250 that long: a slow mail server)
#   JAVA=/path/to/java JAVA_OPTS="..." PG_JAR=/path/to/postgresql.jar PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
#   ALERTMANAGER=/usr/bin/prometheus-alertmanager
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAVA_OPTS=${JAVA_OPTS:-}
ALERTS=${ALERTS:-200}
WARMUP=${WARMUP:-20}
RATE=${RATE:-20}
CONCURRENCY=${CONCURRENCY:-4}
TIMEOUT=${TIMEOUT:-60}
GROUP_WAIT=${GROUP_WAIT:-0s}
GROUP_INTERVAL=${GROUP_INTERVAL:-1s}
SMTP_DELAY_MS=${SMTP_DELAY_MS:-0}
ALERTMANAGER=${ALERTMANAGER:-/usr/bin/prometheus-alertmanager}
PG_JAR=${PG_JAR:-}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
BUILD=1
WITH_AM=0
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    --alertmanager) WITH_AM=1; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
NAME=page-latency; [ "$WITH_AM" = 1 ] && NAME=alertmanager-e2e
OUT=$BENCH_DIR/results/$NAME-$STAMP
mkdir -p "$OUT"
exec > >(tee "$OUT/summary.txt") 2>&1
CAIRN_JAR=$REPO_DIR/target/cairn-0.1.0-SNAPSHOT.jar
DB=cairn_pagelat_${STAMP,,}_$$
TOKEN=bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
PSQL=(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -qAt)
CAIRN_PID=
AM_PID=
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
  stop_pid "$AM_PID"; AM_PID=
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

echo "== $NAME $STAMP on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); JVM $("$JAVA" -version 2>&1 | head -n 1)"
echo "   commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'); results in $OUT"
if [ "$BUILD" = 1 ] || [ ! -f "$CAIRN_JAR" ]; then
  echo "== building Cairn"
  (cd "$REPO_DIR" && ./mvnw -q -DskipTests package) > "$OUT/build-cairn.log" 2>&1 \
    || { echo "Cairn build failed (see $OUT/build-cairn.log)"; [ -f "$CAIRN_JAR" ] || exit 2; echo "using the existing jar"; }
fi
if [ "$WITH_AM" = 1 ] && [ ! -x "$ALERTMANAGER" ]; then
  echo "no $ALERTMANAGER: apt-get install -y prometheus-alertmanager"; exit 2
fi
PG_JAR=$(find_pg_jar)
[ -n "$PG_JAR" ] || { echo "no PostgreSQL JDBC jar (set PG_JAR=)"; exit 2; }

PORT=$(free_port); SMTP_PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
"${PSQL[@]}" -d postgres -c "create database \"$DB\""
DB_CREATED=1
echo "== starting Cairn on database $DB, port $PORT, mail to 127.0.0.1:$SMTP_PORT"
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags on purpose
"$JAVA" $JAVA_OPTS -jar "$CAIRN_JAR" \
  --server.port="$PORT" --server.address=127.0.0.1 --cairn.base-url="$BASE" --cairn.node-name=bench-node \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
  --cairn.bootstrap-api-token="$TOKEN" --cairn.admin-password=bench-admin-password \
  --spring.mail.host=127.0.0.1 --spring.mail.port="$SMTP_PORT" \
  > "$OUT/cairn.log" 2>&1 &
CAIRN_PID=$!
wait_healthy "$BASE/actuator/health" "$CAIRN_PID" 120 \
  || { echo "Cairn did not become healthy; last lines of its log:"; tail -n 20 "$OUT/cairn.log"; exit 2; }

AM_ARGS=()
if [ "$WITH_AM" = 1 ]; then
  AM_PORT=$(free_port)
  AM_DIR=$OUT/alertmanager
  mkdir -p "$AM_DIR/data"
  # A placeholder receiver; PageLatency writes the real one (Cairn's hook) and reloads.
  cat > "$AM_DIR/alertmanager.yml" <<'YAML'
route:
  receiver: placeholder
receivers:
  - name: placeholder
YAML
  echo "== starting Alertmanager ($("$ALERTMANAGER" --version 2>&1 | head -n 1 | cut -c1-60)) on port $AM_PORT"
  "$ALERTMANAGER" --config.file="$AM_DIR/alertmanager.yml" --storage.path="$AM_DIR/data" \
    --web.listen-address="127.0.0.1:$AM_PORT" --cluster.listen-address= > "$AM_DIR/alertmanager.log" 2>&1 &
  AM_PID=$!
  wait_healthy "http://127.0.0.1:$AM_PORT/-/ready" "$AM_PID" 30 \
    || { echo "Alertmanager did not become ready:"; tail -n 20 "$AM_DIR/alertmanager.log"; exit 2; }
  AM_ARGS=(--alertmanager "http://127.0.0.1:$AM_PORT" --alertmanager-config "$AM_DIR/alertmanager.yml"
           --group-wait "$GROUP_WAIT" --group-interval "$GROUP_INTERVAL")
fi

echo "== PageLatency ($ALERTS alerts after $WARMUP warm-up, $RATE/s, concurrency $CONCURRENCY, SMTP delay $SMTP_DELAY_MS ms)"
STATUS=0
# Bounded: sending takes (WARMUP + ALERTS) / RATE s, each phase waits at most TIMEOUT s, resolving as long again.
LIMIT=$(( (WARMUP + ALERTS) * 2 / ${RATE%.*} + 4 * TIMEOUT + 120 ))
timeout "$LIMIT" "$JAVA" -cp "$PG_JAR" "$BENCH_DIR/load/PageLatency.java" --base "$BASE" --token "$TOKEN" \
  --jdbc "jdbc:postgresql://$PGHOST:$PGPORT/$DB" --db-user "$PGUSER" --smtp-port "$SMTP_PORT" \
  --alerts "$ALERTS" --warmup "$WARMUP" --rate "$RATE" --concurrency "$CONCURRENCY" --timeout "$TIMEOUT" --smtp-delay-ms "$SMTP_DELAY_MS" "${AM_ARGS[@]}" \
  || STATUS=$?
echo "   Cairn RSS $(awk '/^VmRSS:/ {printf "%.0f MiB", $2 / 1024}' "/proc/$CAIRN_PID/status" 2>/dev/null || echo '?')"
echo "== done (status $STATUS); summary in $OUT/summary.txt"
exit $STATUS
