#!/usr/bin/env bash
# All Cairn benchmarks in one go, each bounded in time:
#   1. builds the Cairn jar (unless --no-build),
#   2. starts it on a fresh PostgreSQL database on 127.0.0.1:8089 with a random bootstrap API token,
#      waits for /actuator/health (at most 120 s),
#   3. runs bench/load/DeclareLoad.java, bench/load/SseLatency.java and bench/load/AlertStorm.java
#      (with the PostgreSQL JDBC driver on its class path) against it,
#   4. stops it and drops the database (also on failure or Ctrl-C),
#   5. runs the paging benchmarks, each starting its own Cairn node(s) on a fresh database: bench/page-latency.sh,
#      bench/page-latency.sh --alertmanager (if prometheus-alertmanager is installed) and bench/kill-node.sh,
#   6. runs bench/startup.sh (Cairn vs the bare app, cold starts on in-memory H2).
# Output goes to the terminal and to bench/results/run-<timestamp>/ (ignored by git).
#
# Usage: bench/run-all.sh [--no-build] [--skip-startup] [--skip-load] [--skip-paging]
#   SECONDS_PER_PHASE=20 CONCURRENCY=16 SUBSCRIBERS=500 ENTRIES=50 STARTUP_RUNS=5 PORT=8089
#   STORM_SECONDS=15 STORM_BATCHES=1,10,100 PG_JAR=/path/to/postgresql.jar (found via Maven if unset)
#   paging: ALERTS, RATE, TIMEOUT, PAGE_CONCURRENCY (page-latency.sh), STORM_PAYLOADS, PAGES, SLOW_MS (kill-node.sh)
#   JAVA=/path/to/java  JAVA_OPTS="..." (used for Cairn here and for both apps in startup.sh)
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres (trust auth)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAVA_OPTS=${JAVA_OPTS:-}
PORT=${PORT:-8089}
SECONDS_PER_PHASE=${SECONDS_PER_PHASE:-20}
CONCURRENCY=${CONCURRENCY:-16}
SUBSCRIBERS=${SUBSCRIBERS:-500}
ENTRIES=${ENTRIES:-50}
STARTUP_RUNS=${STARTUP_RUNS:-5}
STORM_SECONDS=${STORM_SECONDS:-15}
STORM_BATCHES=${STORM_BATCHES:-1,10,100}
PG_JAR=${PG_JAR:-}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
BUILD=1
DO_STARTUP=1
DO_LOAD=1
DO_PAGING=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    --skip-startup) DO_STARTUP=0; shift ;;
    --skip-load) DO_LOAD=0; shift ;;
    --skip-paging) DO_PAGING=0; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH_DIR/results/run-$STAMP
mkdir -p "$OUT"
exec > >(tee "$OUT/summary.txt") 2>&1
CAIRN_JAR=$REPO_DIR/target/cairn-0.1.0-SNAPSHOT.jar
BASE=http://127.0.0.1:$PORT
DB=cairn_bench_${STAMP,,}_$$
TOKEN=bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
PSQL=(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -qAt)
CAIRN_PID=
DB_CREATED=0
STATUS=0

cleanup() {
  if [ -n "$CAIRN_PID" ] && kill -0 "$CAIRN_PID" 2>/dev/null; then
    kill "$CAIRN_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$CAIRN_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$CAIRN_PID" 2>/dev/null || true
    wait "$CAIRN_PID" 2>/dev/null || true
  fi
  CAIRN_PID=
  if [ "$DB_CREATED" = 1 ]; then
    "${PSQL[@]}" -d postgres -c "drop database if exists \"$DB\" with (force)" >/dev/null 2>&1 \
      && echo "dropped database $DB" || echo "WARNING: could not drop database $DB" >&2
    DB_CREATED=0
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The PostgreSQL JDBC driver for AlertStorm: Cairn's own (from Maven's class path), else the newest in ~/.m2.
# shellcheck source=bench/lib.sh
. "$REPO_DIR/bench/lib.sh"

rss_mib() { awk '/^VmRSS:/ {printf "%.0f MiB", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

echo "== Cairn benchmarks $STAMP on $(nproc) cores, $(uname -r); JVM $("$JAVA" -version 2>&1 | head -n 1); flags: ${JAVA_OPTS:-none}"
echo "   commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'); results in $OUT"

if [ "$BUILD" = 1 ]; then
  echo "== building Cairn"
  if ! (cd "$REPO_DIR" && ./mvnw -q -DskipTests package) > "$OUT/build-cairn.log" 2>&1; then
    echo "Cairn build failed (see $OUT/build-cairn.log); using an existing jar if there is one"
  fi
fi

if [ "$DO_LOAD" = 1 ]; then
  if [ ! -f "$CAIRN_JAR" ]; then
    echo "== SKIPPED load tests: $CAIRN_JAR is missing"; STATUS=1
  elif curl -s -o /dev/null --max-time 1 "$BASE/" 2>/dev/null; then
    echo "== SKIPPED load tests: something already listens on port $PORT"; STATUS=1
  else
    echo "== starting Cairn on PostgreSQL database $DB, port $PORT"
    "${PSQL[@]}" -d postgres -c "create database \"$DB\""
    DB_CREATED=1
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags on purpose
    "$JAVA" $JAVA_OPTS -jar "$CAIRN_JAR" \
      --server.port="$PORT" --server.address=127.0.0.1 \
      --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
      --spring.datasource.username="$PGUSER" \
      --cairn.bootstrap-api-token="$TOKEN" \
      --cairn.admin-password=bench-admin-password \
      > "$OUT/cairn.log" 2>&1 &
    CAIRN_PID=$!
    t0=$(date +%s%N); healthy=0
    for _ in $(seq 1 2400); do # 2400 x 50 ms = 120 s
      if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/actuator/health" || true)" = 200 ]; then healthy=1; break; fi
      kill -0 "$CAIRN_PID" 2>/dev/null || break
      sleep 0.05
    done
    if [ "$healthy" = 1 ]; then
      echo "   healthy after $(( ($(date +%s%N) - t0) / 1000000 )) ms, RSS $(rss_mib "$CAIRN_PID")"
      echo "== DeclareLoad ($SECONDS_PER_PHASE s per phase, concurrency $CONCURRENCY)"
      timeout $((SECONDS_PER_PHASE * 2 + 5 + 90)) "$JAVA" "$BENCH_DIR/load/DeclareLoad.java" --base "$BASE" --token "$TOKEN" \
        --seconds "$SECONDS_PER_PHASE" --concurrency "$CONCURRENCY" || { echo "DeclareLoad failed (exit $?)"; STATUS=1; }
      echo "   Cairn RSS after DeclareLoad: $(rss_mib "$CAIRN_PID")"
      echo "== SseLatency ($SUBSCRIBERS subscribers, $ENTRIES entries)"
      timeout $((30 + ENTRIES / 5 + 10 + 90)) "$JAVA" "$BENCH_DIR/load/SseLatency.java" --base "$BASE" --token "$TOKEN" \
        --subscribers "$SUBSCRIBERS" --entries "$ENTRIES" || { echo "SseLatency failed (exit $?)"; STATUS=1; }
      echo "   Cairn RSS after SseLatency: $(rss_mib "$CAIRN_PID")"
      PG_JAR=$(find_pg_jar)
      if [ -z "$PG_JAR" ]; then
        echo "== SKIPPED AlertStorm: no PostgreSQL JDBC jar (set PG_JAR=)"; STATUS=1
      else
        n_batches=$(echo "$STORM_BATCHES" | tr ',' '\n' | grep -c .)
        echo "== AlertStorm ($STORM_SECONDS s per batch size $STORM_BATCHES, concurrency $CONCURRENCY; driver $(basename "$PG_JAR"))"
        timeout $(( n_batches * (STORM_SECONDS + 3 + 60) + 120 )) "$JAVA" -cp "$PG_JAR" "$BENCH_DIR/load/AlertStorm.java" \
          --base "$BASE" --token "$TOKEN" --jdbc "jdbc:postgresql://$PGHOST:$PGPORT/$DB" --db-user "$PGUSER" \
          --seconds "$STORM_SECONDS" --concurrency "$CONCURRENCY" --batches "$STORM_BATCHES" \
          || { echo "AlertStorm failed (exit $?)"; STATUS=1; }
        echo "   Cairn RSS after AlertStorm: $(rss_mib "$CAIRN_PID")"
      fi
    else
      echo "Cairn did not become healthy within 120 s; last lines of $OUT/cairn.log:"; tail -n 20 "$OUT/cairn.log"; STATUS=1
    fi
    echo "== stopping Cairn"
    cleanup
  fi
fi

if [ "$DO_PAGING" = 1 ]; then
  # Each script starts its own node(s) on a fresh database, stops them and drops it; the jar was built above.
  # Their own output directories are under bench/results/ too; everything they print is in this summary.
  echo "== page-latency.sh (alert -> page e-mail at an SMTP sink)"
  # CONCURRENCY above is the load tests'; the paging benchmarks keep their own default (4) unless PAGE_CONCURRENCY says.
  CONCURRENCY=${PAGE_CONCURRENCY:-4} timeout 900 "$BENCH_DIR/page-latency.sh" --no-build || { echo "page-latency.sh failed (exit $?)"; STATUS=1; }
  if [ -x "${ALERTMANAGER:-/usr/bin/prometheus-alertmanager}" ]; then
    echo "== page-latency.sh --alertmanager (through a real Alertmanager, and straight to the hook)"
    CONCURRENCY=${PAGE_CONCURRENCY:-4} timeout 900 "$BENCH_DIR/page-latency.sh" --no-build --alertmanager || { echo "page-latency.sh --alertmanager failed (exit $?)"; STATUS=1; }
  else
    echo "== SKIPPED page-latency.sh --alertmanager: apt-get install -y prometheus-alertmanager"; STATUS=1
  fi
  echo "== kill-node.sh (two nodes, SIGKILL mid-storm and mid-escalation)"
  timeout 1800 "$BENCH_DIR/kill-node.sh" --no-build || { echo "kill-node.sh failed (exit $?)"; STATUS=1; }
fi

if [ "$DO_STARTUP" = 1 ]; then
  echo "== startup.sh ($STARTUP_RUNS cold starts each)"
  startup_args=(-n "$STARTUP_RUNS")
  [ "$BUILD" = 1 ] || startup_args+=(--no-build)
  # Cairn was just built above; startup.sh only needs to build the bare app.
  if [ "$BUILD" = 1 ]; then
    (cd "$REPO_DIR" && ./mvnw -q -f bench/bare-app/pom.xml -DskipTests package) > "$OUT/build-bare.log" 2>&1 || true
    startup_args=(-n "$STARTUP_RUNS" --no-build)
  fi
  JAVA="$JAVA" JAVA_OPTS="$JAVA_OPTS" RESULTS_DIR="$OUT/startup" "$BENCH_DIR/startup.sh" "${startup_args[@]}" || STATUS=1
fi
echo "== done (status $STATUS); summary in $OUT/summary.txt"
exit $STATUS
