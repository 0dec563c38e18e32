#!/usr/bin/env bash
# Shell functions the benchmark scripts share; sourced, not run. They act only on 127.0.0.1.
# REPO_DIR must be set by the caller (find_pg_jar runs Maven there).

free_port() { # below the ephemeral range (a port an outgoing connection uses cannot be bound), unused in any state
  local p lo
  lo=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  for p in $(shuf -i 10000-$((lo - 1)) -n 200); do
    if ! ss -Htan 2>/dev/null | awk '{print $4}' | grep -q ":$p\$" && ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"; return 0
    fi
  done
  echo "no free port found" >&2; return 1
}

find_pg_jar() {
  [ -n "$PG_JAR" ] && [ -f "$PG_JAR" ] && { echo "$PG_JAR"; return; }
  local jar
  jar=$(cd "$REPO_DIR" && timeout 120 ./mvnw -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null \
    | tr ':' '\n' | grep -m1 '/postgresql-[0-9][^/]*\.jar$' || true)
  [ -z "$jar" ] && jar=$(ls -1 "$HOME"/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar 2>/dev/null | sort -V | tail -n 1 || true)
  echo "$jar"
}

wait_healthy() { # url pid seconds
  local t0; t0=$(date +%s%N)
  for _ in $(seq 1 $(($3 * 20))); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$1" || true)" = 200 ]; then
      echo "   healthy after $(( ($(date +%s%N) - t0) / 1000000 )) ms"; return 0
    fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

