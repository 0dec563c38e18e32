#!/usr/bin/env bash
# The insights views on a large synthetic history, beside SELECT count(*) over the timeline:
#   1. builds Cairn (unless --no-build) and finds its classpath,
#   2. generates the history into $DB with GenerateHistory.java (Flyway migrations, then COPY),
#      or reuses $DB when it already holds incidents (--regenerate forces a new one),
#   3. starts Cairn on $DB on 127.0.0.1:$PORT,
#   4. runs InsightsBench.java: POST /api/v1/insights/refresh (timed; a 404 is reported), each view
#      with five filters RUNS times (p50/p99), the incident list queries, count(*) RUNS times, and
#      the ratio slowest view / count(*),
#   5. stops Cairn. The database is kept for the next run (--drop removes it at the end).
# Output goes to the terminal and bench/results/insights-<timestamp>/.
#
# Usage: bench/insights/insights-bench.sh [--no-build] [--regenerate] [--drop]
#   DB=cairn_bench PORT=8096 RUNS=20 INCIDENTS=100000 ENTRIES=10000000 PEOPLE=2000 SEED=42 THREADS=3
#   JAVA=/path/to/java JAVA_OPTS="..."  PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres (trust auth)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")/.." && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAVA_OPTS=${JAVA_OPTS:-}
DB=${DB:-cairn_bench}
PORT=${PORT:-8096}
RUNS=${RUNS:-20}
INCIDENTS=${INCIDENTS:-100000}
ENTRIES=${ENTRIES:-10000000}
PEOPLE=${PEOPLE:-2000}
SEED=${SEED:-42}
THREADS=${THREADS:-3}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
BUILD=1 REGENERATE=0 DROP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    --regenerate) REGENERATE=1; shift ;;
    --drop) DROP=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ "$DB" =~ ^[a-z0-9_]+$ ]] || { echo "DB must be [a-z0-9_]+" >&2; exit 2; }
# shellcheck source=../lib.sh
. "$BENCH_DIR/lib.sh"

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH_DIR/results/insights-$STAMP
mkdir -p "$OUT"
exec > >(tee "$OUT/summary.txt") 2>&1
CAIRN_JAR=$REPO_DIR/target/cairn-0.1.0-SNAPSHOT.jar
BASE=http://127.0.0.1:$PORT
PSQL=(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -qAt)
CAIRN_PID=

cleanup() {
  if [ -n "$CAIRN_PID" ] && kill -0 "$CAIRN_PID" 2>/dev/null; then
    kill "$CAIRN_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$CAIRN_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$CAIRN_PID" 2>/dev/null || true
  fi
  CAIRN_PID=
  if [ "$DROP" = 1 ]; then
    "${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" && echo "dropped database $DB"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$BUILD" = 1 ]; then
  echo "building Cairn…"
  (cd "$REPO_DIR" && ./mvnw -q -DskipTests -Dspotless.check.skip=true package)
fi
[ -f "$CAIRN_JAR" ] || { echo "no jar at $CAIRN_JAR (run without --no-build)" >&2; exit 2; }
CP_FILE=$BENCH_DIR/results/classpath.txt
if [ ! -s "$CP_FILE" ] || [ "$REPO_DIR/pom.xml" -nt "$CP_FILE" ]; then
  (cd "$REPO_DIR" && ./mvnw -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null)
fi
CP=$REPO_DIR/target/classes:$(cat "$CP_FILE")

existing=$("${PSQL[@]}" -d "$DB" -c "select count(*) from incidents" 2>/dev/null || echo 0)
if [ "$REGENERATE" = 1 ] || [ "$existing" = 0 ]; then
  echo "generating: $INCIDENTS incidents, $ENTRIES timeline entries, $PEOPLE people into $DB"
  # shellcheck disable=SC2086
  "$JAVA" -cp "$CP" "$BENCH_DIR/insights/GenerateHistory.java" --recreate \
    --url "jdbc:postgresql://$PGHOST:$PGPORT/$DB" --user "$PGUSER" \
    --incidents "$INCIDENTS" --entries "$ENTRIES" --people "$PEOPLE" --seed "$SEED" --threads "$THREADS" \
    2> >(grep -v '^SLF4J\|INFO' >&2)
else
  echo "reusing $DB: $existing incidents, $("${PSQL[@]}" -d "$DB" -c "select count(*) from timeline_entries") timeline entries (--regenerate for a new one)"
fi

echo "starting Cairn on $BASE (database $DB)"
# shellcheck disable=SC2086
"$JAVA" $JAVA_OPTS -jar "$CAIRN_JAR" --server.port="$PORT" --server.address=127.0.0.1 \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
  --logging.level.root=WARN >"$OUT/cairn.log" 2>&1 &
CAIRN_PID=$!
wait_healthy "$BASE/actuator/health" "$CAIRN_PID" 180 || { echo "Cairn did not become healthy; see $OUT/cairn.log" >&2; exit 1; }

"$JAVA" -cp "$CP" "$BENCH_DIR/insights/InsightsBench.java" --base "$BASE" \
  --jdbc "jdbc:postgresql://$PGHOST:$PGPORT/$DB" --user "$PGUSER" --runs "$RUNS"
