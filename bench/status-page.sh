#!/usr/bin/env bash
# The public status page under load, beside a yardstick in the same run:
#   1. builds the Cairn jar (unless --no-build),
#   2. starts it on a fresh PostgreSQL database, with an extra static-resource folder,
#   3. seeds 1,000 published status page incidents of history (2 updates each, spread over the last
#      89 days, on 6 components) with SQL, and waits until /status shows them,
#   4. writes a static file of exactly the byte size of the rendered /status, served by the same
#      process through Spring's static resources (/css/bench-status-page.html),
#   5. runs wrk (-t THREADS -c CONNECTIONS -d DURATION, after a short warm-up) on /status and on the
#      static file, and prints requests/s, p99 latency and the ratio status/static,
#   6. stops Cairn and drops the database (also on failure or Ctrl-C).
# Output goes to the terminal and to bench/results/status-page-<timestamp>/ (ignored by git).
#
# Usage: bench/status-page.sh [--no-build]
#   DURATION=15s WARMUP=5s THREADS=2 CONNECTIONS=32 INCIDENTS=1000 PORT=8094
#   JAVA=/path/to/java JAVA_OPTS="..."  PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres (trust auth)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAVA_OPTS=${JAVA_OPTS:-}
PORT=${PORT:-8094}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
INCIDENTS=${INCIDENTS:-1000}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$BENCH_DIR/results/status-page-$STAMP
mkdir -p "$OUT"
exec > >(tee "$OUT/summary.txt") 2>&1
CAIRN_JAR=$REPO_DIR/target/cairn-0.1.0-SNAPSHOT.jar
BASE=http://127.0.0.1:$PORT
DB=cairn_bench_status_${STAMP,,}_$$
STATIC_DIR=$(mktemp -d /tmp/bench-static.XXXXXX)
PSQL=(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -qAt)
CAIRN_PID=
DB_CREATED=0

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
  rm -rf "$STATIC_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$BUILD" = 1 ]; then
  echo "building Cairn…"
  (cd "$REPO_DIR" && ./mvnw -q -DskipTests -Dspotless.check.skip=true package)
fi
[ -f "$CAIRN_JAR" ] || { echo "no jar at $CAIRN_JAR (run without --no-build)" >&2; exit 2; }

"${PSQL[@]}" -d postgres -c "create database \"$DB\""
DB_CREATED=1
mkdir -p "$STATIC_DIR/css"
echo "starting Cairn on $BASE (database $DB, static extra $STATIC_DIR)"
# shellcheck disable=SC2086
"$JAVA" $JAVA_OPTS -jar "$CAIRN_JAR" --server.port="$PORT" --server.address=127.0.0.1 \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
  --spring.web.resources.static-locations="classpath:/static/,file:$STATIC_DIR/" \
  --cairn.admin-password=bench-admin-password --logging.level.root=WARN >"$OUT/cairn.log" 2>&1 &
CAIRN_PID=$!
for _ in $(seq 1 1200); do
  curl -fs "$BASE/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$CAIRN_PID" 2>/dev/null || { echo "Cairn exited; see $OUT/cairn.log" >&2; exit 1; }
  sleep 0.1
done
curl -fs "$BASE/actuator/health" >/dev/null || { echo "Cairn did not become healthy in 120 s" >&2; exit 1; }

echo "seeding $INCIDENTS published status page incidents…"
"${PSQL[@]}" -d "$DB" <<SQL
insert into status_components (name, description, group_name, display_order, created_at, updated_at)
select c, 'The ' || c || ' of the product', case when n <= 3 then 'Core' else 'Extras' end, n, now(), now()
from unnest(array['Website','API','Payments','Search','Notifications','Reports']) with ordinality as t(c, n);

-- Bench-only internal incident ids (status_incidents.incident_id is the link, not a foreign key).
insert into status_incidents (incident_id, title, status, started_at, resolved_at, updated_at)
select 900000000 + g, 'Seeded incident ' || g || ': elevated errors <for> "some" users & more',
       'resolved', now() - (g * interval '89 days' / $INCIDENTS) - interval '3 hours',
       now() - (g * interval '89 days' / $INCIDENTS) - interval '1 hour',
       now() - (g * interval '89 days' / $INCIDENTS)
from generate_series(1, $INCIDENTS) g;

insert into status_updates (status_incident_id, status, message, created_at, notified_at)
select id, 'investigating', 'We are investigating reports of errors on part of the service. ' || title, started_at, now()
from status_incidents where incident_id > 900000000;
insert into status_updates (status_incident_id, status, message, created_at, notified_at)
select id, 'resolved', 'The fix is in place and error rates are back to normal.', resolved_at, now()
from status_incidents where incident_id > 900000000;

insert into status_update_impacts (update_id, component_id, impact)
select u.id, c.id, case when u.id % 3 = 0 then 'major_outage' when u.id % 3 = 1 then 'partial_outage' else 'degraded' end
from status_updates u join status_incidents i on i.id = u.status_incident_id
join status_components c on c.display_order = 1 + (i.id % 6)
where u.status = 'investigating';

update status_page_settings set name = 'Bench status', version = version + 1 where id = 1;
SQL
for _ in $(seq 1 100); do
  case "$(curl -fs "$BASE/status/history" || true)" in *"Seeded incident"*) break ;; esac
  sleep 0.1
done
SIZE=$(curl -fs "$BASE/status" | wc -c)
SUMMARY=$(curl -fs "$BASE/status/api/v1/summary.json")
echo "rendered /status: $SIZE bytes; summary.json: ${#SUMMARY} bytes"
# Text of exactly $SIZE bytes (no pipe that stops early: the script runs with pipefail).
yes 'status page benchmark yardstick: static text of the same size as the rendered page.' \
  | head -c "$SIZE" >"$STATIC_DIR/css/bench-status-page.html" || true
STATIC_SIZE=$(curl -fs "$BASE/css/bench-status-page.html" | wc -c)
echo "static file:       $STATIC_SIZE bytes at /css/bench-status-page.html"
[ "$STATIC_SIZE" = "$SIZE" ] || { echo "static file not served at the same size" >&2; exit 1; }

run() { # name path duration
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency "$BASE$2" >"$OUT/$1.txt" 2>&1
}
rps() { awk '/^Requests\/sec:/ {print $2}' "$OUT/$1.txt"; }
p99() { awk '$1 == "99%" {print $2}' "$OUT/$1.txt"; }
non2xx() { awk '/Non-2xx/ {print $NF}' "$OUT/$1.txt"; }

echo "warm-up $WARMUP each…"
run warm-status /status "$WARMUP"
run warm-static /css/bench-status-page.html "$WARMUP"
echo "measuring $DURATION each (wrk -t$THREADS -c$CONNECTIONS)…"
run status /status "$DURATION"
run static /css/bench-status-page.html "$DURATION"

S_RPS=$(rps status); T_RPS=$(rps static)
printf '\n%-28s %12s %10s %8s\n' "what" "requests/s" "p99" "non-2xx"
printf '%-28s %12s %10s %8s\n' "/status (snapshot)" "$S_RPS" "$(p99 status)" "$(non2xx status)"
printf '%-28s %12s %10s %8s\n' "static file, same size" "$T_RPS" "$(p99 static)" "$(non2xx static)"
awk -v a="$S_RPS" -v b="$T_RPS" 'BEGIN { if (b > 0) printf "ratio /status ÷ static: %.2f\n", a / b }'
echo "raw wrk output: $OUT"
