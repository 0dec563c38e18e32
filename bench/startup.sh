#!/usr/bin/env bash
# Cold start-up time and memory of Cairn against a bare Spring Boot app (bench/bare-app).
#
# For each app: N cold starts (default 5), each on a free port on 127.0.0.1. Start time is wall
# clock from launching the JVM until GET /actuator/health answers 200 (polled every 50 ms, at
# most 120 s). After that the process RSS (VmRSS from /proc/<pid>/status) and the JVM heap in use
# (jcmd GC.heap_info, taken after the RSS so it cannot inflate it) are read, then the process is
# stopped. Prints medians and the ratio Cairn/bare; on a shared, noisy machine the ratio is the
# number to compare between runs, not the absolute seconds.
#
# Usage: bench/startup.sh [-n RUNS] [--no-build] [--skip-cairn]
#   JAVA=/path/to/java         JVM used for both apps (default: Temurin 25)
#   JAVA_OPTS="-Xmx512m ..."   the same JVM flags for both apps (default: none)
#   RESULTS_DIR=dir            where logs and the raw CSV go (default: bench/results/<timestamp>)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JCMD=${JCMD:-$(dirname "$JAVA")/jcmd}
JAVA_OPTS=${JAVA_OPTS:-}
RUNS=5
BUILD=1
SKIP_CAIRN=0
TIMEOUT_S=120

while [ $# -gt 0 ]; do
  case "$1" in
    -n|--runs) RUNS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --skip-cairn) SKIP_CAIRN=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$RUNS" in ''|*[!0-9]*) echo "-n needs a positive number" >&2; exit 2 ;; esac
[ "$RUNS" -ge 1 ] && [ "$RUNS" -le 50 ] || { echo "-n must be 1..50" >&2; exit 2; }

RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results/startup-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$RESULTS_DIR"
CSV=$RESULTS_DIR/startup.csv
echo "app,run,start_ms,rss_kb,heap_used_kb" > "$CSV"

BARE_JAR=$BENCH_DIR/bare-app/target/bare-app-0.1.0-SNAPSHOT.jar
CAIRN_JAR=$REPO_DIR/target/cairn-0.1.0-SNAPSHOT.jar
# Fresh in-memory H2 per start, so no run pays for (or profits from) an earlier run's data.
CAIRN_ARGS=(
  "--spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
  "--cairn.admin-password=bench-admin-password"
)

if [ "$BUILD" = 1 ]; then
  echo "building bare-app ..."
  (cd "$REPO_DIR" && ./mvnw -q -f bench/bare-app/pom.xml -DskipTests package) > "$RESULTS_DIR/build-bare.log" 2>&1 \
    || { echo "bare-app build failed, see $RESULTS_DIR/build-bare.log" >&2; exit 1; }
  if [ "$SKIP_CAIRN" = 0 ]; then
    echo "building Cairn ..."
    if ! (cd "$REPO_DIR" && ./mvnw -q -DskipTests package) > "$RESULTS_DIR/build-cairn.log" 2>&1; then
      echo "Cairn build failed (see $RESULTS_DIR/build-cairn.log); using an existing jar if there is one" >&2
    fi
  fi
fi
[ -f "$BARE_JAR" ] || { echo "missing $BARE_JAR" >&2; exit 1; }
if [ "$SKIP_CAIRN" = 0 ] && [ ! -f "$CAIRN_JAR" ]; then
  echo "NOTE: $CAIRN_JAR is missing: skipping Cairn, measuring the bare app only" >&2
  SKIP_CAIRN=1
fi

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local p tries=0
  while [ $tries -lt 200 ]; do
    p=$((20000 + RANDOM % 20000)); tries=$((tries + 1))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo $p; return; fi
  done
  echo "no free port found" >&2; return 1
}

now_ms() { local t=$EPOCHREALTIME; t=${t/./}; echo $((t / 1000)); }

PID=
cleanup() { if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID" 2>/dev/null; sleep 1; kill -9 "$PID" 2>/dev/null || true; fi; }
trap cleanup EXIT INT TERM

stop_app() {
  local pid=$1 i
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# run_once NAME RUN JAR [args...]: one cold start; appends a CSV row; returns 1 if it never got healthy.
run_once() {
  local name=$1 run=$2 jar=$3; shift 3
  local port log t0 t1 code="" rss heap
  port=$(free_port)
  log=$RESULTS_DIR/$name-run$run.log
  t0=$(now_ms)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags on purpose
  "$JAVA" $JAVA_OPTS -jar "$jar" --server.port="$port" --server.address=127.0.0.1 "$@" > "$log" 2>&1 &
  PID=$!
  local deadline=$((t0 + TIMEOUT_S * 1000))
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/actuator/health" || true)
    [ "$code" = 200 ] && break
    if ! kill -0 "$PID" 2>/dev/null; then
      echo "  $name run $run: process exited before healthy, see $log" >&2; PID=; return 1
    fi
    if [ "$(now_ms)" -ge "$deadline" ]; then
      echo "  $name run $run: not healthy after ${TIMEOUT_S}s (last status $code), see $log" >&2
      stop_app "$PID"; PID=; return 1
    fi
    sleep 0.05
  done
  t1=$(now_ms)
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status")
  heap=""
  if [ -x "$JCMD" ]; then
    # G1: " garbage-first heap   total reserved 262144K, committed 65536K, used 23456K [..." ; older: "total 262144K, used 23456K"
    heap=$("$JCMD" "$PID" GC.heap_info 2>/dev/null | sed -n 's/.*heap .*used \([0-9]*\)K.*/\1/p' | head -n 1 || true)
  fi
  echo "$name,$run,$((t1 - t0)),$rss,$heap" >> "$CSV"
  printf '  %-6s run %d: %6d ms  RSS %7d KiB  heap used %s KiB\n' "$name" "$run" $((t1 - t0)) "$rss" "${heap:-?}"
  stop_app "$PID"; PID=
}

median() { # median of column $2 for app $1 from the CSV (empty if no rows)
  awk -F, -v app="$1" -v col="$2" 'NR > 1 && $1 == app && $col != "" {print $col}' "$CSV" | sort -n |
    awk '{v[NR] = $1} END {if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

echo "JVM: $("$JAVA" -version 2>&1 | head -n 1); flags: ${JAVA_OPTS:-none}; runs: $RUNS; cores: $(nproc)"
APPS=(bare)
[ "$SKIP_CAIRN" = 0 ] && APPS+=(cairn)
# Interleave the apps (bare, cairn, bare, cairn, ...) so a burst of noise from other tenants of
# the machine hits both rather than one.
for run in $(seq 1 "$RUNS"); do
  for app in "${APPS[@]}"; do
    if [ "$app" = bare ]; then run_once bare "$run" "$BARE_JAR" || true
    else run_once cairn "$run" "$CAIRN_JAR" "${CAIRN_ARGS[@]}" || true; fi
  done
done

echo
printf '%-8s %14s %16s %18s %6s\n' app "median start" "median RSS" "median heap used" runs
for app in "${APPS[@]}"; do
  n=$(awk -F, -v app="$app" 'NR > 1 && $1 == app' "$CSV" | wc -l)
  s=$(median "$app" 3); r=$(median "$app" 4); h=$(median "$app" 5)
  printf '%-8s %11s ms %12s MiB %14s MiB %6s\n' "$app" "${s:--}" \
    "$([ -n "$r" ] && awk -v v="$r" 'BEGIN {printf "%.0f", v / 1024}' || echo -)" \
    "$([ -n "$h" ] && awk -v v="$h" 'BEGIN {printf "%.0f", v / 1024}' || echo -)" "$n/$RUNS"
done
if [ "$SKIP_CAIRN" = 0 ]; then
  bs=$(median bare 3); cs=$(median cairn 3); br=$(median bare 4); cr=$(median cairn 4)
  if [ -n "$bs" ] && [ -n "$cs" ] && [ -n "$br" ] && [ -n "$cr" ]; then
    printf '%-8s %13s %16s\n' "ratio" "$(awk -v a="$cs" -v b="$bs" 'BEGIN {printf "%.2fx", a / b}')" \
      "$(awk -v a="$cr" -v b="$br" 'BEGIN {printf "%.2fx", a / b}')"
    echo "(ratio = Cairn / bare; start-up and RSS)"
  else
    echo "ratio: not available (an app never became healthy; see logs in $RESULTS_DIR)"
  fi
else
  echo "Cairn: not measured (jar missing or --skip-cairn)"
fi
echo "raw data and logs: $RESULTS_DIR"
